/**
 * What the learned tagger sees of a note and of a criterion. Training (`train.ts`) and inference
 * (`infer.ts`) both go through this file, so the model is always applied to the features it was
 * trained on.
 *
 * A note is a tf-idf vector of its stems and two-stem phrases (title counted twice), L2-normalised.
 * A (note, criterion) pair is scored by a linear model over:
 *  - the note's terms, weighted per criterion (`c:<id>`), per area (`a:<area>`, shared by every level's
 *    criterion of that area, so a team's own ladder gets them too) and per level relation (`r:<relation>`:
 *    how the criterion's level sits against the author's window, so "across the org" can push toward
 *    higher levels);
 *  - a bias per level relation;
 *  - the ladder's signal phrases found in the note (single words and longer phrases apart, each phrase
 *    weighing less the more criteria share it);
 *  - the cosine between the note and the criterion's own title, description and signals (what carries a
 *    custom ladder's criteria, which have no trained weights);
 *  - when the workspace's own tagged notes are given, how the nearest of them were tagged.
 */
import type { Ladder, LevelRef } from '../ladder/ladder';
import { proseOf } from './normalize';
import { NUMBER_TERM, tokenize, type Token } from './text';

/** How a criterion's level sits relative to the author's window (current level .. target level). */
export type Relation = 'current' | 'target' | 'below1' | 'below2' | 'above1' | 'otherTrack';

export interface NoteText {
  title: string;
  body: string;
}

/**
 * Terms are hashed into 2^BUCKET_BITS buckets (FNV-1a), so the model ships weights by bucket and no
 * vocabulary: a few collisions cost less than the strings would.
 */
export const BUCKET_BITS = 18;
const BUCKET_MASK = (1 << BUCKET_BITS) - 1;

/** The bucket of a term (FNV-1a, 32 bits, folded to {@link BUCKET_BITS}). */
export function bucket(term: string): number {
  return fold(fnv(FNV_OFFSET, term));
}

const FNV_OFFSET = 0x811c9dc5;
const SPACE = 32;

/** FNV-1a of `text`, continued from the hash `h` of what came before it. */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

function fold(h: number): number {
  return ((h >>> BUCKET_BITS) ^ h) & BUCKET_MASK;
}

/** A sparse vector: bucket -> value. */
export type Vector = ReadonlyMap<number, number>;

/** A note's sparse vector, and the form each bucket's first term was written in. */
export interface NoteVector {
  readonly map: Vector;
  /** The same entries in the same order, as two parallel arrays (iterated many times per note). */
  readonly keys: Int32Array;
  readonly values: Float64Array;
  readonly surfaces: ReadonlyMap<number, string>;
  /** The note's non-stop-word stems, title and body, for signal matching. */
  readonly titleStems: readonly string[];
  readonly bodyStems: readonly string[];
}

/** Inverse document frequency by bucket; `unknown` for the rest (rare terms). */
export interface Idf {
  get(bucket: number): number | undefined;
  readonly unknown: number;
}

/** The words a note shares with a criterion's text count x_t * p_t times this (both vectors are unit length). */
export const OVERLAP_SCALE = 10;

const TITLE_WEIGHT = 2;
/** Notes longer than this many characters are read up to here: the rest adds little and costs time. */
export const MAX_NOTE_CHARS = 20_000;

export function tokensOf(note: NoteText): { title: Array<Token | null>; body: Array<Token | null> } {
  const body = proseOf(note.body ?? '');
  return {
    title: tokenize((note.title ?? '').slice(0, 500)),
    body: tokenize(body.length > MAX_NOTE_CHARS ? body.slice(0, MAX_NOTE_CHARS) : body),
  };
}

/**
 * Raw term counts of a note by bucket (title twice), before weighting: every stem, and every pair of
 * adjacent stems (`design doc`) not across a phrase break or a number.
 * The buckets are hashed as the tokens go (a pair's hash continues its first stem's), with no string
 * made per term; each bucket's surface is the form its first term was written in.
 */
export function noteCounts(note: NoteText): { counts: Map<number, number>; surfaces: Map<number, string>; titleStems: string[]; bodyStems: string[] } {
  const { title, body } = tokensOf(note);
  const counts = new Map<number, number>();
  const surfaces = new Map<number, string>();
  countInto(title, TITLE_WEIGHT, counts, surfaces);
  countInto(body, 1, counts, surfaces);
  return { counts, surfaces, titleStems: stemsOf(title), bodyStems: stemsOf(body) };
}

function countInto(tokens: ReadonlyArray<Token | null>, weight: number, counts: Map<number, number>, surfaces: Map<number, string>): void {
  let previous: Token | null = null;
  let previousHash = 0;
  for (const token of tokens) {
    if (token) {
      const h = fnv(FNV_OFFSET, token.stem);
      const b = fold(h);
      const n = counts.get(b);
      counts.set(b, (n ?? 0) + weight);
      if (n === undefined) surfaces.set(b, token.surface);
      if (previous && previous.stem !== NUMBER_TERM && token.stem !== NUMBER_TERM) {
        // `${previous.stem} ${token.stem}`, hashed on from the previous stem's hash.
        const pair = fold(fnv(Math.imul(previousHash ^ SPACE, 0x01000193), token.stem));
        const m = counts.get(pair);
        counts.set(pair, (m ?? 0) + weight);
        if (m === undefined) surfaces.set(pair, `${previous.surface} ${token.surface}`);
      }
      previousHash = h;
    }
    previous = token;
  }
}

function stemsOf(tokens: ReadonlyArray<Token | null>): string[] {
  const out: string[] = [];
  for (const t of tokens) if (t) out.push(t.stem);
  return out;
}

/** tf-idf (`1 + ln tf`), L2-normalised. */
export function vectorize(counts: ReadonlyMap<number, number>, idf: Idf): Map<number, number> {
  const out = new Map<number, number>();
  let norm = 0;
  for (const [b, tf] of counts) {
    const v = (1 + Math.log(tf)) * (idf.get(b) ?? idf.unknown);
    out.set(b, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [b, v] of out) out.set(b, v / norm);
  return out;
}

export function noteVector(note: NoteText, idf: Idf): NoteVector {
  const { counts, surfaces, titleStems, bodyStems } = noteCounts(note);
  // As vectorize(), with the entries also kept as arrays.
  const keys = new Int32Array(counts.size);
  const values = new Float64Array(counts.size);
  let i = 0;
  let norm = 0;
  for (const [b, tf] of counts) {
    const v = (1 + Math.log(tf)) * (idf.get(b) ?? idf.unknown);
    keys[i] = b;
    values[i++] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  const map = new Map<number, number>();
  for (let j = 0; j < keys.length; j++) {
    if (norm > 0) values[j] = values[j]! / norm;
    map.set(keys[j]!, values[j]!);
  }
  return { map, keys, values, surfaces, titleStems, bodyStems };
}

/** Dot product of two sparse vectors (cosine for unit vectors), walking the smaller one. */
export function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) sum += x * y;
  }
  return sum;
}

/** Sum over the buckets a note shares with a criterion's text of weight * x * p * OVERLAP_SCALE. */
export function overlap(weights: Vector | undefined, note: Vector, profile: Vector): number {
  if (!weights) return 0;
  let sum = 0;
  for (const [k, p] of profile) {
    const x = note.get(k);
    if (x === undefined) continue;
    const w = weights.get(k);
    if (w !== undefined) sum += w * x * p * OVERLAP_SCALE;
  }
  return sum;
}

// ------------------------------------------------------------------------------------------------ ladder side

export interface CriterionFeatures {
  readonly id: string;
  readonly area: string;
  readonly trackId: string;
  readonly levelId: string;
  readonly levelIndex: number;
  /** tf-idf vector of the criterion's title, description and signals. */
  readonly profile: Vector;
}

/** The criterion's own words: what `sim` compares a note with. */
export function criterionText(c: { title: string; description: string; signals: readonly string[] }): NoteText {
  return { title: c.title, body: `${c.description}\n${c.signals.join('.\n')}` };
}

export function criterionFeatures(ladder: Ladder, idf: Idf): CriterionFeatures[] {
  return ladder.allCriteria().map((ref) => {
    const profile = vectorize(noteCounts(criterionText(ref.criterion)).counts, idf);
    return {
      id: ref.criterion.id,
      area: ref.criterion.area,
      trackId: ref.track.id,
      levelId: ref.level.id,
      levelIndex: ref.track.levels.indexOf(ref.level),
      profile,
    };
  });
}

export interface WindowOptions {
  track?: string | undefined;
  currentLevel?: string | undefined;
  targetLevel?: string | undefined;
}

/**
 * The relation of each criterion to the author's window, or undefined when the criterion is too far
 * away to be suggested. Without a known level, every criterion of the track is `current`.
 */
export function relations(ladder: Ladder, criteria: readonly CriterionFeatures[], options: WindowOptions): Array<Relation | undefined> {
  const track = options.track && ladder.track(options.track) ? options.track : options.track ? undefined : ladder.level(options.currentLevel)?.track.id;
  if (!track) return criteria.map(() => 'current');
  const currentRef = options.currentLevel ? ladder.level(options.currentLevel) : undefined;
  if (!currentRef) return criteria.map((c) => (c.trackId === track ? 'current' : undefined));
  const cur = refOnTrack(ladder, track, currentRef) ?? currentRef;
  const explicit = options.targetLevel ? ladder.level(options.targetLevel, track) : undefined;
  const target = (explicit ? refOnTrack(ladder, track, explicit) : undefined) ?? ladder.nextLevel(cur.level.id, cur.track.id) ?? cur;
  const low = Math.min(cur.index, target.index);
  const high = Math.max(cur.index, target.index);
  const other = new Map<string, [number, number]>();
  for (const t of ladder.tracks) {
    if (t.id === track) continue;
    const a = rankOnTrack(ladder, t.id, cur);
    const b = rankOnTrack(ladder, t.id, target);
    if (a === undefined || b === undefined) continue;
    other.set(t.id, [Math.min(a, b), Math.max(a, b)]);
  }
  return criteria.map((c) => {
    if (c.trackId === track) {
      if (c.levelIndex === cur.index) return 'current';
      if (c.levelIndex === target.index) return 'target';
      if (c.levelIndex < low) return low - c.levelIndex === 1 ? 'below1' : low - c.levelIndex === 2 ? 'below2' : undefined;
      if (c.levelIndex > high) return c.levelIndex - high === 1 ? 'above1' : undefined;
      return 'target'; // inside a window wider than two levels
    }
    const w = other.get(c.trackId);
    return w && c.levelIndex >= w[0] && c.levelIndex <= w[1] ? 'otherTrack' : undefined;
  });
}

// ------------------------------------------------------------------------------------------------ signals

/** The ladder's signal phrases, as stem sequences, indexed by first stem. */
export class SignalMatcher {
  private readonly phrases: Array<{ stems: string[]; uses: Array<{ criterion: number; signal: string }> }> = [];
  private readonly byFirst = new Map<string, number[]>();

  constructor(criteria: ReadonlyArray<{ signals: readonly string[] }>) {
    const byKey = new Map<string, number>();
    criteria.forEach((c, ci) => {
      const seen = new Set<string>();
      for (const signal of c.signals) {
        const stems = stemsOf(tokenize(signal));
        if (stems.length === 0) continue;
        const key = stems.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        let p = byKey.get(key);
        if (p === undefined) {
          p = this.phrases.length;
          byKey.set(key, p);
          this.phrases.push({ stems, uses: [] });
          const list = this.byFirst.get(stems[0]!);
          if (list) list.push(p);
          else this.byFirst.set(stems[0]!, [p]);
        }
        this.phrases[p]!.uses.push({ criterion: ci, signal });
      }
    });
    for (const list of this.byFirst.values()) list.sort((a, b) => this.phrases[b]!.stems.length - this.phrases[a]!.stems.length || a - b);
  }

  /**
   * Per criterion (index): the single-word and the longer signal phrases found in the note, each weighing
   * 1 / (criteria sharing it), title 2, body 1, both 2.5; and the signals as written, for explanations.
   * A phrase inside a longer matched phrase does not count again.
   */
  match(note: NoteVector): Map<number, { single: number; phrase: number; matched: string[] }> {
    const where = new Map<number, number>();
    this.scan(note.titleStems, 1, where);
    this.scan(note.bodyStems, 2, where);
    const out = new Map<number, { single: number; phrase: number; matched: string[] }>();
    for (const [p, place] of where) {
      const phrase = this.phrases[p]!;
      const weight = (place === 3 ? 2.5 : place === 1 ? 2 : 1) / phrase.uses.length;
      for (const use of phrase.uses) {
        let entry = out.get(use.criterion);
        if (!entry) out.set(use.criterion, (entry = { single: 0, phrase: 0, matched: [] }));
        if (phrase.stems.length === 1) entry.single += weight;
        else entry.phrase += weight * (phrase.stems.length >= 3 ? 1.5 : 1);
        entry.matched.push(use.signal);
      }
    }
    return out;
  }

  private scan(stems: readonly string[], place: number, where: Map<number, number>): void {
    let coveredUntil = 0;
    for (let i = 0; i < stems.length; i++) {
      const candidates = this.byFirst.get(stems[i]!);
      if (!candidates) continue;
      for (const p of candidates) {
        const phrase = this.phrases[p]!.stems;
        if (i + phrase.length > stems.length) continue;
        let k = 1;
        while (k < phrase.length && stems[i + k] === phrase[k]) k++;
        if (k < phrase.length) continue;
        if (i + phrase.length > coveredUntil) {
          where.set(p, (where.get(p) ?? 0) | place);
          coveredUntil = i + phrase.length;
        }
        break;
      }
    }
  }
}

/**
 * The window on another track: the declared equivalent there, else the same position. The trained
 * model's `otherTrack` relation was learnt with this window, so it stays as it was (placing a person
 * on another track, {@link Ladder.placeOnTrack}, is finer and used everywhere else).
 */
function refOnTrack(ladder: Ladder, trackId: string, ref: LevelRef): LevelRef | undefined {
  const index = rankOnTrack(ladder, trackId, ref);
  const track = ladder.track(trackId);
  return index === undefined || !track ? undefined : ladder.refOf(track.levels[index]!);
}

function rankOnTrack(ladder: Ladder, trackId: string, ref: LevelRef): number | undefined {
  const track = ladder.track(trackId);
  if (!track || track.levels.length === 0) return undefined;
  if (ref.track.id === trackId) return ref.index;
  const eq = ladder.equivalent(ref.level.id, ref.track.id);
  if (eq && eq.track.id === trackId) return eq.index;
  return Math.min(ref.index, track.levels.length - 1);
}
