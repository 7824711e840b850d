// Runs the integration suites inside a real VS Code (the web workbench of a VS Code server, driven by
// headless Chromium), offline. Build first: `npm run test:integration` does `npm run build` and
// `npm run compile-tests`, then runs this.
//
//   node scripts/host/run-integration.mjs [--suite NAME]... [--grep PATTERN] [--timeout SECONDS] [--verbose]
//   node scripts/host/run-integration.mjs --vsix FILE.vsix [--suite NAME]...
//
// For each suite (a folder test/integration/suites/<name>/, compiled to out/):
//   1. copy its fixture workspace test/fixtures/<name>/ to a temporary folder and write the suite
//      selection file (.vscode-test-suite.json) at its root;
//   2. start a fresh VS Code server (fresh user-data, extensions and server-data folders);
//   3. open the workbench on that folder in Chromium with this repository as the extension under
//      development and out/test/integration/index.js as the tests module; VS Code calls its run()
//      in the Node extension host;
//   4. print the extension host's output (mocha's spec report) as it arrives and wait for the exit
//      code the workbench reports through window.codeAutomationExit;
//   5. stop everything and remove the temporary folders.
// With --vsix the extension is not loaded from this repository: FILE is installed into each suite's
// fresh host (the server's --install-extension) and the suites run against that installed copy; by
// default the suites whose suite.json says { "vsix": true }, which a normal run skips.
// Exit code: 0 when every suite passed; 1 otherwise (a test failed, the extension did not activate,
// no exit code within the timeout, the host crashed).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, openWorkbench } from './browser.mjs';
import { isStopping, stopAll, track } from './cleanup.mjs';
import { WEB_TESTS_MODULE, suiteHostOptions } from './build-web-tests.mjs';
import { HostError, ensureHost } from './install.mjs';
import { repoRoot } from './paths.mjs';
import { startServer } from './server.mjs';

const SUITES_SRC = path.join(repoRoot, 'test', 'integration', 'suites');
const SUITES_OUT = path.join(repoRoot, 'out', 'test', 'integration', 'suites');
const TESTS_MODULE = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
const FIXTURES = path.join(repoRoot, 'test', 'fixtures');
const SUITE_FILE = '.vscode-test-suite.json'; // keep in sync with test/integration/index.ts
const RESULT_PREFIX = '[career-lattice-tests]'; // idem

const { values: options } = parseArgs({
  options: {
    suite: { type: 'string', multiple: true },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    verbose: { type: 'boolean', default: false },
    vsix: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (options.help) {
  console.log('usage: node scripts/host/run-integration.mjs [--vsix FILE] [--suite NAME]... [--grep PATTERN] [--timeout SECONDS] [--verbose]');
  process.exit(0);
}

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (line) => console.log(paint('36', line));

function allSuites() {
  if (!fs.existsSync(SUITES_SRC)) return [];
  return fs
    .readdirSync(SUITES_SRC, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The vsix suites test an installed .vsix: they run with --vsix only (and by default then). */
const isVsixSuite = (name) => suiteHostOptions(name).vsix === true;

function selectedSuites() {
  const all = allSuites();
  const wanted = (options.suite ?? [])
    .flatMap((value) => value.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length === 0) {
    const vsixSuites = all.filter(isVsixSuite);
    if (options.vsix) return vsixSuites;
    if (vsixSuites.length) say(`(skipping ${vsixSuites.join(', ')}: for an installed .vsix, see npm run test:vsix)`);
    return all.filter((name) => !isVsixSuite(name));
  }
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length) {
    throw new HostError(`unknown suite(s): ${unknown.join(', ')}. Suites: ${all.join(', ') || '(none)'}`);
  }
  return wanted;
}

/** Prefixed by run() (test/integration/index.ts) to every console line of the extension host. */
const OUTPUT_MARK = '\u200b\u2063';

/**
 * Workbench errors that this offline host always logs and that say nothing about the extension:
 * native modules left unbuilt by the --ignore-scripts install (spdlog, native-watchdog; set
 * CAREER_LATTICE_HOST_REBUILD=1 to build them), the extension gallery being unreachable, and
 * code-server's own service worker, which this bare server does not serve.
 */
const KNOWN_NOISE = [
  /Could not locate the bindings file/,
  /native-watchdog|build\/Release\/watchdog/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN)|extensionquery|gallery/i,
  /\[Service Worker\] registration/,
  /Long running operations during shutdown are unsupported in the web/,
];

/**
 * Which workbench log lines to show. The workbench reports everything it logs through
 * codeAutomationLog: the extension host's console output (mocha's report, the tests' own logging)
 * arrives marked with OUTPUT_MARK and is always shown; other errors are shown unless known noise;
 * everything is shown with --verbose.
 */
function printLog(level, message) {
  if (isStopping()) return; // after Ctrl+C the workbench only reports its connection going away
  if (message.startsWith(OUTPUT_MARK)) {
    console.log(message.slice(OUTPUT_MARK.length));
  } else if (options.verbose) {
    console.log(paint('2', `[${level}] ${message}`));
  } else if (level === 'error' && !KNOWN_NOISE.some((pattern) => pattern.test(message))) {
    console.log(paint('31', `[vscode ${level}] ${message}`));
  }
}

function parseCounts(message, counts) {
  const at = message.indexOf(RESULT_PREFIX);
  if (at < 0) return;
  try {
    const data = JSON.parse(
      message
        .slice(at + RESULT_PREFIX.length)
        .trim()
        .split('\n')[0],
    );
    counts.passed += data.passed ?? 0;
    counts.failed += data.failed ?? 0;
    counts.pending += data.pending ?? 0;
    counts.reported = true;
  } catch {
    // not ours
  }
}

/** Makes `folder` a git repository on branch main with everything in it committed. */
function commitFixture(folder) {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Fixture',
    GIT_AUTHOR_EMAIL: 'fixture@example.com',
    GIT_COMMITTER_NAME: 'Fixture',
    GIT_COMMITTER_EMAIL: 'fixture@example.com',
  };
  const git = (...args) => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: folder, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'The fixture workspace');
}

async function runSuite(browser, name, timeoutSeconds) {
  const fixture = path.join(FIXTURES, name);
  if (!fs.existsSync(fixture)) {
    throw new HostError(`suite ${name}: its fixture workspace test/fixtures/${name}/ does not exist (create it).`);
  }
  if (!fs.existsSync(path.join(SUITES_OUT, name))) {
    throw new HostError(`suite ${name}: out/test/integration/suites/${name}/ is missing; run \`npm run compile-tests\`.`);
  }
  // Optional per-suite host options: test/integration/suites/<name>/suite.json, e.g.
  // { "trust": false } (restricted mode), { "settings": {...} } (user settings),
  // { "payload": [["extensionDevelopmentKind", "web"]] } (the web-worker extension host),
  // { "testsModule": "out/test/web/index.js" } (another tests module; the web worker host needs the
  // browser bundle that scripts/host/build-web-tests.mjs makes),
  // { "gitRepository": true } (the workspace copy is a git repository with the fixture committed),
  // { "workspaceFile": "x.code-workspace" } (open that workspace file of the fixture: a multi-root window;
  // the suite file is written next to it, where test/integration/index.ts looks for it).
  const host = suiteHostOptions(name);
  if (host.workspaceFile && !fs.existsSync(path.join(fixture, host.workspaceFile))) {
    throw new HostError(`suite ${name}: its workspaceFile test/fixtures/${name}/${host.workspaceFile} does not exist.`);
  }
  const testsModule = host.testsModule ? path.join(repoRoot, host.testsModule) : TESTS_MODULE;
  if (!fs.existsSync(testsModule)) {
    throw new HostError(
      `suite ${name}: its tests module ${host.testsModule} is missing; run \`${host.testsModule === WEB_TESTS_MODULE ? 'npm run build:web-tests' : 'npm run compile-tests'}\`.`,
    );
  }
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'career-lattice-ws-'));
  const removeTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  const untrackTmp = track(`workspace ${tmp}`, async () => removeTmp(), removeTmp);
  const workspace = path.join(tmp, name);
  fs.cpSync(fixture, workspace, { recursive: true });
  if (host.gitRepository) commitFixture(workspace);
  fs.writeFileSync(
    path.join(workspace, SUITE_FILE),
    JSON.stringify({ suite: name, ...(options.grep ? { grep: options.grep } : {}), color, outputMark: OUTPUT_MARK }),
  );

  const counts = { passed: 0, failed: 0, pending: 0, reported: false };
  let server;
  let workbench;
  try {
    server = await startServer({
      echoServerLog: options.verbose,
      ...(host.trust === false ? { trust: false } : {}),
      ...(host.settings ? { settings: host.settings } : {}),
      ...(vsix ? { installExtensions: [vsix], log: say } : {}),
    });
    say(`\n▶ suite ${name}: VS Code server on ${server.baseUrl}, workspace ${workspace}${vsix ? `, extension installed from ${path.basename(vsix)}` : ''}`);
    // VS Code runs the tests module only when there is an extension under development. For an
    // installed .vsix that is an empty folder (no extension in it), so the installed copy is the only
    // Career Lattice in the host; the tests then run in the Node extension host, where it runs.
    const developmentPath = vsix ? path.join(tmp, 'no-extension-under-development') : repoRoot;
    if (vsix) fs.mkdirSync(developmentPath);
    const url = server.workbenchUrl({
      // A suite with "workspaceFile" opens that .code-workspace of its fixture (a multi-root window).
      ...(host.workspaceFile ? { workspace: path.join(workspace, host.workspaceFile) } : { folder: workspace }),
      extensionDevelopmentPath: developmentPath,
      extensionTestsPath: testsModule,
      ...(host.payload ? { payload: host.payload } : {}),
    });
    if (options.verbose) say(`  ${url}`);
    workbench = await openWorkbench(browser, url, {
      waitForWorkbench: false,
      onLog: (level, message) => {
        parseCounts(message, counts);
        if (!message.includes(RESULT_PREFIX)) printLog(level, message);
      },
      onConsole: options.verbose ? (m) => console.log(paint('2', `[browser ${m.type()}] ${m.text()}`)) : undefined,
    });
    const page = workbench.page;
    /** @type {Promise<{ code: number, why?: string }>} */
    const outcome = Promise.race([
      workbench.exitCode.then((code) => ({ code })),
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ code: 1, why: `no exit code from the extension host within ${timeoutSeconds} s` }), timeoutSeconds * 1000);
        timer.unref();
      }),
      server.exited.then(({ code, signal }) => ({ code: 1, why: `the VS Code server exited (${code ?? signal})` })),
      new Promise((resolve) => page.once('crash', () => resolve({ code: 1, why: 'the workbench page crashed' }))),
    ]);
    const result = await outcome;
    // Ctrl+C / SIGTERM: cleanup.mjs is stopping everything and will exit; report nothing more.
    if (isStopping()) await new Promise(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the last log lines arrive
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.why) {
      console.log(paint('31', `✘ suite ${name}: ${result.why}`));
      const tail = server
        .output()
        .split('\n')
        .filter((line) => line.trim() && !/spdlog|^\s+at |^\s*[\]}]|tries: \[/.test(line))
        .slice(-25);
      console.log(paint('2', `  server log (last lines; --verbose shows all):\n${tail.join('\n')}`));
    }
    const ok = result.code === 0 && !result.why;
    say(`${ok ? '✔' : '✘'} suite ${name}: exit code ${result.code} (${seconds} s)`);
    return { name, ok, counts, seconds };
  } finally {
    await workbench?.close();
    await server?.stop();
    removeTmp();
    untrackTmp();
  }
}

/** The .vsix to test (--vsix), as an absolute path; undefined for the extension under development. */
const vsix = options.vsix ? path.resolve(options.vsix) : undefined;

async function main() {
  const started = Date.now();
  if (vsix && !fs.existsSync(vsix)) throw new HostError(`--vsix ${options.vsix}: no such file (\`npm run package\` makes one).`);
  ensureHost({ log: say });
  const suites = selectedSuites();
  if (suites.length === 0) {
    throw new HostError(
      vsix
        ? 'no suite to run against the .vsix: give --suite, or mark one with { "vsix": true } in its suite.json.'
        : 'no integration suites under test/integration/suites/.',
    );
  }
  if (!fs.existsSync(TESTS_MODULE)) {
    throw new HostError(`${path.relative(repoRoot, TESTS_MODULE)} is missing; run \`npm run compile-tests\`.`);
  }
  if (!vsix && !fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new HostError('dist/extension.js is missing; run `npm run build`.');
  }
  const browser = await launchBrowser();
  const results = [];
  try {
    for (const name of suites) results.push(await runSuite(browser, name, Number(options.timeout)));
  } finally {
    await browser.close();
  }
  const total = results.reduce(
    (sum, r) => ({ passed: sum.passed + r.counts.passed, failed: sum.failed + r.counts.failed, pending: sum.pending + r.counts.pending }),
    { passed: 0, failed: 0, pending: 0 },
  );
  const failedSuites = results.filter((r) => !r.ok);
  // A suite that failed without reporting counts (activation failure, timeout, crash) counts as one failure.
  const failed = total.failed + failedSuites.filter((r) => r.counts.failed === 0).length;
  console.log('');
  for (const r of results) {
    console.log(`  ${r.ok ? paint('32', '✔') : paint('31', '✘')} ${r.name}  ${r.counts.passed} passed, ${r.counts.failed} failed (${r.seconds} s)`);
  }
  console.log(`integration: ${total.passed} passed, ${failed} failed${total.pending ? `, ${total.pending} skipped` : ''}`);
  console.log(paint('2', `(${suites.length} suite(s) in ${((Date.now() - started) / 1000).toFixed(1)} s)`));
  return failedSuites.length === 0 ? 0 : 1;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch(async (error) => {
    if (isStopping()) return; // Ctrl+C / SIGTERM: cleanup.mjs stops everything and exits
    console.error(error instanceof HostError ? paint('31', error.message) : error);
    await stopAll();
    process.exitCode = 1;
  });
