import * as vscode from 'vscode';
import { SCAFFOLD_TYPES, TYPE_LABELS, type ScaffoldType } from '../../core/notes/templates';
import { isNode, NewAnyNoteArgs, parseArgs, type CriterionNodeLike } from '../shared/args';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { COMMAND_OF, createNote } from '../shared/noteFiles';
import { findRoot, pickRoot } from '../shared/pick';

/** Commands that create notes from templates: brag entries, design docs, decision records. */
export function registerScaffold(context: vscode.ExtensionContext, workspace: CareerWorkspace): void {
  for (const type of SCAFFOLD_TYPES) {
    context.subscriptions.push(vscode.commands.registerCommand(COMMAND_OF[type], (arg?: unknown) => createNote(workspace, type, arg)));
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.newBragEntryForCriterion, (node?: CriterionNodeLike) =>
      createNote(workspace, 'brag', undefined, isNode(node, 'criterion') ? [node.criterionId] : []),
    ),
    vscode.commands.registerCommand(Commands.newNote, async (arg?: unknown) => {
      // `{ type, folder, ... }`: `type` answers the first prompt, the rest goes to that type's command. A tree item or Uri (a menu) is no argument object.
      const args = isArgumentObject(arg) ? parseArgs(Commands.newNote, NewAnyNoteArgs, arg) : {};
      if (!args) return undefined;
      if (args.folder !== undefined && !findRoot(workspace.roots, args.folder)) {
        // The same message as the note commands give, before the type is asked.
        return pickRoot(workspace, args.folder, { command: Commands.newNote, title: vscode.l10n.t('New Career Note') });
      }
      const type =
        args.type ??
        (
          await vscode.window.showQuickPick(
            SCAFFOLD_TYPES.map((type) => ({ type, label: TYPE_LABELS[type], description: DESCRIPTIONS[type] })),
            { title: vscode.l10n.t('New Career Note'), placeHolder: vscode.l10n.t('What kind of note?') },
          )
        )?.type;
      if (!type) return undefined;
      // The rest of the argument object (title, criteria, folder...) is that type's command's to answer.
      const rest = isArgumentObject(arg) ? Object.fromEntries(Object.entries(arg as object).filter(([key]) => key !== 'type')) : {};
      return vscode.commands.executeCommand(COMMAND_OF[type], Object.keys(rest).length ? rest : undefined);
    }),
  );
}

const DESCRIPTIONS: Record<ScaffoldType, string> = {
  brag: 'A win, with your role and its impact',
  'design-doc': 'Context, goals, proposal, alternatives, risks, rollout',
  decision: 'A career decision, its reasons, and a date to review it',
  feedback: 'What someone else said about your work, in their words',
};

/** A plain object a caller passed (not a tree item or Uri from a menu). */
function isArgumentObject(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && !('kind' in arg);
}
