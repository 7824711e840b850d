/**
 * The shipped tagging model: weights trained at build time (`npm run train:tagger`, see `train.ts`) and
 * stored compactly in `model.json`. Decoding happens once per process.
 *
 * Format (version 3). Terms are not stored: they are hashed into buckets (`features.ts` `bucket`).
 *  - `vocab`: every bucket the model weighs, ascending, as varint deltas (base64); the groups below name
 *    a bucket by its position here, so that their deltas are small (a quarter less to ship than bucket
 *    deltas, which version 2 stored);
 *  - `idf`: the inverse document frequency of the terms common in the training notes, as a sparse
 *    group (below) of bytes, idf = byte / `idfScale`; every other term has `unknownIdf`;
 *  - `groups`: per term group (`a:<area>`, `r:<relation>`, `m`, and `c:<criterion id>` for the criteria
 *    trained on) a base64 string of (position delta as a varint, weight as a signed byte) pairs,
 *    positions ascending, weight = byte x `scale`;
 *  - `scalars`: the scalar weights by name (`bias:<relation>`, `single`, `phrase`, `sim`, `knn`);
 *  - `decision`: the rule that turns probabilities into suggestions.
 */
import type { Idf, Vector } from './features';

export interface Decision {
  /** Least probability of a suggestion. */
  threshold: number;
  /** Most suggestions. */
  limit: number;
  /** Least probability relative to the best candidate's. */
  relativeFloor: number;
  /** Least probability of the best candidate, when lower than `threshold`: a note usually evidences something. */
  first?: number;
  /**
   * The weight of the workspace's votes (`knn`), fitted by cross-validation on scores of notes the model
   * never saw; absent in models trained before it was.
   */
  knn?: number;
}

export interface ModelData {
  version: 3;
  /** Base64: the buckets the groups name by position. */
  vocab: string;
  idfScale: number;
  /** Base64. */
  idf: string;
  unknownIdf: number;
  scale: number;
  groups: Record<string, string>;
  scalars: Record<string, number>;
  decision: Decision;
  /** What the model was trained on, for the record. */
  trainedOn: { notes: number; hash: string };
}

export interface Model {
  readonly idf: Idf;
  readonly groups: ReadonlyMap<string, Vector>;
  readonly scalars: ReadonlyMap<string, number>;
  readonly decision: Decision;
}

// ------------------------------------------------------------------------------------------------ codec

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const d = B64_INDEX.get(text[i]!);
    if (d === undefined) throw new Error('tagging model: bad base64');
    value = ((value << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 255;
    }
  }
  return out.subarray(0, o);
}

function pushVarint(bytes: number[], value: number): void {
  let v = value;
  while (v >= 128) {
    bytes.push((v & 127) | 128);
    v >>>= 7;
  }
  bytes.push(v);
}

/** Encodes ascending buckets as varint deltas. */
export function encodeVocab(buckets: readonly number[]): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const b of buckets) {
    if (b < previous) throw new Error('tagging model: buckets must ascend');
    pushVarint(bytes, b - previous);
    previous = b;
  }
  return toBase64(Uint8Array.from(bytes));
}

export function decodeVocab(text: string): number[] {
  const bytes = fromBase64(text);
  const out: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length;) {
    let delta = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++]!;
      delta |= (b & 127) << shift;
      shift += 7;
    } while (b & 128 && i < bytes.length);
    value += delta;
    out.push(value);
  }
  return out;
}

/** Encodes (position, byte) pairs, positions ascending. */
export function encodeGroup(entries: ReadonlyArray<readonly [number, number]>): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const [index, q] of entries) {
    const delta = index - previous;
    if (delta < 0) throw new Error('tagging model: buckets must ascend');
    previous = index;
    pushVarint(bytes, delta);
    bytes.push(q & 255);
  }
  return toBase64(Uint8Array.from(bytes));
}

/**
 * Decodes a group; `signed` reads the byte as -128..127, else 0..255; each byte is multiplied by `scale`.
 * With `vocab`, positions are read as its buckets.
 */
export function decodeGroup(text: string, scale: number, signed = true, vocab?: readonly number[]): Map<number, number> {
  const bytes = fromBase64(text);
  const out = new Map<number, number>();
  let index = 0;
  for (let i = 0; i < bytes.length;) {
    let delta = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++]!;
      delta |= (b & 127) << shift;
      shift += 7;
    } while (b & 128 && i < bytes.length);
    index += delta;
    const q = bytes[i++] ?? 0;
    const key = vocab ? vocab[index] : index;
    if (key === undefined) throw new Error('tagging model: a position beyond the vocabulary');
    out.set(key, (signed && q > 127 ? q - 256 : q) * scale);
  }
  return out;
}

export function decodeModel(data: ModelData): Model {
  if (data.version !== 3) throw new Error(`tagging model: unsupported version ${String(data.version)}`);
  const vocab = decodeVocab(data.vocab);
  const idf = decodeGroup(data.idf, 1 / data.idfScale, false, vocab);
  const groups = new Map<string, Vector>();
  for (const [name, text] of Object.entries(data.groups)) groups.set(name, decodeGroup(text, data.scale, true, vocab));
  return {
    idf: { get: (b) => idf.get(b), unknown: data.unknownIdf },
    groups,
    scalars: new Map(Object.entries(data.scalars)),
    decision: data.decision,
  };
}
