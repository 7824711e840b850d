import * as assert from 'node:assert/strict';
import { addCriteria, applySplices, readCriteria, removeCriteria, setCriteria } from '../../src/core/notes/edit';
import { parseNote } from '../../src/core/notes/parse';
import { isReviewDue, validateNote } from '../../src/core/notes/validate';
import { testLadder } from './helpers/ladders';

const PATH = 'career/decisions/2025-01-02-x.md';

suite('note validation against the ladder', () => {
  const ladder = testLadder();

  test('unknown criterion ids are reported at the item with the nearest known ids', () => {
    const text = '---\ntype: brag\ncriteria:\n  - ic.L6.design-docs\n  - ic.L6.desing-docs\n---\n';
    const problems = validateNote(parseNote(text, PATH, { precise: true }), ladder, '2025-06-01');
    const unknown = problems.filter((p) => p.code === 'unknown-criterion');
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0]!.range.start.line, 4);
    assert.equal(unknown[0]!.range.start.character, 4);
    assert.equal(unknown[0]!.data?.suggestions?.[0], 'ic.L6.design-docs');
    assert.match(unknown[0]!.message, /Unknown criterion id "ic\.L6\.desing-docs"\. Did you mean ic\.L6\.design-docs/);
  });

  test('criteria: written as text: each unknown id at its own column, with the nearest known ids', () => {
    const text = '---\ncriteria: ic.L6.design-docs, ic.L6.desing-docs  nope\n---\n';
    const unknown = validateNote(parseNote(text, PATH, { precise: true }), ladder, '2025-06-01').filter((p) => p.code === 'unknown-criterion');
    assert.deepEqual(
      unknown.map((p) => [p.data?.value, p.range.start.line, p.range.start.character, p.range.end.character]),
      [
        ['ic.L6.desing-docs', 1, 29, 46],
        ['nope', 1, 48, 52],
      ],
    );
    assert.match(unknown[0]!.message, /Did you mean ic\.L6\.design-docs/);
  });

  test('an id with no near match gets no suggestion', () => {
    const problems = validateNote(parseNote('---\ncriteria: [zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz]\n---\n', PATH, { precise: true }), ladder, '2025-06-01');
    assert.deepEqual(problems.find((p) => p.code === 'unknown-criterion')!.data?.suggestions, []);
  });

  test('a decision whose review date has passed is "review due"; a future one is not', () => {
    const due = validateNote(parseNote('---\ntype: decision\nreview: 2025-05-01\n---\n', PATH, { precise: true }), ladder, '2025-06-01');
    const reviewDue = due.find((p) => p.code === 'review-due')!;
    assert.ok(reviewDue);
    assert.equal(reviewDue.range.start.line, 2);
    const later = validateNote(parseNote('---\ntype: decision\nreview: 2025-07-01\n---\n', PATH, { precise: true }), ladder, '2025-06-01');
    assert.equal(
      later.find((p) => p.code === 'review-due'),
      undefined,
    );
    assert.equal(isReviewDue({ type: 'decision', review: '2025-06-01' }, '2025-06-01'), true);
    assert.equal(isReviewDue({ type: 'brag', review: '2025-01-01' }, '2025-06-01'), false);
  });

  test('an unknown level is a warning with a suggestion', () => {
    const problems = validateNote(parseNote('---\nlevel: L55\n---\n', PATH, { precise: true }), ladder, '2025-06-01');
    assert.ok(
      problems.some((p) => /level: unknown level "L55"\. Did you mean L5\?/.test(p.message)),
      JSON.stringify(problems),
    );
  });
});

suite('criteria edits keep everything else byte-for-byte', () => {
  function roundTrip(text: string, ids: string[]) {
    const added = addCriteria(text, ids);
    assert.ok(!('error' in added), JSON.stringify(added));
    const tagged = applySplices(text, added.splices);
    return tagged;
  }

  test('a block list with comments and quotes gains an item, and loses it again', () => {
    const text = '---\ntitle: "Quoted" # keep me\ncriteria:\n  - ic.L5.mentoring   # first\ndate: 2025-01-01\n---\nBody\n';
    const tagged = roundTrip(text, ['ic.L6.design-docs']);
    assert.equal(tagged, '---\ntitle: "Quoted" # keep me\ncriteria:\n  - ic.L5.mentoring   # first\n  - ic.L6.design-docs\ndate: 2025-01-01\n---\nBody\n');
    const removed = removeCriteria(tagged, ['ic.L6.design-docs']);
    assert.ok(!('error' in removed));
    assert.equal(applySplices(tagged, removed.splices), text);
  });

  test('a flow list keeps its style and trailing comment', () => {
    const text = "---\ncriteria: ['ic.L5.mentoring']  # tags\n---\n";
    assert.equal(roundTrip(text, ['ic.L6.standards']), "---\ncriteria: ['ic.L5.mentoring', ic.L6.standards]  # tags\n---\n");
  });

  test('CRLF files get CRLF lines', () => {
    const text = '---\r\ntitle: x\r\ncriteria:\r\n  - a\r\n---\r\nBody\r\n';
    assert.equal(roundTrip(text, ['ic.L6.standards']), '---\r\ntitle: x\r\ncriteria:\r\n  - a\r\n  - ic.L6.standards\r\n---\r\nBody\r\n');
  });

  test('no criteria key: appended at the end of the front matter', () => {
    assert.equal(roundTrip('---\ntitle: x # c\n---\nBody', ['ic.L6.standards']), '---\ntitle: x # c\ncriteria:\n  - ic.L6.standards\n---\nBody');
  });

  test('no front matter: a block is created and the body is untouched', () => {
    assert.equal(roundTrip('# Title\n\nBody\n', ['ic.L6.standards']), '---\ncriteria:\n  - ic.L6.standards\n---\n# Title\n\nBody\n');
  });

  test('a BOM stays first', () => {
    assert.equal(roundTrip('\uFEFF# T\n', ['ic.L6.standards']), '\uFEFF---\ncriteria:\n  - ic.L6.standards\n---\n# T\n');
  });

  test('an empty criteria key and an empty flow list', () => {
    assert.equal(roundTrip('---\ncriteria:\ntitle: t\n---\n', ['ic.L6.standards']), '---\ncriteria:\n  - ic.L6.standards\ntitle: t\n---\n');
    assert.equal(roundTrip('---\ncriteria: []\n---\n', ['ic.L6.standards']), '---\ncriteria: [ic.L6.standards]\n---\n');
  });

  test("items at the key's indentation keep it", () => {
    assert.equal(roundTrip('---\ncriteria:\n- a\ntitle: t\n---\n', ['ic.L6.x']), '---\ncriteria:\n- a\n- ic.L6.x\ntitle: t\n---\n');
  });

  test('adding an id already there changes nothing', () => {
    const result = addCriteria('---\ncriteria: [ic.L6.x]\n---\n', ['ic.L6.x']);
    assert.ok(!('error' in result));
    assert.deepEqual(result.splices, []);
    assert.deepEqual(result.changed, []);
  });

  test('setCriteria keeps existing order and adds the rest', () => {
    const text = '---\ncriteria:\n  - a\n  - b\n  - c\n---\n';
    const result = setCriteria(text, ['c', 'ic.L6.d', 'a']);
    assert.ok(!('error' in result));
    assert.equal(applySplices(text, result.splices), '---\ncriteria:\n  - a\n  - c\n  - ic.L6.d\n---\n');
  });

  test('broken or non-YAML front matter is refused, not rewritten', () => {
    assert.ok('error' in addCriteria('---\ntitle: [broken\n---\n', ['a']));
    assert.ok('error' in addCriteria('---json\n{}\n---\n', ['a']));
    assert.ok('error' in addCriteria('---\ntitle: never closed\n', ['a']));
    assert.ok('error' in addCriteria('---\n- a list\n---\n', ['a']));
  });

  test('odd ids are quoted so the YAML stays valid', () => {
    const tagged = roundTrip('---\ntitle: t\n---\n', ['has: colon']);
    assert.deepEqual(readCriteria(tagged), ['has: colon']);
  });

  test('readCriteria reads lists and strings', () => {
    assert.deepEqual(readCriteria('---\ncriteria: [a, b]\n---\n'), ['a', 'b']);
    assert.deepEqual(readCriteria('---\ncriteria: a, b\n---\n'), ['a', 'b']);
    assert.deepEqual(readCriteria('no front matter'), []);
  });
});
