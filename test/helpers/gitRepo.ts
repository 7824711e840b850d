// Real git repositories for tests, made with the git CLI: dated commits by several authors, merges,
// co-author trailers, reverts. Plain Node (used by the unit tier and inside the extension host).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Author {
  readonly name: string;
  readonly email: string;
}

export const ALICE: Author = { name: 'Alice Doe', email: 'alice@example.com' };
export const BOB: Author = { name: 'Bob Roe', email: 'bob@example.com' };
export const CAROL: Author = { name: 'Carol Poe', email: 'carol@example.com' };

export class TestRepo {
  constructor(readonly dir: string) {}

  /** A fresh repository in a new temporary folder (or `dir`), on branch `main`, `user.email` = `me`. */
  static create(options: { dir?: string; me?: Author; remote?: string } = {}): TestRepo {
    const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cl-git-'));
    fs.mkdirSync(dir, { recursive: true });
    const repo = new TestRepo(dir);
    repo.git(['init', '-q', '-b', 'main']);
    const me = options.me ?? ALICE;
    repo.git(['config', 'user.email', me.email]);
    repo.git(['config', 'user.name', me.name]);
    repo.git(['config', 'commit.gpgsign', 'false']);
    if (options.remote) repo.git(['remote', 'add', 'origin', options.remote]);
    return repo;
  }

  git(args: readonly string[], env: Record<string, string> = {}): string {
    return execFileSync('git', [...args], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  private dated(date: string, author: Author): Record<string, string> {
    const when = date.length === 10 ? `${date}T12:00:00+00:00` : date;
    return {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: when,
    };
  }

  /** Writes `files` (path -> text, appended to what is there) and commits them; returns the hash. */
  commit(message: string, options: { date: string; author?: Author; files?: Record<string, string> }): string {
    const files = options.files ?? { [`notes-${Math.random().toString(36).slice(2, 8)}.txt`]: message };
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(this.dir, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.appendFileSync(abs, `${text}\n`);
      this.git(['add', '--', rel]);
    }
    this.git(['commit', '-q', '--no-verify', '-m', message], this.dated(options.date, options.author ?? ALICE));
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  checkout(branch: string, create = false): void {
    this.git(create ? ['checkout', '-q', '-b', branch] : ['checkout', '-q', branch]);
  }

  /** `git merge --no-ff` with the given subject (and body); returns the merge commit. */
  merge(branch: string, subject: string, options: { date: string; author?: Author; body?: string }): string {
    const message = options.body ? `${subject}\n\n${options.body}` : subject;
    this.git(['merge', '-q', '--no-ff', '--no-edit', '-m', message, branch], this.dated(options.date, options.author ?? ALICE));
    return this.head();
  }

  revert(hash: string, options: { date: string; author?: Author }): string {
    this.git(['revert', '--no-edit', hash], this.dated(options.date, options.author ?? ALICE));
    return this.head();
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The history the tests read (all in 2026), by Alice unless said:
 * - `main`: `feat(billing): add invoice export` (03-02), `docs: readme` by Bob (03-03)
 * - PR #12 from `feature/retry-queue`: two commits by Alice, one by Bob, merged 03-12 ("Merge pull request #12 ...")
 * - `Add rate limiter (#123)` (03-20, a squash merge), `Fix flaky tests` by Bob with Alice as co-author (03-21)
 * - `fix(billing): round totals` (03-25, same scope as the first, within 14 days? no: 23 days later)
 * - a revert by Alice of `Add rate limiter (#123)` (04-02), `hotfix: stop double charges` (04-03)
 * - `feat(search): index titles` (05-10), a local branch `spike/graph` with one commit (05-12), unmerged
 */
export function buildHistory(repo: TestRepo): Record<string, string> {
  const h: Record<string, string> = {};
  h['invoice'] = repo.commit('feat(billing): add invoice export', { date: '2026-03-02', files: { 'billing/export.ts': 'export' } });
  h['readme'] = repo.commit('docs: readme', { date: '2026-03-03', author: BOB, files: { 'README.md': 'readme' } });
  repo.checkout('feature/retry-queue', true);
  h['retry1'] = repo.commit('Add retry queue', { date: '2026-03-05', files: { 'queue/retry.ts': 'a\nb\nc' } });
  h['retry2'] = repo.commit('Retry with backoff', { date: '2026-03-09', files: { 'queue/retry.ts': 'd' } });
  h['retryBob'] = repo.commit('Review fixes', { date: '2026-03-10', author: BOB, files: { 'queue/retry.ts': 'e' } });
  repo.checkout('main');
  h['pr12'] = repo.merge('feature/retry-queue', 'Merge pull request #12 from alice/feature/retry-queue', {
    date: '2026-03-12',
    author: BOB,
    body: 'Retry failed payments from a queue',
  });
  repo.git(['branch', '-q', '-D', 'feature/retry-queue']);
  h['limiter'] = repo.commit('Add rate limiter (#123)', { date: '2026-03-20', files: { 'api/limiter.ts': 'limit' } });
  h['flaky'] = repo.commit('Fix flaky tests\n\nCo-authored-by: Alice Doe <Alice@Example.com>', {
    date: '2026-03-21',
    author: BOB,
    files: { 'test/flaky.ts': 'x' },
  });
  h['round'] = repo.commit('fix(billing): round totals', { date: '2026-03-25', files: { 'billing/totals.ts': 'round' } });
  h['revert'] = repo.revert(h['limiter']!, { date: '2026-04-02' });
  h['hotfix'] = repo.commit('hotfix: stop double charges', { date: '2026-04-03', files: { 'billing/charge.ts': 'once' } });
  h['search'] = repo.commit('feat(search): index titles', { date: '2026-05-10', files: { 'search/index.ts': 'titles' } });
  repo.checkout('spike/graph', true);
  h['spike'] = repo.commit('Try a graph store', { date: '2026-05-12', files: { 'graph/store.ts': 'graph' } });
  repo.checkout('main');
  return h;
}
