// The host part of `npm run bench`: the real VS Code host (the VS Code server, its web workbench in
// headless Chromium, the Node extension host running this repository's dist/extension.js), started
// the way the integration tests start it (scripts/host/), on a workspace the core bench generated.
//
//   node bench/host/driver.mjs --workspace DIR --expected FILE [--reps 3] [--timeout 240] [--profile DIR] [--verbose]
//
// `npm run bench` runs it on $TMPDIR/career-lattice-bench/ws-10000 with expected-10000.json (both made
// by its core part). --profile DIR also writes a CPU profile of the extension host's thread for each
// run (activation to summary; open it in Chrome DevTools) and prints where the time went; profiling
// slows the host, so those runs' times are not the benchmark's. CAREER_LATTICE_KEEP_HOST_DIRS=1 keeps
// the host folders (user data, workspace storage, server.log).
//
// Each repetition has its own host state (server data, user data, extensions: a fresh temporary folder)
// and runs the host twice on it, on the same port (the workbench keys the workspace storage by the
// folder's URI, port included):
//   cold: nothing in the extension's storage, so no index cache;
//   warm: the same storage, with the index cache the cold run left there.
// In each run the probe (out/bench/host/probe.js, preloaded into the extension host with
// NODE_OPTIONS=--require) takes the time from the extension host starting to load dist/extension.js
// ("activation") to the first complete answer of careerLattice.getEvidenceSummary, which it asks as
// soon as activate() returns, and the longest event-loop block in between. The tests module
// (out/bench/host/module.js) hands that on as one log line.
//
// Prints progress on stderr and the results as one JSON line on stdout. Everything it started (server,
// extension host, Chromium) and its temporary folders are removed when it ends, also on failure,
// timeout, Ctrl+C or SIGTERM. Exit code 1 with a message when a run fails or times out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, openWorkbench } from '../../scripts/host/browser.mjs';
import { isStopping, stopAll, track } from '../../scripts/host/cleanup.mjs';
import { HostError, ensureHost } from '../../scripts/host/install.mjs';
import { repoRoot } from '../../scripts/host/paths.mjs';
import { freePort, startServer } from '../../scripts/host/server.mjs';

// Keep in sync with bench/host/protocol.ts.
const CONFIG_ENV = 'CAREER_LATTICE_BENCH_CONFIG';
const RESULT_PREFIX = '[career-lattice-bench]';

const PROBE = path.join(repoRoot, 'out', 'bench', 'host', 'probe.js');
const MODULE = path.join(repoRoot, 'out', 'bench', 'host', 'module.js');
const BUNDLE = path.join(repoRoot, 'dist', 'extension.js');
const SUMMARY_ARGS = { track: 'ic', currentLevel: 'L5' };

const { values: options } = parseArgs({
  options: {
    workspace: { type: 'string' },
    expected: { type: 'string' },
    reps: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '240' },
    profile: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

const say = (line) => process.stderr.write(`${line}\n`);

function check() {
  if (!options.workspace || !fs.existsSync(options.workspace))
    throw new HostError(`--workspace ${options.workspace ?? '(missing)'}: no such folder (npm run bench generates it).`);
  if (!options.expected || !fs.existsSync(options.expected))
    throw new HostError(`--expected ${options.expected ?? '(missing)'}: no such file (npm run bench writes it from the core's index).`);
  for (const [file, how] of [
    [PROBE, 'tsc -p .'],
    [MODULE, 'tsc -p .'],
    [BUNDLE, 'node esbuild.js --production'],
  ]) {
    if (!fs.existsSync(file)) throw new HostError(`${path.relative(repoRoot, file)} is missing: run \`${how}\` (npm run bench does).`);
  }
}

/**
 * Where the extension host's thread spent a profile: self time by script and by function (the
 * `(idle)` share is time the thread waited: for the index threads, the disk, the workbench).
 */
function summarizeProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Only the samples from activation to the summary (the profiler ran from the extension host's start).
  const window = profile.careerLatticeWindow ?? { startUs: -Infinity, endUs: Infinity };
  const self = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= window.startUs && at <= window.endUs) self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const name = (frame) => `${frame.functionName || '(anonymous)'} ${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
  const byScript = new Map();
  const byFunction = new Map();
  const inclusive = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const [id, ms] of self) {
    const frame = byId.get(id).callFrame;
    add(byScript, frame.url ? path.basename(frame.url) : `(${frame.functionName || 'native'})`, ms);
    add(byFunction, name(frame), ms);
    // Inclusive time of the extension's own functions (each counted once per stack).
    const seen = new Set();
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const f = byId.get(node).callFrame;
      if (!f.url.endsWith('/dist/extension.js')) continue;
      const key = name(f);
      if (!seen.has(key)) add(inclusive, key, ms);
      seen.add(key);
    }
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `    ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  say(`  ${path.basename(file)}: ${total.toFixed(0)} ms sampled on the extension host's thread, activation to summary. Self time by script:`);
  for (const line of top(byScript, 8)) say(line);
  say('  self time by function:');
  for (const line of top(byFunction, 15)) say(line);
  say('  inclusive time of dist/extension.js functions (a minified build has short names: `node esbuild.js` makes a readable one):');
  for (const line of top(inclusive, 20)) say(line);
}

/** One start of the host on `root`: opens the workbench, waits for the probe's result, stops everything. */
async function runOnce(browser, { label, root, port, timeoutSeconds, profile }) {
  const configFile = path.join(root, 'bench-config.json');
  const expected = JSON.parse(fs.readFileSync(options.expected, 'utf8'));
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      label,
      bundle: BUNDLE,
      args: SUMMARY_ARGS,
      expected,
      timeoutMs: timeoutSeconds * 1000,
      waitForStorage: label === 'cold',
      ...(profile ? { profile } : {}),
    }),
  );
  const started = Date.now();
  let server;
  let workbench;
  try {
    server = await startServer({
      root,
      port,
      log: say,
      echoServerLog: options.verbose,
      env: {
        [CONFIG_ENV]: configFile,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${JSON.stringify(PROBE)}`].filter(Boolean).join(' '),
      },
    });
    const url = server.workbenchUrl({ folder: options.workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: MODULE });
    /** @type {(value: unknown) => void} */
    let onResult = () => undefined;
    const result = new Promise((resolve) => (onResult = resolve));
    workbench = await openWorkbench(browser, url, {
      waitForWorkbench: false,
      onLog: (level, message) => {
        const at = message.indexOf(RESULT_PREFIX);
        if (at >= 0) {
          try {
            onResult(
              JSON.parse(
                message
                  .slice(at + RESULT_PREFIX.length)
                  .trim()
                  .split('\n')[0],
              ),
            );
          } catch {
            // not ours
          }
        } else if (options.verbose) say(`  [${level}] ${message}`);
      },
    });
    let timer;
    const outcome = await Promise.race([
      result.then((value) => ({ value })),
      // The probe gives up itself at the timeout (and says what it was waiting for); this is the last resort.
      new Promise((resolve) => {
        timer = setTimeout(() => resolve({ why: `no result from the extension host within ${timeoutSeconds + 30} s` }), (timeoutSeconds + 30) * 1000);
      }),
      workbench.exitCode.then(
        (code) =>
          new Promise((resolve) => setTimeout(() => resolve({ why: `the extension host's tests module ended (exit code ${code}) without a result` }), 2000)),
      ),
      server.exited.then(({ code, signal }) => ({ why: `the VS Code server exited (${code ?? signal})` })),
      new Promise((resolve) => workbench.page.once('crash', () => resolve({ why: 'the workbench page crashed' }))),
    ]);
    clearTimeout(timer);
    if (isStopping()) await new Promise(() => undefined); // Ctrl+C: cleanup.mjs stops everything and exits
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (outcome.why || outcome.value?.error) {
      const why = outcome.why ?? outcome.value.error;
      const tail = server
        .output()
        .split('\n')
        .filter((line) => line.trim() && !/spdlog|^\s+at /.test(line))
        .slice(-15);
      throw new HostError(`host bench, ${label} run: ${why} (after ${seconds} s).\n  server log (last lines):\n${tail.join('\n')}`);
    }
    const value = outcome.value;
    say(
      `  host ${label}: ${value.summaryMs.toFixed(0)} ms to the first complete summary` +
        `${value.firstAnswerComplete ? '' : ` (the first answer was INCOMPLETE; ${value.answers} calls)`}, longest block ${value.maxBlockMs.toFixed(0)} ms` +
        `${value.storageSettledMs !== undefined ? `, storage written ${(value.storageSettledMs / 1000).toFixed(1)} s after activation` : ''} (${seconds} s in all)`,
    );
    return value;
  } finally {
    await workbench?.close();
    await server?.stop();
  }
}

async function main() {
  check();
  ensureHost({ log: say });
  const reps = Math.max(1, Number(options.reps));
  const timeoutSeconds = Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new HostError(`--timeout ${options.timeout}: seconds, a positive number`);
  if (options.profile) fs.mkdirSync(options.profile, { recursive: true });
  const browser = await launchBrowser();
  const runs = { cold: [], warm: [] };
  try {
    for (let rep = 0; rep < reps; rep++) {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'career-lattice-bench-host-'));
      const remove = () => {
        if (process.env.CAREER_LATTICE_KEEP_HOST_DIRS === '1') say(`  (kept ${root})`);
        else fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      };
      const untrack = track(`bench host folder ${root}`, async () => remove(), remove);
      try {
        const port = await freePort();
        for (const label of ['cold', 'warm']) {
          const profile = options.profile ? path.join(path.resolve(options.profile), `host-${label}-${rep + 1}.cpuprofile`) : undefined;
          const value = await runOnce(browser, { label, root, port, timeoutSeconds, profile });
          if (label === 'cold' && value.storageSettledMs === undefined) {
            throw new HostError(
              'host bench, cold run: the extension wrote nothing to its storage within 30 s of the summary, so there is no cache for the warm run.',
            );
          }
          if (label === 'warm' && value.storageFilesAtStart === 0) {
            throw new HostError("host bench, warm run: the extension storage was empty at activation (the cold run's storage was not found again).");
          }
          runs[label].push(value);
          if (profile && fs.existsSync(profile)) summarizeProfile(profile);
        }
      } finally {
        remove();
        untrack();
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`${JSON.stringify(runs)}\n`);
}

main().catch(async (error) => {
  if (isStopping()) return;
  say(error instanceof HostError ? error.message : (error?.stack ?? String(error)));
  await stopAll();
  process.exitCode = 1;
});
