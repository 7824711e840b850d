/**
 * The data shipped with the extension: the built-in ladder and the tagging model (about 97 KB of
 * JSON). The bundles do not carry it: the build writes it once, to dist/data.json, for the desktop and
 * the web bundle alike, and each entry reads that file at activation and installs it here before
 * anything asks for the ladder or the model. Run from the source (tests, tools), the data is imported.
 */
import type { LadderInput } from '../ladder/schema';
import type { ModelData } from '../tagging/model';
import { BUNDLED } from './bundled';

export interface ShippedData {
  /** Which build wrote it; the bundle knows the digest of its own (`'source'` when imported). */
  readonly digest: string;
  readonly ladder: LadderInput;
  readonly model: ModelData;
}

/** The data file, relative to the extension's root. */
export const SHIPPED_DATA_PATH = 'dist/data.json';

let installed: ShippedData | undefined;

/** The shipped data: installed, or imported when running from the source. */
export function shippedData(): ShippedData {
  installed ??= BUNDLED.data;
  if (!installed) throw new Error(`Career Lattice: its data (${SHIPPED_DATA_PATH}) was not read at activation.`);
  return installed;
}

/** Installs the data read from {@link SHIPPED_DATA_PATH}; before the first use of the ladder or the model. */
export function installShippedData(data: ShippedData): void {
  installed = data;
}

/**
 * Reads the data file's bytes; throws an error that says what is wrong when they are not this build's
 * data (a damaged install, or a bundle rebuilt without its data file).
 */
export function parseShippedData(bytes: Uint8Array): ShippedData {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new Error(`Career Lattice: ${SHIPPED_DATA_PATH} is not JSON (${error instanceof Error ? error.message : String(error)}); reinstall the extension.`);
  }
  const data = value as Partial<ShippedData> | null;
  if (
    typeof data !== 'object' ||
    data === null ||
    typeof data.ladder !== 'object' ||
    typeof data.model !== 'object' ||
    data.ladder === null ||
    data.model === null
  ) {
    throw new Error(`Career Lattice: ${SHIPPED_DATA_PATH} does not hold a ladder and a model; reinstall the extension.`);
  }
  const expected = BUNDLED.digest ?? 'source';
  if (data.digest !== expected) {
    throw new Error(
      `Career Lattice: ${SHIPPED_DATA_PATH} is from another build (digest ${String(data.digest)}, expected ${expected}); rebuild with npm run build, or reinstall the extension.`,
    );
  }
  return data as ShippedData;
}

/**
 * Reads the data file through `read` (a path relative to the extension's root, to its bytes) and
 * installs it. Throws, saying what failed, when it cannot be read or is not this build's.
 */
export async function loadShippedData(read: (path: string) => PromiseLike<Uint8Array>): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await read(SHIPPED_DATA_PATH);
  } catch (error) {
    throw new Error(
      `Career Lattice: could not read ${SHIPPED_DATA_PATH} (${error instanceof Error ? error.message : String(error)}); reinstall the extension.`,
    );
  }
  installShippedData(parseShippedData(bytes));
}
