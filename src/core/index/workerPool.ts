import { statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import { emptyBatch, yieldToEventLoop, type KnownFile, type LoadedBatch, type NoteLoader, type OpenedCache, type Probe } from './indexer';
import { classify } from './freshness';
import type {
  AnyWorkerRequest,
  CacheCheckReply,
  CacheCheckRequest,
  CacheDropRequest,
  CacheOpenReply,
  CacheOpenRequest,
  WorkerReply,
  WorkerRequest,
} from './workerProtocol';
import { problem } from '../problems';

export interface WorkerPoolOptions {
  /** Absolute path of the folder the note paths are relative to. */
  readonly root: string;
  /** Absolute path of the bundled worker script (dist/indexWorker.js). */
  readonly workerScript: string;
  /** Default: one per core, at most 4 and at least 1. */
  readonly workers?: number;
  /** Paths per request: small enough to balance the cores, large enough to amortise messages. */
  readonly chunk?: number;
  /** Terminate idle workers after this many ms (they are only needed for big loads). */
  readonly idleMs?: number;
  /** Below this many paths, load on the calling thread through `fallback` (starting workers costs more). */
  readonly minPaths?: number;
  readonly fallback: NoteLoader;
  /** Told when a thread fails (for the log). */
  readonly onError?: (error: unknown) => void;
  /** A worker that sends nothing for this long is stalled: it is terminated (default 20 s). */
  readonly stallMs?: number;
}

/**
 * Loads notes on worker threads (desktop only): each worker stats, reads and parses a chunk and posts
 * records back in batches, so the extension host's thread only files results into the index and stays
 * responsive. Work is handed out chunk by chunk, so a slow worker does not hold up the others.
 */
export class WorkerPoolLoader implements NoteLoader {
  private workers: Worker[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  private get size(): number {
    const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
    return Math.max(1, Math.min(4, this.options.workers ?? cores));
  }

  private ensureWorkers(): Worker[] {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    while (this.workers.length < this.size) {
      const worker = new Worker(this.options.workerScript);
      worker.unref();
      this.workers.push(worker);
    }
    return this.workers;
  }

  private scheduleIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.terminate(), this.options.idleMs ?? 30_000);
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  private terminate(): void {
    for (const w of this.workers.splice(0)) void w.terminate();
  }

  /** Starts the threads early (while the caller walks the folder), unless this is a warm start. */
  prepare(hint: { readonly cached: number } = { cached: 0 }): void {
    if (!this.disposed && hint.cached < (this.options.minPaths ?? 200)) {
      try {
        this.ensureWorkers();
      } catch {
        // No threads: load() falls back to the calling thread.
      }
    }
  }

  async load(
    paths: readonly string[],
    known: ReadonlyMap<string, KnownFile>,
    onBatch: (batch: LoadedBatch) => void,
    isCancelled?: () => boolean,
  ): Promise<void> {
    if (this.disposed || paths.length < (this.options.minPaths ?? 200)) {
      return this.options.fallback.load(paths, known, onBatch, isCancelled);
    }
    if (known.size >= paths.length * 0.5) {
      // A warm start: most notes are in the cache. Checking size and mtime is a stat per file, cheaper
      // here in slices than shipping paths to threads; only the notes that changed are read.
      const changed = await this.statKnown(paths, known, onBatch, isCancelled);
      if (changed.length === 0) return;
      paths = changed;
      known = new Map();
      if (paths.length < (this.options.minPaths ?? 200)) return this.options.fallback.load(paths, known, onBatch, isCancelled);
    }
    let workers: Worker[];
    try {
      workers = this.ensureWorkers();
    } catch (error) {
      this.options.onError?.(error);
      return this.options.fallback.load(paths, known, onBatch, isCancelled);
    }
    const chunk = this.options.chunk ?? 500;
    let next = 0;
    try {
      await Promise.all(
        workers.map(async (first) => {
          let worker: Worker | undefined = first;
          while (next < paths.length && !isCancelled?.()) {
            const slice = paths.slice(next, next + chunk);
            next += slice.length;
            worker = await this.runContained(worker, slice, known, onBatch, isCancelled);
          }
        }),
      );
    } finally {
      this.scheduleIdle();
    }
  }

  /** Whether a fresh worker answers an empty request: tells a broken thread setup from a poison note. */
  private async threadsWork(): Promise<boolean> {
    try {
      await this.run(this.spawn(), [], new Map(), () => undefined);
      return true;
    } catch {
      return false;
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.options.workerScript);
    worker.unref();
    this.workers.push(worker);
    return worker;
  }

  /**
   * Runs a chunk; when its worker dies or stalls (a note that exhausts memory or the stack, or never
   * ends), the notes it had not reported yet are run again one per request on fresh workers, and the
   * one that kills a worker on its own is reported as unreadable. No note is ever parsed on the
   * extension host's thread because a worker could not: what kills a worker would kill the host.
   * Returns the worker to use next (undefined when none could be started).
   */
  private async runContained(
    worker: Worker | undefined,
    slice: readonly string[],
    known: ReadonlyMap<string, KnownFile>,
    onBatch: (batch: LoadedBatch) => void,
    isCancelled?: () => boolean,
  ): Promise<Worker | undefined> {
    // The batches are kept, not their paths: which paths were reported only matters after a crash.
    const batches: LoadedBatch[] = [];
    const seen = (batch: LoadedBatch) => {
      batches.push(batch);
      onBatch(batch);
    };
    try {
      worker ??= this.spawn();
      await this.run(worker, slice, known, seen);
      return worker;
    } catch (error) {
      this.options.onError?.(error);
      worker = undefined;
    }
    const reported = new Set<string>();
    for (const batch of batches) {
      for (const r of batch.records) reported.add(r.path);
      for (const p of batch.unchanged) reported.add(p);
      for (const p of batch.missing) reported.add(p);
      for (const [p] of batch.skipped) reported.add(p);
    }
    if (!(await this.threadsWork())) {
      // Threads cannot run here at all (not a note's doing): the calling thread reads, as without threads.
      await this.options.fallback.load(
        slice.filter((p) => !reported.has(p)),
        known,
        onBatch,
        isCancelled,
      );
      return undefined;
    }
    for (const path of slice) {
      if (reported.has(path)) continue;
      if (isCancelled?.()) return undefined;
      try {
        worker ??= this.spawn();
        await this.run(worker, [path], known, seen);
      } catch (error) {
        worker = undefined;
        const batch = emptyBatch();
        batch.skipped.push([
          path,
          problem(
            'error',
            'read-failed',
            `The note stopped the index worker (${(error as Error).message}); it was not read. Check it for very large or deeply nested front matter.`,
            undefined,
            { file: path },
          ),
        ]);
        seen(batch);
      }
    }
    return worker;
  }

  /** Stats every known path; reports the unchanged and missing ones, returns the rest. */
  private async statKnown(
    paths: readonly string[],
    known: ReadonlyMap<string, KnownFile>,
    onBatch: (batch: LoadedBatch) => void,
    isCancelled?: () => boolean,
  ): Promise<string[]> {
    // A path nothing is known of is read anyway; stat'ing it first would be a wasted call.
    const changed = paths.filter((path) => !known.has(path));
    const toCheck = paths.filter((path) => known.has(path));
    const probe = await this.probe(toCheck, isCancelled);
    if (!probe) return [];
    const batch = emptyBatch();
    toCheck.forEach((path, i) => {
      const freshness = classify(known.get(path), { mtime: probe.mtime[i]!, size: probe.size[i]! });
      if (freshness === 'missing') batch.missing.push(path);
      else if (freshness === 'unchanged') batch.unchanged.push(path);
      else changed.push(path);
    });
    onBatch(batch);
    return changed;
  }

  /**
   * Stats on this thread, in slices of a few milliseconds: a stat is a few microseconds, far less than
   * handing the paths to a thread (and a warm start has no threads running yet).
   */
  async probe(paths: readonly string[], isCancelled?: () => boolean): Promise<Probe | undefined> {
    const mtime = new Float64Array(paths.length);
    const size = new Float64Array(paths.length);
    const prefix = this.options.root.endsWith(nodePath.sep) ? this.options.root : this.options.root + nodePath.sep;
    const posix = nodePath.sep === '/';
    let sliceStart = performance.now();
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      try {
        const stat = statSync(prefix + (posix ? path : path.split('/').join(nodePath.sep)), { throwIfNoEntry: false });
        if (stat) {
          mtime[i] = stat.mtimeMs;
          size[i] = stat.size;
        } else mtime[i] = Number.NaN;
      } catch {
        size[i] = -1; // unreadable (permissions, a link loop): read it, which reports why
      }
      // Look at the clock every 64 files, not every file: the stat itself is only a few microseconds.
      if ((i & 63) === 63 && performance.now() - sliceStart > 8) {
        if (isCancelled?.()) return undefined;
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    return { mtime, size };
  }

  private run(worker: Worker, paths: readonly string[], known: ReadonlyMap<string, KnownFile>, onBatch: (batch: LoadedBatch) => void): Promise<void> {
    const id = this.nextId++;
    const request: WorkerRequest = {
      id,
      root: this.options.root,
      paths,
      known: paths.map((p) => {
        const k = known.get(p);
        return k ? ([k.mtime, k.size] as const) : null;
      }),
    };
    return this.exchange<WorkerReply>(worker, request, (reply) => {
      onBatch(reply);
      return reply.done;
    });
  }

  /**
   * Posts `request` and hands each reply with its id to `onReply` until that says it was the last.
   * Rejects when the worker fails, exits, or sends nothing for `stallMs` (it is then terminated).
   */
  private exchange<R extends { readonly id: number }>(
    worker: Worker,
    request: AnyWorkerRequest & { readonly id: number },
    onReply: (reply: R) => boolean,
  ): Promise<void> {
    const id = request.id;
    const stallMs = this.options.stallMs ?? 20_000;
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const watch = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          onError(new Error(`index worker sent nothing for ${Math.round(stallMs / 1000)} s`));
          void worker.terminate();
        }, stallMs);
      };
      const onMessage = (reply: R) => {
        if (reply.id !== id) return;
        watch();
        let last: boolean;
        try {
          last = onReply(reply);
        } catch (error) {
          cleanup();
          reject(error as Error);
          return;
        }
        if (last) {
          cleanup();
          resolve();
        }
      };
      const onError = (error: Error) => {
        cleanup();
        this.workers = this.workers.filter((w) => w !== worker);
        reject(error);
      };
      const onExit = (code: number) => onError(new Error(`index worker exited with code ${code}`));
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      watch();
      worker.postMessage(request);
    });
  }

  /**
   * Reads and checks the persisted cache at `file` on a worker thread, so that neither its text nor
   * its parse ever reaches the extension host's thread, and stats the files of its records there
   * while the caller walks the folder: only the walked records still current come back, in batches.
   * Undefined when no thread could do it (the caller reads the cache itself).
   */
  async openCache(file: string, key: string, folder: string): Promise<OpenedCache | undefined> {
    if (this.disposed) return undefined;
    let worker: Worker;
    try {
      worker = this.workers[0] ?? this.spawn();
    } catch (error) {
      this.options.onError?.(error);
      return undefined;
    }
    const id = this.nextId++;
    let answer: CacheOpenReply | undefined;
    try {
      await this.exchange<CacheOpenReply>(
        worker,
        { kind: 'cache-open', id, file, key, root: this.options.root, folder } satisfies CacheOpenRequest,
        (reply) => {
          answer = reply;
          return true;
        },
      );
    } catch (error) {
      this.options.onError?.(error);
      // Threads cannot run here at all: the caller reads the cache itself, as without threads.
      if (!(await this.threadsWork())) return undefined;
      // A cache that stops a working thread (too large, too deep) is no cache: the build is cold.
      return { error: `the index cache stopped the index worker (${(error as Error).message})` };
    } finally {
      this.scheduleIdle();
    }
    if (!answer || 'missing' in answer) return { missing: true };
    if ('error' in answer) return { error: answer.error };
    const size = answer.size;
    let open = true;
    const drop = () => {
      if (!open) return;
      open = false;
      try {
        worker.postMessage({ kind: 'cache-drop', cache: id } satisfies CacheDropRequest);
      } catch {
        // the worker is gone, and its records with it
      }
    };
    return {
      size,
      check: async (paths, onRecords, isCancelled) => {
        if (!open || isCancelled?.()) return false;
        open = false; // the worker lets the records go once it has checked them
        const checkId = this.nextId++;
        const request: CacheCheckRequest = { kind: 'cache-check', id: checkId, cache: id, paths };
        try {
          if (this.idleTimer) clearTimeout(this.idleTimer);
          await this.exchange<CacheCheckReply>(worker, request, (reply) => {
            if (reply.records.length && !isCancelled?.()) onRecords(reply.records);
            return reply.done;
          });
          return !isCancelled?.();
        } catch (error) {
          this.options.onError?.(error);
          return false;
        } finally {
          // The thread's heap held the whole cache (its text, its parse, its records): let it go now
          // rather than keep it for the idle time. A load that follows starts a fresh thread.
          this.workers = this.workers.filter((w) => w !== worker);
          void worker.terminate();
          this.scheduleIdle();
        }
      },
      dispose: drop,
    };
  }

  dispose(): void {
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.terminate();
  }
}
