/*
 * What the code carries of the shipped data. In the source (tests, tools, training), the data itself:
 * the built-in ladder and the tagging model, imported. In the bundles, esbuild.js replaces this module
 * (scripts/build/plugins.js, `shippedDataFile`) with only the digest of the data file it writes next to
 * them, dist/data.json, which the extension reads at activation (see ./shipped.ts).
 */
import { BUILTIN_LADDER } from '../ladder/builtin';
import MODEL_DATA from '../tagging/model.json';
import type { ModelData } from '../tagging/model';
import type { ShippedData } from './shipped';

export const BUNDLED: { readonly data?: ShippedData; readonly digest?: string } = {
  data: { digest: 'source', ladder: BUILTIN_LADDER, model: MODEL_DATA as unknown as ModelData },
};
