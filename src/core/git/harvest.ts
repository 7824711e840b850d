/**
 * A harvest: the person's commits of a period across repositories, grouped into workstreams and
 * drafted as brag entries, minus every commit a note already lists. Nothing is written here.
 */
import { abortError, yieldToLoop, type Commit } from './log';
import { draftOf, type Draft, type KnownCommits, type SuggestCriteria } from './drafts';
import { GitFailure, inspectRepository, isProblem, readHistory, type GitRunner, type RepositoryInfo, type RepositoryProblem } from './repository';
import { groupWorkstreams } from './workstreams';

export interface HarvestOptions {
  readonly git: GitRunner;
  /** Absolute paths of repositories (or folders inside them). */
  readonly repositories: readonly string[];
  readonly since: string;
  readonly until: string;
  /** When given, the only identities (emails); else each repository's `user.email` plus `extraEmails`. */
  readonly authors?: readonly string[];
  readonly extraEmails?: readonly string[];
  readonly known: KnownCommits;
  readonly suggest?: SuggestCriteria;
  readonly signal?: AbortSignal;
  readonly windowDays?: number;
  readonly onProgress?: (step: { repository: string; done: number; total: number }) => void;
}

export interface HarvestOutcome {
  readonly drafts: Draft[];
  readonly repositories: RepositoryInfo[];
  readonly problems: RepositoryProblem[];
  /** The emails looked for. */
  readonly identities: string[];
  /** Commits (not merges) in the period, anyone's. */
  readonly commitsInPeriod: number;
  /** The person's commits in the period, and how many of them notes already list. */
  readonly mine: number;
  readonly alreadyInNotes: number;
  /** Authors asked for (`authors`) with no commit in the period in any repository. */
  readonly authorsWithoutCommits: string[];
  /** Workstreams drafted. */
  readonly workstreams: number;
}

export async function harvest(options: HarvestOptions): Promise<HarvestOutcome> {
  const { git, signal } = options;
  const problems: RepositoryProblem[] = [];
  const infos: RepositoryInfo[] = [];
  const seenRoots = new Set<string>();
  const total = options.repositories.length;
  let done = 0;
  for (const path of options.repositories) {
    if (signal?.aborted) throw abortError();
    options.onProgress?.({ repository: path, done, total });
    const info = await inspectRepository(git, path, signal);
    done++;
    if (isProblem(info)) {
      if (info.kind === 'cancelled') throw abortError();
      problems.push(info);
      if (info.kind === 'no-git') break;
      continue;
    }
    if (seenRoots.has(info.root)) continue;
    seenRoots.add(info.root);
    infos.push(info);
  }
  const authors = options.authors?.map(normalizeEmail).filter(Boolean);
  const identities = authors?.length
    ? [...new Set(authors)]
    : [...new Set([...infos.map((i) => i.email), ...(options.extraEmails ?? []).map(normalizeEmail)].filter((e): e is string => !!e))];
  const wanted = new Set(identities);
  const authorsSeen = new Set<string>();
  const isMine = (c: Commit) => {
    const emails = [c.author.email, ...c.coAuthors.map((p) => p.email)];
    let mine = false;
    for (const e of emails) {
      if (wanted.has(e)) {
        authorsSeen.add(e);
        mine = true;
      }
    }
    return mine;
  };

  const drafts: Draft[] = [];
  let commitsInPeriod = 0;
  let mine = 0;
  let alreadyInNotes = 0;
  let workstreams = 0;
  for (const info of infos) {
    if (signal?.aborted) throw abortError();
    let commits: Commit[];
    try {
      commits = await readHistory(git, info, options.since, signal);
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      if (error instanceof GitFailure) {
        if (error.kind === 'cancelled') throw abortError();
        problems.push({ kind: error.kind === 'no-git' ? 'no-git' : 'unreadable', path: info.root, detail: error.message.split('\n')[0]!.slice(0, 300) });
        continue;
      }
      throw error;
    }
    // Commits after the period are there for the structure only (later merges and first parents).
    const inPeriod = (c: Commit) => c.day <= options.until;
    const nonMerges = commits.filter((c) => c.parents.length < 2 && inPeriod(c));
    commitsInPeriod += nonMerges.length;
    const fresh = (c: Commit) => inPeriod(c) && isMine(c) && !options.known.has(c.hash);
    for (const c of nonMerges) {
      if (isMine(c)) {
        mine++;
        if (options.known.has(c.hash)) alreadyInNotes++;
      }
    }
    await yieldToLoop();
    const streams = await groupWorkstreams(commits, fresh, { head: info.head, ...(options.windowDays ? { windowDays: options.windowDays } : {}) });
    workstreams += streams.length;
    let sliceStart = Date.now();
    for (const ws of streams) {
      drafts.push(draftOf(ws, info.root, info.remote, options.suggest));
      if (Date.now() - sliceStart > 8) {
        await yieldToLoop();
        if (signal?.aborted) throw abortError();
        sliceStart = Date.now();
      }
    }
  }
  drafts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  return {
    drafts,
    repositories: infos,
    problems,
    identities,
    commitsInPeriod,
    mine,
    alreadyInNotes,
    authorsWithoutCommits: authors?.length ? identities.filter((e) => !authorsSeen.has(e)) : [],
    workstreams,
  };
}

function normalizeEmail(email: string | undefined): string {
  return (email ?? '').trim().replace(/^<|>$/g, '').toLowerCase();
}
