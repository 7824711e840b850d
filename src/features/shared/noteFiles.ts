import * as vscode from 'vscode';
import { resolveLevels } from '../../core/evidence/evidence';
import { trackComparisonText } from '../../core/ladder/lattice';
import { builtinTemplate, notePath, renderTemplate, TYPE_LABELS, type ScaffoldType } from '../../core/notes/templates';
import { toWindowPath } from '../../core/index/roots';
import { isInside, normalizeRelative } from '../../core/util/paths';
import { FeedbackArgs, isNode, NewNoteArgs, parseArgs, type CriterionNodeLike } from './args';
import type { CareerRoot, CareerWorkspace } from './careerWorkspace';
import { Commands } from './ids';
import { pickCriteria, pickRoot, promptTitle } from './pick';

/** How notes are created (the scaffold commands, Log a Win, the harvest): one place, never overwriting. */

const MAX_SUFFIX = 1000;

/**
 * Writes the note at the first free name in the notes folder of `root` (default: the only folder); a
 * WorkspaceEdit that refuses to overwrite makes it race-free.
 */
export async function createUnique(
  workspace: CareerWorkspace,
  type: ScaffoldType,
  date: string,
  title: string,
  text: string,
  root: CareerRoot | undefined = workspace.roots[0],
): Promise<vscode.Uri | undefined> {
  const fs = workspace.fs!;
  const folder = workspace.multiRoot && root ? root.notesPath : workspace.settings.notesFolder;
  const bytes = new TextEncoder().encode(text);
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const path = normalizeRelative(notePath(folder, type, date, title, n));
    // The slug cannot contain a separator or `..`; this check is the second lock on the door.
    if (!path || !isInside(path, folder)) throw new Error(`Refusing to write outside the notes folder: ${String(path)}`);
    if (await fs.exists(path)) continue;
    const uri = fs.uri(path);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(
      uri,
      { overwrite: false, ignoreIfExists: false, contents: bytes },
      { label: `New ${TYPE_LABELS[type].toLowerCase()}`, needsConfirmation: false },
    );
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
export async function readTemplate(workspace: CareerWorkspace, type: ScaffoldType, root: CareerRoot | undefined = workspace.roots[0]): Promise<string> {
  if (!vscode.workspace.isTrusted || !workspace.fs) return builtinTemplate(type);
  // A folder's own templates (with several folders, those of the folder the note goes in).
  const path = toWindowPath(workspace.multiRoot && root ? root.prefix : '', `.career/templates/${type}.md`);
  try {
    const custom = await workspace.fs.readText(path);
    if (custom !== undefined && custom.length < 256 * 1024) return custom.replace(/^\uFEFF/, '');
    if (custom !== undefined) workspace.log.warn(`${path} is over 256 KB; the built-in template was used.`);
  } catch (error) {
    workspace.log.warn(`${path} could not be read; the built-in template was used.`, error);
  }
  return builtinTemplate(type);
}

/** The command that creates each type of note. */
export const COMMAND_OF: Record<ScaffoldType, string> = {
  brag: Commands.newBragEntry,
  'design-doc': Commands.newDesignDoc,
  decision: Commands.newDecisionRecord,
  feedback: Commands.newFeedbackNote,
};

const PLACEHOLDER: Record<ScaffoldType, string> = {
  brag: 'e.g. Led the payments migration to the new ledger',
  'design-doc': 'e.g. Event-driven order pipeline',
  decision: 'e.g. Stay on the IC track toward Staff',
  feedback: 'e.g. Priya on the incident review',
};

/**
 * Creates `<notesFolder>/<type>/<date>-<slug>.md` from the template and opens it. Never overwrites: a
 * name that exists gets `-2`, `-3`... Resolves to the new file's Uri, or undefined when cancelled.
 */
export async function createNote(
  workspace: CareerWorkspace,
  type: ScaffoldType,
  arg?: unknown,
  preselected: readonly string[] = [],
  /** Markdown appended after the template body (Log a Win's "From the code" section). */
  appendix = '',
): Promise<vscode.Uri | undefined> {
  const fs = workspace.fs;
  if (!fs) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice keeps notes in a workspace folder: open a folder first.'));
    return undefined;
  }
  // A tree item (criterion) passed by a context menu preselects its criterion.
  const fromNode = isNode(arg, 'criterion') ? [(arg as CriterionNodeLike).criterionId] : [];
  const args: (NewNoteArgs & { from?: string | undefined }) | undefined = isNode(arg, 'criterion')
    ? {}
    : type === 'feedback'
      ? parseArgs(COMMAND_OF[type], FeedbackArgs, arg)
      : parseArgs(COMMAND_OF[type], NewNoteArgs, arg);
  if (!args) return undefined;
  // The folder first: an unknown `folder` is an error before any prompt opens.
  const root = await pickRoot(workspace, args.folder, {
    command: COMMAND_OF[type],
    title: type === 'feedback' ? vscode.l10n.t('Record Feedback') : vscode.l10n.t('New {0}', TYPE_LABELS[type]),
  });
  if (!root) return undefined;

  const title =
    args.title ?? (await promptTitle(type === 'feedback' ? vscode.l10n.t('Record Feedback') : vscode.l10n.t('New {0}', TYPE_LABELS[type]), PLACEHOLDER[type]));
  if (!title) return undefined;
  let from = args.from;
  if (type === 'feedback' && from === undefined) {
    from = await vscode.window.showInputBox({
      title: vscode.l10n.t('Record Feedback: {0}', title),
      prompt: vscode.l10n.t('Who said it? (a name, and their role if it helps)'),
      placeHolder: vscode.l10n.t('e.g. Priya Raman, engineering manager of Payments'),
    });
    if (from === undefined) return undefined;
  }
  const criteria = args.criteria ?? (await pickCriteria(workspace, { title: `${TYPE_LABELS[type]}: ${title}`, preselected: [...preselected, ...fromNode] }));
  if (!criteria) return undefined;

  const date = workspace.today();
  const ladder = workspace.ladder;
  const { current } = resolveLevels(ladder, workspace.settings);
  const template = await readTemplate(workspace, type, root);
  const criteriaTitles = new Map(criteria.map((id) => [id, ladder.criterion(id)?.criterion.title ?? id] as const));
  // A career decision weighs the current level against the other track's (the target, when it is there).
  const settings = workspace.settings;
  const comparison =
    type === 'decision'
      ? trackComparisonText(ladder, { track: settings.track, currentLevel: args.level ?? settings.currentLevel, targetLevel: settings.targetLevel })
      : undefined;
  const text = renderTemplate(template, {
    title,
    date,
    criteria,
    criteriaTitles,
    level: args.level ?? current.level.id,
    ...(args.review ? { review: args.review } : {}),
    ...(from !== undefined ? { from: from.trim() } : {}),
    ...(comparison !== undefined ? { trackComparison: comparison } : {}),
  });

  const uri = await createUnique(workspace, type, date, title, text + appendix, root);
  if (!uri) return undefined;
  await workspace.notesChanged([uri]);
  if (args.open !== false) {
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    placeCursor(editor);
  }
  return uri;
}

/** Puts the cursor on the first line to write in (after the heading), so typing can start at once. */
function placeCursor(editor: vscode.TextEditor): void {
  const doc = editor.document;
  for (let line = 0; line < doc.lineCount; line++) {
    if (/^## /.test(doc.lineAt(line).text)) {
      const target = Math.min(line + 1, doc.lineCount - 1);
      const pos = new vscode.Position(target, doc.lineAt(target).text.length);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return;
    }
  }
}
