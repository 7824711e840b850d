import * as vscode from 'vscode';
import { resolveLevels } from '../../core/evidence/evidence';
import type { Ladder } from '../../core/ladder/ladder';
import { nearest } from '../../core/util/text';
import { isNode, parseArgs, SetLevelArgs, SwitchTrackArgs, type LevelNodeLike } from '../shared/args';
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
    vscode.commands.registerCommand(Commands.switchTrack, (arg?: unknown) => switchTrack(workspace, arg)),
    new TrackSettingCheck(workspace),
  );
}

/**
 * Writes `careerLattice.track` and `careerLattice.currentLevel`. With `{ level, track? }` no prompt is
 * shown; the track defaults to yours when its path holds the level (a shared trunk level is on every
 * track that forks from it; IC3 is sre's IC3 for a person on sre), else to the level's own. Resolves to the choice, or undefined when cancelled.
 */
export async function setCurrentLevel(workspace: CareerWorkspace, arg: unknown): Promise<LevelChoice | undefined> {
  let choice: LevelChoice | undefined;
  if (arg === undefined || arg === null) {
    choice = await pickLevel(workspace, {
      title: vscode.l10n.t('Set Current Level'),
      placeholder: vscode.l10n.t('Where are you now? The next level becomes your target.'),
    });
  } else {
    const args = parseArgs(Commands.setCurrentLevel, SetLevelArgs, arg);
    if (!args) return undefined;
    const ladder = workspace.ladder;
    if (args.track && !ladder.track(args.track)) {
      void vscode.window.showErrorMessage(unknownTrackMessage(ladder, args.track));
      return undefined;
    }
    // Without a track, the level is looked up on your track first (IC3 of sre when you are on sre).
    const mine = workspace.settings.track;
    const ref = ladder.level(args.level, args.track ?? (ladder.track(mine) ? mine : undefined));
    if (!ref) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Career Lattice: there is no level "{0}" in the ladder. Levels: {1}.',
          args.level,
          [...new Set(ladder.tracks.flatMap((t) => t.levels.map((l) => l.id)))].join(', '),
        ),
      );
      return undefined;
    }
    if (args.track && ladder.positionOn(args.track, ref.level) === undefined) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Career Lattice: level {0} is on the {1} track, not "{2}".', ref.level.id, ref.track.title, args.track),
      );
      return undefined;
    }
    const stay = !args.track && ladder.track(mine) && ladder.positionOn(mine, ref.level) !== undefined;
    choice = { track: args.track ?? (stay ? mine : ref.track.id), level: ref.level.id };
  }
  if (!choice) return undefined;
  await apply(workspace, choice);
  return choice;
}

async function apply(workspace: CareerWorkspace, choice: LevelChoice): Promise<void> {
  const before = workspace.settings;
  await updateSetting(Settings.track, choice.track);
  await updateSetting(Settings.currentLevel, choice.level);
  // A target that is no longer ahead of the new level (nor on another track) would be meaningless;
  // a target on another track stays: that is a change of track the person asked for.
  if (before.targetLevel) {
    const ladder = workspace.ladder;
    const wanted = ladder.level(before.targetLevel, choice.track);
    const resolved = ladder.resolve({ track: choice.track, currentLevel: choice.level, targetLevel: before.targetLevel });
    if (!wanted || resolved.target.level !== wanted.level) await updateSetting(Settings.targetLevel, '');
  }
}

/**
 * Moves to another track, keeping the declared equivalent level where there is one (Senior Engineer
 * <-> Engineering Manager). With two tracks it takes the other one; with more it asks which, unless
 * `{ track }` names it. A person junior to the first level of the new track stays at their level, and
 * that first level becomes their next step.
 */
export async function switchTrack(workspace: CareerWorkspace, arg?: unknown): Promise<LevelChoice | undefined> {
  const args = arg === undefined || arg === null ? {} : parseArgs(Commands.switchTrack, SwitchTrackArgs, arg);
  if (!args) return undefined;
  const ladder = workspace.ladder;
  const { track: currentTrack, current } = resolveLevels(ladder, workspace.settings);
  let trackId: string | undefined = args.track;
  if (trackId !== undefined) {
    if (!ladder.track(trackId)) {
      void vscode.window.showErrorMessage(unknownTrackMessage(ladder, trackId));
      return undefined;
    }
  } else {
    const others = ladder.tracks.filter((t) => t.id !== currentTrack.id);
    if (others.length === 0) {
      // A one-track ladder: an empty pick would only wait to be dismissed.
      void vscode.window.showInformationMessage(vscode.l10n.t('Career Lattice: the ladder has only the {0} track.', currentTrack.title));
      return undefined;
    }
    if (others.length === 1) {
      trackId = others[0]!.id;
    } else {
      const picked = await vscode.window.showQuickPick(
        others.map((t) => {
          const placed = ladder.placeOnTrack(t.id, current.level.id, currentTrack.id);
          const where = placed?.how === 'below-entry' ? vscode.l10n.t('starts at {0}', placed.ref.level.id) : placed ? placed.ref.level.id : '';
          return { label: t.title, id: t.id, description: where, detail: t.description || undefined };
        }),
        { title: vscode.l10n.t('Switch Track'), placeHolder: vscode.l10n.t('Which track? (now: {0}, {1})', currentTrack.title, current.level.id) },
      );
      trackId = picked?.id;
    }
  }
  if (!trackId) return undefined;
  const placed = ladder.placeOnTrack(trackId, current.level.id, currentTrack.id)!;
  // Below the new track's entry the person keeps their level; named with its track when the id is ambiguous.
  const stays = placed.how === 'below-entry';
  const ref = stays ? current : placed.ref;
  const level = stays && ladder.tracksWithLevel(ref.level.id).length > 1 ? `${ref.track.id}.${ref.level.id}` : ref.level.id;
  const choice = { track: trackId, level };
  await apply(workspace, choice);
  const title = ladder.track(trackId)!.title;
  void vscode.window.setStatusBarMessage(
    stays
      ? vscode.l10n.t('Career Lattice: {0} track from {1}; next: {2}', title, ref.level.title, placed.ref.level.title)
      : vscode.l10n.t('Career Lattice: {0} track, {1}', title, ref.level.title),
    4000,
  );
  return choice;
}

function unknownTrackMessage(ladder: Ladder, track: string): string {
  const ids = ladder.tracks.map((t) => t.id);
  const near = nearest(track, ids, 1);
  return vscode.l10n.t(
    'Career Lattice: there is no track "{0}" in the ladder{1}. Tracks: {2}.',
    track,
    near.length ? vscode.l10n.t('; did you mean "{0}"?', near[0]!) : '',
    ids.join(', '),
  );
}

/**
 * `careerLattice.track` takes any track id of the ladder in force. One that names no track (a typo, or a
 * ladder without `ic`) is said once per ladder and value, with a button to pick one.
 */
class TrackSettingCheck implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private said = '';

  constructor(private readonly workspace: CareerWorkspace) {
    this.subscription = workspace.onDidChange((change) => {
      if (change.settings || change.ladder) this.check();
    });
    void workspace.ready.then(() => this.check());
  }

  check(): void {
    const ladder = this.workspace.ladder;
    const track = this.workspace.settings.track;
    if (ladder.track(track)) return;
    const key = `${this.workspace.ladderLoad.source}#${ladder.name}#${track}`;
    // The default `ic` on a ladder without it is not a mistake the person made: no message for it.
    if (this.said === key || (track === 'ic' && !this.workspace.settings.explicitTrack)) return;
    this.said = key;
    const choose = vscode.l10n.t('Choose Track');
    void vscode.window
      .showWarningMessage(`${unknownTrackMessage(ladder, track)} ${vscode.l10n.t('The {0} track is used until then.', ladder.tracks[0]!.title)}`, choose)
      .then(async (picked) => {
        if (picked !== choose) return;
        const chosen = await vscode.window.showQuickPick(
          ladder.tracks.map((t) => ({ label: t.title, description: t.id, id: t.id, detail: t.description || undefined })),
          { title: vscode.l10n.t('Choose Track') },
        );
        if (chosen) await switchTrack(this.workspace, { track: chosen.id });
      });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
