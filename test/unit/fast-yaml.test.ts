// The index worker reads front matter with js-yaml first (src/core/util/fastYaml.ts); every other thread
// reads it with the `yaml` package alone. A note must read the same either way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNote, type ParsedNote } from '../../src/core/notes/parse';
import { fastYamlReader, installFastYaml } from '../../src/core/util/fastYaml';
import { jsYamlReader } from '../../src/core/util/jsYaml';
import { aliasBomb, nestedNote } from './hostile/corpus';

const DEMO = path.resolve(__dirname, '../../../examples/demo-career');

function demoNotes(dir = DEMO): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...demoNotes(full));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out;
}

/** What the index keeps of a parse: the meta and the problems (the YAML document is the precise path's own). */
function kept(note: ParsedNote): unknown {
  return { meta: note.meta, problems: note.problems.map(({ severity, code, message, range }) => ({ severity, code, message, range })) };
}

function bothWays(text: string): { plain: unknown; fast: unknown } {
  installFastYaml(undefined);
  const plain = kept(parseNote(text, 'career/brag/x.md'));
  installFastYaml(jsYamlReader);
  try {
    return { plain, fast: kept(parseNote(text, 'career/brag/x.md')) };
  } finally {
    installFastYaml(undefined);
  }
}

suite('fast YAML reader: a note reads the same with it as without', () => {
  teardown(() => installFastYaml(undefined));

  test('no thread has a fast reader unless it installs one (the extension host does not)', () => {
    assert.equal(fastYamlReader(), undefined);
  });

  test('the fast path is taken: js-yaml reads a plain note', () => {
    let calls = 0;
    installFastYaml((text) => {
      calls++;
      return jsYamlReader(text);
    });
    const note = parseNote('---\ntitle: Shipped\ncriteria: [ic.L5.leads-projects]\n---\nBody\n', 'career/brag/x.md');
    assert.equal(calls, 1);
    assert.equal(note.yaml, undefined, 'no YAML document kept on the fast path');
    assert.deepEqual(note.meta.criteria, ['ic.L5.leads-projects']);
  });

  test('every note of the demo workspace', () => {
    const files = demoNotes();
    assert.ok(files.length >= 30, `${files.length} notes`);
    for (const file of files) {
      const { plain, fast } = bothWays(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(fast, plain, path.relative(DEMO, file));
    }
  });

  test('odd and hostile front matter: numbers, dates, tags, bad fields, aliases, nesting, syntax errors', () => {
    const cases = [
      '---\ntitle: T\ndate: 2025-02-30\n---\n',
      '---\ntitle: 010\nlevel: 1_000\nimpact: 0x1F\n---\n',
      '---\ntitle: T\ncriteria: ic.L5.a, ic.L5.b\n---\n',
      '---\ntitle: T\ncriteria: [1, "", ic.L5.a]\n---\n',
      '---\ntitle: T\ntype: memo\n---\n',
      '---\ntitle: !!binary aGVsbG8=\n---\n',
      '---\ndate: !!timestamp 2025-01-01\ntitle: T\n---\n',
      '%YAML 1.1\n---\ntitle: yes\n---\n',
      '---\ntitle: T\ntitle: U\n---\n',
      '---\ntitle: [unclosed\n---\n',
      '---\n- a\n- b\n---\n',
      '---\ntitle: "quoted \\u00e9"\nlinks: [https://example.com/a]\n---\n',
      '---\ntitle: T\n\tcriteria: []\n---\n',
      '---\nf: !!js/function "function () { return 1 }"\ntitle: T\n---\n',
      '---\n|\n...\n---\nBody\n',
      '---\ntitle: >\n  folded\n...\n---\n',
      '---\n!!\n|\n---\nBody\n',
      '---\n!x\n|-\n---\nBody\n',
      '---\ntitle: !!\n  >-\n---\n',
      '---\n|1\ntitle: x\n---\n',
      '---\ntitle: >2-\n   text\n---\n',
      aliasBomb('criteria'),
      nestedNote(true),
    ];
    for (const text of cases) {
      const { plain, fast } = bothWays(text);
      assert.deepEqual(fast, plain, text.slice(0, 60));
    }
  });

  test('generated YAML-like lines (fast-check)', () => {
    const line = fc.oneof(
      fc.constantFrom(
        'title: x',
        'criteria:',
        '  - ic.L6.a',
        'criteria: [a, b',
        '\t- tab',
        '  \tx: 1',
        'key: key: key',
        '"unterminated',
        '&a [*a]',
        '? k',
        ': v',
        '- a',
        '  b: |',
        '    text',
        '%YAML 1.1',
        '...',
        '#c',
      ),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const text = `---\n${lines.join('\n')}\n---\nBody\n`;
        const { plain, fast } = bothWays(text);
        assert.deepEqual(fast, plain, text);
      }),
      { numRuns: 500 },
    );
  });

  test('generated front matter of the known fields (fast-check)', () => {
    const scalar = fc.oneof(
      fc.constantFrom('yes', 'No', '~', 'null', '1:1', '010', '0o17', '.5', '-.inf', '2026-01-01', '12:30', 'E3', 'true', ''),
      fc.string({ maxLength: 12 }),
    );
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
    const key = fc.constantFrom('title', 'type', 'date', 'criteria', 'impact', 'level', 'links', 'review', 'status', 'extra');
    const yamlValue = (v: string | string[]): string =>
      Array.isArray(v) ? `[${v.map((s) => JSON.stringify(s)).join(', ')}]` : /^[\w.:~+-]*$/.test(v) ? v : JSON.stringify(v);
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), (pairs) => {
        const text = `---\n${pairs.map(([k, v]) => `${k}: ${yamlValue(v)}`).join('\n')}\n---\nBody\n`;
        const { plain, fast } = bothWays(text);
        assert.deepEqual(fast, plain, text);
      }),
      { numRuns: 300 },
    );
  });
});
