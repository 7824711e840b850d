import * as vscode from 'vscode';
import type { CoreFileSystem, FileKind, FileStat } from '../../core/index/fs';
import { normalizeRelative } from '../../core/util/paths';

/** The core's file system over `vscode.workspace.fs`, rooted at a workspace folder (works on the web too). */
export class WorkspaceFileSystem implements CoreFileSystem {
  /**
   * `isRealPathInside(root, abs)` on the desktop (Node's realpath); without it (the web, where there are
   * no symbolic links to follow) every path counts as inside.
   */
  constructor(
    readonly root: vscode.Uri,
    realPathInside?: (root: string, abs: string) => boolean,
  ) {
    if (realPathInside && root.scheme === 'file') this.isInside = async (path: string) => realPathInside(root.fsPath, this.uri(path).fsPath);
  }

  readonly isInside?: (path: string) => Promise<boolean>;

  uri(path: string): vscode.Uri {
    return path === '' ? this.root : vscode.Uri.joinPath(this.root, ...path.split('/'));
  }

  /** The workspace-relative path of `uri`, or undefined when it is outside this root. */
  relative(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority) return undefined;
    const root = this.root.path.endsWith('/') ? this.root.path : `${this.root.path}/`;
    if (!uri.path.startsWith(root)) return undefined;
    return normalizeRelative(uri.path.slice(root.length));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { kind: kindOf(s.type), mtime: s.mtime, size: s.size };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  async readDirectory(path: string): Promise<Array<readonly [string, FileKind]>> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]) => [name, kindOf(type)] as const);
  }

  /** A whole small file (the ladder, a template); refused when its real path is outside the workspace. */
  async readText(path: string): Promise<string | undefined> {
    try {
      if (this.isInside && (await this.stat(path)) && !(await this.isInside(path))) {
        throw new Error(`${path} resolves (through a symbolic link) to a file outside the workspace; it was not read.`);
      }
      return new TextDecoder().decode(await this.readFile(path));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== undefined;
  }
}

function kindOf(type: vscode.FileType): FileKind {
  const link = (type & vscode.FileType.SymbolicLink) !== 0;
  if (type & vscode.FileType.Directory) return link ? 'symlink-directory' : 'directory';
  if (type & vscode.FileType.File) return link ? 'symlink-file' : 'file';
  return 'other';
}
