// Waiting in integration tests: poll with a deadline instead of sleeping a fixed time.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `fn` until it returns something truthy and returns that, or throws after `ms` with the last
 * value seen (so a failing test says what it saw, not just that it timed out).
 */
export async function waitFor<T>(fn: () => T | Promise<T>, ms = 2000, what = 'the condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await fn();
      lastError = undefined;
      if (last) return last as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError !== undefined ? `threw ${String(lastError)}` : `last value ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${ms} ms waiting for ${what} (${seen})`);
    }
    await sleep(25);
  }
}

/** Like {@link waitFor}, and also says how long it took (for "within a second" checks). */
export async function timed<T>(fn: () => T | Promise<T>, ms = 2000, what = 'the condition'): Promise<{ value: NonNullable<T>; elapsed: number }> {
  const started = Date.now();
  const value = await waitFor(fn, ms, what);
  return { value, elapsed: Date.now() - started };
}

/** The list, or undefined when it is empty (for {@link waitFor}: an empty array is truthy). */
export function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length > 0 ? list : undefined;
}
