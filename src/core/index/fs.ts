import { problem, type Problem } from '../problems';
import { isMarkdown } from '../util/paths';

/**
 * The little of a file system the core needs. Paths are workspace-relative POSIX strings. Tests use an
 * in-memory implementation; the extension wraps `vscode.workspace.fs`; the benchmark wraps `node:fs`.
 */
export interface CoreFileSystem {
  /** undefined when the path does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  readDirectory(path: string): Promise<Array<readonly [name: string, kind: FileKind]>>;
  /**
   * Whether the file's real path (symbolic links resolved) is inside the workspace. Asked for symbolic
   * links only; a file system that cannot tell (the web) leaves it out and every path counts as inside.
   */
  isInside?(path: string): Promise<boolean>;
}

/** The problem for a symbolic link whose target is outside the workspace: it is never read. */
export function outsideWorkspace(path: string): Problem {
  return problem('warning', 'outside-workspace', 'This is a symbolic link to a file outside the workspace; it was not read.', undefined, { file: path });
}

export interface FileStat {
  readonly kind: FileKind;
  /** Milliseconds since the epoch. */
  readonly mtime: number;
  readonly size: number;
}

/** Symbolic links are reported as such and never followed into directories (no loops). */
export type FileKind = 'file' | 'directory' | 'symlink-file' | 'symlink-directory' | 'other';

export const MAX_NOTE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 250_000;

/** Folder listings asked for at once while walking. */
const WALK_LOOKAHEAD = 8;

export interface WalkResult {
  readonly files: string[];
  readonly problems: Problem[];
}

/**
 * Every markdown file under `folder`, recursively. Skips dot-folders and `node_modules`, does not follow
 * symbolic links to directories (a link loop cannot hang it), and stops at {@link MAX_FILES}.
 */
export async function listMarkdownFiles(fs: CoreFileSystem, folder: string, options: { exclude?: (path: string) => boolean } = {}): Promise<WalkResult> {
  const files: string[] = [];
  const problems: Problem[] = [];
  const queue = [folder];
  if (fs.isInside && !(await fs.isInside(folder).catch(() => true))) {
    // The notes folder itself is a link out of the workspace: nothing under it is read.
    problems.push(
      problem('warning', 'outside-workspace', 'The notes folder is a symbolic link to a folder outside the workspace; its notes were not read.', undefined, {
        file: folder,
      }),
    );
    return { files, problems };
  }
  // Listings are asked for a few folders ahead of the one being read (each is a round trip to the
  // workbench in VS Code), and read in queue order, so the result is the same as one at a time.
  const listings = new Map<number, Promise<{ entries: Array<readonly [string, FileKind]> } | { error: unknown }>>();
  const list = (i: number) => {
    let listing = listings.get(i);
    if (!listing) {
      listing = (async () => fs.readDirectory(queue[i]!))().then(
        (entries) => ({ entries }),
        (error: unknown) => ({ error }),
      );
      listings.set(i, listing);
    }
    return listing;
  };
  // An index into the queue, not shift(): shift is linear in the queue's length.
  for (let q = 0; q < queue.length; q++) {
    const dir = queue[q]!;
    for (let ahead = q + 1; ahead < Math.min(queue.length, q + WALK_LOOKAHEAD); ahead++) void list(ahead);
    const listing = await list(q);
    listings.delete(q);
    if ('error' in listing) {
      if (dir !== folder) problems.push(problem('warning', 'read-failed', `Folder could not be read: ${message(listing.error)}`, undefined, { file: dir }));
      continue;
    }
    const entries = listing.entries.slice().sort(byName);
    // A listing's names are single path segments, so a plain join is exact (this runs once per note).
    const prefix = dir === '' || dir.endsWith('/') ? dir : `${dir}/`;
    for (const [name, kind] of entries) {
      const path = prefix + name;
      if (options.exclude?.(path)) continue;
      if (kind === 'directory') {
        if (!name.startsWith('.') && name !== 'node_modules') queue.push(path);
      } else if ((kind === 'file' || kind === 'symlink-file') && isMarkdown(name)) {
        if (kind === 'symlink-file' && fs.isInside && !(await fs.isInside(path).catch(() => false))) {
          problems.push(outsideWorkspace(path));
          continue;
        }
        if (files.length >= MAX_FILES) {
          problems.push(problem('warning', 'read-failed', `More than ${MAX_FILES} notes; the rest are not indexed.`, undefined, { file: folder }));
          return { files, problems };
        }
        files.push(path);
      }
    }
  }
  return { files, problems };
}

function byName(a: readonly [string, FileKind], b: readonly [string, FileKind]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

export type DecodeResult = { readonly text: string; readonly problem?: Problem } | { readonly text: undefined; readonly problem: Problem };

/** Bytes to text: refuses binary files, reads non-UTF-8 text with replacement characters and a warning. */
export function decodeNote(bytes: Uint8Array): DecodeResult {
  const probe = bytes.subarray(0, 8000);
  if (probe.includes(0)) {
    return { text: undefined, problem: problem('warning', 'not-text', 'This file is binary, not markdown text; it was skipped.') };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return {
      text: utf8Lenient.decode(bytes),
      problem: problem('warning', 'not-text', 'This file is not valid UTF-8; unreadable characters were replaced. Save it as UTF-8.'),
    };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
