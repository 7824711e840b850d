import { NOTE_TYPES } from '../notes/schema';
import type { NoteIndex, NoteRecord } from './noteIndex';

/**
 * The persisted index: every note's record, keyed by path, validated on load by size and mtime. Bump
 * {@link CACHE_VERSION} whenever parsing or the record shape changes, so an old cache is never trusted.
 */
export const CACHE_VERSION = 3;

interface CacheFile {
  readonly version: number;
  /** Identifies the workspace folder and notes folder the cache was made for. */
  readonly key: string;
  readonly notes: readonly NoteRecord[];
}

export function serializeCache(index: NoteIndex, key: string): string {
  const file: CacheFile = { version: CACHE_VERSION, key, notes: index.all() };
  return JSON.stringify(file);
}

export type CacheLoad = { readonly records: Map<string, NoteRecord> } | { readonly error: string };

/** Parses a cache file; any doubt (corrupt JSON, other version or workspace, a bad record) discards it whole. */
export function parseCache(text: string, key: string): CacheLoad {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    return { error: `the index cache is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!file || typeof file !== 'object') return { error: 'the index cache is not an object' };
  const { version, key: fileKey, notes } = file as Partial<CacheFile>;
  if (version !== CACHE_VERSION) return { error: `the index cache has version ${String(version)}, expected ${CACHE_VERSION}` };
  if (fileKey !== key) return { error: 'the index cache belongs to another folder' };
  if (!Array.isArray(notes)) return { error: 'the index cache has no notes list' };
  const records = new Map<string, NoteRecord>();
  for (const note of notes) {
    if (!isRecord(note)) return { error: 'the index cache holds a malformed record' };
    records.set(note.path, note);
  }
  return { records };
}

const TYPES = new Set<string>(NOTE_TYPES);

function isRecord(value: unknown): value is NoteRecord {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r['path'] === 'string' &&
    typeof r['mtime'] === 'number' &&
    typeof r['size'] === 'number' &&
    typeof r['title'] === 'string' &&
    typeof r['type'] === 'string' &&
    TYPES.has(r['type']) &&
    (r['date'] === null || typeof r['date'] === 'string') &&
    (r['review'] === null || typeof r['review'] === 'string') &&
    isStringArray(r['criteria']) &&
    isStringArray(r['impact']) &&
    isStringArray(r['links']) &&
    Array.isArray(r['problems'])
  );
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
