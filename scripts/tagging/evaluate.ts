/**
 * npm run eval:tagger: precision and recall of the shipped model, as the extension calls it (default
 * threshold and limit, the author's track and level), on every split; and the time-split measure of
 * learning from a person; and the time per 2 KB note.
 *   --heldout  also the held-out splits (look at it once a change is decided on the training split's
 *              cross-validation, never to choose between changes)
 *   --json     machine-readable output
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Ladder } from '../../src/core/ladder/ladder';
import { builtinLadder, loadLadder } from '../../src/core/ladder/load';
import { TagInferrer } from '../../src/core/tagging';
import { asExample, evaluate, score, sumScores, type LabelledNote, type Score } from '../../src/core/tagging/train';
import { loadSplit, loadTraining, ROOT } from './corpus';

export async function acmeLadder(): Promise<Ladder> {
  const dir = path.join(ROOT, 'examples', 'ladders');
  const result = await loadLadder('acme-ladder.yaml', async (p) => {
    const file = path.join(dir, p);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  });
  if (result.problems.length) throw new Error(`acme ladder: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.ladder;
}

export interface TimeSplit {
  person: string;
  earlier: number;
  later: number;
  base: Score;
  adapted: Score;
}

/**
 * A person's notes sorted by date: the earlier half become the workspace's tagged notes, the later half
 * are suggested for, without and with them.
 */
export function timeSplit(ladder: Ladder, notes: readonly LabelledNote[]): TimeSplit[] {
  const byPerson = new Map<string, LabelledNote[]>();
  for (const n of notes) byPerson.set(n.group ?? '', [...(byPerson.get(n.group ?? '') ?? []), n]);
  const out: TimeSplit[] = [];
  for (const [person, all] of byPerson) {
    const sorted = [...all].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id));
    const cut = Math.floor(sorted.length / 2);
    const earlier = sorted.slice(0, cut);
    const later = sorted.slice(cut);
    const base = evaluate(new TagInferrer(ladder), later);
    const adapted = evaluate(new TagInferrer(ladder, { examples: earlier.map(asExample) }), later);
    out.push({ person, earlier: earlier.length, later: later.length, base, adapted });
  }
  return out;
}

/**
 * Median microseconds per suggest() call on 2 KB notes built from the training notes, optionally with
 * `examples` of them as the workspace's tagged notes.
 */
export function timing(ladder: Ladder, notes: readonly LabelledNote[], examples = 0): number {
  const inferrer = new TagInferrer(ladder, {
    examples: notes.slice(0, examples).map(asExample),
  });
  const docs = notes.slice(0, 200).map((n, i) => {
    let body = n.body;
    for (let k = 1; body.length < 2048; k++) body += '\n\n' + notes[(i + k) % notes.length]!.body;
    return { n, note: { title: n.title, body: body.slice(0, 2048) } };
  });
  for (const { n, note } of docs) inferrer.suggest(note, { track: n.track, currentLevel: n.currentLevel });
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const started = process.hrtime.bigint();
    for (const { n, note } of docs) inferrer.suggest(note, { track: n.track, currentLevel: n.currentLevel });
    runs.push(Number(process.hrtime.bigint() - started) / 1000 / docs.length);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

export async function report(withHeldout: boolean): Promise<Record<string, unknown>> {
  const ladder = builtinLadder();
  const training = loadTraining();
  const heldout = withHeldout ? loadSplit('heldout') : [];
  const fresh = withHeldout ? loadSplit('fresh') : [];
  const unseen = withHeldout ? loadSplit('unseen') : [];
  const acme = loadSplit('acme');
  const person = loadSplit('person');
  const inferrer = new TagInferrer(ladder);
  const out: Record<string, unknown> = {
    'training (tuned on: not a result)': evaluate(inferrer, training),
  };
  if (withHeldout) out['heldout'] = evaluate(inferrer, heldout);
  if (withHeldout) out['fresh (second held-out split)'] = evaluate(inferrer, fresh);
  if (withHeldout) out['unseen (third held-out split)'] = evaluate(inferrer, unseen);
  if (withHeldout) out['every held-out split'] = evaluate(inferrer, [...heldout, ...fresh, ...unseen]);
  const byBatch: Record<string, Score> = {};
  for (const n of heldout) {
    const batch = n.group ?? '';
    byBatch[batch] = sumScores([byBatch[batch] ?? score(0, 0, 0, 0), evaluate(inferrer, [n])]);
  }
  if (withHeldout) out['heldout by batch'] = byBatch;
  if (acme.length) out['acme ladder (no trained weights)'] = evaluate(new TagInferrer(await acmeLadder()), acme);
  if (person.length) {
    const splits = timeSplit(ladder, person);
    out['person time split'] = splits;
    out['person time split, all'] = { base: sumScores(splits.map((s) => s.base)), adapted: sumScores(splits.map((s) => s.adapted)) };
  }
  out['microseconds per 2 KB note'] = Math.round(timing(ladder, training));
  out['microseconds per 2 KB note, 500 workspace examples'] = Math.round(timing(ladder, training, 500));
  return out;
}

if (require.main === module) {
  void report(process.argv.includes('--heldout')).then((r) => {
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(r, null, 2));
      return;
    }
    const fmt = (s: Score) =>
      `P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (${s.notes} notes, tp ${s.tp} fp ${s.fp} fn ${s.fn})`;
    for (const [k, v] of Object.entries(r)) {
      if (v && typeof v === 'object' && 'precision' in v) console.log(`${k}: ${fmt(v as Score)}`);
      else if (Array.isArray(v))
        for (const s of v as TimeSplit[])
          console.log(`${k} ${s.person} (${s.earlier} earlier -> ${s.later} later): base ${fmt(s.base)} | adapted ${fmt(s.adapted)}`);
      else if (v && typeof v === 'object') for (const [k2, v2] of Object.entries(v)) console.log(`${k} ${k2}: ${fmt(v2 as Score)}`);
      else console.log(`${k}: ${String(v)}`);
    }
  });
}
