import * as vscode from 'vscode';
import { resolveLevels } from '../../core/evidence/evidence';
import { isNode, parseArgs, SetLevelArgs, type LevelNodeLike } from '../shared/args';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands, Settings } from '../shared/ids';
import { pickLevel } from '../shared/pick';
import { updateSetting } from '../shared/settings';

export interface LevelChoice {
  readonly track: string;
  readonly level: string;
}

/** Choosing where you are: the current level, and the track. */
export function registerLevels(context: vscode.ExtensionContext, workspace: CareerWorkspace): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.setCurrentLevel, (arg?: unknown) => setCurrentLevel(workspace, arg)),
    vscode.commands.registerCommand(Commands.setAsCurrentLevel, (node?: LevelNodeLike) =>
      isNode(node, 'level') ? setCurrentLevel(workspace, { track: node.trackId, level: node.levelId }) : setCurrentLevel(workspace, undefined),
    ),
    vscode.commands.registerCommand(Commands.switchTrack, () => switchTrack(workspace)),
  );
}

/**
 * Writes `careerLattice.track` and `careerLattice.currentLevel`. With `{ level, track? }` no prompt is
 * shown; the track defaults to the level's own. Resolves to the choice, or undefined when cancelled.
 */
export async function setCurrentLevel(workspace: CareerWorkspace, arg: unknown): Promise<LevelChoice | undefined> {
  let choice: LevelChoice | undefined;
  if (arg === undefined || arg === null) {
    choice = await pickLevel(workspace, { title: vscode.l10n.t('Set Current Level'), placeholder: vscode.l10n.t('Where are you now? The next level becomes your target.') });
  } else {
    const args = parseArgs(Commands.setCurrentLevel, SetLevelArgs, arg);
    if (!args) return undefined;
    const ref = workspace.ladder.level(args.level);
    if (!ref) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: there is no level "{0}" in the ladder. Levels: {1}.', args.level, workspace.ladder.tracks.flatMap((t) => t.levels.map((l) => l.id)).join(', ')));
      return undefined;
    }
    if (args.track && args.track !== ref.track.id) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: level {0} is on the {1} track, not "{2}".', ref.level.id, ref.track.title, args.track));
      return undefined;
    }
    choice = { track: ref.track.id, level: ref.level.id };
  }
  if (!choice) return undefined;
  await apply(workspace, choice);
  return choice;
}

async function apply(workspace: CareerWorkspace, choice: LevelChoice): Promise<void> {
  const before = workspace.settings;
  await updateSetting(Settings.track, choice.track);
  await updateSetting(Settings.currentLevel, choice.level);
  // A target that is no longer ahead of the new level (or on another track) would be meaningless.
  if (before.targetLevel) {
    const ladder = workspace.ladder;
    const target = ladder.level(before.targetLevel);
    const current = ladder.level(choice.level);
    if (!target || !current || target.track.id !== current.track.id || target.index <= current.index) {
      await updateSetting(Settings.targetLevel, '');
    }
  }
}

/** Moves to the other track at the equivalent level (Senior Engineer <-> Engineering Manager). */
export async function switchTrack(workspace: CareerWorkspace): Promise<LevelChoice | undefined> {
  const ladder = workspace.ladder;
  const { current } = resolveLevels(ladder, workspace.settings);
  let trackId: string | undefined;
  if (ladder.tracks.length === 2) {
    trackId = ladder.tracks.find((t) => t.id !== current.track.id)!.id;
  } else {
    const others = ladder.tracks.filter((t) => t.id !== current.track.id);
    if (others.length === 0) {
      // A one-track ladder: an empty pick would only wait to be dismissed.
      void vscode.window.showInformationMessage(vscode.l10n.t('Career Lattice: the ladder has only the {0} track.', current.track.title));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      others.map((t) => ({ label: t.title, id: t.id })),
      { title: vscode.l10n.t('Switch Track') },
    );
    trackId = picked?.id;
  }
  if (!trackId) return undefined;
  const level = ladder.levelOnTrack(trackId, current.level.id)!;
  const choice = { track: trackId, level: level.level.id };
  await apply(workspace, choice);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Career Lattice: {0} track, {1}', level.track.title, level.level.title), 4000);
  return choice;
}
