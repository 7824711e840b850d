// Linear algorithms by test (issue 16): double the input, and the time may grow about 2.5x at most. Ratios,
// not absolute times, and the best of several runs (retried), so a busy 2-core machine does not decide.
import * as assert from 'node:assert/strict';
import { loadLadder } from '../../src/core/ladder/load';
import { addCriteria, applySplices, removeCriteria } from '../../src/core/notes/edit';
import { parseNote } from '../../src/core/notes/parse';
import { validateNote } from '../../src/core/notes/validate';
import { builtinLadder } from '../../src/core/ladder/load';
import type { Ladder } from '../../src/core/ladder/ladder';
import { TagInferrer } from '../../src/core/tagging';
import { testLadder } from './helpers/ladders';

const MAX_RATIO = 2.5;

async function best(f: () => unknown, runs: number): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

/** The ratio of the time for `make(2n)` to the time for `make(n)`; retried when over the bound. */
async function scaling(make: (n: number) => () => unknown, n: number): Promise<string> {
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const small = make(n);
    const large = make(2 * n);
    await best(small, 1); // warm up V8 on both sizes first
    await best(large, 1);
    const a = await best(small, 5);
    const b = await best(large, 5);
    const ratio = b / Math.max(a, 0.5);
    last = `${n}: ${a.toFixed(1)} ms, ${2 * n}: ${b.toFixed(1)} ms, ratio ${ratio.toFixed(2)}`;
    if (ratio <= MAX_RATIO || b < 5) return last;
  }
  assert.fail(`super-linear: ${last}`);
}

function ladderText(n: number, kind: 'ok' | 'duplicate' | 'prefix' | 'unknown-key'): string {
  const criteria = Array.from({ length: n }, (_, i) => {
    const id = kind === 'duplicate' ? 'ic.L1.same' : kind === 'prefix' ? `mgmt.L9.c${i}` : `ic.L1.c${i}`;
    return `          - { id: ${id}, area: technical, title: Criterion ${i}${kind === 'unknown-key' ? `, extra${i}: 1` : ''} }`;
  });
  return `name: Big\ntracks:\n  - id: ic\n    title: IC\n    levels:\n      - id: L1\n        title: One\n        equivalent: ${'q'.repeat(n * 4)}\n        criteria:\n${criteria.join('\n')}\n`;
}

function noteWith(n: number, prefix = 'ic.L6.unknown'): string {
  return `---\ntitle: Many\ncriteria:\n${Array.from({ length: n }, (_, i) => `  - ${prefix}-${i}`).join('\n')}\n---\nBody\n`;
}

suite('scaling: doubling the input at most about doubles the time', function () {
  this.timeout(120_000);

  for (const kind of ['ok', 'duplicate', 'prefix', 'unknown-key'] as const) {
    test(`ladder loading and its checks (${kind} criteria)`, async () => {
      const result = await scaling((n) => {
        const text = ladderText(n, kind);
        return () => loadLadder('.career/ladder.yaml', async () => text);
      }, 800);
      console.log(`      ${result}`);
    });
  }

  test('note validation with unknown ids and their "did you mean"', async () => {
    const ladder = testLadder();
    const result = await scaling((n) => {
      const note = parseNote(noteWith(n), 'career/x.md', { precise: true });
      return () => validateNote(note, ladder, '2026-01-01');
    }, 1500);
    console.log(`      ${result}`);
  });

  test('criteria edits: adding to and removing from a long list, applied', async () => {
    for (const op of ['add', 'remove'] as const) {
      const result = await scaling((n) => {
        const text = noteWith(n);
        const ids = Array.from({ length: n }, (_, i) => (op === 'add' ? `ic.L6.new-${i}` : `ic.L6.unknown-${i}`));
        return () => {
          const edit = op === 'add' ? addCriteria(text, ids) : removeCriteria(text, ids);
          if ('error' in edit) throw new Error(edit.error);
          return applySplices(text, edit.splices);
        };
      }, 2000);
      console.log(`      ${op}: ${result}`);
    }
  });

  test('tagging: signals sharing their first word, and a note excluding thousands of unknown ids', async () => {
    // n criteria whose signals all start with "shared": the matcher and the scoring grow with the ladder.
    const signalLadder = async (n: number): Promise<Ladder> => {
      const criteria = Array.from(
        { length: n },
        (_, i) => `          - { id: ic.L1.c${i}, area: technical, title: Criterion ${i}, signals: ["shared word${i}", "shared word${i} and more"] }`,
      );
      const text = `name: Big\ntracks:\n  - id: ic\n    title: IC\n    levels:\n      - id: L1\n        title: One\n        criteria:\n${criteria.join('\n')}\n`;
      const result = await loadLadder('.career/ladder.yaml', async () => text);
      return result.ladder;
    };
    const ladders = new Map<number, Ladder>();
    for (const n of [500, 1000]) ladders.set(n, await signalLadder(n));
    const body = Array.from({ length: 400 }, (_, i) => `shared word${i} and more`).join('. ');
    const signals = await scaling((n) => {
      const ladder = ladders.get(n)!;
      return () => new TagInferrer(ladder).suggest({ title: 'Shared', body }, { track: 'ic', currentLevel: 'L1' });
    }, 500);
    console.log(`      signals: ${signals}`);
    const builtin = builtinLadder();
    const tagger = new TagInferrer(builtin);
    const note = { title: 'Led the payments migration', body: 'Four of us over ten weeks; I cut it into read path, backfill and cut-over.' };
    const excluded = await scaling((n) => {
      const exclude = Array.from({ length: n }, (_, i) => `ic.L6.unknown-${i}`);
      return () => tagger.suggest(note, { track: 'ic', currentLevel: 'L5', exclude });
    }, 4000);
    console.log(`      unknown ids excluded: ${excluded}`);
  });
});
