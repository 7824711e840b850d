import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { stringify } from 'yaml';
import { BUILTIN_LADDER } from '../../src/core/ladder/builtin';
import { builtinLadder } from '../../src/core/ladder/load';
import { TagInferrer } from '../../src/core/tagging';
import type { ModelData } from '../../src/core/tagging/model';
import MODEL_DATA from '../../src/core/tagging/model.json';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { shippedData, shippedDataFile, jsYamlLoaderOnly, yamlModule, yamlCoreOnly } = require(path.join(root, 'scripts/build/plugins.js')) as {
  shippedData: (root: string) => Promise<{ digest: string; text: string }>;
  shippedDataFile: (dataFile: string) => esbuild.Plugin;
  jsYamlLoaderOnly: esbuild.Plugin;
  yamlModule: esbuild.Plugin;
  yamlCoreOnly: esbuild.Plugin;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { builds } = require(path.join(root, 'esbuild.js')) as { builds: esbuild.BuildOptions[] };

/** The inputs of one of esbuild.js's bundles (by its outfile), built in memory, minified. */
async function inputsOf(outfile: string): Promise<{ files: string[]; bytes: number; text: string }> {
  const options = builds.find((b) => b.outfile === outfile);
  assert.ok(options, `esbuild.js builds ${outfile}`);
  const result = await esbuild.build({ ...options, absWorkingDir: root, write: false, metafile: true, minify: true, sourcemap: false, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return { files: Object.keys(result.metafile.inputs), bytes: output!.bytes, text: result.outputFiles[0]!.text };
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

suite('bundles: the shipped data file and the YAML loader', () => {
  test("the build writes the built-in ladder and the tagging model once, to a data file of exactly the sources' values", async () => {
    const { digest, text } = await shippedData(root);
    const data = JSON.parse(text) as { digest: string; ladder: unknown; model: unknown };
    assert.equal(data.digest, digest);
    assert.match(digest, /^[0-9a-f]{16}$/);
    assert.deepEqual(data.ladder, BUILTIN_LADDER);
    assert.deepEqual(data.model, MODEL_DATA);
    assert.equal((await shippedData(root)).text, text, 'the same sources, the same file');
  });

  test('the bundles carry neither the built-in ladder nor the model weights: only the data file digest and the decision rule', async () => {
    const { digest } = await shippedData(root);
    const model = MODEL_DATA as unknown as ModelData;
    const criterion = builtinLadder().allCriteria()[0]!.criterion.description;
    for (const outfile of ['dist/extension.js', 'dist/web/extension.js']) {
      const { files, text } = await inputsOf(outfile);
      assert.ok(!files.some((f) => /src[\\/]core[\\/]ladder[\\/]builtin\.ts$/.test(f)), `${outfile} does not import builtin.ts`);
      assert.ok(!text.includes((model.vocab as string).slice(0, 40)), `${outfile} has no model weights`);
      assert.ok(!text.includes(criterion.slice(0, 40)), `${outfile} has no built-in criterion text`);
      assert.ok(text.includes(digest), `${outfile} knows the digest of its data file`);
    }
  });

  for (const platform of ['node', 'browser'] as const) {
    test(`the ${platform} bundle asks for its data before it is installed, installs this build's data file, and refuses another build's or a damaged one`, async () => {
      const { text } = await shippedData(root);
      const out = await bundled(
        platform,
        `export { loadShippedData, shippedData } from './core/data/shipped';
         export { builtinLadder } from './core/ladder/load';
         export { TagInferrer } from './core/tagging';`,
        [shippedDataFile('dist/data.json')],
      );
      type Load = (read: (path: string) => Promise<Uint8Array>) => Promise<void>;
      const load = out.loadShippedData as Load;
      const bytes = (value: string) => async () => new TextEncoder().encode(value);
      assert.throws(() => (out.shippedData as () => unknown)(), /dist\/data\.json\) was not read at activation/);
      await assert.rejects(load(bytes('{"digest":')), /dist\/data\.json is not JSON.*reinstall/);
      await assert.rejects(load(bytes('[1]')), /does not hold a ladder and a model/);
      await assert.rejects(
        load(bytes(text.replace(/"digest":"[0-9a-f]+"/, '"digest":"0000000000000000"'))),
        /from another build \(digest 0000000000000000, expected [0-9a-f]{16}\)/,
      );
      await assert.rejects(
        load(async () => {
          throw new Error('ENOENT');
        }),
        /could not read dist\/data\.json \(ENOENT\)/,
      );
      const asked: string[] = [];
      await load(async (file) => {
        asked.push(file);
        return new TextEncoder().encode(text);
      });
      assert.deepEqual(asked, ['dist/data.json']);
      const ladder = (out.builtinLadder as () => { data: unknown })();
      assert.deepEqual(JSON.parse(JSON.stringify(ladder.data)), JSON.parse(JSON.stringify(builtinLadder().data)), 'the same ladder as the source');
      type Inferrer = new (ladder: unknown) => { suggest: (note: object, context: object) => unknown };
      const note = { title: 'Led the incident review', body: 'I ran the postmortem of the outage and wrote the runbook the on-call rotation now uses.' };
      const context = { track: 'ic', currentLevel: 'L4' };
      assert.deepEqual(
        new (out.TagInferrer as Inferrer)(ladder).suggest(note, context),
        new TagInferrer(builtinLadder()).suggest(note, context as never),
        'the same suggestions as the source',
      );
    });
  }

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
