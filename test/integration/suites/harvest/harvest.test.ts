// Harvest Wins From Git History in the real host: git repositories built here with dated commits by
// several authors (merges, `(#123)` subjects, co-author trailers, a revert), then the drafts, the
// grouping, the notes written, the idempotence, the review commands and every bad input.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ALICE, BOB, buildHistory, CAROL, TestRepo } from '../../../helpers/gitRepo';
import { abs, disk, frontMatter, rel, setSetting } from '../../helpers/workspace';

interface DraftJson {
  id: string;
  title: string;
  date: string;
  repository: string;
  kind: string;
  marks: string[];
  pr?: number;
  branch?: string;
  commits: Array<{ hash: string; subject: string; date: string }>;
  criteria: string[];
  links: string[];
  diffstat: { files: number; insertions: number; deletions: number };
}
interface Result {
  drafts: DraftJson[];
  created: vscode.Uri[];
}

const PERIOD = { since: '2026-01-01', until: '2026-12-31' };
const harvest = async (args: Record<string, unknown>): Promise<Result> => {
  const result = await vscode.commands.executeCommand<Result>('careerLattice.harvestWins', args);
  assert.ok(result, 'the command always answers');
  return result;
};
const brag = () => disk.list('career/brag');
const temp: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-harvest-'));
  temp.push(d);
  return d;
}

let shop: TestRepo;
let api: TestRepo;
let h: Record<string, string>;

suiteSetup(function () {
  this.timeout(60_000);
  shop = TestRepo.create({ dir: abs('shop'), remote: 'git@github.com:acme/shop.git' });
  h = buildHistory(shop);
  api = TestRepo.create({ dir: abs('api'), remote: 'https://gitlab.com/acme/platform/api.git' });
  h['api1'] = api.commit('feat(auth): add token refresh', { date: '2026-04-10', files: { 'auth/refresh.ts': 'refresh' } });
  h['apiBob'] = api.commit('chore: bump deps', { date: '2026-04-11', author: BOB, files: { 'package.json': '{}' } });
  h['apiCarol'] = api.commit('Add audit log\n\nCo-authored-by: Carol Poe <carol@example.com>', {
    date: '2026-04-12',
    author: BOB,
    files: { 'audit/log.ts': 'log' },
  });
});
suiteTeardown(() => temp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

suite('harvest: drafts', () => {
  test("finds the repositories one level down and groups the person's commits into workstreams", async () => {
    const { drafts, created } = await harvest({ ...PERIOD, accept: 'none' });
    assert.deepEqual(created, []);
    assert.deepEqual(brag(), ['career/brag/2026-01-10-mentoring.md'], 'accept: none writes nothing');
    const shopDrafts = drafts.filter((d) => d.repository === shop.dir || d.repository.endsWith('/shop'));
    assert.deepEqual(
      shopDrafts.map((d) => [d.kind, d.title, d.commits.length]),
      [
        ['scope', 'Billing: Add invoice export', 1],
        ['pull-request', 'Retry failed payments from a queue', 2],
        ['pull-request', 'Add rate limiter', 1],
        ['paths', 'Fix flaky tests', 1],
        ['scope', 'Billing: Round totals', 1],
        ['revert', 'Revert "Add rate limiter (#123)"', 1],
        ['hotfix', 'hotfix: stop double charges', 1],
        ['scope', 'Search: Index titles', 1],
        ['branch', 'Spike graph', 1],
      ],
    );
    const pr = shopDrafts[1]!;
    assert.equal(pr.pr, 12);
    assert.equal(pr.date, '2026-03-09', 'the date of its last commit');
    assert.deepEqual(
      pr.commits.map((c) => [c.hash, c.subject, c.date]),
      [
        [h['retry1'], 'Add retry queue', '2026-03-05'],
        [h['retry2'], 'Retry with backoff', '2026-03-09'],
      ],
    );
    assert.equal(pr.links[0], 'https://github.com/acme/shop/pull/12');
    assert.ok(Array.isArray(pr.criteria));
    assert.deepEqual(shopDrafts[5]!.marks, ['revert']);
    const all = drafts.flatMap((d) => d.commits.map((c) => c.hash));
    for (const bobs of [h['readme'], h['retryBob'], h['apiBob'], h['apiCarol']]) assert.ok(!all.includes(bobs!), "other people's commits are not drafted");
    assert.ok(all.includes(h['flaky']!), 'a Co-authored-by trailer counts');
    const apiDraft = drafts.find((d) => d.commits.some((c) => c.hash === h['api1']))!;
    assert.equal(apiDraft.links[0], `https://gitlab.com/acme/platform/api/-/commit/${h['api1']}`);
  });

  test('authors replace the identities; careerLattice.authorEmails adds to them', async () => {
    const carol = await harvest({ ...PERIOD, authors: [CAROL.email], accept: 'none' });
    assert.deepEqual(
      carol.drafts.flatMap((d) => d.commits.map((c) => c.hash)),
      [h['apiCarol']],
    );
    await setSetting('authorEmails', [CAROL.email]);
    try {
      const both = await harvest({ ...PERIOD, repositories: [api.dir], accept: 'none' });
      assert.deepEqual(both.drafts.flatMap((d) => d.commits.map((c) => c.hash)).sort(), [h['api1'], h['apiCarol']].sort());
    } finally {
      await setSetting('authorEmails', undefined);
    }
  });

  test('the tagger suggests criteria for a draft that names its work', async () => {
    const repo = TestRepo.create({ dir: path.join(tmpDir(), 'docs') });
    repo.commit('Wrote the design doc for the event pipeline and mentored two engineers through the rollout', { date: '2026-06-01' });
    const { drafts } = await harvest({ ...PERIOD, repositories: [repo.dir], accept: 'none' });
    assert.equal(drafts.length, 1);
    assert.ok(drafts[0]!.criteria.length > 0, JSON.stringify(drafts[0]));
  });
});

suite('harvest: notes written, idempotence', () => {
  test("accept: 'all' writes one brag note per draft with source: git and commits:, never over a file", async () => {
    const taken = 'career/brag/2026-03-09-retry-failed-payments-from-a-queue.md';
    disk.write(taken, '---\ntitle: mine\n---\nkeep me\n');
    const before = brag();
    const { drafts, created } = await harvest({ ...PERIOD, repositories: [shop.dir], accept: 'all' });
    assert.equal(created.length, drafts.length);
    assert.equal(created.length, 9);
    assert.equal(disk.read(taken), '---\ntitle: mine\n---\nkeep me\n', 'an existing file is never overwritten');
    const paths = created.map(rel);
    assert.ok(paths.includes('career/brag/2026-03-09-retry-failed-payments-from-a-queue-2.md'), paths.join());
    assert.ok(
      paths.every((p) => /^career\/brag\/2026-\d\d-\d\d-[a-z0-9-]+\.md$/.test(p)),
      paths.join(),
    );
    assert.equal(brag().length, before.length + 9);
    const text = disk.read('career/brag/2026-03-09-retry-failed-payments-from-a-queue-2.md');
    const fm = frontMatter(text);
    assert.equal(fm['type'], 'brag');
    assert.equal(fm['source'], 'git');
    assert.equal(fm['date'], '2026-03-09');
    assert.equal(fm['title'], 'Retry failed payments from a queue');
    assert.deepEqual(fm['commits'], [h['retry1'], h['retry2']]);
    assert.match(text, /\[#12\]\(https:\/\/github\.com\/acme\/shop\/pull\/12\)/);
    assert.match(text, /Retry with backoff/);
  });

  test('a second harvest of the same period drafts nothing new', async () => {
    const before = brag();
    const again = await harvest({ ...PERIOD, repositories: [shop.dir], accept: 'all' });
    assert.deepEqual(again, { drafts: [], created: [] });
    assert.deepEqual(brag(), before);
    const after = await harvest({ ...PERIOD, accept: 'none' });
    assert.ok(
      after.drafts.every((d) => !d.repository.endsWith('/shop')),
      'the workspace harvest skips the shop commits too',
    );
  });

  test('a new commit after the harvest is the only thing drafted next time', async () => {
    const fresh = shop.commit('feat(search): rank by recency', { date: '2026-07-01', files: { 'search/rank.ts': 'rank' } });
    const { drafts } = await harvest({ ...PERIOD, repositories: [shop.dir], accept: 'none' });
    assert.deepEqual(
      drafts.map((d) => d.commits.map((c) => c.hash)),
      [[fresh]],
    );
  });
});

suite('harvest: the review commands', () => {
  test('edit a title and the criteria, merge two drafts, skip one, accept one', async () => {
    const repo = TestRepo.create({ dir: path.join(tmpDir(), 'review'), remote: 'https://bitbucket.org/acme/review.git' });
    const a = repo.commit('feat(ui): dark mode', { date: '2026-08-01', files: { 'ui/theme.ts': 'dark' } });
    const b = repo.commit('docs: theming guide', { date: '2026-08-20', files: { 'docs/theme.md': 'guide' } });
    const c = repo.commit('chore(ci): cache builds', { date: '2026-09-15', files: { 'ci/cache.yml': 'cache' } });
    const { drafts } = await harvest({ ...PERIOD, repositories: [repo.dir], open: false });
    assert.equal(drafts.length, 3);
    let inView = await vscode.commands.executeCommand<DraftJson[]>('careerLattice.getDrafts');
    assert.deepEqual(
      inView.map((d) => d.id),
      drafts.map((d) => d.id),
    );
    const [da, db, dc] = inView as [DraftJson, DraftJson, DraftJson];
    await vscode.commands.executeCommand('careerLattice.editDraftTitle', da.id, 'Shipped dark mode');
    await vscode.commands.executeCommand('careerLattice.editDraftCriteria', da.id, ['ic.L5.mentors-engineers']);
    await vscode.commands.executeCommand('careerLattice.mergeDrafts', da.id, db.id);
    await vscode.commands.executeCommand('careerLattice.skipDraft', dc.id);
    inView = await vscode.commands.executeCommand<DraftJson[]>('careerLattice.getDrafts');
    assert.equal(inView.length, 1);
    assert.equal(inView[0]!.title, 'Shipped dark mode');
    assert.deepEqual(
      inView[0]!.commits.map((x) => x.hash),
      [a, b],
    );
    assert.deepEqual(inView[0]!.criteria, ['ic.L5.mentors-engineers']);
    // Accepting twice at once (a double key press) writes one note.
    const [uri, twice] = await Promise.all([
      vscode.commands.executeCommand<vscode.Uri>('careerLattice.acceptDraft', inView[0]!.id),
      vscode.commands.executeCommand<vscode.Uri>('careerLattice.acceptDraft', inView[0]!.id),
    ]);
    assert.ok(uri);
    assert.equal(twice, undefined);
    assert.deepEqual(
      brag().filter((p) => p.includes('shipped-dark-mode')),
      ['career/brag/2026-08-20-shipped-dark-mode.md'],
    );
    assert.equal(rel(uri), 'career/brag/2026-08-20-shipped-dark-mode.md');
    const fm = frontMatter(disk.read(rel(uri)));
    assert.deepEqual(fm['commits'], [a, b]);
    assert.deepEqual(fm['criteria'], ['ic.L5.mentors-engineers']);
    assert.match(disk.read(rel(uri)), new RegExp(`https://bitbucket\\.org/acme/review/commits/${a}`));
    assert.deepEqual(await vscode.commands.executeCommand<DraftJson[]>('careerLattice.getDrafts'), []);
    const again = await harvest({ ...PERIOD, repositories: [repo.dir], accept: 'none' });
    assert.deepEqual(
      again.drafts.map((d) => d.commits[0]!.hash),
      [c],
      'the skipped draft comes back; the accepted commits do not',
    );
  });
});

suite('harvest: bad input gets an empty result and writes nothing', () => {
  let before: string[];
  setup(() => (before = brag()));
  teardown(() => assert.deepEqual(brag(), before, 'nothing was written'));

  const empty = async (args: Record<string, unknown>) => assert.deepEqual(await harvest({ accept: 'all', ...args }), { drafts: [], created: [] });

  test('a path that is not a repository, one that does not exist, a relative path', async () => {
    await empty({ ...PERIOD, repositories: [tmpDir()] });
    await empty({ ...PERIOD, repositories: [path.join(tmpDir(), 'missing')] });
    await empty({ ...PERIOD, repositories: ['shop'] });
    await empty({ ...PERIOD, repositories: [shop.dir, tmpDir()] });
  });

  test('an unreadable repository', async () => {
    const broken = TestRepo.create({ dir: path.join(tmpDir(), 'broken') });
    broken.commit('one', { date: '2026-03-01' });
    fs.rmSync(path.join(broken.dir, '.git', 'objects'), { recursive: true, force: true });
    await empty({ ...PERIOD, repositories: [broken.dir] });
  });

  test('a shallow clone and a detached HEAD', async () => {
    const shallow = path.join(tmpDir(), 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${shop.dir}`, shallow]);
    await empty({ ...PERIOD, repositories: [shallow] });
    const detached = TestRepo.create({ dir: path.join(tmpDir(), 'detached') });
    const first = detached.commit('one', { date: '2026-03-01' });
    detached.commit('two', { date: '2026-03-02' });
    detached.git(['checkout', '-q', '--detach', first]);
    await empty({ ...PERIOD, repositories: [detached.dir] });
  });

  test('an empty period, an author with no commits', async () => {
    await empty({ since: '2020-01-01', until: '2020-12-31', repositories: [shop.dir] });
    await empty({ ...PERIOD, repositories: [shop.dir], authors: ['nobody@example.com'] });
    await empty({ ...PERIOD, repositories: [api.dir], authors: [ALICE.email, 'nobody@example.com'] });
  });

  test('since after until, impossible dates, wrong types', async () => {
    await empty({ since: '2026-06-01', until: '2026-05-01', repositories: [shop.dir] });
    await empty({ since: '2026-02-30' });
    await empty({ until: 'yesterday' });
    await empty({ accept: 'some' });
    await empty({ authors: ['not an email'] });
    await empty({ authors: [] });
    await empty({ repositories: 'shop' });
    await empty({ open: 'yes' });
    assert.deepEqual(await vscode.commands.executeCommand('careerLattice.harvestWins', 42), { drafts: [], created: [] });
  });
});

suite('harvest: the review period (issue 15)', () => {
  teardown(async () => {
    await setSetting('reviewPeriodStart', undefined);
    await setSetting('reviewPeriodEnd', undefined);
  });

  test('without since/until, a review period set in the settings is the period harvested (not the last six months)', async function () {
    this.timeout(30_000);
    // The last six months (the default without a period) would not reach back to 2026-04-10.
    await setSetting('reviewPeriodStart', '2026-04-01');
    await setSetting('reviewPeriodEnd', '2026-04-10');
    const { drafts } = await harvest({ repositories: [api.dir], accept: 'none' });
    const commits = drafts.flatMap((d) => d.commits);
    assert.deepEqual(
      commits.map((c) => c.hash),
      [h['api1']],
    );
    assert.ok(commits.every((c) => c.date >= '2026-04-01' && c.date <= '2026-04-10'));
    const later = await harvest({ since: '2026-04-11', until: '2026-12-31', repositories: [api.dir], accept: 'none' });
    assert.deepEqual(later.drafts, [], 'since/until still override it');
  });
});

suite('Log a Win reads git the way the harvest does (issue 14)', () => {
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test("its commit line is the repository's HEAD, read by the harvest's git log, with a link to the commit on the remote", async function () {
    this.timeout(30_000);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: api.dir, encoding: 'utf8' }).trim();
    const subject = execFileSync('git', ['log', '-1', '--format=%s'], { cwd: api.dir, encoding: 'utf8' }).trim();
    const file = path.join(api.dir, 'auth', 'refresh.ts');
    assert.ok(fs.existsSync(file), 'a file of the api repository');
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.logWin', { title: 'Shipped token refresh', criteria: [], open: false });
    assert.ok(uri, 'a note is written');
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.ok(text.includes(`- Commit: [\`${head.slice(0, 10)}\`](https://gitlab.com/acme/platform/api/-/commit/${head}) — ${subject}`), text);
    fs.rmSync(uri.fsPath);
  });
});
