import * as vscode from 'vscode';
import type { Draft } from '../../core/git/drafts';
import type { WorkstreamKind } from '../../core/git/workstreams';
import { plural } from '../../core/util/text';
import { ContextKeys, Commands, Views } from '../shared/ids';
import { baseName } from './run';

export interface DraftNode {
  readonly kind: 'draft';
  readonly id: string;
}
interface CommitNode {
  readonly kind: 'commit';
  readonly draftId: string;
  readonly hash: string;
}
type Node = DraftNode | CommitNode;

const ICONS: Record<WorkstreamKind, string> = {
  'pull-request': 'git-pull-request',
  branch: 'git-branch',
  scope: 'symbol-namespace',
  paths: 'folder',
  revert: 'discard',
  hotfix: 'flame',
  incident: 'warning',
};

const KIND_LABEL: Record<WorkstreamKind, string> = {
  'pull-request': 'pull request',
  branch: 'branch',
  scope: 'scope',
  paths: 'paths',
  revert: 'revert',
  hotfix: 'hotfix',
  incident: 'incident fix',
};

/**
 * The Harvest view: drafts waiting for review, newest first, each with its commits below it. Enter on
 * a draft offers its actions; Ctrl+Enter accepts, Delete skips, F2 edits the title.
 */
export class DraftsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private drafts: Draft[] = [];
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly tree: vscode.TreeView<Node>;

  constructor() {
    this.tree = vscode.window.createTreeView(Views.harvest, { treeDataProvider: this, showCollapseAll: true });
  }

  all(): readonly Draft[] {
    return this.drafts;
  }

  get(id: string): Draft | undefined {
    return this.drafts.find((d) => d.id === id);
  }

  set(drafts: readonly Draft[]): void {
    this.drafts = [...drafts];
    this.changed();
  }

  replace(id: string, draft: Draft): void {
    this.drafts = this.drafts.map((d) => (d.id === id ? draft : d));
    this.changed();
  }

  remove(...ids: string[]): void {
    this.drafts = this.drafts.filter((d) => !ids.includes(d.id));
    this.changed();
  }

  /** The draft a command is about: its argument (a node, an id, `{ id }`), else the selected one. */
  target(arg: unknown): Draft | undefined {
    if (typeof arg === 'string') return this.get(arg);
    if (typeof arg === 'object' && arg !== null && typeof (arg as { id?: unknown }).id === 'string') return this.get((arg as { id: string }).id);
    if (typeof arg === 'object' && arg !== null && (arg as Node).kind === 'commit') return this.get((arg as CommitNode).draftId);
    const selected = this.tree.selection[0];
    return selected ? this.get(selected.kind === 'draft' ? selected.id : selected.draftId) : undefined;
  }

  async reveal(): Promise<void> {
    // The first row shown: the newest draft.
    const first = this.drafts[this.drafts.length - 1];
    if (!first) return;
    await vscode.commands.executeCommand(`${Views.harvest}.focus`);
    await this.tree.reveal({ kind: 'draft', id: first.id }, { select: true, focus: true });
  }

  private changed(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.hasDrafts, this.drafts.length > 0);
    this.tree.badge = this.drafts.length
      ? { value: this.drafts.length, tooltip: vscode.l10n.t('{0} to review', plural(this.drafts.length, 'draft')) }
      : undefined;
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return [...this.drafts].reverse().map((d) => ({ kind: 'draft', id: d.id }));
    if (node.kind === 'draft') return (this.get(node.id)?.commits ?? []).map((c) => ({ kind: 'commit', draftId: node.id, hash: c.hash }));
    return [];
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'commit' ? { kind: 'draft', id: node.draftId } : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'commit') {
      const commit = this.get(node.draftId)?.commits.find((c) => c.hash === node.hash);
      const item = new vscode.TreeItem(commit?.subject ?? node.hash, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.draftId}/${node.hash}`;
      item.description = `${node.hash.slice(0, 8)} · ${commit?.date ?? ''}`;
      item.iconPath = new vscode.ThemeIcon('git-commit');
      item.contextValue = 'draftCommit';
      return item;
    }
    const draft = this.get(node.id)!;
    const item = new vscode.TreeItem(draft.title, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = draft.id;
    const marks = draft.marks.filter((m) => m !== draft.kind);
    item.description = [
      draft.date,
      baseName(draft.repository),
      KIND_LABEL[draft.kind] + (draft.pr !== undefined ? ` #${draft.pr}` : ''),
      ...marks,
      plural(draft.commits.length, 'commit'),
      draft.criteria.length ? plural(draft.criteria.length, 'criterion', 'criteria') : 'no criteria',
    ].join(' · ');
    item.iconPath = new vscode.ThemeIcon(ICONS[draft.kind]);
    item.contextValue = 'draft';
    item.accessibilityInformation = { label: `${draft.title}, ${item.description}`, role: 'treeitem' };
    item.command = { command: Commands.draftActions, title: vscode.l10n.t('Draft Actions...'), arguments: [{ kind: 'draft', id: draft.id }] };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (node.kind !== 'draft') return item;
    const draft = this.get(node.id);
    if (!draft) return item;
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(draft.title).appendMarkdown('**\n\n');
    md.appendText(`${draft.repository}${draft.branch ? ` (${draft.branch})` : ''}\n`);
    md.appendText(`${draft.diffstat.files} files, +${draft.diffstat.insertions} −${draft.diffstat.deletions}\n`);
    md.appendMarkdown('\n').appendText(`Criteria: ${draft.criteria.join(', ') || 'none'}`);
    item.tooltip = md;
    return item;
  }

  dispose(): void {
    this.tree.dispose();
    this.emitter.dispose();
  }
}
