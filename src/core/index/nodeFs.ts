import { promises as fsp, readdirSync, realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { CoreFileSystem, FileKind, FileStat } from './fs';

/**
 * The core's file system over `node:fs`, rooted at a folder. Used by the benchmark and by worker
 * threads; the extension itself goes through `vscode.workspace.fs`.
 */
export class NodeFileSystem implements CoreFileSystem {
  constructor(readonly root: string) {}

  abs(path: string): string {
    return nodePath.join(this.root, ...path.split('/'));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await fsp.lstat(this.abs(path));
      if (s.isSymbolicLink()) {
        const target = await fsp.stat(this.abs(path)).catch(() => undefined);
        return { kind: target?.isDirectory() ? 'symlink-directory' : 'symlink-file', mtime: (target ?? s).mtimeMs, size: (target ?? s).size };
      }
      return { kind: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', mtime: s.mtimeMs, size: s.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async isInside(path: string): Promise<boolean> {
    return isRealPathInside(this.root, this.abs(path));
  }

  async readFile(path: string): Promise<Uint8Array> {
    return fsp.readFile(this.abs(path));
  }

  async readDirectory(path: string): Promise<Array<readonly [string, FileKind]>> {
    // One folder's listing is quick; reading it synchronously saves a thread-pool round trip per folder.
    const entries = readdirSync(this.abs(path), { withFileTypes: true });
    return entries.map((e) => [e.name, e.isDirectory() ? 'directory' : e.isFile() ? 'file' : e.isSymbolicLink() ? 'symlink-file' : 'other'] as const);
  }
}

/** Whether `abs`, with every symbolic link resolved, lies inside `root` (also resolved). */
export function isRealPathInside(root: string, abs: string): boolean {
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync.native(root);
    real = realpathSync.native(abs);
  } catch {
    // Unresolvable (missing, a link loop, no permission): nothing can be opened through it either, and
    // the read that follows reports why.
    return true;
  }
  const prefix = realRoot.endsWith(nodePath.sep) ? realRoot : realRoot + nodePath.sep;
  return real === realRoot || real.startsWith(prefix);
}
