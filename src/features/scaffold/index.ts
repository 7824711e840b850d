import * as vscode from 'vscode';
import { SCAFFOLD_TYPES, TYPE_LABELS, type ScaffoldType } from '../../core/notes/templates';
import { isNode, type CriterionNodeLike } from '../shared/args';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { COMMAND_OF, createNote } from '../shared/noteFiles';

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
  feedback: 'What someone else said about your work, in their words',
};
