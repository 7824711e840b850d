import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commitsOfNote, harvestNoteText, KnownCommits, mergeDrafts } from '../../src/core/git/drafts';
import { execFileGit } from '../../src/core/git/exec';
import { harvest } from '../../src/core/git/harvest';
import { FIELD, HEADER_END, marksOf, mergeInfo, parseLog, parseLogSliced, RECORD, TRAILER_SEP } from '../../src/core/git/log';
import { commitUrl, parseRemote, pickRemote, pullRequestUrl } from '../../src/core/git/remote';
import { inspectRepository } from '../../src/core/git/repository';
import { groupWorkstreams } from '../../src/core/git/workstreams';
import { parseNote } from '../../src/core/notes/parse';
import { ALICE, BOB, buildHistory, CAROL, TestRepo } from '../helpers/gitRepo';

const git = execFileGit();
const hash = (n: number) => n.toString(16).padStart(40, '0');

/** One record of `git log --format=LOG_FORMAT --numstat`, as git writes it. */
function record(o: {
  hash: string;
  parents?: string[];
  refs?: string;
  email?: string;
  date: string;
  subject: string;
  body?: string;
  coAuthors?: string[];
  numstat?: string[];
}): string {
  const header = [
    o.hash,
    (o.parents ?? []).join(' '),
    o.refs ?? '',
    'Some One',
    o.email ?? 'alice@example.com',
    `${o.date}T10:00:00+02:00`,
    o.subject,
    (o.coAuthors ?? []).join(TRAILER_SEP),
    o.body ?? '',
  ].join(FIELD);
  return `${RECORD}${header}${HEADER_END}\n${o.numstat?.length ? `\n${o.numstat.join('\n')}\n` : ''}`;
}

suite('git log parsing (recorded output)', () => {
  test('fields, co-author trailers, numstat (binary files count 0), branch tips', () => {
    const out =
      record({
        hash: hash(2),
        parents: [hash(1)],
        refs: 'HEAD -> main, tag: v1, feature/x',
        date: '2026-03-02',
        subject: 'Fix: a "quoted" | subject',
        body: 'Line one\n\nCo-authored-by: Bob <BOB@example.com>',
        coAuthors: ['Bob <BOB@example.com>', 'no email here'],
        numstat: ['3\t1\tsrc/a.ts', '-\t-\tassets/logo.png'],
      }) + record({ hash: hash(1), date: '2026-03-01', subject: 'Initial' });
    const [a, b] = parseLog(out);
    assert.equal(a!.hash, hash(2));
    assert.deepEqual(a!.parents, [hash(1)]);
    assert.deepEqual(a!.branches, ['main', 'feature/x']);
    assert.equal(a!.subject, 'Fix: a "quoted" | subject');
    assert.equal(a!.day, '2026-03-02');
    assert.deepEqual(a!.coAuthors, [{ name: 'Bob', email: 'bob@example.com' }]);
    assert.deepEqual(a!.files, [
      { path: 'src/a.ts', added: 3, deleted: 1 },
      { path: 'assets/logo.png', added: 0, deleted: 0 },
    ]);
    assert.equal(b!.parents.length, 0);
    assert.equal(b!.files.length, 0);
  });

  test('a body holding newlines, tabs and fake numstat lines stays in the body', () => {
    const [c] = parseLog(record({ hash: hash(3), date: '2026-03-02', subject: 's', body: 'first\n12\t3\tnot/a/file\n\tindented', numstat: ['1\t0\treal.ts'] }));
    assert.match(c!.body, /not\/a\/file/);
    assert.deepEqual(
      c!.files.map((f) => f.path),
      ['real.ts'],
    );
  });

  test('the sliced parser gives the same commits and honours an abort', async () => {
    const out = Array.from({ length: 300 }, (_, i) => record({ hash: hash(i + 1), date: '2026-03-02', subject: `c${i}`, numstat: ['1\t1\tx'] })).join('');
    assert.deepEqual(await parseLogSliced(out, { sliceMs: 0 }), parseLog(out));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(parseLogSliced(out, { sliceMs: 0, signal: controller.signal }), { name: 'AbortError' });
  });

  test('marks: reverts, hotfixes, incidents, `(#123)`, conventional scope', () => {
    assert.equal(marksOf({ subject: 'Revert "Add cache"', body: 'This reverts commit 0123456789abcdef.' }).revert, true);
    assert.equal(marksOf({ subject: 'Undo it', body: 'This reverts commit 0123456789abcdef.' }).revert, true);
    assert.equal(marksOf({ subject: 'Hotfix for login', body: '' }).hotfix, true);
    assert.equal(marksOf({ subject: 'fix: restore payouts after SEV-1 outage', body: '' }).incident, true);
    assert.equal(marksOf({ subject: 'Reverted a hot take', body: '' }).revert, false);
    const m = marksOf({ subject: 'feat(Billing)!: export invoices (#123)', body: '' });
    assert.deepEqual([m.pr, m.type, m.scope, m.description, m.revert, m.hotfix, m.incident], [123, 'feat', 'billing', 'export invoices', false, false, false]);
  });

  test('merge subjects of GitHub, GitLab, Bitbucket and plain git', () => {
    assert.deepEqual(mergeInfo('Merge pull request #12 from alice/feature/retry', 'Retry payments\n'), {
      pr: 12,
      branch: 'feature/retry',
      title: 'Retry payments',
    });
    assert.deepEqual(mergeInfo("Merge branch 'feat/x' into 'main'", 'Add X\n\nSee merge request acme/shop!34'), { branch: 'feat/x', pr: 34, title: 'Add X' });
    assert.deepEqual(mergeInfo('Merged in bugfix/y (pull request #7)', 'Fix Y\n\nApproved-by: Z'), { pr: 7, branch: 'bugfix/y', title: 'Fix Y' });
    assert.deepEqual(mergeInfo("Merge branch 'topic'", ''), { branch: 'topic' });
    assert.equal(mergeInfo('Add merge sort', ''), undefined);
  });
});

suite('web links from remotes', () => {
  test('GitHub, GitLab (subgroups), Bitbucket; credentials never kept', () => {
    assert.deepEqual(parseRemote('git@github.com:acme/shop.git'), { host: 'github', base: 'https://github.com/acme/shop' });
    assert.deepEqual(parseRemote('https://user:s3cret@github.com/acme/shop'), { host: 'github', base: 'https://github.com/acme/shop' });
    assert.deepEqual(parseRemote('ssh://git@gitlab.com/acme/team/shop.git'), { host: 'gitlab', base: 'https://gitlab.com/acme/team/shop' });
    assert.deepEqual(parseRemote('https://bitbucket.org/acme/shop.git'), { host: 'bitbucket', base: 'https://bitbucket.org/acme/shop' });
    const gh = parseRemote('git@github.com:acme/shop.git')!;
    assert.equal(commitUrl(gh, 'abc'), 'https://github.com/acme/shop/commit/abc');
    assert.equal(pullRequestUrl(gh, 12), 'https://github.com/acme/shop/pull/12');
    assert.equal(pullRequestUrl(parseRemote('git@gitlab.com:a/b.git')!, 3), 'https://gitlab.com/a/b/-/merge_requests/3');
    assert.equal(commitUrl(parseRemote('git@bitbucket.org:a/b.git')!, 'f'), 'https://bitbucket.org/a/b/commits/f');
  });

  test('local paths, unknown hosts and odd paths give no link', () => {
    for (const url of [
      '/srv/git/shop.git',
      'file:///srv/shop',
      'https://example.com/a/b',
      'git@github.com:acme/shop/extra.git',
      'https://github.com/acme/<script>',
      'C:\\repos\\shop',
    ]) {
      assert.equal(parseRemote(url), undefined, url);
    }
    assert.equal(
      pickRemote('remote.upstream.url https://github.com/up/shop\nremote.origin.url git@github.com:me/shop.git\n')?.base,
      'https://github.com/me/shop',
    );
    assert.equal(pickRemote('remote.origin.url /local/path\nremote.gh.url git@github.com:me/shop.git\n')?.base, 'https://github.com/me/shop');
  });
});

suite('workstreams and drafts on a real repository', () => {
  let repo: TestRepo;
  let h: Record<string, string>;
  suiteSetup(function () {
    this.timeout(30_000);
    repo = TestRepo.create({ remote: 'git@github.com:acme/shop.git' });
    h = buildHistory(repo);
  });
  suiteTeardown(() => repo.remove());

  const run = (extra: Partial<Parameters<typeof harvest>[0]> = {}) =>
    harvest({ git, repositories: [repo.dir], since: '2026-01-01', until: '2026-12-31', known: new KnownCommits(), ...extra });

  test('groups by pull request (merge and `(#123)`), scope, paths, branch; marks the revert and the hotfix', async () => {
    const out = await run();
    assert.deepEqual(out.problems, []);
    assert.deepEqual(out.identities, ['alice@example.com']);
    const summary = out.drafts.map((d) => [d.kind, d.title, d.commits.length]);
    assert.deepEqual(summary, [
      ['scope', 'Billing: Add invoice export', 1],
      ['pull-request', 'Retry failed payments from a queue', 2],
      ['pull-request', 'Add rate limiter', 1],
      ['paths', 'Fix flaky tests', 1],
      ['scope', 'Billing: Round totals', 1],
      ['revert', 'Revert "Add rate limiter (#123)"', 1],
      ['hotfix', 'hotfix: stop double charges', 1],
      ['scope', 'Search: Index titles', 1],
      ['branch', 'Spike graph', 1],
    ]);
    const pr = out.drafts[1]!;
    assert.equal(pr.pr, 12);
    assert.equal(pr.branch, 'feature/retry-queue');
    assert.deepEqual(
      pr.commits.map((c) => c.hash),
      [h['retry1'], h['retry2']],
      "Bob's review fixes and the merge are not Alice's",
    );
    assert.equal(pr.date, '2026-03-09');
    assert.deepEqual(pr.diffstat, { files: 1, insertions: 4, deletions: 0 });
    assert.deepEqual(pr.links, [
      'https://github.com/acme/shop/pull/12',
      `https://github.com/acme/shop/commit/${h['retry1']}`,
      `https://github.com/acme/shop/commit/${h['retry2']}`,
    ]);
    assert.deepEqual(out.drafts[5]!.marks, ['revert']);
    assert.equal(out.drafts[3]!.commits[0]!.hash, h['flaky'], 'the co-authored commit counts');
    assert.equal(out.mine, 10);
    assert.equal(out.commitsInPeriod, 12);
  });

  test('commits of one scope within the window form one workstream; further apart, two', async () => {
    const wide = await run({ windowDays: 30 });
    const billing = wide.drafts.filter((d) => d.scope === 'billing');
    assert.equal(billing.length, 1);
    assert.equal(billing[0]!.title, 'Billing: Add invoice export, and 1 more change');
    assert.deepEqual(
      billing[0]!.commits.map((c) => c.hash),
      [h['invoice'], h['round']],
    );
  });

  test('the period is by author date, inclusive', async () => {
    const out = await run({ since: '2026-03-09', until: '2026-03-20' });
    assert.deepEqual(out.drafts.flatMap((d) => d.commits.map((c) => c.hash)).sort(), [h['retry2'], h['limiter']].sort());
  });

  test("a pull request merged after the period still groups the period's commits", async () => {
    const out = await run({ since: '2026-03-01', until: '2026-03-10' });
    assert.deepEqual(
      out.drafts.map((d) => [d.kind, d.pr, d.commits.map((c) => c.hash)]),
      [
        ['scope', undefined, [h['invoice']]],
        ['pull-request', 12, [h['retry1'], h['retry2']]],
      ],
    );
    assert.equal(out.commitsInPeriod, 5);
  });

  test('authors replace the identities; co-author trailers count; an author with no commits is named', async () => {
    const bob = await run({ authors: ['BOB@example.com', 'nobody@example.com'] });
    assert.deepEqual(bob.drafts.flatMap((d) => d.commits.map((c) => c.hash)).sort(), [h['readme'], h['retryBob'], h['flaky']].sort());
    assert.deepEqual(bob.authorsWithoutCommits, ['nobody@example.com']);
    const extra = await run({ extraEmails: [CAROL.email] });
    assert.deepEqual(extra.identities, ['alice@example.com', 'carol@example.com']);
  });

  test('idempotent: commits already in notes are never drafted again', async () => {
    const first = await run();
    const known = new KnownCommits(first.drafts.slice(0, 3).flatMap((d) => d.commits.map((c) => c.hash)));
    known.add(h['search']!.slice(0, 8));
    const second = await run({ known });
    assert.equal(second.drafts.length, first.drafts.length - 4);
    assert.equal(second.alreadyInNotes, 5);
    const all = new KnownCommits(first.drafts.flatMap((d) => d.commits.map((c) => c.hash)));
    assert.deepEqual((await run({ known: all })).drafts, []);
  });

  test('a note written from a draft lists its commits, and reading it back finds them', async () => {
    const draft = (await run()).drafts[1]!;
    const rendered = '---\ntype: brag\ntitle: x\ndate: 2026-03-09\ncriteria: []\n---\n# x\n';
    const text = harvestNoteText(rendered, draft, 'shop');
    const parsed = parseNote(text, 'career/brag/x.md');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.data['source'], 'git');
    assert.deepEqual(
      parsed.data['commits'],
      draft.commits.map((c) => c.hash),
    );
    assert.deepEqual(parsed.meta.links, draft.links, 'links: gets the pull request and the commits');
    assert.deepEqual(
      parseNote(harvestNoteText('---\ntitle: x\nlinks: [https://example.com/mine]\n---\n', draft, 'shop'), 'x.md').meta.links,
      ['https://example.com/mine'],
      'a list of its own stays',
    );
    assert.deepEqual(parseNote(harvestNoteText('---\ntitle: x\n---\n', draft, 'shop'), 'x.md').meta.links, draft.links);
    assert.match(text, /\[#12\]\(https:\/\/github\.com\/acme\/shop\/pull\/12\)/);
    assert.match(text, /Retry with backoff/);
    assert.deepEqual(
      commitsOfNote(text),
      draft.commits.map((c) => c.hash),
    );
    const crlf = harvestNoteText(rendered.replace(/\n/g, '\r\n'), draft, 'shop');
    assert.ok(!/[^\r]\n/.test(crlf), 'CRLF templates stay CRLF');
    assert.deepEqual(
      commitsOfNote(crlf),
      draft.commits.map((c) => c.hash),
    );
    const crlfLinks = harvestNoteText('---\r\ntitle: x\r\nlinks: []\r\n---\r\n# x\r\n', draft, 'shop');
    assert.ok(!/[^\r]\n/.test(crlfLinks), 'CRLF stays CRLF where links: [] is filled');
    assert.deepEqual(parseNote(crlfLinks, 'x.md').meta.links, draft.links);
    assert.deepEqual(
      commitsOfNote(harvestNoteText('# no front matter\n', draft, 'shop')),
      draft.commits.map((c) => c.hash),
    );
    assert.deepEqual(commitsOfNote('---\ntitle: x\n---\ncommits:\n  - 0123456789\n'), [], 'only front matter counts');
  });

  test('merging two drafts keeps every commit, oldest first, and the union of links and criteria', async () => {
    const [a, b] = (await run()).drafts;
    const merged = mergeDrafts({ ...b!, criteria: ['x'] }, { ...a!, criteria: ['y', 'x'] });
    assert.deepEqual(
      merged.commits.map((c) => c.hash),
      [h['invoice'], h['retry1'], h['retry2']],
    );
    assert.equal(merged.title, b!.title);
    assert.equal(merged.date, '2026-03-09');
    assert.deepEqual(merged.criteria, ['x', 'y']);
    assert.equal(merged.links.length, a!.links.length + b!.links.length);
  });

  test('the tagger is asked with the title and the commit messages', async () => {
    const seen: string[] = [];
    const out = await run({ suggest: (title, body) => (seen.push(`${title}|${body}`), ['ic.L5.x']) });
    assert.ok(out.drafts.every((d) => d.criteria[0] === 'ic.L5.x'));
    assert.ok(seen.some((s) => s.startsWith('Retry failed payments from a queue|Add retry queue')));
  });
});

suite('repositories that cannot be harvested', () => {
  const temp: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-git-bad-'));
    temp.push(d);
    return d;
  };
  suiteTeardown(() => temp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('a folder that is not a repository', async () => {
    const out = await harvest({ git, repositories: [tmp()], since: '2026-01-01', until: '2026-12-31', known: new KnownCommits() });
    assert.equal(out.problems[0]!.kind, 'not-a-repository');
    assert.deepEqual(out.drafts, []);
  });

  test('an unreadable repository (a corrupt .git)', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, '.git'), 'gitdir: /nonexistent/elsewhere\n');
    const info = await inspectRepository(git, dir);
    assert.ok('kind' in info && (info.kind === 'unreadable' || info.kind === 'not-a-repository'), JSON.stringify(info));
    const broken = TestRepo.create({ dir: path.join(tmp(), 'r') });
    broken.commit('one', { date: '2026-03-01' });
    fs.rmSync(path.join(broken.dir, '.git', 'objects'), { recursive: true, force: true });
    const out = await harvest({ git, repositories: [broken.dir], since: '2026-01-01', until: '2026-12-31', known: new KnownCommits() });
    assert.equal(out.problems.length, 1, JSON.stringify(out.problems));
    assert.ok(['unreadable', 'not-a-repository', 'no-commits'].includes(out.problems[0]!.kind), out.problems[0]!.kind);
  });

  test('a shallow clone, a detached HEAD, a repository without commits', async () => {
    const source = TestRepo.create({ dir: path.join(tmp(), 'src') });
    source.commit('one', { date: '2026-03-01' });
    const second = source.commit('two', { date: '2026-03-02' });
    const shallowDir = path.join(tmp(), 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${source.dir}`, shallowDir]);
    assert.equal(((await inspectRepository(git, shallowDir)) as { kind: string }).kind, 'shallow');
    source.git(['checkout', '-q', '--detach', second]);
    assert.equal(((await inspectRepository(git, source.dir)) as { kind: string }).kind, 'detached');
    const empty = TestRepo.create({ dir: path.join(tmp(), 'empty') });
    assert.equal(((await inspectRepository(git, empty.dir)) as { kind: string }).kind, 'no-commits');
  });

  test('a missing git is one clear problem, not an exception', async () => {
    const out = await harvest({
      git: execFileGit('/nonexistent/bin/git'),
      repositories: [tmp(), tmp()],
      since: '2026-01-01',
      until: '2026-12-31',
      known: new KnownCommits(),
    });
    assert.deepEqual(
      out.problems.map((p) => p.kind),
      ['no-git'],
    );
  });

  test('two paths in one repository are read once; several repositories are read together', async () => {
    const a = TestRepo.create({ dir: path.join(tmp(), 'a') });
    a.commit('feat(api): one', { date: '2026-03-01', files: { 'api/x.ts': '1' } });
    fs.mkdirSync(path.join(a.dir, 'sub'));
    const b = TestRepo.create({ dir: path.join(tmp(), 'b'), me: BOB });
    b.commit('Bob alone', { date: '2026-03-01', author: BOB });
    b.commit('Alice in b', { date: '2026-03-02', author: ALICE });
    const out = await harvest({
      git,
      repositories: [a.dir, path.join(a.dir, 'sub'), b.dir],
      since: '2026-01-01',
      until: '2026-12-31',
      known: new KnownCommits(),
    });
    assert.equal(out.repositories.length, 2);
    assert.deepEqual(out.identities, ['alice@example.com', 'bob@example.com']);
    assert.equal(out.drafts.length, 3);
  });
});

suite('grouping edge cases (fake commits)', () => {
  const c = (n: number, o: { parents?: number[]; subject: string; day: string; email?: string; branches?: string[]; files?: string[] }) => ({
    hash: hash(n),
    parents: (o.parents ?? []).map(hash),
    branches: o.branches ?? [],
    author: { name: 'x', email: o.email ?? 'me@x' },
    coAuthors: [],
    date: `${o.day}T10:00:00Z`,
    day: o.day,
    time: Date.parse(`${o.day}T10:00:00Z`),
    subject: o.subject,
    body: '',
    files: (o.files ?? ['src/a.ts']).map((p) => ({ path: p, added: 1, deleted: 0 })),
  });
  test('a branch that merged main into itself still claims only its own commits', async () => {
    const commits = [
      c(1, { subject: 'base', day: '2026-01-01' }),
      c(2, { parents: [1], subject: 'feature work', day: '2026-01-02' }),
      c(3, { parents: [1], subject: 'main work', day: '2026-01-03', files: ['docs/x.md'] }),
      c(4, { parents: [2, 3], subject: "Merge branch 'main' into feat", day: '2026-01-04' }),
      c(5, { parents: [4], subject: 'more feature work', day: '2026-01-05' }),
      c(6, { parents: [3, 5], subject: "Merge branch 'feat'", day: '2026-01-06', branches: ['main'] }),
    ];
    const ws = await groupWorkstreams(commits, () => true, { head: hash(6) });
    const feat = ws.find((w) => w.branch === 'feat')!;
    assert.deepEqual(
      feat.commits.map((x) => x.hash),
      [hash(2), hash(5)],
    );
    assert.equal(feat.kind, 'branch');
    assert.equal(feat.title, 'Feat');
    assert.ok(ws.some((w) => w.commits.some((x) => x.hash === hash(3)) && w.kind === 'paths'));
  });
});

suite('repository paths from settings and arguments', () => {
  test('absolute and ~/ paths resolve; relative ones do not', async () => {
    const { resolveRepositoryPath } = await import('../../src/core/git/repository');
    assert.equal(resolveRepositoryPath('/src/shop', '/home/me'), '/src/shop');
    assert.equal(resolveRepositoryPath(' ~/src/shop ', '/home/me/'), '/home/me/src/shop');
    assert.equal(resolveRepositoryPath('~', '/home/me'), '/home/me');
    assert.equal(resolveRepositoryPath('C:\\src\\shop', 'C:\\Users\\me'), 'C:\\src\\shop');
    for (const bad of ['shop', './shop', '../shop', '~other/shop', '']) assert.equal(resolveRepositoryPath(bad, '/home/me'), undefined, bad);
  });
});

suite('weekly harvest nudge', () => {
  test('due once on the chosen weekday, for the seven days ending that day', async () => {
    const { weeklyNudgeDue } = await import('../../src/core/git/weekly');
    const friday = new Date(2026, 11, 4, 9, 30); // Friday 4 December 2026, local time
    assert.deepEqual(weeklyNudgeDue('friday', friday, undefined), { since: '2026-11-28', until: '2026-12-04' });
    assert.deepEqual(weeklyNudgeDue('friday', friday, '2026-11-27'), { since: '2026-11-28', until: '2026-12-04' });
    assert.equal(weeklyNudgeDue('friday', friday, '2026-12-04'), undefined, 'once that day');
    assert.equal(weeklyNudgeDue('monday', friday, undefined), undefined);
    assert.equal(weeklyNudgeDue('off', friday, undefined), undefined);
    assert.deepEqual(weeklyNudgeDue('sunday', new Date(2026, 2, 1, 23, 0), undefined), { since: '2026-02-23', until: '2026-03-01' });
  });
});
