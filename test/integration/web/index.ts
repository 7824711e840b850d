// Entry point of the integration tests in the web worker extension host (vscode.dev, code-server):
// the `extensionTestsPath` module of the suites whose suite.json names it as their "testsModule".
//
// There the tests module runs in a browser web worker: no Node modules, no file system, no require()
// but for 'vscode'. So this file, mocha's browser build and the suites' tests are bundled into one
// file by scripts/host/build-web-tests.mjs (out/test/web/index.js), which registers each web suite's
// test files with registerWebSuite() below. Otherwise it works as test/integration/index.ts does:
// run() reads and deletes the suite file the runner wrote at the workspace root (through
// vscode.workspace.fs), activates the extension, runs the suite's tests with mocha's spec reporter
// writing to the console (which the workbench forwards to the runner through codeAutomationLog), and
// rejects when a test failed, when no test ran or when the extension did not activate: VS Code then
// reports exit code 1 through codeAutomationExit.
import 'mocha/mocha.js'; // defines the globals `mocha` and `Mocha` (mocha's browser build)
import * as vscode from 'vscode';
import { activateExtension } from '../host';

// Kept in sync with test/integration/index.ts by hand: importing it would bundle Node modules.
const SUITE_FILE = '.vscode-test-suite.json';
const RESULT_PREFIX = '[career-lattice-tests]';

interface SuiteConfig {
  suite: string;
  grep?: string;
  color?: boolean;
  timeout?: number;
  outputMark?: string;
}

/** Each bundled web suite: a function that loads (requires) its test files, defining their suites. */
const suites = new Map<string, () => void>();

/** Called by the bundle's generated entry, once per web suite, before run(). */
export function registerWebSuite(name: string, load: () => void): void {
  suites.set(name, load);
}

async function readSuiteConfig(): Promise<SuiteConfig> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('[tests] no workspace folder is open; the runner opens the suite fixture.');
  const file = vscode.Uri.joinPath(folder.uri, SUITE_FILE);
  let config: SuiteConfig;
  try {
    config = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as SuiteConfig;
  } catch (error) {
    throw new Error(`[tests] cannot read ${file.toString()} (written by the test runner): ${String(error)}`);
  }
  await vscode.workspace.fs.delete(file, { useTrash: false });
  if (!config.suite || !/^[\w.-]+$/.test(config.suite)) throw new Error(`[tests] bad suite name in ${file.toString()}`);
  return config;
}

/** Every line of mocha's report starts with `mark`, so the runner can tell it from the workbench's logging. */
function markMochaOutput(mark: string): void {
  const log = console.log.bind(console);
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    if (typeof args[0] === 'string') log(mark + args[0], ...args.slice(1));
    else log(mark, ...args);
  };
}

export async function run(): Promise<void> {
  const config = await readSuiteConfig();
  const load = suites.get(config.suite);
  if (!load) {
    throw new Error(
      `[tests] suite ${config.suite} is not in this web tests bundle (bundled: ${[...suites.keys()].join(', ') || 'none'}); run \`npm run build:web-tests\`.`,
    );
  }

  await activateExtension();

  mocha.setup({
    ui: 'tdd',
    reporter: 'spec',
    color: config.color ?? false,
    timeout: config.timeout ?? 20000,
    ...(config.grep ? { grep: config.grep } : {}),
  });
  if (config.outputMark) markMochaOutput(config.outputMark);
  load(); // the test files call suite()/test(), which mocha.setup() has just defined

  const counts = await new Promise<{ passed: number; failed: number; pending: number }>((resolve) => {
    // Mocha.prototype.run, not the browser build's mocha.run(): that one reads a grep from
    // `location.search`, and the extension host's worker has no `location`.
    const runner = Mocha.prototype.run.call(mocha, () => {
      const stats = runner.stats;
      resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 });
    });
  });
  console.log(`${RESULT_PREFIX} ${JSON.stringify({ suite: config.suite, ...counts })}`);
  if (counts.failed > 0) throw new Error(`${counts.failed} test(s) failed in suite ${config.suite}`);
  if (counts.passed + counts.pending === 0 && !config.grep) throw new Error(`no test ran in suite ${config.suite}`);
}
