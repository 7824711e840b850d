import type { Problem } from '../problems';
import { normalizeRelative } from '../util/paths';
import { NoteIndex, type IndexChange, type NoteRecord } from './noteIndex';
import { IndexService, type Disposable, type IndexServiceOptions, type IndexStatus, type IndexTarget, type RebuildOptions } from './service';

/**
 * Several workspace folders (a multi-root window), without `vscode`. Each folder (a "root") has its own
 * {@link IndexService}: its own serial queue, generations and cancellation, so every race guarantee of
 * the service holds per folder, and adding, removing or re-configuring one folder never touches the
 * others. The window sees one {@link NoteIndex} of "window paths":
 *
 * - one folder: the folder-relative path (`career/brag/x.md`), exactly as without this class; the
 *   folder's service then files straight into the window's index (nothing is copied);
 * - several folders: `<prefix>/<folder-relative path>` (`alpha/career/brag/x.md`), the prefix being the
 *   folder's name (made safe and unique by {@link rootPrefixes}); each service keeps its own index and
 *   its changes are mirrored into the window's.
 */

/** The prefix of each folder's window paths: '' for a single folder, else its name, made unique. */
export function rootPrefixes(names: readonly string[]): string[] {
  if (names.length <= 1) return names.map(() => '');
  const used = new Set<string>();
  return names.map((name) => {
    // A name is one path segment: no separators, not `.` or `..` (a `.code-workspace` may name a folder anything).
    let base = name.replace(/[\\/]+/g, '-').trim();
    if (base === '' || base === '.' || base === '..') base = 'folder';
    let prefix = base;
    for (let n = 2; used.has(prefix); n++) prefix = `${base} (${n})`;
    used.add(prefix);
    return prefix;
  });
}

/** `prefix/rest` (just `rest` for the single root's empty prefix). */
export function toWindowPath(prefix: string, rest: string): string {
  if (prefix === '') return rest;
  return rest === '' ? prefix : `${prefix}/${rest}`;
}

/** Which root a window path belongs to, and the folder-relative rest; undefined when none. */
export function splitWindowPath<R extends { readonly prefix: string }>(roots: readonly R[], path: string): { root: R; rest: string } | undefined {
  if (roots.length === 1 && roots[0]!.prefix === '') return { root: roots[0]!, rest: path };
  const slash = path.indexOf('/');
  const head = slash < 0 ? path : path.slice(0, slash);
  const root = roots.find((r) => r.prefix === head);
  return root ? { root, rest: slash < 0 ? '' : path.slice(slash + 1) } : undefined;
}

/** Where a workspace folder is: its URI's scheme and authority, and its path (POSIX, absolute). */
export interface RootLocation {
  readonly prefix: string;
  /** `scheme://authority`: folders on another machine or file system never hold each other's files. */
  readonly origin: string;
  readonly path: string;
}

/**
 * Resolves `target` (relative to the folder of the window path `from`) the way the disk does, and
 * returns the window path of the result: it may be in another workspace folder of the window.
 * Undefined when it is absolute, or lands outside every workspace folder.
 */
export function resolveAcrossRoots(roots: readonly RootLocation[], from: string, target: string): string | undefined {
  if (/^(?:[\\/]|[A-Za-z]:|~)/.test(target)) return undefined;
  const split = splitWindowPath(roots, from);
  if (!split) return undefined;
  const fromDir = split.rest.includes('/') ? split.rest.slice(0, split.rest.lastIndexOf('/')) : '';
  const absolute = normalizeAbsolute(`${split.root.path}/${fromDir}/${target.replace(/\\/g, '/')}`);
  // The deepest folder that holds it (nested workspace folders: the inner one).
  let best: { root: RootLocation; rest: string } | undefined;
  for (const root of roots) {
    if (root.origin !== split.root.origin) continue;
    const base = normalizeAbsolute(root.path);
    const rest = absolute === base ? '' : absolute.startsWith(base === '/' ? '/' : `${base}/`) ? absolute.slice(base === '/' ? 1 : base.length + 1) : undefined;
    if (rest === undefined) continue;
    if (!best || base.length > normalizeAbsolute(best.root.path).length) best = { root, rest };
  }
  if (!best) return undefined;
  const rest = normalizeRelative(best.rest);
  return rest === undefined ? undefined : toWindowPath(best.root.prefix, rest);
}

function normalizeAbsolute(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** One workspace folder as the window indexes it. */
export interface RootSpec {
  /** Identifies the folder (its URI). */
  readonly key: string;
  /** From {@link rootPrefixes}. */
  readonly prefix: string;
  /** The folder's notes folder (folder-relative): when it changes, the folder is indexed again. */
  readonly notesFolder: string;
  /** Makes what the folder's service indexes; called only when the folder is (re)started. */
  readonly target: () => IndexTarget | undefined;
}

export interface RootInfo {
  readonly key: string;
  readonly prefix: string;
  readonly notesFolder: string;
}

interface Root extends RootInfo {
  readonly service: IndexService;
  readonly shared: boolean;
  readonly mirror: Disposable | undefined;
  /** Its service's (coalesced) change events, passed on as the window's. */
  readonly changes: Disposable | undefined;
  indexing: boolean;
  done: number;
  total: number;
  exists: boolean | undefined;
}

/** The window's index: with several folders, also the union of what each folder's index skipped. */
class WindowIndex extends NoteIndex {
  readonly sources = new Map<string, { prefix: string; index: NoteIndex }>();

  override skipped(): ReadonlyMap<string, Problem> {
    const own = super.skipped();
    if (this.sources.size === 0) return own;
    const out = new Map(own);
    for (const { prefix, index } of this.sources.values()) {
      for (const [path, why] of index.skipped()) {
        const windowPath = toWindowPath(prefix, path);
        out.set(windowPath, why.file !== undefined ? { ...why, file: windowPath } : why);
      }
    }
    return out;
  }
}

export interface MultiRootIndexOptions extends Omit<IndexServiceOptions, 'index' | 'status'> {
  /** Told about the window as a whole: indexing while any folder is, progress summed, a notes folder in any. */
  readonly status?: IndexStatus;
}

export class MultiRootIndex implements Disposable {
  readonly index: NoteIndex;
  private readonly windowIndex: WindowIndex;
  private roots: Root[] = [];
  private indexingReported = false;
  private disposed = false;
  private readonly changeListeners = new Set<() => void>();

  constructor(private readonly options: MultiRootIndexOptions) {
    this.windowIndex = new WindowIndex();
    this.index = this.windowIndex;
  }

  /**
   * The window's index changed: each folder's service's coalesced event (see
   * {@link IndexService.onDidChange}), and a folder's notes leaving the window.
   */
  onDidChange(listener: () => void): Disposable {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  private emitChange(): void {
    for (const listener of [...this.changeListeners]) {
      try {
        listener();
      } catch (error) {
        this.options.log.error('A listener of the index failed:', error);
      }
    }
  }

  /** The folders being indexed, in the order given to {@link sync}. */
  get folders(): readonly RootInfo[] {
    return this.roots;
  }

  /** The service of a folder (tests and the adapter's per-folder calls). */
  serviceOf(key: string): IndexService | undefined {
    return this.roots.find((r) => r.key === key)?.service;
  }

  /** Resolves when every folder's current first build is done (never rejects). */
  get ready(): Promise<void> {
    return Promise.all(this.roots.map((r) => r.service.ready)).then(() => undefined);
  }

  /**
   * Indexes exactly these folders from now on. A folder whose prefix and notes folder are unchanged
   * keeps its service (and its index); one that changed is indexed again from its cache; one no longer
   * listed is cancelled and its notes leave the window's index at once. `restart` names folders to
   * index again even though they look unchanged.
   */
  sync(specs: readonly RootSpec[], restart: readonly string[] = []): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (specs.length > 1 && specs.some((s) => s.prefix === '')) throw new Error('With several folders each needs a prefix (rootPrefixes).');
    if (new Set(specs.map((s) => s.prefix)).size !== specs.length) throw new Error('Two folders have the same prefix.');
    const wanted = new Map(specs.map((s) => [s.key, s] as const));
    const keep = new Map<string, Root>();
    for (const root of this.roots) {
      const spec = wanted.get(root.key);
      if (spec && spec.prefix === root.prefix && spec.notesFolder === root.notesFolder && !restart.includes(root.key)) keep.set(root.key, root);
      else this.drop(root);
    }
    const next: Root[] = [];
    for (const spec of specs) next.push(keep.get(spec.key) ?? this.start(spec));
    this.roots = next;
    this.reportStatus();
    return this.ready;
  }

  /** Re-indexes every folder (see {@link IndexService.rebuild}). */
  async rebuild(options: RebuildOptions = {}): Promise<void> {
    await Promise.all(this.roots.map((r) => r.service.rebuild(options)));
  }

  /** Every folder's index matches its disk (see {@link IndexService.ensureFresh}). */
  async ensureFresh(): Promise<void> {
    await Promise.all(this.roots.map((r) => r.service.ensureFresh()));
  }

  /** Applies every folder's queued file events now; resolves once they are in the window's index. */
  async flush(): Promise<void> {
    await Promise.all(this.roots.map((r) => r.service.flush()));
  }

  /** Files the extension changed itself, as window paths: each goes to its folder's service. */
  async filesChanged(paths: readonly string[]): Promise<void> {
    const byRoot = new Map<Root, string[]>();
    for (const path of paths) {
      const split = splitWindowPath(this.roots, path);
      if (!split) continue;
      let list = byRoot.get(split.root);
      if (!list) byRoot.set(split.root, (list = []));
      list.push(split.rest);
    }
    await Promise.all([...byRoot].map(([root, list]) => root.service.filesChanged(list)));
  }

  async saveCache(): Promise<void> {
    await Promise.all(this.roots.map((r) => r.service.saveCache()));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const root of this.roots) {
      root.mirror?.dispose();
      root.changes?.dispose();
      root.service.dispose();
    }
    this.roots = [];
    this.changeListeners.clear();
    this.reportStatus();
  }

  private start(spec: RootSpec): Root {
    const shared = spec.prefix === '';
    const root: Root = {
      key: spec.key,
      prefix: spec.prefix,
      notesFolder: spec.notesFolder,
      shared,
      indexing: false,
      done: 0,
      total: 0,
      exists: undefined,
      mirror: undefined,
      changes: undefined,
      service: undefined as unknown as IndexService,
    };
    const status: IndexStatus = {
      indexing: (active) => {
        root.indexing = active;
        if (!active) root.done = root.total;
        this.reportStatus();
      },
      progress: (done, total) => {
        root.done = done;
        root.total = total;
        if (this.roots.includes(root)) this.reportProgress();
      },
      notesFolderExists: (exists) => {
        root.exists = exists;
        if (this.roots.includes(root)) this.reportExists();
      },
    };
    const { status: _windowStatus, ...serviceOptions } = this.options;
    // The single folder files straight into the window's index: no copy, paths as they always were.
    const service = new IndexService({ ...serviceOptions, status, ...(shared ? { index: this.windowIndex } : {}) });
    (root as { service: IndexService }).service = service;
    (root as { changes: Disposable }).changes = service.onDidChange(() => this.emitChange());
    if (!shared) {
      const own = service.index;
      (root as { mirror: Disposable }).mirror = own.onDidChange((change) => this.mirror(spec.prefix, own, change));
      this.windowIndex.sources.set(spec.key, { prefix: spec.prefix, index: own });
    }
    void service.setTarget(spec.target());
    return root;
  }

  /** Cancels a folder's jobs and takes its notes out of the window's index, at once. */
  private drop(root: Root): void {
    root.mirror?.dispose();
    this.windowIndex.sources.delete(root.key);
    // Shared: this empties the window's index (it was the only folder). Mirrored: its own index.
    root.changes?.dispose();
    void root.service.setTarget(undefined);
    root.service.dispose();
    if (!root.shared) this.windowIndex.deleteFolder(root.prefix);
    // The disposed service tells no one of its notes leaving: the window does.
    this.emitChange();
  }

  private mirror(prefix: string, own: NoteIndex, change: IndexChange): void {
    const records: NoteRecord[] = [];
    for (const path of change.changed) {
      const record = own.get(path);
      if (record) records.push({ ...record, path: toWindowPath(prefix, path) });
    }
    const deleted = change.deleted.map((path) => toWindowPath(prefix, path));
    this.windowIndex.batch(() => {
      if (records.length) this.windowIndex.set(records);
      if (deleted.length) this.windowIndex.delete(deleted);
    });
  }

  private reportStatus(): void {
    const active = this.roots.some((r) => r.indexing);
    if (active !== this.indexingReported) {
      this.indexingReported = active;
      this.options.status?.indexing?.(active);
    }
  }

  private reportProgress(): void {
    let done = 0;
    let total = 0;
    for (const r of this.roots) {
      done += r.done;
      total += r.total;
    }
    this.options.status?.progress?.(done, total);
  }

  private reportExists(): void {
    const known = this.roots.filter((r) => r.exists !== undefined);
    this.options.status?.notesFolderExists?.(known.some((r) => r.exists));
  }
}
