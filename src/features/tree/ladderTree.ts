import * as vscode from 'vscode';
import { evidenceFor, isEvidence, resolveLevels, staleCutoff, type CriterionEvidence } from '../../core/evidence/evidence';
import { byGroup, hasGroups } from '../../core/ladder/groups';
import type { CriterionRef, LevelRef } from '../../core/ladder/ladder';
import { isManagementTrack } from '../../core/ladder/lattice';
import type { CriterionData, TrackData } from '../../core/ladder/schema';
import { TYPE_LABELS } from '../../core/notes/templates';
import { escapeMd } from '../../core/util/text';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { noteIcon } from './icons';
import { RefreshingTree } from './refreshing';

/**
 * `trackId` is the track a node is shown under; `levelId` names the level on that track's path (a
 * shared trunk level under a forked track is `trunk.LEVEL`, so it never collides with a level of the
 * branch). A level whose criteria have a `group` shows a node per group above them.
 */
export type LadderNode =
  | { readonly kind: 'track'; readonly trackId: string }
  | { readonly kind: 'level'; readonly trackId: string; readonly levelId: string }
  | { readonly kind: 'group'; readonly trackId: string; readonly levelId: string; readonly group: string }
  | { readonly kind: 'criterion'; readonly trackId: string; readonly levelId: string; readonly criterionId: string }
  | { readonly kind: 'note'; readonly trackId: string; readonly levelId: string; readonly criterionId: string; readonly path: string };

/**
 * The ladder view: track -> level -> (group ->) criterion -> the notes that evidence it. A track that
 * starts `from` another track's level shows the shared trunk first, marked as shared. Levels show their
 * codes, scope and typical years, with the current and target level marked; criteria show their evidence.
 */
export class LadderTreeProvider extends RefreshingTree<LadderNode> implements vscode.TreeDataProvider<LadderNode> {
  /** Per render: criterion id -> evidence, computed once and reused by every item. */
  private evidenceCache: { version: number; settings: unknown; ladder: unknown; map: Map<string, CriterionEvidence> } | undefined;

  constructor(workspace: CareerWorkspace) {
    super(workspace);
  }

  protected override beforeRedraw(): void {
    this.evidenceCache = undefined;
  }

  getChildren(node?: LadderNode): LadderNode[] {
    const ladder = this.workspace.ladder;
    if (!node) {
      const active = resolveLevels(ladder, this.workspace.settings).track.id;
      // The user's track first.
      return [...ladder.tracks].sort((a, b) => Number(b.id === active) - Number(a.id === active)).map((t) => ({ kind: 'track', trackId: t.id }));
    }
    switch (node.kind) {
      case 'track': {
        const track = ladder.track(node.trackId);
        if (!track) return [];
        // The shared trunk a forked track starts from, then its own levels.
        return ladder.path(track.id).map((ref) => ({ kind: 'level', trackId: track.id, levelId: levelKey(track, ref) }));
      }
      case 'level': {
        const criteria = ladder.level(node.levelId, node.trackId)?.level.criteria ?? [];
        const criterion = (id: string): LadderNode => ({ kind: 'criterion', trackId: node.trackId, levelId: node.levelId, criterionId: id });
        if (!hasGroups(criteria)) return criteria.map((c) => criterion(c.id));
        // A node per group, in ladder order; criteria without a group after them.
        return byGroup(criteria, (c) => c.group).flatMap((section): LadderNode[] =>
          section.group === undefined
            ? section.items.map((c) => criterion(c.id))
            : [{ kind: 'group', trackId: node.trackId, levelId: node.levelId, group: section.group }],
        );
      }
      case 'group':
        return this.groupCriteria(node).map((c) => ({ kind: 'criterion', trackId: node.trackId, levelId: node.levelId, criterionId: c.id }));
      case 'criterion':
        return this.evidence(node.criterionId).notes.map((path) => ({
          kind: 'note',
          trackId: node.trackId,
          levelId: node.levelId,
          criterionId: node.criterionId,
          path,
        }));
      case 'note':
        return [];
    }
  }

  getParent(node: LadderNode): LadderNode | undefined {
    switch (node.kind) {
      case 'track':
        return undefined;
      case 'level':
        return { kind: 'track', trackId: node.trackId };
      case 'group':
        return { kind: 'level', trackId: node.trackId, levelId: node.levelId };
      case 'criterion': {
        const group = this.workspace.ladder.criterion(node.criterionId)?.criterion.group;
        return group ? { kind: 'group', trackId: node.trackId, levelId: node.levelId, group } : { kind: 'level', trackId: node.trackId, levelId: node.levelId };
      }
      case 'note':
        return { kind: 'criterion', trackId: node.trackId, levelId: node.levelId, criterionId: node.criterionId };
    }
  }

  getTreeItem(node: LadderNode): vscode.TreeItem {
    const ladder = this.workspace.ladder;
    switch (node.kind) {
      case 'track': {
        const track = ladder.track(node.trackId)!;
        const active = resolveLevels(ladder, this.workspace.settings).track.id === track.id;
        const item = new vscode.TreeItem(track.title, active ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `track:${track.id}`;
        const fork = ladder.forkLevel(track);
        const from = fork ? vscode.l10n.t('from {0}', fork.level.id) : undefined;
        item.description = [active ? vscode.l10n.t('your track') : vscode.l10n.t('{0} levels', track.levels.length), from].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(isManagementTrack(track) ? 'organization' : 'person');
        item.contextValue = 'track';
        const tooltip = track.description || track.title;
        item.tooltip = fork
          ? `${tooltip}\n\n${vscode.l10n.t('Starts after {0} ({1}) of the {2} track: the levels up to it are shared.', fork.level.title, fork.level.id, fork.track.title)}`
          : tooltip;
        return item;
      }
      case 'level':
        return this.levelItem(ladder.track(node.trackId)!, ladder.level(node.levelId, node.trackId)!);
      case 'group':
        return this.groupItem(node);
      case 'criterion':
        return this.criterionItem(node, ladder.criterion(node.criterionId)!);
      case 'note':
        return this.noteItem(node);
    }
  }

  /** The criteria of a level that belong to a group. */
  private groupCriteria(node: Extract<LadderNode, { kind: 'group' }>): CriterionData[] {
    return (this.workspace.ladder.level(node.levelId, node.trackId)?.level.criteria ?? []).filter((c) => c.group === node.group);
  }

  private groupItem(node: Extract<LadderNode, { kind: 'group' }>): vscode.TreeItem {
    const ladder = this.workspace.ladder;
    const ref = ladder.level(node.levelId, node.trackId)!;
    const criteria = this.groupCriteria(node);
    const covered = criteria.filter((c) => {
      const e = this.evidence(c.id);
      return e.count > 0 && !e.stale;
    }).length;
    const { target, current } = resolveLevels(ladder, this.workspace.settings);
    const isTarget = ref.level === target.level && ref.level !== current.level;
    const item = new vscode.TreeItem(node.group, isTarget ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `group:${node.trackId}/${ref.track.id}.${ref.level.id}/${node.group}`;
    item.description = vscode.l10n.t('{0} of {1} covered', covered, criteria.length);
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = 'group';
    const areas = [...new Set(criteria.map((c) => c.area))];
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escapeMd(node.group)}** · ${escapeMd(ref.level.title)} (${escapeMd(ref.level.id)})\n\n`);
    tooltip.appendMarkdown(`${escapeMd(vscode.l10n.t('Areas: {0}', areas.join(', ')))}\n\n`);
    tooltip.appendMarkdown(escapeMd(vscode.l10n.t('{0} of {1} criteria covered by recent evidence.', covered, criteria.length)));
    item.tooltip = tooltip;
    item.accessibilityInformation = {
      label: vscode.l10n.t('{0}, a group of {1} criteria of {2}, {3} covered', node.group, criteria.length, ref.level.title, covered),
    };
    return item;
  }

  private levelItem(track: TrackData, ref: LevelRef): vscode.TreeItem {
    const ladder = this.workspace.ladder;
    const level = ref.level;
    // A level of the trunk this track starts from: shown here, defined (and shared) on its own track.
    const shared = ref.track.id !== track.id;
    const { current, target, changeOfTrack } = resolveLevels(ladder, this.workspace.settings);
    const isCurrent = level === current.level;
    const isTarget = level === target.level && !isCurrent;
    const item = new vscode.TreeItem(level.title, isTarget ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    // Level ids are unique within a track only (disciplines share IC1...IC7).
    item.id = shared ? `level:${track.id}/${ref.track.id}.${level.id}` : `level:${track.id}.${level.id}`;
    const marker = isCurrent
      ? vscode.l10n.t('current')
      : isTarget
        ? changeOfTrack
          ? vscode.l10n.t('target, a change of track')
          : vscode.l10n.t('target')
        : undefined;
    const sharedText = shared ? vscode.l10n.t('shared with {0}', ref.track.title) : undefined;
    item.description = [ladder.levelCodes(level.id, ref.track.id), sharedText, marker, level.scope, level.typicalYears && `${level.typicalYears} yrs`]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      isCurrent ? 'account' : isTarget ? 'target' : shared ? 'git-merge' : 'circle-outline',
      isTarget ? new vscode.ThemeColor('charts.blue') : undefined,
    );
    item.contextValue = isCurrent ? 'level.current' : 'level';
    const eq = ladder.equivalent(levelKey(track, ref), track.id);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(
      `**${escapeMd(level.title)}** — ${escapeMd(ladder.levelCodes(level.id, track.id))}${marker ? ` · _${escapeMd(marker)} level_` : ''}\n\n`,
    );
    if (shared)
      tooltip.appendMarkdown(
        `_${escapeMd(vscode.l10n.t('A shared level: the {0} track starts from the {1} track here, so this level is on both.', track.title, ref.track.title))}_\n\n`,
      );
    if (level.summary) tooltip.appendMarkdown(`${escapeMd(level.summary)}\n\n`);
    if (level.scope) tooltip.appendMarkdown(`**Scope:** ${escapeMd(level.scope)}\n\n`);
    if (level.typicalYears) tooltip.appendMarkdown(`**Typical experience:** ${escapeMd(level.typicalYears)} years\n\n`);
    tooltip.appendMarkdown(
      eq
        ? `**Equivalent on the ${escapeMd(eq.track.title)} track:** ${escapeMd(eq.level.title)} (${escapeMd(eq.level.id)})\n\n`
        : `_No equivalent level on another track._\n\n`,
    );
    const carried = ladder.carriedFrom(level);
    if (carried.length)
      tooltip.appendMarkdown(
        `**${escapeMd(vscode.l10n.t('Still applies:'))}** ${carried.map((r) => `${escapeMd(r.level.title)} (${escapeMd(r.level.id)})`).join(', ')} — ${escapeMd(vscode.l10n.t('their criteria count here too.'))}\n\n`,
      );
    if (level.threshold !== undefined) tooltip.appendMarkdown(`**${escapeMd(vscode.l10n.t('Points needed:'))}** ${level.threshold}\n\n`);
    tooltip.appendMarkdown(`${level.criteria.length} observable criteria on the ${escapeMd(ref.track.title)} track.`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${level.title}, ${item.description}` };
    return item;
  }

  private criterionItem(node: Extract<LadderNode, { kind: 'criterion' }>, ref: CriterionRef): vscode.TreeItem {
    const criterion = ref.criterion;
    const evidence = this.evidence(criterion.id);
    const item = new vscode.TreeItem(criterion.title, evidence.count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    // Under a forked track, a trunk level's criteria are shown a second time: their ids say where.
    item.id = ref.track.id === node.trackId ? `criterion:${criterion.id}` : `criterion:${node.trackId}/${criterion.id}`;
    item.description = [criterion.expectation, describe(evidence)].filter(Boolean).join(' · ');
    item.iconPath =
      evidence.count === 0
        ? new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('descriptionForeground'))
        : evidence.stale
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow'))
          : new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
    item.contextValue = 'criterion';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escapeMd(criterion.title)}** · ${criterion.group ? `${escapeMd(criterion.group)} › ` : ''}${escapeMd(criterion.area)}\n\n`);
    if (criterion.description) tooltip.appendMarkdown(`${escapeMd(criterion.description)}\n\n`);
    const expected = [criterion.expectation, criterion.points !== undefined ? vscode.l10n.t('{0} points', criterion.points) : ''].filter(Boolean).join(' · ');
    if (expected) tooltip.appendMarkdown(`**${escapeMd(vscode.l10n.t('Expected:'))}** ${escapeMd(expected)}\n\n`);
    tooltip.appendMarkdown(`\`${criterion.id}\` — ${escapeMd(describe(evidence))}${evidence.latest ? `, latest ${evidence.latest}` : ''}`);
    item.tooltip = tooltip;
    return item;
  }

  private noteItem(node: Extract<LadderNode, { kind: 'note' }>): vscode.TreeItem {
    const note = this.workspace.index.get(node.path);
    const item = new vscode.TreeItem(note?.title ?? node.path, vscode.TreeItemCollapsibleState.None);
    const own = this.workspace.ladder.criterion(node.criterionId)?.track.id;
    item.id = own === undefined || own === node.trackId ? `note:${node.criterionId}:${node.path}` : `note:${node.trackId}/${node.criterionId}:${node.path}`;
    item.description = note?.date ?? vscode.l10n.t('undated');
    // Several workspace folders: which one the note is from.
    if (this.workspace.multiRoot) {
      const root = this.workspace.rootOf(node.path);
      if (root) item.description = `${item.description} · ${root.folder.name}`;
    }
    item.iconPath = noteIcon(note?.type ?? 'note');
    item.contextValue = 'note';
    item.tooltip = `${note ? TYPE_LABELS[note.type] : 'Note'} · ${node.path}`;
    item.command = { command: Commands.openNote, title: vscode.l10n.t('Open Note'), arguments: [node.path] };
    const uri = this.workspace.uriOf(node.path);
    if (uri) item.resourceUri = uri;
    return item;
  }

  /** Evidence for one criterion, computed from the index (cached until the next change). */
  private evidence(criterionId: string): CriterionEvidence {
    const version = this.workspace.index.version;
    const settings = this.workspace.settings;
    const ladder = this.workspace.ladder;
    if (!this.evidenceCache || this.evidenceCache.version !== version || this.evidenceCache.settings !== settings || this.evidenceCache.ladder !== ladder) {
      this.evidenceCache = { version, settings, ladder, map: new Map() };
    }
    let evidence = this.evidenceCache.map.get(criterionId);
    if (!evidence) {
      const criterion = ladder.criterion(criterionId)?.criterion ?? { id: criterionId, title: criterionId, area: '' };
      const cutoff = staleCutoff(this.workspace.today(), settings.staleAfterMonths);
      evidence = evidenceFor(criterion, this.workspace.index.byCriterion(criterionId).filter(isEvidence), cutoff);
      this.evidenceCache.map.set(criterionId, evidence);
    }
    return evidence;
  }
}

export function describe(evidence: CriterionEvidence): string {
  if (evidence.count === 0) return vscode.l10n.t('missing');
  const count = evidence.count === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', evidence.count);
  return evidence.stale ? `${count} · ${vscode.l10n.t('stale')}` : count;
}

/** How a level is named under a track: its id, or `trunk.ID` for a level of the trunk the track starts from. */
function levelKey(track: TrackData, ref: LevelRef): string {
  return ref.track.id === track.id ? ref.level.id : `${ref.track.id}.${ref.level.id}`;
}
