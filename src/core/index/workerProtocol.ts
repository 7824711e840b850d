import type { Problem } from '../problems';
import type { NoteRecord } from './noteIndex';

/** A chunk of work for an index worker: paths under `root`, with the size and mtime already known (or null). */
export interface WorkerRequest {
  readonly kind?: 'load';
  readonly id: number;
  readonly root: string;
  readonly paths: readonly string[];
  readonly known: ReadonlyArray<readonly [mtime: number, size: number] | null>;
}

export interface WorkerReply {
  readonly id: number;
  /** The last reply for this request. */
  readonly done: boolean;
  readonly records: NoteRecord[];
  readonly unchanged: string[];
  readonly skipped: Array<readonly [string, Problem]>;
  readonly missing: string[];
}

/**
 * Read and check the persisted index cache at `file` (an absolute path) for `key`, and stat the files
 * of its records (under `root`, inside `folder`); the worker keeps the current ones under `id` until a
 * {@link CacheCheckRequest} or {@link CacheDropRequest} for that id.
 */
export interface CacheOpenRequest {
  readonly kind: 'cache-open';
  readonly id: number;
  readonly file: string;
  readonly key: string;
  readonly root: string;
  /** The notes folder, workspace-relative. */
  readonly folder: string;
}

/** One answer: no file, why it was discarded, or how many records it holds. */
export type CacheOpenReply =
  { readonly id: number; readonly missing: true } | { readonly id: number; readonly error: string } | { readonly id: number; readonly size: number };

/** Report the current records of the cache opened as `cache` among `paths` (the walked ones). The records are let go after. */
export interface CacheCheckRequest {
  readonly kind: 'cache-check';
  readonly id: number;
  readonly cache: number;
  readonly paths: readonly string[];
}

export interface CacheCheckReply {
  readonly id: number;
  readonly done: boolean;
  readonly records: NoteRecord[];
}

export interface CacheDropRequest {
  readonly kind: 'cache-drop';
  readonly cache: number;
}

export type AnyWorkerRequest = WorkerRequest | CacheOpenRequest | CacheCheckRequest | CacheDropRequest;
