import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { stringify } from 'yaml';
import { BUILTIN_AREAS, BUILTIN_LADDER } from '../../src/core/ladder/builtin';
import { decodeModel, decodeVocab, type ModelData } from '../../src/core/tagging/model';
import MODEL_DATA from '../../src/core/tagging/model.json';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packedData, jsYamlLoaderOnly, yamlModule, yamlCoreOnly } = require(path.join(root, 'scripts/build/plugins.js')) as {
  packedData: (platform: 'node' | 'browser') => esbuild.Plugin;
  jsYamlLoaderOnly: esbuild.Plugin;
  yamlModule: esbuild.Plugin;
  yamlCoreOnly: esbuild.Plugin;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { builds } = require(path.join(root, 'esbuild.js')) as { builds: esbuild.BuildOptions[] };

/** The inputs of one of esbuild.js's bundles (by its outfile), built in memory, minified. */
async function inputsOf(outfile: string): Promise<{ files: string[]; bytes: number }> {
  const options = builds.find((b) => b.outfile === outfile);
  assert.ok(options, `esbuild.js builds ${outfile}`);
  const result = await esbuild.build({ ...options, absWorkingDir: root, write: false, metafile: true, minify: true, sourcemap: false, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return { files: Object.keys(result.metafile.inputs), bytes: output!.bytes };
}

/** Bundles `contents` (a module in src/) with the bundles' plugins and runs it, returning its exports. */
async function bundled(platform: 'node' | 'browser', contents: string, plugins: esbuild.Plugin[]): Promise<Record<string, unknown> & { code: string }> {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: path.join(root, 'src'), loader: 'ts' },
    bundle: true,
    write: false,
    platform,
    format: 'cjs',
    plugins,
    logLevel: 'silent',
  });
  const module = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('module', 'exports', 'require', result.outputFiles[0]!.text)(module, module.exports, require);
  return { ...module.exports, code: result.outputFiles[0]!.text };
}

suite('bundles: the packed data and the YAML loader', () => {
  for (const platform of ['node', 'browser'] as const) {
    test(`the ${platform} bundle inflates the built-in ladder and the tagging model to exactly the sources' values`, async () => {
      const out = await bundled(
        platform,
        `export { BUILTIN_AREAS, BUILTIN_LADDER } from './core/ladder/builtin'; export { default as MODEL } from './core/tagging/model.json';`,
        [packedData(platform)],
      );
      assert.deepEqual(out.BUILTIN_AREAS, BUILTIN_AREAS);
      assert.deepEqual(out.BUILTIN_LADDER, BUILTIN_LADDER);
      // The bundles hand the model's weights to the decoder as bytes, the source as base64: the same weights.
      const model = out.MODEL as ModelData;
      const source = MODEL_DATA as unknown as ModelData;
      assert.deepEqual({ ...model, vocab: 0, idf: 0, groups: 0 }, { ...source, vocab: 0, idf: 0, groups: 0 });
      assert.ok(model.vocab instanceof Uint8Array && model.idf instanceof Uint8Array, 'the bundle hands bytes over');
      const a = decodeModel(model);
      const b = decodeModel(source);
      const buckets = decodeVocab(source.vocab);
      assert.deepEqual(decodeVocab(model.vocab), buckets);
      assert.deepEqual(
        buckets.map((k) => a.idf.get(k)),
        buckets.map((k) => b.idf.get(k)),
      );
      assert.deepEqual([...a.groups.keys()], [...b.groups.keys()]);
      for (const name of b.groups.keys()) assert.deepEqual([...a.groups.get(name)!], [...b.groups.get(name)!], name);
    });
  }

  test('the packed data is smaller than the JSON it stands for', async () => {
    const result = await esbuild.build({
      stdin: { contents: `export { BUILTIN_LADDER } from './core/ladder/builtin';`, resolveDir: path.join(root, 'src'), loader: 'ts' },
      bundle: true,
      write: false,
      minify: true,
      format: 'cjs',
      platform: 'node',
      plugins: [packedData('node')],
      logLevel: 'silent',
    });
    assert.ok(result.outputFiles[0]!.text.length < JSON.stringify(BUILTIN_LADDER).length / 2, `${result.outputFiles[0]!.text.length} bytes`);
  });

  test("js-yaml's loader alone: safe loading works; the dumper and the full schema's JavaScript types are not bundled", async () => {
    const out = await bundled(
      'node',
      `import { safeLoad, CORE_SCHEMA } from 'js-yaml';
       export const value = safeLoad('a: 1\\nb: [x, true]', { schema: CORE_SCHEMA });
       export let js = 'parsed';
       try { safeLoad('f: !!js/function "function () { return 1 }"'); } catch (e) { js = String(e); }`,
      [jsYamlLoaderOnly],
    );
    assert.deepEqual(out.value, { a: 1, b: ['x', true] });
    assert.match(String(out.js), /unknown tag/);
    assert.doesNotMatch(out.code, /js\/regexp|js\/undefined/, 'the JavaScript types');
    assert.doesNotMatch(out.code, /function dump\(/, 'the dumper');
  });

  test('js-yaml is in the index worker alone: the extension bundles read YAML with the yaml package only', async () => {
    for (const outfile of ['dist/extension.js', 'dist/web/extension.js']) {
      const { files } = await inputsOf(outfile);
      assert.ok(!files.some((f) => /js-yaml/.test(f)), `${outfile} has no js-yaml`);
      assert.ok(
        files.some((f) => /node_modules[\\/]yaml[\\/]/.test(f)),
        `${outfile} has yaml`,
      );
      assert.ok(
        files.some((f) => /src[\\/]core[\\/]tagging[\\/]model\.json$/.test(f)),
        `${outfile} has the tagging model`,
      );
    }
    const worker = await inputsOf('dist/indexWorker.js');
    assert.ok(
      worker.files.some((f) => /js-yaml/.test(f)),
      'the worker reads notes with js-yaml first',
    );
  });

  test("the bundles leave out yaml's YAML 1.1 schema; a %YAML 1.1 note, !!binary and !!timestamp still read as plain data", async () => {
    for (const outfile of ['dist/extension.js', 'dist/web/extension.js', 'dist/indexWorker.js']) {
      const { files } = await inputsOf(outfile);
      const kept = files.filter((f) => /yaml-1\.1[\\/]/.test(f) && !/merge\.js$/.test(f));
      assert.deepEqual(kept, [], `${outfile}: only the merge key of the 1.1 folder`);
    }
    const out = await bundled(
      'node',
      `import { parseYaml } from './core/util/yaml';
       import { stringify } from 'yaml';
       export const one = parseYaml('%YAML 1.1\\n---\\nt: yes\\nb: !!binary aGk=\\nd: !!timestamp 2025-01-01\\nn: 010\\n');
       export const text = stringify({ a: 'yes', b: ['x', 1] });`,
      [yamlModule, yamlCoreOnly],
    );
    const one = out.one as { value: Record<string, unknown>; problems: { severity: string; message: string }[] };
    assert.deepEqual(one.value, { t: 'yes', b: 'aGk=', d: '2025-01-01', n: 10 }, 'the core schema; tags unresolved, values plain');
    assert.ok(
      one.problems.every((p) => p.severity === 'warning'),
      JSON.stringify(one.problems),
    );
    assert.ok(
      one.problems.some((p) => /tag/i.test(p.message)),
      'the unresolved tags are named',
    );
    assert.equal(out.text, stringify({ a: 'yes', b: ['x', 1] }), 'stringify as the whole package does');
  });
});
