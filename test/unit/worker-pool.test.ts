import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildIndex, FsNoteLoader } from '../../src/core/index/indexer';
import { NodeFileSystem } from '../../src/core/index/nodeFs';
import { NoteIndex } from '../../src/core/index/noteIndex';
import { WorkerPoolLoader } from '../../src/core/index/workerPool';
import { note } from './helpers/memfs';

// The worker as tsc compiled it (out/src/core/index/worker.js); the extension ships the bundled twin.
const WORKER = path.resolve(__dirname, '../../src/core/index/worker.js');

suite('worker pool loader', function () {
  this.timeout(30000);
  let dir: string;

  suiteSetup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-pool-'));
    for (let i = 0; i < 450; i++) {
      const folder = path.join(dir, 'career', 'brag', String(2020 + (i % 5)));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `n${i}.md`), note({ title: `Note ${i}`, date: `202${i % 5}-01-0${(i % 9) + 1}`, criteria: [`ic.L6.c${i % 7}`] }));
    }
    fs.writeFileSync(path.join(dir, 'career', 'broken.md'), '---\ntitle: [broken\n---\n');
    fs.writeFileSync(path.join(dir, 'career', 'binary.md'), Buffer.from([0x89, 0, 1, 2]));
  });

  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  function pool(workerScript = WORKER) {
    const nodeFs = new NodeFileSystem(dir);
    return { nodeFs, loader: new WorkerPoolLoader({ root: dir, workerScript, fallback: new FsNoteLoader(nodeFs), workers: 2, chunk: 100 }) };
  }

  test('builds the same index on threads as on the calling thread', async () => {
    const { nodeFs, loader } = pool();
    const threaded = new NoteIndex();
    const report = await buildIndex(threaded, nodeFs, loader, 'career');
    loader.dispose();
    const single = new NoteIndex();
    await buildIndex(single, nodeFs, new FsNoteLoader(nodeFs), 'career');
    assert.equal(report.files, 452);
    assert.equal(report.parsed, 451);
    assert.equal(threaded.size, 451);
    const byPath = (i: NoteIndex) => i.all().sort((a, b) => a.path.localeCompare(b.path));
    assert.deepEqual(byPath(threaded), byPath(single));
    assert.equal(threaded.skipped().get('career/binary.md')?.code, 'not-text');
    assert.ok(threaded.get('career/broken.md')!.problems.some((p) => p.code === 'yaml-syntax'));
  });

  test('a warm start re-reads only the notes whose size or mtime changed, and drops deleted ones', async () => {
    const { nodeFs, loader } = pool();
    const first = new NoteIndex();
    await buildIndex(first, nodeFs, loader, 'career');
    const cached = new Map(first.all().map((r) => [r.path, r]));
    fs.writeFileSync(path.join(dir, 'career/brag/2020/n0.md'), note({ title: 'Changed', date: '2020-01-01' }));
    fs.rmSync(path.join(dir, 'career/brag/2021/n1.md'));
    const warm = new NoteIndex();
    const report = await buildIndex(warm, nodeFs, loader, 'career', { cached });
    loader.dispose();
    assert.equal(report.parsed, 1);
    assert.equal(report.reused, 449);
    assert.equal(warm.get('career/brag/2020/n0.md')!.title, 'Changed');
    assert.equal(warm.get('career/brag/2021/n1.md'), undefined);
    assert.equal(warm.size, 450);
  });

  test('a warm start never files a cached record whose file changed, not even for one batch', async () => {
    const { nodeFs, loader } = pool();
    const first = new NoteIndex();
    await buildIndex(first, nodeFs, loader, 'career');
    const cached = new Map(first.all().map((r) => [r.path, r]));
    const target = 'career/brag/2022/n2.md';
    const stale = cached.get(target)!.title;
    // Same size, other content: only the mtime tells the cache is stale.
    const abs = path.join(dir, ...target.split('/'));
    const text = fs.readFileSync(abs, 'utf8');
    fs.writeFileSync(abs, text.replace(stale, stale.replace('Note', 'Edit')));
    fs.utimesSync(abs, new Date(), new Date(Date.now() + 5000));
    assert.equal(fs.statSync(abs).size, cached.get(target)!.size);
    const warm = new NoteIndex();
    const seen: string[] = [];
    warm.onDidChange((change) => {
      if (change.changed.includes(target)) seen.push(warm.get(target)!.title);
    });
    // As the extension passes it: a cache still being read when the walk starts.
    const report = await buildIndex(warm, nodeFs, loader, 'career', { cached: Promise.resolve(cached) });
    loader.dispose();
    assert.equal(report.parsed, 1);
    assert.deepEqual(seen, [warm.get(target)!.title]);
    assert.notEqual(seen[0], stale);
  });

  test("a note that cannot be stat'ed (a symbolic link to itself) is reported, and the warm start goes on", async () => {
    const loop = path.join(dir, 'career', 'loop.md');
    fs.symlinkSync('loop.md', loop);
    try {
      const { nodeFs, loader } = pool();
      const first = new NoteIndex();
      await buildIndex(first, nodeFs, loader, 'career');
      const cached = new Map(first.all().map((r) => [r.path, r]));
      const warm = new NoteIndex();
      const report = await buildIndex(warm, nodeFs, loader, 'career', { cached });
      loader.dispose();
      assert.equal(warm.size, first.size);
      assert.equal(report.reused, first.size);
      assert.match(warm.skipped().get('career/loop.md')?.message ?? '', /could not be read/);
    } finally {
      fs.rmSync(loop);
    }
  });

  test('a re-index of a filled index re-reads only what changed and files new notes', async () => {
    const { nodeFs, loader } = pool();
    const index = new NoteIndex();
    await buildIndex(index, nodeFs, loader, 'career');
    const before = index.size;
    const changedPath = path.join(dir, 'career/brag/2023/n3.md');
    const original = fs.readFileSync(changedPath, 'utf8');
    const added = path.join(dir, 'career', 'added.md');
    fs.writeFileSync(changedPath, note({ title: 'Rewritten', date: '2023-01-04' }));
    fs.writeFileSync(added, note({ title: 'Added', date: '2023-02-01' }));
    try {
      const report = await buildIndex(index, nodeFs, loader, 'career');
      loader.dispose();
      assert.equal(report.parsed, 2);
      assert.equal(index.get('career/brag/2023/n3.md')!.title, 'Rewritten');
      assert.equal(index.get('career/added.md')!.title, 'Added');
      assert.equal(index.size, before + 1);
    } finally {
      fs.writeFileSync(changedPath, original);
      fs.rmSync(added);
    }
  });

  for (const mode of ['crash', 'hang'] as const) {
    test(`a note that makes a worker ${mode} is reported unreadable and never parsed on the calling thread`, async () => {
      // A stand-in for a parse that exhausts memory or never ends: the real worker, except on "poison".
      const script = path.join(dir, `poison-${mode}.js`);
      fs.writeFileSync(
        script,
        `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => {
  if (req.paths.some((p) => p.includes('poison'))) { ${mode === 'hang' ? 'for (;;) {}' : 'process.exit(7);'} }
});
require(${JSON.stringify(WORKER)});
`,
      );
      const poison = path.join(dir, 'career', 'brag', 'poison.md');
      fs.writeFileSync(poison, note({ title: 'Poison', date: '2025-01-01' }));
      try {
        const nodeFs = new NodeFileSystem(dir);
        const onHost: string[] = [];
        const inner = new FsNoteLoader(nodeFs);
        const fallback = {
          load: (paths: readonly string[], ...rest: Parameters<FsNoteLoader['load']> extends [unknown, ...infer R] ? R : never) => (
            onHost.push(...paths),
            inner.load(paths, ...rest)
          ),
        };
        const errors: unknown[] = [];
        const loader = new WorkerPoolLoader({
          root: dir,
          workerScript: script,
          fallback,
          workers: 2,
          chunk: 100,
          stallMs: 2000,
          onError: (e) => errors.push(e),
        });
        const index = new NoteIndex();
        await buildIndex(index, nodeFs, loader, 'career');
        loader.dispose();
        assert.equal(index.get('career/brag/poison.md'), undefined);
        const skipped = index.skipped().get('career/brag/poison.md');
        assert.equal(skipped?.code, 'read-failed');
        assert.match(skipped!.message, /stopped the index worker/);
        const single = new NoteIndex();
        await buildIndex(single, nodeFs, new FsNoteLoader(nodeFs), 'career');
        assert.equal(index.size, single.size - 1, 'every other note is indexed');
        assert.deepEqual(
          onHost.filter((p) => p.includes('poison')),
          [],
        );
        assert.ok(errors.length > 0);
      } finally {
        fs.rmSync(poison);
      }
    });
  }

  test('when the threads cannot run, the calling thread does the work', async () => {
    const broken = path.join(dir, 'not-a-worker.js');
    fs.writeFileSync(broken, 'throw new Error("boom")');
    const { nodeFs, loader } = pool(broken);
    const index = new NoteIndex();
    await buildIndex(index, nodeFs, loader, 'career');
    loader.dispose();
    assert.equal(index.size, 450);
  });
});
