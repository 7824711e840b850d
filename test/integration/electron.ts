// The integration suites in desktop VS Code (Electron) through @vscode/test-electron, for machines
// with internet access (it downloads VS Code into .vscode-test/) and a display (on a headless Linux
// box run it under `xvfb-run -a`). Not part of `npm test`; the offline runner is
// scripts/host/run-integration.mjs.
//
//   npm run test:electron [-- --suite NAME] [-- --grep PATTERN]
//   VSCODE_TEST_VERSION=1.90.0 npm run test:electron     (default: newest stable that satisfies engines.vscode)
//   VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:electron   (use an installed VS Code, no download)
//
// Same suites, fixtures and tests module (out/test/integration/index.js) as the offline runner:
// each suite runs in a fresh VS Code (fresh user-data and extensions folders) on a fresh copy of
// test/fixtures/<suite>/, told which suite to run by the file index.ts reads (SUITE_FILE).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SUITES = path.join(REPO_ROOT, 'test', 'integration', 'suites');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
const TESTS_MODULE = path.join(__dirname, 'index.js');
// Kept in sync with index.ts by hand: importing index.ts here would load the `vscode` module.
const SUITE_FILE = '.vscode-test-suite.json';

function suites(selected: string[]): string[] {
  const all = fs
    .readdirSync(SUITES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const wanted = selected.flatMap((value) => value.split(',')).filter(Boolean);
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length) throw new Error(`unknown suite(s): ${unknown.join(', ')}; suites: ${all.join(', ')}`);
  if (wanted.length) return wanted;
  // The web suites need the web worker host of the offline runner (their own tests module), and the
  // vsix suites an installed .vsix (npm run test:vsix): both run only there.
  const offlineOnly = all.filter((name) => {
    const file = path.join(SUITES, name, 'suite.json');
    const host = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { testsModule?: string; vsix?: boolean }) : {};
    return host.testsModule !== undefined || host.vsix === true;
  });
  if (offlineOnly.length) console.log(`(skipping ${offlineOnly.join(', ')}: run by npm run test:integration / test:vsix only)`);
  return all.filter((name) => !offlineOnly.includes(name));
}

interface Target {
  version?: string;
  vscodeExecutablePath?: string;
}

async function runSuite(name: string, grep: string | undefined, target: Target): Promise<boolean> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-electron-'));
  try {
    const workspace = path.join(tmp, name);
    fs.cpSync(path.join(FIXTURES, name), workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, SUITE_FILE), JSON.stringify({ suite: name, ...(grep ? { grep } : {}), color: Boolean(process.stdout.isTTY) }));
    const userData = path.join(tmp, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'scripts', 'host', 'user-settings.json'), path.join(userData, 'User', 'settings.json'));
    // A suite with "workspaceFile" (suite.json) opens that .code-workspace of its fixture: a multi-root window.
    const suiteFile = path.join(SUITES, name, 'suite.json');
    const host = fs.existsSync(suiteFile) ? (JSON.parse(fs.readFileSync(suiteFile, 'utf8')) as { workspaceFile?: string }) : {};
    const opened = host.workspaceFile ? path.join(workspace, host.workspaceFile) : workspace;
    const which = target.vscodeExecutablePath ?? target.version ?? 'stable, inferred from engines.vscode';
    console.log(`\n▶ suite ${name} (VS Code ${which})`);
    await runTests({
      ...target,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: TESTS_MODULE,
      launchArgs: [opened, `--user-data-dir=${userData}`, `--extensions-dir=${path.join(tmp, 'extensions')}`, '--disable-telemetry'],
    });
    return true;
  } catch (error) {
    console.error(`✘ suite ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { suite: { type: 'string', multiple: true }, grep: { type: 'string' } },
    strict: true,
  });
  if (!fs.existsSync(TESTS_MODULE)) throw new Error('out/test/integration/index.js is missing: run `npm run compile-tests`');
  const target: Target = {};
  if (process.env.VSCODE_EXECUTABLE_PATH) target.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  else if (process.env.VSCODE_TEST_VERSION) target.version = process.env.VSCODE_TEST_VERSION;
  const failed: string[] = [];
  for (const name of suites(values.suite ?? [])) {
    if (!(await runSuite(name, values.grep, target))) failed.push(name);
  }
  console.log(failed.length ? `\nfailed suites: ${failed.join(', ')}` : '\nall suites passed');
  return failed.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
