import * as assert from 'node:assert/strict';
import { loadLadder } from '../../src/core/ladder/load';
import { MultiRootIndex, resolveAcrossRoots, rootPrefixes, splitWindowPath, type RootLocation, type RootSpec } from '../../src/core/index/roots';
import type { IndexStatus } from '../../src/core/index/service';
import { FakeClock, FakeEvents, MemoryCache, MemoryLog, ScriptedLoader } from './helpers/fakes';
import { MemoryFileSystem, note } from './helpers/memfs';

/** A workspace folder of the fake window: its own file system, events and cache. */
function folder(key: string, files: Record<string, string>) {
  const fs = new MemoryFileSystem(files);
  const events = new FakeEvents();
  const cache = new MemoryCache();
  const loaders: ScriptedLoader[] = [];
  const spec = (prefix: string, notesFolder = 'career'): RootSpec => ({
    key,
    prefix,
    notesFolder,
    target: () => {
      const loader = new ScriptedLoader(fs);
      loaders.push(loader);
      return { fs, loader, folder: notesFolder, cacheKey: `${key}#${notesFolder}`, events, cache };
    },
  });
  return { fs, events, cache, loaders, spec };
}

function setup(status?: IndexStatus) {
  const clock = new FakeClock();
  const log = new MemoryLog();
  const roots = new MultiRootIndex({ log, clock, ...(status ? { status } : {}) });
  return { clock, log, roots };
}

const paths = (roots: MultiRootIndex) => roots.index.paths().sort();

suite('multi-root: window paths', () => {
  test('a single folder has no prefix; several are named by their folder, made safe and unique', () => {
    assert.deepEqual(rootPrefixes(['app']), ['']);
    assert.deepEqual(rootPrefixes(['app', 'lib']), ['app', 'lib']);
    assert.deepEqual(rootPrefixes(['app', 'app', 'app']), ['app', 'app (2)', 'app (3)']);
    assert.deepEqual(rootPrefixes(['a/b', '..', '  ']), ['a-b', 'folder', 'folder (2)']);
  });

  test('a window path splits into its folder and the rest; an unknown first segment is in no folder', () => {
    const roots = [{ prefix: 'alpha' }, { prefix: 'beta' }];
    assert.deepEqual(splitWindowPath(roots, 'beta/career/x.md'), { root: roots[1], rest: 'career/x.md' });
    assert.deepEqual(splitWindowPath(roots, 'alpha'), { root: roots[0], rest: '' });
    assert.equal(splitWindowPath(roots, 'gamma/career/x.md'), undefined);
    const single = [{ prefix: '' }];
    assert.deepEqual(splitWindowPath(single, 'career/x.md'), { root: single[0], rest: 'career/x.md' });
  });

  test('a relative path resolves on disk: into a sibling folder of the window, never outside every folder', () => {
    const locations: RootLocation[] = [
      { prefix: 'alpha', origin: 'file://', path: '/work/alpha' },
      { prefix: 'beta', origin: 'file://', path: '/work/beta' },
      { prefix: 'remote', origin: 'vscode-remote://box', path: '/work/gamma' },
    ];
    assert.equal(resolveAcrossRoots(locations, 'alpha/.career/ladder.yaml', '../../beta/.career/base.yaml'), 'beta/.career/base.yaml');
    assert.equal(resolveAcrossRoots(locations, 'alpha/.career/ladder.yaml', 'base.yaml'), 'alpha/.career/base.yaml');
    assert.equal(resolveAcrossRoots(locations, 'alpha', '.career/ladder.yaml'), 'alpha/.career/ladder.yaml');
    assert.equal(resolveAcrossRoots(locations, 'alpha/.career/ladder.yaml', '../../other/base.yaml'), undefined, 'a folder not in the window');
    assert.equal(resolveAcrossRoots(locations, 'alpha/.career/ladder.yaml', '../../gamma/base.yaml'), undefined, 'same path, another machine');
    assert.equal(resolveAcrossRoots(locations, 'alpha/.career/ladder.yaml', '/work/beta/base.yaml'), undefined, 'absolute');
    assert.equal(resolveAcrossRoots(locations, 'alpha/.career/ladder.yaml', '../../../../../etc/passwd'), undefined);
  });

  test('nested folders: a path resolves into the innermost folder that holds it', () => {
    const locations: RootLocation[] = [
      { prefix: 'outer', origin: 'file://', path: '/w' },
      { prefix: 'inner', origin: 'file://', path: '/w/inner' },
    ];
    assert.equal(resolveAcrossRoots(locations, 'outer/ladder.yaml', 'inner/base.yaml'), 'inner/base.yaml');
  });

  test('a ladder extends a file of another folder; a file outside every folder says to add that folder or copy the file', async () => {
    const locations: RootLocation[] = [
      { prefix: 'alpha', origin: 'file://', path: '/work/alpha' },
      { prefix: 'beta', origin: 'file://', path: '/work/beta' },
    ];
    const files: Record<string, string> = {
      'alpha/.career/ladder.yaml': 'extends: ../../beta/.career/base.yaml\nname: Team ladder\n',
      'beta/.career/base.yaml': 'extends: builtin\nname: Handbook\n',
      'alpha/.career/outside.yaml': 'extends: ../../handbook/ladder.yaml\n',
    };
    const read = async (p: string) => files[p];
    const resolve = (from: string, target: string) => resolveAcrossRoots(locations, from, target);
    const ok = await loadLadder('alpha/.career/ladder.yaml', read, { resolve });
    assert.deepEqual(
      ok.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(ok.source, 'alpha/.career/ladder.yaml');
    assert.deepEqual(ok.files.sort(), ['alpha/.career/ladder.yaml', 'beta/.career/base.yaml']);
    assert.equal(ok.ladder.name, 'Team ladder');

    const outside = await loadLadder('alpha/.career/outside.yaml', read, { resolve });
    assert.equal(outside.source, 'builtin');
    const problem = outside.problems.find((p) => p.code === 'ladder-extends');
    assert.ok(problem, 'the outside path is reported');
    assert.equal(problem.file, 'alpha/.career/outside.yaml');
    assert.match(problem.message, /outside every folder of this workspace/);
    assert.match(problem.message, /Add the folder that holds it to the workspace/);
    assert.match(problem.message, /copy its ladder file/);
  });
});

suite('multi-root: the index of every folder', () => {
  test('one folder: its service files straight into the window index, with the paths as they always were', async () => {
    const { roots } = setup();
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A' }) });
    await roots.sync([a.spec('')]);
    assert.deepEqual(paths(roots), ['career/a.md']);
    assert.equal(roots.serviceOf('file:///alpha')!.index, roots.index, 'no second index, nothing copied');
    roots.dispose();
  });

  test('two folders: both are indexed, under their names, and skipped files carry the name too', async () => {
    const { roots } = setup();
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A', criteria: ['ic-l5-scope'] }) });
    const b = folder('file:///beta', { 'career/b.md': note({ title: 'B', criteria: ['ic-l5-scope'] }), 'career/bin.md': '\u0000binary' });
    await roots.sync([a.spec('alpha'), b.spec('beta')]);
    assert.deepEqual(paths(roots), ['alpha/career/a.md', 'beta/career/b.md']);
    assert.equal(roots.index.get('beta/career/b.md')?.title, 'B');
    assert.deepEqual(
      roots.index
        .byCriterion('ic-l5-scope')
        .map((n) => n.path)
        .sort(),
      ['alpha/career/a.md', 'beta/career/b.md'],
    );
    assert.deepEqual([...roots.index.skipped().keys()], ['beta/career/bin.md']);
    assert.equal(roots.index.skipped().get('beta/career/bin.md')?.file, 'beta/career/bin.md');
    roots.dispose();
  });

  test('file events of one folder reach the window index under its name; created files are routed by their name', async () => {
    const { clock, roots } = setup();
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A' }) });
    const b = folder('file:///beta', { 'career/b.md': note({ title: 'B' }) });
    await roots.sync([a.spec('alpha'), b.spec('beta')]);
    b.fs.write('career/b.md', note({ title: 'B changed' }));
    b.events.fire('career', { kind: 'file', path: 'career/b.md' });
    clock.advance(200);
    await roots.flush();
    assert.equal(roots.index.get('beta/career/b.md')?.title, 'B changed');
    a.fs.write('career/new.md', note({ title: 'new' }));
    await roots.filesChanged(['alpha/career/new.md', 'gamma/career/x.md']);
    assert.equal(roots.index.get('alpha/career/new.md')?.title, 'new');
    a.fs.remove('career/a.md');
    a.events.fire('career', { kind: 'file', path: 'career/a.md' });
    await roots.flush();
    assert.deepEqual(paths(roots), ['alpha/career/new.md', 'beta/career/b.md']);
    roots.dispose();
  });

  test('adding a folder indexes it without touching the others; removing one drops its notes at once', async () => {
    const { roots } = setup();
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A' }) });
    const b = folder('file:///beta', { 'career/b.md': note({ title: 'B' }) });
    const c = folder('file:///gamma', { 'career/c.md': note({ title: 'C' }) });
    await roots.sync([a.spec('alpha'), b.spec('beta')]);
    const serviceA = roots.serviceOf('file:///alpha');
    await roots.sync([a.spec('alpha'), b.spec('beta'), c.spec('gamma')]);
    assert.equal(roots.serviceOf('file:///alpha'), serviceA, 'alpha keeps its service');
    assert.equal(a.loaders.length, 1, 'alpha is not read again');
    assert.deepEqual(paths(roots), ['alpha/career/a.md', 'beta/career/b.md', 'gamma/career/c.md']);
    void roots.sync([a.spec('alpha'), c.spec('gamma')]);
    assert.deepEqual(paths(roots), ['alpha/career/a.md', 'gamma/career/c.md'], 'beta is gone before anything is awaited');
    await roots.ready;
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.ok(b.loaders[0]!.disposed, "beta's loader is let go");
    roots.dispose();
  });

  test('listeners hear of the window index changing: a folder built, a file event, a folder removed', async () => {
    const { roots } = setup();
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A' }) });
    const b = folder('file:///beta', { 'career/b.md': note({ title: 'B' }) });
    const heard: string[][] = [];
    roots.onDidChange(() => heard.push(paths(roots)));
    await roots.sync([a.spec('alpha'), b.spec('beta')]);
    assert.ok(heard.length > 0, 'told of the builds');
    assert.deepEqual(heard.at(-1), ['alpha/career/a.md', 'beta/career/b.md'], 'when the last is told, both folders are in the window index');
    heard.length = 0;
    void roots.sync([a.spec('alpha')]);
    assert.deepEqual(heard, [['alpha/career/a.md']], 'told at once that beta left');
    roots.dispose();
  });

  test('one folder becoming two: paths gain the folder names; two becoming one: they lose them', async () => {
    const { roots } = setup();
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A' }) });
    const b = folder('file:///beta', { 'career/b.md': note({ title: 'B' }) });
    await roots.sync([a.spec('')]);
    await roots.sync([a.spec('alpha'), b.spec('beta')]);
    assert.deepEqual(paths(roots), ['alpha/career/a.md', 'beta/career/b.md']);
    await roots.sync([b.spec('')]);
    assert.deepEqual(paths(roots), ['career/b.md']);
    assert.deepEqual([...roots.index.skipped().keys()], []);
    roots.dispose();
  });

  test('notesFolder changed for one folder mid-build: only that folder is re-indexed, and none of its old notes remain', async () => {
    const { roots } = setup();
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`career/n${i}.md`] = note({ title: `old ${i}` });
    files['notes/new.md'] = note({ title: 'new' });
    const a = folder('file:///alpha', files);
    const b = folder('file:///beta', { 'career/b.md': note({ title: 'B' }) });
    const ready = roots.sync([a.spec('alpha'), b.spec('beta')]);
    const hold = a.loaders[0]!.holdAfter(2);
    await hold.reached.opened;
    const serviceB = roots.serviceOf('file:///beta');
    const switched = roots.sync([a.spec('alpha', 'notes'), b.spec('beta')]);
    hold.gate.open();
    await ready;
    await switched;
    assert.deepEqual(paths(roots), ['alpha/notes/new.md', 'beta/career/b.md']);
    assert.equal(roots.serviceOf('file:///beta'), serviceB, 'beta was not restarted');
    roots.dispose();
  });

  test('a folder removed mid-build: none of its notes reach the window index, even from a loader that ignores cancellation', async () => {
    const { roots } = setup();
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`career/n${i}.md`] = note({ title: `beta ${i}` });
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A' }) });
    const b = folder('file:///beta', files);
    const ready = roots.sync([a.spec('alpha'), b.spec('beta')]);
    const loader = b.loaders[0]!;
    loader.ignoreCancel = true;
    const hold = loader.holdAfter(2);
    await hold.reached.opened;
    assert.ok(
      paths(roots).some((p) => p.startsWith('beta/')),
      'beta was being filed',
    );
    const removed = roots.sync([a.spec('alpha')]);
    assert.deepEqual(paths(roots), ['alpha/career/a.md'], 'at once');
    hold.gate.open();
    await ready;
    await removed;
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(paths(roots), ['alpha/career/a.md'], 'and after the held loader delivered the rest');
    roots.dispose();
  });

  test('two folders with the same prefix, or an empty prefix among several, are refused', () => {
    const { roots } = setup();
    const a = folder('file:///alpha', {});
    const b = folder('file:///beta', {});
    assert.throws(() => roots.sync([a.spec('x'), b.spec('x')]), /same prefix/);
    assert.throws(() => roots.sync([a.spec(''), b.spec('beta')]), /prefix/);
    roots.dispose();
  });

  test('each folder keeps its own cache; ensureFresh waits for every folder', async () => {
    const { clock, roots } = setup();
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A' }) });
    const b = folder('file:///beta', { 'career/b.md': note({ title: 'B' }) });
    await roots.sync([a.spec('alpha'), b.spec('beta')]);
    clock.advance(3000);
    await roots.flush();
    assert.equal(a.cache.writes, 1);
    assert.equal(b.cache.writes, 1);
    assert.match(a.cache.text!, /"career\/a\.md"/, 'the cache holds folder-relative paths');
    assert.doesNotMatch(a.cache.text!, /b\.md/);
    b.fs.write('career/late.md', note({ title: 'late' }));
    await roots.ensureFresh();
    assert.equal(roots.index.get('beta/career/late.md')?.title, 'late', 'a small folder is re-checked before a command answers');
    roots.dispose();
  });

  test('status: indexing while any folder indexes, progress summed over folders, a notes folder in any', async () => {
    const seen: string[] = [];
    const { roots } = setup({
      indexing: (active) => seen.push(`indexing ${active}`),
      progress: (done, total) => seen.push(`${done}/${total}`),
      notesFolderExists: (exists) => seen.push(`exists ${exists}`),
    });
    const a = folder('file:///alpha', { 'career/a.md': note({ title: 'A' }) });
    const b = folder('file:///beta', { 'other/b.md': note({ title: 'B' }) });
    await roots.sync([a.spec('alpha'), b.spec('beta')]);
    assert.equal(seen.filter((s) => s === 'indexing true').length, 1);
    assert.equal(seen.at(-1), 'indexing false');
    assert.ok(seen.includes('exists true'), 'alpha has its notes folder');
    assert.ok(!seen.slice(seen.indexOf('exists true')).includes('exists false'), 'beta without one does not hide it');
    const progress = seen.filter((s) => /^\d+\/\d+$/.test(s));
    assert.equal(progress.at(-1), '1/1', 'summed: alpha 1 of 1, beta 0 of 0');
    roots.dispose();
  });
});
