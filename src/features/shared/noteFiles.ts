import * as vscode from 'vscode';
import { builtinTemplate, notePath, TYPE_LABELS, type ScaffoldType } from '../../core/notes/templates';
import { isInside, normalizeRelative } from '../../core/util/paths';
import type { CareerWorkspace } from './careerWorkspace';

/** How notes are created (the scaffold commands, Log a Win, the harvest): one place, never overwriting. */

const MAX_SUFFIX = 1000;

/** Writes the note at the first free name; a WorkspaceEdit that refuses to overwrite makes it race-free. */
export async function createUnique(workspace: CareerWorkspace, type: ScaffoldType, date: string, title: string, text: string): Promise<vscode.Uri | undefined> {
  const fs = workspace.fs!;
  const folder = workspace.settings.notesFolder;
  const bytes = new TextEncoder().encode(text);
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const path = normalizeRelative(notePath(folder, type, date, title, n));
    // The slug cannot contain a separator or `..`; this check is the second lock on the door.
    if (!path || !isInside(path, folder)) throw new Error(`Refusing to write outside the notes folder: ${String(path)}`);
    if (await fs.exists(path)) continue;
    const uri = fs.uri(path);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: bytes }, { label: `New ${TYPE_LABELS[type].toLowerCase()}`, needsConfirmation: false });
    if (await vscode.workspace.applyEdit(edit)) return uri;
    if (!(await fs.exists(path))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice could not create {0}.', path));
      return undefined;
    }
  }
  void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: more than {0} notes named "{1}" today; choose another title.', MAX_SUFFIX, title));
  return undefined;
}

/**
 * The team's template `.career/templates/<type>.md` when the workspace is trusted and has one, else the
 * built-in template. A template is text with `{{variables}}`; nothing in it is run.
 */
export async function readTemplate(workspace: CareerWorkspace, type: ScaffoldType): Promise<string> {
  if (!vscode.workspace.isTrusted || !workspace.fs) return builtinTemplate(type);
  try {
    const custom = await workspace.fs.readText(`.career/templates/${type}.md`);
    if (custom !== undefined && custom.length < 256 * 1024) return custom.replace(/^\uFEFF/, '');
    if (custom !== undefined) workspace.log.warn(`.career/templates/${type}.md is over 256 KB; the built-in template was used.`);
  } catch (error) {
    workspace.log.warn(`.career/templates/${type}.md could not be read; the built-in template was used.`, error);
  }
  return builtinTemplate(type);
}

