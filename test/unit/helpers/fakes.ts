import { FsNoteLoader, type KnownFile, type LoadedBatch, type NoteLoader, type Probe } from '../../../src/core/index/indexer';
import type { CoreFileSystem } from '../../../src/core/index/fs';
import type { CacheStore, FileEvent, FileEvents, IndexLog } from '../../../src/core/index/service';
import type { Clock, TimerHandle } from '../../../src/core/util/async';

/** A clock whose timers run only when a test advances it. */
export class FakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Moves time on, running each timer that comes due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }

  get pending(): number {
    return this.timers.size;
  }
}

/** A promise a test opens by hand. */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;

  constructor() {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
}

/**
 * A loader over a {@link CoreFileSystem} that reads one note at a time and can be held after the
 * n-th note, made to fail (a worker crash the pool could not contain), and asked to ignore
 * cancellation (a worker finishing the chunk it was given).
 */
export class ScriptedLoader implements NoteLoader {
  private readonly inner: FsNoteLoader;
  readonly calls: string[][] = [];
  delivered = 0;
  disposed = false;
  /** Wait at this gate after delivering `holdAfter` notes (counted over the loader's life). */
  hold: { after: number; gate: Gate; reached: Gate } | undefined;
  /** Throw after delivering this many notes. */
  failAfter: number | undefined;
  ignoreCancel = false;
  /** When set, the loader can probe (so a start from the cache is a warm start); held at this gate after stat'ing. */
  probeGate: { gate: Gate; reached: Gate } | undefined;
  canProbe = false;
  /** How many times `probe` ran. */
  probes = 0;

  constructor(private readonly fs: CoreFileSystem) {
    this.inner = new FsNoteLoader(fs, { concurrency: 1, batchSize: 1 });
  }

  holdAfter(after: number): { gate: Gate; reached: Gate } {
    this.hold = { after, gate: new Gate(), reached: new Gate() };
    return this.hold;
  }

  async load(
    paths: readonly string[],
    known: ReadonlyMap<string, KnownFile>,
    onBatch: (batch: LoadedBatch) => void,
    isCancelled?: () => boolean,
  ): Promise<void> {
    this.calls.push([...paths]);
    for (const path of paths) {
      if (!this.ignoreCancel && isCancelled?.()) return;
      await this.inner.load([path], known, onBatch);
      this.delivered++;
      if (this.failAfter !== undefined && this.delivered >= this.failAfter) {
        this.failAfter = undefined;
        throw new Error('index worker exited with code 7');
      }
      if (this.hold && this.delivered >= this.hold.after) {
        const hold = this.hold;
        this.hold = undefined;
        hold.reached.open();
        await hold.gate.opened;
      }
    }
  }

  get probe(): ((paths: readonly string[]) => Promise<Probe | undefined>) | undefined {
    if (!this.canProbe) return undefined;
    return async (paths) => {
      this.probes++;
      const mtime = new Float64Array(paths.length);
      const size = new Float64Array(paths.length);
      for (let i = 0; i < paths.length; i++) {
        const stat = await this.fs.stat(paths[i]!);
        mtime[i] = stat ? stat.mtime : Number.NaN;
        size[i] = stat ? stat.size : 0;
      }
      if (this.probeGate) {
        const g = this.probeGate;
        this.probeGate = undefined;
        g.reached.open();
        await g.gate.opened;
      }
      return { mtime, size };
    };
  }

  dispose(): void {
    this.disposed = true;
  }
}

/** File events fired by hand. */
export class FakeEvents implements FileEvents {
  private readonly listeners = new Map<string, (event: FileEvent) => void>();

  watch(folder: string, listener: (event: FileEvent) => void): { dispose(): void } {
    this.listeners.set(folder, listener);
    return { dispose: () => this.listeners.delete(folder) };
  }

  fire(folder: string, event: FileEvent): void {
    this.listeners.get(folder)?.(event);
  }

  get watched(): string[] {
    return [...this.listeners.keys()];
  }
}

export class MemoryCache implements CacheStore {
  text: string | undefined;
  writes = 0;

  async read(): Promise<string | undefined> {
    return this.text;
  }

  async write(text: string): Promise<void> {
    this.writes++;
    this.text = text;
  }
}

export class MemoryLog implements IndexLog {
  readonly lines: string[] = [];
  debug(message: string): void {
    this.lines.push(`debug ${message}`);
  }
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string, ...args: unknown[]): void {
    this.lines.push(`warn ${message} ${args.map(String).join(' ')}`);
  }
  error(message: string | Error, ...args: unknown[]): void {
    this.lines.push(`error ${String(message)} ${args.map(String).join(' ')}`);
  }
}
