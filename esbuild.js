// Bundles the extension. Type-checks with `tsc --noEmit` first, so a type error never ships.
//   node esbuild.js               development build (source maps)
//   node esbuild.js --production  minified, no source maps
//   node esbuild.js --watch       rebuild on change (type-check runs once at start)
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const skipTypecheck = process.argv.includes('--no-typecheck');

function typecheck() {
  const tsc = require.resolve('typescript/bin/tsc');
  // The extension (and tests) and the webview scripts (DOM types) are two projects.
  for (const project of ['.', 'media']) {
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`[esbuild] type-check of ${project} failed; not bundling.`);
      process.exit(result.status ?? 1);
    }
  }
}

/** Prints errors in the `file:line:col: error: message` form that editors' problem matchers read. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const { browserOnly, yamlModule, yamlCoreOnly, jsYamlLoaderOnly, shippedDataFile } = require('./scripts/build/plugins');

/** The built-in ladder and the tagging model, written once for both bundles (src/core/data/shipped.ts). */
const DATA_FILE = 'dist/data.json';

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [...common.plugins, yamlModule, yamlCoreOnly, jsYamlLoaderOnly, shippedDataFile(DATA_FILE)],
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  },
  {
    // The index's worker thread (desktop): stats, reads and parses notes off the extension host's thread.
    ...common,
    entryPoints: ['src/core/index/worker.ts'],
    outfile: 'dist/indexWorker.js',
    plugins: [...common.plugins, yamlModule, yamlCoreOnly, jsYamlLoaderOnly],
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
  {
    // The web extension (package.json `browser`): the same features in a web worker extension host
    // (vscode.dev, code-server, Codespaces in the browser), notes read through vscode.workspace.fs.
    ...common,
    plugins: [...common.plugins, browserOnly, yamlCoreOnly, jsYamlLoaderOnly, shippedDataFile(DATA_FILE)],
    entryPoints: ['src/extension.browser.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  {
    // The evidence webview's page script: loaded from media/ (the webview's only resource root).
    ...common,
    entryPoints: ['media/src/evidence.ts'],
    outfile: 'media/evidence.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

async function main() {
  if (!skipTypecheck) typecheck();
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

// The build options, for the unit test that checks what each bundle holds (test/unit/bundle-data.test.ts).
module.exports = { builds };
