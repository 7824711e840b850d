import * as vscode from 'vscode';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Views } from '../shared/ids';
import { LadderTreeProvider } from './ladderTree';
import { NotesTreeProvider } from './notesTree';

/** The sidebar: the ladder view and the notes view. */
export function registerTrees(context: vscode.ExtensionContext, workspace: CareerWorkspace): { ladder: LadderTreeProvider; notes: NotesTreeProvider } {
  const ladder = new LadderTreeProvider(workspace);
  const notes = new NotesTreeProvider(workspace);
  const ladderView = vscode.window.createTreeView(Views.ladder, { treeDataProvider: ladder, showCollapseAll: true });
  const notesView = vscode.window.createTreeView(Views.notes, { treeDataProvider: notes, showCollapseAll: true });
  const updateBadge = () => {
    const due = notes.dueDecisions().length;
    notesView.badge = due > 0 ? { value: due, tooltip: `${due} career decision${due === 1 ? '' : 's'} due for review` } : undefined;
  };
  context.subscriptions.push(ladder, notes, ladderView, notesView, workspace.onDidChange(updateBadge));
  return { ladder, notes };
}
