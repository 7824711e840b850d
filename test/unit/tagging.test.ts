import * as assert from 'assert';
import { BUILTIN_LADDER } from '../../src/core/ladder/builtin';
import { Ladder } from '../../src/core/ladder/ladder';
import { LadderSchema } from '../../src/core/ladder/schema';
import { proseOf, TagInferrer, type InferOptions, type TagSuggestion } from '../../src/core/tagging';
import { strongest } from '../../src/core/tagging/infer';
import { decodeGroup, decodeVocab, encodeGroup, encodeVocab, fromBase64, toBase64 } from '../../src/core/tagging/model';
import fc from 'fast-check';
import { foldText, tokenize } from '../../src/core/tagging/text';

/** A tiny team ladder: its criteria have no trained weights, so the generic model scores them. */
const SMALL_LADDER = new Ladder(
  LadderSchema.parse({
    name: 'Test ladder',
    tracks: [
      {
        id: 'ic',
        title: 'IC',
        levels: [
          { id: 'L3', title: 'Junior', criteria: [crit('ic.L3.debugging', ['root cause', 'stack trace'])] },
          {
            id: 'L4',
            title: 'Mid',
            criteria: [crit('ic.L4.mentors', ['mentor', 'new hire']), crit('ic.L4.leads', ['leads the'])],
          },
          {
            id: 'L5',
            title: 'Senior',
            equivalent: 'EM',
            criteria: [crit('ic.L5.mentors', ['mentor', 'mentee']), crit('ic.L5.design-docs', ['design doc'])],
          },
          { id: 'L6', title: 'Staff', criteria: [crit('ic.L6.cross-team', ['cross-team'])] },
          { id: 'L7', title: 'Principal', criteria: [crit('ic.L7.strategy', ['technical strategy', 'mentor'])] },
        ],
      },
      {
        id: 'management',
        title: 'Management',
        levels: [
          { id: 'TL', title: 'Tech Lead', criteria: [crit('management.TL.rituals', ['standup'])] },
          { id: 'EM', title: 'EM', equivalent: 'L5', criteria: [crit('management.EM.one-on-ones', ['1:1'])] },
        ],
      },
    ],
  }),
);

function crit(id: string, signals: string[], description = `Evidence of ${signals.join(', ')}.`) {
  return { id, area: 'technical', title: id, description, signals };
}

function stemsOf(text: string): string[] {
  return tokenize(text).flatMap((t) => (t ? [t.stem] : []));
}

function ids(suggestions: TagSuggestion[]): string[] {
  return suggestions.map((s) => s.id);
}

suite('tagging: proseOf', () => {
  test('proseOf drops front matter, fenced code, comments and URLs', () => {
    const prose = proseOf(
      '---\ntitle: design doc\n---\nBefore.\n```ts\nconst rootCause = "root cause";\n```\nAfter <!-- mentor --> ' +
        'https://example.invalid/mentor\n~~~\nstack trace\n~~~\nEnd.',
    );
    assert.deepStrictEqual(stemsOf(prose), stemsOf('Before. After End.'));
  });
});

suite('tagging: text features', () => {
  const stems = (text: string) => tokenize(text).map((t) => (t ? t.stem : '|'));

  test('hyphenated compounds stay one token, so a one-pager is not a pager', () => {
    assert.deepStrictEqual(stems('one-pager'), ['one-pager']);
    assert.deepStrictEqual(stems('On-Call rotation'), ['on-call', 'rotat']);
    assert.ok(!stems('wrote a one-pager').includes('pager'));
  });

  test('inflected forms meet (Porter2), numbers become one token, stop words break phrases', () => {
    assert.deepStrictEqual(stems('mentored mentoring mentors'), ['mentor', 'mentor', 'mentor']);
    assert.deepStrictEqual(stems('cut p99 by 40%'), ['cut', 'p99', '|', '#num']);
    assert.deepStrictEqual(stems('weekly 1:1s, a 1:1'), ['week', '1:1', '|', '|', '1:1']);
    assert.deepStrictEqual(stems("the team's design doc"), ['|', 'team', 'design', 'doc']);
  });

  test('plain ASCII text folds and tokenises as the Unicode path does (fast-check: the text with a non-ASCII word after it)', () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."aZ09 -'`.,;:!?()[]{}|/\n\ts_#%".split(''), ...'abcdefghijklmnopqrstuvwxyz'.split('')), maxLength: 60 });
    fc.assert(
      fc.property(ascii, (text) => {
        // 'é' makes the text non-ASCII: folded the Unicode way, it adds ' e', and the tokens before it are the same.
        assert.equal(foldText(`${text} é`), `${foldText(text)} e`);
        const tokens = tokenize(text);
        const unicode = tokenize(`${text} é`);
        assert.deepStrictEqual(unicode.slice(0, tokens.length), tokens);
        assert.deepStrictEqual(unicode.at(-1), { stem: 'e', surface: 'e' });
      }),
      { numRuns: 500 },
    );
    assert.deepStrictEqual(stems("Ana's on-call `doesn`t` 1:1s"), ['ana', 'on-call', 'doesnt', '1:1']);
  });

  test("a note's strongest terms, as a full sort orders them (fast-check, with ties)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 120 }),
        fc.array(fc.constantFrom(0.1, 0.2, 0.25, 0.5), { maxLength: 120 }),
        fc.integer({ min: 1, max: 60 }),
        (buckets, weights, n) => {
          const length = Math.min(buckets.length, weights.length);
          const keys = Int32Array.from(buckets.slice(0, length));
          const values = Float64Array.from(weights.slice(0, length));
          const full = Array.from(keys, (_, j) => j)
            .sort((a, b) => values[b]! - values[a]! || keys[a]! - keys[b]!)
            .slice(0, n);
          assert.deepStrictEqual(strongest({ keys, values }, n), full);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('tokenising 50 KB pathological strings is linear (finishes within the test timeout)', () => {
    const inputs = [
      'a'.repeat(50_000),
      ' '.repeat(50_000),
      '-'.repeat(50_000),
      'a-'.repeat(25_000),
      "a'".repeat(25_000),
      'é'.repeat(50_000),
      '1:'.repeat(25_000),
    ];
    for (const input of inputs) {
      const tokens = tokenize(input);
      assert.ok(tokens.length <= input.length, `${input.slice(0, 4)}: ${tokens.length}`);
      new TagInferrer(SMALL_LADDER).suggest({ title: input.slice(0, 1000), body: input }, { track: 'ic', currentLevel: 'L5' });
    }
  });
});

suite('tagging: model codec', () => {
  test('base64 and weight groups round-trip', () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    for (let n = 0; n <= bytes.length; n++) assert.deepStrictEqual([...fromBase64(toBase64(bytes.subarray(0, n)))], [...bytes.subarray(0, n)]);
    const decoded = decodeGroup(
      encodeGroup([
        [0, 5],
        [1, -3],
        [200, 127],
        [262143, -127],
      ]),
      0.5,
    );
    assert.deepStrictEqual(
      [...decoded],
      [
        [0, 2.5],
        [1, -1.5],
        [200, 63.5],
        [262143, -63.5],
      ],
    );
    assert.deepStrictEqual([...decodeGroup(encodeGroup([[7, 200]]), 1, false)], [[7, 200]]);
  });

  test('groups name buckets by their position in the vocabulary', () => {
    const vocab = [3, 130, 131, 262143];
    assert.deepStrictEqual(decodeVocab(encodeVocab(vocab)), vocab);
    const group = encodeGroup([
      [0, 4],
      [2, -2],
      [3, 9],
    ]);
    assert.deepStrictEqual(
      [...decodeGroup(group, 1, true, vocab)],
      [
        [3, 4],
        [131, -2],
        [262143, 9],
      ],
    );
    assert.throws(() => decodeGroup(encodeGroup([[4, 1]]), 1, true, vocab), /beyond the vocabulary/);
    assert.throws(() => encodeVocab([5, 4]), /ascend/);
  });
});

suite('tagging: TagInferrer on the built-in ladder', () => {
  const ladder = new Ladder(LadderSchema.parse(BUILTIN_LADDER));
  const inferrer = new TagInferrer(ladder);
  const ic = (currentLevel: string, more: InferOptions = {}): InferOptions => ({ track: 'ic', currentLevel, ...more });
  const mentoring = {
    title: 'Helped our new hire ramp up',
    body: 'Paired with Priya, our new hire, every afternoon for her first three weeks, walked her through the billing service and reviewed her first PRs. She shipped her first feature on her own in week four.',
  };

  test("suggests the criterion a clear note evidences, at the author's level, and says why", () => {
    const result = inferrer.suggest(mentoring, ic('L4'));
    assert.ok(ids(result).includes('ic.L4.mentors-juniors'), JSON.stringify(result));
    const top = result.find((s) => s.id === 'ic.L4.mentors-juniors')!;
    assert.ok(top.score > 0 && top.score <= 1);
    assert.ok(top.matched.length > 0);
    const words = mentoring.title + ' ' + mentoring.body;
    assert.ok(
      top.matched.some((m) => words.toLowerCase().includes(m.toLowerCase())),
      `explained by the note's words: ${top.matched.join(', ')}`,
    );
  });

  test('only criteria of the level window are candidates', () => {
    const window = new Set(inferrer.probabilities(mentoring, ic('L3')).map((c) => c.id.split('.')[1]));
    // L3's window is L3..L4, one level below and above it on the track, and the equivalent levels of the other track.
    assert.deepStrictEqual([...window].sort(), ['EM', 'L3', 'L4', 'L5', 'TL']);
    const far = inferrer.probabilities(mentoring, ic('L8')).map((c) => c.id);
    assert.ok(!far.some((id) => id.startsWith('ic.L3.') || id.startsWith('ic.L4.') || id.startsWith('ic.L5.')), far.join(' '));
  });

  test('one piece of evidence is credited to one level; an excluded id still takes its place', () => {
    for (const level of ['L4', 'L5', 'L6']) {
      const result = inferrer.suggest(mentoring, { ...ic(level), minScore: 0.01, limit: 10 });
      const byArea = new Map<string, Set<string>>();
      for (const s of result) {
        const c = ladder.criterion(s.id)!;
        byArea.set(c.criterion.area, (byArea.get(c.criterion.area) ?? new Set()).add(c.level.id));
      }
      for (const [area, levels] of byArea) assert.strictEqual(levels.size, 1, `${level}: ${area} at ${[...levels].join(', ')}`);
    }
    const first = inferrer.suggest(mentoring, ic('L4'))[0]!;
    const without = inferrer.suggest(mentoring, { ...ic('L4'), exclude: [first.id] });
    const area = ladder.criterion(first.id)!.criterion.area;
    assert.ok(!without.some((s) => s.id === first.id));
    assert.ok(!without.some((s) => ladder.criterion(s.id)!.criterion.area === area && s.id.split('.')[1] !== 'L4'), JSON.stringify(without));
  });

  test('limit and minScore bound the answer', () => {
    assert.deepStrictEqual(inferrer.suggest(mentoring, { ...ic('L4'), limit: 0 }), []);
    assert.ok(inferrer.suggest(mentoring, { ...ic('L4'), limit: 1, minScore: 0 }).length === 1);
    assert.ok(inferrer.suggest(mentoring, { ...ic('L4'), limit: 20, minScore: 0 }).length > 3);
    assert.deepStrictEqual(inferrer.suggest(mentoring, { ...ic('L4'), minScore: 1.01 }), []);
    for (const s of inferrer.suggest(mentoring, { ...ic('L4'), minScore: 0.2, limit: 20 })) assert.ok(s.score >= 0.2, String(s.score));
  });

  test('is deterministic: same input, same output, best first', () => {
    const a = inferrer.suggest(mentoring, { ...ic('L5'), minScore: 0, limit: 30 });
    const b = new TagInferrer(ladder).suggest(mentoring, { ...ic('L5'), minScore: 0, limit: 30 });
    assert.deepStrictEqual(a, b);
    for (let i = 1; i < a.length; i++) assert.ok(a[i - 1]!.score >= a[i]!.score);
  });

  test('empty notes, front matter and fenced code evidence nothing', () => {
    assert.deepStrictEqual(inferrer.suggest({ title: '', body: '' }, ic('L5')), []);
    assert.deepStrictEqual(inferrer.suggest({ title: '', body: '---\ncriteria: []\ntitle: mentoring\n---\n' }, ic('L4')), []);
    assert.deepStrictEqual(inferrer.suggest({ title: '', body: '```\n' + mentoring.body + '\n```\n' }, ic('L4')), []);
  });

  test("the person's tagged notes are learned from; removed tags count against", () => {
    const note = { title: 'Hydra week', body: 'Another Hydra week: took the Hydra pages, wrote the Hydra summary for the channel.' };
    const examples = ['Hydra rotation', 'Hydra again', 'Hydra shift notes', 'Hydra handover'].map((title, i) => ({
      key: `career/brag/${i}.md`,
      title,
      body: `Covered the Hydra rotation this week. Hydra was quiet, handed over the Hydra notes.`,
      criteria: ['ic.L4.production-support'],
    }));
    const base = new TagInferrer(ladder).probabilities(note, ic('L4')).find((c) => c.id === 'ic.L4.production-support')!.p;
    const learned = new TagInferrer(ladder, { examples });
    const adapted = learned.probabilities(note, ic('L4')).find((c) => c.id === 'ic.L4.production-support')!.p;
    assert.ok(adapted > base + 0.1, `${base} -> ${adapted}`);
    assert.ok(ids(learned.suggest(note, ic('L4'))).includes('ic.L4.production-support'));
    const removed = new TagInferrer(ladder, { examples: examples.map((e) => ({ ...e, criteria: [], removed: ['ic.L4.production-support'] })) });
    const against = removed.probabilities(note, ic('L4')).find((c) => c.id === 'ic.L4.production-support')!.p;
    assert.ok(against < base, `${base} -> ${against}`);
    // A note is not its own neighbour.
    const self = new TagInferrer(ladder, { examples: [{ key: 'me.md', ...note, criteria: ['ic.L4.code-reviews'] }] });
    const asSelf = self.probabilities(note, { ...ic('L4'), self: 'me.md' }).find((c) => c.id === 'ic.L4.code-reviews')!.p;
    const plain = new TagInferrer(ladder).probabilities(note, ic('L4')).find((c) => c.id === 'ic.L4.code-reviews')!.p;
    assert.strictEqual(asSelf, plain);
  });
});

suite('tagging: TagInferrer on a team ladder (no trained weights)', () => {
  const inferrer = new TagInferrer(SMALL_LADDER);
  const ic = (currentLevel: string): InferOptions => ({ track: 'ic', currentLevel });

  test("falls back to the criteria's own words and signals", () => {
    assert.deepStrictEqual(
      ids(inferrer.suggest({ title: 'Root cause of the checkout outage', body: 'Read the stack trace, found the root cause, fixed it.' }, ic('L3'))),
      ['ic.L3.debugging'],
    );
    assert.deepStrictEqual(ids(inferrer.suggest({ title: 'Wrote the design doc for search', body: 'The design doc was approved.' }, ic('L5'))), [
      'ic.L5.design-docs',
    ]);
  });

  test('the level window decides between levels that share a signal', () => {
    const note = { title: 'Mentor sessions', body: 'My mentee and I met every week; I mentor two people now.' };
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L5'))), ['ic.L5.mentors']);
    assert.ok(!ids(inferrer.suggest(note, ic('L3'))).includes('ic.L7.strategy'));
  });

  test('a note with none of its words suggests nothing', () => {
    assert.deepStrictEqual(inferrer.suggest({ title: 'Lunch', body: 'Pizza on Friday.' }, ic('L4')), []);
  });
});
