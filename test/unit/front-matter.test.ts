import * as assert from 'node:assert/strict';
import { criteriaSlot, frontMatterEnd } from '../../src/core/notes/cursor';
import { addCriteria, readCriteria } from '../../src/core/notes/edit';
import { findFrontMatter, withoutFrontMatter } from '../../src/core/notes/frontMatter';
import { parseNote } from '../../src/core/notes/parse';
import { renderTemplate } from '../../src/core/notes/templates';
import { proseOf } from '../../src/core/tagging/normalize';

suite('front matter: one rule', () => {
  test('finds a closed YAML block, its lines and offsets', () => {
    const text = '---\ntitle: A\n---\nBody\n';
    const block = findFrontMatter(text)!;
    assert.equal(block.closed, true);
    assert.equal(block.isYaml, true);
    assert.equal(block.endLine, 2);
    assert.equal(block.yaml, '\ntitle: A');
    assert.equal(text.slice(block.end), 'Body\n');
    assert.equal(text.slice(block.closeOffset, block.closeOffset + 3), '---');
  });

  test('a BOM, CRLF and a language name', () => {
    const text = '\uFEFF---yaml\r\ntitle: A\r\n---\r\nBody';
    const block = findFrontMatter(text)!;
    assert.equal(block.start, 1);
    assert.equal(block.language, 'yaml');
    assert.equal(block.isYaml, true);
    assert.equal(block.yaml, '\ntitle: A');
    assert.equal(text.slice(block.end), 'Body');
    assert.equal(findFrontMatter('---json\n{}\n---\n')!.isYaml, false);
  });

  test('not front matter: `----`, `--- text`, no leading fence', () => {
    assert.equal(findFrontMatter('----\ntitle: A\n---\n'), undefined);
    assert.equal(findFrontMatter('--- some words\ntitle: A\n---\n'), undefined);
    assert.equal(findFrontMatter('# Title\n---\n'), undefined);
    assert.equal(findFrontMatter(''), undefined);
  });

  test('a block never closed is reported as such', () => {
    const block = findFrontMatter('---\ntitle: A\nBody')!;
    assert.equal(block.closed, false);
    assert.equal(block.endLine, undefined);
    assert.equal(withoutFrontMatter('---\ntitle: A\nBody'), '---\ntitle: A\nBody');
  });
});

suite('front matter: every reader agrees', () => {
  const yamlNote = '---yaml\ntitle: Led the migration\ncriteria: [ic.L6.standards]\n---\nWrote the rollout plan.\n';

  test('a `---yaml` note: parsed as YAML, edited, completed, and never fed to the tagger as prose', () => {
    const parsed = parseNote(yamlNote, 'career/a.md');
    assert.equal(parsed.meta.title, 'Led the migration');
    assert.deepEqual(parsed.meta.criteria, ['ic.L6.standards']);
    assert.deepEqual(readCriteria(yamlNote), ['ic.L6.standards']);
    assert.ok(!('error' in addCriteria(yamlNote, ['ic.L6.mentoring'])));
    const lines = yamlNote.split('\n');
    assert.equal(frontMatterEnd(lines), 3);
    assert.ok(criteriaSlot(lines, 2, 'criteria: [ic.L6.st'.length));
    const prose = proseOf(yamlNote);
    assert.ok(!prose.includes('criteria'), prose);
    assert.ok(!prose.includes('Led the migration'), prose);
    assert.ok(prose.includes('Wrote the rollout plan.'));
    assert.equal(proseOf(yamlNote), proseOf(parsed.body));
  });

  test('a `---json` block is front matter for all: not parsed, not edited, not prose', () => {
    const text = '---json\n{"title": "secret"}\n---\nBody words.\n';
    const parsed = parseNote(text, 'career/a.md');
    assert.ok(parsed.problems.some((p) => p.code === 'front-matter-language'));
    assert.equal(parsed.body, 'Body words.\n');
    assert.ok('error' in addCriteria(text, ['ic.L6.standards']));
    assert.equal(frontMatterEnd(text.split('\n')), undefined);
    assert.equal(proseOf(text).trim(), 'Body words.');
  });

  test('an unclosed block is body text for the parser and prose for the tagger alike', () => {
    const text = '---\ntitle: A\nWords\n...\nMore words\n';
    const parsed = parseNote(text, 'career/a.md');
    assert.ok(parsed.problems.some((p) => p.code === 'front-matter-unterminated'));
    assert.equal(proseOf(text), proseOf(parsed.body));
    assert.ok('error' in addCriteria(text, ['ic.L6.standards']));
  });

  test('templates: the front matter gets YAML scalars, the body plain text, as the parser splits them', () => {
    const out = renderTemplate('\uFEFF---\ntitle: {{title}}\n---\n# {{title}}\n', { title: 'a: b', date: '2026-01-01', criteria: [] });
    const parsed = parseNote(out, 'career/a.md');
    assert.equal(parsed.meta.title, 'a: b');
    assert.equal(parsed.body, '# a: b\n');
  });
});
