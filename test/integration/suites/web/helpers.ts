// Helpers of the web suite. Everything here runs in the web worker extension host: the `vscode` API
// only (files through vscode.workspace.fs), no Node modules (scripts/host/build-web-tests.mjs
// refuses them). node:assert is not there either, hence the few assertions below.
import * as vscode from 'vscode';
import { uri } from '../../host';

export { EXTENSION_ID, root, uri } from '../../host';

export class AssertionError extends Error {
  readonly showDiff: boolean;
  constructor(
    message: string,
    readonly actual?: unknown,
    readonly expected?: unknown,
  ) {
    super(message);
    this.name = 'AssertionError';
    this.showDiff = arguments.length > 1; // mocha prints a diff of actual and expected
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value, null, 1)?.replace(/\n\s*/g, ' ') ?? String(value));
}

/** Plain data (JSON-like) with object keys sorted, so deepEqual ignores key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

interface Assert {
  ok(value: unknown, message?: string): asserts value;
  equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
  deepEqual<T>(actual: unknown, expected: T, message?: string): void;
  match(text: string, pattern: RegExp, message?: string): void;
  doesNotMatch(text: string, pattern: RegExp, message?: string): void;
}

export const assert: Assert = {
  ok(value: unknown, message?: string) {
    if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${show(value)}`);
  },
  equal(actual: unknown, expected: unknown, message?: string) {
    if (!Object.is(actual, expected)) throw new AssertionError(message ?? `${show(actual)} !== ${show(expected)}`, actual, expected);
  },
  deepEqual(actual: unknown, expected: unknown, message?: string): void {
    const a = JSON.stringify(canonical(actual));
    const e = JSON.stringify(canonical(expected));
    if (a !== e) throw new AssertionError(message ?? `not deeply equal:\n  actual:   ${a}\n  expected: ${e}`, canonical(actual), canonical(expected));
  },
  match(text: string, pattern: RegExp, message?: string): void {
    if (!pattern.test(text)) throw new AssertionError(message ?? `${show(text)} does not match ${String(pattern)}`);
  },
  doesNotMatch(text: string, pattern: RegExp, message?: string): void {
    if (pattern.test(text)) throw new AssertionError(message ?? `${show(text)} matches ${String(pattern)}`);
  },
};

export function relative(target: vscode.Uri): string {
  return vscode.workspace.asRelativePath(target, false);
}

/** Files through vscode.workspace.fs, the only file system a web extension has. */
export const files = {
  async read(target: string | vscode.Uri): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(typeof target === 'string' ? uri(target) : target));
  },
  async write(target: string | vscode.Uri, text: string): Promise<void> {
    await vscode.workspace.fs.writeFile(typeof target === 'string' ? uri(target) : target, new TextEncoder().encode(text));
  },
  async exists(target: string | vscode.Uri): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(typeof target === 'string' ? uri(target) : target);
      return true;
    } catch {
      return false;
    }
  },
  async delete(target: string | vscode.Uri): Promise<void> {
    await vscode.workspace.fs.delete(typeof target === 'string' ? uri(target) : target, { useTrash: false });
  },
};

export function exec<T = unknown>(command: string, ...args: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(command, ...args);
}

/** Polls `check` until it returns something truthy. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Today as the extension writes it in file names (local date, YYYY-MM-DD). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface Summary {
  track: string;
  currentLevel: string;
  targetLevel: string;
  covered: number;
  total: number;
  criteria: Array<{ id: string; count: number; latest: string | null; stale: boolean; notes: string[] }>;
}

export function summary(args?: Record<string, unknown>): Thenable<Summary> {
  return exec<Summary>('careerLattice.getEvidenceSummary', args);
}

/** criterion id -> count, for the criteria of the target level. */
export async function counts(args?: Record<string, unknown>): Promise<Record<string, number>> {
  return Object.fromEntries((await summary(args)).criteria.map((c) => [c.id, c.count]));
}
