import * as vscode from 'vscode';
import { addCriteria, readCriteria, setCriteria } from '../../core/notes/edit';
import { normalizeRelative } from '../../core/util/paths';
import { parseArgs, TagNoteArgs } from '../shared/args';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { editDocumentCriteria } from '../shared/edits';
import { Commands } from '../shared/ids';
import { pickCriteria } from '../shared/pick';

/**
 * `careerLattice.tagNote`: edits the active note's `criteria:` through the editor (undoable, unsaved
 * text kept). Without arguments a quick pick shows the note's criteria selected, and the selection
 * becomes the list; `{ criteria }` adds those ids. Resolves to the ids that changed.
 */
export function registerTags(context: vscode.ExtensionContext, workspace: CareerWorkspace): void {
  context.subscriptions.push(vscode.commands.registerCommand(Commands.tagNote, (arg?: unknown) => tagNote(workspace, arg)));
}

export async function tagNote(workspace: CareerWorkspace, arg: unknown): Promise<readonly string[] | undefined> {
  const args = arg === undefined || arg instanceof vscode.Uri ? undefined : parseArgs(Commands.tagNote, TagNoteArgs, arg);
  if (arg !== undefined && !(arg instanceof vscode.Uri) && !args) return undefined;
  const target = arg instanceof vscode.Uri ? arg : typeof args?.uri === 'string' ? resolveUri(workspace, args.uri) : args?.uri;
  if (target === null) {
    void vscode.window.showErrorMessage(`Career Lattice: ${Commands.tagNote}: "${String(args?.uri)}" is not a note in this workspace.`);
    return undefined;
  }
  let document: vscode.TextDocument | undefined;
  try {
    document = target ? await vscode.workspace.openTextDocument(target) : vscode.window.activeTextEditor?.document;
  } catch {
    void vscode.window.showErrorMessage(`Career Lattice: ${Commands.tagNote}: cannot open ${target?.toString(true)}.`);
    return undefined;
  }
  if (!document || document.languageId !== 'markdown') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: open a markdown note to tag it.'));
    return undefined;
  }
  let result;
  if (args?.criteria) {
    const ids = args.criteria;
    result = await editDocumentCriteria(document, (text) => addCriteria(text, ids), { save: 'ifClean' });
  } else {
    const current = readCriteria(document.getText());
    const title = workspace.noteFor(document.uri)?.title ?? document.uri.path.split('/').pop() ?? 'note';
    const chosen = await pickCriteria(workspace, {
      title: `Tag: ${title}`,
      preselected: current,
      placeholder: vscode.l10n.t('The criteria this note evidences (selected = tagged)'),
    });
    if (!chosen) return undefined;
    result = await editDocumentCriteria(document, (text) => setCriteria(text, chosen), { save: 'ifClean' });
  }
  if ('error' in result) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: {0}', result.error));
    return undefined;
  }
  await workspace.notesChanged([document.uri]);
  return result.changed;
}

/**
 * `uri` of the argument object: a Uri string (`file:///...`), or a workspace-relative path as
 * openNote takes (`career/brag/x.md`). Null for a relative path that climbs out of the workspace.
 */
function resolveUri(workspace: CareerWorkspace, value: string): vscode.Uri | null {
  if (/^[a-zA-Z][\w+.-]+:/.test(value)) return vscode.Uri.parse(value);
  const path = normalizeRelative(value);
  return path ? (workspace.uriOf(path) ?? null) : null;
}
