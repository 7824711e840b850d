import * as assert from 'node:assert/strict';
import { addMonths, dateFromFileName, isIsoDate, toIsoDate } from '../../src/core/util/dates';
import { isInside, normalizeRelative } from '../../src/core/util/paths';
import { settingValueRange } from '../../src/core/util/settingsFile';
import { editDistance, nearest, slugify } from '../../src/core/util/text';

suite('dates', () => {
  test('isIsoDate accepts real calendar dates only', () => {
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2025-02-29'));
    assert.ok(!isIsoDate('2025-13-01'));
    assert.ok(!isIsoDate('2025-1-01'));
    assert.ok(!isIsoDate('20250101'));
  });
  test('addMonths clamps the day and crosses years both ways', () => {
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2025-06-15', -12), '2024-06-15');
    assert.equal(addMonths('2025-01-15', -1), '2024-12-15');
    assert.equal(addMonths('2025-08-31', 6), '2026-02-28');
  });
  test('toIsoDate uses the local calendar day', () => {
    assert.equal(toIsoDate(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
  });
  test('dateFromFileName', () => {
    assert.equal(dateFromFileName('2025-03-14-led.md'), '2025-03-14');
    assert.equal(dateFromFileName('2025-03-14.md'), '2025-03-14');
    assert.equal(dateFromFileName('2025-02-30-x.md'), undefined);
    assert.equal(dateFromFileName('notes.md'), undefined);
  });
});

suite('paths', () => {
  test('normalizeRelative refuses anything that leaves the root', () => {
    assert.equal(normalizeRelative('career/./brag/../x.md'), 'career/x.md');
    assert.equal(normalizeRelative('../x.md'), undefined);
    assert.equal(normalizeRelative('career/../../x.md'), undefined);
    assert.equal(normalizeRelative('/etc/passwd'), undefined);
    assert.equal(normalizeRelative('C:\\Windows'), undefined);
    assert.equal(normalizeRelative('career\\brag\\x.md'), 'career/brag/x.md');
  });
  test('isInside', () => {
    assert.ok(isInside('career/x.md', 'career'));
    assert.ok(!isInside('careers/x.md', 'career'));
    assert.ok(isInside('anything', ''));
  });
});

suite('text', () => {
  test('slugify makes safe, short file names', () => {
    assert.equal(slugify('Led the Payments Migration!'), 'led-the-payments-migration');
    assert.equal(slugify('Ünïcødé café'), 'unicode-cafe');
    assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
    assert.equal(slugify('!!!'), 'untitled');
    assert.equal(slugify('日本語'), 'untitled');
    assert.ok(slugify('word '.repeat(40)).length <= 60);
    assert.ok(!slugify('word '.repeat(40)).endsWith('-'));
  });
  test('editDistance and nearest', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.deepEqual(nearest('ic.L6.desing', ['ic.L6.design', 'ic.L5.mentoring', 'management.EM.hiring']), ['ic.L6.design']);
    assert.deepEqual(nearest('zzzzzzzzzzzz', ['ic.L6.design']), []);
  });
});

suite('settings file', () => {
  test('settingValueRange: the quoted value of the last occurrence, not one in a line comment', () => {
    const text = [
      '{',
      '  // "careerLattice.track": "commented",',
      '  "careerLattice.track": "first",',
      '  "careerLattice.trackOther": "no",',
      '  "careerLattice.track" :  "man\\"agment",',
      '  "careerLattice.currentLevel": "L5"',
      '}',
    ].join('\n');
    const at = settingValueRange(text, 'careerLattice.track')!;
    assert.deepEqual(at, { start: { line: 4, character: 27 }, end: { line: 4, character: 40 } });
    assert.equal(text.split('\n')[4]!.slice(at.start.character, at.end.character), '"man\\"agment"');
    assert.equal(settingValueRange('{ "careerLattice.track":\n "x" }', 'careerLattice.track'), undefined, 'a value on the next line is not located');
    assert.equal(settingValueRange('{}', 'careerLattice.track'), undefined);
    assert.equal(settingValueRange(`{"careerLattice.track": "${'\\x'.repeat(100_000)}`, 'careerLattice.track'), undefined, 'an unclosed value');
    assert.equal(settingValueRange(`{"careerLattice.track": "x"${' '.repeat(2_000_000)}}`, 'careerLattice.track'), undefined, 'past the size limit');
  });
});
