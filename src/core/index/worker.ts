/**
 * A worker thread of the index: stats, reads and parses the notes it is sent, and posts back records
 * in batches; on a warm start it also reads and checks the persisted cache, so that its text is never
 * parsed on the extension host's thread. It never writes anything. Bundled as dist/indexWorker.js.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parentPort } from 'node:worker_threads';
import { classify } from './freshness';
import { MAX_NOTE_BYTES, outsideWorkspace } from './fs';
import { recordFromBytes, tooLarge, type LoadResult } from './indexer';
import { isRealPathInside } from './nodeFs';
import { isInside, isMarkdown, normalizeRelative } from '../util/paths';
import { parseCache } from './cache';
import type { NoteRecord } from './noteIndex';
import type { AnyWorkerRequest, CacheCheckReply, CacheCheckRequest, CacheOpenReply, CacheOpenRequest, WorkerReply, WorkerRequest } from './workerProtocol';
import { problem } from '../problems';
import { installFastYaml } from '../util/fastYaml';
import { jsYamlReader } from '../util/jsYaml';

const BATCH = 250;

// This thread reads notes in bulk: front matter is read with js-yaml first (see fastYaml.ts).
installFastYaml(jsYamlReader);

function failed(path: string, error: unknown): LoadResult {
  return { skipped: problem('warning', 'read-failed', `The note could not be read: ${(error as Error).message}`, undefined, { file: path }) };
}

function loadOne(root: string, path: string, known: readonly [number, number] | undefined): LoadResult {
  const abs = nodePath.join(root, ...path.split('/'));
  if (known) {
    // Known size and mtime: a stat decides whether the file needs reading at all.
    let stat;
    try {
      stat = statSync(abs, { throwIfNoEntry: false });
    } catch (error) {
      return failed(path, error);
    }
    const freshness = classify({ mtime: known[0], size: known[1] }, stat ? { mtime: stat.mtimeMs, size: stat.size } : undefined);
    if (freshness === 'missing') return { missing: true };
    if (freshness === 'unchanged') return { unchanged: true };
  }
  // Open once, and take size and mtime from the open file (one syscall fewer than stat + readFile).
  let fd: number;
  try {
    // O_NOFOLLOW: a symbolic link fails to open (ELOOP) at no cost for ordinary files, and only then is
    // its real path checked against the workspace.
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { missing: true };
    if (code !== 'ELOOP' && code !== 'EMLINK') return failed(path, error);
    if (!isRealPathInside(root, abs)) return { skipped: outsideWorkspace(path) };
    try {
      fd = openSync(abs, 'r');
    } catch (again) {
      return (again as NodeJS.ErrnoException).code === 'ENOENT' ? { missing: true } : failed(path, again);
    }
  }
  try {
    const stat = fstatSync(fd);
    if (stat.size > MAX_NOTE_BYTES) return { skipped: tooLarge(path, stat.size) };
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return recordFromBytes(path, read === stat.size ? bytes : bytes.subarray(0, read), { mtime: stat.mtimeMs, size: stat.size });
  } catch (error) {
    return failed(path, error);
  } finally {
    closeSync(fd);
  }
}

/** Past this size a cache file is not read at all (250,000 notes take about 75 MB). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;
const CHECK_BATCH = 500;

/** Caches opened and not checked yet, by request id. */
const caches = new Map<number, ReadonlyMap<string, NoteRecord>>();

function openCache(request: CacheOpenRequest): CacheOpenReply {
  const { id, file, key, root, folder } = request;
  let bytes: Buffer;
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return { id, missing: true };
    if (stat.size > MAX_CACHE_BYTES) return { id, error: `the index cache is ${Math.round(stat.size / 1024 / 1024)} MB, more than it can be` };
    bytes = readFileSync(file);
  } catch (error) {
    return { id, error: `the index cache could not be read (${(error as Error).message})` };
  }
  const result = parseCache(new TextDecoder().decode(bytes), key);
  if ('error' in result) return { id, error: result.error };
  caches.set(id, current(result.records, root, folder));
  return { id, size: result.records.size };
}

/**
 * The records whose file has the cached size and mtime, stat'ed now, while the host walks the folder
 * (the same stat and rule as the pool's probe). Only a plain relative path inside the notes folder is
 * stat'ed: the cache is untrusted, and nothing outside the folder is ever looked at for it. Which of
 * them are filed is decided by the walk (see `checkCache`).
 */
function current(records: ReadonlyMap<string, NoteRecord>, root: string, folder: string): Map<string, NoteRecord> {
  const prefix = root.endsWith(nodePath.sep) ? root : root + nodePath.sep;
  const posix = nodePath.sep === '/';
  const fresh = new Map<string, NoteRecord>();
  for (const [path, record] of records) {
    if (path !== record.path || normalizeRelative(path) !== path || !isInside(path, folder) || !isMarkdown(path)) continue;
    let stat;
    try {
      const s = statSync(prefix + (posix ? path : path.split('/').join(nodePath.sep)), { throwIfNoEntry: false });
      stat = s ? { mtime: s.mtimeMs, size: s.size } : undefined;
    } catch {
      continue; // unreadable (permissions, a link loop): read it, which reports why
    }
    if (classify(record, stat) === 'unchanged') fresh.set(path, record);
  }
  return fresh;
}

/** The current records among the walked paths, in batches; the records are let go after. */
function checkCache(request: CacheCheckRequest): void {
  const { id, paths } = request;
  const fresh = caches.get(request.cache);
  caches.delete(request.cache);
  let batch: NoteRecord[] = [];
  if (fresh) {
    for (const path of paths) {
      const record = fresh.get(path);
      if (!record) continue;
      batch.push(record);
      if (batch.length >= CHECK_BATCH) {
        parentPort!.postMessage({ id, done: false, records: batch } satisfies CacheCheckReply);
        batch = [];
      }
    }
  }
  parentPort!.postMessage({ id, done: true, records: batch } satisfies CacheCheckReply);
}

function load(request: WorkerRequest): void {
  const { id, root, paths, known } = request;
  let reply: WorkerReply = { id, done: false, records: [], unchanged: [], skipped: [], missing: [] };
  const flush = (done: boolean) => {
    parentPort!.postMessage({ ...reply, done });
    reply = { id, done: false, records: [], unchanged: [], skipped: [], missing: [] };
  };
  paths.forEach((path, i) => {
    const result = loadOne(root, path, known[i] ?? undefined);
    if (result.record) reply.records.push(result.record);
    else if (result.unchanged) reply.unchanged.push(path);
    else if (result.missing) reply.missing.push(path);
    else if (result.skipped) reply.skipped.push([path, result.skipped]);
    if (reply.records.length + reply.unchanged.length + reply.skipped.length + reply.missing.length >= BATCH) flush(false);
  });
  flush(true);
}

parentPort?.on('message', (request: AnyWorkerRequest) => {
  switch (request.kind) {
    case 'cache-open':
      parentPort!.postMessage(openCache(request));
      break;
    case 'cache-check':
      checkCache(request);
      break;
    case 'cache-drop':
      caches.delete(request.cache);
      break;
    default:
      load(request);
  }
});
