import { Document, isNode, LineCounter, parseDocument, type Node } from 'yaml';
import { problem, range, type Problem, type ProblemCode, type Range } from '../problems';

/**
 * A YAML text parsed with positions: the document (for comment-preserving edits and for locating a
 * path), the plain value, and the syntax problems with their line and column.
 *
 * Only the YAML 1.2 core schema is used: no custom tags, no `!!js/function`, no timestamps turned
 * into `Date`s. A value in a note is data and nothing else.
 */
export interface ParsedYaml {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly value: unknown;
  readonly problems: Problem[];
}

export const YAML_OPTIONS = {
  schema: 'core',
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
  /** Bound alias expansion ("billion laughs"): a note is small, a ladder is not huge. */
  maxAliasCount: 1000,
} as const;

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const problems: Problem[] = [];
  for (const error of doc.errors) {
    problems.push(
      problem('error', 'yaml-syntax', yamlMessage(error.code, error.message), offsetsToRange(lineCounter, error.pos[0], error.pos[1])),
    );
  }
  for (const warning of doc.warnings) {
    problems.push(
      problem('warning', 'yaml-syntax', yamlMessage(warning.code, warning.message), offsetsToRange(lineCounter, warning.pos[0], warning.pos[1])),
    );
  }
  let value: unknown = null;
  try {
    value = doc.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount });
  } catch (error) {
    // toJS throws on e.g. an alias bomb; the syntax problems above already say what is wrong.
    if (problems.length === 0) {
      problems.push(problem('error', 'yaml-syntax', `YAML could not be read: ${errorMessage(error)}`));
    }
  }
  return { doc, lineCounter, value, problems };
}

function yamlMessage(code: string, message: string): string {
  // The yaml package's messages end with "at line 3, column 5:" and a code frame when prettyErrors is
  // on; with it off they are a plain sentence. Keep the first line only.
  const first = message.split('\n')[0]!.trim();
  if (code === 'DUPLICATE_KEY') return first.replace(/^Map keys must be unique/, 'Duplicate key: map keys must be unique');
  return first;
}

export function offsetsToRange(lineCounter: LineCounter, start: number, end: number): Range {
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(Math.max(start, end));
  return range(a.line - 1, a.col - 1, b.line - 1, b.col - 1);
}

/**
 * The range of the node at `path` (keys and indices), or of its nearest existing ancestor. For a
 * key path it prefers the value's range; `keyOnly` asks for the key itself.
 */
export function rangeOfPath(parsed: Pick<ParsedYaml, 'doc' | 'lineCounter'>, path: readonly PropertyKey[], keyOnly = false): Range {
  const { doc, lineCounter } = parsed;
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub as unknown[], true);
    if (keyOnly && sub.length > 0) {
      const keyNode = findKeyNode(doc, sub);
      if (keyNode?.range) return offsetsToRange(lineCounter, keyNode.range[0], keyNode.range[1]);
    }
    if (isNode(node) && (node as Node).range) {
      const r = (node as Node).range!;
      return offsetsToRange(lineCounter, r[0], r[1]);
    }
  }
  return range(0, 0, 0, 0);
}

function findKeyNode(doc: Document.Parsed, path: readonly PropertyKey[]): Node | undefined {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath as unknown[], true);
  const items = (parent as { items?: unknown[] } | null)?.items;
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    const pair = item as { key?: unknown };
    if (isNode(pair.key) && (pair.key as unknown as { value?: unknown }).value === key) return pair.key as Node;
  }
  return undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `criteria[3].id` from a zod/yaml path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export type { ProblemCode };
