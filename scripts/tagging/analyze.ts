/**
 * npm run analyze:tagger (development aid): where the cross-validated ranking loses recall on the training
 * split: the relation of each wanted label to the author's window, recall at k ignoring the decision rule,
 * and the best decision rule for the situation-first notes alone. Never reads the held-out split.
 */
import { builtinLadder } from '../../src/core/ladder/load';
import { relations, criterionFeatures } from '../../src/core/tagging/features';
import { shippedModel } from '../../src/core/tagging/infer';
import { chooseDecision, DEFAULT_TRAIN_CONFIG, windowOf } from '../../src/core/tagging/train';
import { loadTraining } from './corpus';

const ladder = builtinLadder();
const notes = loadTraining();
const crit = criterionFeatures(ladder, shippedModel().idf);
const rel: Record<string, number> = {};
for (const n of notes) {
  const w = relations(ladder, crit, windowOf(n));
  for (const l of n.labels) {
    const i = crit.findIndex((c) => c.id === l);
    const r = w[i] ?? 'outside';
    rel[r] = (rel[r] ?? 0) + 1;
  }
}
console.log('label relations:', rel);
const { ranked, decision, cv } = chooseDecision(ladder, notes, DEFAULT_TRAIN_CONFIG);
console.log('decision', decision, cv);
for (const sel of ['all', 'situation']) {
  const rs = ranked.filter((r) => sel === 'all' || (r.note.weight ?? 1) > 1);
  for (const k of [1, 2, 3, 5]) {
    let hit = 0;
    let want = 0;
    for (const r of rs) {
      const top = new Set(r.candidates.slice(0, k).map((c) => c.criterion.id));
      for (const l of r.note.labels) {
        want++;
        if (top.has(l)) hit++;
      }
    }
    console.log(`${sel}: recall@${k} ${(hit / want).toFixed(3)} (${want} labels, ${rs.length} notes)`);
  }
  // area recall: is the label's area among the top-k areas?
  let hitA = 0,
    wantA = 0;
  for (const r of rs) {
    const areas = [...new Set(r.candidates.map((c) => c.criterion.area))].slice(0, 2);
    for (const l of r.note.labels) {
      wantA++;
      if (areas.includes(crit.find((c) => c.id === l)!.area)) hitA++;
    }
  }
  console.log(`${sel}: area recall@2 ${(hitA / wantA).toFixed(3)}`);
}

// Predictions at the chosen decision, by the relation of the predicted criterion to the window.
{
  const byRel: Record<string, { tp: number; fp: number }> = {};
  for (const r of ranked) {
    const w = relations(ladder, crit, windowOf(r.note));
    const { decide } = require('../../src/core/tagging/infer') as typeof import('../../src/core/tagging/infer');
    for (const c of decide(r.candidates, decision, new Set())) {
      const rr = w[crit.findIndex((x) => x.id === c.criterion.id)] ?? 'outside';
      const e = (byRel[rr] ??= { tp: 0, fp: 0 });
      if (r.note.labels.includes(c.criterion.id)) e.tp++;
      else e.fp++;
    }
  }
  console.log('predictions by relation:', byRel);
  const none = ranked.filter((r) => r.note.labels.length === 0);
  const noneWithPred = none.filter((r) => {
    const { decide } = require('../../src/core/tagging/infer') as typeof import('../../src/core/tagging/infer');
    return decide(r.candidates, decision, new Set()).length > 0;
  });
  console.log(`notes with no labels: ${none.length}, of which given a suggestion: ${noneWithPred.length}`);
}
