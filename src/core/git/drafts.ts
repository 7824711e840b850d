/**
 * Drafts of brag entries from workstreams, the commits already in notes (so a harvest never drafts a
 * commit twice), and the text of the note an accepted draft becomes.
 */
import { findFrontMatter } from '../notes/frontMatter';
import { parseNote } from '../notes/parse';
import { yamlScalar } from '../notes/templates';
import type { Commit } from './log';
import { commitUrl, pullRequestUrl, type WebRemote } from './remote';
import type { Mark, Workstream, WorkstreamKind } from './workstreams';
import { trimEndChars } from '../util/text';

export interface DraftCommit {
  readonly hash: string;
  readonly subject: string;
  /** `YYYY-MM-DD`, the author's date. */
  readonly date: string;
}

export interface Diffstat {
  readonly files: number;
  readonly insertions: number;
  readonly deletions: number;
}

export interface Draft {
  /** Stable within a harvest: the repository and the first commit. */
  readonly id: string;
  readonly title: string;
  /** The date of its last commit. */
  readonly date: string;
  /** The repository's absolute path. */
  readonly repository: string;
  readonly kind: WorkstreamKind;
  readonly marks: readonly Mark[];
  readonly commits: readonly DraftCommit[];
  readonly diffstat: Diffstat;
  readonly pr?: number;
  readonly branch?: string;
  readonly scope?: string;
  readonly paths: readonly string[];
  /** The pull request's page, then each commit's, when the remote is GitHub, GitLab or Bitbucket. */
  readonly links: readonly string[];
  readonly criteria: readonly string[];
}

/** Suggests criteria for a draft's text (the tagger, from the feature). */
export type SuggestCriteria = (title: string, body: string) => readonly string[];

export function draftOf(ws: Workstream, repository: string, remote: WebRemote | undefined, suggest?: SuggestCriteria): Draft {
  const commits = ws.commits.map((c) => ({ hash: c.hash, subject: c.subject, date: c.day }));
  const files = new Set<string>();
  let insertions = 0;
  let deletions = 0;
  for (const c of ws.commits) {
    for (const f of c.files) {
      files.add(f.path);
      insertions += f.added;
      deletions += f.deleted;
    }
  }
  const links = remote ? [...(ws.pr !== undefined ? [pullRequestUrl(remote, ws.pr)] : []), ...ws.commits.map((c) => commitUrl(remote, c.hash))] : [];
  const body = ws.commits.map((c: Commit) => `${c.subject}\n${c.body}`).join('\n');
  return {
    id: `${repository}#${ws.commits[0]!.hash}`,
    title: ws.title,
    date: commits[commits.length - 1]!.date,
    repository,
    kind: ws.kind,
    marks: ws.marks,
    commits,
    diffstat: { files: files.size, insertions, deletions },
    ...(ws.pr !== undefined ? { pr: ws.pr } : {}),
    ...(ws.branch ? { branch: ws.branch } : {}),
    ...(ws.scope ? { scope: ws.scope } : {}),
    paths: ws.paths,
    links,
    criteria: suggest ? [...suggest(ws.title, body)] : [],
  };
}

/** Two drafts as one: commits of both (oldest first), the first's title, the union of criteria. */
export function mergeDrafts(a: Draft, b: Draft): Draft {
  const seen = new Set<string>();
  const commits = [...a.commits, ...b.commits]
    .filter((c) => !seen.has(c.hash) && seen.add(c.hash))
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const links = [...new Set([...a.links, ...b.links])];
  return {
    ...a,
    date: commits[commits.length - 1]!.date,
    marks: [...new Set([...a.marks, ...b.marks])].sort(),
    commits,
    diffstat: {
      files: a.diffstat.files + b.diffstat.files,
      insertions: a.diffstat.insertions + b.diffstat.insertions,
      deletions: a.diffstat.deletions + b.diffstat.deletions,
    },
    paths: [...new Set([...a.paths, ...b.paths])],
    links,
    criteria: [...new Set([...a.criteria, ...b.criteria])],
    ...(a.repository !== b.repository ? { repository: a.repository } : {}),
  };
}

/** The hashes a note's front matter lists under `commits:` (lowercased); [] when it lists none. */
export function commitsOfNote(text: string, path = 'note.md'): string[] {
  // Most notes have no `commits:` at all: skip the YAML parse for them.
  if (!/^commits\s*:/m.test(text.slice(0, 64 * 1024))) return [];
  const parsed = parseNote(text, path);
  const value = parsed.data['commits'];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return list.filter((v): v is string => typeof v === 'string' && /^[0-9a-f]{7,64}$/i.test(v.trim())).map((v) => v.trim().toLowerCase());
}

/** The commits already in notes, full or abbreviated (at least 7 characters). */
export class KnownCommits {
  private readonly full = new Set<string>();
  private readonly short = new Set<string>();

  constructor(hashes: Iterable<string> = []) {
    for (const h of hashes) this.add(h);
  }

  add(hash: string): void {
    const h = hash.toLowerCase();
    if (h.length >= 40) this.full.add(h);
    else if (h.length >= 7) this.short.add(h);
  }

  has(hash: string): boolean {
    const h = hash.toLowerCase();
    if (this.full.has(h)) return true;
    if (this.short.size === 0) return false;
    for (let n = 7; n < h.length && n <= 40; n++) if (this.short.has(h.slice(0, n))) return true;
    return false;
  }

  get size(): number {
    return this.full.size + this.short.size;
  }
}

/**
 * The note an accepted draft becomes: `rendered` is the brag template rendered for the draft (title,
 * date, criteria); `source: git` and `commits:` go into its front matter (a front matter is added when
 * the template has none), and the commits, diffstat and links are appended to its body.
 */
export function harvestNoteText(rendered: string, draft: Draft, repositoryName: string): string {
  const eol = rendered.includes('\r\n') ? '\r\n' : '\n';
  const fields = ['source: git', 'commits:', ...draft.commits.map((c) => `  - ${c.hash}`), `repository: ${yamlScalar(repositoryName)}`];
  if (draft.pr !== undefined) fields.push(`pull-request: ${draft.pr}`);
  if (draft.marks.length) fields.push(`marks: [${draft.marks.join(', ')}]`);
  const links = draft.links.slice(0, MAX_LINKS);
  const linkLines = links.length ? ['links:', ...links.map((l) => `  - ${yamlScalar(l)}`)] : [];
  let text: string;
  const close = frontMatterClose(rendered);
  if (close < 0) text = ['---', ...linkLines, ...fields, '---', ''].join(eol) + rendered;
  else {
    let front = rendered.slice(0, close);
    // The template's empty `links: []` gets the pull request and commits; a list it already has stays.
    const empty = /^links:[^\S\r\n]*\[[^\S\r\n]*\][^\S\r\n]*(?=\r?$)/m;
    if (linkLines.length && empty.test(front)) front = front.replace(empty, linkLines.join(eol));
    else if (linkLines.length && !/^links\s*:/m.test(front)) fields.unshift(...linkLines);
    text = front + fields.join(eol) + eol + rendered.slice(close);
  }
  return trimEndChars(text, '\r\n') + eol + commitSection(draft, repositoryName).replace(/\n/g, eol);
}

/** Offset of the closing `---` line of the (YAML) front matter, or -1. */
function frontMatterClose(text: string): number {
  const block = findFrontMatter(text);
  return block?.closed && block.isYaml ? block.closeOffset : -1;
}

/** At most this many links in the front matter (the body lists every commit). */
const MAX_LINKS = 11;

const MARK_LABEL: Record<Mark, string> = { revert: 'a revert', hotfix: 'a hotfix', incident: 'an incident fix' };

export function commitSection(draft: Draft, repositoryName: string): string {
  const lines = ['', '## From git', ''];
  const linkOf = (hash: string) => draft.links.find((l) => l.endsWith(`/${hash}`));
  const pr = draft.pr !== undefined ? draft.links.find((l) => /\/(pull|merge_requests|pull-requests)\/\d+$/.test(l)) : undefined;
  lines.push(`- Repository: ${escapeMd(repositoryName)}${draft.branch ? `, branch \`${draft.branch.replace(/`/g, '')}\`` : ''}`);
  if (draft.pr !== undefined) lines.push(`- Pull request: ${pr ? `[#${draft.pr}](${pr})` : `#${draft.pr}`}`);
  if (draft.marks.length) lines.push(`- Marked as ${draft.marks.map((m) => MARK_LABEL[m]).join(', ')}`);
  const { files, insertions, deletions } = draft.diffstat;
  lines.push(`- Diffstat: ${files} file${files === 1 ? '' : 's'} changed, +${insertions} −${deletions}`);
  lines.push('', '### Commits', '');
  for (const c of draft.commits) {
    const short = c.hash.slice(0, 10);
    const link = linkOf(c.hash);
    lines.push(`- ${link ? `[\`${short}\`](${link})` : `\`${short}\``} ${c.date} — ${escapeMd(c.subject)}`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeMd(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>]/g, '\\$&');
}
