import { Composer, Document, isAlias, isMap, isNode, Lexer, LineCounter, parseDocument, Parser, visit, YAMLParseError, type CST, type Node } from 'yaml';
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
  /** True when the text was over the limits and not parsed at all. */
  readonly refused?: boolean;
}

export const YAML_OPTIONS = {
  schema: 'core',
  /**
   * Explicit tags outside the core schema (`!!binary`, `!!timestamp`, `!!set`, ...) are not resolved: the
   * value stays plain data, with an "unresolved tag" warning. (The bundles leave those tags out.)
   */
  resolveKnownTags: false,
  /** Nothing a note says is printed to the extension host's console (e.g. "keys with collection values"). */
  logLevel: 'error',
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
  /** A second line of defence: aliases are refused before values are built (see {@link parseYaml}). */
  maxAliasCount: 100,
} as const;

/**
 * The bounds every YAML text is held to before any parser sees it: notes, ladders, edits and
 * templates all come through {@link checkYamlBounds} (and {@link parseYaml}). A notes folder is often
 * someone else's git repository, so its YAML is untrusted input.
 */
export interface YamlLimits {
  /** Characters of YAML read at all. */
  readonly maxChars: number;
  /** Nesting of collections (block or flow). The parsers recurse per level; V8's stack does not forgive. */
  readonly maxDepth: number;
}

/** A note's front matter: a handful of keys, a list of ids. */
export const NOTE_YAML_LIMITS: YamlLimits = { maxChars: 256 * 1024, maxDepth: 32 };
/** A ladder file: a few hundred criteria, nested tracks > levels > criteria > signals. */
export const LADDER_YAML_LIMITS: YamlLimits = { maxChars: 2 * 1024 * 1024, maxDepth: 32 };

export interface YamlShape {
  /** The problem that makes the text unreadable (too large, too deep), if any. */
  readonly problem?: Problem;
  /** The aliases (`*name`) in the text, with their offsets. */
  readonly aliases: readonly { readonly name: string; readonly offset: number }[];
}

/**
 * Checks size and nesting, and finds aliases, without building anything: a cheap character scan bounds
 * the nesting from above, and only when that bound is over the limit (or the text has a `*`) does the
 * `yaml` package's CST parser (iterative, no recursion) give the exact figures.
 */
export function checkYamlBounds(text: string, limits: YamlLimits = NOTE_YAML_LIMITS): YamlShape {
  return scanYaml(text, limits);
}

/** The shape, and when the exact check had to parse the text, the CST it made (so it is parsed once). */
interface ScannedYaml extends YamlShape {
  readonly tokens?: readonly CST.Token[];
}

/**
 * {@link checkYamlBounds}, keeping the CST: one lexer pass feeds both the flow-depth guard and the parser
 * (it used to lex the text three times and parse it twice: a 100 KB ladder spent most of its load time
 * here). With `lineCounter`, the parser records the line starts for the document composed from it.
 */
function scanYaml(text: string, limits: YamlLimits, lineCounter?: LineCounter): ScannedYaml {
  if (text.length > limits.maxChars) {
    return {
      problem: problem(
        'error',
        'yaml-limit',
        `The YAML is ${Math.round(text.length / 1024)} KB, over the ${Math.round(limits.maxChars / 1024)} KB that is read; it was not parsed.`,
      ),
      aliases: [],
    };
  }
  if (nestingUpperBound(text) <= limits.maxDepth && !text.includes('*')) return { aliases: [] };
  // Flow collections are counted as the lexer goes, stopping at the first level too many: 5,000 `[`
  // cost a few dozen tokens, and the parser has seen no more of them than the limit.
  let flow = 0;
  let offset = 0;
  const parser = new Parser(lineCounter?.addNewLine);
  lineCounter?.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme === '[' || lexeme === '{') {
      if (++flow > limits.maxDepth) return { problem: tooDeep(text, limits, offset), aliases: [] };
    } else if (lexeme === ']' || lexeme === '}') flow = Math.max(0, flow - 1);
    // The lexer's control tokens (document start, scalar, flow end) are not in the source.
    if (lexeme !== '\x02' && lexeme !== '\x1f' && lexeme !== '\x18') offset += lexeme.length;
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  const aliases: { name: string; offset: number }[] = [];
  let deepest = 0;
  let deepAt = 0;
  // Walk the CST with an explicit stack: a recursive walk would fail on the very inputs it guards against.
  const stack: Array<[token: unknown, depth: number]> = [];
  for (const token of tokens) stack.push([token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    const t = token as { type?: string; source?: string; offset?: number; value?: unknown; items?: Array<{ key?: unknown; value?: unknown }> };
    if (depth > deepest) {
      deepest = depth;
      deepAt = t.offset ?? 0;
    }
    if (deepest > limits.maxDepth) break;
    if (t.type === 'alias' && typeof t.source === 'string') aliases.push({ name: t.source.slice(1), offset: t.offset ?? 0 });
    if (t.value && typeof t.value === 'object') stack.push([t.value, depth]);
    if (Array.isArray(t.items)) {
      for (const item of t.items) {
        if (item.key && typeof item.key === 'object') stack.push([item.key, depth + 1]);
        if (item.value && typeof item.value === 'object') stack.push([item.value, depth + 1]);
      }
    }
  }
  if (deepest > limits.maxDepth) return { problem: tooDeep(text, limits, deepAt), aliases };
  return { aliases: aliases.sort((a, b) => a.offset - b.offset), tokens };
}

/** The document of a CST the bounds check already made, as `parseDocument` would compose it. */
function composeDocument(tokens: readonly CST.Token[], text: string, lineCounter: LineCounter): Document.Parsed {
  const composer = new Composer({ ...YAML_OPTIONS, lineCounter });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
      );
      break;
    }
  }
  return doc ?? parseDocument(text, { ...YAML_OPTIONS, lineCounter });
}

function tooDeep(text: string, limits: YamlLimits, at: number): Problem {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return problem('error', 'yaml-limit', `The YAML nests deeper than ${limits.maxDepth} levels; it was not parsed.`, offsetsToRange(lc, at, at));
}

/**
 * An upper bound of the nesting depth, in one pass: every flow collection needs a `[` or `{`, and every
 * block one either more indentation or an indicator (`-`, `?`, `:`) on its line (a sequence may sit at
 * its key's indentation, hence twice). Loose, but exact enough to skip the exact check for every
 * ordinary note.
 */
function nestingUpperBound(text: string): number {
  let flow = 0;
  let maxIndent = 0;
  let maxIndicators = 0;
  let indent = 0;
  let indicators = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (indicators > maxIndicators) maxIndicators = indicators;
      indent = 0;
      indicators = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart) {
      if (c === 32) {
        indent++;
        if (indent > maxIndent) maxIndent = indent;
        continue;
      }
      atLineStart = false;
    }
    if (c === 91 || c === 123) flow++;
    else if (c === 45 || c === 63 || c === 58) indicators++;
  }
  if (indicators > maxIndicators) maxIndicators = indicators;
  return flow + 2 * (maxIndent + maxIndicators) + 2;
}

export interface ParseYamlOptions {
  readonly limits?: YamlLimits;
}

/**
 * Parses untrusted YAML, bounded: text over the size or nesting limits is not parsed at all (one
 * `yaml-limit` problem), and aliases are never expanded: each is an error at its place, and the
 * top-level keys whose values use one are left out of `value` (so one bad key does not cost the others).
 */
export function parseYaml(text: string, options: ParseYamlOptions = {}): ParsedYaml {
  const lineCounter = new LineCounter();
  const shape = scanYaml(text, options.limits ?? NOTE_YAML_LIMITS, lineCounter);
  if (shape.problem) {
    return { doc: parseDocument('', YAML_OPTIONS), lineCounter: new LineCounter(), value: null, problems: [shape.problem], refused: true };
  }
  // Composed from the CST the bounds check made, when it made one (then the text is parsed once).
  const doc = shape.tokens ? composeDocument(shape.tokens, text, lineCounter) : parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const problems: Problem[] = [];
  for (const error of doc.errors) {
    problems.push(problem('error', 'yaml-syntax', yamlMessage(error.code, error.message), offsetsToRange(lineCounter, error.pos[0], error.pos[1])));
  }
  for (const warning of doc.warnings) {
    problems.push(problem('warning', 'yaml-syntax', yamlMessage(warning.code, warning.message), offsetsToRange(lineCounter, warning.pos[0], warning.pos[1])));
  }
  let source: Document.Parsed = doc;
  if (shape.aliases.length > 0) {
    // Aliases are refused, not expanded: a 450-byte "billion laughs" must not become gigabytes.
    source = doc.clone() as Document.Parsed;
    const tainted = new Set<unknown>();
    if (isMap(source.contents)) {
      for (const pair of source.contents.items) {
        let hasAlias = isAlias(pair.key);
        if (!hasAlias && isNode(pair.value)) {
          visit(pair.value as Node, { Alias: () => ((hasAlias = true), visit.BREAK) });
          if (isAlias(pair.value)) hasAlias = true;
        }
        if (hasAlias) tainted.add(pair);
      }
      source.contents.items = source.contents.items.filter((pair) => !tainted.has(pair));
    } else {
      source.contents = null;
    }
    for (const alias of shape.aliases) {
      problems.push(
        problem(
          'error',
          'yaml-alias',
          `YAML aliases (*${alias.name}) are not read: write the value itself. The key that uses it was ignored.`,
          offsetsToRange(lineCounter, alias.offset, alias.offset + alias.name.length + 1),
        ),
      );
    }
  }
  let value: unknown = null;
  try {
    value = source.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount });
  } catch (error) {
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
