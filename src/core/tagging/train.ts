/**
 * Training of the tagging model (run at build time by `npm run train:tagger`, never in the extension).
 *
 * Logistic regression over (note, candidate criterion) pairs, fitted with FTRL-Proximal (per-coordinate
 * learning rates, L1 for a sparse model and L2), a fixed number of passes in a seeded order:
 * deterministic, so the same corpus always gives the same `model.json` (a unit test checks it).
 * Candidates are the criteria of the author's window (see `features.ts` `relations`); a pair is
 * positive when the note's labels name the criterion.
 *
 * Two variants are trained: `full` (with per-criterion term weights, for the criteria trained on) and
 * `generic` (area, level relation and the ladder-text features only), which scores criteria the model
 * has never seen, such as a team's own ladder's.
 * Then the weight of the workspace feature (`knn`) is fitted with the base model fixed,
 * on each writer's notes voting for one another (leave one out), as a person's own notes would.
 */
import type { Ladder } from '../ladder/ladder';
import {
  criterionFeatures,
  criterionText,
  dot,
  noteCounts,
  noteVector,
  relations,
  SignalMatcher,
  type CriterionFeatures,
  type Idf,
  type NoteText,
  type Relation,
} from './features';
import { encodeGroup, toBase64, type Model, type ModelData, type ModelVariant, type ModelVariantData } from './model';
import { decide, sigmoid, TagInferrer, type Decision } from './infer';

export interface LabelledNote extends NoteText {
  id: string;
  track: string;
  currentLevel: string;
  targetLevel?: string;
  labels: readonly string[];
  /** Who wrote it (a batch, a person): notes of one group are each other's neighbours for `knn`. */
  group?: string;
  date?: string;
}

export interface TrainConfig {
  passes: number;
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
  /** Terms seen in fewer training notes than this get no weight. */
  minDf: number;
  seed: number;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = { passes: 8, alpha: 0.1, beta: 1, l1: 0.5, l2: 0.5, minDf: 2, seed: 1 };

// ------------------------------------------------------------------------------------------------ idf

export function computeIdf(ladder: Ladder, notes: readonly NoteText[]): { idf: Map<string, number>; df: Map<string, number>; unknown: number } {
  const df = new Map<string, number>();
  const docs = [...notes, ...ladder.allCriteria().map((r) => criterionText(r.criterion))];
  for (const doc of docs) for (const term of noteCounts(doc).counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [term, d] of df) idf.set(term, Math.log((n + 1) / (d + 1)) + 1);
  return { idf, df, unknown: Math.log(n + 1) + 1 };
}

// ------------------------------------------------------------------------------------------------ pairs

interface Pair {
  readonly note: number;
  readonly criterion: number;
  readonly y: number;
  readonly index: Int32Array;
  readonly value: Float64Array;
}

class FeatureSpace {
  readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let i = this.ids.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.ids.set(key, i);
      this.keys.push(key);
    }
    return i;
  }
}

function buildPairs(
  ladder: Ladder,
  notes: readonly LabelledNote[],
  idf: Idf,
  df: ReadonlyMap<string, number>,
  config: TrainConfig,
  withCriterionGroups: boolean,
  space: FeatureSpace,
): Pair[] {
  const criteria = criterionFeatures(ladder, idf);
  const signals = new SignalMatcher(ladder.allCriteria().map((r) => r.criterion));
  const pairs: Pair[] = [];
  notes.forEach((note, n) => {
    const v = noteVector(note, idf);
    const sig = signals.match(v);
    const window = relations(ladder, criteria, note);
    const labels = new Set(note.labels);
    const usable: number[] = [];
    for (let t = 0; t < v.terms.length; t++) if ((df.get(v.terms[t]!) ?? 0) >= config.minDf) usable.push(t);
    criteria.forEach((c, ci) => {
      const relation = window[ci];
      if (!relation) return;
      const index: number[] = [];
      const value: number[] = [];
      const groups = withCriterionGroups ? [`a:${c.area}`, `r:${relation}`, `c:${c.id}`] : [`a:${c.area}`, `r:${relation}`];
      for (const g of groups) {
        for (const t of usable) {
          index.push(space.id(`${g}\t${v.terms[t]!}`));
          value.push(v.values[t]!);
        }
      }
      const s = sig.get(ci);
      const scalars: Array<[string, number]> = [
        [`bias:${relation}`, 1],
        ['single', s ? Math.log1p(s.single) : 0],
        ['phrase', s ? Math.log1p(s.phrase) : 0],
        ['sim', dot(v.map, c.profile)],
      ];
      for (const [name, x] of scalars) {
        if (x === 0) continue;
        index.push(space.id(`s\t${name}`));
        value.push(x);
      }
      pairs.push({ note: n, criterion: ci, y: labels.has(c.id) ? 1 : 0, index: Int32Array.from(index), value: Float64Array.from(value) });
    });
  });
  return pairs;
}

/** A seeded PRNG (mulberry32), so that training is deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ftrl(pairs: readonly Pair[], space: FeatureSpace, config: TrainConfig): Float64Array {
  const size = space.keys.length;
  const z = new Float64Array(size);
  const nsq = new Float64Array(size);
  const w = new Float64Array(size);
  const unpenalised = new Uint8Array(size);
  space.keys.forEach((k, i) => (unpenalised[i] = k.startsWith('s\t') ? 1 : 0));
  const order = pairs.map((_, i) => i);
  const next = random(config.seed);
  const weight = (i: number): number => {
    const l1 = unpenalised[i] ? 0 : config.l1;
    const zi = z[i]!;
    if (Math.abs(zi) <= l1) return 0;
    return -(zi - Math.sign(zi) * l1) / ((config.beta + Math.sqrt(nsq[i]!)) / config.alpha + config.l2);
  };
  for (let pass = 0; pass < config.passes; pass++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const o of order) {
      const pair = pairs[o]!;
      let logit = 0;
      for (let k = 0; k < pair.index.length; k++) {
        const i = pair.index[k]!;
        w[i] = weight(i);
        logit += w[i]! * pair.value[k]!;
      }
      const g = sigmoid(logit) - pair.y;
      for (let k = 0; k < pair.index.length; k++) {
        const i = pair.index[k]!;
        const gi = g * pair.value[k]!;
        const sigma = (Math.sqrt(nsq[i]! + gi * gi) - Math.sqrt(nsq[i]!)) / config.alpha;
        z[i]! += gi - sigma * w[i]!;
        nsq[i]! += gi * gi;
      }
    }
  }
  for (let i = 0; i < size; i++) w[i] = weight(i);
  return w;
}

function toVariant(space: FeatureSpace, w: Float64Array): ModelVariant {
  const groups = new Map<string, Map<string, number>>();
  const scalars = new Map<string, number>();
  space.keys.forEach((key, i) => {
    const value = w[i]!;
    if (value === 0) return;
    const tab = key.indexOf('\t');
    const group = key.slice(0, tab);
    const term = key.slice(tab + 1);
    if (group === 's') {
      scalars.set(term, value);
      return;
    }
    let g = groups.get(group);
    if (!g) groups.set(group, (g = new Map()));
    g.set(term, value);
  });
  return { groups, scalars };
}

export interface TrainedModel {
  model: Model;
  idf: Map<string, number>;
  unknownIdf: number;
  df: Map<string, number>;
}

/** Trains both variants (unquantised); the workspace weights and the decision come after. */
export function train(ladder: Ladder, notes: readonly LabelledNote[], config: TrainConfig = DEFAULT_TRAIN_CONFIG, decision?: Decision): TrainedModel {
  const { idf: idfMap, df, unknown } = computeIdf(ladder, notes);
  const idf: Idf = { get: (t) => idfMap.get(t), unknown };
  const fullSpace = new FeatureSpace();
  const full = toVariant(fullSpace, ftrl(buildPairs(ladder, notes, idf, df, config, true, fullSpace), fullSpace, config));
  const genericSpace = new FeatureSpace();
  const generic = toVariant(genericSpace, ftrl(buildPairs(ladder, notes, idf, df, config, false, genericSpace), genericSpace, config));
  const model: Model = { idf, full, generic, decision: decision ?? { threshold: 0.5, limit: 3, relativeFloor: 0 } };
  fitWorkspaceWeights(ladder, model, notes);
  return { model, idf: idfMap, unknownIdf: unknown, df };
}

/**
 * Fits `knn` (for both variants) with everything else fixed: each note's neighbours
 * are the other notes of its group, as a person's own notes would be.
 */
function fitWorkspaceWeights(ladder: Ladder, model: Model, notes: readonly LabelledNote[]): void {
  const byGroup = new Map<string, LabelledNote[]>();
  for (const n of notes) {
    if (!n.group) continue;
    const list = byGroup.get(n.group);
    if (list) list.push(n);
    else byGroup.set(n.group, [n]);
  }
  if (byGroup.size === 0) return;
  // Rows of (base logit, knn vote, y).
  const rows: Array<[number, number, number]> = [];
  const probe = (knn: number): Model => ({
    ...model,
    full: { groups: model.full.groups, scalars: new Map([...model.full.scalars, ['knn', knn]]) },
    generic: { groups: model.generic.groups, scalars: new Map([...model.generic.scalars, ['knn', knn]]) },
  });
  // The logit is linear in the weight: probing with 0 and 1 reads each pair's base logit and feature.
  const m00 = probe(0);
  const m10 = probe(1);
  for (const group of byGroup.values()) {
    const examples = group.map((n) => ({ key: n.id, title: n.title, body: n.body, criteria: n.labels }));
    const tag00 = new TagInferrer(ladder, { model: m00, examples });
    const tag10 = new TagInferrer(ladder, { model: m10, examples });
    for (const n of group) {
      const options = { track: n.track, currentLevel: n.currentLevel, ...(n.targetLevel ? { targetLevel: n.targetLevel } : {}), self: n.id };
      const base = new Map(tag00.probabilities(n, options).map((x) => [x.id, logit(x.p)]));
      const k = new Map(tag10.probabilities(n, options).map((x) => [x.id, logit(x.p)]));
      const labels = new Set(n.labels);
      for (const [id, b] of base) rows.push([b, k.get(id)! - b, labels.has(id) ? 1 : 0]);
    }
  }
  // Newton steps on the one weight (logistic loss, small L2). No per-criterion prior is learned from the
  // examples: the training writers cover every criterion evenly, unlike a person.
  let a = 0;
  for (let step = 0; step < 25; step++) {
    let g = 0.01 * a;
    let h = 0.01;
    for (const [b, x1, y] of rows) {
      const p = sigmoid(b + a * x1);
      g += (p - y) * x1;
      h += p * (1 - p) * x1 * x1;
    }
    a -= g / h;
  }
  for (const variant of [model.full, model.generic]) (variant.scalars as Map<string, number>).set('knn', a);
}

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log(q / (1 - q));
}

// ------------------------------------------------------------------------------------------------ evaluation

export interface Score {
  notes: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function score(tp: number, fp: number, fn: number, notes: number): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { notes, tp, fp, fn, precision, recall, f1 };
}

/** Micro-averaged precision and recall of `suggest` as the extension calls it (default limit and threshold). */
export function evaluate(
  inferrer: TagInferrer,
  notes: readonly LabelledNote[],
  extra: (n: LabelledNote) => { self?: string; limit?: number; minScore?: number } = () => ({}),
): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const n of notes) {
    const got = inferrer.suggest(n, { track: n.track, currentLevel: n.currentLevel, ...(n.targetLevel ? { targetLevel: n.targetLevel } : {}), ...extra(n) }).map((s) => s.id);
    const want = new Set(n.labels);
    for (const id of got) if (want.has(id)) tp++;
    else fp++;
    for (const id of want) if (!got.includes(id)) fn++;
  }
  return score(tp, fp, fn, notes.length);
}

/**
 * Chooses the decision rule (threshold, limit, relative floor) on out-of-fold probabilities of the
 * training notes (k folds, each scored by a model trained on the others): the best F1 among the rules
 * whose precision is at least `minPrecision`, else the best F1.
 */
export function chooseDecision(
  ladder: Ladder,
  notes: readonly LabelledNote[],
  config: TrainConfig,
  folds = 5,
  minPrecision = 0.82,
): { decision: Decision; cv: Score; ranked: Array<{ note: LabelledNote; candidates: Array<{ criterion: CriterionFeatures; p: number }> }> } {
  const ranked: Array<{ note: LabelledNote; candidates: Array<{ criterion: CriterionFeatures; p: number }> }> = [];
  for (let f = 0; f < folds; f++) {
    const { model } = train(ladder, notes.filter((_, i) => i % folds !== f), config);
    const inferrer = new TagInferrer(ladder, { model });
    notes.forEach((note, i) => {
      if (i % folds === f) ranked.push({ note, candidates: inferrer.candidates(note, windowOf(note)) });
    });
  }
  let best: { decision: Decision; cv: Score } | undefined;
  let bestAny: { decision: Decision; cv: Score } | undefined;
  const none = new Set<string>();
  for (const limit of [1, 2, 3]) {
    for (const relativeFloor of [0, 0.3, 0.5, 0.7]) {
      for (let step = 0; step <= 26; step++) {
        const decision = { threshold: Math.round((0.15 + step * 0.025) * 1000) / 1000, limit, relativeFloor };
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (const { note, candidates } of ranked) {
          const got = decide(candidates, decision, none).map((c) => c.criterion.id);
          const want = new Set(note.labels);
          for (const id of got) if (want.has(id)) tp++;
          else fp++;
          for (const id of want) if (!got.includes(id)) fn++;
        }
        const cv = score(tp, fp, fn, ranked.length);
        if (!bestAny || cv.f1 > bestAny.cv.f1) bestAny = { decision, cv };
        if (cv.precision >= minPrecision && (!best || cv.f1 > best.cv.f1)) best = { decision, cv };
      }
    }
  }
  return { ...(best ?? bestAny!), ranked };
}

export function windowOf(n: LabelledNote): { track: string; currentLevel: string; targetLevel?: string } {
  return { track: n.track, currentLevel: n.currentLevel, ...(n.targetLevel ? { targetLevel: n.targetLevel } : {}) };
}

// ------------------------------------------------------------------------------------------------ export

function quantize(variant: ModelVariant, vocabIndex: Map<string, number>): ModelVariantData {
  let max = 0;
  for (const g of variant.groups.values()) for (const w of g.values()) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 127 : 1;
  const groups: Record<string, string> = {};
  for (const [name, g] of [...variant.groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const entries: Array<[number, number]> = [];
    for (const [term, w] of g) {
      const q = Math.round(w / scale);
      if (q !== 0) entries.push([vocabIndex.get(term)!, q]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    if (entries.length) groups[name] = encodeGroup(entries);
  }
  const scalars: Record<string, number> = {};
  for (const [name, w] of [...variant.scalars].sort((a, b) => (a[0] < b[0] ? -1 : 1))) scalars[name] = Math.round(w * 1e4) / 1e4;
  return { scale: Math.round(scale * 1e6) / 1e6, groups, scalars };
}

/**
 * The compact, shipped form. The vocabulary holds the weighted terms and every term seen in at least
 * `minDf` documents (for idf); rarer terms take the unknown idf.
 */
export function exportModel(trained: TrainedModel, decision: Decision, config: TrainConfig, trainedOn: ModelData['trainedOn']): ModelData {
  const terms = new Set<string>();
  for (const v of [trained.model.full, trained.model.generic]) for (const g of v.groups.values()) for (const t of g.keys()) terms.add(t);
  for (const [t, d] of trained.df) if (d >= config.minDf) terms.add(t);
  const vocab = [...terms].sort();
  const vocabIndex = new Map(vocab.map((t, i) => [t, i]));
  let maxIdf = trained.unknownIdf;
  for (const t of vocab) maxIdf = Math.max(maxIdf, trained.idf.get(t) ?? 0);
  const idfScale = Math.floor(255 / maxIdf);
  const idfBytes = Uint8Array.from(vocab.map((t) => Math.max(1, Math.round((trained.idf.get(t) ?? trained.unknownIdf) * idfScale))));
  return {
    version: 1,
    vocab: vocab.join('\n'),
    idfScale,
    idf: toBase64(idfBytes),
    unknownIdf: Math.round(trained.unknownIdf * 1e4) / 1e4,
    variants: { full: quantize(trained.model.full, vocabIndex), generic: quantize(trained.model.generic, vocabIndex) },
    decision,
    trainedOn,
  };
}

export type { CriterionFeatures, Decision, Relation };
