import { NOTE_TYPES, type NoteType } from '../notes/schema';
import type { Problem } from '../problems';
import { shown } from '../util/text';
import type { NoteIndex, NoteRecord } from './noteIndex';

/**
 * The persisted index: every note's record, validated on load by size and mtime. Records are stored as
 * tuples (no repeated keys), which halves the file and its parse time. Bump {@link CACHE_VERSION}
 * whenever parsing or the record shape changes, so an old cache is never trusted.
 */
export const CACHE_VERSION = 6;

type Tuple = [
  path: string,
  mtime: number,
  size: number,
  type: NoteType,
  title: string,
  date: string | null,
  criteria: readonly string[],
  level: string | null,
  impact: readonly string[],
  links: readonly string[],
  status: string | null,
  review: string | null,
  problems: readonly Problem[],
  from: string | null,
];

interface CacheFile {
  readonly version: number;
  /** Identifies the workspace folder and notes folder the cache was made for. */
  readonly key: string;
  readonly notes: readonly Tuple[];
}

function toTuple(r: NoteRecord): Tuple {
  return [
    r.path,
    r.mtime,
    r.size,
    r.type,
    r.title,
    r.date,
    r.criteria,
    r.level ?? null,
    r.impact,
    r.links,
    r.status ?? null,
    r.review,
    r.problems,
    r.from ?? null,
  ];
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

function fromTuple(t: Tuple): NoteRecord {
  const [path, mtime, size, type, title, date, criteria, level, impact, links, status, review, problems, from] = t;
  // Built field by field, not with spreads: this runs once per note at every start.
  const record: { -readonly [K in keyof NoteRecord]: NoteRecord[K] } = {
    type,
    title,
    date,
    criteria,
    impact,
    links,
    review,
    path,
    mtime,
    size,
    problems: problems.length ? problems : NO_PROBLEMS,
  };
  if (level !== null) record.level = level;
  if (status !== null) record.status = status;
  if (from !== null) record.from = from;
  return record;
}

export function serializeCache(index: NoteIndex, key: string): string {
  const file: CacheFile = { version: CACHE_VERSION, key, notes: index.all().map(toTuple) };
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
  if (version !== CACHE_VERSION) return { error: `the index cache has version ${shown(version)}, expected ${CACHE_VERSION}` };
  if (fileKey !== key) return { error: 'the index cache belongs to another folder' };
  if (!Array.isArray(notes)) return { error: 'the index cache has no notes list' };
  const records = new Map<string, NoteRecord>();
  for (const note of notes) {
    if (!isTuple(note)) return { error: 'the index cache holds a malformed record' };
    records.set(note[0], fromTuple(note));
  }
  return { records };
}

const TYPES = new Set<string>(NOTE_TYPES);

function isTuple(value: unknown): value is Tuple {
  if (!Array.isArray(value) || value.length !== 14) return false;
  const [path, mtime, size, type, title, date, criteria, level, impact, links, status, review, problems, from] = value as unknown[];
  return (
    typeof path === 'string' &&
    typeof mtime === 'number' &&
    typeof size === 'number' &&
    typeof type === 'string' &&
    TYPES.has(type) &&
    typeof title === 'string' &&
    (date === null || typeof date === 'string') &&
    isStringArray(criteria) &&
    (level === null || typeof level === 'string') &&
    isStringArray(impact) &&
    isStringArray(links) &&
    (status === null || typeof status === 'string') &&
    (review === null || typeof review === 'string') &&
    Array.isArray(problems) &&
    (from === null || typeof from === 'string')
  );
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const v of value) if (typeof v !== 'string') return false;
  return true;
}
