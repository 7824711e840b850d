import { problem, range, type Problem } from '../problems';
import { dateFromFileName } from '../util/dates';
import { basename, dirname } from '../util/paths';
import { shown } from '../util/text';
import { findFrontMatter, type FrontMatter } from './frontMatter';
import { fastYamlReader } from '../util/fastYaml';
import { checkYamlBounds, formatPath, parseYaml, rangeOfPath, type ParsedYaml } from '../util/yaml';
import { MAX_CRITERIA_PER_NOTE, NOTE_FIELDS, NOTE_TYPES, type NoteField, type NoteMeta, type NoteType } from './schema';

/** Where the front-matter block sits in the file (see {@link findFrontMatter}). Lines are zero-based. */
export type FrontMatterBlock = FrontMatter;

export interface ParsedNote {
  readonly meta: NoteMeta;
  /** The front matter as read (unknown keys included); {} when there is none or it is unreadable. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly frontMatter: FrontMatterBlock | undefined;
  readonly body: string;
  /** The zero-based line where the body starts. */
  readonly bodyStartLine: number;
  readonly problems: Problem[];
  /** The front matter's YAML document with positions (only when parsed precisely). */
  readonly yaml?: ParsedYaml;
}

export interface ParseOptions {
  /** Always parse with positions (for diagnostics), even when the fast path finds nothing wrong. */
  readonly precise?: boolean;
}

/**
 * What js-yaml (the index worker's fast reader) and the `yaml` package read differently. Front matter
 * holding any of these is read precisely, so that a note reads the same in every thread:
 * - a tab in a line's indentation: an error to `yaml`, not to js-yaml;
 * - a `...` document end marker: js-yaml reads it as text when it follows a block scalar (`|`);
 * - a tag (`!!str`, `!x`): js-yaml drops a tag before an empty block scalar, `yaml` keeps or reports it;
 * - a block scalar's explicit indentation (`|1`, `>2-`): js-yaml accepts lines `yaml` rejects.
 */
const JS_YAML_DIFFERS = [/^ *\t/m, /^\.\.\.(?:[ \t]|$)/m, /(?:^|[ \t[{,])!/m, /[|>](?:[1-9][-+]?|[-+][1-9])(?:[ \t]|$)/m];

const FIELD_CODES = new Set<Problem['code']>(['invalid-field', 'unknown-type', 'bad-date']);

/**
 * Parses a note: its front matter (YAML only), body and problems. Never throws: a note with broken
 * front matter is still a note, indexed with what could be read.
 *
 * Where the thread has a fast YAML reader ({@link fastYamlReader}: the index's worker thread), the front
 * matter is read with it first. When there is none, or it fails, or a field is invalid, or `precise` is
 * asked for, the front matter is read (again) with the `yaml` package, whose positions give each problem
 * its line and column. The block is handed to either only after {@link checkYamlBounds}.
 */
export function parseNote(input: string, path: string, options: ParseOptions = {}): ParsedNote {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const problems: Problem[] = [];
  const block = findFrontMatter(text);

  if (!block) {
    return finish(path, {}, undefined, text, 0, problems, undefined);
  }
  const bodyStart = block.endLine === undefined ? 0 : block.endLine + 1;
  const body = block.endLine === undefined ? text : sliceLines(text, bodyStart);

  if (!block.closed) {
    problems.push(
      problem(
        'warning',
        'front-matter-unterminated',
        'The front matter starts on line 1 but has no closing `---`; it is read as body text.',
        range(0, 0, 0, 3),
      ),
    );
    return finish(path, {}, undefined, text, 0, problems, undefined);
  }
  if (!block.isYaml) {
    problems.push(
      problem(
        'error',
        'front-matter-language',
        `Front matter in "${block.language}" is not read; only YAML front matter is. Its contents were ignored.`,
        range(0, 3, 0, 3 + block.language.length),
      ),
    );
    return finish(path, {}, block, body, bodyStart, problems, undefined);
  }

  // Size, nesting and aliases are checked before any YAML parser sees the text (an alias bomb or
  // 5,000 nested `[` would otherwise exhaust memory or the stack).
  const shape = checkYamlBounds(block.yaml);
  if (shape.problem) {
    problems.push(shape.problem);
    return finish(path, {}, block, body, bodyStart, problems, undefined);
  }
  let data: unknown;
  let fast = false;
  const reader = options.precise || shape.aliases.length > 0 || JS_YAML_DIFFERS.some((re) => re.test(block.yaml)) ? undefined : fastYamlReader();
  if (reader) {
    try {
      data = reader(block.yaml);
      fast = true;
    } catch {
      // Read again, precisely, for the error's place.
    }
  }
  let precise: ParsedYaml | undefined;
  if (!fast) {
    precise = parseYaml(block.yaml);
    problems.push(...precise.problems);
    data = precise.problems.some((p) => p.severity === 'error') ? salvage(precise) : precise.value;
  }
  if (data === null || data === undefined || (typeof data === 'string' && data.trim() === '')) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push(
      problem(
        'error',
        'front-matter-not-mapping',
        'Front matter must be a mapping of keys to values (e.g. `title: ...`), not a list or a single value.',
        range(1, 0, Math.max(1, block.endLine - 1), 0),
      ),
    );
    return finish(path, {}, block, body, bodyStart, problems, precise);
  }
  const result = finish(path, data as Record<string, unknown>, block, body, bodyStart, problems, precise);
  if (!precise && result.problems.some((p) => FIELD_CODES.has(p.code))) {
    // Field problems found on the fast path have no positions yet: read once more, precisely.
    return parseNote(input, path, { precise: true });
  }
  return result;
}

/** A best-effort reading of a mapping whose YAML has errors: the top-level pairs that parsed. */
function salvage(parsed: ParsedYaml): Record<string, unknown> {
  const value = parsed.value;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

function sliceLines(text: string, fromLine: number): string {
  return text.slice(offsetOfLine(text, fromLine));
}

/** Validates the known fields one by one and builds the note's meta. */
function finish(
  path: string,
  data: Record<string, unknown>,
  block: FrontMatterBlock | undefined,
  body: string,
  bodyStartLine: number,
  problems: Problem[],
  precise: ParsedYaml | undefined,
): ParsedNote {
  const at = (fieldPath: (string | number)[], keyOnly = false) => (precise ? rangeOfPath(precise, fieldPath, keyOnly) : range(0, 0, 0, 0));
  const values: Partial<Record<NoteField, unknown>> = {};
  for (const field of Object.keys(NOTE_FIELDS) as NoteField[]) {
    if (!Object.hasOwn(data, field)) continue;
    let raw = normalizeDates(data[field]);
    if (raw === null || raw === undefined) continue;
    if (field === 'criteria' && typeof raw === 'string') {
      problems.push(
        problem('warning', 'invalid-field', 'criteria: should be a list (`criteria: [id, id]`); the text was split at commas and spaces.', at(['criteria'])),
      );
      raw = raw.split(/[\s,]+/).filter(Boolean);
    }
    if (field === 'criteria' && Array.isArray(raw) && raw.length > MAX_CRITERIA_PER_NOTE) {
      problems.push(problem('warning', 'invalid-field', `criteria: ${raw.length} ids; only the first ${MAX_CRITERIA_PER_NOTE} are read.`, at(['criteria'])));
      raw = raw.slice(0, MAX_CRITERIA_PER_NOTE);
    }
    if (field === 'criteria' && Array.isArray(raw)) {
      // Each id on its own: one bad item must not drop the others.
      const ids: string[] = [];
      raw.forEach((item, i) => {
        if (typeof item === 'string' && item.trim() !== '') ids.push(item.trim());
        else
          problems.push(
            problem('error', 'invalid-field', `criteria[${i}]: must be a criterion id (text), e.g. ic.L6.cross-team-direction`, at(['criteria', i])),
          );
      });
      values.criteria = [...new Set(ids)];
      continue;
    }
    const result = NOTE_FIELDS[field].safeParse(raw);
    if (result.success) {
      values[field] = result.data;
    } else {
      for (const issue of result.error.issues) {
        const issuePath: (string | number)[] = [field, ...(issue.path as (string | number)[])];
        const code = field === 'type' ? 'unknown-type' : field === 'date' || field === 'review' ? 'bad-date' : 'invalid-field';
        const message =
          field === 'type'
            ? `type: unknown type "${shown(raw)}"; use one of brag, design-doc, decision, feedback, note`
            : `${formatPath(issuePath)}: ${issue.message}`;
        problems.push(problem(code === 'unknown-type' ? 'warning' : 'error', code, message, at(issuePath), { data: { value: shown(raw) } }));
      }
    }
  }

  const name = basename(path);
  const type = (values.type as NoteType | undefined) ?? typeFromFolder(path);
  const date = (values.date as string | undefined) ?? dateFromFileName(name) ?? null;
  const meta: NoteMeta = {
    type,
    title: ((values.title as string | undefined) ?? firstHeading(body) ?? titleFromFileName(name)).trim(),
    date,
    criteria: (values.criteria as string[] | undefined) ?? [],
    ...(values.level !== undefined ? { level: values.level as string } : {}),
    impact: (values.impact as string[] | undefined) ?? [],
    links: (values.links as string[] | undefined) ?? [],
    ...(values.status !== undefined ? { status: values.status as string } : {}),
    review: (values.review as string | undefined) ?? null,
    ...(values.from !== undefined ? { from: values.from as string } : {}),
  };
  if (block && date === null && type !== 'packet' && !(Object.hasOwn(data, 'date') && data['date'] !== null)) {
    problems.push(problem('info', 'missing-date', 'No `date:` (YYYY-MM-DD): the note cannot tell how recent its evidence is.', range(0, 0, 0, 3)));
  }
  return { meta, data, frontMatter: block, body, bodyStartLine, problems, ...(precise ? { yaml: precise } : {}) };
}

/** Notes keep calendar dates as text; a Date (from a custom engine) is turned back into one. */
function normalizeDates(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(normalizeDates);
  return value;
}

/** `career/brag/x.md` is a brag entry even without `type:`. */
export function typeFromFolder(path: string): NoteType {
  const folders = dirname(path).split('/');
  for (let i = folders.length - 1; i >= 0; i--) {
    const folder = folders[i]!.toLowerCase();
    const type = FOLDER_TYPES.get(folder);
    if (type) return type;
  }
  return 'note';
}

/** A Map, not an object: a folder named `constructor` or `__proto__` is an ordinary folder name. */
const FOLDER_TYPES: ReadonlyMap<string, NoteType> = new Map([
  ['brag', 'brag'],
  ['brags', 'brag'],
  ['design-doc', 'design-doc'],
  ['design-docs', 'design-doc'],
  ['decision', 'decision'],
  ['decisions', 'decision'],
  ['feedback', 'feedback'],
  ['packets', 'packet'],
]);

/** The text of the first ATX heading (`# Title #`), read line by line: no regex that can backtrack. */
function firstHeading(body: string): string | undefined {
  for (let start = 0; start < body.length;) {
    const nl = body.indexOf('\n', start);
    const end = nl < 0 ? body.length : nl;
    if (body.charCodeAt(start) === 35 /* # */ && (body[start + 1] === ' ' || body[start + 1] === '\t')) {
      let text = body.slice(start + 1, end).trim();
      let e = text.length;
      while (e > 1 && text[e - 1] === '#') e--;
      text = text.slice(0, e).trimEnd();
      if (text !== '') return text;
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return undefined;
}

function titleFromFileName(name: string): string {
  const stem = name.replace(/\.(md|markdown)$/i, '').replace(/^\d{4}-\d{2}-\d{2}[-_ ]?/, '');
  const words = stem.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

export { NOTE_TYPES };
