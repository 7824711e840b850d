import type { Problem } from '../problems';
import type { NoteRecord } from './noteIndex';

/** A chunk of work for an index worker: paths under `root`, with the size and mtime already known (or null). */
export interface WorkerRequest {
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
