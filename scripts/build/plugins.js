// esbuild plugins of the bundles (esbuild.js), kept apart so that a unit test can build with them.
const esbuild = require('esbuild');

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

/**
 * The `yaml` package without its YAML 1.1 schema and the 1.1 tags (`!!binary`, `!!timestamp`, `!!set`,
 * `!!omap`, `!!pairs`): every parse here names the core schema and `resolveKnownTags: false`, which a
 * `%YAML 1.1` directive does not override, so they are never used; 8 KB less in each bundle. Should
 * anything still reach one, the stub reports its tag as not read instead of resolving it. (The merge
 * key, which the package also keeps in its 1.1 folder, stays.)
 */
const yamlCoreOnly = {
  name: 'yaml-core-only',
  setup(build) {
    const path = require('node:path');
    const dist = path.join(path.dirname(require.resolve('yaml/package.json')), 'browser', 'dist');
    const names = {
      'binary.js': ['binary'],
      'omap.js': ['omap'],
      'pairs.js': ['pairs'],
      'set.js': ['set'],
      'timestamp.js': ['timestamp', 'intTime', 'floatTime'],
      'schema.js': [],
    };
    build.onResolve({ filter: /^\.\/yaml-1\.1\/[a-z]+\.js$/ }, (args) => {
      const file = args.path.slice('./yaml-1.1/'.length);
      if (args.importer !== path.join(dist, 'schema', 'tags.js') || !names[file]) return undefined;
      return { path: file, namespace: 'yaml-1.1-stub' };
    });
    build.onLoad({ filter: /.*/, namespace: 'yaml-1.1-stub' }, (args) => {
      if (args.path === 'schema.js') {
        // The 1.1 schema by name: the core schema's tags.
        return { contents: `export { schema } from './core/schema.js';`, loader: 'js', resolveDir: path.join(dist, 'schema') };
      }
      const stub = (name) =>
        `export const ${name} = { tag: 'tag:yaml.org,2002:${name}', default: false, ` +
        `identify: () => false, resolve(value, onError) { onError('The YAML tag !!${name} is not read here'); return value; } };`;
      return { contents: names[args.path].map(stub).join('\n'), loader: 'js' };
    });
  },
};

/**
 * Only js-yaml's loader: the package's entry also bundles its dumper, which nothing here calls. Its
 * loader names the full schema (with the JavaScript types: functions, regular expressions) only as
 * `load`'s default, and every call here is `safeLoad` with an explicit schema, so that schema becomes
 * the safe one.
 */
const jsYamlLoaderOnly = {
  name: 'js-yaml-loader-only',
  setup(build) {
    const path = require('node:path');
    const lib = path.join(path.dirname(require.resolve('js-yaml/package.json')), 'lib', 'js-yaml');
    build.onResolve({ filter: /^js-yaml$/ }, () => ({ path: 'js-yaml', namespace: 'js-yaml-loader' }));
    build.onLoad({ filter: /.*/, namespace: 'js-yaml-loader' }, () => ({
      resolveDir: lib,
      loader: 'js',
      contents: [
        `exports.safeLoad = require('./loader.js').safeLoad;`,
        `exports.Schema = require('./schema.js');`,
        `exports.Type = require('./type.js');`,
        `exports.FAILSAFE_SCHEMA = require('./schema/failsafe.js');`,
        `exports.CORE_SCHEMA = require('./schema/core.js');`,
        `exports.YAMLException = require('./exception.js');`,
      ].join('\n'),
    }));
    build.onResolve({ filter: /[\\/]schema[\\/]default_full(\.js)?$/ }, (args) =>
      args.importer.startsWith(lib) ? { path: path.join(lib, 'schema', 'default_safe.js') } : undefined,
    );
  },
};

/**
 * The built-in ladder and the tagging model, as the data file the bundles read at activation (see
 * src/core/data/shipped.ts): `{ digest, ladder, model }`, the digest naming this content. builtin.ts is
 * data only (its one import is a type), so it is evaluated here to get its value.
 */
async function shippedData(root) {
  const path = require('node:path');
  const fs = require('node:fs/promises');
  const source = await fs.readFile(path.join(root, 'src', 'core', 'ladder', 'builtin.ts'), 'utf8');
  const { code } = await esbuild.transform(source, { loader: 'ts', format: 'cjs' });
  const module = { exports: {} };
  new Function('module', 'exports', code)(module, module.exports);
  const ladder = module.exports.BUILTIN_LADDER;
  const model = JSON.parse(await fs.readFile(path.join(root, 'src', 'core', 'tagging', 'model.json'), 'utf8'));
  const body = JSON.stringify({ ladder, model });
  const digest = require('node:crypto').createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { digest, text: `{"digest":${JSON.stringify(digest)},${body.slice(1)}` };
}

/**
 * The bundles carry no data: the build writes it once, to `dataFile` (relative to the repository:
 * dist/data.json), for every bundle, and src/core/data/bundled.ts becomes the digest of that file
 * alone. The tagging model's small fields (its decision rule, read for the defaults) stay in the
 * bundle; its weights are in the file only.
 */
function shippedDataFile(dataFile) {
  const path = require('node:path');
  const fs = require('node:fs/promises');
  const root = path.resolve(__dirname, '..', '..');
  return {
    name: 'shipped-data-file',
    setup(build) {
      let data;
      build.onStart(async () => {
        data = await shippedData(root);
        if (build.initialOptions.write === false) return;
        const file = path.resolve(root, dataFile);
        await fs.mkdir(path.dirname(file), { recursive: true });
        const current = await fs.readFile(file, 'utf8').catch(() => undefined);
        if (current === data.text) return;
        // Each bundle's build writes it: through a file of its own, renamed, so no reader sees half of one.
        const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
        await fs.writeFile(temporary, data.text);
        await fs.rename(temporary, file);
      });
      build.onLoad({ filter: /[\\/]src[\\/]core[\\/]data[\\/]bundled\.ts$/ }, () => ({
        loader: 'js',
        contents: `export const BUNDLED = { digest: ${JSON.stringify(data.digest)} };`,
        // `--watch` rebuilds when the data changes, though the bundle no longer imports it.
        watchFiles: [path.join(root, 'src', 'core', 'ladder', 'builtin.ts'), path.join(root, 'src', 'core', 'tagging', 'model.json')],
      }));
      build.onLoad({ filter: /[\\/]src[\\/]core[\\/]tagging[\\/]model\.json$/ }, async (args) => {
        const { vocab: _vocab, idf: _idf, groups: _groups, ...rest } = JSON.parse(await fs.readFile(args.path, 'utf8'));
        return { loader: 'js', contents: `export default ${JSON.stringify(rest)};` };
      });
    },
  };
}

module.exports = { browserOnly, yamlModule, yamlCoreOnly, jsYamlLoaderOnly, shippedData, shippedDataFile };
