// A corpus of nasty files on a real disk: each gives a clear problem naming the file and place, the rest
// of the workspace keeps working, and nothing is ever written to.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeEvidence } from '../../src/core/evidence/evidence';
import { buildIndex, FsNoteLoader } from '../../src/core/index/indexer';
import { MAX_NOTE_BYTES } from '../../src/core/index/fs';
import { NodeFileSystem } from '../../src/core/index/nodeFs';
import { NoteIndex } from '../../src/core/index/noteIndex';
import { loadLadder, MAX_LADDER_BYTES } from '../../src/core/ladder/load';
import { parseNote } from '../../src/core/notes/parse';
import { validateNote } from '../../src/core/notes/validate';
import { formatProblem } from '../../src/core/problems';
import { testLadder } from './helpers/ladders';

export const NASTY: Record<string, string | Buffer> = {
  'broken-yaml.md': '---\ntitle: [unclosed\ncriteria: {a: \n---\nBody',
  'not-a-mapping.md': '---\n- just\n- a list\n---\nBody',
  'scalar.md': '---\njust a string\n---\nBody',
  'duplicate-keys.md': '---\ntitle: One\ntitle: Two\n---\n',
  'tabs.md': '---\ntitle: t\ncriteria:\n\t- ic.L6.standards\n---\n',
  'bom.md': '\uFEFF---\ntitle: With BOM\ndate: 2025-01-01\ncriteria: [ic.L6.standards]\n---\n',
  'crlf.md': '---\r\ntitle: CRLF\r\ndate: 2025-01-02\r\ncriteria:\r\n  - ic.L6.standards\r\n---\r\nBody\r\n',
  'mixed-endings.md': '---\r\ntitle: Mixed\ndate: 2025-01-03\r\ncriteria: [ic.L6.standards]\n---\r\n',
  'date-number.md': '---\ndate: 20250101\n---\n',
  'date-impossible.md': '---\ndate: 2025-02-30\n---\n',
  'date-string.md': '---\ndate: "March 3rd"\n---\n',
  'criteria-string.md': '---\ncriteria: ic.L6.standards, ic.L6.design-docs\ndate: 2025-01-04\n---\n',
  'criteria-huge.md': `---\ncriteria: [${Array.from({ length: 5000 }, (_, i) => `ic.L6.x${i}`).join(', ')}]\n---\n`,
  'unknown-keys.md': '---\ntitle: Extra\nmood: great\nnested: {a: [1, 2]}\n---\n',
  'second-block.md': '---\ntitle: First\n---\nText\n---\ntitle: Second\n---\n',
  'unterminated.md': '---\ntitle: never closed\ncriteria: [ic.L6.standards]\n',
  'javascript.md': '---js\n{ title: require("child_process").execSync("touch /tmp/career-lattice-pwned") }\n---\n',
  'json.md': '---json\n{"title": "json"}\n---\n',
  'alias-bomb.md': `---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ncriteria: *a\n---\n`,
  'empty.md': '',
  'only-dashes.md': '---',
  'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  'latin1.md': Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'),
  'name with spaces #1 ünïcødé.md': '---\ntitle: Odd name\ndate: 2025-01-05\ncriteria: [ic.L6.standards]\n---\n',
};

function sha(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

suite('nasty corpus on disk', function () {
  this.timeout(60000);
  let dir: string;
  const hashes = new Map<string, string>();

  suiteSetup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-corpus-'));
    const notes = path.join(dir, 'career', 'brag');
    fs.mkdirSync(notes, { recursive: true });
    for (const [name, content] of Object.entries(NASTY)) fs.writeFileSync(path.join(notes, name), content);
    // Over the size limit.
    fs.writeFileSync(path.join(notes, 'huge.md'), Buffer.alloc(MAX_NOTE_BYTES + 10, 0x61));
    // A symbolic link loop, and a link to a folder outside the notes folder.
    fs.symlinkSync('..', path.join(notes, 'loop'));
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.writeFileSync(path.join(dir, 'outside', 'secret.md'), '---\ntitle: outside\n---\n');
    fs.symlinkSync(path.join(dir, 'outside'), path.join(notes, 'escape'));
    // Thousands of files in one folder.
    const many = path.join(dir, 'career', 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(many, `n${i}.md`), `---\ntitle: N${i}\ndate: 2025-02-01\n---\n`);
    for (const file of fs.readdirSync(notes)) {
      const p = path.join(notes, file);
      if (fs.lstatSync(p).isFile()) hashes.set(p, sha(p));
    }
  });

  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('everything indexes without an exception; broken notes keep what could be read', async () => {
    const nodeFs = new NodeFileSystem(dir);
    const index = new NoteIndex();
    const report = await buildIndex(index, nodeFs, new FsNoteLoader(nodeFs), 'career');
    assert.equal(report.skipped, 2, 'binary.md and huge.md are skipped');
    assert.equal(index.size, Object.keys(NASTY).length - 1 + 3000);
    assert.equal(index.skipped().get('career/brag/huge.md')?.code, 'file-too-large');
    assert.equal(index.skipped().get('career/brag/binary.md')?.code, 'not-text');
    assert.equal(index.get('career/brag/bom.md')?.title, 'With BOM');
    assert.deepEqual(index.get('career/brag/crlf.md')?.criteria, ['ic.L6.standards']);
    assert.deepEqual(index.get('career/brag/mixed-endings.md')?.criteria, ['ic.L6.standards']);
    assert.deepEqual(index.get('career/brag/criteria-string.md')?.criteria, ['ic.L6.standards', 'ic.L6.design-docs']);
    assert.equal(index.get('career/brag/criteria-huge.md')?.criteria.length, 200);
    assert.equal(index.get('career/brag/second-block.md')?.title, 'First');
    assert.equal(index.get('career/brag/name with spaces #1 ünïcødé.md')?.title, 'Odd name');
    assert.equal(index.get('career/brag/latin1.md')?.problems[0]?.code, 'not-text');
    // Nothing through the symlinks: no loop, nothing from outside the notes folder.
    assert.ok(
      !index.paths().some((p) => p.includes('/loop/') || p.includes('/escape/')),
      index
        .paths()
        .filter((p) => p.includes('loop') || p.includes('escape'))
        .join(),
    );
    // The rest of the workspace still works.
    const summary = computeEvidence(testLadder(), index, { track: 'ic', currentLevel: 'L5', today: '2025-06-01' });
    assert.equal(summary.criteria.find((c) => c.id === 'ic.L6.standards')?.count, 6);
  });

  test('each broken file has a clear problem naming the file and place', () => {
    const expectations: Record<string, RegExp> = {
      'broken-yaml.md': /^career\/brag\/broken-yaml\.md:[23]:\d+: error: /,
      'not-a-mapping.md': /^career\/brag\/not-a-mapping\.md:2:1: error: Front matter must be a mapping/,
      'scalar.md': /^career\/brag\/scalar\.md:2:1: error: Front matter must be a mapping/,
      'duplicate-keys.md': /^career\/brag\/duplicate-keys\.md:3:1: error: Duplicate key/,
      'tabs.md': /^career\/brag\/tabs\.md:4:1: error: Tabs are not allowed/,
      'date-number.md': /^career\/brag\/date-number\.md:2:7: error: date: must be a date written YYYY-MM-DD/,
      'date-impossible.md': /^career\/brag\/date-impossible\.md:2:7: error: date: must be a real date/,
      'date-string.md': /^career\/brag\/date-string\.md:2:7: error: date: must be a real date/,
      'criteria-string.md': /^career\/brag\/criteria-string\.md:2:11: warning: criteria: should be a list/,
      'criteria-huge.md': /^career\/brag\/criteria-huge\.md:2:11: warning: criteria: 5000 ids; only the first 200 are read/,
      'unterminated.md': /^career\/brag\/unterminated\.md:1:1: warning: The front matter starts on line 1 but has no closing/,
      'javascript.md': /^career\/brag\/javascript\.md:1:4: error: Front matter in "js" is not read/,
      'json.md': /^career\/brag\/json\.md:1:4: error: Front matter in "json" is not read/,
      'alias-bomb.md': /^career\/brag\/alias-bomb\.md:\d+:\d+: error: /,
    };
    for (const [name, pattern] of Object.entries(expectations)) {
      const file = `career/brag/${name}`;
      const note = parseNote(NASTY[name]!.toString(), file, { precise: true });
      const lines = validateNote(note, testLadder(), '2025-06-01').map((p) => formatProblem(p, file));
      assert.ok(
        lines.some((l) => pattern.test(l)),
        `${name}:\n${lines.join('\n')}`,
      );
    }
  });

  test('front matter in JavaScript is never run', () => {
    assert.equal(fs.existsSync('/tmp/career-lattice-pwned'), false);
  });

  test('no file was written to', () => {
    for (const [file, hash] of hashes) assert.equal(sha(file), hash, file);
  });
});

suite('nasty custom ladders', () => {
  const read = (files: Record<string, string>) => async (p: string) => files[p];

  test('a ladder over the size limit is refused and the built-in ladder stays', async () => {
    const result = await loadLadder('.career/ladder.yaml', read({ '.career/ladder.yaml': `name: big\n# ${'x'.repeat(MAX_LADDER_BYTES)}\n` }));
    assert.equal(result.source, 'builtin');
    assert.match(result.problems[0]!.message, /larger than 2 MB/);
  });

  test('a large but valid ladder (3,000 criteria) loads', async () => {
    const criteria = Array.from({ length: 3000 }, (_, i) => `          - { id: ic.X1.c${i}, area: technical, title: Criterion ${i} }`).join('\n');
    const yaml = `name: Big\ntracks:\n  - id: ic\n    title: IC\n    levels:\n      - id: X1\n        title: One\n        criteria:\n${criteria}\n`;
    const result = await loadLadder('.career/ladder.yaml', read({ '.career/ladder.yaml': yaml }));
    assert.deepEqual(
      result.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(result.ladder.allCriteria().length, 3000);
  });

  test('a ladder that extends itself, directly or through another file, is an error, not a hang', async () => {
    const cycles: Array<Record<string, string>> = [
      { '.career/ladder.yaml': 'extends: ladder.yaml\n' },
      { '.career/ladder.yaml': 'extends: ./a.yaml\n', '.career/a.yaml': 'extends: b.yaml\n', '.career/b.yaml': 'extends: ../.career/ladder.yaml\n' },
    ];
    for (const files of cycles) {
      const result = await loadLadder('.career/ladder.yaml', read(files));
      assert.equal(result.source, 'builtin');
      assert.ok(
        result.problems.some((p) => p.code === 'ladder-extends' && /cycle/.test(p.message)),
        JSON.stringify(result.problems),
      );
    }
  });

  test('invalid ladders: wrong shapes and types are reported with their path', async () => {
    const cases: Array<[string, RegExp]> = [
      ['tracks: 5\nname: x\n', /tracks: expected array, got number/],
      ['name: x\ntracks: []\n', /tracks: a ladder needs at least one track/],
      ['name: x\ntracks:\n  - id: IC\n    title: t\n    levels: [{id: L1, title: t}]\n', /tracks\[0\]\.id: must be lowercase/],
      ['extends: 42\n', /extends: expected string, got number/],
      ['---js\nname: x\n', /./],
      ['"just a string"\n', /must be a YAML mapping/],
    ];
    for (const [yaml, pattern] of cases) {
      const result = await loadLadder('.career/ladder.yaml', read({ '.career/ladder.yaml': yaml }));
      assert.equal(result.source, 'builtin', yaml);
      assert.ok(
        result.problems.some((p) => pattern.test(p.message)),
        `${yaml}\n${result.problems.map((p) => p.message).join('\n')}`,
      );
      assert.ok(result.problems.every((p) => p.file === '.career/ladder.yaml'));
    }
  });
});
