import type { Ladder, ResolvedLevels } from '../ladder/ladder';
import type { CriterionData } from '../ladder/schema';
import type { NoteIndex, NoteRecord } from '../index/noteIndex';
import { addMonths } from '../util/dates';
import { placeInPeriod, type ReviewPeriod } from './period';

export interface EvidenceOptions {
  readonly track: string;
  readonly currentLevel: string;
  /** Empty or undefined: the level after the current one (the current one at the top of a track). */
  readonly targetLevel?: string;
  /** Evidence older than this many months is stale (default 12). */
  readonly staleAfterMonths?: number;
  /** Today as `YYYY-MM-DD` (injected so results do not depend on the clock). */
  readonly today: string;
  /**
   * The review period. With one, a criterion is covered by notes dated inside it; notes before it (or
   * undated) are listed as `earlier` and not counted; notes after it are left out. It replaces the stale
   * rule. Without one (null or undefined), the stale rule applies.
   */
  readonly period?: ReviewPeriod | null;
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
  /** Workspace-relative paths of the evidencing notes, newest first (with a period: those inside it). */
  readonly notes: readonly string[];
  /** With a period: notes before it or undated, newest first; shown, not counted. Empty without a period. */
  readonly earlier: readonly string[];
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
  /** The review period the counts respect, or null (then the stale rule applies). */
  readonly period: ReviewPeriod | null;
  /** Criteria with at least one non-stale note (with a period: at least one note inside it). */
  readonly covered: number;
  readonly total: number;
  /**
   * For a ladder that counts points (the target level has a `threshold`): the points of the covered
   * criteria, of all the target's criteria, and the threshold that makes the level.
   */
  readonly points?: { readonly earned: number; readonly total: number; readonly threshold: number };
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
  const period = options.period ?? null;
  // A level that carries the criteria of the level below forward is judged on both.
  const criteria = ladder.criteriaOf(target).map((criterion) => {
    const notes = index.byCriterion(criterion.id).filter(isEvidence);
    return period ? evidenceInPeriod(criterion, notes, period) : evidenceFor(criterion, notes, cutoff);
  });
  return {
    track: track.id,
    currentLevel: current.level.id,
    targetLevel: target.level.id,
    changeOfTrack,
    targetTrack: target.track.id,
    period,
    covered: criteria.filter((c) => c.count > 0 && !c.stale).length,
    total: criteria.length,
    ...(target.level.threshold !== undefined ? { points: pointsOf(ladder.criteriaOf(target), criteria, target.level.threshold) } : {}),
    criteria,
  };
}

function pointsOf(
  criteria: readonly CriterionData[],
  evidence: readonly CriterionEvidence[],
  threshold: number,
): { earned: number; total: number; threshold: number } {
  const covered = new Set(evidence.filter((c) => c.count > 0 && !c.stale).map((c) => c.id));
  let earned = 0;
  let total = 0;
  for (const c of criteria) {
    total += c.points ?? 0;
    if (covered.has(c.id)) earned += c.points ?? 0;
  }
  return { earned, total, threshold };
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
    earlier: [],
  };
}

/** Evidence within a review period: notes inside count; earlier and undated ones are shown, not counted. */
export function evidenceInPeriod(
  criterion: { id: string; title: string; area: string },
  notes: readonly NoteRecord[],
  period: ReviewPeriod,
): CriterionEvidence {
  const inside: NoteRecord[] = [];
  const earlier: NoteRecord[] = [];
  for (const n of notes) {
    const place = placeInPeriod(n.date, period);
    if (place === 'inside') inside.push(n);
    else if (place !== 'later') earlier.push(n);
  }
  return {
    id: criterion.id,
    title: criterion.title,
    area: criterion.area,
    count: inside.length,
    latest: inside.find((n) => n.date !== null)?.date ?? null,
    stale: false,
    notes: inside.map((n) => n.path),
    earlier: earlier.map((n) => n.path),
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
