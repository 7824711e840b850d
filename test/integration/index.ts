// Entry point of the integration tests inside VS Code: the `extensionTestsPath` module.
//
// VS Code loads this file (compiled to out/test/integration/index.js) in the extension host and
// calls `run()` with no arguments. Which suite to run is read from a small JSON file that the
// runner (scripts/host/run-integration.mjs, or test/integration/electron.ts) writes at the root of
// the suite's freshly copied fixture workspace, SUITE_FILE below. run() reads it, deletes it (so the
// tests never see it), activates the extension, then runs mocha over
// out/test/integration/suites/<suite>/**/*.test.js.
//
// The returned promise rejects when a test fails, when no test was found, or when the extension
// does not activate; VS Code then exits the extension host with code 1, which the runner turns into
// a failing exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { activateExtension } from './host';

export { EXTENSION_ID } from './host';
/** Written by the runner at the workspace root; read and removed by run(). */
export const SUITE_FILE = '.vscode-test-suite.json';
/** Prefix of the line that tells the runner the counts: `<prefix> {"passed":N,"failed":N,"pending":N}`. */
export const RESULT_PREFIX = '[career-lattice-tests]';

export interface SuiteConfig {
  /** Folder name under test/integration/suites/ (and test/fixtures/). */
  suite: string;
  /** Mocha --grep: only tests whose full title matches this regular expression. */
  grep?: string;
  /** Colour the mocha output (the runner's terminal is a TTY). */
  color?: boolean;
  /** Per-test timeout in ms. */
  timeout?: number;
  /**
   * Prefix every line of mocha's report with this string, so the runner can tell it from the
   * workbench's own log lines (both reach it through codeAutomationLog).
   */
  outputMark?: string;
}

/**
 * Makes mocha's reporter print pre-formatted lines starting with `mark`. (The extension host's
 * `console` methods cannot be replaced: VS Code defines them as getters, so only mocha's output is
 * marked; other console output reaches the runner unmarked, see scripts/host/README.md.)
 */
function markMochaOutput(mark: string): void {
  const log = console.log.bind(console);
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => log(mark + format(...args));
}

function readSuiteConfig(): SuiteConfig {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('[tests] no workspace folder is open; the runner opens the suite fixture.');
  // A multi-root window (suite.json "workspaceFile"): the runner writes the file next to the .code-workspace.
  const workspaceFile = vscode.workspace.workspaceFile;
  const base = workspaceFile?.scheme === 'file' ? path.dirname(workspaceFile.fsPath) : folder.uri.fsPath;
  const file = path.join(base, SUITE_FILE);
  let config: SuiteConfig;
  try {
    config = JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteConfig;
  } catch (error) {
    throw new Error(`[tests] cannot read ${file} (written by the test runner): ${String(error)}`);
  }
  fs.rmSync(file, { force: true });
  if (!config.suite || !/^[\w.-]+$/.test(config.suite)) throw new Error(`[tests] bad suite name in ${file}`);
  return config;
}

function testFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(root, file));
}

export async function run(): Promise<void> {
  const config = readSuiteConfig();
  if (config.outputMark) markMochaOutput(config.outputMark);
  const root = path.join(__dirname, 'suites', config.suite);
  const files = testFiles(root);
  if (files.length === 0) {
    throw new Error(`[tests] no *.test.js in ${root}: is test/integration/suites/${config.suite}/ compiled?`);
  }

  await activateExtension();

  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: config.color ?? false,
    timeout: config.timeout ?? 20000,
    ...(config.grep ? { grep: config.grep } : {}),
  });
  // mocha.run() loads the files with require(), so their `import * as vscode from 'vscode'` resolves
  // to this extension host's API, as in every VS Code extension test runner.
  for (const file of files) mocha.addFile(file);

  const counts = await new Promise<{ passed: number; failed: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 });
    });
  });
  console.log(`${RESULT_PREFIX} ${JSON.stringify({ suite: config.suite, ...counts })}`);
  if (counts.failed > 0) throw new Error(`${counts.failed} test(s) failed in suite ${config.suite}`);
  if (counts.passed + counts.pending === 0 && !config.grep) throw new Error(`no test ran in suite ${config.suite}`);
}
