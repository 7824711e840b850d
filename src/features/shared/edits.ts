import * as vscode from 'vscode';
import type { CriteriaEditResult, TextSplice } from '../../core/notes/edit';

export type DocumentEditResult = { readonly changed: readonly string[] } | { readonly error: string };

/** Splices computed on `document`'s text as a workspace edit (one undo step). */
export function splicesToEdit(document: vscode.TextDocument, splices: readonly TextSplice[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const s of splices) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(s.offset), document.positionAt(s.offset + s.length)), s.text);
  }
  return edit;
}

export function splicesToTextEdits(document: vscode.TextDocument, splices: readonly TextSplice[]): vscode.TextEdit[] {
  return splices.map((s) => vscode.TextEdit.replace(new vscode.Range(document.positionAt(s.offset), document.positionAt(s.offset + s.length)), s.text));
}

/**
 * Edits a note's `criteria:` through the open document, never by writing the file behind the editor's
 * back: unsaved changes are kept, the edit is one undo step, and if the text changes while the edit is
 * prepared (typing, a reload from disk) it is computed again from the new text.
 *
 * `save: 'ifClean'` saves afterwards only when the document had no unsaved changes before, so the
 * extension never saves somebody's half-finished work.
 */
export async function editDocumentCriteria(
  document: vscode.TextDocument,
  compute: (text: string) => CriteriaEditResult,
  options: { save?: 'ifClean' | 'never' } = {},
): Promise<DocumentEditResult> {
  const wasDirty = document.isDirty;
  for (let attempt = 0; attempt < 3; attempt++) {
    const version = document.version;
    const result = compute(document.getText());
    if ('error' in result) return result;
    if (result.splices.length === 0) return { changed: [] };
    const applied = await vscode.workspace.applyEdit(splicesToEdit(document, result.splices));
    if (applied) {
      if (options.save === 'ifClean' && !wasDirty) await document.save();
      return { changed: result.changed };
    }
    if (document.version === version) break;
  }
  return { error: 'The note changed while it was being edited; nothing was changed. Try again.' };
}
