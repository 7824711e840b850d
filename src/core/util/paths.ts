/**
 * Workspace-relative POSIX paths. The core never sees absolute paths or URIs: the extension maps
 * `career/brag/2025-01-02-x.md` to a `vscode.Uri` at the border.
 */

/** Normalises `a/./b/../c` to `a/c`; returns undefined when the path climbs out of the root or is absolute. */
export function normalizeRelative(path: string): string | undefined {
  const cleaned = path.replace(/\\/g, '/');
  if (cleaned.startsWith('/') || /^[A-Za-z]:/.test(cleaned)) return undefined;
  const out: string[] = [];
  for (const part of cleaned.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join('/');
}

export function joinPath(...parts: string[]): string {
  return parts
    .filter((p) => p !== '')
    .join('/')
    .replace(/\/+/g, '/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** True when `path` is `folder` itself or below it (both normalised, relative). */
export function isInside(path: string, folder: string): boolean {
  if (folder === '') return true;
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

export function isMarkdown(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}
