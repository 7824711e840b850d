import * as vscode from 'vscode';
import type { NoteRecord } from '../../core/index/noteIndex';
import type { NoteType } from '../../core/notes/schema';
import { TYPE_LABELS } from '../../core/notes/templates';
import { isReviewDue } from '../../core/notes/validate';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { noteIcon } from './icons';
import { RefreshingTree } from './refreshing';

export type NotesNode =
  | { readonly kind: 'due' }
  | { readonly kind: 'type'; readonly type: NoteType }
  | { readonly kind: 'month'; readonly type: NoteType; readonly month: string }
  | { readonly kind: 'note'; readonly path: string; readonly group: string };

const TYPE_ORDER: readonly NoteType[] = ['brag', 'feedback', 'design-doc', 'decision', 'note', 'packet'];
const GROUP_LABELS: Record<NoteType, string> = {
  brag: 'Brag entries',
  'design-doc': 'Design docs',
  decision: 'Decision records',
  feedback: 'Feedback (their words)',
  note: 'Notes',
  packet: 'Promotion packets',
};

/** The notes view: notes by type and month with their criteria; decisions due for review on top. */
export class NotesTreeProvider extends RefreshingTree<NotesNode> implements vscode.TreeDataProvider<NotesNode> {
  constructor(workspace: CareerWorkspace) {
    super(workspace);
  }

  /** Decision records whose review date has come, oldest review first. */
  dueDecisions(): NoteRecord[] {
    return this.workspace.dueDecisions();
  }

  getChildren(node?: NotesNode): NotesNode[] {
    const index = this.workspace.index;
    if (!node) {
      const roots: NotesNode[] = [];
      if (this.dueDecisions().length > 0) roots.push({ kind: 'due' });
      for (const type of TYPE_ORDER) if (index.byType(type).length > 0) roots.push({ kind: 'type', type });
      return roots;
    }
    switch (node.kind) {
      case 'due':
        return this.dueDecisions().map((n) => ({ kind: 'note', path: n.path, group: 'due' }));
      case 'type': {
        const months = new Set(index.byType(node.type).map((n) => n.date?.slice(0, 7) ?? 'undated'));
        return [...months].sort(byMonthDesc).map((month) => ({ kind: 'month', type: node.type, month }));
      }
      case 'month':
        return index
          .byType(node.type)
          .filter((n) => (n.date?.slice(0, 7) ?? 'undated') === node.month)
          .map((n) => ({ kind: 'note', path: n.path, group: `${node.type}:${node.month}` }));
      case 'note':
        return [];
    }
  }

  getParent(node: NotesNode): NotesNode | undefined {
    if (node.kind === 'month') return { kind: 'type', type: node.type };
    if (node.kind === 'note') {
      if (node.group === 'due') return { kind: 'due' };
      const [type, month] = node.group.split(':') as [NoteType, string];
      return { kind: 'month', type, month };
    }
    return undefined;
  }

  getTreeItem(node: NotesNode): vscode.TreeItem {
    const index = this.workspace.index;
    switch (node.kind) {
      case 'due': {
        const count = this.dueDecisions().length;
        const item = new vscode.TreeItem(vscode.l10n.t('Due for review'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'due';
        item.description = count === 1 ? vscode.l10n.t('1 decision') : vscode.l10n.t('{0} decisions', count);
        item.iconPath = new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('charts.orange'));
        item.tooltip = vscode.l10n.t('Career decision records whose review date has come: compare what happened with the expected outcome.');
        return item;
      }
      case 'type': {
        const count = index.byType(node.type).length;
        const item = new vscode.TreeItem(
          GROUP_LABELS[node.type],
          node.type === 'brag' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `type:${node.type}`;
        item.description = String(count);
        item.iconPath = noteIcon(node.type);
        return item;
      }
      case 'month': {
        const notes = index.byType(node.type).filter((n) => (n.date?.slice(0, 7) ?? 'undated') === node.month);
        const item = new vscode.TreeItem(monthLabel(node.month), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `month:${node.type}:${node.month}`;
        item.description = String(notes.length);
        item.iconPath = new vscode.ThemeIcon('calendar');
        return item;
      }
      case 'note':
        return this.noteItem(node);
    }
  }

  private noteItem(node: Extract<NotesNode, { kind: 'note' }>): vscode.TreeItem {
    const note = this.workspace.index.get(node.path);
    const item = new vscode.TreeItem(note?.title ?? node.path, vscode.TreeItemCollapsibleState.None);
    item.id = `note:${node.group}:${node.path}`;
    if (!note) return item;
    const due = isReviewDue(note, this.workspace.today());
    const ladder = this.workspace.ladder;
    const titles = note.criteria.map((id) => ladder.criterion(id)?.criterion.title ?? id);
    // Feedback is someone else's words: said so in the row, not only by its icon.
    const said = note.type === 'feedback' ? [note.from ? vscode.l10n.t('their words: {0}', note.from) : vscode.l10n.t('their words')] : [];
    item.description = [
      ...said,
      due ? vscode.l10n.t('review due {0}', note.review ?? '') : (note.date ?? vscode.l10n.t('undated')),
      titles.join(', ') || vscode.l10n.t('untagged'),
    ].join(' · ');
    item.iconPath = noteIcon(note.type, due);
    item.contextValue = due ? 'note.reviewDue' : 'note';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escape(note.title)}** — ${TYPE_LABELS[note.type]}${note.date ? `, ${note.date}` : ''}\n\n`);
    if (due) tooltip.appendMarkdown(`$(bell-dot) Review was due on ${note.review}.\n\n`);
    if (note.type === 'feedback')
      tooltip.appendMarkdown(
        `$(comment-discussion) ${escape(vscode.l10n.t('Feedback in the words of {0}, not your own.', note.from || vscode.l10n.t('someone else')))}\n\n`,
      );
    if (note.criteria.length) tooltip.appendMarkdown(note.criteria.map((id, i) => `- ${escape(titles[i]!)} \`${id}\``).join('\n') + '\n\n');
    if (note.impact.length) tooltip.appendMarkdown(`Impact: ${escape(note.impact.join('; '))}\n\n`);
    tooltip.appendMarkdown(`\`${node.path}\``);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    item.command = { command: Commands.openNote, title: vscode.l10n.t('Open Note'), arguments: [node.path] };
    const uri = this.workspace.uriOf(node.path);
    if (uri) item.resourceUri = uri;
    return item;
  }
}

function byMonthDesc(a: string, b: string): number {
  if (a === 'undated') return 1;
  if (b === 'undated') return -1;
  return a < b ? 1 : a > b ? -1 : 0;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthLabel(month: string): string {
  if (month === 'undated') return 'Undated';
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
