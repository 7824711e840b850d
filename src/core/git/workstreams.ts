/**
 * Grouping a person's commits into workstreams a reviewer would recognise: a merged pull request (merge
 * commits, `(#123)` suffixes), a branch, a conventional-commit scope or the top-level paths touched,
 * within a time window. Reverts, hotfixes and incident fixes outside a pull request stand on their own.
 */
import { marksOf as readMarks, mergeInfo, yieldToLoop, type Commit, type CommitMarks } from './log';

// Each commit's marks are read once (grouping asks for them several times per commit).
const marksCache = new WeakMap<Commit, CommitMarks>();
function marksOf(c: Commit): CommitMarks {
  let m = marksCache.get(c);
  if (!m) marksCache.set(c, (m = readMarks(c)));
  return m;
}
function timeOf(c: Commit): number {
  return c.time;
}

/** Calls back to the event loop every few milliseconds of a long loop (10,000 commits must not block it). */
function slicer(sliceMs = 8): () => Promise<void> | undefined {
  let start = Date.now();
  let n = 0;
  return () => {
    if ((++n & 255) !== 0 || Date.now() - start < sliceMs) return undefined;
    return yieldToLoop().then(() => void (start = Date.now()));
  };
}

export type WorkstreamKind = 'pull-request' | 'branch' | 'scope' | 'paths' | 'revert' | 'hotfix' | 'incident';
export type Mark = 'revert' | 'hotfix' | 'incident';

export interface Workstream {
  readonly kind: WorkstreamKind;
  readonly title: string;
  /** The person's commits, oldest first. */
  readonly commits: readonly Commit[];
  readonly marks: readonly Mark[];
  readonly pr?: number;
  readonly branch?: string;
  readonly scope?: string;
  /** Top-level paths touched, most changed first. */
  readonly paths: readonly string[];
}

export interface GroupOptions {
  /** Commits of the same scope or paths further apart than this many days start a new workstream. */
  readonly windowDays?: number;
  /** The commit HEAD points at: its first-parent chain is the mainline. */
  readonly head?: string;
}

export const DEFAULT_WINDOW_DAYS = 14;

interface Group {
  kind: WorkstreamKind;
  pr?: number;
  branch?: string;
  scope?: string;
  title?: string;
  key?: string;
  commits: Commit[];
}

/**
 * `all` is every commit read (the structure: merges, branches); `isMine` picks the person's. Only the
 * person's non-merge commits end up in workstreams. Deterministic: oldest workstream first.
 */
export async function groupWorkstreams(all: readonly Commit[], isMine: (c: Commit) => boolean, options: GroupOptions = {}): Promise<Workstream[]> {
  const tick = slicer();
  const windowMs = (options.windowDays ?? DEFAULT_WINDOW_DAYS) * 86_400_000;
  const byHash = new Map(all.map((c) => [c.hash, c] as const));
  const claimed = new Map<string, Group>();
  const groups: Group[] = [];

  // The mainline: HEAD's first parents.
  const mainline: Commit[] = [];
  const onMainline = new Set<string>();
  for (let c = options.head ? byHash.get(options.head) : undefined; c && !onMainline.has(c.hash); c = c.parents[0] ? byHash.get(c.parents[0]) : undefined) {
    mainline.push(c);
    onMainline.add(c.hash);
  }

  /** Claims for `group` every commit reachable from `from` that is neither mainline nor claimed. */
  const claim = (group: Group, from: readonly string[]) => {
    const stack = [...from];
    while (stack.length) {
      const hash = stack.pop()!;
      const c = byHash.get(hash);
      if (!c || onMainline.has(hash) || claimed.has(hash)) continue;
      claimed.set(hash, group);
      if (c.parents.length < 2) group.commits.push(c);
      stack.push(...c.parents);
    }
  };

  // Merges on the mainline, oldest first: each claims what its other parents brought in.
  for (const merge of [...mainline].reverse()) {
    await tick();
    if (merge.parents.length < 2) continue;
    const info = mergeInfo(merge.subject, merge.body) ?? {};
    const group: Group = {
      kind: info.pr !== undefined ? 'pull-request' : 'branch',
      ...(info.pr !== undefined ? { pr: info.pr } : {}),
      ...(info.branch ? { branch: info.branch } : {}),
      ...(info.title ? { title: info.title } : {}),
      commits: [],
    };
    claim(group, merge.parents.slice(1));
    groups.push(group);
  }

  // Local branches not merged into HEAD.
  for (const c of all) {
    await tick();
    if (onMainline.has(c.hash) || claimed.has(c.hash)) continue;
    const branch = c.branches[0];
    if (!branch) continue;
    const group: Group = { kind: 'branch', branch, commits: [] };
    claim(group, [c.hash]);
    groups.push(group);
  }

  // What is left (commits straight on the mainline, or unreachable from a named branch).
  const rest = all.filter((c) => !claimed.has(c.hash) && c.parents.length < 2 && isMine(c)).sort(byDate);
  const byPr = new Map<number, Group>();
  const open = new Map<string, Group>();
  for (const c of rest) {
    await tick();
    const marks = marksOf(c);
    if (marks.pr !== undefined) {
      let group = byPr.get(marks.pr);
      if (!group) {
        byPr.set(marks.pr, (group = { kind: 'pull-request', pr: marks.pr, title: marks.description, commits: [] }));
        groups.push(group);
      }
      group.commits.push(c);
      continue;
    }
    if (marks.revert || marks.hotfix || marks.incident) {
      groups.push({ kind: marks.revert ? 'revert' : marks.incident ? 'incident' : 'hotfix', title: c.subject.trim(), commits: [c] });
      continue;
    }
    const top = topPathOf(c);
    const key = marks.scope ? `scope:${marks.scope}` : `paths:${top ?? ''}`;
    const last = open.get(key);
    const lastCommit = last?.commits[last.commits.length - 1];
    if (last && lastCommit && timeOf(c) - timeOf(lastCommit) <= windowMs) {
      last.commits.push(c);
      continue;
    }
    const group: Group = marks.scope ? { kind: 'scope', scope: marks.scope, key, commits: [c] } : { kind: 'paths', key, commits: [c] };
    open.set(key, group);
    groups.push(group);
  }

  const out: Workstream[] = [];
  for (const g of groups) {
    await tick();
    const commits = g.commits.filter((c) => isMine(c)).sort(byDate);
    if (commits.length === 0) continue;
    out.push(finish(g, commits));
  }
  return out.sort((a, b) => byDate(a.commits[a.commits.length - 1]!, b.commits[b.commits.length - 1]!) || a.title.localeCompare(b.title));
}

function byDate(a: Commit, b: Commit): number {
  return timeOf(a) - timeOf(b) || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0);
}

function finish(g: Group, commits: Commit[]): Workstream {
  const marks = new Set<Mark>();
  for (const c of commits) {
    const m = marksOf(c);
    if (m.revert) marks.add('revert');
    if (m.hotfix) marks.add('hotfix');
    if (m.incident) marks.add('incident');
  }
  if (g.branch && /^(hotfix|hot-fix)[/-]/i.test(g.branch)) marks.add('hotfix');
  if (g.kind === 'revert' || g.kind === 'hotfix' || g.kind === 'incident') marks.add(g.kind);
  const paths = topPaths(commits);
  return {
    kind: g.kind,
    title: titleOf(g, commits, paths),
    commits,
    marks: [...marks].sort(),
    ...(g.pr !== undefined ? { pr: g.pr } : {}),
    ...(g.branch ? { branch: g.branch } : {}),
    ...(g.scope ? { scope: g.scope } : {}),
    paths,
  };
}

/** The top-level folder (or root file) a commit changed most. */
function topPathOf(c: Commit): string | undefined {
  let best: string | undefined;
  let weight = -1;
  for (const f of c.files) {
    const slash = f.path.indexOf('/');
    const w = f.added + f.deleted + 1;
    if (w > weight) {
      weight = w;
      best = slash < 0 ? f.path : f.path.slice(0, slash);
    }
  }
  return best;
}

/** Top-level folders (or files at the root) touched, most lines changed first. */
export function topPaths(commits: readonly Commit[]): string[] {
  const weight = new Map<string, number>();
  for (const c of commits) {
    for (const f of c.files) {
      const slash = f.path.indexOf('/');
      const top = slash < 0 ? f.path : f.path.slice(0, slash);
      weight.set(top, (weight.get(top) ?? 0) + f.added + f.deleted + 1);
    }
  }
  return [...weight].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([p]) => p);
}

function titleOf(g: Group, commits: readonly Commit[], paths: readonly string[]): string {
  const first = sentence(marksOf(commits[0]!).description);
  const more = commits.length > 1 ? `, and ${commits.length - 1} more change${commits.length === 2 ? '' : 's'}` : '';
  switch (g.kind) {
    case 'pull-request':
      return clip(g.title ? sentence(stripPr(g.title)) : g.branch ? humanize(g.branch) : `${first}${more}`);
    case 'branch':
      return clip(g.title ? sentence(g.title) : g.branch ? humanize(g.branch) : `${first}${more}`);
    case 'scope':
      return clip(`${sentence(g.scope!)}: ${first}${more}`);
    case 'paths':
      return clip(paths[0] && more ? `${paths[0]}: ${first}${more}` : `${first}${more}`);
    default:
      return clip(g.title ?? first);
  }
}

function stripPr(title: string): string {
  const trimmed = title.trimEnd();
  const m = /\(#\d+\)$/.exec(trimmed);
  return m ? trimmed.slice(0, m.index).trimEnd() : trimmed;
}

/** `feature/retry-queue_v2` -> `Retry queue v2`. */
export function humanize(branch: string): string {
  const last = branch.replace(/^(feature|feat|fix|bugfix|hotfix|chore|topic|users?\/[^/]+)\//i, '');
  return sentence(
    last
      .replace(/[/_-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || branch,
  );
}

function sentence(text: string): string {
  const t = text.replace(/[\r\n]+/g, ' ').trim();
  return t ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}

function clip(text: string): string {
  return text.length > 190 ? `${text.slice(0, 187).trimEnd()}...` : text;
}
