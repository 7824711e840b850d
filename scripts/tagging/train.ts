/**
 * npm run train:tagger: trains the tagging model on the training split and writes
 * src/core/tagging/model.json. Deterministic. The held-out split is never read here.
 *   --cv   also chooses the decision rule by 5-fold cross-validation on the training split (slow)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLadder } from '../../src/core/ladder/load';
import { chooseDecision, DEFAULT_TRAIN_CONFIG, exportModel, train, type Decision } from '../../src/core/tagging/train';
import { loadTraining, ROOT } from './corpus';
import { createHash } from 'node:crypto';

const MODEL_FILE = path.join(ROOT, 'src', 'core', 'tagging', 'model.json');

export function trainingHash(notes: ReadonlyArray<{ id: string; title: string; body: string; labels: readonly string[] }>): string {
  const hash = createHash('sha256');
  for (const n of notes) hash.update(JSON.stringify([n.id, n.title, n.body, n.labels]));
  return hash.digest('hex').slice(0, 16);
}

/** The model.json text for the current training notes and decision. */
export function buildModelText(decision: Decision): string {
  const ladder = builtinLadder();
  const notes = loadTraining();
  const trained = train(ladder, notes, DEFAULT_TRAIN_CONFIG, decision);
  const data = exportModel(trained, decision, { notes: notes.length, hash: trainingHash(notes) });
  return JSON.stringify(data, null, 1) + '\n';
}

if (require.main === module) {
  const ladder = builtinLadder();
  const notes = loadTraining();
  let decision: Decision = (JSON.parse(fs.readFileSync(MODEL_FILE, 'utf8')) as { decision: Decision }).decision;
  if (process.argv.includes('--cv')) {
    const started = Date.now();
    const { decision: chosen, cv, workspace } = chooseDecision(ladder, notes, DEFAULT_TRAIN_CONFIG);
    decision = chosen;
    console.log(
      `cross-validation on ${notes.length} training notes (${Date.now() - started} ms): ` +
        `precision ${cv.precision.toFixed(3)} recall ${cv.recall.toFixed(3)} f1 ${cv.f1.toFixed(3)} with ${JSON.stringify(decision)}; ` +
        `each note once: precision ${workspace.alone.precision.toFixed(3)} recall ${workspace.alone.recall.toFixed(3)} f1 ${workspace.alone.f1.toFixed(3)}, ` +
        `with the writer's other notes voting ${workspace.voted.precision.toFixed(3)} / ${workspace.voted.recall.toFixed(3)} / ${workspace.voted.f1.toFixed(3)}`,
    );
  }
  const text = buildModelText(decision);
  fs.writeFileSync(MODEL_FILE, text);
  console.log(`wrote ${path.relative(ROOT, MODEL_FILE)} (${text.length} bytes) from ${notes.length} notes`);
}
