/**
 * One repository as the harvest sees it: checked (a repository, readable, not shallow, not on a
 * detached HEAD), its identity (`user.email`) and web remote, and its history for a period.
 */
import { LOG_FORMAT, logArgs, parseLog, parseLogSliced, type Commit } from './log';
import { commitUrl, pickRemote, type WebRemote } from './remote';
import { trimEndChars } from '../util/text';

export interface RunOptions {
  readonly cwd: string;
  readonly signal?: AbortSignal;
}

/** Runs git with these arguments in `cwd` and resolves to its stdout; rejects with a {@link GitFailure}. */
export type GitRunner = (args: readonly string[], options: RunOptions) => Promise<string>;

export type FailureKind = 'no-git' | 'failed' | 'cancelled';

export class GitFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly exitCode?: number,
  ) {
    super(message);
    this.name = 'GitFailure';
  }
}

export interface RepositoryInfo {
  /** The work tree's top level, as git prints it. */
  readonly root: string;
  readonly name: string;
  readonly head: string;
  readonly branch: string;
  readonly email?: string;
  readonly remote?: WebRemote;
}

export type RepositoryProblemKind = 'not-a-repository' | 'unreadable' | 'shallow' | 'detached' | 'no-commits' | 'no-git' | 'cancelled';

export interface RepositoryProblem {
  readonly kind: RepositoryProblemKind;
  readonly path: string;
  /** git's own words, when it said something. */
  readonly detail?: string;
}

/** Checks `path` and reads what the harvest needs of it; a problem instead of an exception. */
export async function inspectRepository(git: GitRunner, path: string, signal?: AbortSignal): Promise<RepositoryInfo | RepositoryProblem> {
  const run = (args: string[]) => git(args, { cwd: path, ...(signal ? { signal } : {}) });
  let lines: string[];
  try {
    lines = (await run(['rev-parse', '--is-inside-work-tree', '--show-toplevel', '--is-shallow-repository'])).split('\n').map((l) => l.trim());
  } catch (error) {
    if (!(error instanceof GitFailure)) throw error;
    if (error.kind !== 'failed') return { kind: error.kind, path };
    const detail = firstLine(error.message);
    return { kind: /not a git repository/i.test(error.message) ? 'not-a-repository' : 'unreadable', path, ...(detail ? { detail } : {}) };
  }
  if (lines[0] !== 'true' || !lines[1]) return { kind: 'not-a-repository', path };
  const root = lines[1];
  if (lines[2] === 'true') return { kind: 'shallow', path: root };
  let branch: string;
  try {
    branch = (await run(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
  } catch (error) {
    if (error instanceof GitFailure && error.kind !== 'failed') return { kind: error.kind, path: root };
    return { kind: 'detached', path: root };
  }
  let head: string;
  try {
    head = (await run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
  } catch (error) {
    if (error instanceof GitFailure && error.kind !== 'failed') return { kind: error.kind, path: root };
    return { kind: 'no-commits', path: root };
  }
  if (!head) return { kind: 'no-commits', path: root };
  const email = (await run(['config', '--get', 'user.email']).catch(() => '')).trim().toLowerCase();
  const remotes = await run(['config', '--get-regexp', '^remote\\..*\\.url$']).catch(() => '');
  const remote = pickRemote(remotes);
  return { root, name: baseName(root), head, branch, ...(email ? { email } : {}), ...(remote ? { remote } : {}) };
}

export function isProblem(value: RepositoryInfo | RepositoryProblem): value is RepositoryProblem {
  return 'kind' in value;
}

/** Every commit reachable from HEAD and the local branches whose author date is `since` or later. */
export async function readHistory(git: GitRunner, repo: RepositoryInfo, since: string, signal?: AbortSignal): Promise<Commit[]> {
  const output = await git(logArgs(since), { cwd: repo.root, ...(signal ? { signal } : {}) });
  const commits = await parseLogSliced(output, signal ? { signal } : {});
  return commits.filter((c) => c.day >= since);
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? '')
    .replace(/^fatal:\s*/, '')
    .trim()
    .slice(0, 300);
}

function baseName(path: string): string {
  const parts = trimEndChars(path, '/\\').split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * A repository path as written in a setting or an argument: absolute (POSIX or `C:\`), or `~` / `~/...`
 * under `home`. A relative path gives undefined: what it is relative to would be a guess.
 */
export function resolveRepositoryPath(input: string, home: string): string | undefined {
  const text = input.trim();
  if (text === '~') return home;
  if (text.startsWith('~/') || text.startsWith('~\\')) return `${trimEndChars(home, '/\\')}/${text.slice(2)}`;
  if (text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\')) return text;
  return undefined;
}

/** The commit a win was made on: the repository as the harvest reads it, and its HEAD commit. */
export interface HeadCommit {
  readonly repository: RepositoryInfo;
  readonly commit: Commit;
  /** The commit's web page when the remote is a recognisable GitHub, GitLab or Bitbucket URL. */
  readonly url?: string;
}

/**
 * The repository holding `path` and its HEAD commit, read the way the harvest reads history (the same
 * `git log` format and parser); undefined when `path` is not in a repository with a commit.
 */
export async function readHeadCommit(git: GitRunner, path: string, signal?: AbortSignal): Promise<HeadCommit | undefined> {
  const repository = await inspectRepository(git, path, signal);
  // A detached HEAD or a shallow clone is fine for one commit (the harvest refuses them for history).
  if (isProblem(repository) && repository.kind !== 'detached' && repository.kind !== 'shallow') return undefined;
  const root = isProblem(repository) ? repository.path : repository.root;
  let output: string;
  try {
    output = await git(['-c', 'log.showSignature=false', 'log', '-1', '--no-color', `--format=${LOG_FORMAT}`, 'HEAD'], {
      cwd: root,
      ...(signal ? { signal } : {}),
    });
  } catch {
    return undefined;
  }
  const commit = parseLog(output)[0];
  if (!commit) return undefined;
  const info: RepositoryInfo = isProblem(repository) ? { root, name: baseName(root), head: commit.hash, branch: '' } : repository;
  return { repository: info, commit, ...(info.remote ? { url: commitUrl(info.remote, commit.hash) } : {}) };
}
