/**
 * The shipped tagging model: weights trained at build time (`npm run train:tagger`, see `train.ts`) and
 * stored compactly in `model.json`. Decoding is lazy and happens once per process.
 *
 * Format (version 1):
 *  - `vocab`: the terms (stems and two-stem phrases) that have a weight or an idf, `\n`-separated;
 *  - `idf`: one byte per vocab term, base64, idf = byte / `idfScale`;
 *  - `variants.full` (criteria with trained weights) and `variants.generic` (any criterion, e.g. of a
 *    team's own ladder): per term group (`c:<id>`, `a:<area>`, `r:<relation>`) a base64 string of
 *    (vocab index delta as a varint, weight as a signed byte) pairs, weight = byte x `scale`; plus the
 *    scalar weights by name (`bias:<relation>`, `single`, `phrase`, `sim`, `knn`);
 *  - `decision`: the threshold on the probability, the default limit and the relative floor.
 */
import type { Idf } from './features';

export interface ModelVariantData {
  scale: number;
  groups: Record<string, string>;
  scalars: Record<string, number>;
}

export interface ModelData {
  version: 1;
  vocab: string;
  idfScale: number;
  idf: string;
  unknownIdf: number;
  variants: { full: ModelVariantData; generic: ModelVariantData };
  decision: { threshold: number; limit: number; relativeFloor: number };
  /** What the model was trained on, for the record. */
  trainedOn: { notes: number; hash: string };
}

export interface ModelVariant {
  readonly groups: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly scalars: ReadonlyMap<string, number>;
}

export interface Model {
  readonly idf: Idf;
  readonly full: ModelVariant;
  readonly generic: ModelVariant;
  readonly decision: ModelData['decision'];
}

// ------------------------------------------------------------------------------------------------ codec

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const d = B64.indexOf(clean[i]!);
    if (d < 0) throw new Error('tagging model: bad base64');
    value = (value << 6) | d;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 255;
    }
  }
  return out.subarray(0, o);
}

/** Encodes (index, weight byte) pairs, indexes ascending. */
export function encodeGroup(entries: ReadonlyArray<[number, number]>): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const [index, q] of entries) {
    let delta = index - previous;
    previous = index;
    while (delta >= 128) {
      bytes.push((delta & 127) | 128);
      delta >>>= 7;
    }
    bytes.push(delta);
    bytes.push(q & 255);
  }
  return toBase64(Uint8Array.from(bytes));
}

export function decodeGroup(text: string, vocab: readonly string[], scale: number): Map<string, number> {
  const bytes = fromBase64(text);
  const out = new Map<string, number>();
  let index = 0;
  for (let i = 0; i < bytes.length; ) {
    let delta = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++]!;
      delta |= (b & 127) << shift;
      shift += 7;
    } while (b & 128);
    index += delta;
    const q = bytes[i++]!;
    const term = vocab[index];
    if (term === undefined) throw new Error('tagging model: index out of range');
    out.set(term, (q > 127 ? q - 256 : q) * scale);
  }
  return out;
}

export function decodeModel(data: ModelData): Model {
  if (data.version !== 1) throw new Error(`tagging model: unsupported version ${String(data.version)}`);
  const vocab = data.vocab.split('\n');
  const idfBytes = fromBase64(data.idf);
  const idfMap = new Map<string, number>();
  vocab.forEach((term, i) => {
    const b = idfBytes[i] ?? 0;
    if (b > 0) idfMap.set(term, b / data.idfScale);
  });
  const variant = (v: ModelVariantData): ModelVariant => {
    const groups = new Map<string, ReadonlyMap<string, number>>();
    for (const [name, text] of Object.entries(v.groups)) groups.set(name, decodeGroup(text, vocab, v.scale));
    return { groups, scalars: new Map(Object.entries(v.scalars)) };
  };
  return {
    idf: { get: (t) => idfMap.get(t), unknown: data.unknownIdf },
    full: variant(data.variants.full),
    generic: variant(data.variants.generic),
    decision: data.decision,
  };
}
