import * as vscode from 'vscode';
import { evidenceFor, isEvidence, resolveLevels, staleCutoff, type CriterionEvidence } from '../../core/evidence/evidence';
import { isManagementTrack } from '../../core/ladder/lattice';
import type { CriterionData, LevelData, TrackData } from '../../core/ladder/schema';
import { TYPE_LABELS } from '../../core/notes/templates';
import { escapeMd } from '../../core/util/text';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { noteIcon } from './icons';
import { RefreshingTree } from './refreshing';

export type LadderNode =
  | { readonly kind: 'track'; readonly trackId: string }
  | { readonly kind: 'level'; readonly trackId: string; readonly levelId: string }
  | { readonly kind: 'criterion'; readonly trackId: string; readonly levelId: string; readonly criterionId: string }
  | { readonly kind: 'note'; readonly criterionId: string; readonly path: string };

/**
 * The ladder view: track -> level -> criterion -> the notes that evidence it. Levels show their codes,
 * scope and typical years, with the current and target level marked; criteria show their evidence.
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
      case 'track':
        return (ladder.track(node.trackId)?.levels ?? []).map((l) => ({ kind: 'level', trackId: node.trackId, levelId: l.id }));
      case 'level':
        return (ladder.level(node.levelId, node.trackId)?.level.criteria ?? []).map((c) => ({
          kind: 'criterion',
          trackId: node.trackId,
          levelId: node.levelId,
          criterionId: c.id,
        }));
      case 'criterion':
        return this.evidence(node.criterionId).notes.map((path) => ({ kind: 'note', criterionId: node.criterionId, path }));
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
      case 'criterion':
        return { kind: 'level', trackId: node.trackId, levelId: node.levelId };
      case 'note': {
        const ref = this.workspace.ladder.criterion(node.criterionId);
        return ref ? { kind: 'criterion', trackId: ref.track.id, levelId: ref.level.id, criterionId: node.criterionId } : undefined;
      }
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
        return this.levelItem(ladder.track(node.trackId)!, ladder.level(node.levelId, node.trackId)!.level);
      case 'criterion':
        return this.criterionItem(ladder.criterion(node.criterionId)!.criterion);
      case 'note':
        return this.noteItem(node);
    }
  }

  private levelItem(track: TrackData, level: LevelData): vscode.TreeItem {
    const ladder = this.workspace.ladder;
    const { current, target, changeOfTrack } = resolveLevels(ladder, this.workspace.settings);
    const isCurrent = level === current.level;
    const isTarget = level === target.level && !isCurrent;
    const item = new vscode.TreeItem(level.title, isTarget ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    // Level ids are unique within a track only (disciplines share IC1...IC7).
    item.id = `level:${track.id}.${level.id}`;
    const marker = isCurrent
      ? vscode.l10n.t('current')
      : isTarget
        ? changeOfTrack
          ? vscode.l10n.t('target, a change of track')
          : vscode.l10n.t('target')
        : undefined;
    item.description = [ladder.levelCodes(level.id, track.id), marker, level.scope, level.typicalYears && `${level.typicalYears} yrs`]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      isCurrent ? 'account' : isTarget ? 'target' : 'circle-outline',
      isTarget ? new vscode.ThemeColor('charts.blue') : undefined,
    );
    item.contextValue = isCurrent ? 'level.current' : 'level';
    const eq = ladder.equivalent(level.id, track.id);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(
      `**${escapeMd(level.title)}** — ${escapeMd(ladder.levelCodes(level.id, track.id))}${marker ? ` · _${escapeMd(marker)} level_` : ''}\n\n`,
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
    tooltip.appendMarkdown(`${level.criteria.length} observable criteria on the ${escapeMd(track.title)} track.`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${level.title}, ${item.description}` };
    return item;
  }

  private criterionItem(criterion: CriterionData): vscode.TreeItem {
    const evidence = this.evidence(criterion.id);
    const item = new vscode.TreeItem(criterion.title, evidence.count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `criterion:${criterion.id}`;
    item.description = describe(evidence);
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
    item.id = `note:${node.criterionId}:${node.path}`;
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
