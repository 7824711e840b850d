/**
 * Development aid: writer-fold cross-validation of a training configuration on the training split only.
 *   node out/scripts/tagging/experiment.js '{"l1":4}' ...   one line per configuration
 * Prints the decision chosen (as train:tagger would), its CV score on all notes and on the situation-first
 * notes, and the model size. Never reads a held-out split.
 */
import { builtinLadder } from '../../src/core/ladder/load';
import { decide } from '../../src/core/tagging/infer';
import { chooseDecision, DEFAULT_TRAIN_CONFIG, exportModel, score, train, type TrainConfig } from '../../src/core/tagging/train';
import { loadTraining } from './corpus';

const ladder = builtinLadder();
// OTHER_WEIGHT: the weight of the notes written toward criteria (not situation-first), to compare.
const otherWeight = process.env.OTHER_WEIGHT ? Number(process.env.OTHER_WEIGHT) : undefined;
const notes = loadTraining().map((n) => (otherWeight !== undefined && (n.weight ?? 1) === 1 ? { ...n, weight: otherWeight } : n));
for (const arg of process.argv.slice(2)) {
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...(JSON.parse(arg) as Partial<TrainConfig>) };
  const started = Date.now();
  const { decision, cv, ranked } = chooseDecision(ladder, notes, config);
  let tp = 0,
    fp = 0,
    fn = 0,
    n = 0;
  for (const { note, candidates } of ranked) {
    if ((note.weight ?? 1) <= 1) continue;
    n++;
    const got = decide(candidates, decision, new Set()).map((c) => c.criterion.id);
    for (const id of got)
      if (note.labels.includes(id)) tp++;
      else fp++;
    for (const id of note.labels) if (!got.includes(id)) fn++;
  }
  const s = score(tp, fp, fn, n);
  const size = JSON.stringify(exportModel(train(ladder, notes, config, decision), decision, { notes: notes.length, hash: '' })).length;
  console.log(
    `${arg} -> ${JSON.stringify(decision)} | all P ${cv.precision.toFixed(3)} R ${cv.recall.toFixed(3)} F1 ${cv.f1.toFixed(3)} | situation P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} | ${(size / 1024).toFixed(1)} KB | ${Math.round((Date.now() - started) / 1000)} s`,
  );
}
