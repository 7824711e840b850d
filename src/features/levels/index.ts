import * as vscode from 'vscode';
import { resolveLevels } from '../../core/evidence/evidence';
import type { Ladder } from '../../core/ladder/ladder';
import { settingValueRange } from '../../core/util/settingsFile';
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
  // The suggestion ends its own sentence: "...; did you mean "management"? Tracks: ..." (not "?.").
  return vscode.l10n.t(
    'Career Lattice: there is no track "{0}" in the ladder{1} Tracks: {2}.',
    track,
    near.length ? vscode.l10n.t('; did you mean "{0}"?', near[0]!) : '.',
    ids.join(', '),
  );
}

/**
 * `careerLattice.track` takes any track id of the ladder in force. One that names no track (a typo, or a
 * ladder without `ic`) is said once per ladder and value, with a button to pick one, and stays in the
 * Problems panel on the setting's line of the workspace settings file while it is wrong. Until then
 * the ladder's first track is used.
 */
class TrackSettingCheck implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('careerLattice.settings');
  private said = '';
  private runs = 0;

  constructor(private readonly workspace: CareerWorkspace) {
    this.subscription = workspace.onDidChange((change) => {
      if (change.settings || change.ladder) this.check();
    });
    void workspace.ready.then(() => this.check());
  }

  check(): void {
    const ladder = this.workspace.ladder;
    const track = this.workspace.settings.track;
    void this.mark(ladder.track(track) ? undefined : track);
    if (ladder.track(track)) return;
    const key = `${this.workspace.ladderLoad.source}#${ladder.name}#${track}`;
    // The default `ic` on a ladder without it is not a mistake the person made: no message for it.
    if (this.said === key || (track === 'ic' && !this.workspace.settings.explicitTrack)) return;
    this.said = key;
    this.workspace.log.warn(`careerLattice.track is "${track}", which is not a track of the ladder in force; using ${ladder.tracks[0]!.id}.`);
    const choose = vscode.l10n.t('Choose Track');
    void vscode.window.showWarningMessage(this.message(track), choose).then(async (picked) => {
      if (picked !== choose) return;
      const chosen = await vscode.window.showQuickPick(
        ladder.tracks.map((t) => ({ label: t.title, description: t.id, id: t.id, detail: t.description || undefined })),
        { title: vscode.l10n.t('Choose Track') },
      );
      if (chosen) await switchTrack(this.workspace, { track: chosen.id });
    });
  }

  private message(track: string): string {
    const ladder = this.workspace.ladder;
    return `${unknownTrackMessage(ladder, track)} ${vscode.l10n.t('The {0} track is used until then.', ladder.tracks[0]!.title)}`;
  }

  /**
   * A diagnostic on the value of `careerLattice.track` in the settings file that holds the wrong value
   * (the folder's `.vscode/settings.json`, or the `.code-workspace` file); none when the value is right
   * or comes from user settings (a file no extension can point into).
   */
  private async mark(wrong: string | undefined): Promise<void> {
    const run = ++this.runs;
    const found = wrong === undefined ? undefined : await this.locate(wrong);
    if (run !== this.runs) return;
    this.diagnostics.clear();
    if (!found || wrong === undefined) return;
    const d = new vscode.Diagnostic(found.range, this.message(wrong), vscode.DiagnosticSeverity.Warning);
    d.source = 'Career Lattice';
    d.code = 'unknown-track';
    this.diagnostics.set(found.uri, [d]);
  }

  private async locate(wrong: string): Promise<{ uri: vscode.Uri; range: vscode.Range } | undefined> {
    const inspected = vscode.workspace.getConfiguration(Settings.section).inspect<string>(Settings.track);
    const is = (v: unknown) => typeof v === 'string' && v.trim() === wrong;
    const files: vscode.Uri[] = [];
    const fs = this.workspace.fs;
    if (fs && (is(inspected?.workspaceFolderValue) || (is(inspected?.workspaceValue) && !vscode.workspace.workspaceFile))) {
      files.push(fs.uri('.vscode/settings.json'));
    }
    const workspaceFile = vscode.workspace.workspaceFile;
    if (workspaceFile && workspaceFile.scheme !== 'untitled' && is(inspected?.workspaceValue)) files.push(workspaceFile);
    for (const uri of files) {
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const at = settingValueRange(text, `${Settings.section}.${Settings.track}`);
        if (at) return { uri, range: new vscode.Range(at.start.line, at.start.character, at.end.line, at.end.character) };
      } catch {
        // No such file, or unreadable: the warning message still says it.
      }
    }
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.diagnostics.dispose();
  }
}
