import type { Ladder } from '../ladder/ladder';
import {
  criterionFeatures,
  dot,
  noteVector,
  OVERLAP_SCALE,
  relations,
  SignalMatcher,
  type CriterionFeatures,
  type NoteText,
  type NoteVector,
  type Relation,
} from './features';
import { shippedData } from '../data/shipped';
import { decodeModel, type Decision, type Model, type ModelData } from './model';
import MODEL_DATA from './model.json';

/** One suggested criterion for a note. */
export interface TagSuggestion {
  /** Criterion id, e.g. `ic.L6.cross-team-direction`. */
  id: string;
  /** The model's probability that the note evidences the criterion (0..1, three decimals). */
  score: number;
  /** The words and phrases of the note, and the ladder's signal phrases, that weighed most, strongest first. */
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
  /**
   * Minimum score (probability). Default: the shipped decision rule ({@link DEFAULT_MIN_SCORE}, a lower
   * bar for the best candidate, and a floor relative to it); when given, this alone.
   */
  minScore?: number;
  /** The key of the note itself among {@link TaggerOptions.examples}, so that it is not its own neighbour. */
  self?: string;
}

/** A note of the person's own workspace, with the tags they gave it and the ones they removed. */
export interface TaggedExample extends NoteText {
  /** A stable key (the note's path), matched against {@link InferOptions.self}. */
  key?: string;
  criteria: readonly string[];
  removed?: readonly string[];
}

export interface TaggerOptions {
  /** The model to apply; default: the shipped model. */
  model?: Model;
  /** The workspace's own tagged notes: the nearest ones vote for their tags (and against removed ones). */
  examples?: readonly TaggedExample[];
}

let shipped: Model | undefined;
/** The shipped model, decoded once. */
export function shippedModel(): Model {
  return (shipped ??= decodeModel(shippedData().model));
}

export const DEFAULT_LIMIT: number = (MODEL_DATA as unknown as ModelData).decision.limit;
export const DEFAULT_MIN_SCORE: number = (MODEL_DATA as unknown as ModelData).decision.threshold;

/** Neighbours that vote, and the least similarity for a vote. */
const NEIGHBOURS = 8;
const MIN_NEIGHBOUR_SIMILARITY = 0.05;
/** How many of a note's terms (the highest weighted) look for neighbours. */
const NEIGHBOUR_TERMS = 40;

interface Scored {
  readonly index: number;
  readonly logit: number;
  readonly groups: CriterionGroups;
  readonly note: NoteVector;
  /** Per entry of the note's vector, the model's groups that weigh its bucket (see {@link groupIndex}). */
  readonly postings: ReadonlyArray<Posting | undefined>;
  readonly signals: readonly string[];
}

interface CriterionGroups {
  readonly names: readonly string[];
  /** Each name's place in the model's group index; -1 for a group the model does not have. */
  readonly ids: Int32Array;
  /** The model's bias for the criterion's relation to the window. */
  readonly bias: number;
}

interface ExampleVector {
  readonly key: string | undefined;
  readonly criteria: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
}

/**
 * Suggests ladder criteria for a note: a linear model over the note's words and phrases, the ladder's
 * signals and the criterion's own description, within the author's level window (see `features.ts`).
 * Build one per `Ladder` and call {@link TagInferrer.suggest} per note. Pure and deterministic.
 */
export class TagInferrer {
  private readonly model: Model;
  private readonly criteria: CriterionFeatures[];
  private readonly signals: SignalMatcher;
  private readonly trained: boolean[];
  /** Each criterion's profile (see {@link CriterionFeatures.profile}) as two parallel arrays, in its order. */
  private readonly profiles: Array<{
    readonly keys: Int32Array;
    readonly values: Float64Array;
    /** the model's `m` weight of each, NaN for none */ readonly m: Float64Array;
  }>;
  private readonly windows = new Map<string, Array<CriterionGroups | undefined>>();
  private readonly examples: ExampleVector[] = [];
  /** bucket -> the examples that have it and their values (two parallel lists) */
  private readonly postings = new Map<number, { examples: number[]; values: number[] }>();
  /** Per criterion and relation, the term groups that score it, made once (see {@link groupsOf}). */
  private readonly groupNames = new Map<string, CriterionGroups>();

  constructor(
    private readonly ladder: Ladder,
    options: TaggerOptions = {},
  ) {
    this.model = options.model ?? shippedModel();
    this.criteria = criterionFeatures(ladder, this.model.idf);
    this.signals = new SignalMatcher(ladder.allCriteria().map((r) => r.criterion));
    this.trained = this.criteria.map((c) => this.model.groups.has(`c:${c.id}`));
    const m = this.model.groups.get('m');
    this.profiles = this.criteria.map((c) => {
      const keys = Int32Array.from(c.profile.keys());
      return { keys, values: Float64Array.from(c.profile.values()), m: Float64Array.from(keys, (b) => m?.get(b) ?? Number.NaN) };
    });
    for (const example of options.examples ?? []) this.learn(example);
  }

  /**
   * Adds one of the workspace's tagged notes to learn from (as `options.examples` does), so that a caller
   * can add many in slices without holding its thread.
   */
  learn(example: TaggedExample): void {
    const index = this.examples.length;
    const criteria = new Set(example.criteria.filter((id) => this.ladder.hasCriterion(id)));
    const removed = new Set((example.removed ?? []).filter((id) => !criteria.has(id)));
    if (criteria.size === 0 && removed.size === 0) return;
    this.examples.push({ key: example.key, criteria, removed });
    const v = noteVector(example, this.model.idf);
    for (const [b, x] of v.map) {
      let list = this.postings.get(b);
      if (!list) this.postings.set(b, (list = { examples: [], values: [] }));
      list.examples.push(index);
      list.values.push(x);
    }
  }

  /**
   * The term groups that score criterion `i` at `relation`: its area, the relation, and its own when
   * trained; by name (for explanations) and by place in the model's {@link groupIndex}.
   */
  private groupsOf(i: number, relation: Relation): CriterionGroups {
    const key = `${i}|${relation}`;
    let groups = this.groupNames.get(key);
    if (!groups) {
      const c = this.criteria[i]!;
      const names = this.trained[i] ? [`a:${c.area}`, `r:${relation}`, `c:${c.id}`] : [`a:${c.area}`, `r:${relation}`];
      const index = groupIndex(this.model);
      groups = { names, ids: Int32Array.from(names, (name) => index.ids.get(name) ?? -1), bias: this.model.scalars.get(`bias:${relation}`) ?? 0 };
      this.groupNames.set(key, groups);
    }
    return groups;
  }

  /** Criteria the note evidences, best first (score descending, then id). */
  suggest(note: NoteText, options: InferOptions = {}): TagSuggestion[] {
    // An explicit minScore is the whole threshold: no relative floor, no lower bar for the first.
    const decision: Decision = options.minScore === undefined ? { ...this.model.decision } : { threshold: options.minScore, limit: 0, relativeFloor: 0 };
    decision.limit = options.limit ?? this.model.decision.limit;
    if (decision.limit <= 0) return [];
    const ranked = this.rank(note, options);
    return decide(
      ranked.map((s) => ({ criterion: this.criteria[s.index]!, p: sigmoid(s.logit), scored: s })),
      decision,
      new Set(options.exclude ?? []),
    ).map(({ criterion, p, scored }) => ({ id: criterion.id, score: Math.round(p * 1000) / 1000, matched: explain(scored) }));
  }

  /**
   * Every candidate criterion of the window with its probability, best first, before any decision:
   * for evaluation and for choosing the decision rule.
   */
  candidates(note: NoteText, options: InferOptions = {}): Array<{ criterion: CriterionFeatures; p: number }> {
    return this.rank(note, options).map((s) => ({ criterion: this.criteria[s.index]!, p: sigmoid(s.logit) }));
  }

  /** The same, as ids. */
  probabilities(note: NoteText, options: InferOptions = {}): Array<{ id: string; p: number }> {
    return this.candidates(note, options).map(({ criterion, p }) => ({ id: criterion.id, p }));
  }

  private rank(note: NoteText, options: InferOptions): Scored[] {
    const window = this.window(options);
    const v = noteVector(note, this.model.idf);
    if (v.map.size === 0) return [];
    const signals = this.signals.match(v);
    const knn = this.neighbours(v, options.self);
    const scalar = (name: string) => this.model.scalars.get(name) ?? 0;
    const [single, phrase, sim, knnWeight] = [scalar('single'), scalar('phrase'), scalar('sim'), scalar('knn')];
    // Every group's dot product with the note in one pass over the note's terms (see groupIndex).
    const index = groupIndex(this.model);
    const sums = new Float64Array(index.names.length);
    const postings: Array<Posting | undefined> = new Array<Posting | undefined>(v.keys.length);
    for (let j = 0; j < v.keys.length; j++) {
      const posting = index.postings.get(v.keys[j]!);
      postings[j] = posting;
      if (!posting) continue;
      const x = v.values[j]!;
      for (let k = 0; k < posting.groups.length; k++) sums[posting.groups[k]!]! += posting.weights[k]! * x;
    }
    const scored: Scored[] = [];
    for (let i = 0; i < this.criteria.length; i++) {
      const groups = window[i];
      if (!groups) continue;
      const c = this.criteria[i]!;
      let logit = groups.bias;
      for (let k = 0; k < groups.ids.length; k++) {
        const g = groups.ids[k]!;
        logit += g < 0 ? 0 : sums[g]!;
      }
      const sig = signals.get(i);
      if (sig) logit += single * Math.log1p(sig.single) + phrase * Math.log1p(sig.phrase);
      const { similarity, overlap } = this.profileTerms(i, v);
      logit += sim * similarity + overlap;
      if (this.examples.length) logit += knnWeight * (knn.get(c.id) ?? 0);
      scored.push({ index: i, logit, groups, note: v, postings, signals: sig?.matched ?? [] });
    }
    scored.sort((a, b) => b.logit - a.logit || compareIds(this.criteria[a.index]!.id, this.criteria[b.index]!.id));
    return scored;
  }

  /**
   * What the note shares with criterion `i`'s own text: their cosine, as {@link dot} makes it (walking
   * the smaller vector, in its order), and the learned weights of the shared words, as `overlap` (features.ts)
   * makes it; one walk of the criterion's profile for both.
   */
  private profileTerms(i: number, v: NoteVector): { similarity: number; overlap: number } {
    const profile = this.profiles[i]!;
    const walkProfile = profile.keys.length < v.keys.length;
    let similarity = 0;
    let shared = 0;
    for (let k = 0; k < profile.keys.length; k++) {
      const x = v.map.get(profile.keys[k]!);
      if (x === undefined) continue;
      const p = profile.values[k]!;
      if (walkProfile) similarity += p * x;
      const w = profile.m[k]!;
      if (!Number.isNaN(w)) shared += w * x * p * OVERLAP_SCALE;
    }
    if (!walkProfile) similarity = dot(v.map, this.criteria[i]!.profile);
    return { similarity, overlap: shared };
  }

  /** Per criterion id: the nearest tagged notes' votes, each its similarity (+ tagged, - removed). */
  private neighbours(v: NoteVector, self: string | undefined): Map<string, number> {
    const votes = new Map<string, number>();
    if (this.examples.length === 0) return votes;
    // The note's strongest terms find its neighbours: near-cosine at a fraction of the cost.
    const sims = new Float64Array(this.examples.length);
    const seen = new Uint8Array(this.examples.length);
    const touched: number[] = [];
    for (const j of strongest(v, NEIGHBOUR_TERMS)) {
      const x = v.values[j]!;
      const list = this.postings.get(v.keys[j]!);
      if (!list) continue;
      const { examples, values } = list;
      for (let k = 0; k < examples.length; k++) {
        const e = examples[k]!;
        if (!seen[e]) {
          seen[e] = 1;
          touched.push(e);
        }
        sims[e]! += values[k]! * x;
      }
    }
    const nearest: Array<[number, number]> = [];
    for (const e of touched) {
      const s = sims[e]!;
      if (s >= MIN_NEIGHBOUR_SIMILARITY && (self === undefined || this.examples[e]!.key !== self)) nearest.push([e, s]);
    }
    nearest.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    nearest.length = Math.min(nearest.length, NEIGHBOURS);
    // Not normalised: several close neighbours tagged alike say more than one distant one.
    for (const [e, s] of nearest) {
      const example = this.examples[e]!;
      for (const id of example.criteria) votes.set(id, (votes.get(id) ?? 0) + s);
      for (const id of example.removed) votes.set(id, (votes.get(id) ?? 0) - s);
    }
    return votes;
  }

  /** Per criterion, the groups and bias that score it in the author's window; undefined outside it. */
  private window(options: InferOptions): Array<CriterionGroups | undefined> {
    const key = `${options.track ?? ''}|${options.currentLevel ?? ''}|${options.targetLevel ?? ''}`;
    let w = this.windows.get(key);
    if (!w) {
      w = relations(this.ladder, this.criteria, options).map((relation, i) => (relation ? this.groupsOf(i, relation) : undefined));
      if (this.windows.size >= 32) this.windows.clear();
      this.windows.set(key, w);
    }
    return w;
  }
}

/**
 * The places of the note's `n` strongest entries, strongest first (ties: the lower bucket first), as a
 * full sort would order them; found with a numeric sort of the values and a sort of those `n` alone.
 */
export function strongest(v: Pick<NoteVector, 'keys' | 'values'>, n: number): number[] {
  const { keys, values } = v;
  const byStrength = (a: number, b: number) => values[b]! - values[a]! || keys[a]! - keys[b]!;
  if (values.length <= n) return Array.from(values, (_, j) => j).sort(byStrength);
  const cut = Float64Array.from(values).sort()[values.length - n]!;
  const picked: number[] = [];
  const ties: number[] = [];
  for (let j = 0; j < values.length; j++) {
    if (values[j]! > cut) picked.push(j);
    else if (values[j] === cut) ties.push(j);
  }
  ties.sort((a, b) => keys[a]! - keys[b]!);
  for (const j of ties) {
    if (picked.length >= n) break;
    picked.push(j);
  }
  return picked.sort(byStrength);
}

interface GroupIndex {
  readonly names: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /** bucket -> the groups weighing it and their weights */
  readonly postings: ReadonlyMap<number, Posting>;
}

/** The groups weighing one bucket (ascending) and their weights. */
interface Posting {
  readonly groups: Int32Array;
  readonly weights: Float64Array;
}

const groupIndexes = new WeakMap<Model, GroupIndex>();

/**
 * The model's term groups inverted by bucket, once per model: a note's ~200 terms then score every
 * group at once, instead of one walk of the note per group and criterion.
 */
function groupIndex(model: Model): GroupIndex {
  let index = groupIndexes.get(model);
  if (index) return index;
  const names = [...model.groups.keys()].filter((name) => name !== 'm');
  const ids = new Map(names.map((name, i) => [name, i]));
  const lists = new Map<number, Array<[number, number]>>();
  names.forEach((name, g) => {
    for (const [b, w] of model.groups.get(name)!) {
      const list = lists.get(b);
      if (list) list.push([g, w]);
      else lists.set(b, [[g, w]]);
    }
  });
  const postings = new Map<number, { groups: Int32Array; weights: Float64Array }>();
  for (const [b, list] of lists) postings.set(b, { groups: Int32Array.from(list, (e) => e[0]), weights: Float64Array.from(list, (e) => e[1]) });
  index = { names, ids, postings };
  groupIndexes.set(model, index);
  return index;
}

/** The note's words that weighed most for a suggestion, then the ladder's signals it matched. */
function explain(s: Scored): string[] {
  const wanted = s.groups.ids;
  // Each bucket is one word (its first surface), its weights summed in the order of the criterion's
  // groups, as the sums were made when scoring.
  const byWord = new Map<string, number>();
  const { keys, values, surfaces } = s.note;
  for (let j = 0; j < keys.length; j++) {
    const posting = s.postings[j];
    if (!posting) continue;
    const x = values[j]!;
    let sum: number | undefined;
    for (let w = 0; w < wanted.length; w++) {
      const g = wanted[w]!;
      if (g < 0) continue;
      const k = posting.groups.indexOf(g);
      if (k >= 0) sum = (sum ?? 0) + posting.weights[k]! * x;
    }
    if (sum === undefined) continue;
    const word = surfaces.get(keys[j]!);
    if (word !== undefined) byWord.set(word, (byWord.get(word) ?? 0) + sum);
  }
  const words = [...byWord]
    .filter(([, x]) => x > 0)
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(0, 4)
    .map(([w]) => w);
  const out = [...words];
  for (const signal of s.signals) {
    if (out.length >= 6) break;
    if (!out.some((w) => w.toLowerCase() === signal.toLowerCase())) out.push(signal);
  }
  return out;
}

/**
 * The decision rule on ranked candidates (best first): at least the threshold and the relative floor
 * times the best, at most `limit`, and one piece of evidence credited to one level: a criterion of the
 * same area as a better-ranked one, at another level (of either track), is the same evidence counted twice. An
 * excluded criterion still takes its place there (a note tagged with L5 mentoring is not offered L4's)
 * but is not returned.
 */
export function decide<T extends { criterion: CriterionFeatures; p: number }>(ranked: readonly T[], decision: Decision, exclude: ReadonlySet<string>): T[] {
  const out: T[] = [];
  if (ranked.length === 0 || decision.limit <= 0) return out;
  const floor = Math.max(decision.threshold, ranked[0]!.p * decision.relativeFloor);
  const taken: CriterionFeatures[] = [];
  for (const [rank, candidate] of ranked.entries()) {
    if (candidate.p < (rank === 0 ? Math.min(floor, decision.first ?? floor) : floor)) break;
    const c = candidate.criterion;
    if (taken.some((t) => t.area === c.area && (t.trackId !== c.trackId || t.levelId !== c.levelId))) continue;
    taken.push(c);
    if (exclude.has(c.id)) continue;
    out.push(candidate);
    if (out.length >= decision.limit) break;
  }
  return out;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
