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

/**
 * The web bundle runs in a web worker extension host, where no Node module exists. Imports of Node
 * built-ins are refused with the importer named, except `fs`, which gray-matter requires only for
 * `matter.read()` (never called): it becomes an empty module. (gray-matter's `browser` field says the
 * same; this keeps it true whatever a dependency declares.)
 */
const NODE_BUILTINS = new Set(require('node:module').builtinModules);
const browserOnly = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(args.path)) return undefined;
      if (name === 'fs') return { path: 'fs', namespace: 'empty-module' };
      return {
        errors: [{ text: `"${args.path}" is a Node module, and the web bundle runs in a web worker without Node (imported by ${args.importer})` }],
      };
    });
    build.onLoad({ filter: /.*/, namespace: 'empty-module' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * The `yaml` package's ES module build (its `browser` entry: plain ES2020 with no Node API) instead of its
 * CommonJS build, which esbuild cannot tree-shake: the same parser, 16 KB less in each Node bundle.
 */
const yamlModule = {
  name: 'yaml-es-module',
  setup(build) {
    const entry = require('node:path').join(require('node:path').dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

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
    plugins: [...common.plugins, yamlModule],
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
    plugins: [...common.plugins, yamlModule],
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
  {
    // The web extension (package.json `browser`): the same features in a web worker extension host
    // (vscode.dev, code-server, Codespaces in the browser), notes read through vscode.workspace.fs.
    ...common,
    plugins: [...common.plugins, browserOnly],
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
