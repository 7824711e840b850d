import * as vscode from 'vscode';
import { resolveLevels } from '../../core/evidence/evidence';
import { renderTemplate, SCAFFOLD_TYPES, TYPE_LABELS, type ScaffoldType } from '../../core/notes/templates';
import { FeedbackArgs, isNode, NewNoteArgs, parseArgs, type CriterionNodeLike } from '../shared/args';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { createUnique, readTemplate } from '../shared/noteFiles';
import { pickCriteria, promptTitle } from '../shared/pick';

const COMMAND_OF: Record<ScaffoldType, string> = {
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

/** Commands that create notes from templates: brag entries, design docs, decision records. */
export function registerScaffold(context: vscode.ExtensionContext, workspace: CareerWorkspace): void {
  for (const type of SCAFFOLD_TYPES) {
    context.subscriptions.push(vscode.commands.registerCommand(COMMAND_OF[type], (arg?: unknown) => createNote(workspace, type, arg)));
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.newBragEntryForCriterion, (node?: CriterionNodeLike) =>
      createNote(workspace, 'brag', undefined, isNode(node, 'criterion') ? [node.criterionId] : []),
    ),
    vscode.commands.registerCommand(Commands.newNote, async () => {
      const picked = await vscode.window.showQuickPick(
        SCAFFOLD_TYPES.map((type) => ({ type, label: TYPE_LABELS[type], description: DESCRIPTIONS[type] })),
        { title: vscode.l10n.t('New Career Note'), placeHolder: vscode.l10n.t('What kind of note?') },
      );
      return picked ? vscode.commands.executeCommand(COMMAND_OF[picked.type]) : undefined;
    }),
  );
}

const DESCRIPTIONS: Record<ScaffoldType, string> = {
  brag: 'A win, with your role and its impact',
  'design-doc': 'Context, goals, proposal, alternatives, risks, rollout',
  decision: 'A career decision, its reasons, and a date to review it',
  feedback: "What someone else said about your work, in their words",
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
  const args: (NewNoteArgs & { from?: string | undefined }) | undefined = isNode(arg, 'criterion') ? {} : type === 'feedback' ? parseArgs(COMMAND_OF[type], FeedbackArgs, arg) : parseArgs(COMMAND_OF[type], NewNoteArgs, arg);
  if (!args) return undefined;

  const title = args.title ?? (await promptTitle(type === 'feedback' ? vscode.l10n.t('Record Feedback') : vscode.l10n.t('New {0}', TYPE_LABELS[type]), PLACEHOLDER[type]));
  if (!title) return undefined;
  let from = args.from;
  if (type === 'feedback' && from === undefined) {
    from = await vscode.window.showInputBox({ title: vscode.l10n.t('Record Feedback: {0}', title), prompt: vscode.l10n.t('Who said it? (a name, and their role if it helps)'), placeHolder: vscode.l10n.t('e.g. Priya Raman, engineering manager of Payments') });
    if (from === undefined) return undefined;
  }
  const criteria =
    args.criteria ??
    (await pickCriteria(workspace, { title: `${TYPE_LABELS[type]}: ${title}`, preselected: [...preselected, ...fromNode] }));
  if (!criteria) return undefined;

  const date = workspace.today();
  const ladder = workspace.ladder;
  const { current } = resolveLevels(ladder, workspace.settings);
  const template = await readTemplate(workspace, type);
  const criteriaTitles = new Map(criteria.map((id) => [id, ladder.criterion(id)?.criterion.title ?? id] as const));
  const text = renderTemplate(template, {
    title,
    date,
    criteria,
    criteriaTitles,
    level: args.level ?? current.level.id,
    ...(args.review ? { review: args.review } : {}),
    ...(from !== undefined ? { from: from.trim() } : {}),
  });

  const uri = await createUnique(workspace, type, date, title, text + appendix);
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
