import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildIndex, FsNoteLoader } from '../../src/core/index/indexer';
import { NodeFileSystem } from '../../src/core/index/nodeFs';
import { NoteIndex } from '../../src/core/index/noteIndex';
import { WorkerPoolLoader } from '../../src/core/index/workerPool';
import { CACHE_VERSION } from '../../src/core/index/cache';
import { IndexService, type CacheStore } from '../../src/core/index/service';
import { MemoryLog } from './helpers/fakes';
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

/** The index cache in a file, as the extension keeps it in its workspace storage (counts the reads done on the calling thread). */
class FileCache implements CacheStore {
  hostReads = 0;
  constructor(readonly file: string) {}
  async read(): Promise<string | undefined> {
    this.hostReads++;
    return fs.existsSync(this.file) ? fs.readFileSync(this.file, 'utf8') : undefined;
  }
  async write(text: string): Promise<void> {
    fs.writeFileSync(this.file, text);
  }
}

suite('warm start: the cache read and checked on an index thread', function () {
  this.timeout(30000);
  let dir: string;
  let cacheFile: string;

  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-cache-'));
    for (let i = 0; i < 300; i++) {
      const folder = path.join(dir, 'career', String(i % 3));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `n${i}.md`), note({ title: `Note ${i}`, date: '2025-01-01', criteria: [`ic.L5.c${i % 4}`] }));
    }
    cacheFile = path.join(dir, 'storage', 'index-cache.json');
    fs.mkdirSync(path.dirname(cacheFile));
  });

  teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  function start(cache: CacheStore, log = new MemoryLog(), workerScript = WORKER) {
    const nodeFs = new NodeFileSystem(dir);
    const loader = new WorkerPoolLoader({ root: dir, workerScript, fallback: new FsNoteLoader(nodeFs), workers: 2, chunk: 100, onError: () => undefined });
    const service = new IndexService({ log });
    const ready = service.setTarget({ fs: nodeFs, loader, folder: 'career', cacheKey: `${dir}#career`, cache });
    return { service, ready, log, loader };
  }

  async function saved(): Promise<FileCache> {
    const cache = new FileCache(cacheFile);
    const first = start(cache);
    await first.ready;
    await first.service.saveCache();
    first.service.dispose();
    return new FileCache(cacheFile);
  }

  const sorted = (service: IndexService) => service.index.all().sort((a, b) => a.path.localeCompare(b.path));

  test('the host never reads the cache; only notes that changed (same size, new mtime) or are new are read', async () => {
    const cache = await saved();
    const reference = start(new FileCache(path.join(dir, 'storage', 'none.json')));
    await reference.ready;
    const changed = path.join(dir, 'career', '0', 'n0.md');
    const text = fs.readFileSync(changed, 'utf8');
    fs.writeFileSync(changed, text.replace('Note 0', 'Edit 0'));
    fs.utimesSync(changed, new Date(), new Date(Date.now() + 5000));
    fs.rmSync(path.join(dir, 'career', '1', 'n1.md'));
    fs.writeFileSync(path.join(dir, 'career', '2', 'new.md'), note({ title: 'New', date: '2025-02-02' }));
    const warm = start(cache);
    await warm.ready;
    assert.equal(cache.hostReads, 0, 'the cache text never reached the calling thread');
    assert.ok(
      warm.log.lines.some((l) => l === 'info ' + l.slice(5) && /Indexed 300 notes in \d+ ms \(298 from cache, 2 read, 0 skipped\)/.test(l)),
      warm.log.lines.join('\n'),
    );
    assert.equal(warm.service.index.get('career/0/n0.md')?.title, 'Edit 0');
    assert.equal(warm.service.index.get('career/1/n1.md'), undefined);
    assert.equal(warm.service.index.get('career/2/new.md')?.title, 'New');
    // Everything else is what a cold build reads.
    const cold = start(new FileCache(path.join(dir, 'storage', 'none.json')));
    await cold.ready;
    assert.deepEqual(sorted(warm.service), sorted(cold.service));
    for (const s of [reference, warm, cold]) s.service.dispose();
  });

  test('a cached record for a file that is not in the folder (deleted, or a path outside it) is never filed', async () => {
    await saved();
    const file = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { notes: unknown[][] };
    const ghost = [...file.notes[0]!];
    ghost[0] = 'career/ghost.md';
    const outside = [...file.notes[0]!];
    outside[0] = '../outside.md';
    fs.writeFileSync(path.join(dir, 'outside.md'), 'not a note');
    file.notes.push(ghost, outside);
    fs.writeFileSync(cacheFile, JSON.stringify(file));
    const warm = start(new FileCache(cacheFile));
    await warm.ready;
    assert.equal(warm.service.index.size, 300);
    assert.equal(warm.service.index.get('career/ghost.md'), undefined);
    assert.equal(warm.service.index.get('../outside.md'), undefined);
    warm.service.dispose();
  });

  for (const [what, text, reason] of [
    ['corrupt JSON', '{"version": 5, "notes": [[', /not valid JSON/],
    ['an old version', JSON.stringify({ version: 1, key: 'x', notes: [] }), /version 1, expected/],
    ['a malformed record', JSON.stringify({ version: CACHE_VERSION, key: 'KEY', notes: [['career/0/n0.md', 'not a number']] }), /malformed record/],
    ['another folder', JSON.stringify({ version: CACHE_VERSION, key: 'elsewhere#career', notes: [] }), /another folder/],
    ['binary bytes', '\u0000\u0001\u00ff', /not valid JSON/],
  ] as const) {
    test(`a cache of ${what} is discarded with a line in the log, and the start is cold`, async () => {
      fs.writeFileSync(cacheFile, text.replace('KEY', `${dir}#career`));
      const cache = new FileCache(cacheFile);
      const warm = start(cache);
      await warm.ready;
      assert.equal(warm.service.index.size, 300);
      assert.ok(
        warm.log.lines.some((l) => l.startsWith('info Index cache discarded:') && reason.test(l)),
        warm.log.lines.join('\n'),
      );
      assert.ok(warm.log.lines.some((l) => /\(0 from cache, 300 read, 0 skipped\)/.test(l)));
      assert.equal(cache.hostReads, 0);
      warm.service.dispose();
    });
  }

  test('no cache file yet: a cold start, and nothing is logged about a cache', async () => {
    const warm = start(new FileCache(cacheFile));
    await warm.ready;
    assert.equal(warm.service.index.size, 300);
    assert.ok(!warm.log.lines.some((l) => l.includes('Index cache')), warm.log.lines.join('\n'));
    warm.service.dispose();
  });

  test('a cache that kills its index thread is no cache: the start is cold and every note is read', async () => {
    await saved();
    const script = path.join(dir, 'cache-crash.js');
    fs.writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => { if (req.kind === 'cache-open') process.exit(9); });
require(${JSON.stringify(WORKER)});
`,
    );
    const warm = start(new FileCache(cacheFile), new MemoryLog(), script);
    await warm.ready;
    assert.equal(warm.service.index.size, 300);
    assert.ok(
      warm.log.lines.some((l) => /Index cache discarded: the index cache stopped the index worker \(index worker exited with code 9\)/.test(l)),
      warm.log.lines.join('\n'),
    );
    warm.service.dispose();
  });

  test('when the threads cannot run, the calling thread reads and checks the cache as before', async () => {
    const cache = await saved();
    const broken = path.join(dir, 'not-a-worker.js');
    fs.writeFileSync(broken, 'throw new Error("boom")');
    const warm = start(cache, new MemoryLog(), broken);
    await warm.ready;
    assert.equal(warm.service.index.size, 300);
    assert.equal(cache.hostReads, 1);
    assert.ok(
      warm.log.lines.some((l) => /\(300 from cache, 0 read, 0 skipped\)/.test(l)),
      warm.log.lines.join('\n'),
    );
    warm.service.dispose();
  });
});
