/**
 * Reading `git log`: the machine-readable format asked of git and its parser. Fields are separated by
 * ASCII unit separators, records by record separators, so no subject, body or name can break a record;
 * `--numstat` lines follow each header. No `vscode` and no process here: the text comes from a runner.
 */

export const FIELD = '\x1f';
export const RECORD = '\x1e';
/** Ends a record's header, before its numstat lines. */
export const HEADER_END = '\x1d';
/** Between `Co-authored-by:` trailer values. */
export const TRAILER_SEP = '\x1c';

/** Hash, parents, local branch tips, author name, email, date, subject, co-author trailers, body. */
export const LOG_FORMAT = [
  `${RECORD}%H`,
  '%P',
  '%D',
  '%aN',
  '%aE',
  '%aI',
  '%s',
  '%(trailers:key=Co-authored-by,valueonly,separator=%x1c)',
  `%b${HEADER_END}`,
].join('%x1f');

export interface Person {
  readonly name: string;
  /** Lowercased. */
  readonly email: string;
}

export interface FileChange {
  readonly path: string;
  /** Lines added and deleted; 0 for a binary file. */
  readonly added: number;
  readonly deleted: number;
}

export interface Commit {
  readonly hash: string;
  readonly parents: readonly string[];
  /** Local branches whose tip this commit is (`main`, `feature/x`). */
  readonly branches: readonly string[];
  readonly author: Person;
  readonly coAuthors: readonly Person[];
  /** ISO 8601 with the author's offset, as git wrote it. */
  readonly date: string;
  /** The author's calendar date, `YYYY-MM-DD`. */
  readonly day: string;
  /** `date` in milliseconds since the epoch. */
  readonly time: number;
  readonly subject: string;
  readonly body: string;
  readonly files: readonly FileChange[];
}

/**
 * The arguments of `git log` from a date on (widened by a day; filter by `day` after). Everything after
 * the period is read too: the merges and first parents that came later say which pull request a
 * commit of the period belongs to.
 */
export function logArgs(since: string): string[] {
  return [
    '-c',
    'core.quotePath=false',
    '-c',
    'log.showSignature=false',
    'log',
    'HEAD',
    '--branches',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    '--numstat',
    '--decorate-refs=refs/heads/',
    `--format=${LOG_FORMAT}`,
    `--since=${shiftDay(since, -1)}T00:00:00`,
  ];
}

function shiftDay(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `Name <email>` (a trailer value) as a person; undefined when it has no email. */
export function parsePerson(value: string): Person | undefined {
  // Without a regex: `Name <email>`, the email the last `<...>`, which must end the value.
  const text = value.trim();
  if (!text.endsWith('>')) return undefined;
  const open = text.lastIndexOf('<');
  if (open < 0) return undefined;
  const email = text.slice(open + 1, -1);
  const at = email.indexOf('@');
  if (at <= 0 || at === email.length - 1 || /[\s<>]/.test(email)) return undefined;
  return { name: text.slice(0, open).trim(), email: email.toLowerCase() };
}

/** Parses one record (the text after a RECORD separator); undefined when it is not a commit record. */
export function parseRecord(record: string): Commit | undefined {
  const end = record.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const header = record.slice(0, end);
  const fields = header.split(FIELD);
  if (fields.length < 9) return undefined;
  const [hash, parents, refs, name, email, date, subject, trailers] = fields as [string, string, string, string, string, string, string, string];
  if (!/^[0-9a-f]{40,64}$/.test(hash)) return undefined;
  const body = fields.slice(8).join(FIELD).trim();
  const coAuthors: Person[] = [];
  for (const value of trailers.split(TRAILER_SEP)) {
    const person = value.trim() ? parsePerson(value.replace(/[\r\n]+/g, ' ')) : undefined;
    if (person && !coAuthors.some((p) => p.email === person.email)) coAuthors.push(person);
  }
  return {
    hash,
    parents: parents.split(' ').filter(Boolean),
    branches: parseRefs(refs),
    author: { name, email: email.trim().toLowerCase() },
    coAuthors,
    date,
    day: date.slice(0, 10),
    time: Date.parse(date),
    subject,
    body,
    files: parseNumstat(record.slice(end + 1)),
  };
}

/** `HEAD -> main, feature/x` -> `['main', 'feature/x']` (tags and HEAD itself are not branches). */
function parseRefs(refs: string): string[] {
  const out: string[] = [];
  for (const part of refs.split(',')) {
    const name = part.trim().replace(/^HEAD -> /, '');
    if (!name || name === 'HEAD' || name.startsWith('tag: ')) continue;
    out.push(name);
  }
  return out;
}

function parseNumstat(text: string): FileChange[] {
  const files: FileChange[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(line);
    if (!m) continue;
    files.push({ path: m[3]!, added: m[1] === '-' ? 0 : Number(m[1]), deleted: m[2] === '-' ? 0 : Number(m[2]) });
  }
  return files;
}

/** Parses the whole output at once (tests, small repositories). */
export function parseLog(output: string): Commit[] {
  const commits: Commit[] = [];
  for (const record of output.split(RECORD)) {
    const commit = parseRecord(record);
    if (commit) commits.push(commit);
  }
  return commits;
}

/**
 * Parses the output in slices of a few milliseconds, yielding to the event loop between them, so a
 * history of tens of thousands of commits never blocks the extension host. Stops when `signal` aborts.
 */
export async function parseLogSliced(output: string, options: { signal?: AbortSignal; sliceMs?: number } = {}): Promise<Commit[]> {
  const sliceMs = options.sliceMs ?? 8;
  const commits: Commit[] = [];
  let start = output.indexOf(RECORD);
  let sliceStart = Date.now();
  while (start >= 0) {
    const next = output.indexOf(RECORD, start + 1);
    const commit = parseRecord(output.slice(start + 1, next < 0 ? undefined : next));
    if (commit) commits.push(commit);
    start = next;
    if (Date.now() - sliceStart > sliceMs) {
      await yieldToLoop();
      if (options.signal?.aborted) throw abortError();
      sliceStart = Date.now();
    }
  }
  return commits;
}

export function yieldToLoop(): Promise<void> {
  // setImmediate in Node (no 1 ms clamp); setTimeout where there is none.
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

export function abortError(): Error {
  const error = new Error('cancelled');
  error.name = 'AbortError';
  return error;
}

/** What a subject says about the commit. */
export interface CommitMarks {
  readonly revert: boolean;
  readonly hotfix: boolean;
  readonly incident: boolean;
  /** `(#123)` at the end of the subject (a squash-merged pull request). */
  readonly pr?: number;
  /** Conventional commit: `type(scope)!: description`. */
  readonly type?: string;
  readonly scope?: string;
  readonly description: string;
}

const CONVENTIONAL = /^([a-z]+)(?:\(([^()]+)\))?!?:[ \t]*(\S.*)$/i;

export function marksOf(commit: Pick<Commit, 'subject' | 'body'>): CommitMarks {
  const subject = commit.subject.trim();
  const pr = /\(#(\d{1,9})\)\s*$/.exec(subject);
  const withoutPr = pr ? subject.slice(0, pr.index).trim() : subject;
  const conv = CONVENTIONAL.exec(withoutPr);
  const text = `${subject}\n${commit.body}`;
  return {
    revert: /^revert\b/i.test(subject) || /^This reverts commit [0-9a-f]{7,}/m.test(commit.body),
    hotfix: /\bhot[- ]?fix(es|ed)?\b/i.test(subject) || conv?.[1]?.toLowerCase() === 'hotfix',
    incident: /\b(incidents?|outages?|post-?mortem|sev[- ]?[0-4]|inc-\d+)\b/i.test(text),
    ...(pr ? { pr: Number(pr[1]) } : {}),
    ...(conv ? { type: conv[1]!.toLowerCase(), ...(conv[2] ? { scope: conv[2].trim().toLowerCase() } : {}) } : {}),
    description: conv ? conv[3]!.trim() : withoutPr,
  };
}

/** What a merge commit's subject (and body) says: the pull request and the branch merged. */
export interface MergeInfo {
  readonly pr?: number;
  readonly branch?: string;
  /** The pull request's title, when the host put it in the body (GitHub does). */
  readonly title?: string;
}

export function mergeInfo(subject: string, body: string): MergeInfo | undefined {
  let m = /^Merge pull request #(\d+) from ([^\s]+)/.exec(subject);
  if (m) {
    const branch = m[2]!.replace(/^[^/]+\//, '');
    const title = body
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean);
    return { pr: Number(m[1]), branch, ...(title ? { title } : {}) };
  }
  m = /^Merged in ([^\s]+) \(pull request #(\d+)\)/.exec(subject); // Bitbucket
  if (m) {
    const title = body
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/^Approved-by:/i.test(l));
    return { pr: Number(m[2]), branch: m[1]!, ...(title ? { title } : {}) };
  }
  m = /^Merge (?:remote-tracking )?branch '([^']+)'/.exec(subject);
  if (m) {
    const mr = /^See merge request [^\s!]+!(\d+)/m.exec(body); // GitLab
    const title = mr
      ? body
          .split('\n')
          .map((l) => l.trim())
          .find(Boolean)
      : undefined;
    return {
      branch: m[1]!.replace(/^origin\//, ''),
      ...(mr ? { pr: Number(mr[1]) } : {}),
      ...(title && !title.startsWith('See merge request') ? { title } : {}),
    };
  }
  m = /^Merge branches? (.+)$/.exec(subject);
  if (m) return {};
  return undefined;
}
