/**
 * The host benchmark's probe: preloaded into the VS Code extension host (`NODE_OPTIONS=--require
 * out/bench/host/probe.js`, set by bench/host/driver.mjs on the server it starts), so it is there before
 * the extension is, and inert in every other process the server starts (pty host, file watcher, the
 * server itself).
 *
 * What it measures, all on the extension host's own clock (performance.now()):
 * - t0, "activation": the extension host starts loading dist/extension.js (the moment VS Code marks
 *   `code/extHost/willLoadExtensionCode/<id>`; the probe sees it through Node's module loader, which
 *   VS Code's own loader calls);
 * - then, as soon as the extension's activate() returns (or its promise settles), it calls `careerLattice.getEvidenceSummary`
 *   (as a view or a script would, at once) and takes the time when the answer matches the complete
 *   index of the same files (computed by the core outside, ProbeConfig.expected). If an answer comes
 *   early and incomplete, that is recorded and the call repeated until one is complete;
 * - the longest event-loop block between the two (monitorEventLoopDelay, and a 5 ms setInterval drift
 *   monitor that also says when each long block happened);
 * - on the cold run, then, when the extension's storage (its index cache) is written and settled.
 *
 * The extension is not changed: activate() is wrapped (its module's exports are copied with activate
 * replaced by a function that calls it, then issues the command), nothing else.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { format } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { CONFIG_ENV, GLOBAL_KEY, type Block, type ProbeConfig, type ProbeResult } from './protocol';

const INTERVAL_MS = 5;

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

type Load = (this: unknown, request: string, parent: unknown, isMain: boolean) => unknown;

function install(config: ProbeConfig): void {
  const bundle = realpath(config.bundle);
  const processStart = performance.timeOrigin;
  const histogram = monitorEventLoopDelay({ resolution: INTERVAL_MS });
  histogram.enable();
  let t0: number | undefined;
  let recording = false;
  let blocks: Block[] = [];
  let last = performance.now();
  const drift = setInterval(() => {
    const now = performance.now();
    const late = now - last - INTERVAL_MS;
    last = now;
    if (!recording || t0 === undefined || late < 1) return;
    blocks.push({ ms: round(late), atMs: round(now - t0) });
    if (blocks.length > 50) blocks = blocks.sort((a, b) => b.ms - a.ms).slice(0, 5);
  }, INTERVAL_MS);
  drift.unref();

  let settle: (result: ProbeResult) => void = () => undefined;
  const result = new Promise<ProbeResult>((resolve) => (settle = resolve));
  (globalThis as Record<string, unknown>)[GLOBAL_KEY] = result;
  let done = false;
  const finish = (r: ProbeResult) => {
    if (done) return;
    done = true;
    histogram.disable();
    clearInterval(drift);
    clearTimeout(timer);
    settle(r);
  };
  const fail = (error: string) =>
    finish({
      label: config.label,
      summaryMs: NaN,
      loadMs: NaN,
      activatedMs: NaN,
      firstAnswerComplete: false,
      answers: 0,
      maxBlockMs: NaN,
      longestBlocks: [],
      hostStartToActivationMs: NaN,
      marks: {},
      storageFilesAtStart: 0,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      error,
    });
  const timer = setTimeout(
    () =>
      fail(
        t0 === undefined
          ? `the extension was not activated within ${config.timeoutMs / 1000} s of the extension host's start`
          : `no complete evidence summary within ${config.timeoutMs / 1000} s of the extension host's start`,
      ),
    config.timeoutMs,
  );
  timer.unref();

  // Started now, so that starting it costs nothing inside the measured span; samples outside it are dropped when read (see window).
  const profiler = config.profile ? startProfiler(config.profile) : undefined;
  let t0Us = 0;
  let loadedAt = NaN;
  // Node's loader; VS Code installs its own `_load` over it later (for `vscode`), which calls this one for everything else.
  const Module = require('node:module') as { _load: Load };
  const original = Module._load;
  Module._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
    const isBundle = t0 === undefined && path.isAbsolute(request) && request.endsWith('.js') && realpath(request) === bundle;
    if (!isBundle) return original.call(this, request, parent, isMain);
    t0 = performance.now();
    histogram.reset();
    blocks = [];
    recording = true;
    t0Us = monotonicUs();
    captureLog();
    const exports = original.call(this, request, parent, isMain) as { activate?: (context: vscode.ExtensionContext) => unknown; [key: string]: unknown };
    loadedAt = performance.now();
    const activate = exports.activate;
    if (typeof activate !== 'function') return exports;
    return {
      ...exports,
      activate(context: vscode.ExtensionContext) {
        const value = activate.call(this, context);
        // An async activate() counts as returned when its promise settles (VS Code waits for it too).
        const measured = value instanceof Promise ? value.then(() => measure(context, performance.now())) : measure(context, performance.now());
        measured.catch((error: unknown) => fail(`the probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
        return value;
      },
    };
  };

  /** The extension's own log lines (its "Career Lattice" output channel), with when they were written. */
  const logLines: string[] = [];
  function captureLog(): void {
    try {
      // The same API object the extension gets (VS Code makes one per extension, and this file lies inside it).
      const api = require('vscode') as typeof vscode;
      const create = api.window.createOutputChannel as unknown as (...args: unknown[]) => Record<string, unknown>;
      (api.window as { createOutputChannel: unknown }).createOutputChannel = function (this: unknown, ...args: unknown[]) {
        const channel = create.apply(this, args);
        if (args[0] !== 'Career Lattice') return channel;
        for (const level of ['debug', 'info', 'warn', 'error']) {
          const write = channel[level];
          if (typeof write !== 'function') continue;
          channel[level] = (...parts: unknown[]) => {
            if (recording && logLines.length < 40) logLines.push(`+${(performance.now() - t0!).toFixed(0)} ms [${level}] ${format(...parts)}`);
            return (write as (...a: unknown[]) => unknown).apply(channel, parts);
          };
        }
        return channel;
      };
    } catch {
      // a frozen API object: no log lines, nothing else lost
    }
  }

  async function measure(context: vscode.ExtensionContext, activatedAt: number): Promise<void> {
    const api = require('vscode') as typeof vscode;
    const start = t0!;
    const storage = context.storageUri;
    const filesAtStart = storage ? listing(api, storage) : Promise.resolve([]);
    let answers = 0;
    let firstComplete = false;
    for (;;) {
      const answer = (await api.commands.executeCommand('careerLattice.getEvidenceSummary', config.args)) as
        { criteria?: { id: string; count: number }[] } | undefined;
      answers++;
      const complete = matches(answer, config.expected);
      if (answers === 1) firstComplete = complete;
      if (complete) break;
      if (done) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const end = performance.now();
    logLines.push(`+${(end - start).toFixed(0)} ms (the complete summary)`);
    recording = false;
    const maxBlockMs = histogram.max / 1e6;
    await profiler?.stop({ startUs: t0Us, endUs: monotonicUs() });
    const marks: Record<string, number> = {};
    const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
    const epoch0 = performance.timeOrigin + start;
    for (const mark of perf?.getMarks() ?? []) {
      if (mark.name.endsWith(`/${context.extension.id}`)) marks[mark.name.slice(0, -context.extension.id.length - 1)] = round(mark.startTime - epoch0);
    }
    const atStart = await filesAtStart;
    let storageSettledMs: number | undefined;
    let storageBytes: number | undefined;
    if (config.waitForStorage && storage) {
      const settled = await settledStorage(api, storage, epoch0, () => done);
      if (settled) {
        storageSettledMs = round(settled.at - start);
        storageBytes = settled.bytes;
      }
    }
    finish({
      label: config.label,
      summaryMs: round(end - start),
      loadMs: round(loadedAt - start),
      activatedMs: round(activatedAt - start),
      firstAnswerComplete: firstComplete,
      answers,
      maxBlockMs: round(maxBlockMs),
      longestBlocks: blocks.sort((a, b) => b.ms - a.ms).slice(0, 5),
      hostStartToActivationMs: round(epoch0 - processStart),
      marks,
      storageFilesAtStart: atStart.length,
      ...(storageSettledMs !== undefined ? { storageSettledMs, storageBytes } : {}),
      peakRssMb: round(process.resourceUsage().maxRSS / 1024),
      log: logLines,
      ...(config.profile ? { profile: config.profile } : {}),
    });
  }
}

function matches(answer: { criteria?: { id: string; count: number }[] } | undefined, expected: readonly { id: string; count: number }[]): boolean {
  const criteria = answer?.criteria;
  if (!criteria || criteria.length !== expected.length) return false;
  return expected.every((e, i) => criteria[i]?.id === e.id && criteria[i]?.count === e.count);
}

interface Entry {
  readonly name: string;
  readonly size: number;
  readonly mtime: number;
}

/** Every file under `root`, through vscode.workspace.fs (the storage may be on another scheme than file:). */
async function listing(api: typeof vscode, root: vscode.Uri, prefix = ''): Promise<Entry[]> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await api.workspace.fs.readDirectory(root);
  } catch {
    return [];
  }
  const out: Entry[] = [];
  for (const [name, type] of entries) {
    const uri = api.Uri.joinPath(root, name);
    if (type & api.FileType.Directory) out.push(...(await listing(api, uri, `${prefix}${name}/`)));
    else {
      const stat = await api.workspace.fs.stat(uri);
      out.push({ name: `${prefix}${name}`, size: stat.size, mtime: stat.mtime });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Waits until something under `root` was written after `sinceEpoch` and nothing changed for a second (at most 30 s). */
async function settledStorage(
  api: typeof vscode,
  root: vscode.Uri,
  sinceEpoch: number,
  stopped: () => boolean,
): Promise<{ at: number; bytes: number } | undefined> {
  const deadline = performance.now() + 30_000;
  let previous = '';
  let stableSince = performance.now();
  let lastChange = performance.now();
  while (performance.now() < deadline && !stopped()) {
    const files = await listing(api, root);
    const key = files.map((f) => `${f.name}:${f.size}:${f.mtime}`).join('|');
    const now = performance.now();
    if (key !== previous) {
      previous = key;
      stableSince = now;
      lastChange = now;
    }
    const fresh = files.some((f) => f.mtime >= sinceEpoch - 1000);
    if (fresh && now - stableSince >= 1000) return { at: lastChange, bytes: files.reduce((sum, f) => sum + f.size, 0) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}

/** CLOCK_MONOTONIC in µs: the clock of V8's profile timestamps. */
function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * A CPU profile of this thread (the extension host's), written as a .cpuprofile for DevTools, with
 * `careerLatticeWindow` (activation to summary, on the profile's clock) for the driver's summary.
 */
function startProfiler(file: string): { stop: (window: { startUs: number; endUs: number }) => Promise<void> } {
  const inspector = require('node:inspector') as typeof import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, value) => (error ? reject(error) : resolve(value))));
  const started = post('Profiler.enable')
    .then(() => post('Profiler.setSamplingInterval', { interval: 200 }))
    .then(() => post('Profiler.start'));
  return {
    async stop(window) {
      await started;
      const { profile } = (await post('Profiler.stop')) as { profile: object };
      fs.writeFileSync(file, JSON.stringify({ ...profile, careerLatticeWindow: window }));
      session.disconnect();
    },
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const configFile = process.env[CONFIG_ENV];
// Only the extension host's main thread: Node also runs `--require` modules in worker threads (the index threads), whose argv is the host's.
if (configFile && process.argv.includes('--type=extensionHost') && isMainThread) {
  install(JSON.parse(fs.readFileSync(configFile, 'utf8')) as ProbeConfig);
}
