/**
 * Timers and the few shapes of waiting the extension needs, in one place (after VS Code's own
 * `Delayer` in markdown-language-features `util/async.ts`), with the clock passed in so tests drive it.
 */

/** The clock and timers a piece of code runs on: the real ones, or a fake a test advances by hand. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** An opaque timer handle (a number on the web, a Timeout object in Node). */
export type TimerHandle = unknown;

export const systemClock: Clock = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs the last task given to {@link trigger} once the calls have stopped for `delay` ms: a burst
 * of triggers is one run. `flush()` runs a waiting task at once; `cancel()` drops it.
 */
export class Delayer {
  private handle: TimerHandle | undefined;
  private task: (() => void) | undefined;

  constructor(
    private readonly defaultDelay: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** (Re)starts the wait; `task` replaces the one waiting. */
  trigger(task: () => void, delay = this.defaultDelay): void {
    this.task = task;
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = this.clock.setTimeout(() => this.run(), delay);
  }

  /** True while a task waits. */
  get isTriggered(): boolean {
    return this.task !== undefined;
  }

  /** Runs the waiting task now, if any; true when one ran. */
  flush(): boolean {
    if (!this.task) return false;
    this.run();
    return true;
  }

  cancel(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.task = undefined;
  }

  dispose(): void {
    this.cancel();
  }

  private run(): void {
    const task = this.task;
    this.cancel();
    task?.();
  }
}

/** One {@link Delayer} per key (a document, a file): each key's burst is one run, keys never delay each other. */
export class KeyedDelayer<K> {
  private readonly delayers = new Map<K, Delayer>();

  constructor(
    private readonly defaultDelay: number,
    private readonly clock: Clock = systemClock,
  ) {}

  trigger(key: K, task: () => void, delay = this.defaultDelay): void {
    let delayer = this.delayers.get(key);
    if (!delayer) this.delayers.set(key, (delayer = new Delayer(this.defaultDelay, this.clock)));
    delayer.trigger(() => {
      this.delayers.delete(key);
      task();
    }, delay);
  }

  cancel(key: K): void {
    this.delayers.get(key)?.cancel();
    this.delayers.delete(key);
  }

  get size(): number {
    return this.delayers.size;
  }

  dispose(): void {
    for (const d of this.delayers.values()) d.cancel();
    this.delayers.clear();
  }
}

/** A cancellation token: set once, read by a long operation between its steps. */
export interface CancellationToken {
  readonly isCancelled: boolean;
}

/** Cancels its token once; a new generation of work gets a new source. */
export class CancellationSource implements CancellationToken {
  private cancelled = false;

  get isCancelled(): boolean {
    return this.cancelled;
  }

  get token(): CancellationToken {
    return this;
  }

  cancel(): void {
    this.cancelled = true;
  }
}

/**
 * Runs jobs one at a time, in the order they were queued. A job's failure is its caller's (the
 * returned promise rejects) and never stops the jobs after it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(job: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(job);
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.pending;
  }

  /** Resolves once every job queued so far has finished (failed ones included). */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
