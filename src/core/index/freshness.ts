/** What the index already knows of a file: the size and mtime its record was read at. */
export interface KnownFile {
  readonly mtime: number;
  readonly size: number;
}

/** A file's stat as the index compares it: mtime NaN when the file is gone, size -1 when it could not be stat'ed. */
export interface StatLike {
  readonly mtime: number;
  readonly size: number;
}

/**
 * - `missing`: the file is gone (its record, if any, is dropped);
 * - `unchanged`: size and mtime are what the record says (the record is reused, nothing is read);
 * - `changed`: anything else, a new file included (the file is read).
 */
export type Freshness = 'missing' | 'unchanged' | 'changed';

/**
 * Whether a known record is still current for a file's stat: the one rule every path of the index
 * follows (the loader on the host, the worker threads, the pool's stat pass and the warm start).
 * Size and mtime must both match; a file that could not be stat'ed is read again, which reports why.
 */
export function classify(known: KnownFile | undefined, stat: StatLike | undefined): Freshness {
  if (!stat || Number.isNaN(stat.mtime)) return 'missing';
  if (known && stat.size >= 0 && known.mtime === stat.mtime && known.size === stat.size) return 'unchanged';
  return 'changed';
}
