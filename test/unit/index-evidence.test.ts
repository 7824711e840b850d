import * as assert from 'node:assert/strict';
import { computeEvidence, gapsFirst, resolveLevels, staleCutoff } from '../../src/core/evidence/evidence';
import { CACHE_VERSION, parseCache, serializeCache } from '../../src/core/index/cache';
import { listMarkdownFiles, MAX_NOTE_BYTES } from '../../src/core/index/fs';
import { buildIndex, FsNoteLoader, refreshNote } from '../../src/core/index/indexer';
import { NoteIndex, type IndexChange } from '../../src/core/index/noteIndex';
import { testLadder } from './helpers/ladders';
import { MemoryFileSystem, note } from './helpers/memfs';

function workspace() {
  return new MemoryFileSystem({
    'career/brag/2025-05-01-led-migration.md': note({
      type: 'brag',
      title: 'Led migration',
      date: '2025-05-01',
      criteria: ['ic.L6.cross-team-direction', 'ic.L5.leads-projects'],
    }),
    'career/brag/2024-01-10-old-standard.md': note({ type: 'brag', title: 'Old standard', date: '2024-01-10', criteria: ['ic.L6.standards'] }),
    'career/design-docs/2025-03-01-search.md': note({
      type: 'design-doc',
      title: 'Search design',
      date: '2025-03-01',
      criteria: ['ic.L6.design-docs', 'ic.L6.cross-team-direction'],
      level: 'E6',
    }),
    'career/decisions/2025-02-01-stay-ic.md': note({ type: 'decision', title: 'Stay IC', date: '2025-02-01', review: '2025-08-01' }),
    'career/notes/undated.md': note({ title: 'Undated', criteria: ['ic.L6.mentoring-seniors'] }),
    'career/packets/2025-06-01-L6.md': note({ type: 'packet', title: 'Packet', date: '2025-06-01', criteria: ['ic.L6.standards'] }),
    'career/.hidden/secret.md': note({ title: 'hidden' }),
    'career/readme.txt': 'not markdown',
    'other/outside.md': note({ title: 'Outside', criteria: ['ic.L6.standards'] }),
  });
}

async function built(fs = workspace()) {
  const index = new NoteIndex();
  const report = await buildIndex(index, fs, new FsNoteLoader(fs), 'career');
  return { index, report, fs };
}

suite('walking the notes folder', () => {
  test('finds markdown under the folder, skipping dot-folders and other files', async () => {
    const { files } = await listMarkdownFiles(workspace(), 'career');
    assert.deepEqual(files.sort(), [
      'career/brag/2024-01-10-old-standard.md',
      'career/brag/2025-05-01-led-migration.md',
      'career/decisions/2025-02-01-stay-ic.md',
      'career/design-docs/2025-03-01-search.md',
      'career/notes/undated.md',
      'career/packets/2025-06-01-L6.md',
    ]);
  });

  test('does not follow a symbolic link loop', async () => {
    const fs = new MemoryFileSystem({ 'career/a/n.md': '# n' });
    fs.linkFolder('career/a/loop', 'career');
    const { files } = await listMarkdownFiles(fs, 'career');
    assert.deepEqual(files, ['career/a/n.md']);
  });

  test('a missing notes folder is an empty list, not an error', async () => {
    const result = await listMarkdownFiles(new MemoryFileSystem(), 'career');
    assert.deepEqual(result, { files: [], problems: [] });
  });

  test('folder listings are asked for a few at a time (round trips overlap), and the result is in walk order', async () => {
    const files: Record<string, string> = {};
    for (const type of ['brag', 'decisions', 'feedback']) for (let y = 2015; y < 2027; y++) files[`career/${type}/${y}/n.md`] = '# n';
    files['career/broken/x.md'] = '# x';
    class SlowListings extends MemoryFileSystem {
      inFlight = 0;
      most = 0;
      override async readDirectory(path: string) {
        this.inFlight++;
        this.most = Math.max(this.most, this.inFlight);
        await new Promise((resolve) => setTimeout(resolve, path.length % 3));
        this.inFlight--;
        if (path === 'career/broken') throw new Error('EACCES');
        return super.readDirectory(path);
      }
    }
    const fs = new SlowListings(files);
    const { files: walked, problems } = await listMarkdownFiles(fs, 'career');
    assert.ok(fs.most > 1 && fs.most <= 8, `at most 8 listings at once (saw ${fs.most})`);
    // One folder after the other, each listing sorted: breadth first, by name.
    const expected = Object.keys(files)
      .filter((p) => !p.startsWith('career/broken'))
      .sort((a, b) => (a.split('/')[1]! < b.split('/')[1]! ? -1 : a.split('/')[1]! > b.split('/')[1]! ? 1 : a < b ? -1 : 1));
    assert.deepEqual(walked, expected);
    assert.deepEqual(
      problems.map((p) => [p.file, p.message]),
      [['career/broken', 'Folder could not be read: EACCES']],
    );
  });

  test('names with spaces, unicode and # are fine', async () => {
    const fs = new MemoryFileSystem({ 'career/my notes/Ünïcødé #1.md': note({ title: 'U', date: '2025-01-01' }) });
    const { index } = await built(fs);
    assert.equal(index.get('career/my notes/Ünïcødé #1.md')?.title, 'U');
  });
});

suite('note index', () => {
  test('answers by criterion, type, level and date range', async () => {
    const ladder = testLadder();
    const { index, report } = await built();
    assert.equal(report.files, 6);
    assert.equal(index.size, 6);
    assert.deepEqual(
      index.byCriterion('ic.L6.cross-team-direction').map((n) => n.path),
      ['career/brag/2025-05-01-led-migration.md', 'career/design-docs/2025-03-01-search.md'],
    );
    assert.deepEqual(
      index.byType('decision').map((n) => n.title),
      ['Stay IC'],
    );
    assert.deepEqual(
      index.byLevel(ladder, 'L6').map((n) => n.title),
      ['Packet', 'Led migration', 'Search design', 'Old standard', 'Undated'],
    );
    assert.deepEqual(
      index.byLevel(ladder, 'L5').map((n) => n.title),
      ['Led migration'],
    );
    assert.deepEqual(
      index.byDateRange('2025-02-01', '2025-05-01').map((n) => n.title),
      ['Led migration', 'Search design', 'Stay IC'],
    );
    assert.deepEqual(
      index.byDateRange(undefined, '2024-12-31').map((n) => n.title),
      ['Old standard'],
    );
    assert.equal(index.countFor('ic.L6.standards'), 2);
  });

  test('a declared level counts for byLevel by alias', async () => {
    const fs = new MemoryFileSystem({ 'career/x.md': note({ title: 'Declared', level: 'E5' }) });
    const { index } = await built(fs);
    assert.deepEqual(
      index.byLevel(testLadder(), 'L5').map((n) => n.title),
      ['Declared'],
    );
  });

  test('updates incrementally on change, create and delete, firing one event per batch', async () => {
    const { index, fs } = await built();
    const events: IndexChange[] = [];
    index.onDidChange((e) => events.push(e));
    fs.write('career/brag/2025-05-01-led-migration.md', note({ title: 'Led migration', date: '2025-05-01', criteria: ['ic.L6.standards'] }));
    fs.write('career/brag/2025-06-01-new.md', note({ title: 'New', date: '2025-06-01', criteria: ['ic.L6.standards'] }));
    fs.remove('career/notes/undated.md');
    await refreshNote(index, new FsNoteLoader(fs), ['career/brag/2025-05-01-led-migration.md', 'career/brag/2025-06-01-new.md', 'career/notes/undated.md']);
    assert.equal(events.length, 1);
    assert.deepEqual([...events[0]!.changed].sort(), ['career/brag/2025-05-01-led-migration.md', 'career/brag/2025-06-01-new.md']);
    assert.deepEqual(events[0]!.deleted, ['career/notes/undated.md']);
    assert.deepEqual(
      index.byCriterion('ic.L6.cross-team-direction').map((n) => n.title),
      ['Search design'],
    );
    assert.deepEqual(
      index.byCriterion('ic.L6.standards').map((n) => n.title),
      ['New', 'Packet', 'Led migration', 'Old standard'],
    );
    assert.equal(index.get('career/notes/undated.md'), undefined);
    assert.equal(index.countFor('ic.L6.mentoring-seniors'), 0);
  });

  test('deleteFolder removes every note below a folder', async () => {
    const { index } = await built();
    index.deleteFolder('career/brag');
    assert.deepEqual(index.byType('brag'), []);
    assert.equal(index.size, 4);
  });

  test('a rebuild drops notes deleted on disk', async () => {
    const { index, fs } = await built();
    fs.remove('career/brag/2024-01-10-old-standard.md');
    await buildIndex(index, fs, new FsNoteLoader(fs), 'career');
    assert.equal(index.get('career/brag/2024-01-10-old-standard.md'), undefined);
    assert.equal(index.size, 5);
  });

  test('broken notes are indexed with what could be read, and their problems kept', async () => {
    const fs = new MemoryFileSystem({ 'career/brag/2025-01-01-broken.md': '---\ntitle: Broken\ncriteria: [ic.L6.standards\n---\nBody' });
    const { index } = await built(fs);
    const record = index.get('career/brag/2025-01-01-broken.md')!;
    assert.equal(record.date, '2025-01-01');
    assert.ok(record.problems.some((p) => p.code === 'yaml-syntax'));
  });

  test('binary and huge files are skipped with a reason; non-UTF-8 is read with a warning', async () => {
    const fs = new MemoryFileSystem({
      'career/binary.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
      'career/latin1.md': new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9]),
      'career/huge.md': new Uint8Array(MAX_NOTE_BYTES + 1).fill(0x61),
      'career/ok.md': '# ok',
    });
    const { index, report } = await built(fs);
    assert.equal(report.skipped, 2);
    assert.deepEqual(index.paths().sort(), ['career/latin1.md', 'career/ok.md']);
    assert.equal(index.skipped().get('career/binary.md')?.code, 'not-text');
    assert.equal(index.skipped().get('career/huge.md')?.code, 'file-too-large');
    assert.ok(!fs.reads.includes('career/huge.md'), 'a file over the limit is not even read');
    assert.equal(index.get('career/latin1.md')!.problems[0]!.code, 'not-text');
    assert.equal(index.get('career/latin1.md')!.title, 'Caf\uFFFD');
  });

  test('thousands of files in one folder', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`career/brag/n${i}.md`] = note({ title: `N${i}`, criteria: ['ic.L6.standards'] });
    const { index } = await built(new MemoryFileSystem(files));
    assert.equal(index.size, 3000);
    assert.equal(index.countFor('ic.L6.standards'), 3000);
  });

  test('reports progress up to the total', async () => {
    const fs = workspace();
    const progress: Array<[number, number]> = [];
    await buildIndex(new NoteIndex(), fs, new FsNoteLoader(fs, { batchSize: 2, concurrency: 1 }), 'career', { onProgress: (d, t) => progress.push([d, t]) });
    assert.deepEqual(progress[0], [0, 6]);
    assert.deepEqual(progress[progress.length - 1], [6, 6]);
  });
});

suite('index cache', () => {
  test('a warm start reuses cached records whose size and mtime match, and re-reads the rest', async () => {
    const { index, fs } = await built();
    const text = serializeCache(index, 'ws');
    const loaded = parseCache(text, 'ws');
    assert.ok('records' in loaded);
    fs.write('career/brag/2025-05-01-led-migration.md', note({ title: 'Changed', date: '2025-05-01' }));
    fs.reads.length = 0;
    const warm = new NoteIndex();
    const report = await buildIndex(warm, fs, new FsNoteLoader(fs), 'career', { cached: loaded.records });
    assert.deepEqual(fs.reads, ['career/brag/2025-05-01-led-migration.md']);
    assert.equal(report.reused, 5);
    assert.equal(report.parsed, 1);
    assert.equal(warm.get('career/brag/2025-05-01-led-migration.md')!.title, 'Changed');
    assert.equal(warm.size, 6);
  });

  test('a corrupt, foreign or old cache is refused with a reason', () => {
    assert.match((parseCache('{not json', 'ws') as { error: string }).error, /not valid JSON/);
    assert.match((parseCache(JSON.stringify({ version: CACHE_VERSION, key: 'other', notes: [] }), 'ws') as { error: string }).error, /another folder/);
    assert.match((parseCache(JSON.stringify({ version: -1, key: 'ws', notes: [] }), 'ws') as { error: string }).error, /version -1/);
    assert.match((parseCache(JSON.stringify({ version: CACHE_VERSION, key: 'ws', notes: [{ path: 1 }] }), 'ws') as { error: string }).error, /malformed/);
    assert.match((parseCache('null', 'ws') as { error: string }).error, /not an object/);
  });
});

suite('evidence toward the next level', () => {
  const ladder = testLadder();

  test('hand-counted: counts, latest dates, stale and missing criteria, coverage', async () => {
    const { index } = await built();
    const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: '2025-06-15' });
    assert.equal(summary.track, 'ic');
    assert.equal(summary.currentLevel, 'L5');
    assert.equal(summary.targetLevel, 'L6');
    assert.deepEqual(summary.criteria, [
      {
        id: 'ic.L6.cross-team-direction',
        title: 'Cross-team technical direction',
        area: 'influence',
        count: 2,
        latest: '2025-05-01',
        stale: false,
        notes: ['career/brag/2025-05-01-led-migration.md', 'career/design-docs/2025-03-01-search.md'],
        earlier: [],
      },
      {
        id: 'ic.L6.design-docs',
        title: 'Design documents',
        area: 'communication',
        count: 1,
        latest: '2025-03-01',
        stale: false,
        notes: ['career/design-docs/2025-03-01-search.md'],
        earlier: [],
      },
      // The packet also lists ic.L6.standards, but a packet is never evidence.
      {
        id: 'ic.L6.standards',
        title: 'Sets standards',
        area: 'technical',
        count: 1,
        latest: '2024-01-10',
        stale: true,
        notes: ['career/brag/2024-01-10-old-standard.md'],
        earlier: [],
      },
      // Only an undated note: counted, but it cannot show recent evidence.
      {
        id: 'ic.L6.mentoring-seniors',
        title: 'Mentors seniors',
        area: 'mentoring',
        count: 1,
        latest: null,
        stale: true,
        notes: ['career/notes/undated.md'],
        earlier: [],
      },
    ]);
    assert.equal(summary.covered, 2);
    assert.equal(summary.total, 4);
  });

  test('staleAfterMonths moves the cutoff', async () => {
    const { index } = await built();
    const lenient = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: '2025-06-15', staleAfterMonths: 24 });
    assert.equal(lenient.criteria.find((c) => c.id === 'ic.L6.standards')!.stale, false);
    assert.equal(lenient.covered, 3);
    assert.equal(staleCutoff('2025-06-15', 12), '2024-06-15');
    // Exactly at the cutoff is not stale.
    const fs = new MemoryFileSystem({ 'career/a.md': note({ date: '2024-06-15', criteria: ['ic.L6.standards'] }) });
    const edge = computeEvidence(ladder, (await built(fs)).index, { track: 'ic', currentLevel: 'L5', today: '2025-06-15' });
    assert.equal(edge.criteria.find((c) => c.id === 'ic.L6.standards')!.stale, false);
  });

  test('a missing criterion has count 0, latest null and is not stale', async () => {
    const summary = computeEvidence(ladder, new NoteIndex(), { track: 'ic', currentLevel: 'L5', today: '2025-06-15' });
    assert.equal(summary.covered, 0);
    assert.deepEqual(summary.criteria[0], {
      id: 'ic.L6.cross-team-direction',
      title: 'Cross-team technical direction',
      area: 'influence',
      count: 0,
      latest: null,
      stale: false,
      notes: [],
      earlier: [],
    });
  });

  test('an explicit target level, a target on another track, and the top of a track', () => {
    assert.equal(resolveLevels(ladder, { track: 'ic', currentLevel: 'L4', targetLevel: 'L6' }).target.level.id, 'L6');
    const across = resolveLevels(ladder, { track: 'ic', currentLevel: 'L4', targetLevel: 'SEM' });
    assert.equal(across.target.level.id, 'SEM', 'a target on another track is kept (a change of track), not replaced by the next level');
    assert.equal(across.changeOfTrack, true);
    assert.equal(
      resolveLevels(ladder, { track: 'ic', currentLevel: 'L5', targetLevel: 'L4' }).target.level.id,
      'L6',
      'a target below the current level on its own track falls back to the next level',
    );
    const top = resolveLevels(ladder, { track: 'ic', currentLevel: 'L6' });
    assert.equal(top.target.level.id, 'L6');
  });

  test('the current level follows the track: L5 on the management track is EM', () => {
    const { current, target } = resolveLevels(ladder, { track: 'management', currentLevel: 'L5' });
    assert.equal(current.level.id, 'EM');
    assert.equal(target.level.id, 'SEM');
  });

  test('an unknown level or track falls back to the first of the track', () => {
    assert.equal(resolveLevels(ladder, { track: 'ic', currentLevel: 'nope' }).current.level.id, 'L4');
    assert.equal(resolveLevels(ladder, { track: 'nope', currentLevel: 'L5' }).current.track.id, 'ic');
  });

  test('gaps first: missing, then stale, then covered', async () => {
    const { index } = await built();
    const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: '2025-06-15' });
    assert.deepEqual(
      gapsFirst(summary).map((c) => c.id),
      ['ic.L6.standards', 'ic.L6.mentoring-seniors', 'ic.L6.cross-team-direction', 'ic.L6.design-docs'],
    );
  });
});
