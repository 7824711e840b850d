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
 * The two large pieces of data in the bundle, the built-in ladder and the tagging model (about 70 KB of
 * text), ship deflated and are inflated once, when first imported: with Node's zlib in the Node
 * bundles, with fflate's inflate (4 KB) in the web one. The source files stay as they are (tests and
 * `tsc` read them directly); only the bundles change.
 */
function packedData(platform) {
  const path = require('node:path');
  const zlib = require('node:zlib');
  const pack = (value) => zlib.deflateRawSync(Buffer.from(JSON.stringify(value)), { level: 9 }).toString('base64');
  /** An expression: the bytes of the deflated base64 `b64`, as a Uint8Array. */
  const inflate = (b64) =>
    platform === 'node'
      ? `new Uint8Array(require('node:zlib').inflateRawSync(Buffer.from(${JSON.stringify(b64)}, 'base64')))`
      : `inflateSync(Uint8Array.from(atob(${JSON.stringify(b64)}), (c) => c.charCodeAt(0)))`;
  const unpack = (b64) => `JSON.parse(new TextDecoder().decode(${inflate(b64)}))`;
  const header = platform === 'node' ? '' : `import { inflateSync } from 'fflate';\n`;
  return {
    name: 'packed-data',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]core[\\/]tagging[\\/]model\.json$/ }, async (args) => {
        // The model's weights are base64 text: deflate their bytes instead (base64 of deflated base64
        // saves almost nothing), and hand them to the decoder as bytes.
        const { vocab, idf, groups, ...rest } = JSON.parse(await require('node:fs/promises').readFile(args.path, 'utf8'));
        const names = Object.keys(groups);
        const parts = [vocab, idf, ...names.map((name) => groups[name])].map((text) => Buffer.from(text, 'base64'));
        const bytes = zlib.deflateRawSync(Buffer.concat(parts), { level: 9 }).toString('base64');
        return {
          loader: 'js',
          resolveDir: path.dirname(args.path),
          contents: [
            header,
            `const bytes = ${inflate(bytes)};`,
            `let at = 0;`,
            `const cut = (n) => bytes.subarray(at, (at += n));`,
            `const lengths = ${JSON.stringify(parts.map((part) => part.length))};`,
            `const vocab = cut(lengths[0]);`,
            `const idf = cut(lengths[1]);`,
            `const groups = Object.fromEntries(${JSON.stringify(names)}.map((name, i) => [name, cut(lengths[i + 2])]));`,
            `export default { ...${JSON.stringify(rest)}, vocab, idf, groups };`,
          ].join('\n'),
        };
      });
      build.onLoad({ filter: /[\\/]src[\\/]core[\\/]ladder[\\/]builtin\.ts$/ }, async (args) => {
        // The module is data only (its one import is a type): evaluate it here to get its exports.
        const { code } = await esbuild.transform(await require('node:fs/promises').readFile(args.path, 'utf8'), { loader: 'ts', format: 'cjs' });
        const module = { exports: {} };
        new Function('module', 'exports', code)(module, module.exports);
        const { BUILTIN_AREAS, BUILTIN_LADDER, ...rest } = module.exports;
        if (Object.keys(rest).length) throw new Error(`builtin.ts exports ${Object.keys(rest).join(', ')}: teach esbuild.js's packed-data plugin about them`);
        return {
          loader: 'js',
          resolveDir: path.dirname(args.path),
          contents: `${header}export const BUILTIN_AREAS = ${JSON.stringify(BUILTIN_AREAS)};\nexport const BUILTIN_LADDER = ${unpack(pack(BUILTIN_LADDER))};\n`,
        };
      });
    },
  };
}

module.exports = { browserOnly, yamlModule, yamlCoreOnly, jsYamlLoaderOnly, packedData };
