import * as assert from 'node:assert/strict';
import { parseNote } from '../../src/core/notes/parse';
import { NoteFrontMatterSchema } from '../../src/core/notes/schema';

const PATH = 'career/brag/2025-01-02-shipped-search.md';

suite('note parsing', () => {
  test('reads every field of well-formed front matter', () => {
    const text = `---
type: brag
title: Shipped the new search
date: 2025-03-14
criteria:
  - ic.L6.cross-team-direction
  - ic.L5.mentoring
level: L6
impact: Search latency p95 from 900 ms to 120 ms
links: [https://example.com/pr/1]
status: done
owner: me
---
# Heading

Body text.
`;
    const note = parseNote(text, PATH);
    assert.deepEqual(note.problems, []);
    assert.deepEqual(note.meta, {
      type: 'brag',
      title: 'Shipped the new search',
      date: '2025-03-14',
      criteria: ['ic.L6.cross-team-direction', 'ic.L5.mentoring'],
      level: 'L6',
      impact: ['Search latency p95 from 900 ms to 120 ms'],
      links: ['https://example.com/pr/1'],
      status: 'done',
      review: null,
    });
    assert.equal(note.data['owner'], 'me', 'unknown keys are kept');
    assert.equal(note.bodyStartLine, 13);
    assert.ok(note.body.startsWith('# Heading'));
  });

  test('dates stay calendar dates (no time zone shift), quoted or not', () => {
    assert.equal(parseNote('---\ndate: 2025-01-01\n---\n', PATH).meta.date, '2025-01-01');
    assert.equal(parseNote("---\ndate: '2025-12-31'\n---\n", PATH).meta.date, '2025-12-31');
  });

  test('without front matter: title from the first heading, date and type from the path', () => {
    const note = parseNote('# Led the incident review\n\nText', PATH);
    assert.equal(note.frontMatter, undefined);
    assert.equal(note.meta.title, 'Led the incident review');
    assert.equal(note.meta.date, '2025-01-02');
    assert.equal(note.meta.type, 'brag');
    assert.deepEqual(note.problems, []);
  });

  test('title falls back to the file name', () => {
    assert.equal(parseNote('', PATH).meta.title, 'Shipped search');
    assert.equal(parseNote('', 'career/notes/plain.md').meta.type, 'note');
    assert.equal(parseNote('', 'career/decisions/x.md').meta.type, 'decision');
  });

  test('broken YAML: a problem with line and column, and the note is still read', () => {
    const text = '---\ntitle: Half\ncriteria: [ic.L6.a\n---\nBody';
    const note = parseNote(text, PATH);
    const error = note.problems.find((p) => p.code === 'yaml-syntax');
    assert.ok(error, JSON.stringify(note.problems));
    assert.ok(error.range.start.line >= 2 && error.range.start.line <= 3, `line ${error.range.start.line}`);
    assert.equal(note.meta.date, '2025-01-02');
    assert.equal(note.body, 'Body');
  });

  test('duplicate keys are reported at the second key', () => {
    const note = parseNote('---\ntitle: a\ntitle: b\n---\n', PATH);
    const dup = note.problems.find((p) => p.code === 'yaml-syntax')!;
    assert.match(dup.message, /Duplicate key/);
    assert.equal(dup.range.start.line, 2);
  });

  test('front matter that is not a mapping', () => {
    const note = parseNote('---\n- a\n- b\n---\nBody', PATH);
    assert.equal(note.problems[0]!.code, 'front-matter-not-mapping');
    assert.deepEqual(note.meta.criteria, []);
  });

  test('a non-YAML language is reported and never evaluated', () => {
    (globalThis as Record<string, unknown>)['__careerLatticePwned'] = false;
    const text = '---js\n{ title: (globalThis.__careerLatticePwned = true, "x") }\n---\nBody';
    const note = parseNote(text, PATH);
    assert.equal((globalThis as Record<string, unknown>)['__careerLatticePwned'], false, 'the JavaScript was not run');
    assert.equal(note.problems[0]!.code, 'front-matter-language');
    assert.match(note.problems[0]!.message, /"js" is not read/);
    assert.deepEqual(note.data, {});
    assert.equal(note.body, 'Body');
    for (const lang of ['javascript', 'json', 'coffee', 'toml']) {
      assert.equal(parseNote(`---${lang}\n{}\n---\n`, PATH).problems[0]!.code, 'front-matter-language', lang);
    }
  });

  test('---yaml and ---yml are YAML', () => {
    assert.equal(parseNote('---yaml\ntitle: Y\n---\n', PATH).meta.title, 'Y');
    assert.equal(parseNote('---yml\ntitle: Y\n---\n', PATH).meta.title, 'Y');
  });

  test('an unterminated block is reported and read as body', () => {
    const note = parseNote('---\ntitle: never closed\n', PATH);
    assert.equal(note.problems[0]!.code, 'front-matter-unterminated');
    assert.equal(note.meta.title, 'Shipped search');
  });

  test('a horizontal rule (----) is not front matter', () => {
    const note = parseNote('----\ntitle: no\n', PATH);
    assert.equal(note.frontMatter, undefined);
    assert.deepEqual(note.problems, []);
  });

  test('a second --- block stays in the body', () => {
    const note = parseNote('---\ntitle: One\n---\nText\n---\ntitle: Two\n---\n', PATH);
    assert.equal(note.meta.title, 'One');
    assert.match(note.body, /title: Two/);
  });

  test('a BOM and CRLF line endings', () => {
    const note = parseNote('\uFEFF---\r\ntitle: Win\r\ncriteria:\r\n  - ic.L5.x\r\n---\r\nBody\r\n', PATH);
    assert.deepEqual(note.problems, []);
    assert.equal(note.meta.title, 'Win');
    assert.deepEqual(note.meta.criteria, ['ic.L5.x']);
    assert.equal(note.bodyStartLine, 5);
  });

  test('mixed line endings', () => {
    const note = parseNote('---\r\ntitle: Mixed\ncriteria: [a]\r\n---\nBody', PATH);
    assert.equal(note.meta.title, 'Mixed');
    assert.deepEqual(note.meta.criteria, ['a']);
  });

  test('tabs used as indentation: read leniently for the index, a YAML error at their line when precise', () => {
    assert.deepEqual(parseNote('---\ntitle: t\ncriteria:\n\t- a\n---\n', PATH).meta.criteria, ['a']);
    const note = parseNote('---\ntitle: t\ncriteria:\n\t- a\n---\n', PATH, { precise: true });
    const error = note.problems.find((p) => p.code === 'yaml-syntax')!;
    assert.ok(error, JSON.stringify(note.problems));
    assert.equal(error.range.start.line, 3);
  });

  test('a date written as a number, and an impossible date', () => {
    const numeric = parseNote('---\ndate: 20250101\n---\n', 'career/x.md');
    assert.equal(numeric.problems[0]!.code, 'bad-date');
    assert.equal(numeric.problems[0]!.range.start.line, 1);
    assert.equal(numeric.meta.date, null);
    const impossible = parseNote('---\ntitle: t\ndate: 2025-02-30\n---\n', 'career/x.md');
    assert.equal(impossible.problems[0]!.code, 'bad-date');
    assert.equal(impossible.problems[0]!.range.start.line, 2);
    assert.equal(impossible.problems[0]!.range.start.character, 6);
  });

  test('criteria written as a string is split, with a warning', () => {
    const note = parseNote('---\ncriteria: ic.L6.a, ic.L6.b\n---\n', PATH);
    assert.deepEqual(note.meta.criteria, ['ic.L6.a', 'ic.L6.b']);
    assert.equal(note.problems[0]!.severity, 'warning');
    assert.match(note.problems[0]!.message, /should be a list/);
  });

  test('a bad item in criteria does not drop the good ones', () => {
    const note = parseNote('---\ncriteria:\n  - ic.L6.a\n  - 42\n  - {x: 1}\n  - ic.L6.b\n---\n', PATH);
    assert.deepEqual(note.meta.criteria, ['ic.L6.a', 'ic.L6.b']);
    assert.deepEqual(
      note.problems.map((p) => [p.message.split(':')[0], p.range.start.line]),
      [
        ['criteria[1]', 3],
        ['criteria[2]', 4],
      ],
    );
  });

  test('a huge criteria list is capped with a warning', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `ic.L6.x${i}`);
    const note = parseNote(`---\ncriteria: [${ids.join(', ')}]\n---\n`, PATH);
    assert.equal(note.meta.criteria.length, 200);
    assert.ok(note.problems.some((p) => /only the first 200/.test(p.message)));
  });

  test('unknown type is a warning and the type comes from the folder', () => {
    const note = parseNote('---\ntype: diary\n---\n', PATH);
    assert.equal(note.meta.type, 'brag');
    assert.equal(note.problems[0]!.code, 'unknown-type');
    assert.equal(note.problems[0]!.range.start.line, 1);
  });

  test('duplicate criteria ids are read once', () => {
    assert.deepEqual(parseNote('---\ncriteria: [a, a, b]\n---\n', PATH).meta.criteria, ['a', 'b']);
  });

  test('null and empty values are ignored', () => {
    const note = parseNote('---\ntitle:\ncriteria:\ndate:\n---\n', PATH);
    assert.deepEqual(
      note.problems.filter((p) => p.severity !== 'info'),
      [],
    );
    assert.deepEqual(note.meta.criteria, []);
  });

  test('the empty file and a lone ---', () => {
    assert.deepEqual(parseNote('', PATH).problems, []);
    assert.equal(parseNote('---', PATH).problems[0]!.code, 'front-matter-unterminated');
  });

  test('YAML tags that would build objects are not honoured', () => {
    const note = parseNote('---\ntitle: !!js/function "function(){ return 1 }"\n---\n', PATH);
    assert.equal(typeof note.meta.title, 'string');
  });

  test('the whole-front-matter zod schema accepts a good note and keeps unknown keys', () => {
    const result = NoteFrontMatterSchema.safeParse({ type: 'decision', title: 'x', review: '2026-01-01', extra: 1 });
    assert.ok(result.success);
    assert.equal((result.data as Record<string, unknown>)['extra'], 1);
    assert.equal(NoteFrontMatterSchema.safeParse({ date: '2025-13-01' }).success, false);
  });
});
