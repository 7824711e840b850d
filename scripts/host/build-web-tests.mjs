// Bundles the integration tests that run in the web worker extension host into one browser file,
// out/test/web/index.js: test/integration/web/index.ts (the tests module: run()), mocha's browser
// build, and the test files of every suite whose suite.json names this bundle as its "testsModule".
// In a web worker there is no file system and require() knows only 'vscode', so a web suite's tests
// (and what they import) must use the `vscode` API only: an import of a Node module fails the build.
//
//   node scripts/host/build-web-tests.mjs     (`npm run test:integration` runs it)
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import esbuild from 'esbuild';
import { isMain, repoRoot } from './paths.mjs';

/** The web tests bundle, relative to the repository (what a web suite's suite.json names). */
export const WEB_TESTS_MODULE = 'out/test/web/index.js';
const SUITES = path.join(repoRoot, 'test', 'integration', 'suites');
const ENTRY = 'test/integration/web/index.ts';

/** Reads test/integration/suites/<name>/suite.json ({} when there is none). */
export function suiteHostOptions(name) {
  const file = path.join(SUITES, name, 'suite.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}

/** Names of the suites whose tests module is the web bundle. */
export function webSuites() {
  if (!fs.existsSync(SUITES)) return [];
  return fs
    .readdirSync(SUITES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && suiteHostOptions(entry.name).testsModule === WEB_TESTS_MODULE)
    .map((entry) => entry.name)
    .sort();
}

function testFiles(name) {
  const root = path.join(SUITES, name);
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => `./${path.relative(repoRoot, path.join(root, file)).split(path.sep).join('/')}`);
}

const NODE_BUILTINS = new Set(builtinModules);
/** Fails the build on any Node module, naming the importer. */
const browserOnly = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(args.path)) return undefined;
      return {
        errors: [{ text: `"${args.path}" is a Node module; web suites run in a web worker and may use only the vscode API (imported by ${args.importer})` }],
      };
    });
  },
};

export async function buildWebTests({ log = console.log } = {}) {
  const names = webSuites();
  // The entry: the tests module, plus one registerWebSuite() per suite whose loader require()s its
  // test files, so they run (and call suite()/test()) only when run() has set mocha up.
  const lines = [`import { registerWebSuite } from './${ENTRY}';`, `export { run } from './${ENTRY}';`];
  for (const name of names) {
    const requires = testFiles(name).map((file) => `require(${JSON.stringify(file)});`);
    lines.push(`registerWebSuite(${JSON.stringify(name)}, () => { ${requires.join(' ')} });`);
  }
  const outfile = path.join(repoRoot, WEB_TESTS_MODULE);
  await esbuild.build({
    stdin: { contents: lines.join('\n'), resolveDir: repoRoot, sourcefile: 'web-tests-entry.ts', loader: 'ts' },
    bundle: true,
    outfile,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
    plugins: [browserOnly],
  });
  log(`[web-tests] ${path.relative(repoRoot, outfile)}: ${names.length ? names.join(', ') : 'no web suite'}`);
  return { outfile, suites: names };
}

if (isMain(import.meta.url)) {
  buildWebTests().catch((error) => {
    if (!error?.errors) console.error(error); // esbuild has printed its errors already
    process.exitCode = 1;
  });
}
