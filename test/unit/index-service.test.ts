import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FsNoteLoader } from '../../src/core/index/indexer';
import { NodeFileSystem } from '../../src/core/index/nodeFs';
import { IndexService, type IndexTarget } from '../../src/core/index/service';
import { WorkerPoolLoader } from '../../src/core/index/workerPool';
import { FakeClock, FakeEvents, Gate, MemoryCache, MemoryLog, ScriptedLoader } from './helpers/fakes';
import { MemoryFileSystem, note } from './helpers/memfs';

function notes(folder: string, count: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) out[`${folder}/n${i}.md`] = note({ title: `${folder} ${i}`, date: '2025-01-01' });
  return out;
}

function setup(files: Record<string, string>, options: { folder?: string; cache?: MemoryCache } = {}) {
  const memfs = new MemoryFileSystem(files);
  const clock = new FakeClock();
  const log = new MemoryLog();
  const events = new FakeEvents();
  const service = new IndexService({ log, clock });
  const target = (folder = options.folder ?? 'career', loader = new ScriptedLoader(memfs)): IndexTarget & { loader: ScriptedLoader } => ({
    fs: memfs,
    loader,
    folder,
    cacheKey: `mem#${folder}`,
    events,
    ...(options.cache ? { cache: options.cache } : {}),
  });
  return { memfs, clock, log, events, service, target };
}

const titles = (service: IndexService) =>
  service.index
    .all()
    .map((r) => r.title)
    .sort();

suite('index service: life cycle', () => {
  test('builds the notes folder, then applies a burst of file events as one batch once they are quiet', async () => {
    const { memfs, clock, events, service, target } = setup(notes('career', 3));
    const t = target();
    await service.setTarget(t);
    assert.equal(service.index.size, 3);
    const loadsBefore = t.loader.calls.length;
    memfs.write('career/n0.md', note({ title: 'changed 0' }));
    memfs.write('career/new.md', note({ title: 'new' }));
    events.fire('career', { kind: 'file', path: 'career/n0.md' });
    clock.advance(100);
    events.fire('career', { kind: 'file', path: 'career/new.md' });
    clock.advance(100);
    assert.equal(t.loader.calls.length, loadsBefore, 'nothing is read while events keep coming');
    clock.advance(50);
    await service.flush();
    assert.deepEqual(t.loader.calls.slice(loadsBefore), [['career/n0.md', 'career/new.md']]);
    assert.deepEqual(titles(service), ['career 1', 'career 2', 'changed 0', 'new']);
    service.dispose();
  });

  test('a folder event rescans: notes of a deleted subfolder go', async () => {
    const { memfs, events, service, target } = setup({ ...notes('career/a', 2), ...notes('career/b', 2) });
    await service.setTarget(target());
    memfs.remove('career/a/n0.md');
    memfs.remove('career/a/n1.md');
    events.fire('career', { kind: 'rescan' });
    await service.flush();
    assert.deepEqual(titles(service), ['career/b 0', 'career/b 1']);
    service.dispose();
  });

  test('the cache is saved once the index is quiet, and a later start reuses it without reading', async () => {
    const cache = new MemoryCache();
    const first = setup(notes('career', 4), { cache });
    await first.service.setTarget(first.target());
    assert.equal(cache.writes, 0);
    first.clock.advance(3000);
    await first.service.flush();
    assert.equal(cache.writes, 1);
    first.service.dispose();

    const second = new IndexService({ log: new MemoryLog(), clock: new FakeClock() });
    const loader = new ScriptedLoader(first.memfs);
    loader.canProbe = true;
    await second.setTarget({ ...first.target('career', loader), cache });
    assert.equal(second.index.size, 4);
    assert.deepEqual(loader.calls, [], 'every note came from the cache');
    second.dispose();
  });

  test('a rebuild asked for while one runs is a new build: it sees what changed after the running one walked', async () => {
    const { memfs, service, target } = setup(notes('career', 3));
    const t = target();
    const hold = t.loader.holdAfter(1);
    const ready = service.setTarget(t);
    await hold.reached.opened;
    memfs.write('career/late.md', note({ title: 'late' }));
    const again = service.rebuild();
    const shared = service.rebuild();
    hold.gate.open();
    await ready;
    await again;
    assert.equal(service.index.get('career/late.md')?.title, 'late');
    await shared;
    service.dispose();
  });

  test('a cache save asked for during a build waits for it: a half-built index is never saved', async () => {
    const cache = new MemoryCache();
    const { service, target } = setup(notes('career', 4), { cache });
    const t = target();
    const hold = t.loader.holdAfter(1);
    const ready = service.setTarget(t);
    await hold.reached.opened;
    const saved = service.saveCache();
    await Promise.resolve();
    assert.equal(cache.writes, 0);
    hold.gate.open();
    await ready;
    await saved;
    assert.equal(cache.writes, 1);
    assert.equal((JSON.parse(cache.text!) as { notes: unknown[] }).notes.length, 4);
    service.dispose();
  });

  test('disposing saves a cache save still waiting for quiet; a switched-away folder is never saved', async () => {
    const cache = new MemoryCache();
    const { memfs, service, target } = setup({ ...notes('career', 2), ...notes('journal', 1) }, { cache });
    await service.setTarget(target('career'));
    const other = new MemoryCache();
    await service.setTarget({ ...target('journal'), cache: other });
    assert.equal(cache.writes, 0, 'the old folder\u2019s save was dropped with its generation');
    memfs.write('journal/n1.md', note({ title: 'more' }));
    await service.filesChanged(['journal/n1.md']);
    service.dispose();
    await Promise.resolve();
    assert.equal(other.writes, 1);
    assert.equal((JSON.parse(other.text!) as { key: string }).key, 'mem#journal');
  });
});

suite('index service: races', () => {
  test('notesFolder changed mid-build: none of the old folder\u2019s notes remain, and its loader is let go', async () => {
    const { service, target } = setup({ ...notes('career', 10), ...notes('journal', 3) });
    const old = target('career');
    old.loader.ignoreCancel = true; // like a worker that finishes the chunk it was given
    const hold = old.loader.holdAfter(2);
    void service.setTarget(old);
    await hold.reached.opened;
    assert.ok(service.index.size > 0, 'the old build had filed notes');
    const ready = service.setTarget(target('journal'));
    assert.equal(service.index.size, 0, 'emptied at once');
    const filed: string[] = [];
    const listener = service.index.onDidChange((c) => filed.push(...c.changed));
    hold.gate.open();
    await ready;
    listener.dispose();
    assert.deepEqual(titles(service), ['journal 0', 'journal 1', 'journal 2']);
    assert.deepEqual(
      filed.filter((p) => !p.startsWith('journal/')),
      [],
      'no batch of the old build was filed after the switch (the views never show them again)',
    );
    assert.equal(old.loader.delivered, 10, 'the old loader did deliver the rest of its notes');
    assert.ok(old.loader.disposed);
    service.dispose();
  });

  test('file events of the old folder after a switch are ignored', async () => {
    const { memfs, events, service, target } = setup({ ...notes('career', 2), ...notes('journal', 1) });
    await service.setTarget(target('career'));
    await service.setTarget(target('journal'));
    memfs.write('career/n9.md', note({ title: 'old folder' }));
    events.fire('career', { kind: 'file', path: 'career/n9.md' });
    await service.flush();
    assert.deepEqual(titles(service), ['journal 0']);
    assert.deepEqual(events.watched, ['journal']);
    service.dispose();
  });

  test('events during a warm start are applied after it: a changed, a deleted and a new note', async () => {
    const cache = new MemoryCache();
    const first = setup(notes('career', 3), { cache });
    await first.service.setTarget(first.target());
    await first.service.saveCache();
    first.service.dispose();

    const { memfs, events } = first;
    const service = new IndexService({ log: new MemoryLog(), clock: new FakeClock() });
    const loader = new ScriptedLoader(memfs);
    loader.canProbe = true;
    loader.probeGate = { gate: new Gate(), reached: new Gate() };
    const probe = loader.probeGate;
    const ready = service.setTarget({ ...first.target('career', loader), cache });
    await probe.reached.opened;
    // The probe has stat'ed every note: what happens now is only known from events.
    memfs.write('career/n0.md', note({ title: 'changed' }));
    memfs.remove('career/n1.md');
    memfs.write('career/new.md', note({ title: 'new' }));
    for (const p of ['career/n0.md', 'career/n1.md', 'career/new.md']) events.fire('career', { kind: 'file', path: p });
    const fresh = service.flush();
    probe.gate.open();
    await ready;
    await fresh;
    assert.deepEqual(titles(service), ['career 2', 'changed', 'new']);
    service.dispose();
  });

  test('two waiters on one batch: both return only after its events are applied', async () => {
    const { memfs, events, service, target } = setup(notes('career', 1));
    const t = target();
    await service.setTarget(t);
    // A first batch is being applied (held in the loader) when the next events arrive.
    memfs.write('career/a.md', note({ title: 'A' }));
    events.fire('career', { kind: 'file', path: 'career/a.md' });
    const hold = t.loader.holdAfter(t.loader.delivered + 1);
    const first = service.flush();
    await hold.reached.opened;
    memfs.write('career/b.md', note({ title: 'B' }));
    events.fire('career', { kind: 'file', path: 'career/b.md' });
    const seen: Array<string | undefined> = [];
    const second = service.flush().then(() => seen.push(service.index.get('career/b.md')?.title));
    const third = service.flush().then(() => seen.push(service.index.get('career/b.md')?.title));
    hold.gate.open();
    await Promise.all([first, second, third]);
    assert.deepEqual(seen, ['B', 'B']);
    assert.equal(t.loader.calls.filter((c) => c.includes('career/b.md')).length, 1, 'one batch for both waiters');
    service.dispose();
  });

  test('ensureFresh waits for the first build and for events still in their delay', async () => {
    const { memfs, events, service, target } = setup(notes('career', 2));
    const t = target();
    const hold = t.loader.holdAfter(1);
    void service.setTarget(t);
    await hold.reached.opened;
    memfs.write('career/x.md', note({ title: 'X' }));
    events.fire('career', { kind: 'file', path: 'career/x.md' });
    const fresh = service.ensureFresh();
    hold.gate.open();
    await fresh;
    assert.deepEqual(titles(service), ['X', 'career 0', 'career 1']);
    service.dispose();
  });

  test('a loader that crashes mid-build: the failure is logged, and the next jobs still run', async () => {
    const { memfs, events, log, service, target } = setup(notes('career', 5));
    const t = target();
    t.loader.failAfter = 2;
    await service.setTarget(t);
    assert.ok(
      log.lines.some((l) => l.startsWith('error Indexing failed:') && l.includes('exited with code 7')),
      log.lines.join('\n'),
    );
    assert.ok(service.index.size < 5);
    memfs.write('career/after.md', note({ title: 'after' }));
    events.fire('career', { kind: 'file', path: 'career/after.md' });
    await service.ensureFresh();
    assert.equal(service.index.size, 6, 'the re-check after the crash filed every note');
    service.dispose();
  });
});

suite('index service: change events', () => {
  test('a build files notes one by one, but listeners hear of it once when it ends, before its waiters resume', async () => {
    const { service, target } = setup(notes('career', 5));
    const heard: number[] = [];
    service.onDidChange(() => heard.push(service.index.size));
    await service.setTarget(target());
    assert.deepEqual(heard, [5]);
    service.dispose();
  });

  test('while a long build runs, listeners hear at most once per throttle period, with what is known so far', async () => {
    const { clock, service, target } = setup(notes('career', 5));
    const heard: number[] = [];
    service.onDidChange(() => heard.push(service.index.size));
    const t = target();
    const hold = t.loader.holdAfter(2);
    const ready = service.setTarget(t);
    await hold.reached.opened;
    assert.deepEqual(heard, [], 'nothing told before the throttle period is over');
    clock.advance(249);
    assert.deepEqual(heard, []);
    clock.advance(1);
    assert.deepEqual(heard, [2], 'the views show the notes filed so far');
    clock.advance(1000);
    assert.deepEqual(heard, [2], 'no news, no event');
    hold.gate.open();
    await ready;
    assert.deepEqual(heard, [2, 5]);
    service.dispose();
  });

  test('a batch of file events is told once, before flush() resolves', async () => {
    const { memfs, events, service, target } = setup(notes('career', 2));
    await service.setTarget(target());
    const heard: string[][] = [];
    service.onDidChange(() => heard.push(titles(service)));
    memfs.write('career/a.md', note({ title: 'A' }));
    memfs.write('career/b.md', note({ title: 'B' }));
    memfs.remove('career/n0.md');
    for (const p of ['career/a.md', 'career/b.md', 'career/n0.md']) events.fire('career', { kind: 'file', path: p });
    await service.flush();
    assert.deepEqual(heard, [['A', 'B', 'career 1']]);
    service.dispose();
  });

  test('switching folders tells listeners at once that the index is empty, while the old build still reads', async () => {
    const { service, target } = setup({ ...notes('career', 3), ...notes('other', 1) });
    const old = target('career');
    const hold = old.loader.holdAfter(2);
    void service.setTarget(old);
    await hold.reached.opened;
    const heard: number[] = [];
    service.onDidChange(() => heard.push(service.index.size));
    const switched = service.setTarget(target('other'));
    assert.deepEqual(heard, [0]);
    hold.gate.open();
    await switched;
    assert.deepEqual(heard, [0, 1]);
    service.dispose();
  });

  test('progress is told at most every 100 ms while a build files notes, and always at its start and end', async () => {
    const memfs = new MemoryFileSystem(notes('career', 6));
    const clock = new FakeClock();
    const progress: Array<[number, number]> = [];
    const service = new IndexService({ log: new MemoryLog(), clock, status: { progress: (done, total) => progress.push([done, total]) } });
    const loader = new ScriptedLoader(memfs);
    const hold = loader.holdAfter(3);
    const ready = service.setTarget({ fs: memfs, loader, folder: 'career', cacheKey: 'k' });
    await hold.reached.opened;
    clock.advance(100);
    hold.gate.open();
    await ready;
    // Notes are filed one by one: the first after the 100 ms is told, the rest only at the end.
    assert.deepEqual(progress, [
      [0, 6],
      [4, 6],
      [6, 6],
    ]);
    service.dispose();
  });

  test('a failing listener is logged and the others still hear, and the build is not failed', async () => {
    const { log, service, target } = setup(notes('career', 2));
    let heard = 0;
    service.onDidChange(() => {
      throw new Error('boom');
    });
    service.onDidChange(() => heard++);
    await service.setTarget(target());
    assert.equal(heard, 1);
    assert.equal(service.index.size, 2);
    assert.ok(log.lines.some((l) => l.startsWith('error A listener of the index failed:') && l.includes('boom')));
    assert.ok(!log.lines.some((l) => l.startsWith('error Indexing failed')));
    service.dispose();
  });
});

suite('index service: cold and warm starts', () => {
  test('a start with a cache store but no cache yet is cold: no note is stat\u2019ed before being read', async () => {
    const cache = new MemoryCache();
    const { service, target } = setup(notes('career', 4), { cache });
    const t = target();
    t.loader.canProbe = true;
    await service.setTarget(t);
    assert.equal(service.index.size, 4);
    assert.equal(t.loader.probes, 0);
    assert.deepEqual(t.loader.calls, [['career/n0.md', 'career/n1.md', 'career/n2.md', 'career/n3.md']]);
    service.dispose();
  });

  test('a corrupt cache is discarded with a line in the log, and the start is cold', async () => {
    const cache = new MemoryCache();
    cache.text = '{"version": 6, "key": "mem#career", "notes": [[';
    const { log, service, target } = setup(notes('career', 2), { cache });
    const t = target();
    t.loader.canProbe = true;
    await service.setTarget(t);
    assert.equal(service.index.size, 2);
    assert.equal(t.loader.probes, 0);
    assert.ok(log.lines.some((l) => l.startsWith('info Index cache discarded: the index cache is not valid JSON')));
    service.dispose();
  });
});

suite('index service: a real worker crash mid-build', function () {
  this.timeout(30000);
  const WORKER = path.resolve(__dirname, '../../src/core/index/worker.js');
  let dir: string;

  suiteSetup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-service-'));
    fs.mkdirSync(path.join(dir, 'career'), { recursive: true });
    for (let i = 0; i < 300; i++)
      fs.writeFileSync(path.join(dir, 'career', `n${String(i).padStart(3, '0')}.md`), note({ title: `Note ${i}`, date: '2025-01-01' }));
    fs.writeFileSync(path.join(dir, 'career', 'n150-poison.md'), note({ title: 'Poison' }));
  });

  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the note that kills its worker is reported, every other note is indexed, and events are applied after', async () => {
    const script = path.join(dir, 'poison-crash.js');
    fs.writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => { if (req.paths.some((p) => p.includes('poison'))) process.exit(7); });
require(${JSON.stringify(WORKER)});
`,
    );
    const nodeFs = new NodeFileSystem(dir);
    const loader = new WorkerPoolLoader({
      root: dir,
      workerScript: script,
      fallback: new FsNoteLoader(nodeFs),
      workers: 2,
      chunk: 50,
      onError: () => undefined,
    });
    const events = new FakeEvents();
    const service = new IndexService({ log: new MemoryLog() });
    await service.setTarget({ fs: nodeFs, loader, folder: 'career', cacheKey: 'x', events });
    assert.equal(service.index.size, 300);
    assert.equal(service.index.skipped().get('career/n150-poison.md')?.code, 'read-failed');
    fs.writeFileSync(path.join(dir, 'career', 'n000.md'), note({ title: 'Rewritten' }));
    events.fire('career', { kind: 'file', path: 'career/n000.md' });
    await service.flush();
    assert.equal(service.index.get('career/n000.md')?.title, 'Rewritten');
    service.dispose();
  });
});
