import type { CoreFileSystem, FileKind, FileStat } from '../../../src/core/index/fs';

/** An in-memory {@link CoreFileSystem} for unit tests: files, folders, symlinks, and a call log. */
export class MemoryFileSystem implements CoreFileSystem {
  private readonly files = new Map<string, { bytes: Uint8Array; mtime: number }>();
  private readonly links = new Map<string, string>();
  readonly reads: string[] = [];
  private clock = 1_700_000_000_000;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array, mtime?: number): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.files.set(path, { bytes, mtime: mtime ?? ++this.clock });
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  /** A symbolic link at `path` pointing to the folder `target`. */
  linkFolder(path: string, target: string): void {
    this.links.set(path, target);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const file = this.files.get(path);
    if (file) return { kind: 'file', mtime: file.mtime, size: file.bytes.byteLength };
    if (this.isFolder(path)) return { kind: 'directory', mtime: 0, size: 0 };
    return undefined;
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.reads.push(path);
    const file = this.files.get(path);
    if (!file) throw new Error(`ENOENT: ${path}`);
    return file.bytes;
  }

  async readDirectory(path: string): Promise<Array<readonly [string, FileKind]>> {
    const target = this.links.get(path) ?? path;
    if (!this.isFolder(target)) throw new Error(`ENOTDIR: ${path}`);
    const prefix = target === '' ? '' : `${target}/`;
    const out = new Map<string, FileKind>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      out.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
    }
    for (const link of this.links.keys()) {
      if (link.startsWith(prefix) && !link.slice(prefix.length).includes('/')) out.set(link.slice(prefix.length), 'symlink-directory');
    }
    return [...out.entries()];
  }

  private isFolder(path: string): boolean {
    if (path === '') return true;
    for (const p of this.files.keys()) if (p.startsWith(`${path}/`)) return true;
    return false;
  }
}

export function note(fields: Record<string, unknown>, body = 'Body.'): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}
