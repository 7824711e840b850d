import * as assert from 'assert';
import { BUILTIN_LADDER } from '../../src/core/ladder/builtin';
import { Ladder } from '../../src/core/ladder/ladder';
import { LadderSchema } from '../../src/core/ladder/schema';
import { normalizeWords, proseOf, TagInferrer, type InferOptions, type TagSuggestion } from '../../src/core/tagging';
import { TAGGING_FIXTURES } from './fixtures/tagging';

/** A tiny ladder, so that the focused tests do not move when the built-in signals are tuned. */
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

function crit(id: string, signals: string[]) {
  return { id, area: 'technical', title: id, signals };
}

function ids(suggestions: TagSuggestion[]): string[] {
  return suggestions.map((s) => s.id);
}

suite('tagging: normalizeWords', () => {
  test('word forms meet: mentored, mentoring, mentor, mentors', () => {
    for (const word of ['mentored', 'mentoring', 'mentor', 'mentors', 'Mentors']) {
      assert.deepStrictEqual(normalizeWords(word), normalizeWords('mentor'), word);
    }
    const forms = (words: string[]) => new Set(words.map((w) => normalizeWords(w).join(' ')));
    assert.strictEqual(forms(['hire', 'hired', 'hiring', 'hires']).size, 1);
    assert.strictEqual(forms(['plan', 'planned', 'planning', 'plans']).size, 1);
    assert.strictEqual(forms(['strategy', 'strategies']).size, 1);
    assert.strictEqual(forms(['process', 'processes']).size, 1);
    assert.strictEqual(forms(['lead', 'leads', 'led', 'leading']).size, 1);
    assert.strictEqual(forms(['write', 'wrote', 'written', 'writing']).size, 1);
    assert.strictEqual(forms(['organise', 'organize', 'organised', 'organizing']).size, 1);
  });

  test('stays conservative: derived words keep their own stem', () => {
    const one = (w: string) => normalizeWords(w).join(' ');
    assert.notStrictEqual(one('organization'), one('organ'));
    assert.notStrictEqual(one('mentorship'), one('mentor'));
    assert.notStrictEqual(one('internal'), one('intern'));
    assert.notStrictEqual(one('add'), one('ad'));
    assert.strictEqual(one('added'), one('add'));
    assert.strictEqual(one('staffed'), one('staff'));
  });

  test('case, punctuation, diacritics, hyphens, possessives and articles', () => {
    assert.deepStrictEqual(normalizeWords('On-Call'), normalizeWords('on call'));
    assert.deepStrictEqual(normalizeWords('naïve Café'), normalizeWords('naive cafe'));
    assert.deepStrictEqual(normalizeWords("the team's design doc"), normalizeWords('team design doc'));
    assert.deepStrictEqual(normalizeWords('Held 1:1s.'), normalizeWords('held 1:1'));
    assert.deepStrictEqual(normalizeWords('A review, an RFC'), normalizeWords('review rfc'));
  });

  test('empty and punctuation-only text have no words', () => {
    assert.deepStrictEqual(normalizeWords(''), []);
    assert.deepStrictEqual(normalizeWords(' --- ... !? '), []);
  });

  test('proseOf drops front matter, fenced code, comments and URLs', () => {
    const prose = proseOf(
      '---\ntitle: design doc\n---\nBefore.\n```ts\nconst rootCause = "root cause";\n```\nAfter <!-- mentor --> ' +
        'https://example.invalid/mentor\n~~~\nstack trace\n~~~\nEnd.',
    );
    assert.deepStrictEqual(normalizeWords(prose), normalizeWords('Before. After End.'));
  });
});

suite('tagging: TagInferrer', () => {
  const inferrer = new TagInferrer(SMALL_LADDER);
  const ic = (currentLevel: string, more: InferOptions = {}): InferOptions => ({ track: 'ic', currentLevel, ...more });

  test('matches word forms of a signal', () => {
    for (const body of ['Mentored two juniors.', 'Mentoring two juniors.', 'I mentor two juniors.', 'Two mentors met.']) {
      const result = inferrer.suggest({ title: 'Week', body }, ic('L4'));
      assert.deepStrictEqual(ids(result), ['ic.L4.mentors'], body);
      assert.deepStrictEqual(result[0]!.matched, ['mentor']);
    }
  });

  test('matches multi-word phrases as token sequences only', () => {
    assert.deepStrictEqual(ids(inferrer.suggest({ title: 'x', body: 'Wrote the design doc.' }, ic('L5'))), [
      'ic.L5.design-docs',
    ]);
    assert.deepStrictEqual(ids(inferrer.suggest({ title: 'x', body: 'Wrote design docs.' }, ic('L5'))), [
      'ic.L5.design-docs',
    ]);
    assert.deepStrictEqual(inferrer.suggest({ title: 'x', body: 'The design of the doc.' }, ic('L5')), []);
    assert.deepStrictEqual(inferrer.suggest({ title: 'x', body: 'A doc about design.' }, ic('L5')), []);
  });

  test('never matches inside a word', () => {
    assert.deepStrictEqual(inferrer.suggest({ title: 'x', body: 'This chart misleads the reader.' }, ic('L4')), []);
    assert.deepStrictEqual(inferrer.suggest({ title: 'x', body: 'Crossroads; a teammate stood up.' }, ic('L6')), []);
    assert.deepStrictEqual(ids(inferrer.suggest({ title: 'x', body: 'She leads the guild.' }, ic('L4'))), [
      'ic.L4.leads',
    ]);
  });

  test('a match in the title weighs more than one in the body', () => {
    const inTitle = inferrer.suggest({ title: 'Root cause of the outage', body: 'Fixed it.' }, ic('L3'));
    const inBody = inferrer.suggest({ title: 'The outage', body: 'Found the root cause. Fixed it.' }, ic('L3'));
    assert.deepStrictEqual(ids(inTitle), ['ic.L3.debugging']);
    assert.deepStrictEqual(ids(inBody), ['ic.L3.debugging']);
    assert.ok(inTitle[0]!.score > inBody[0]!.score, `${inTitle[0]!.score} > ${inBody[0]!.score}`);
  });

  test('the level window decides between levels that share a signal', () => {
    const note = { title: 'Mentoring', body: 'Met Ana every week.' };
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L4'))), ['ic.L4.mentors']);
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L5'))), ['ic.L5.mentors']);
    // L3's window is L3..L4: L4 is the target; L5 and L7 share the evidence but sit outside.
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L3'))), ['ic.L4.mentors']);
    // An explicit target far up the track moves the window there.
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L3', { targetLevel: 'L7' }))), ['ic.L4.mentors']);
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L7'))), ['ic.L7.strategy']);
  });

  test('current level ranks above target, neighbours lower, far levels not at all', () => {
    const note = { title: 'Quarter', body: 'Onboarded a new hire. Met my mentee. Found the root cause of a bug.' };
    const all = inferrer.suggest(note, ic('L4', { minScore: 0.01 }));
    const score = (id: string) => all.find((s) => s.id === id)?.score ?? 0;
    assert.ok(score('ic.L4.mentors') > score('ic.L5.mentors'), 'current above target');
    assert.ok(score('ic.L5.mentors') > score('ic.L3.debugging'), 'target above the level below the window');
    assert.ok(score('ic.L3.debugging') > 0, 'a neighbouring level still counts a little');
    const far = inferrer.suggest({ title: 'x', body: 'Wrote the technical strategy.' }, ic('L3', { minScore: 0.01 }));
    assert.deepStrictEqual(far, [], 'four levels away counts for nothing');
  });

  test('the other track ranks lowest', () => {
    const note = { title: 'x', body: 'Held 1:1s with everyone.' };
    assert.deepStrictEqual(inferrer.suggest(note, ic('L5')), []);
    const low = inferrer.suggest(note, ic('L5', { minScore: 0.01 }));
    assert.deepStrictEqual(ids(low), ['management.EM.one-on-ones']);
    const own = inferrer.suggest(note, { track: 'management', currentLevel: 'EM' });
    assert.deepStrictEqual(ids(own), ['management.EM.one-on-ones']);
    assert.ok(own[0]!.score > low[0]!.score);
    // The track defaults to the current level's.
    assert.deepStrictEqual(ids(inferrer.suggest(note, { currentLevel: 'EM' })), ['management.EM.one-on-ones']);
  });

  test('with no track or level every criterion counts alike', () => {
    const result = inferrer.suggest({ title: 'x', body: 'Held 1:1s. Wrote a design doc.' });
    assert.deepStrictEqual(ids(result).sort(), ['ic.L5.design-docs', 'management.EM.one-on-ones']);
  });

  test('exclude removes ids, and their evidence is not offered to another level', () => {
    const note = { title: 'x', body: 'Mentored a new hire; wrote a design doc.' };
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L4'))), ['ic.L4.mentors', 'ic.L5.design-docs']);
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L4', { exclude: ['ic.L4.mentors'] }))), [
      'ic.L5.design-docs',
    ]);
    assert.deepStrictEqual(ids(inferrer.suggest(note, ic('L4', { exclude: ['ic.L9.unknown'] }))), [
      'ic.L4.mentors',
      'ic.L5.design-docs',
    ]);
  });

  test('limit and minScore', () => {
    const note = { title: 'x', body: 'Mentored a new hire; wrote a design doc.' };
    assert.strictEqual(inferrer.suggest(note, ic('L4', { limit: 1 })).length, 1);
    assert.deepStrictEqual(inferrer.suggest(note, ic('L4', { limit: 0 })), []);
    assert.deepStrictEqual(inferrer.suggest(note, ic('L4', { minScore: 100 })), []);
  });

  test('is deterministic: same input, same output, sorted by score then id', () => {
    const note = { title: 'Standup and 1:1', body: 'Mentored a new hire, wrote a design doc, found a root cause.' };
    const first = inferrer.suggest(note, ic('L4', { minScore: 0.01, limit: 20 }));
    const options = ic('L4', { minScore: 0.01, limit: 20 });
    for (let i = 0; i < 3; i++) assert.deepStrictEqual(inferrer.suggest(note, options), first);
    assert.deepStrictEqual(new TagInferrer(SMALL_LADDER).suggest(note, options), first);
    for (let i = 1; i < first.length; i++) {
      const [a, b] = [first[i - 1]!, first[i]!];
      assert.ok(a.score > b.score || (a.score === b.score && a.id < b.id), `${a.id} before ${b.id}`);
    }
  });

  test('empty input suggests nothing', () => {
    assert.deepStrictEqual(inferrer.suggest({ title: '', body: '' }), []);
    assert.deepStrictEqual(inferrer.suggest({ title: '   ', body: '\n\n---\n' }, ic('L4')), []);
    const bare = new Ladder(
      LadderSchema.parse({ name: 'x', tracks: [{ id: 'ic', title: 'IC', levels: [{ id: 'L1', title: 'One' }] }] }),
    );
    assert.deepStrictEqual(new TagInferrer(bare).suggest({ title: 'mentor', body: 'mentor' }), []);
  });

  test('front matter and fenced code evidence nothing', () => {
    const body = '---\ncriteria: [ic.L5.design-docs]\nsummary: design doc\n---\nA quiet day.\n\n```\nroot cause\n```\n';
    assert.deepStrictEqual(inferrer.suggest({ title: 'Notes', body }, ic('L4')), []);
  });

  test('handles a 2 KB note with the built-in ladder', () => {
    const builtin = new TagInferrer(new Ladder(LadderSchema.parse(BUILTIN_LADDER)));
    const filler =
      'Most of the week went to routine work, reading email and catching up with people across the office. ';
    let body = '---\ntype: brag\n---\n';
    body += 'I wrote the design doc for moving search indexing onto a queue, and it went through design review. ';
    while (body.length < 1800) body += filler;
    body += 'I also did four interviews and joined the hiring debrief for the platform role.\n';
    while (body.length < 2048) body += filler;
    assert.ok(body.length >= 2048);
    const result = builtin.suggest({ title: 'Week 12', body }, { track: 'ic', currentLevel: 'L5' });
    assert.deepStrictEqual(ids(result).sort(), ['ic.L5.design-documents', 'ic.L5.hiring-loops']);
  });
});

suite('tagging: quality on the labelled notes', () => {
  const ladder = new Ladder(LadderSchema.parse(BUILTIN_LADDER));

  test('the fixture set is broad and refers to real criteria', () => {
    assert.ok(TAGGING_FIXTURES.length >= 60, `${TAGGING_FIXTURES.length} notes`);
    const levels = new Set(TAGGING_FIXTURES.map((f) => f.currentLevel));
    for (const track of ladder.tracks) for (const level of track.levels) assert.ok(levels.has(level.id), level.id);
    assert.ok(TAGGING_FIXTURES.filter((f) => f.expected.length === 0).length >= 3, 'some notes evidence nothing');
    for (const f of TAGGING_FIXTURES) {
      assert.strictEqual(ladder.level(f.currentLevel)?.track.id, f.track, f.title);
      for (const id of f.expected) assert.ok(ladder.hasCriterion(id), `${f.title}: unknown ${id}`);
    }
  });

  test('micro-averaged precision >= 0.8 and recall >= 0.6', () => {
    const inferrer = new TagInferrer(ladder);
    let truePositives = 0;
    let suggested = 0;
    let expected = 0;
    for (const f of TAGGING_FIXTURES) {
      const got = ids(inferrer.suggest(f, { track: f.track, currentLevel: f.currentLevel }));
      suggested += got.length;
      expected += f.expected.length;
      truePositives += got.filter((id) => f.expected.includes(id)).length;
    }
    const precision = suggested === 0 ? 1 : truePositives / suggested;
    const recall = expected === 0 ? 1 : truePositives / expected;
    console.log(`      tagging: precision ${precision.toFixed(2)} recall ${recall.toFixed(2)} on ${TAGGING_FIXTURES.length} notes`);
    assert.ok(precision >= 0.8, `precision ${precision.toFixed(3)} < 0.8`);
    assert.ok(recall >= 0.6, `recall ${recall.toFixed(3)} < 0.6`);
  });
});
