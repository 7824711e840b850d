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
  if (!(await inSyncWithDisk(document))) {
    return { error: vscode.l10n.t('The note changed on disk and the editor has not reloaded it yet; nothing was changed. Try again.') };
  }
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

/**
 * For a document without unsaved changes: true once its text is what is on disk. When the file was
 * changed behind the editor (another program, a git checkout), VS Code reloads it a moment later; an
 * edit made before that would be saved over the new text, so wait (up to two seconds) for the reload.
 */
async function inSyncWithDisk(document: vscode.TextDocument): Promise<boolean> {
  if (document.isDirty || document.isUntitled) return true;
  let disk: string;
  try {
    disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
  } catch {
    return true; // nothing on disk to lose (deleted meanwhile): the save will recreate it
  }
  const same = () => normalizeEol(disk) === normalizeEol(document.getText()) || document.isDirty;
  if (same()) return true;
  return new Promise<boolean>((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    };
    const timer = setTimeout(() => done(same()), 2000);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document && same()) done(true);
    });
  });
}

function normalizeEol(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
}
