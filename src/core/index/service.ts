import { formatProblem } from '../problems';
import { CancellationSource, Delayer, SerialQueue, systemClock, type CancellationToken, type Clock, type TimerHandle } from '../util/async';
import { isInside, isMarkdown } from '../util/paths';
import { parseCache, serializeCache } from './cache';
import type { CoreFileSystem } from './fs';
import { buildIndex, refreshNote, type CacheSource, type NoteLoader } from './indexer';
import { NoteIndex, type NoteRecord } from './noteIndex';

/**
 * The index's life cycle, in one place and without `vscode`: the first build (warm from the cache when
 * there is one), file events applied in batches, rescans, re-checks before a command answers, and
 * cache saves. Every one of them is a job on ONE serial queue, so no two ever interleave, and every job
 * belongs to a generation (a notes folder): when the folder changes, the generation's token is
 * cancelled and nothing its jobs still read reaches the index.
 */

export interface Disposable {
  dispose(): void;
}

/** The log the service writes to (a `vscode.LogOutputChannel` is one). */
export interface IndexLog {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** Where the persisted index lives (`context.storageUri` in the extension, a Map in tests). */
export interface CacheStore {
  /** undefined when there is no cache yet. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
  /**
   * The absolute path of the same file on this machine's disk, when it is on one: a loader that can
   * (the desktop's worker pool) then reads and checks the cache on a thread of its own.
   */
  readonly file?: string;
}

/** A change on disk under the watched folder: a file, or something that needs a rescan (a folder created, renamed, deleted). */
export type FileEvent = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'rescan' };

/** File events of a folder (vscode file system watchers in the extension, a hand-fired source in tests). */
export interface FileEvents {
  /** Reports changes under `folder` (workspace-relative) and to the folder itself, until disposed. */
  watch(folder: string, listener: (event: FileEvent) => void): Disposable;
}

/** What one generation indexes. */
export interface IndexTarget {
  readonly fs: CoreFileSystem;
  /** Owned by the service from now on: disposed when the target is replaced or the service is. */
  readonly loader: NoteLoader;
  /** The notes folder, workspace-relative. */
  readonly folder: string;
  /** Identifies the workspace folder and notes folder, so a cache made for another is never trusted. */
  readonly cacheKey: string;
  readonly cache?: CacheStore;
  readonly events?: FileEvents;
}

/** What the service tells its host (context keys, progress in the status bar). */
export interface IndexStatus {
  indexing?(active: boolean): void;
  progress?(done: number, total: number): void;
  notesFolderExists?(exists: boolean): void;
}

export interface IndexServiceOptions {
  readonly log: IndexLog;
  readonly index?: NoteIndex;
  readonly clock?: Clock;
  readonly status?: IndexStatus;
  /** How long file events must be quiet before a batch is applied (default 120 ms). */
  readonly batchDelayMs?: number;
  /** More changed files than this in one batch: one rescan instead (default 200). */
  readonly burstLimit?: number;
  /** How long the index must be quiet before the cache is saved (default 3 s). */
  readonly cacheSaveMs?: number;
  /** Under this many notes, `ensureFresh` re-checks every note's size and mtime (default 2000). */
  readonly reconcileBelow?: number;
  /**
   * While a build or batch runs, {@link IndexService.onDidChange} fires at most this often (default
   * 250 ms), and once more when the job ends; outside jobs it fires at once.
   */
  readonly changeThrottleMs?: number;
}

export interface RebuildOptions {
  /** Start from the persisted cache (only used when the index is empty). */
  readonly useCache?: boolean;
  /** A re-check before answering a command: only what changed is worth the log. */
  readonly quiet?: boolean;
}

interface Generation {
  readonly source: CancellationSource;
  readonly target: IndexTarget | undefined;
}

interface QueuedBuild {
  readonly generation: Generation;
  useCache: boolean;
  quiet: boolean;
  promise?: Promise<void>;
}

export class IndexService implements Disposable {
  readonly index: NoteIndex;
  private readonly log: IndexLog;
  private readonly clock: Clock;
  private readonly status: IndexStatus;
  private readonly queue = new SerialQueue();
  private generation: Generation = { source: new CancellationSource(), target: undefined };
  private watcher: Disposable | undefined;
  private readonly pending = new Set<string>();
  private pendingRescan = false;
  /** A batch job queued and not started yet: events that arrive meanwhile join it. */
  private queuedBatch: Promise<void> | undefined;
  /** A build queued and not started yet: a second request shares it. */
  private queuedBuild: QueuedBuild | undefined;
  private readonly batchDelayer: Delayer;
  private readonly cacheDelayer: Delayer;
  private readyPromise: Promise<void> = Promise.resolve();
  private readonly indexListener: Disposable;
  private disposed = false;
  private readonly changeListeners = new Set<() => void>();
  /** The index changed since listeners were last told. */
  private changeUnheard = false;
  private changeTimer: TimerHandle | undefined;
  /** Builds and batches running (they hold change events back, see `changeThrottleMs`). */
  private jobsRunning = 0;

  constructor(private readonly options: IndexServiceOptions) {
    this.index = options.index ?? new NoteIndex();
    this.log = options.log;
    this.clock = options.clock ?? systemClock;
    this.status = options.status ?? {};
    this.batchDelayer = new Delayer(options.batchDelayMs ?? 120, this.clock);
    this.cacheDelayer = new Delayer(options.cacheSaveMs ?? 3000, this.clock);
    this.indexListener = this.index.onDidChange(() => this.onIndexChange());
  }

  /**
   * The index changed. Coalesced: a build files its notes batch by batch, and listeners (views, the
   * status bar, context keys) run at most every `changeThrottleMs` while it does, and once when it has
   * ended (before anyone waiting for it resumes); a change outside a build is told at once.
   */
  onDidChange(listener: () => void): Disposable {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  /** Resolves when the current generation's first build is done (never rejects). */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  get target(): IndexTarget | undefined {
    return this.generation.target;
  }

  /**
   * Indexes `target` from now on (undefined: nothing). The previous generation is cancelled at once:
   * the index is emptied now, and no batch its jobs still read is filed.
   */
  setTarget(target: IndexTarget | undefined): Promise<void> {
    const previous = this.generation;
    previous.source.cancel();
    this.generation = { source: new CancellationSource(), target };
    this.watcher?.dispose();
    this.watcher = undefined;
    this.pending.clear();
    this.pendingRescan = false;
    this.queuedBatch = undefined;
    this.queuedBuild = undefined;
    this.batchDelayer.cancel();
    this.cacheDelayer.cancel();
    // The old loader may still be reading for a cancelled job: it is let go once that job has ended.
    if (previous.target) void this.queue.run(async () => previous.target!.loader.dispose?.()).catch(() => undefined);
    this.index.clear();
    this.emitChange(); // emptied now, even while a cancelled job winds down
    if (!target || this.disposed) {
      this.readyPromise = Promise.resolve();
      return this.readyPromise;
    }
    const generation = this.generation;
    // Watch before the build starts: an event during the build is applied after it (the newer state wins).
    this.watcher = target.events?.watch(target.folder, (event) => this.onEvent(generation, event));
    this.readyPromise = this.rebuild({ useCache: true });
    return this.readyPromise;
  }

  /**
   * Re-indexes the notes folder. A build already queued (not started) is shared; one running is not,
   * since it may have walked the folder before what the caller wants to see.
   */
  rebuild(options: RebuildOptions = {}): Promise<void> {
    const generation = this.generation;
    if (!generation.target || this.disposed) return Promise.resolve();
    const queued = this.queuedBuild;
    if (queued && queued.generation === generation && queued.promise) {
      queued.useCache ||= options.useCache ?? false;
      queued.quiet &&= options.quiet ?? false;
      return queued.promise;
    }
    const entry: QueuedBuild = { generation, useCache: options.useCache ?? false, quiet: options.quiet ?? false };
    this.queuedBuild = entry;
    entry.promise = this.queue
      .run(() =>
        this.changing(async () => {
          if (this.queuedBuild === entry) this.queuedBuild = undefined;
          await this.build(generation, entry);
        }),
      )
      .catch((error: unknown) => this.log.error('Indexing failed:', error));
    return entry.promise;
  }

  /**
   * Applies file events queued so far now, without waiting for the batch delay. Resolves once they are
   * applied (and whatever was queued before them is done): each waiter waits for its own events.
   */
  flush(): Promise<void> {
    this.batchDelayer.cancel();
    if (this.pending.size > 0 || this.pendingRescan) this.queueBatch();
    return this.queue.idle();
  }

  /**
   * Makes the index match the disk before a command answers: the first build, file events applied
   * now, and in a small workspace a re-check of every note's size and mtime (a missed event can never
   * leave it wrong).
   */
  async ensureFresh(): Promise<void> {
    await this.readyPromise;
    await this.flush();
    if (this.index.size < (this.options.reconcileBelow ?? 2000)) await this.rebuild({ quiet: true });
  }

  /** Files the extension changed itself (a created note): applied at once, without waiting for the watcher. */
  filesChanged(paths: readonly string[]): Promise<void> {
    for (const path of paths) this.onEvent(this.generation, { kind: 'file', path });
    return this.flush();
  }

  /** Persists the index (as a job, so never in the middle of a build). */
  saveCache(): Promise<void> {
    this.cacheDelayer.cancel();
    const generation = this.generation;
    return this.queue.run(() => this.writeCache(generation));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const generation = this.generation;
    generation.source.cancel();
    this.watcher?.dispose();
    this.batchDelayer.dispose();
    this.indexListener.dispose();
    if (this.changeTimer !== undefined) this.clock.clearTimeout(this.changeTimer);
    this.changeListeners.clear();
    if (this.cacheDelayer.isTriggered) {
      // Shutting down: written at once (a job would wait behind a cancelled build).
      this.cacheDelayer.cancel();
      void this.writeCache(generation, true);
    }
    this.cacheDelayer.dispose();
    generation.target?.loader.dispose?.();
  }

  private onEvent(generation: Generation, event: FileEvent): void {
    if (generation !== this.generation || generation.source.isCancelled) return;
    if (event.kind === 'file' && isMarkdown(event.path)) this.pending.add(event.path);
    else this.pendingRescan = true; // a folder was created, renamed or deleted
    this.batchDelayer.trigger(() => void this.flush());
  }

  private queueBatch(): void {
    if (this.queuedBatch) return;
    const generation = this.generation;
    const job = this.queue
      .run(() =>
        this.changing(async () => {
          if (this.queuedBatch === job) this.queuedBatch = undefined;
          await this.applyBatch(generation);
        }),
      )
      .catch((error: unknown) => this.log.error('Updating the index failed:', error));
    this.queuedBatch = job;
  }

  /** One re-read of what changed, or one rescan for a burst or a folder event. */
  private async applyBatch(generation: Generation): Promise<void> {
    const target = generation.target;
    if (!target || generation.source.isCancelled) return;
    const paths = [...this.pending];
    const rescan = this.pendingRescan || paths.length > (this.options.burstLimit ?? 200);
    this.pending.clear();
    this.pendingRescan = false;
    if (paths.length === 0 && !rescan) return;
    if (rescan) {
      await this.build(generation, { useCache: false, quiet: false });
    } else {
      const token = generation.source.token;
      await refreshNote(
        this.index,
        target.loader,
        paths.filter((p) => isInside(p, target.folder)),
        () => token.isCancelled,
      );
    }
  }

  private async build(generation: Generation, options: { readonly useCache: boolean; readonly quiet: boolean }): Promise<void> {
    const target = generation.target;
    const token: CancellationToken = generation.source.token;
    if (!target || token.isCancelled) return;
    const started = this.clock.now();
    // Read while the folder is walked (buildIndex overlaps the two).
    const cached = options.useCache && target.cache && this.index.size === 0 ? this.openCache(target) : undefined;
    this.status.indexing?.(true);
    try {
      // Asked alongside the walk (each is a round trip to the workbench), told when it is known.
      const exists = target.fs.stat(target.folder).then(
        (stat) => stat !== undefined,
        () => false,
      );
      void exists.then((found) => !token.isCancelled && this.status.notesFolderExists?.(found));
      let lastProgress = Number.NEGATIVE_INFINITY;
      let lastDone = -1;
      const result = await buildIndex(this.index, target.fs, target.loader, target.folder, {
        ...(cached ? { cached, expectWarm: true } : {}),
        // At most every 100 ms (each is a message to the workbench), and always the first and the last.
        onProgress: (done, total) => {
          if (token.isCancelled) return;
          const now = this.clock.now();
          if (done === lastDone || (done !== 0 && done < total && now - lastProgress < 100)) return;
          lastProgress = now;
          lastDone = done;
          this.status.progress?.(done, total);
        },
        isCancelled: () => token.isCancelled,
        exclude: (path) => path.startsWith('.'),
      });
      await exists;
      if (token.isCancelled) return;
      const summary = `Indexed ${result.files} notes in ${Math.round(this.clock.now() - started)} ms (${result.reused} from cache, ${result.parsed} read, ${result.skipped} skipped).`;
      if (options.quiet) {
        if (result.parsed > 0 || result.skipped > 0) this.log.debug(summary);
      } else {
        for (const p of result.problems) this.log.warn(formatProblem(p));
        for (const [path, why] of this.index.skipped()) this.log.warn(formatProblem(why, path));
        this.log.info(summary);
      }
    } finally {
      this.status.indexing?.(false);
    }
  }

  /** The persisted cache: read and checked on the loader's thread when it can, else read here. */
  private async openCache(target: IndexTarget): Promise<CacheSource | undefined> {
    const file = target.cache?.file;
    if (file && target.loader.openCache) {
      const opened = await target.loader.openCache(file, target.cacheKey, target.folder).catch(() => undefined);
      if (opened && 'missing' in opened) return undefined;
      if (opened && 'error' in opened) {
        this.log.info(`Index cache discarded: ${opened.error}.`);
        return undefined;
      }
      if (opened) return opened;
    }
    return this.readCache(target);
  }

  private async readCache(target: IndexTarget): Promise<Map<string, NoteRecord> | undefined> {
    let text: string | undefined;
    try {
      text = await target.cache?.read();
    } catch {
      return undefined;
    }
    if (text === undefined) return undefined;
    const result = parseCache(text, target.cacheKey);
    if ('error' in result) {
      this.log.info(`Index cache discarded: ${result.error}.`);
      return undefined;
    }
    return result.records;
  }

  private onIndexChange(): void {
    this.scheduleCacheSave();
    this.changeUnheard = true;
    if (this.jobsRunning === 0) this.emitChange();
    else if (this.changeTimer === undefined) {
      this.changeTimer = this.clock.setTimeout(() => {
        this.changeTimer = undefined;
        this.emitChange();
      }, this.options.changeThrottleMs ?? 250);
    }
  }

  /** Tells listeners of changes not told yet. */
  private emitChange(): void {
    if (this.changeTimer !== undefined) {
      this.clock.clearTimeout(this.changeTimer);
      this.changeTimer = undefined;
    }
    if (!this.changeUnheard) return;
    this.changeUnheard = false;
    for (const listener of [...this.changeListeners]) {
      try {
        listener();
      } catch (error) {
        this.log.error('A listener of the index failed:', error);
      }
    }
  }

  /** Runs a job that changes the index: its changes are told in one go when it ends (and throttled while it runs). */
  private async changing(job: () => Promise<void>): Promise<void> {
    this.jobsRunning++;
    try {
      await job();
    } finally {
      this.jobsRunning--;
      if (this.jobsRunning === 0) this.emitChange();
    }
  }

  private scheduleCacheSave(): void {
    if (this.disposed || !this.generation.target?.cache) return;
    this.cacheDelayer.trigger(() => void this.saveCache());
  }

  private async writeCache(generation: Generation, evenIfCancelled = false): Promise<void> {
    const target = generation.target;
    if (!target?.cache || (!evenIfCancelled && generation.source.isCancelled)) return;
    try {
      await target.cache.write(serializeCache(this.index, target.cacheKey));
    } catch (error) {
      this.log.warn('The index cache could not be saved:', error);
    }
  }
}
