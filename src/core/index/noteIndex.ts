import type { Ladder } from '../ladder/ladder';
import type { NoteMeta, NoteType } from '../notes/schema';
import type { Problem } from '../problems';

/** A note as the index keeps it: its meta, where it is, and what was wrong with it. */
export interface NoteRecord extends NoteMeta {
  /** Workspace-relative POSIX path. */
  readonly path: string;
  readonly mtime: number;
  readonly size: number;
  readonly problems: readonly Problem[];
}

export interface IndexChange {
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
}

type Listener = (change: IndexChange) => void;

const EMPTY: ReadonlySet<string> = new Set();

/**
 * The notes of a workspace and the look-ups features need: by criterion, level, type and date range.
 * Updated one file at a time (or in batches); listeners hear of each change once per batch.
 */
export class NoteIndex {
  private readonly notes = new Map<string, NoteRecord>();
  private readonly byCriterionMap = new Map<string, Set<string>>();
  private readonly byTypeMap = new Map<NoteType, Set<string>>();
  /** Files that could not be indexed (too large, binary), with why. */
  private readonly skippedMap = new Map<string, Problem>();
  private readonly listeners = new Set<Listener>();
  private batchDepth = 0;
  private pendingChanged = new Set<string>();
  private pendingDeleted = new Set<string>();
  private versionCounter = 0;

  /** Increases with every change; cheap cache key for derived data. */
  get version(): number {
    return this.versionCounter;
  }

  get size(): number {
    return this.notes.size;
  }

  get(path: string): NoteRecord | undefined {
    return this.notes.get(path);
  }

  has(path: string): boolean {
    return this.notes.has(path);
  }

  all(): NoteRecord[] {
    return [...this.notes.values()];
  }

  paths(): string[] {
    return [...this.notes.keys()];
  }

  skipped(): ReadonlyMap<string, Problem> {
    return this.skippedMap;
  }

  /** Adds or replaces notes. */
  set(records: NoteRecord | readonly NoteRecord[]): void {
    const list = Array.isArray(records) ? (records as readonly NoteRecord[]) : [records as NoteRecord];
    if (list.length === 0) return;
    // Runs once per note at every start: the empty-set checks skip hash look-ups that cannot hit.
    for (const record of list) {
      const path = record.path;
      const old = this.notes.get(path);
      if (old) this.unlink(old);
      if (this.skippedMap.size > 0) this.skippedMap.delete(path);
      this.notes.set(path, record);
      for (const id of record.criteria) add(this.byCriterionMap, id, path);
      add(this.byTypeMap, record.type, path);
      if (this.pendingDeleted.size > 0) this.pendingDeleted.delete(path);
      this.pendingChanged.add(path);
    }
    this.changed();
  }

  /** Records a file that exists but is not a note the index can read. */
  skip(path: string, why: Problem): void {
    const had = this.notes.has(path);
    this.removeFromMaps(path);
    this.notes.delete(path);
    this.skippedMap.set(path, why);
    if (had) {
      this.pendingDeleted.add(path);
      this.changed();
    }
  }

  delete(paths: string | readonly string[]): void {
    const list = typeof paths === 'string' ? [paths] : paths;
    let any = false;
    for (const path of list) {
      this.skippedMap.delete(path);
      if (!this.notes.has(path)) continue;
      this.removeFromMaps(path);
      this.notes.delete(path);
      this.pendingChanged.delete(path);
      this.pendingDeleted.add(path);
      any = true;
    }
    if (any) this.changed();
  }

  /** Deletes every note under `folder` (a renamed or deleted folder). */
  deleteFolder(folder: string): void {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    this.delete(this.paths().filter((p) => p.startsWith(prefix)));
    for (const path of [...this.skippedMap.keys()]) if (path.startsWith(prefix)) this.skippedMap.delete(path);
  }

  clear(): void {
    this.delete(this.paths());
    this.skippedMap.clear();
  }

  /** Runs `fn` and fires one change event for everything it did. */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      this.changed();
    }
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Notes that list `criterionId` in `criteria:`, newest first. */
  byCriterion(criterionId: string): NoteRecord[] {
    return this.resolve(this.byCriterionMap.get(criterionId) ?? EMPTY);
  }

  /** How many notes list `criterionId`, without building the list. */
  countFor(criterionId: string): number {
    return this.byCriterionMap.get(criterionId)?.size ?? 0;
  }

  byType(type: NoteType): NoteRecord[] {
    return this.resolve(this.byTypeMap.get(type) ?? EMPTY);
  }

  /**
   * Notes that evidence `levelId`: tagged with one of its criteria, or declaring `level:` it (by id or
   * alias), newest first.
   */
  byLevel(ladder: Ladder, levelId: string): NoteRecord[] {
    const ref = ladder.level(levelId);
    if (!ref) return [];
    const paths = new Set<string>();
    for (const criterion of ref.level.criteria) for (const p of this.byCriterionMap.get(criterion.id) ?? EMPTY) paths.add(p);
    for (const note of this.notes.values()) {
      if (note.level && ladder.level(note.level)?.level === ref.level) paths.add(note.path);
    }
    return this.resolve(paths);
  }

  /** Notes dated within [from, to] (inclusive, `YYYY-MM-DD`; either end may be open), newest first. */
  byDateRange(from?: string, to?: string): NoteRecord[] {
    const out: NoteRecord[] = [];
    for (const note of this.notes.values()) {
      if (note.date === null) continue;
      if (from !== undefined && note.date < from) continue;
      if (to !== undefined && note.date > to) continue;
      out.push(note);
    }
    return out.sort(newestFirst);
  }

  private resolve(paths: ReadonlySet<string>): NoteRecord[] {
    const out: NoteRecord[] = [];
    for (const p of paths) {
      const note = this.notes.get(p);
      if (note) out.push(note);
    }
    return out.sort(newestFirst);
  }

  private removeFromMaps(path: string): void {
    const old = this.notes.get(path);
    if (old) this.unlink(old);
  }

  private unlink(old: NoteRecord): void {
    for (const id of old.criteria) remove(this.byCriterionMap, id, old.path);
    remove(this.byTypeMap, old.type, old.path);
  }

  private changed(): void {
    this.versionCounter++;
    if (this.batchDepth > 0) return;
    if (this.pendingChanged.size === 0 && this.pendingDeleted.size === 0) return;
    const change: IndexChange = { changed: [...this.pendingChanged], deleted: [...this.pendingDeleted] };
    this.pendingChanged = new Set();
    this.pendingDeleted = new Set();
    for (const listener of [...this.listeners]) listener(change);
  }
}

/** Newest first; undated notes last; ties by path so the order is stable. */
export function newestFirst(a: NoteRecord, b: NoteRecord): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function add<K>(map: Map<K, Set<string>>, key: K, path: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(path);
}

function remove<K>(map: Map<K, Set<string>>, key: K, path: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(path);
  if (set.size === 0) map.delete(key);
}
