import type * as zc from 'zod/v4/core';
import { problem, type Problem, type Range } from '../problems';
import { dirname, joinPath, normalizeRelative } from '../util/paths';
import { nearest } from '../util/text';
import { formatPath, LADDER_YAML_LIMITS, parseYaml, rangeOfPath, type ParsedYaml } from '../util/yaml';
import { BUILTIN_LADDER } from './builtin';
import { Ladder } from './ladder';
import {
  CRITERION_ID,
  KNOWN_KEYS,
  LadderFileSchema,
  LadderSchema,
  type CriterionPatch,
  type LadderData,
  type LadderFile,
  type LevelPatch,
  type TrackPatch,
} from './schema';

/** Reads a workspace-relative file; undefined when it does not exist. */
export type ReadText = (path: string) => Promise<string | undefined>;

export interface LadderLoadResult {
  readonly ladder: Ladder;
  /** `builtin`, or the workspace-relative path of the custom ladder in force. */
  readonly source: string;
  /** Problems of the custom ladder file(s), each naming its file. Errors mean the built-in ladder is in force. */
  readonly problems: Problem[];
  /** Every file read while loading (the ladder file and what it extends), to watch for changes. */
  readonly files: string[];
}

export const MAX_LADDER_BYTES = 2 * 1024 * 1024;
const MAX_EXTENDS_DEPTH = 8;
const MAX_CRITERIA = 20_000;

let builtinCache: Ladder | undefined;

/** The built-in ladder (parsed and validated once). */
export function builtinLadder(): Ladder {
  builtinCache ??= new Ladder(LadderSchema.parse(BUILTIN_LADDER));
  return builtinCache;
}

/**
 * Loads the effective ladder: the custom ladder at `path` when it exists and is valid, else the built-in
 * one. A custom ladder either is a whole ladder or `extends: builtin` (or another ladder file) and adds,
 * overrides or removes levels and criteria by id. Never throws for bad input: problems say what is wrong.
 */
export async function loadLadder(path: string | undefined, read: ReadText): Promise<LadderLoadResult> {
  const builtin = builtinLadder();
  if (!path) return { ladder: builtin, source: 'builtin', problems: [], files: [] };
  const normalized = normalizeRelative(path);
  if (normalized === undefined) {
    return {
      ladder: builtin,
      source: 'builtin',
      problems: [problem('error', 'ladder-extends', `The ladder file "${path}" is outside the workspace; using the built-in ladder.`, undefined, { file: path })],
      files: [],
    };
  }
  const files: string[] = [];
  const problems: Problem[] = [];
  const text = await readSafely(read, normalized, problems);
  if (text === undefined) return { ladder: builtin, source: 'builtin', problems, files: [normalized] };
  const loaded = await loadFile(normalized, text, read, [normalized], problems, files);
  const hasErrors = problems.some((p) => p.severity === 'error');
  if (!loaded || hasErrors) return { ladder: builtin, source: 'builtin', problems, files };
  return { ladder: new Ladder(loaded), source: normalized, problems, files };
}

async function readSafely(read: ReadText, path: string, problems: Problem[]): Promise<string | undefined> {
  try {
    const text = await read(path);
    if (text !== undefined && text.length > MAX_LADDER_BYTES) {
      problems.push(problem('error', 'ladder-invalid', `The ladder file is larger than ${MAX_LADDER_BYTES / 1024 / 1024} MB; it was not read.`, undefined, { file: path }));
      return undefined;
    }
    return text;
  } catch (error) {
    problems.push(problem('error', 'ladder-invalid', `The ladder file could not be read: ${error instanceof Error ? error.message : String(error)}`, undefined, { file: path }));
    return undefined;
  }
}

/** Loads one file (and, recursively, what it extends) into a validated ladder, or undefined on errors. */
async function loadFile(
  path: string,
  text: string,
  read: ReadText,
  chain: string[],
  problems: Problem[],
  files: string[],
): Promise<LadderData | undefined> {
  files.push(path);
  const parsed = parseYaml(text.replace(/^\uFEFF/, ''), { limits: LADDER_YAML_LIMITS });
  const at = (p: Problem): Problem => ({ ...p, file: path });
  problems.push(...parsed.problems.map(at));
  if (parsed.problems.some((p) => p.severity === 'error')) return undefined;
  const raw = parsed.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(at(problem('error', 'ladder-invalid', 'A ladder file must be a YAML mapping with `name` and `tracks` (or `extends`).', rangeOfPath(parsed, []))));
    return undefined;
  }
  warnUnknownKeys(raw as Record<string, unknown>, parsed, (p) => problems.push(at(p)));

  let merged: unknown;
  const extendsValue = (raw as Record<string, unknown>)['extends'];
  if (extendsValue === undefined) {
    // A whole ladder: validated as one, so every problem has its place in this file.
    if ('remove' in raw) {
      problems.push(at(problem('error', 'ladder-invalid', '`remove` only makes sense with `extends`: a ladder that extends nothing has nothing to remove.', rangeOfPath(parsed, ['remove'], true))));
      return undefined;
    }
    merged = raw;
  } else {
    const fileResult = LadderFileSchema.safeParse(raw, { reportInput: true });
    if (!fileResult.success) {
      problems.push(...zodProblems(fileResult.error, parsed).map(at));
      return undefined;
    }
    const file = fileResult.data;
    const duplicates = duplicatePatchIds(file, parsed);
    problems.push(...duplicates.map(at));
    if (duplicates.length > 0) return undefined;
    const base = await resolveBase(file.extends!, path, parsed, read, chain, problems, files);
    if (!base) return undefined;
    merged = applyPatch(base, file, parsed, (p) => problems.push(at(p)));
  }

  const result = LadderSchema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    const located = extendsValue === undefined
      ? zodProblems(result.error, parsed)
      : result.error.issues.map((issue) => locateMergedIssue(issue, merged, parsed));
    problems.push(...located.map(at));
    return undefined;
  }
  const semantic = checkLadder(result.data, parsed);
  problems.push(...semantic.map(at));
  if (semantic.some((p) => p.severity === 'error')) return undefined;
  return result.data;
}

async function resolveBase(
  target: string,
  from: string,
  parsed: ParsedYaml,
  read: ReadText,
  chain: string[],
  problems: Problem[],
  files: string[],
): Promise<LadderData | undefined> {
  const where = rangeOfPath(parsed, ['extends']);
  const fail = (message: string) => {
    problems.push(problem('error', 'ladder-extends', message, where, { file: from }));
    return undefined;
  };
  if (target.trim().toLowerCase() === 'builtin') return structuredClone(builtinLadder().data);
  if (/^(?:[\\/]|[A-Za-z]:|~)/.test(target)) return fail(`extends: "${target}" is an absolute path; absolute paths are not allowed. Use "builtin" or a path relative to this file.`);
  const next = normalizeRelative(joinPath(dirname(from), target));
  if (next === undefined) return fail(`extends: "${target}" points outside the workspace.`);
  if (chain.includes(next)) return fail(`extends: cycle ${[...chain, next].join(' -> ')}; a ladder cannot extend itself.`);
  if (chain.length >= MAX_EXTENDS_DEPTH) return fail(`extends: more than ${MAX_EXTENDS_DEPTH} ladder files deep.`);
  const text = await readSafely(read, next, problems);
  if (text === undefined) {
    if (!problems.some((p) => p.file === next)) return fail(`extends: "${target}" was not found (looked for ${next}). Use "builtin" or a path relative to this file.`);
    return undefined;
  }
  const before = problems.length;
  const base = await loadFile(next, text, read, [...chain, next], problems, files);
  if (!base && problems.length === before) return fail(`extends: "${target}" is not a valid ladder.`);
  if (!base) problems.push(problem('error', 'ladder-extends', `extends: "${target}" has errors (see ${next}).`, where, { file: from }));
  return base ? structuredClone(base) : undefined;
}

/** Applies an extending file's patches to its base, by id. */
function applyPatch(base: LadderData, file: LadderFile, parsed: ParsedYaml, report: (p: Problem) => void): unknown {
  const out: Record<string, unknown> = { ...base };
  if (file.name !== undefined) out['name'] = file.name;
  if (file.description !== undefined) out['description'] = file.description;
  const tracks = base.tracks.map((t) => ({ ...t, levels: t.levels.map((l) => ({ ...l, criteria: [...l.criteria] })) })) as Array<Record<string, unknown>>;
  for (const patch of file.tracks ?? []) mergeTrack(tracks, patch);
  out['tracks'] = tracks;
  if (file.archetypes) out['archetypes'] = mergeById(base.archetypes, file.archetypes);
  if (file.specializations) out['specializations'] = mergeById(base.specializations, file.specializations);
  (file.remove ?? []).forEach((id, i) => {
    if (!removeId(tracks, id)) {
      report(problem('warning', 'ladder-reference', `remove[${i}]: no level or criterion "${id}" to remove.`, rangeOfPath(parsed, ['remove', i])));
    }
  });
  return out;
}

function mergeTrack(tracks: Array<Record<string, unknown>>, patch: TrackPatch): void {
  const { levels, ...fields } = patch;
  let track = tracks.find((t) => t['id'] === patch.id);
  if (!track) {
    track = { ...fields, levels: [] };
    tracks.push(track);
  } else {
    Object.assign(track, defined(fields));
  }
  const trackLevels = track['levels'] as Array<Record<string, unknown>>;
  for (const levelPatch of levels ?? []) mergeLevel(trackLevels, levelPatch);
}

function mergeLevel(levels: Array<Record<string, unknown>>, patch: LevelPatch): void {
  const { criteria, ...fields } = patch;
  let level = levels.find((l) => l['id'] === patch.id);
  if (!level) {
    level = { ...fields, criteria: [] };
    levels.push(level);
  } else {
    Object.assign(level, defined(fields));
  }
  const list = level['criteria'] as Array<Record<string, unknown>>;
  for (const c of criteria ?? []) mergeCriterion(list, c);
}

function mergeCriterion(list: Array<Record<string, unknown>>, patch: CriterionPatch): void {
  const existing = list.find((c) => c['id'] === patch.id);
  if (existing) Object.assign(existing, defined(patch));
  else list.push({ ...patch });
}

function mergeById<T extends { id: string }>(base: readonly T[], patch: readonly T[]): T[] {
  const out = base.map((x) => ({ ...x }));
  for (const item of patch) {
    const i = out.findIndex((x) => x.id === item.id);
    if (i >= 0) out[i] = { ...out[i]!, ...defined(item) };
    else out.push(item);
  }
  return out;
}

function removeId(tracks: Array<Record<string, unknown>>, id: string): boolean {
  for (const track of tracks) {
    const levels = track['levels'] as Array<Record<string, unknown>>;
    const li = levels.findIndex((l) => l['id'] === id);
    if (li >= 0) {
      levels.splice(li, 1);
      return true;
    }
    for (const level of levels) {
      const criteria = level['criteria'] as Array<Record<string, unknown>>;
      const ci = criteria.findIndex((c) => c['id'] === id);
      if (ci >= 0) {
        criteria.splice(ci, 1);
        return true;
      }
    }
  }
  return false;
}

/** In an extending file two patches with one id would silently merge; say so instead. */
function duplicatePatchIds(file: LadderFile, parsed: ParsedYaml): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  (file.tracks ?? []).forEach((track, ti) => {
    (track.levels ?? []).forEach((level, li) => {
      const levelKey = `level:${level.id}`;
      if (seen.has(levelKey)) {
        const path = ['tracks', ti, 'levels', li, 'id'];
        problems.push(problem('error', 'ladder-duplicate-id', `${formatPath(path)}: duplicate id ${level.id}`, rangeOfPath(parsed, path)));
      }
      seen.add(levelKey);
      (level.criteria ?? []).forEach((criterion, ci) => {
        if (seen.has(criterion.id)) {
          const path = ['tracks', ti, 'levels', li, 'criteria', ci, 'id'];
          problems.push(problem('error', 'ladder-duplicate-id', `${formatPath(path)}: duplicate id ${criterion.id}`, rangeOfPath(parsed, path)));
        }
        seen.add(criterion.id);
      });
    });
  });
  return problems;
}

function defined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Semantic rules zod cannot express: unique ids, equivalences that exist, id prefixes. */
function checkLadder(ladder: LadderData, parsed: ParsedYaml): Problem[] {
  const problems: Problem[] = [];
  const levelIds = new Map<string, string>();
  const criterionIds = new Set<string>();
  const occurrences = new Map<string, number>();
  let criteriaCount = 0;
  const error = (message: string, id: string, code: Problem['code'] = 'ladder-invalid') => {
    const { path, range } = locateId(parsed, id);
    problems.push(problem('error', code, path ? `${path}: ${message}` : message, range));
  };
  for (const track of ladder.tracks) {
    for (const level of track.levels) {
      for (const code of [level.id, ...level.aliases]) {
        const key = code.toUpperCase();
        const owner = levelIds.get(key);
        if (owner !== undefined) {
          error(`duplicate level id or alias ${code} (also used by ${owner})`, level.id, 'ladder-duplicate-id');
        } else {
          levelIds.set(key, `${track.id}.${level.id}`);
        }
      }
      for (const criterion of level.criteria) {
        criteriaCount++;
        const seenBefore = occurrences.get(criterion.id) ?? 0;
        occurrences.set(criterion.id, seenBefore + 1);
        if (criterionIds.has(criterion.id)) {
          // The n-th occurrence in the file is the n-th duplicate reported (not always the last one).
          const dup = locateId(parsed, criterion.id, seenBefore);
          problems.push(problem('error', 'ladder-duplicate-id', `${dup.path ? `${dup.path}: ` : ''}duplicate id ${criterion.id}`, dup.range));
        }
        criterionIds.add(criterion.id);
        const [trackPart, levelPart] = criterion.id.split('.');
        if (trackPart !== track.id || levelPart !== level.id) {
          const { path, range } = locateId(parsed, criterion.id);
          problems.push(
            problem('warning', 'ladder-invalid', `${path ? `${path}: ` : ''}id ${criterion.id} is under ${track.id}.${level.id}; ids usually start with ${track.id}.${level.id}.`, range),
          );
        }
      }
    }
  }
  if (criteriaCount > MAX_CRITERIA) {
    problems.push(problem('error', 'ladder-invalid', `The ladder has ${criteriaCount} criteria; at most ${MAX_CRITERIA} are supported.`));
  }
  for (const track of ladder.tracks) {
    for (const level of track.levels) {
      if (!level.equivalent) continue;
      const owner = levelIds.get(level.equivalent.toUpperCase());
      if (owner === undefined) {
        error(`equivalent: no level "${level.equivalent}"${suggest(level.equivalent, [...levelIds.keys()])}`, level.id, 'ladder-reference');
      } else if (owner.startsWith(`${track.id}.`)) {
        error(`equivalent: ${level.equivalent} is on the same track; an equivalent is a level of another track`, level.id, 'ladder-reference');
      }
    }
  }
  return problems;
}

function suggest(value: string, known: string[]): string {
  const near = nearest(value, known, 1);
  return near.length > 0 ? ` (did you mean ${near[0]}?)` : '';
}

/**
 * Where an object with `id` sits in the file: its path (`tracks[0].levels[3].criteria[3].id`) and range.
 * With `last`, the last occurrence (the duplicate, not the original).
 */
function locateId(parsed: ParsedYaml, id: string, last: boolean | number = false): { path: string; range: Range } {
  const found = idPaths(parsed).get(id) ?? [];
  const path = typeof last === 'number' ? found[Math.min(last, found.length - 1)] : last ? found[found.length - 1] : found[0];
  if (!path) return { path: '', range: rangeOfPath(parsed, []) };
  return { path: formatPath(path), range: rangeOfPath(parsed, path) };
}

const idPathCache = new WeakMap<ParsedYaml, Map<string, Array<(string | number)[]>>>();

/**
 * Every `id:` in the file with its paths, in document order, walked once per file: looking each problem's
 * id up by walking the whole file again was quadratic (a ladder with thousands of duplicate ids: minutes).
 */
function idPaths(parsed: ParsedYaml): Map<string, Array<(string | number)[]>> {
  let paths = idPathCache.get(parsed);
  if (paths) return paths;
  const found = new Map<string, Array<(string | number)[]>>();
  const stack: Array<[unknown, (string | number)[]]> = [[parsed.value, []]];
  const ordered: Array<[string, (string | number)[]]> = [];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i]]);
    } else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      const id = obj['id'];
      if (typeof id === 'string') ordered.push([id, [...path, 'id']]);
      const entries = Object.entries(obj);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i]!;
        if (v && typeof v === 'object') stack.push([v, [...path, k]]);
      }
    }
  }
  for (const [id, path] of ordered) {
    const list = found.get(id);
    if (list) list.push(path);
    else found.set(id, [path]);
  }
  paths = found;
  idPathCache.set(parsed, paths);
  return paths;
}

function zodProblems(error: zc.$ZodError, parsed: ParsedYaml): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path as (string | number)[];
    return problem('error', 'ladder-invalid', `${path.length ? `${formatPath(path)}: ` : ''}${describeIssue(issue)}`, rangeOfPath(parsed, path));
  });
}

/** An issue found in the merged ladder, reported at the patch in the file that caused it. */
function locateMergedIssue(issue: zc.$ZodIssue, merged: unknown, parsed: ParsedYaml): Problem {
  const path = issue.path as (string | number)[];
  // The nearest object on the path that has an id names the level or criterion at fault.
  let node: unknown = merged;
  let owner: { id: string; rest: (string | number)[] } | undefined;
  path.forEach((part, i) => {
    node = (node as Record<string | number, unknown> | undefined)?.[part];
    const id = (node as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') owner = { id, rest: path.slice(i + 1) };
  });
  if (owner) {
    const { path: filePath, range } = locateId(parsed, owner.id);
    const prefix = filePath ? filePath.replace(/\.id$/, '') : `"${owner.id}"`;
    const suffix = owner.rest.length ? `.${formatPath(owner.rest)}` : '';
    return problem('error', 'ladder-invalid', `${prefix}${suffix}: ${describeIssue(issue)}`, range);
  }
  return problem('error', 'ladder-invalid', `${path.length ? `${formatPath(path)}: ` : ''}${describeIssue(issue)}`, rangeOfPath(parsed, []));
}

function describeIssue(issue: zc.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    if (received === undefined) return `required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${Array.isArray(received) ? 'list' : received === null ? 'null' : typeof received}`;
  }
  return issue.message;
}

function warnUnknownKeys(raw: Record<string, unknown>, parsed: ParsedYaml, report: (p: Problem) => void): void {
  const check = (obj: unknown, known: readonly string[], path: (string | number)[]) => {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return;
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        const near = nearest(key, known, 1);
        report(
          problem('warning', 'ladder-unknown-key', `${formatPath([...path, key])}: unknown key "${key}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}; it is ignored.`, rangeOfPath(parsed, [...path, key], true)),
        );
      }
    }
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  check(raw, KNOWN_KEYS.ladder, []);
  list(raw['tracks']).forEach((t, ti) => {
    check(t, KNOWN_KEYS.track, ['tracks', ti]);
    list((t as Record<string, unknown> | null)?.['levels']).forEach((l, li) => {
      check(l, KNOWN_KEYS.level, ['tracks', ti, 'levels', li]);
      list((l as Record<string, unknown> | null)?.['criteria']).forEach((c, ci) => {
        check(c, KNOWN_KEYS.criterion, ['tracks', ti, 'levels', li, 'criteria', ci]);
      });
    });
  });
  list(raw['archetypes']).forEach((a, i) => check(a, KNOWN_KEYS.archetype, ['archetypes', i]));
  list(raw['specializations']).forEach((s, i) => check(s, KNOWN_KEYS.specialization, ['specializations', i]));
}

export { CRITERION_ID };
