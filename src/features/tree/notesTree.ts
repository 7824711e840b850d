import * as vscode from 'vscode';
import type { NoteRecord } from '../../core/index/noteIndex';
import type { NoteType } from '../../core/notes/schema';
import { TYPE_LABELS } from '../../core/notes/templates';
import { isReviewDue } from '../../core/notes/validate';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { noteIcon } from './icons';
import { RefreshingTree } from './refreshing';

/**
 * `folder` (the workspace folder's window prefix) only in a multi-root window, where the view's top
 * level is one node per workspace folder; a single-folder window never sets it.
 */
export type NotesNode =
  | { readonly kind: 'folder'; readonly folder: string }
  | { readonly kind: 'due'; readonly folder?: string }
  | { readonly kind: 'type'; readonly type: NoteType; readonly folder?: string }
  | { readonly kind: 'month'; readonly type: NoteType; readonly month: string; readonly folder?: string }
  | { readonly kind: 'note'; readonly path: string; readonly group: string; readonly folder?: string };

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

  /** Decision records whose review date has come, oldest review first (of one workspace folder, when given). */
  dueDecisions(folder?: string): NoteRecord[] {
    return within(this.workspace.dueDecisions(), folder);
  }

  getChildren(node?: NotesNode): NotesNode[] {
    const index = this.workspace.index;
    if (!node) {
      if (this.workspace.multiRoot) return this.workspace.roots.map((r) => ({ kind: 'folder', folder: r.prefix }));
      return this.topLevel(undefined);
    }
    const folder = node.kind === 'folder' ? node.folder : node.folder;
    const at = folder !== undefined ? { folder } : {};
    switch (node.kind) {
      case 'folder':
        return this.topLevel(node.folder);
      case 'due':
        return this.dueDecisions(folder).map((n) => ({ kind: 'note', path: n.path, group: 'due', ...at }));
      case 'type': {
        const months = new Set(within(index.byType(node.type), folder).map((n) => n.date?.slice(0, 7) ?? 'undated'));
        return [...months].sort(byMonthDesc).map((month) => ({ kind: 'month', type: node.type, month, ...at }));
      }
      case 'month':
        return within(index.byType(node.type), folder)
          .filter((n) => (n.date?.slice(0, 7) ?? 'undated') === node.month)
          .map((n) => ({ kind: 'note', path: n.path, group: `${node.type}:${node.month}`, ...at }));
      case 'note':
        return [];
    }
  }

  /** Due decisions and the types that have notes (of one workspace folder, when given). */
  private topLevel(folder: string | undefined): NotesNode[] {
    const index = this.workspace.index;
    const at = folder !== undefined ? { folder } : {};
    const roots: NotesNode[] = [];
    if (this.dueDecisions(folder).length > 0) roots.push({ kind: 'due', ...at });
    for (const type of TYPE_ORDER) if (within(index.byType(type), folder).length > 0) roots.push({ kind: 'type', type, ...at });
    return roots;
  }

  getParent(node: NotesNode): NotesNode | undefined {
    const at = node.kind !== 'folder' && node.folder !== undefined ? { folder: node.folder } : {};
    if (node.kind === 'month') return { kind: 'type', type: node.type, ...at };
    if (node.kind === 'note') {
      if (node.group === 'due') return { kind: 'due', ...at };
      const [type, month] = node.group.split(':') as [NoteType, string];
      return { kind: 'month', type, month, ...at };
    }
    if ((node.kind === 'type' || node.kind === 'due') && node.folder !== undefined) return { kind: 'folder', folder: node.folder };
    return undefined;
  }

  getTreeItem(node: NotesNode): vscode.TreeItem {
    const index = this.workspace.index;
    // Ids of a folder's nodes carry the folder; a single-folder window's ids are as they always were.
    const scope = node.kind !== 'folder' && node.folder !== undefined ? `${node.folder}/` : '';
    switch (node.kind) {
      case 'folder': {
        const root = this.workspace.roots.find((r) => r.prefix === node.folder);
        const count = within(index.all(), node.folder).length;
        const item = new vscode.TreeItem(root?.folder.name ?? node.folder, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `folder:${node.folder}`;
        item.description = count === 0 ? vscode.l10n.t('no notes in {0}/', root?.settings.notesFolder ?? '') : String(count);
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.tooltip = root ? `${root.folder.name} · ${root.notesPath}/` : node.folder;
        item.contextValue = 'workspaceFolder';
        if (root) item.resourceUri = root.folder.uri;
        return item;
      }
      case 'due': {
        const count = this.dueDecisions(node.folder).length;
        const item = new vscode.TreeItem(vscode.l10n.t('Due for review'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${scope}due`;
        item.description = count === 1 ? vscode.l10n.t('1 decision') : vscode.l10n.t('{0} decisions', count);
        item.iconPath = new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('charts.orange'));
        item.tooltip = vscode.l10n.t('Career decision records whose review date has come: compare what happened with the expected outcome.');
        return item;
      }
      case 'type': {
        const count = within(index.byType(node.type), node.folder).length;
        const item = new vscode.TreeItem(
          GROUP_LABELS[node.type],
          node.type === 'brag' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `${scope}type:${node.type}`;
        item.description = String(count);
        item.iconPath = noteIcon(node.type);
        return item;
      }
      case 'month': {
        const notes = within(index.byType(node.type), node.folder).filter((n) => (n.date?.slice(0, 7) ?? 'undated') === node.month);
        const item = new vscode.TreeItem(monthLabel(node.month), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${scope}month:${node.type}:${node.month}`;
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
    item.id = `${node.folder !== undefined ? `${node.folder}/` : ''}note:${node.group}:${node.path}`;
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

/** The notes of one workspace folder (by its window prefix); all of them when no folder is given. */
function within(notes: NoteRecord[], folder: string | undefined): NoteRecord[] {
  if (folder === undefined) return notes;
  const prefix = `${folder}/`;
  return notes.filter((n) => n.path.startsWith(prefix));
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
