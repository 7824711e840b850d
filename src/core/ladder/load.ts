import type * as zc from 'zod/v4/core';
import { problem, type Problem, type Range } from '../problems';
import { dirname, joinPath, normalizeRelative } from '../util/paths';
import { nearest } from '../util/text';
import { shippedData } from '../data/shipped';
import { formatPath, LADDER_YAML_LIMITS, parseYaml, rangeOfPath, type ParsedYaml } from '../util/yaml';
import { Ladder, type LevelRef } from './ladder';
import {
  CRITERION_ID,
  KNOWN_KEYS,
  LEVEL_ID_RULE,
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

export interface LadderLoadOptions {
  /**
   * Resolves `extends: target` written in the file `from` to the path to read, or undefined when it
   * lies outside every workspace folder. Without it (one folder) paths are resolved inside the
   * workspace. A multi-root window passes {@link resolveAcrossRoots}, so a ladder may extend a file of
   * another workspace folder.
   */
  readonly resolve?: (from: string, target: string) => string | undefined;
}

interface LoaderIo extends LadderLoadOptions {
  readonly read: ReadText;
}

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
  builtinCache ??= new Ladder(LadderSchema.parse(shippedData().ladder));
  return builtinCache;
}

/**
 * Loads the effective ladder: the custom ladder at `path` when it exists and is valid, else the built-in
 * one. A custom ladder either is a whole ladder or `extends: builtin` (or another ladder file) and adds,
 * overrides or removes levels and criteria by id. Never throws for bad input: problems say what is wrong.
 */
export async function loadLadder(path: string | undefined, read: ReadText, options: LadderLoadOptions = {}): Promise<LadderLoadResult> {
  const builtin = builtinLadder();
  if (!path) return { ladder: builtin, source: 'builtin', problems: [], files: [] };
  const normalized = normalizeRelative(path);
  if (normalized === undefined) {
    return {
      ladder: builtin,
      source: 'builtin',
      problems: [
        problem('error', 'ladder-extends', `The ladder file "${path}" is outside the workspace; using the built-in ladder.`, undefined, { file: path }),
      ],
      files: [],
    };
  }
  const files: string[] = [];
  const problems: Problem[] = [];
  const text = await readSafely(read, normalized, problems);
  if (text === undefined) return { ladder: builtin, source: 'builtin', problems, files: [normalized] };
  const loaded = await loadFile(normalized, text, { read, ...options }, [normalized], problems, files);
  const hasErrors = problems.some((p) => p.severity === 'error');
  if (!loaded || hasErrors) return { ladder: builtin, source: 'builtin', problems, files };
  return { ladder: new Ladder(loaded), source: normalized, problems, files };
}

async function readSafely(read: ReadText, path: string, problems: Problem[]): Promise<string | undefined> {
  try {
    const text = await read(path);
    if (text !== undefined && text.length > MAX_LADDER_BYTES) {
      problems.push(
        problem('error', 'ladder-invalid', `The ladder file is larger than ${MAX_LADDER_BYTES / 1024 / 1024} MB; it was not read.`, undefined, { file: path }),
      );
      return undefined;
    }
    return text;
  } catch (error) {
    problems.push(
      problem('error', 'ladder-invalid', `The ladder file could not be read: ${error instanceof Error ? error.message : String(error)}`, undefined, {
        file: path,
      }),
    );
    return undefined;
  }
}

/** Loads one file (and, recursively, what it extends) into a validated ladder, or undefined on errors. */
async function loadFile(
  path: string,
  text: string,
  readFile: LoaderIo,
  chain: string[],
  problems: Problem[],
  files: string[],
): Promise<LadderData | undefined> {
  const source = text.replace(/^\uFEFF/, '');
  files.push(path);
  const parsed = parseYaml(source, { limits: LADDER_YAML_LIMITS });
  const at = (p: Problem): Problem => ({ ...p, file: path });
  problems.push(...firstSyntaxErrors(parsed.problems, text).map(at));
  if (parsed.problems.some((p) => p.severity === 'error')) return undefined;
  const raw = parsed.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(
      at(problem('error', 'ladder-invalid', 'A ladder file must be a YAML mapping with `name` and `tracks` (or `extends`).', rangeOfPath(parsed, []))),
    );
    return undefined;
  }
  warnUnknownKeys(raw as Record<string, unknown>, parsed, (p) => problems.push(at(p)));

  let merged: unknown;
  const extendsValue = (raw as Record<string, unknown>)['extends'];
  if (extendsValue === undefined) {
    // A whole ladder: validated as one, so every problem has its place in this file.
    if ('remove' in raw) {
      problems.push(
        at(
          problem(
            'error',
            'ladder-invalid',
            '`remove` only makes sense with `extends`: a ladder that extends nothing has nothing to remove.',
            rangeOfPath(parsed, ['remove'], true),
          ),
        ),
      );
      return undefined;
    }
    merged = raw;
  } else {
    const fileResult = LadderFileSchema.safeParse(raw, { reportInput: true });
    if (!fileResult.success) {
      problems.push(...zodProblems(withoutFollowOns(fileResult.error.issues), parsed).map(at));
      return undefined;
    }
    const file = fileResult.data;
    const duplicates = duplicatePatchIds(file, parsed);
    problems.push(...duplicates.map(at));
    if (duplicates.length > 0) return undefined;
    const base = await resolveBase(file.extends!, path, parsed, readFile, chain, problems, files);
    if (!base) return undefined;
    merged = applyPatch(base, file, parsed, (p) => problems.push(at(p)));
  }

  const result = LadderSchema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    const issues = withoutFollowOns(result.error.issues);
    const located = extendsValue === undefined ? zodProblems(issues, parsed) : issues.map((issue) => locateMergedIssue(issue, merged, parsed));
    problems.push(...located.map(at));
    return undefined;
  }
  const semantic = checkLadder(result.data, parsed, extendsValue !== undefined);
  problems.push(...semantic.map(at));
  if (semantic.some((p) => p.severity === 'error')) return undefined;
  return result.data;
}

/** YAML errors shown one by one; past these, one line says how many more (they mostly follow from the first). */
export const MAX_SYNTAX_ERRORS = 3;

/**
 * The first few YAML errors and a count of the rest: one tab or one bad indent makes the parser report
 * every line after it, and twenty errors hide the one that matters.
 */
function firstSyntaxErrors(found: readonly Problem[], text: string): Problem[] {
  const errors = found.filter((p) => p.severity === 'error');
  if (errors.length <= MAX_SYNTAX_ERRORS) return [...found];
  const shown = errors.slice(0, MAX_SYNTAX_ERRORS);
  const rest = errors.length - shown.length;
  let tabLines = 0;
  for (const line of text.split('\n')) if (/^ *\t/.test(line)) tabLines++;
  const hint =
    tabLines > 0
      ? ` ${tabLines} line${tabLines === 1 ? ' is' : 's are'} indented with tabs: YAML needs spaces (most editors convert with "Convert Indentation to Spaces").`
      : ' Fix the first one and the others often go away.';
  const last = errors[errors.length - 1]!;
  return [
    ...shown,
    problem('error', 'yaml-syntax', `...and ${rest} more YAML error${rest === 1 ? '' : 's'} after these, most likely caused by the first.${hint}`, {
      start: shown[shown.length - 1]!.range.end,
      end: last.range.end,
    }),
    ...found.filter((p) => p.severity !== 'error'),
  ];
}

async function resolveBase(
  target: string,
  from: string,
  parsed: ParsedYaml,
  io: LoaderIo,
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
  if (/^(?:[\\/]|[A-Za-z]:|~)/.test(target))
    return fail(`extends: "${target}" is an absolute path; absolute paths are not allowed. Use "builtin" or a path relative to this file.`);
  const next = io.resolve ? io.resolve(from, target) : normalizeRelative(joinPath(dirname(from), target));
  if (next === undefined) {
    return fail(
      io.resolve
        ? `extends: "${target}" points outside every folder of this workspace; ladder files are only read inside them. Add the folder that holds it to the workspace (File > Add Folder to Workspace...), or copy its ladder file into one of the folders.`
        : `extends: "${target}" points outside the workspace; ladder files are only read inside it. Open a folder that holds both (the team's notes and the handbook), add the handbook's repository inside this one (e.g. a git submodule), or copy its ladder file in.`,
    );
  }
  if (chain.includes(next)) return fail(`extends: cycle ${[...chain, next].join(' -> ')}; a ladder cannot extend itself.`);
  if (chain.length >= MAX_EXTENDS_DEPTH) return fail(`extends: more than ${MAX_EXTENDS_DEPTH} ladder files deep.`);
  const text = await readSafely(io.read, next, problems);
  if (text === undefined) {
    if (!problems.some((p) => p.file === next))
      return fail(`extends: "${target}" was not found (looked for ${next}). Use "builtin" or a path relative to this file.`);
    return undefined;
  }
  const before = problems.length;
  const base = await loadFile(next, text, io, [...chain, next], problems, files);
  if (!base && problems.length === before) return fail(`extends: "${target}" is not a valid ladder.`);
  if (!base) problems.push(problem('error', 'ladder-extends', `extends: "${target}" has errors (see ${next}).`, where, { file: from }));
  return base ? structuredClone(base) : undefined;
}

/** Applies an extending file's patches to its base, by id. A patch that names nothing to change and cannot add is reported, not merged. */
function applyPatch(base: LadderData, file: LadderFile, parsed: ParsedYaml, report: (p: Problem) => void): unknown {
  const out: Record<string, unknown> = { ...base };
  if (file.name !== undefined) out['name'] = file.name;
  if (file.description !== undefined) out['description'] = file.description;
  const tracks = base.tracks.map((t) => ({ ...t, levels: t.levels.map((l) => ({ ...l, aliases: [...l.aliases], criteria: [...l.criteria] })) })) as Array<
    Record<string, unknown>
  >;
  // Every criterion id of the base, for "did you mean" on a misspelled one (a set: one look-up per patch).
  const baseCriteria = new Set<string>();
  for (const t of base.tracks) for (const l of t.levels) for (const c of l.criteria) baseCriteria.add(c.id);
  const ctx: PatchContext = { parsed, report, baseCriteria, suggestions: 0 };
  (file.tracks ?? []).forEach((patch, ti) => mergeTrack(tracks, patch, ti, ctx));
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

interface PatchContext {
  readonly parsed: ParsedYaml;
  readonly report: (p: Problem) => void;
  readonly baseCriteria: ReadonlySet<string>;
  /** "Did you mean" look-ups made so far: bounded, so thousands of misspelled ids stay linear. */
  suggestions: number;
}

const MAX_SUGGESTIONS = 50;

function didYouMean(ctx: PatchContext, value: string, known: () => Iterable<string>): string {
  if (ctx.suggestions++ >= MAX_SUGGESTIONS) return '';
  const near = nearest(value, known(), 1);
  return near.length ? `; did you mean \`${near[0]}\`?` : '';
}

function mergeTrack(tracks: Array<Record<string, unknown>>, patch: TrackPatch, ti: number, ctx: PatchContext): void {
  const { levels, ...fields } = patch;
  let track = tracks.find((t) => t['id'] === patch.id);
  const path = ['tracks', ti];
  if (!track) {
    if (patch.title === undefined) {
      // A misspelled track id would otherwise become a new track and fail on every field it lacks.
      ctx.report(
        problem(
          'error',
          'ladder-reference',
          `${formatPath([...path, 'id'])}: no track \`${patch.id}\` in the ladder this file extends${didYouMean(ctx, patch.id, () => tracks.map((t) => String(t['id'])))} (to add a track, give it a title and levels)`,
          rangeOfPath(ctx.parsed, [...path, 'id']),
        ),
      );
      return;
    }
    track = { ...fields, levels: [] };
    tracks.push(track);
  } else {
    Object.assign(track, defined(fields));
  }
  const trackLevels = track['levels'] as Array<Record<string, unknown>>;
  const isNewTrack = trackLevels.length === 0;
  (levels ?? []).forEach((levelPatch, li) => mergeLevel(trackLevels, String(track['id']), levelPatch, [...path, 'levels', li], isNewTrack, ctx));
}

function mergeLevel(
  levels: Array<Record<string, unknown>>,
  trackId: string,
  patch: LevelPatch,
  path: (string | number)[],
  isNewTrack: boolean,
  ctx: PatchContext,
): void {
  const { criteria, after, before, replaceAliases, aliases, ...fields } = patch;
  const { parsed, report } = ctx;
  const at = (key: string) => rangeOfPath(parsed, [...path, key]);
  let level = levels.find((l) => l['id'] === patch.id);
  const isNew = !level;
  if (!level) {
    if (patch.title === undefined) {
      report(
        problem(
          'error',
          'ladder-reference',
          `${formatPath([...path, 'id'])}: no level \`${patch.id}\` on track \`${trackId}\`${didYouMean(ctx, patch.id, () => levels.map((l) => String(l['id'])))} (to add a level, give it a title and criteria)`,
          at('id'),
        ),
      );
      return;
    }
    level = { ...fields, aliases: aliases ?? [], criteria: [] };
  } else {
    Object.assign(level, defined(fields));
    if (aliases !== undefined) {
      // Aliases merge: adding `SWE3` must not make `E3` stop resolving. `replaceAliases: true` replaces.
      const list = replaceAliases ? [] : [...(level['aliases'] as string[])];
      for (const alias of aliases) if (!list.some((a) => a.toUpperCase() === alias.toUpperCase())) list.push(alias);
      level['aliases'] = list;
    }
  }
  if (after !== undefined && before !== undefined) {
    report(problem('error', 'ladder-invalid', `${formatPath(path)}: give \`after\` or \`before\`, not both`, at('before')));
    return;
  }
  const anchor = after ?? before;
  if (anchor !== undefined) {
    const others = levels.filter((l) => l !== level);
    const i = others.findIndex((l) => String(l['id']).toUpperCase() === anchor.toUpperCase());
    if (i < 0) {
      const key = after !== undefined ? 'after' : 'before';
      report(
        problem(
          'error',
          'ladder-reference',
          `${formatPath([...path, key])}: no level \`${anchor}\` on track \`${trackId}\`${didYouMean(ctx, anchor, () => others.map((l) => String(l['id'])))}`,
          at(key),
        ),
      );
      return;
    }
    if (!isNew) levels.splice(levels.indexOf(level), 1);
    levels.splice(after !== undefined ? i + 1 : i, 0, level);
  } else if (isNew) {
    const top = levels[levels.length - 1];
    levels.push(level);
    if (top && !isNewTrack) {
      report(
        problem(
          'warning',
          'ladder-reference',
          `${formatPath([...path, 'id'])}: level ${patch.id} is added above ${String(top['id'])}, the top of track \`${trackId}\`; if it belongs lower, say where with \`after: <level>\` or \`before: <level>\` (\`after: ${String(top['id'])}\` keeps it at the top and silences this)`,
          at('id'),
        ),
      );
    }
  }
  const list = level['criteria'] as Array<Record<string, unknown>>;
  (criteria ?? []).forEach((c, ci) => mergeCriterion(list, c, [...path, 'criteria', ci], ctx));
}

function mergeCriterion(list: Array<Record<string, unknown>>, patch: CriterionPatch, path: (string | number)[], ctx: PatchContext): void {
  const existing = list.find((c) => c['id'] === patch.id);
  if (existing) {
    Object.assign(existing, defined(patch));
    return;
  }
  if (patch.area === undefined || patch.title === undefined) {
    // Not in the base and not a whole criterion: most often a misspelled id of an existing one.
    const missing = [patch.area === undefined && 'area', patch.title === undefined && 'title'].filter(Boolean).join(' and ');
    ctx.report(
      problem(
        'error',
        'ladder-reference',
        `${formatPath([...path, 'id'])}: no criterion \`${patch.id}\`${didYouMean(ctx, patch.id, () => (list.length ? list.map((c) => String(c['id'])) : ctx.baseCriteria))} (to add one, give area and title; ${missing} missing)`,
        rangeOfPath(ctx.parsed, [...path, 'id']),
      ),
    );
    return;
  }
  list.push({ ...patch });
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
  const dot = id.indexOf('.');
  const scoped = dot > 0 && dot === id.lastIndexOf('.') ? { track: id.slice(0, dot), level: id.slice(dot + 1) } : undefined;
  for (const track of tracks) {
    const levels = track['levels'] as Array<Record<string, unknown>>;
    const li = scoped ? (track['id'] === scoped.track ? levels.findIndex((l) => l['id'] === scoped.level) : -1) : levels.findIndex((l) => l['id'] === id);
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
      const levelKey = `level:${track.id}.${level.id.toUpperCase()}`;
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

/**
 * Where a level of the checked ladder is written in this file: its path (`tracks[1].levels[2]`), or
 * undefined when the file does not name it (a level of the ladder it extends).
 */
function levelLocator(
  parsed: ParsedYaml,
  extending: boolean,
): (ti: number, li: number, trackId: string, levelId: string, nth: number) => (string | number)[] | undefined {
  if (!extending) return (ti, li) => ['tracks', ti, 'levels', li];
  const index = new Map<string, (string | number)[][]>();
  const raw = parsed.value as { tracks?: unknown } | null;
  if (raw && Array.isArray(raw.tracks)) {
    raw.tracks.forEach((t: unknown, ti) => {
      const track = t as { id?: unknown; levels?: unknown } | null;
      if (!track || typeof track.id !== 'string' || !Array.isArray(track.levels)) return;
      track.levels.forEach((l: unknown, li) => {
        const id = (l as { id?: unknown } | null)?.id;
        if (typeof id !== 'string') return;
        const key = `${track.id as string}.${id.toUpperCase()}`;
        const list = index.get(key) ?? [];
        list.push(['tracks', ti, 'levels', li]);
        index.set(key, list);
      });
    });
  }
  return (_ti, _li, trackId, levelId, nth) => {
    const list = index.get(`${trackId}.${levelId.toUpperCase()}`);
    return list ? list[Math.min(nth, list.length - 1)] : undefined;
  };
}

/** Semantic rules zod cannot express: unique ids, references that exist, id prefixes, levels with criteria. */
function checkLadder(ladder: LadderData, parsed: ParsedYaml, extending: boolean): Problem[] {
  const problems: Problem[] = [];
  const criterionIds = new Set<string>();
  const occurrences = new Map<string, number>();
  const locate = levelLocator(parsed, extending);
  const model = new Ladder(ladder);
  let criteriaCount = 0;
  /** A problem at a level (or a key of it); at the file's top when this file does not name the level. */
  const atLevel = (
    severity: Problem['severity'],
    code: Problem['code'],
    where: (string | number)[] | undefined,
    key: string | undefined,
    label: string,
    message: string,
  ) => {
    if (where) {
      const path = key ? [...where, key] : [...where, 'id'];
      problems.push(problem(severity, code, `${formatPath(key ? path : where)}: ${message}`, rangeOfPath(parsed, path, key !== undefined && key !== 'id')));
    } else {
      problems.push(problem(severity, code, `${label}: ${message}`, rangeOfPath(parsed, [])));
    }
  };
  const trackIds = new Set<string>();
  ladder.tracks.forEach((track, ti) => {
    if (trackIds.has(track.id)) {
      problems.push(problem('error', 'ladder-duplicate-id', `tracks[${ti}].id: duplicate track id ${track.id}`, rangeOfPath(parsed, ['tracks', ti, 'id'])));
    }
    trackIds.add(track.id);
    // Level ids and aliases are unique within a track; other tracks may reuse them (IC1...IC7 per discipline).
    const codes = new Map<string, string>();
    const seenIds = new Map<string, number>();
    track.levels.forEach((level, li) => {
      const nth = seenIds.get(level.id.toUpperCase()) ?? 0;
      seenIds.set(level.id.toUpperCase(), nth + 1);
      const where = locate(ti, li, track.id, level.id, nth);
      [level.id, ...level.aliases].forEach((code, ci) => {
        const key = code.toUpperCase();
        const owner = codes.get(key);
        if (owner !== undefined) {
          const isId = ci === 0;
          atLevel(
            'error',
            'ladder-duplicate-id',
            where,
            isId ? 'id' : 'aliases',
            `${track.id}.${level.id}`,
            `duplicate level ${isId ? 'id' : 'alias'} ${code} on track ${track.id} (already used by ${owner})`,
          );
        } else {
          codes.set(key, level.id === code ? `level ${level.id}` : `level ${level.id} as an alias`);
        }
      });
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
            problem(
              'warning',
              'ladder-invalid',
              `${path ? `${path}: ` : ''}id ${criterion.id} is under ${track.id}.${level.id}; ids usually start with ${track.id}.${level.id}.`,
              range,
            ),
          );
        }
      }
      if (model.criteriaOf(level).length === 0) {
        // A level without criteria can never be evidenced; most often `criteria` was misspelled.
        const raw = where ? valueAt(parsed.value, where) : undefined;
        const typo =
          raw && typeof raw === 'object'
            ? Object.keys(raw).find((k) => k !== 'criteria' && !KNOWN_KEYS.levelPatch.includes(k) && nearest(k, ['criteria'], 1).length > 0)
            : undefined;
        const below = level.carryForward ? ' (and the levels below it have none to carry forward)' : '';
        atLevel(
          'error',
          'ladder-invalid',
          where,
          typo,
          `${track.id}.${level.id}`,
          typo
            ? `level ${level.id} has no criteria: \`${typo}\` is not a key; did you mean \`criteria\`?`
            : `level ${level.id} has no criteria${below}; give it \`criteria:\`${level.carryForward ? '' : ', or `carryForward: true` to keep the criteria of the level below'}`,
        );
      }
    });
  });
  if (criteriaCount > MAX_CRITERIA) {
    problems.push(problem('error', 'ladder-invalid', `The ladder has ${criteriaCount} criteria; at most ${MAX_CRITERIA} are supported.`));
  }
  let allLevelIds: string[] | undefined;
  const levelIds = () => (allLevelIds ??= [...new Set(ladder.tracks.flatMap((t) => t.levels.map((l) => l.id)))]);
  let suggestions = 0;
  const hint = (value: string, known: () => string[]) => {
    if (suggestions++ >= MAX_SUGGESTIONS) return '';
    const near = nearest(value, known(), 1);
    return near.length ? ` (did you mean ${near[0]}?)` : '';
  };
  ladder.tracks.forEach((track, ti) => {
    const seenIds = new Map<string, number>();
    track.levels.forEach((level, li) => {
      const nth = seenIds.get(level.id.toUpperCase()) ?? 0;
      seenIds.set(level.id.toUpperCase(), nth + 1);
      if (!level.equivalent) return;
      const where = locate(ti, li, track.id, level.id, nth);
      const report = (message: string) => atLevel('error', 'ladder-reference', where, 'equivalent', `${track.id}.${level.id}`, message);
      const eq = level.equivalent;
      const qualified = eq.indexOf('.') > 0;
      const found = qualified ? model.level(eq) : undefined;
      const elsewhere = qualified ? (found ? [found.track] : []) : model.tracksWithLevel(eq).filter((t) => t.id !== track.id);
      if (qualified && !found) {
        report(`no level "${eq}"${hint(eq, () => ladder.tracks.flatMap((t) => t.levels.map((l) => `${t.id}.${l.id}`)))}`);
      } else if (elsewhere.length === 0 || (found && found.track.id === track.id)) {
        if (model.tracksWithLevel(eq).some((t) => t.id === track.id)) report(`${eq} is on the same track; an equivalent is a level of another track`);
        else report(`no level "${eq}"${hint(eq, levelIds)}`);
      }
    });
    if (track.from !== undefined) {
      const where = ['tracks', ti, 'from'];
      const fork = model.forkLevel(track);
      const fail = (message: string) =>
        problems.push(
          problem(
            'error',
            'ladder-reference',
            `${extending ? `track ${track.id}` : `tracks[${ti}]`}.from: ${message}`,
            rangeOfPath(parsed, extending ? [] : where),
          ),
        );
      if (!fork) {
        if (model.tracksWithLevel(track.from).some((t) => t.id === track.id) && model.tracksWithLevel(track.from).length === 1)
          fail(`${track.from} is on this track; a track starts from a level of another track`);
        else fail(`no level "${track.from}" on another track${hint(track.from, levelIds)}`);
      } else {
        // A chain of `from` must end: a -> b -> a would be a trunk without a root.
        const seen = new Set<string>([track.id]);
        let at: LevelRef | undefined = fork;
        while (at) {
          if (seen.has(at.track.id)) {
            fail(`the tracks start from each other (${[...seen, at.track.id].join(' -> ')}); one of them must be the trunk`);
            break;
          }
          seen.add(at.track.id);
          at = model.forkLevel(at.track);
        }
      }
    }
  });
  return problems;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const part of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
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

/**
 * Issues that only repeat another: a level id such as `senior-1` makes every criterion id under it
 * (`ic.senior-1.x`) malformed too; the one message at the level id says it all.
 */
function withoutFollowOns(issues: readonly zc.$ZodIssue[]): zc.$ZodIssue[] {
  const badLevels = new Map<string, string>();
  for (const issue of issues) {
    const p = issue.path;
    if (p.length === 5 && p[0] === 'tracks' && p[2] === 'levels' && p[4] === 'id' && typeof (issue as { input?: unknown }).input === 'string') {
      badLevels.set(`${String(p[1])}/${String(p[3])}`, (issue as { input?: unknown }).input as string);
    }
  }
  if (badLevels.size === 0) return [...issues];
  return issues.filter((issue) => {
    const p = issue.path;
    if (!(p.length === 7 && p[0] === 'tracks' && p[2] === 'levels' && p[4] === 'criteria' && p[6] === 'id')) return true;
    const bad = badLevels.get(`${String(p[1])}/${String(p[3])}`);
    const id = (issue as { input?: unknown }).input;
    if (bad === undefined || typeof id !== 'string') return true;
    const first = id.indexOf('.');
    const last = id.lastIndexOf('.');
    return !(first > 0 && last > first && id.slice(first + 1, last) === bad);
  });
}

function zodProblems(issues: readonly zc.$ZodIssue[], parsed: ParsedYaml): Problem[] {
  return issues.map((issue) => {
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
  const input = (issue as { input?: unknown }).input;
  if (issue.message === LEVEL_ID_RULE && typeof input === 'string') {
    // Say which characters are the trouble, and what the id could be instead.
    const bad = [...new Set([...input].filter((c) => !/[A-Za-z0-9+]/.test(c)))].map((c) => (c === ' ' ? 'a space' : `\`${c}\``));
    const fixed = input.replace(/[^A-Za-z0-9+]/g, '');
    const start = /^[A-Za-z]/.test(input) ? '' : 'it does not start with a letter';
    const why = [bad.length ? `\`${input}\` has ${bad.join(', ')}` : '', start].filter(Boolean).join('; ');
    const instead = /^[A-Za-z]/.test(fixed) ? ` (\`${fixed.toUpperCase()}\` would do)` : '';
    return `${LEVEL_ID_RULE}: ${why || `\`${input}\` is not one`}${instead}`;
  }
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    if (received === undefined) return `required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${Array.isArray(received) ? 'list' : received === null ? 'null' : typeof received}`;
  }
  return issue.message;
}

/** Unknown keys of one kind given a "did you mean" (the rest are reported without one). */
const MAX_KEY_SUGGESTIONS = 100;

function warnUnknownKeys(raw: Record<string, unknown>, parsed: ParsedYaml, report: (p: Problem) => void): void {
  const levelKeys = raw['extends'] === undefined ? KNOWN_KEYS.level : KNOWN_KEYS.levelPatch;
  // "Did you mean" for the first MAX_KEY_SUGGESTIONS distinct unknown keys of each kind: a file with
  // thousands of them is not a typo, and an edit distance for each would cost more than the parse.
  const suggestions = new Map<readonly string[], Map<string, string | undefined>>();
  const suggest = (key: string, known: readonly string[]): string | undefined => {
    let byKey = suggestions.get(known);
    if (!byKey) suggestions.set(known, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key);
    const near = byKey.size < MAX_KEY_SUGGESTIONS ? nearest(key, known, 1)[0] : undefined;
    byKey.set(key, near);
    return near;
  };
  const check = (obj: unknown, known: readonly string[], path: (string | number)[]) => {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return;
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        const near = suggest(key, known);
        report(
          problem(
            'warning',
            'ladder-unknown-key',
            `${formatPath([...path, key])}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; it is ignored.`,
            rangeOfPath(parsed, [...path, key], true),
          ),
        );
      }
    }
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  check(raw, KNOWN_KEYS.ladder, []);
  list(raw['tracks']).forEach((t, ti) => {
    check(t, KNOWN_KEYS.track, ['tracks', ti]);
    list((t as Record<string, unknown> | null)?.['levels']).forEach((l, li) => {
      check(l, levelKeys, ['tracks', ti, 'levels', li]);
      list((l as Record<string, unknown> | null)?.['criteria']).forEach((c, ci) => {
        check(c, KNOWN_KEYS.criterion, ['tracks', ti, 'levels', li, 'criteria', ci]);
      });
    });
  });
  list(raw['archetypes']).forEach((a, i) => check(a, KNOWN_KEYS.archetype, ['archetypes', i]));
  list(raw['specializations']).forEach((s, i) => check(s, KNOWN_KEYS.specialization, ['specializations', i]));
}

export { CRITERION_ID };
