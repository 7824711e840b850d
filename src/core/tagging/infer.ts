import type { Ladder, LevelRef } from '../ladder/ladder';
import { normalizeWords, proseOf } from './normalize';

/** One suggested criterion for a note. */
export interface TagSuggestion {
  /** Criterion id, e.g. `ic.L6.cross-team-direction`. */
  id: string;
  /** Higher is stronger evidence; comparable between suggestions of one call only. */
  score: number;
  /** The signal phrases (as written in the ladder) that matched, for the explanation shown to the user. */
  matched: string[];
}

export interface InferOptions {
  /** The user's track (`ic`, `management` or a custom id). Defaults to the track of `currentLevel`. */
  track?: string;
  /** The user's level id (or alias). */
  currentLevel?: string;
  /** The level being worked towards; default: the level after `currentLevel`. */
  targetLevel?: string;
  /** Criterion ids never to suggest (already tagged, or removed by the user). */
  exclude?: readonly string[];
  /** Maximum number of suggestions; default {@link DEFAULT_LIMIT}. */
  limit?: number;
  /** Minimum score; default {@link DEFAULT_MIN_SCORE}. */
  minScore?: number;
}

export const DEFAULT_LIMIT = 5;

/**
 * Default threshold. One single-word signal in the body scores 1 at the user's current level and 0.95 at
 * the target level, so one clear match is enough there; a level next to the window (factor 0.4) needs
 * several matches or a multi-word phrase in both title and body; the other track (0.15) needs a lot.
 */
export const DEFAULT_MIN_SCORE = 0.9;

/*
 * Scoring, per criterion: the sum, over its distinct matched signals, of
 *   place weight (title 2, body 1, both 2.5) x specificity (1 word 1, 2 words 1.5, 3+ words 2),
 * times a level factor for where the criterion sits relative to the user's window (current..target):
 *   current level 1, target level 0.95, one level outside the window 0.4, two 0.2, further 0;
 *   on another track, the levels that map to the window (equivalents) 0.15, else 0.
 * Suggestions below RELATIVE_FLOOR x the best score (the best capped at FLOOR_CAP, so that one very
 * strong match does not hide a clear second one) are dropped: a weak match next to a strong one is
 * usually noise. A criterion whose matched phrases all support a criterion of another level on the same
 * track that the window places better is dropped: shared evidence goes to the level the window prefers.
 */
const TITLE_WEIGHT = 2;
const BODY_WEIGHT = 1;
const BOTH_WEIGHT = 2.5;
const LEVEL_FACTOR_CURRENT = 1;
const LEVEL_FACTOR_TARGET = 0.95;
const LEVEL_FACTOR_BY_DISTANCE = [1, 0.4, 0.2];
const OTHER_TRACK_FACTOR_BY_DISTANCE = [0.15];
const NO_LEVEL_OTHER_TRACK_FACTOR = 0.3;
const RELATIVE_FLOOR = 0.35;
const FLOOR_CAP = 4;

const IN_TITLE = 1;
const IN_BODY = 2;

interface Phrase {
  readonly tokens: readonly string[];
  readonly specificity: number;
  /** Criteria (by index) using this phrase, with the signal as written there. */
  readonly uses: ReadonlyArray<{ readonly criterion: number; readonly signal: string }>;
}

interface CompiledCriterion {
  readonly id: string;
  readonly trackId: string;
  readonly levelId: string;
  /** Index of the level on its track. */
  readonly levelIndex: number;
}

interface Window {
  /** Level factor per criterion index. */
  readonly factors: Float64Array;
  /** Per phrase: INACTIVE (no criterion it supports counts), PRIMARY (one on the user's track does), else SECONDARY. */
  readonly activePhrases: Uint8Array;
}

const MAX_CACHED_WINDOWS = 32;
const INACTIVE = 0;
const PRIMARY = 1;
const SECONDARY = 2;

interface Candidate {
  readonly criterion: number;
  /** The level factor of the criterion for this user. */
  readonly factor: number;
  score: number;
  readonly phrases: number[];
  readonly matched: string[];
}

/**
 * Suggests ladder criteria for a note from the signal phrases of the ladder. Build one per `Ladder`
 * (it precompiles the signals) and call {@link TagInferrer.suggest} per note. Pure and deterministic.
 */
export class TagInferrer {
  private readonly criteria: CompiledCriterion[] = [];
  private readonly phrases: Phrase[] = [];
  /** First token -> indexes into `phrases`, longest phrase first. */
  private readonly byFirstToken = new Map<string, number[]>();
  private readonly windows = new Map<string, Window>();

  constructor(private readonly ladder: Ladder) {
    const phraseIndex = new Map<string, { tokens: string[]; uses: Array<{ criterion: number; signal: string }> }>();
    for (const ref of ladder.allCriteria()) {
      const criterionIndex = this.criteria.length;
      const levelIndex = ref.track.levels.indexOf(ref.level);
      this.criteria.push({ id: ref.criterion.id, trackId: ref.track.id, levelId: ref.level.id, levelIndex });
      const seen = new Set<string>();
      for (const signal of ref.criterion.signals) {
        const tokens = normalizeWords(signal);
        if (tokens.length === 0) continue;
        const key = tokens.join(' ');
        if (seen.has(key)) continue; // two spellings of one phrase in one criterion count once
        seen.add(key);
        let entry = phraseIndex.get(key);
        if (!entry) phraseIndex.set(key, (entry = { tokens, uses: [] }));
        entry.uses.push({ criterion: criterionIndex, signal });
      }
    }
    for (const { tokens, uses } of phraseIndex.values()) {
      const index = this.phrases.length;
      this.phrases.push({ tokens, uses, specificity: tokens.length >= 3 ? 2 : tokens.length === 2 ? 1.5 : 1 });
      const first = tokens[0]!;
      const list = this.byFirstToken.get(first);
      if (list) list.push(index);
      else this.byFirstToken.set(first, [index]);
    }
    for (const list of this.byFirstToken.values()) {
      list.sort((a, b) => this.phrases[b]!.tokens.length - this.phrases[a]!.tokens.length || a - b);
    }
  }

  /** Criteria the note evidences, best first (score descending, then id). */
  suggest(note: { title: string; body: string }, options: InferOptions = {}): TagSuggestion[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
    if (limit <= 0) return [];

    // 1. Which phrases occur, and where (only phrases that can count for this user's window).
    const window = this.window(options);
    const where = new Uint8Array(this.phrases.length);
    let any = false;
    any = this.scan(normalizeWords(note.title ?? ''), IN_TITLE, where, window.activePhrases) || any;
    any = this.scan(normalizeWords(proseOf(note.body ?? '')), IN_BODY, where, window.activePhrases) || any;
    if (!any) return [];

    // 2. Score the criteria those phrases belong to.
    const byCriterion = new Map<number, Candidate>();
    for (let p = 0; p < where.length; p++) {
      const place = where[p]!;
      if (place === 0) continue;
      const phrase = this.phrases[p]!;
      const weight =
        (place === (IN_TITLE | IN_BODY) ? BOTH_WEIGHT : place === IN_TITLE ? TITLE_WEIGHT : BODY_WEIGHT) *
        phrase.specificity;
      for (const use of phrase.uses) {
        const factor = window.factors[use.criterion]!;
        if (factor <= 0) continue;
        let candidate = byCriterion.get(use.criterion);
        if (!candidate) {
          candidate = { criterion: use.criterion, factor, score: 0, phrases: [], matched: [] };
          byCriterion.set(use.criterion, candidate);
        }
        candidate.score += weight * factor;
        candidate.phrases.push(p);
        candidate.matched.push(use.signal);
      }
    }

    // 3. Rank, then filter: threshold, relative floor, shared evidence, exclusions, limit.
    const ranked = [...byCriterion.values()];
    if (ranked.length === 0) return [];
    for (const c of ranked) c.score = Math.round(c.score * 1000) / 1000;
    ranked.sort((a, b) => b.score - a.score || compareIds(this.criteria[a.criterion]!.id, this.criteria[b.criterion]!.id));
    const floor = Math.max(minScore, Math.min(ranked[0]!.score, FLOOR_CAP) * RELATIVE_FLOOR);
    const exclude = new Set(options.exclude ?? []);
    const out: TagSuggestion[] = [];
    for (let r = 0; r < ranked.length; r++) {
      const candidate = ranked[r]!;
      if (candidate.score < floor) break;
      if (this.explainedElsewhere(candidate, r, ranked)) continue;
      const id = this.criteria[candidate.criterion]!.id;
      // An excluded criterion still explains its evidence (above): a note tagged with L5 mentoring is not
      // offered L4's on the same phrases.
      if (exclude.has(id)) continue;
      out.push({ id, score: candidate.score, matched: candidate.matched });
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Whether every phrase behind `candidate` also supports a criterion of another level on the same track
   * that the user's window places better (or equally, but ranked higher): the evidence goes there.
   */
  private explainedElsewhere(candidate: Candidate, rank: number, ranked: readonly Candidate[]): boolean {
    const criterion = this.criteria[candidate.criterion]!;
    for (let r = 0; r < ranked.length; r++) {
      const other = ranked[r]!;
      if (other === candidate) continue;
      const otherCriterion = this.criteria[other.criterion]!;
      if (otherCriterion.trackId !== criterion.trackId || otherCriterion.levelId === criterion.levelId) continue;
      if (other.factor < candidate.factor || (other.factor === candidate.factor && r > rank)) continue;
      if (candidate.phrases.every((p) => other.phrases.includes(p))) return true;
    }
    return false;
  }

  /**
   * Marks the phrases occurring in `tokens`; one pass, looking up candidates by first token. Longest
   * match wins: a phrase lying inside a longer matched phrase does not count again ("my mentor" is not
   * also "mentor"; "engineering principles" is not also "principles"). Only phrases of the user's own
   * track compete (`active` PRIMARY); other-track phrases (SECONDARY) match without hiding anything, and
   * phrases that cannot count for this user (INACTIVE) are skipped.
   */
  private scan(tokens: readonly string[], place: number, where: Uint8Array, active: Uint8Array): boolean {
    let found = false;
    let coveredUntil = 0; // end (exclusive) of the furthest-reaching match so far
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirstToken.get(tokens[i]!);
      if (!candidates) continue;
      for (const p of candidates) {
        if (active[p] === INACTIVE) continue;
        const phrase = this.phrases[p]!.tokens;
        if (i + phrase.length > tokens.length) continue;
        let k = 1;
        while (k < phrase.length && tokens[i + k] === phrase[k]) k++;
        if (k < phrase.length) continue;
        if (active[p] === SECONDARY) {
          // Other-track evidence never hides the user's own track: it counts without taking part.
          where[p] = where[p]! | place;
          found = true;
          continue;
        }
        // Candidates are longest first: the first match is the longest here, shorter ones lie inside it.
        if (i + phrase.length > coveredUntil) {
          where[p] = where[p]! | place;
          coveredUntil = i + phrase.length;
          found = true;
        }
        break;
      }
    }
    return found;
  }

  /** Level factors per criterion and the phrases that can count, for one user window (cached). */
  private window(options: InferOptions): Window {
    const key = `${options.track ?? ''}|${options.currentLevel ?? ''}|${options.targetLevel ?? ''}`;
    let window = this.windows.get(key);
    if (!window) {
      const levelFactor = this.levelFactors(options);
      const factors = new Float64Array(this.criteria.length);
      this.criteria.forEach((c, i) => (factors[i] = levelFactor(c)));
      const activePhrases = new Uint8Array(this.phrases.length);
      const track = this.trackOf(options);
      this.phrases.forEach((phrase, p) => {
        const counting = phrase.uses.filter((u) => factors[u.criterion]! > 0);
        activePhrases[p] =
          counting.length === 0
            ? INACTIVE
            : !track || counting.some((u) => this.criteria[u.criterion]!.trackId === track)
              ? PRIMARY
              : SECONDARY;
      });
      window = { factors, activePhrases };
      if (this.windows.size >= MAX_CACHED_WINDOWS) this.windows.clear();
      this.windows.set(key, window);
    }
    return window;
  }

  /** The user's track: `track` when the ladder has it, else the track of `currentLevel`, else none. */
  private trackOf(options: InferOptions): string | undefined {
    if (options.track && this.ladder.track(options.track)) return options.track;
    return options.track ? undefined : this.ladder.level(options.currentLevel)?.track.id;
  }

  /** How much a criterion's level counts for this user (see the scoring comment above). */
  private levelFactors(options: InferOptions): (c: CompiledCriterion) => number {
    const trackId = this.trackOf(options);
    if (!trackId) return () => 1;
    const current = options.currentLevel ? this.ladder.level(options.currentLevel) : undefined;
    if (!current) {
      return (c) => (c.trackId === trackId ? 1 : NO_LEVEL_OTHER_TRACK_FACTOR);
    }
    const onTrack = (ref: LevelRef | undefined, id: string): LevelRef | undefined =>
      ref ? this.ladder.levelOnTrack(id, ref.level.id) : undefined;
    const cur = onTrack(current, trackId)!;
    const explicitTarget = options.targetLevel ? this.ladder.level(options.targetLevel) : undefined;
    const target = onTrack(explicitTarget, trackId) ?? this.ladder.nextLevel(cur.level.id) ?? cur;
    const low = Math.min(cur.index, target.index);
    const high = Math.max(cur.index, target.index);
    const distance = (index: number, lo: number, hi: number): number => (index < lo ? lo - index : index > hi ? index - hi : 0);

    // The window mapped onto each other track (equivalent levels, or the same rank).
    const otherWindows = new Map<string, [number, number]>();
    for (const track of this.ladder.tracks) {
      if (track.id === trackId) continue;
      const a = this.ladder.levelOnTrack(track.id, cur.level.id)!.index;
      const b = this.ladder.levelOnTrack(track.id, target.level.id)!.index;
      otherWindows.set(track.id, [Math.min(a, b), Math.max(a, b)]);
    }

    return (c) => {
      if (c.trackId === trackId) {
        if (c.levelIndex === cur.index) return LEVEL_FACTOR_CURRENT;
        if (c.levelIndex === target.index) return LEVEL_FACTOR_TARGET;
        return LEVEL_FACTOR_BY_DISTANCE[distance(c.levelIndex, low, high)] ?? 0;
      }
      const window = otherWindows.get(c.trackId);
      if (!window) return 0;
      return OTHER_TRACK_FACTOR_BY_DISTANCE[distance(c.levelIndex, window[0], window[1])] ?? 0;
    };
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
