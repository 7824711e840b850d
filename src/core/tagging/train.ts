/**
 * Training of the tagging model (run at build time by `npm run train:tagger`, never in the extension).
 *
 * Logistic regression over (note, candidate criterion) pairs, fitted with FTRL-Proximal (per-coordinate
 * learning rates, L1 for a sparse model and L2), a fixed number of passes in a seeded order:
 * deterministic, so the same corpus always gives the same `model.json` (a unit test checks it).
 * Candidates are the criteria of the author's window (see `features.ts` `relations`); a pair is
 * positive when the note's labels name the criterion.
 *
 * Two stages: first the generic model (term weights per area and per level relation, weights of the
 * words a note shares with a criterion's own text, the signals, the similarity, a bias per relation),
 * which scores any criterion, a team's own ladder's too; then, with the generic score as a fixed offset,
 * per-criterion term weights for the criteria trained on, which only correct what the generic model
 * gets wrong (so a criterion without them is still scored well).
 * Then the weight of the workspace feature (`knn`) is fitted with the base model fixed, on each writer's
 * notes voting for one another (leave one out), as a person's own notes would: by cross-validation, on
 * the scores of the fold models that never saw that writer (`chooseDecision`, kept in the decision).
 */
import type { Ladder } from '../ladder/ladder';
import {
  criterionFeatures,
  criterionText,
  dot,
  noteCounts,
  noteVector,
  OVERLAP_SCALE,
  relations,
  SignalMatcher,
  type CriterionFeatures,
  type Idf,
  type NoteText,
  type Relation,
  type Vector,
} from './features';
import { encodeGroup, encodeVocab, type Decision, type Model, type ModelData } from './model';
import { seededRandom } from '../util/random';
import { decide, sigmoid, TagInferrer, type TaggedExample } from './infer';

export interface LabelledNote extends NoteText {
  id: string;
  track: string;
  currentLevel: string;
  targetLevel?: string;
  labels: readonly string[];
  /** Who wrote it (a batch, a person): notes of one group are each other's neighbours for `knn`. */
  group?: string;
  date?: string;
  /** How much the note counts in training and in choosing the decision rule (default 1). */
  weight?: number;
}

export interface TrainConfig {
  passes: number;
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
  /** L1 of the per-criterion corrections (stage two): higher keeps fewer, for a smaller model. */
  criterionL1: number;
  /** Terms seen in fewer training notes than this get no weight. */
  minDf: number;
  /** Terms seen in at least this share of the training notes ship their idf; rarer ones take the unknown idf. */
  idfMinShare: number;
  seed: number;
  /** Learn a weight per word shared by the note and the criterion's text (the `m` group). */
  overlap: boolean;
}

/**
 * Chosen by writer-fold cross-validation on the training split, trading F1 for model size (before the
 * situation-first batches: F1 0.742 at 16 KB, 0.778 at 36 KB, 0.763 at 75 KB with fewer passes). With
 * those batches weighing 3 times, L1 is raised to keep the shipped model near 35 KB. With batches k-o
 * (1,475 notes): l1 6 / criterionL1 8 gave CV F1 0.709 (situation-first 0.671) at 51 KB, l1 8 / 12 gives
 * 0.693 (0.653) at 35 KB, which keeps the production bundle under 400 KB.
 * On 2026-12-02 (1,925 notes) the learning rate proved too low for 25 passes (the model underfit):
 * alpha 0.15 / criterionL1 6 gave CV F1 0.694 (situation-first 0.660) at 68 KB; alpha 0.6 / 4 0.744
 * (0.712) at 58 KB; 1.2 / 4 0.745 at 46 KB; 2.5 / 4 0.746 at 38 KB; 1.2 / 2 0.754 (0.724) at 71 KB;
 * 2.5 / 2, shipped, 0.751 (0.722) at 56 KB: within 0.003 of the best, and 15 KB smaller.
 */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  passes: 25,
  alpha: 2.5,
  beta: 1,
  l1: 8,
  l2: 0.5,
  criterionL1: 2,
  minDf: 2,
  idfMinShare: 0.01,
  seed: 1,
  overlap: true,
};

// ------------------------------------------------------------------------------------------------ idf

/**
 * The idf of the terms common in the training notes (and the ladder's texts): these ship with the model;
 * every rarer term takes `unknown`, the idf of a term seen once.
 */
export function computeIdf(
  ladder: Ladder,
  notes: readonly NoteText[],
  config: TrainConfig,
): { idf: Map<number, number>; df: Map<number, number>; unknown: number } {
  const df = new Map<number, number>();
  const docs = [...notes, ...ladder.allCriteria().map((r) => criterionText(r.criterion))];
  for (const doc of docs) for (const b of noteCounts(doc).counts.keys()) df.set(b, (df.get(b) ?? 0) + 1);
  const n = docs.length;
  const unknown = Math.log((n + 1) / 2) + 1;
  const idf = new Map<number, number>();
  const minDocs = Math.max(2, Math.ceil(config.idfMinShare * n));
  for (const [b, d] of df) if (d >= minDocs) idf.set(b, quantizeIdf(Math.log((n + 1) / (d + 1)) + 1));
  return { idf, df, unknown: quantizeIdf(unknown) };
}

export const IDF_SCALE = 32;
/** idf as shipped (a byte / IDF_SCALE), so training sees what the extension will. */
function quantizeIdf(x: number): number {
  return Math.max(1, Math.min(255, Math.round(x * IDF_SCALE))) / IDF_SCALE;
}

// ------------------------------------------------------------------------------------------------ pairs

interface Pair {
  readonly y: number;
  readonly weight: number;
  readonly index: Int32Array;
  readonly value: Float64Array;
  /** Fixed part of the logit (stage two: the generic score). */
  offset: number;
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

interface PairSource {
  note: LabelledNote;
  criterion: CriterionFeatures;
  relation: Relation;
  v: Vector;
  usable: number[];
  signals: { single: number; phrase: number } | undefined;
}

function sources(ladder: Ladder, notes: readonly LabelledNote[], idf: Idf, df: ReadonlyMap<number, number>, config: TrainConfig): PairSource[] {
  const criteria = criterionFeatures(ladder, idf);
  const matcher = new SignalMatcher(ladder.allCriteria().map((r) => r.criterion));
  const out: PairSource[] = [];
  for (const note of notes) {
    const nv = noteVector(note, idf);
    const sig = matcher.match(nv);
    const window = relations(ladder, criteria, note);
    const usable = [...nv.map.keys()].filter((b) => (df.get(b) ?? 0) >= config.minDf);
    criteria.forEach((criterion, ci) => {
      const relation = window[ci];
      if (relation) out.push({ note, criterion, relation, v: nv.map, usable, signals: sig.get(ci) });
    });
  }
  return out;
}

function genericPair(src: PairSource, df: ReadonlyMap<number, number>, config: TrainConfig, space: FeatureSpace): Pair {
  const index: number[] = [];
  const value: number[] = [];
  for (const g of [`a:${src.criterion.area}`, `r:${src.relation}`]) {
    for (const b of src.usable) {
      index.push(space.id(`${g}\t${b}`));
      value.push(src.v.get(b)!);
    }
  }
  if (config.overlap) {
    for (const [b, p] of src.criterion.profile) {
      const x = src.v.get(b);
      if (x === undefined || (df.get(b) ?? 0) < config.minDf) continue;
      index.push(space.id(`m\t${b}`));
      value.push(x * p * OVERLAP_SCALE);
    }
  }
  const scalars: Array<[string, number]> = [
    [`bias:${src.relation}`, 1],
    ['single', src.signals ? Math.log1p(src.signals.single) : 0],
    ['phrase', src.signals ? Math.log1p(src.signals.phrase) : 0],
    ['sim', dot(src.v, src.criterion.profile)],
  ];
  for (const [name, x] of scalars) {
    if (x === 0) continue;
    index.push(space.id(`s\t${name}`));
    value.push(x);
  }
  return {
    y: src.note.labels.includes(src.criterion.id) ? 1 : 0,
    weight: src.note.weight ?? 1,
    index: Int32Array.from(index),
    value: Float64Array.from(value),
    offset: 0,
  };
}

function criterionPair(src: PairSource, space: FeatureSpace, offset: number): Pair {
  const index: number[] = [];
  const value: number[] = [];
  for (const b of src.usable) {
    index.push(space.id(`c:${src.criterion.id}\t${b}`));
    value.push(src.v.get(b)!);
  }
  return {
    y: src.note.labels.includes(src.criterion.id) ? 1 : 0,
    weight: src.note.weight ?? 1,
    index: Int32Array.from(index),
    value: Float64Array.from(value),
    offset,
  };
}

function ftrl(pairs: readonly Pair[], space: FeatureSpace, config: TrainConfig, l1: number): Float64Array {
  const size = space.keys.length;
  const z = new Float64Array(size);
  const nsq = new Float64Array(size);
  const w = new Float64Array(size);
  const unpenalised = new Uint8Array(size);
  space.keys.forEach((k, i) => (unpenalised[i] = k.startsWith('s\t') ? 1 : 0));
  const order = pairs.map((_, i) => i);
  const next = seededRandom(config.seed);
  const weight = (i: number): number => {
    const l = unpenalised[i] ? 0 : l1;
    const zi = z[i]!;
    if (Math.abs(zi) <= l) return 0;
    return -(zi - Math.sign(zi) * l) / ((config.beta + Math.sqrt(nsq[i]!)) / config.alpha + config.l2);
  };
  for (let pass = 0; pass < config.passes; pass++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const o of order) {
      const pair = pairs[o]!;
      let logit = pair.offset;
      for (let k = 0; k < pair.index.length; k++) {
        const i = pair.index[k]!;
        w[i] = weight(i);
        logit += w[i]! * pair.value[k]!;
      }
      const g = (sigmoid(logit) - pair.y) * pair.weight;
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

/** Weights by feature key into groups (bucket -> weight) and scalars. */
function collect(space: FeatureSpace, w: Float64Array, groups: Map<string, Map<number, number>>, scalars: Map<string, number>): void {
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
    g.set(Number(term), value);
  });
}

export interface TrainedModel {
  model: Model;
  idf: Map<number, number>;
  unknownIdf: number;
}

/** Trains the model (unquantised, except idf); the workspace weight and the decision come after. */
export function train(ladder: Ladder, notes: readonly LabelledNote[], config: TrainConfig = DEFAULT_TRAIN_CONFIG, decision?: Decision): TrainedModel {
  const { idf: idfMap, df, unknown } = computeIdf(ladder, notes, config);
  const idf: Idf = { get: (b) => idfMap.get(b), unknown };
  const src = sources(ladder, notes, idf, df, config);
  const groups = new Map<string, Map<number, number>>();
  const scalars = new Map<string, number>();
  // Stage one: the generic model.
  const genericSpace = new FeatureSpace();
  const genericPairs = src.map((s) => genericPair(s, df, config, genericSpace));
  const gw = ftrl(genericPairs, genericSpace, config, config.l1);
  collect(genericSpace, gw, groups, scalars);
  // Stage two: per-criterion corrections on top of the generic score.
  const criterionSpace = new FeatureSpace();
  const criterionPairs = src.map((s, i) => {
    const p = genericPairs[i]!;
    let offset = 0;
    for (let k = 0; k < p.index.length; k++) offset += gw[p.index[k]!]! * p.value[k]!;
    return criterionPair(s, criterionSpace, offset);
  });
  collect(criterionSpace, ftrl(criterionPairs, criterionSpace, config, config.criterionL1), groups, scalars);
  const model: Model = { idf, groups, scalars, decision: decision ?? { threshold: 0.5, limit: 3, relativeFloor: 0 } };
  setWorkspaceWeight(ladder, model, notes, decision);
  return { model, idf: idfMap, unknownIdf: unknown };
}

/** A labelled note as one of the workspace's tagged notes. */
export function asExample(n: LabelledNote): TaggedExample {
  return { key: n.id, title: n.title, body: n.body, criteria: n.labels };
}

/** The notes by `group` (a writer, a person), in order; notes without one are left out. */
function notesByGroup(notes: readonly LabelledNote[]): Map<string, LabelledNote[]> {
  const byGroup = new Map<string, LabelledNote[]>();
  for (const n of notes) {
    if (!n.group) continue;
    const list = byGroup.get(n.group);
    if (list) list.push(n);
    else byGroup.set(n.group, [n]);
  }
  return byGroup;
}

/**
 * The rows that fit `knn` with everything else fixed: each note's neighbours are the other notes of its
 * group, as a person's own notes would be. Per (note, candidate): the base logit, the vote, the label.
 */
function workspaceRows(ladder: Ladder, model: Model, notes: readonly LabelledNote[]): Array<[number, number, number]> {
  const probe = (knn: number): Model => ({ ...model, scalars: new Map([...model.scalars, ['knn', knn]]) });
  // The logit is linear in the weight: probing with 0 and 1 reads each pair's base logit and vote.
  const m0 = probe(0);
  const m1 = probe(1);
  const rows: Array<[number, number, number]> = [];
  for (const group of notesByGroup(notes).values()) {
    const examples = group.map(asExample);
    const t0 = new TagInferrer(ladder, { model: m0, examples });
    const t1 = new TagInferrer(ladder, { model: m1, examples });
    for (const n of group) {
      const options = { ...windowOf(n), self: n.id };
      const base = new Map(t0.probabilities(n, options).map((x) => [x.id, logit(x.p)]));
      const voted = new Map(t1.probabilities(n, options).map((x) => [x.id, logit(x.p)]));
      for (const [id, b] of base) rows.push([b, voted.get(id)! - b, n.labels.includes(id) ? 1 : 0]);
    }
  }
  return rows;
}

/** Micro-averaged: the counts of several scores added up. */
export function sumScores(scores: readonly Score[]): Score {
  const t = scores.reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn, n: a.n + s.notes }), { tp: 0, fp: 0, fn: 0, n: 0 });
  return score(t.tp, t.fp, t.fn, t.n);
}

/**
 * Newton steps on the one weight (logistic loss, small L2). No per-criterion prior is learned from the
 * examples: the training writers cover every criterion evenly, unlike a person.
 */
function fitWeight(rows: ReadonlyArray<readonly [number, number, number]>): number {
  let a = 0;
  for (let step = 0; step < 25; step++) {
    let g = 0.01 * a;
    let h = 0.01;
    for (const [b, x, y] of rows) {
      const p = sigmoid(b + a * x);
      g += (p - y) * x;
      h += p * (1 - p) * x * x;
    }
    a -= g / h;
  }
  return a;
}

/**
 * Sets `knn`: the decision's (fitted on out-of-fold scores by {@link chooseDecision}) when it has one;
 * else fitted here on the training notes' own scores, which are more confident than a new note's, so
 * the votes weigh less than they should.
 */
function setWorkspaceWeight(ladder: Ladder, model: Model, notes: readonly LabelledNote[], decision: Decision | undefined): void {
  const knn = decision?.knn ?? fitWeight(workspaceRows(ladder, model, notes));
  (model.scalars as Map<string, number>).set('knn', knn);
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
    const got = inferrer
      .suggest(n, { track: n.track, currentLevel: n.currentLevel, ...(n.targetLevel ? { targetLevel: n.targetLevel } : {}), ...extra(n) })
      .map((s) => s.id);
    const want = new Set(n.labels);
    for (const id of got)
      if (want.has(id)) tp++;
      else fp++;
    for (const id of want) if (!got.includes(id)) fn++;
  }
  return score(tp, fp, fn, notes.length);
}

/**
 * Chooses the decision rule (threshold, limit, relative floor) on out-of-fold probabilities of the
 * training notes (k folds, each scored by a model trained on the others; a fold is a writer's notes, so
 * that each is scored by a model that never saw that writer), each note counting its weight: the best F1
 * among the rules whose precision is at least `minPrecision`, else the best F1.
 */
export function chooseDecision(
  ladder: Ladder,
  notes: readonly LabelledNote[],
  config: TrainConfig,
  folds = 5,
  minPrecision = 0.82,
): {
  decision: Decision;
  cv: Score;
  /** Unweighted, by writer fold: without the workspace's votes, and with the writer's other notes voting. */
  workspace: { alone: Score; voted: Score };
  ranked: Array<{ note: LabelledNote; candidates: Array<{ criterion: CriterionFeatures; p: number }> }>;
} {
  const ranked: Array<{ note: LabelledNote; candidates: Array<{ criterion: CriterionFeatures; p: number }> }> = [];
  // Folds by writer when there are enough writers (a new writer is what the model meets), else by index.
  const groups = [...new Set(notes.map((n) => n.group ?? ''))].sort();
  const foldOf = groups.length >= folds ? (n: LabelledNote, _i: number) => groups.indexOf(n.group ?? '') % folds : (_n: LabelledNote, i: number) => i % folds;
  const rows: Array<[number, number, number]> = [];
  const foldModels: Array<{ model: Model; held: LabelledNote[] }> = [];
  for (let f = 0; f < folds; f++) {
    const { model } = train(
      ladder,
      notes.filter((n, i) => foldOf(n, i) !== f),
      config,
      { threshold: 0.5, limit: 3, relativeFloor: 0, knn: 0 },
    );
    const inferrer = new TagInferrer(ladder, { model });
    const held = notes.filter((note, i) => foldOf(note, i) === f);
    for (const note of held) ranked.push({ note, candidates: inferrer.candidates(note, windowOf(note)) });
    // The workspace weight on scores of notes the fold's model never saw (a writer's other notes vote).
    rows.push(...workspaceRows(ladder, model, held));
    foldModels.push({ model, held });
  }
  const knn = Math.round(fitWeight(rows) * 1e4) / 1e4;
  let best: { decision: Decision; cv: Score } | undefined;
  let bestAny: { decision: Decision; cv: Score } | undefined;
  const none = new Set<string>();
  const grid: Decision[] = [];
  for (const limit of [1, 2, 3]) {
    for (const relativeFloor of [0, 0.3, 0.5, 0.7]) {
      for (let step = 0; step <= 26; step++) {
        const threshold = Math.round((0.15 + step * 0.025) * 1000) / 1000;
        grid.push({ threshold, limit, relativeFloor });
        for (const first of [0.05, 0.1, 0.15, 0.2]) if (first < threshold) grid.push({ threshold, limit, relativeFloor, first });
      }
    }
  }
  {
    {
      for (const decision of grid) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (const { note, candidates } of ranked) {
          const got = decide(candidates, decision, none).map((c) => c.criterion.id);
          const want = new Set(note.labels);
          const w = note.weight ?? 1;
          for (const id of got)
            if (want.has(id)) tp += w;
            else fp += w;
          for (const id of want) if (!got.includes(id)) fn += w;
        }
        const cv = score(tp, fp, fn, ranked.length);
        if (!bestAny || cv.f1 > bestAny.cv.f1) bestAny = { decision, cv };
        if (cv.precision >= minPrecision && (!best || cv.f1 > best.cv.f1)) best = { decision, cv };
      }
    }
  }
  const chosen = best ?? bestAny!;
  const decision: Decision = { ...chosen.decision, knn };
  // The chosen rule as the extension applies it (each note counting once), without and with votes: each
  // held-out writer's other notes as the workspace's tagged notes.
  const alone: Score[] = [];
  const voted: Score[] = [];
  for (const { model, held } of foldModels) {
    const m: Model = { ...model, decision, scalars: new Map([...model.scalars, ['knn', knn]]) };
    for (const group of notesByGroup(held).values()) {
      alone.push(evaluate(new TagInferrer(ladder, { model: m }), group));
      voted.push(evaluate(new TagInferrer(ladder, { model: m, examples: group.map(asExample) }), group, (n) => ({ self: n.id })));
    }
  }
  return { decision, cv: chosen.cv, workspace: { alone: sumScores(alone), voted: sumScores(voted) }, ranked };
}

export function windowOf(n: LabelledNote): { track: string; currentLevel: string; targetLevel?: string } {
  return { track: n.track, currentLevel: n.currentLevel, ...(n.targetLevel ? { targetLevel: n.targetLevel } : {}) };
}

// ------------------------------------------------------------------------------------------------ export

/**
 * Weights smaller than this many steps of the scale (under 1% of the largest) are left out of the
 * shipped model: they move a logit by thousandths and would cost a quarter of its size.
 */
const MIN_EXPORTED_STEPS = 3;

/** The compact, shipped form: weights as signed bytes of one scale, idf as bytes. */
export function exportModel(trained: TrainedModel, decision: Decision, trainedOn: ModelData['trainedOn']): ModelData {
  const { groups, scalars } = trained.model;
  let max = 0;
  for (const g of groups.values()) for (const w of g.values()) max = Math.max(max, Math.abs(w));
  const scale = Math.round((max > 0 ? max / 127 : 1) * 1e6) / 1e6;
  const kept = new Map<string, Array<[number, number]>>();
  for (const name of [...groups.keys()].sort()) {
    const entries: Array<[number, number]> = [];
    for (const [b, w] of groups.get(name)!) {
      const q = Math.max(-127, Math.min(127, Math.round(w / scale)));
      if (Math.abs(q) >= MIN_EXPORTED_STEPS) entries.push([b, q]);
    }
    if (entries.length) kept.set(name, entries);
  }
  const idfEntries = [...trained.idf].map(([b, x]) => [b, Math.round(x * IDF_SCALE)] as [number, number]);
  const buckets = new Set(idfEntries.map((e) => e[0]));
  for (const entries of kept.values()) for (const [b] of entries) buckets.add(b);
  const vocab = [...buckets].sort((a, b) => a - b);
  const position = new Map(vocab.map((b, i) => [b, i]));
  const encode = (entries: ReadonlyArray<readonly [number, number]>) =>
    encodeGroup(entries.map(([b, q]) => [position.get(b)!, q] as [number, number]).sort((a, b) => a[0] - b[0]));
  const outGroups: Record<string, string> = {};
  for (const [name, entries] of kept) outGroups[name] = encode(entries);
  const outScalars: Record<string, number> = {};
  for (const name of [...scalars.keys()].sort()) outScalars[name] = Math.round(scalars.get(name)! * 1e4) / 1e4;
  return {
    version: 3,
    vocab: encodeVocab(vocab),
    idfScale: IDF_SCALE,
    idf: encode(idfEntries),
    unknownIdf: trained.unknownIdf,
    scale,
    groups: outGroups,
    scalars: outScalars,
    decision,
    trainedOn,
  };
}

export type { CriterionFeatures, Decision, Relation };
