import type { Ladder, ResolvedLevels } from '../ladder/ladder';
import type { NoteIndex, NoteRecord } from '../index/noteIndex';
import { addMonths } from '../util/dates';

export interface EvidenceOptions {
  readonly track: string;
  readonly currentLevel: string;
  /** Empty or undefined: the level after the current one (the current one at the top of a track). */
  readonly targetLevel?: string;
  /** Evidence older than this many months is stale (default 12). */
  readonly staleAfterMonths?: number;
  /** Today as `YYYY-MM-DD` (injected so results do not depend on the clock). */
  readonly today: string;
}

export interface CriterionEvidence {
  readonly id: string;
  readonly title: string;
  readonly area: string;
  readonly count: number;
  /** Date of the newest evidencing note, `YYYY-MM-DD`, or null when none is dated. */
  readonly latest: string | null;
  /** Has evidence, but none of it newer than the stale cutoff. A criterion without evidence is missing, not stale. */
  readonly stale: boolean;
  /** Workspace-relative paths of the evidencing notes, newest first. */
  readonly notes: readonly string[];
}

/** The one summary the evidence webview, status bar and promotion packet are all rendered from. */
export interface EvidenceSummary {
  readonly track: string;
  readonly currentLevel: string;
  readonly targetLevel: string;
  /** The target is on another track than the current level's (L5 -> EM): a change of track, not a promotion. */
  readonly changeOfTrack?: boolean;
  /** The track of the target level. */
  readonly targetTrack?: string;
  /** Criteria with at least one non-stale note. */
  readonly covered: number;
  readonly total: number;
  readonly criteria: readonly CriterionEvidence[];
}

export const DEFAULT_STALE_MONTHS = 12;

/** Resolves the track, current and target level from settings, falling back sensibly on bad values. */
export function resolveLevels(ladder: Ladder, options: Pick<EvidenceOptions, 'track' | 'currentLevel' | 'targetLevel'>): ResolvedLevels {
  return ladder.resolve(options);
}

export function staleCutoff(today: string, staleAfterMonths = DEFAULT_STALE_MONTHS): string {
  return addMonths(today, -Math.max(0, staleAfterMonths));
}

/** Evidence for every criterion of the target level, in ladder order. */
export function computeEvidence(ladder: Ladder, index: NoteIndex, options: EvidenceOptions): EvidenceSummary {
  const { track, current, target, changeOfTrack } = resolveLevels(ladder, options);
  const cutoff = staleCutoff(options.today, options.staleAfterMonths);
  // A level that carries the criteria of the level below forward is judged on both.
  const criteria = ladder.criteriaOf(target).map((criterion) => {
    const notes = index.byCriterion(criterion.id).filter(isEvidence);
    return evidenceFor(criterion, notes, cutoff);
  });
  return {
    track: track.id,
    currentLevel: current.level.id,
    targetLevel: target.level.id,
    changeOfTrack,
    targetTrack: target.track.id,
    covered: criteria.filter((c) => c.count > 0 && !c.stale).length,
    total: criteria.length,
    criteria,
  };
}

export function evidenceFor(criterion: { id: string; title: string; area: string }, notes: readonly NoteRecord[], cutoff: string): CriterionEvidence {
  // `notes` are newest first, undated last.
  const latest = notes.find((n) => n.date !== null)?.date ?? null;
  return {
    id: criterion.id,
    title: criterion.title,
    area: criterion.area,
    count: notes.length,
    latest,
    stale: notes.length > 0 && (latest === null || latest < cutoff),
    notes: notes.map((n) => n.path),
  };
}

/** Generated packets are not evidence of anything. */
export function isEvidence(note: NoteRecord): boolean {
  return note.type !== 'packet';
}

/** Criteria still to prove: missing first, then stale. */
export function gaps(summary: EvidenceSummary): CriterionEvidence[] {
  return summary.criteria.filter((c) => c.count === 0).concat(summary.criteria.filter((c) => c.count > 0 && c.stale));
}

/** Rows for display: gaps first (missing, then stale), then covered, each in ladder order. */
export function gapsFirst(summary: EvidenceSummary): CriterionEvidence[] {
  return gaps(summary).concat(summary.criteria.filter((c) => c.count > 0 && !c.stale));
}
