import { parseNote } from '../notes/parse';
import { problem, type Problem } from '../problems';
import { decodeNote, listMarkdownFiles, MAX_NOTE_BYTES, outsideWorkspace, type CoreFileSystem, type FileStat, type WalkResult } from './fs';
import { classify, type KnownFile } from './freshness';
import type { NoteIndex, NoteRecord } from './noteIndex';

/** What a loader found for a batch of paths. */
export interface LoadedBatch {
  readonly records: NoteRecord[];
  /** Paths whose size and mtime match what the caller already knows: nothing was read. */
  readonly unchanged: string[];
  readonly skipped: Array<readonly [path: string, why: Problem]>;
  /** Paths that no longer exist. */
  readonly missing: string[];
}

export type { KnownFile } from './freshness';

/**
 * Each path's mtime and size, position for position: mtime NaN when the file is gone, size -1 when it
 * could not be stat'ed (it is then read, which reports why).
 */
export interface Probe {
  readonly mtime: Float64Array;
  readonly size: Float64Array;
}

/**
 * Reads and parses notes. The core has a time-sliced loader over any {@link CoreFileSystem}; the desktop
 * extension adds a worker-thread pool that parses on both cores.
 */
export interface NoteLoader {
  /**
   * Called before the folder is walked, so a loader can start up (threads) while the walk runs.
   * `cached` is how many records the caller already has: a warm start may need no threads at all.
   */
  prepare?(hint: { readonly cached: number }): void;
  load(paths: readonly string[], known: ReadonlyMap<string, KnownFile>, onBatch: (batch: LoadedBatch) => void, isCancelled?: () => boolean): Promise<void>;
  /**
   * Stats every path without reading any (a warm start checks the cache with it). Undefined when
   * cancelled. Loaders without it are asked to `load` with what is known instead.
   */
  probe?(paths: readonly string[], isCancelled?: () => boolean): Promise<Probe | undefined>;
  /**
   * Reads and checks the persisted cache at `file` (a path on this machine's disk) for `key` and the
   * notes folder `folder`, away from the calling thread. Undefined when it cannot (the caller reads
   * the cache itself).
   */
  openCache?(file: string, key: string, folder: string): Promise<OpenedCache | undefined>;
  dispose?(): void;
}

/** What {@link NoteLoader.openCache} found: no cache file, why the cache is not trusted, or the cache. */
export type OpenedCache = { readonly missing: true } | { readonly error: string } | CacheCheck;

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/** Parses one note's bytes into the record the index keeps. Undefined when the file is not a note (binary). */
export function recordFromBytes(path: string, bytes: Uint8Array, stat: Pick<FileStat, 'mtime' | 'size'>): { record?: NoteRecord; skipped?: Problem } {
  const decoded = decodeNote(bytes);
  if (decoded.text === undefined) return { skipped: { ...decoded.problem, file: path } };
  const parsed = parseNote(decoded.text, path);
  const problems = decoded.problem ? [decoded.problem, ...parsed.problems] : parsed.problems;
  return {
    record: { ...parsed.meta, path, mtime: stat.mtime, size: stat.size, problems: problems.length ? problems : NO_PROBLEMS },
  };
}

export function tooLarge(path: string, size: number): Problem {
  return problem(
    'warning',
    'file-too-large',
    `This note is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_NOTE_BYTES / 1024 / 1024} MB limit; it was skipped.`,
    undefined,
    { file: path },
  );
}

/** Lets other work (the rest of the extension host) run between slices of indexing. */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (cb: () => void) => void }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * Loads notes through a {@link CoreFileSystem} on the calling thread, a few reads in flight at once, and
 * gives the event loop back every few milliseconds so the host never stalls.
 */
export class FsNoteLoader implements NoteLoader {
  constructor(
    private readonly fs: CoreFileSystem,
    private readonly options: { concurrency?: number; sliceMs?: number; batchSize?: number } = {},
  ) {}

  async load(
    paths: readonly string[],
    known: ReadonlyMap<string, KnownFile>,
    onBatch: (batch: LoadedBatch) => void,
    isCancelled?: () => boolean,
  ): Promise<void> {
    const concurrency = this.options.concurrency ?? 16;
    const sliceMs = this.options.sliceMs ?? 8;
    const batchSize = this.options.batchSize ?? 256;
    let batch = emptyBatch();
    let sliceStart = now();
    for (let i = 0; i < paths.length; i += concurrency) {
      if (isCancelled?.()) return;
      const group = paths.slice(i, i + concurrency);
      const results = await Promise.all(group.map((path) => this.loadOne(path, known.get(path))));
      results.forEach((result, j) => addResult(batch, group[j]!, result));
      if (batch.records.length + batch.unchanged.length + batch.skipped.length + batch.missing.length >= batchSize) {
        onBatch(batch);
        batch = emptyBatch();
      }
      if (now() - sliceStart > sliceMs) {
        await yieldToEventLoop();
        sliceStart = now();
      }
    }
    onBatch(batch);
  }

  private async loadOne(path: string, known: KnownFile | undefined): Promise<LoadResult> {
    try {
      const stat = await this.fs.stat(path);
      const freshness = classify(known, stat);
      if (freshness === 'missing' || !stat) return { missing: true };
      if (freshness === 'unchanged') return { unchanged: true };
      if (stat.kind === 'symlink-file' && this.fs.isInside && !(await this.fs.isInside(path))) return { skipped: outsideWorkspace(path) };
      if (stat.size > MAX_NOTE_BYTES) return { skipped: tooLarge(path, stat.size) };
      const bytes = await this.fs.readFile(path);
      return recordFromBytes(path, bytes, stat);
    } catch (error) {
      return {
        skipped: problem('warning', 'read-failed', `The note could not be read: ${error instanceof Error ? error.message : String(error)}`, undefined, {
          file: path,
        }),
      };
    }
  }
}

export type LoadResult = { record?: NoteRecord; skipped?: Problem; unchanged?: true; missing?: true };

export function emptyBatch(): { records: NoteRecord[]; unchanged: string[]; skipped: Array<readonly [string, Problem]>; missing: string[] } {
  return { records: [], unchanged: [], skipped: [], missing: [] };
}

export function addResult(batch: ReturnType<typeof emptyBatch>, path: string, result: LoadResult): void {
  if (result.record) batch.records.push(result.record);
  else if (result.unchanged) batch.unchanged.push(path);
  else if (result.missing) batch.missing.push(path);
  else if (result.skipped) batch.skipped.push([path, result.skipped]);
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * A persisted cache that checks its own records: given the walked paths, it stats each one it holds a
 * record for and reports, in batches, the records whose file still has the cached size and mtime. The
 * desktop's worker pool does this on a thread (the cache never crosses the extension host's thread as
 * text); {@link probeCheck} does it on the calling thread with a loader's `probe`.
 */
export interface CacheCheck {
  /** Records in the cache. */
  readonly size: number;
  /**
   * Reports the current records among `paths` (each one at most once). False when it stopped early
   * (cancelled, or its thread failed): paths not reported by then are read like changed ones.
   */
  check(paths: readonly string[], onRecords: (records: NoteRecord[]) => void, isCancelled?: () => boolean): Promise<boolean>;
  /** Lets go of the records (called when the warm start is over). */
  dispose?(): void;
}

export type CacheSource = ReadonlyMap<string, NoteRecord> | CacheCheck;

export interface BuildOptions {
  /**
   * Records from a persisted cache (or a cache that checks itself): reused when the file's size and
   * mtime still match. A promise when the cache is still being read while the folder is walked.
   */
  readonly cached?: CacheSource | Promise<CacheSource | undefined>;
  /** True when the caller expects a warm start (a cache that is still being read), to skip starting threads. */
  readonly expectWarm?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly isCancelled?: () => boolean;
  /** Paths to leave out (e.g. generated promotion packets). */
  readonly exclude?: (path: string) => boolean;
}

export interface BuildReport {
  readonly files: number;
  readonly parsed: number;
  readonly reused: number;
  readonly skipped: number;
  readonly problems: Problem[];
}

function sourceSize(source: CacheSource | undefined): number {
  return source === undefined ? 0 : source.size;
}

function isCheck(source: CacheSource | Promise<CacheSource | undefined> | undefined): source is CacheCheck {
  return typeof (source as Partial<CacheCheck> | undefined)?.check === 'function';
}

/**
 * Fills `index` with every note under `folder`. Applies results batch by batch, so the views can show
 * what is known so far. Notes already in the index but no longer on disk are removed.
 */
export async function buildIndex(index: NoteIndex, fs: CoreFileSystem, loader: NoteLoader, folder: string, options: BuildOptions = {}): Promise<BuildReport> {
  const pending = options.cached;
  const settled = pending instanceof Map || isCheck(pending);
  const knownCount = settled ? sourceSize(pending) : options.expectWarm ? Number.POSITIVE_INFINITY : index.size;
  loader.prepare?.({ cached: knownCount });
  // A cache still being read that turns out empty (none yet, or discarded): a cold build, so the
  // threads start now, while the folder is still being walked.
  if (pending && !settled)
    void Promise.resolve(pending).then(
      (source) => sourceSize(source) === 0 && !options.isCancelled?.() && loader.prepare?.({ cached: 0 }),
      () => undefined,
    );
  const walkOptions = options.exclude ? { exclude: options.exclude } : {};
  // The folder is walked while the cache (when it is still being read) is parsed.
  const [walk, source] = await Promise.all([listMarkdownFiles(fs, folder, walkOptions), pending]);
  if (options.isCancelled?.()) {
    if (isCheck(source)) source.dispose?.();
    return { files: walk.files.length, parsed: 0, reused: 0, skipped: 0, problems: walk.problems };
  }
  if (source && source.size > 0 && index.size === 0) {
    const check = isCheck(source) ? source : loader.probe ? probeCheck(source, loader as NoteLoader & Required<Pick<NoteLoader, 'probe'>>) : undefined;
    if (check) return warmStart(index, loader, walk, check, options);
  }
  if (isCheck(source)) source.dispose?.();
  const cached: ReadonlyMap<string, NoteRecord> = source instanceof Map ? source : new Map<string, NoteRecord>();
  const startedEmpty = index.size === 0;
  // Loaders only ask about walked paths, so into an empty index the cache itself is what is known.
  let known: ReadonlyMap<string, KnownFile> = cached;
  if (!startedEmpty) {
    const merged = new Map<string, KnownFile>();
    for (const path of walk.files) {
      const record = cached.get(path) ?? index.get(path);
      if (record) merged.set(path, record);
    }
    known = merged;
  }
  const counts = { parsed: 0, reused: 0, skipped: 0, done: 0 };
  options.onProgress?.(0, walk.files.length);
  // A batch that arrives after cancellation (a worker finishing its chunk) is dropped: it belongs to a build nobody wants.
  await loader.load(
    walk.files,
    known,
    (batch) => {
      if (!options.isCancelled?.()) applyBatch(index, batch, cached, counts, walk.files.length, options.onProgress);
    },
    options.isCancelled,
  );
  if (!options.isCancelled?.() && !startedEmpty) {
    // Into an empty index only walked paths were filed; otherwise drop what is no longer on disk.
    const present = new Set(walk.files);
    const gone = index.paths().filter((p) => !present.has(p));
    if (gone.length) index.delete(gone);
  }
  return { files: walk.files.length, parsed: counts.parsed, reused: counts.reused, skipped: counts.skipped, problems: walk.problems };
}

interface Counts {
  parsed: number;
  reused: number;
  skipped: number;
  done: number;
}

function applyBatch(
  index: NoteIndex,
  batch: LoadedBatch,
  cached: ReadonlyMap<string, NoteRecord>,
  counts: Counts,
  total: number,
  onProgress?: (done: number, total: number) => void,
): void {
  index.batch(() => {
    if (batch.records.length) index.set(batch.records);
    const reuse: NoteRecord[] = [];
    for (const path of batch.unchanged) {
      const record = cached.get(path);
      if (record && index.get(path) !== record) reuse.push(record);
    }
    if (reuse.length) index.set(reuse);
    for (const [path, why] of batch.skipped) index.skip(path, why);
    if (batch.missing.length) index.delete(batch.missing);
  });
  counts.parsed += batch.records.length;
  counts.reused += batch.unchanged.length;
  counts.skipped += batch.skipped.length;
  counts.done += batch.records.length + batch.unchanged.length + batch.skipped.length + batch.missing.length;
  onProgress?.(counts.done, total);
}

/** Records at most this many per batch a {@link CacheCheck} reports (what is filed between two yields). */
export const CHECK_BATCH = 1000;

/**
 * A {@link CacheCheck} over records already parsed, with the loader's `probe` (a stat of every path):
 * what a warm start does where the cache was read on the calling thread.
 */
export function probeCheck(cached: ReadonlyMap<string, NoteRecord>, loader: NoteLoader & Required<Pick<NoteLoader, 'probe'>>): CacheCheck {
  return {
    size: cached.size,
    async check(paths, onRecords, isCancelled) {
      const probe = await loader.probe(paths, isCancelled);
      if (!probe) return false;
      let batch: NoteRecord[] = [];
      for (let i = 0; i < paths.length; i++) {
        const record = cached.get(paths[i]!);
        if (classify(record, { mtime: probe.mtime[i]!, size: probe.size[i]! }) !== 'unchanged') continue;
        batch.push(record!);
        if (batch.length >= CHECK_BATCH) {
          onRecords(batch);
          batch = [];
        }
      }
      if (batch.length) onRecords(batch);
      return true;
    },
  };
}

/**
 * A start from the persisted cache into an empty index. Every cached record's file is stat'ed before
 * the record is filed, and a record is reused only when its file's size and mtime are what the cache
 * says; everything else is read again. Nothing from the cache is filed before it has been checked.
 */
async function warmStart(index: NoteIndex, loader: NoteLoader, walk: WalkResult, check: CacheCheck, options: BuildOptions): Promise<BuildReport> {
  const total = walk.files.length;
  const counts = { parsed: 0, reused: 0, skipped: 0, done: 0 };
  options.onProgress?.(0, total);
  const reused = new Set<string>();
  let sliceStart = now();
  let filing = Promise.resolve();
  try {
    // Filed batch by batch as the check reports them, giving the event loop back between batches
    // when they come faster than they are filed: a very large workspace never holds the event loop,
    // and the views fill in.
    await check.check(
      walk.files,
      (records) => {
        if (options.isCancelled?.()) return;
        for (const r of records) reused.add(r.path);
        filing = filing.then(async () => {
          if (options.isCancelled?.()) return;
          for (let i = 0; i < records.length; i += CHECK_BATCH) {
            const slice = i === 0 && records.length <= CHECK_BATCH ? records : records.slice(i, i + CHECK_BATCH);
            index.set(slice);
            counts.reused += slice.length;
            counts.done += slice.length;
            if (now() - sliceStart > 8) {
              options.onProgress?.(counts.done, total);
              await yieldToEventLoop();
              sliceStart = now();
              if (options.isCancelled?.()) return;
            }
          }
        });
      },
      options.isCancelled,
    );
    await filing;
  } finally {
    check.dispose?.();
  }
  if (options.isCancelled?.()) return { files: total, ...counts, problems: walk.problems };
  options.onProgress?.(counts.done, total);
  const changed = reused.size === 0 ? walk.files : walk.files.filter((p) => !reused.has(p));
  if (changed.length && !options.isCancelled?.()) {
    const none = new Map<string, NoteRecord>();
    await loader.load(
      changed,
      none,
      (batch) => {
        if (!options.isCancelled?.()) applyBatch(index, batch, none, counts, total, options.onProgress);
      },
      options.isCancelled,
    );
  }
  return { files: total, parsed: counts.parsed, reused: counts.reused, skipped: counts.skipped, problems: walk.problems };
}

/** Re-reads notes after a change on disk (or removes those that are gone). Nothing is filed once cancelled. */
export async function refreshNote(index: NoteIndex, loader: NoteLoader, paths: readonly string[], isCancelled?: () => boolean): Promise<void> {
  await loader.load(
    paths,
    new Map(),
    (batch) => {
      if (isCancelled?.()) return;
      index.batch(() => {
        if (batch.records.length) index.set(batch.records);
        for (const [path, why] of batch.skipped) index.skip(path, why);
        if (batch.missing.length) index.delete(batch.missing);
      });
    },
    isCancelled,
  );
}
