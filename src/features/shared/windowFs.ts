import type * as vscode from 'vscode';
import type { CoreFileSystem, FileKind, FileStat } from '../../core/index/fs';
import { splitWindowPath } from '../../core/index/roots';
import type { WorkspaceFileSystem } from './workspaceFs';

/**
 * The files of the window as features see them, by window path: in a single-folder window the
 * folder-relative path (this is then the folder's {@link WorkspaceFileSystem} itself); with several
 * folders `<folder name>/<path in that folder>` (see `src/core/index/roots.ts`).
 */
export interface CareerFileSystem extends CoreFileSystem {
  uri(path: string): vscode.Uri;
  /** The window path of `uri`, or undefined when it is in no workspace folder. */
  relative(uri: vscode.Uri): string | undefined;
  /** A whole small file (the ladder, a template); refused when its real path is outside the workspace. */
  readText(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
}

export interface PrefixedRoot {
  readonly prefix: string;
  readonly fs: WorkspaceFileSystem;
}

/** Several workspace folders under one namespace: the first segment of a path names the folder. */
export class MultiRootFileSystem implements CareerFileSystem {
  constructor(private readonly roots: readonly PrefixedRoot[]) {}

  readonly isInside = async (path: string): Promise<boolean> => {
    const split = splitWindowPath(this.roots, path);
    if (!split) return false;
    return split.root.fs.isInside ? split.root.fs.isInside(split.rest) : true;
  };

  uri(path: string): vscode.Uri {
    const split = splitWindowPath(this.roots, path);
    // Never reached by the extension's own paths (every one starts with a folder's name); the first folder, not a crash.
    if (!split) return this.roots[0]!.fs.uri(path);
    return split.root.fs.uri(split.rest);
  }

  relative(uri: vscode.Uri): string | undefined {
    // Nested workspace folders: the innermost one that holds it.
    let best: { root: PrefixedRoot; rest: string } | undefined;
    for (const root of this.roots) {
      const rest = root.fs.relative(uri);
      if (rest === undefined) continue;
      if (!best || root.fs.root.path.length > best.root.fs.root.path.length) best = { root, rest };
    }
    if (!best) return undefined;
    return best.rest === '' ? best.root.prefix : `${best.root.prefix}/${best.rest}`;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    if (path === '') return { kind: 'directory', mtime: 0, size: 0 };
    const split = splitWindowPath(this.roots, path);
    return split ? split.root.fs.stat(split.rest) : undefined;
  }

  async readFile(path: string): Promise<Uint8Array> {
    const split = this.split(path);
    return split.root.fs.readFile(split.rest);
  }

  async readDirectory(path: string): Promise<Array<readonly [string, FileKind]>> {
    if (path === '') return this.roots.map((r) => [r.prefix, 'directory'] as const);
    const split = this.split(path);
    return split.root.fs.readDirectory(split.rest);
  }

  async readText(path: string): Promise<string | undefined> {
    const split = splitWindowPath(this.roots, path);
    return split ? split.root.fs.readText(split.rest) : undefined;
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== undefined;
  }

  private split(path: string): { root: PrefixedRoot; rest: string } {
    const split = splitWindowPath(this.roots, path);
    if (!split) throw new Error(`${path} is in no folder of this workspace.`);
    return split;
  }
}
