import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLSeq } from 'yaml';
import { CRITERION_ID } from '../ladder/schema';
import { parseYaml } from '../util/yaml';
import { findFrontMatter } from './frontMatter';

/**
 * Edits to a note's `criteria:` list that touch nothing else: comments, key order, quoting, indentation,
 * line endings and the body stay byte-for-byte the same. The `yaml` document locates the list; the edit
 * itself is a minimal splice of the original text, never a re-serialisation of the whole front matter.
 */
export interface TextSplice {
  /** Offset into the original text. */
  readonly offset: number;
  /** Characters replaced (0 for an insertion). */
  readonly length: number;
  readonly text: string;
}

export interface CriteriaEdit {
  readonly splices: readonly TextSplice[];
  /** The ids the edit adds or removes (those not already in that state). */
  readonly changed: readonly string[];
}

export type CriteriaEditResult = CriteriaEdit | { readonly error: string };

/** Applies splices (in any order, non-overlapping) to `text`. */
export function applySplices(text: string, splices: readonly TextSplice[]): string {
  // One pass over the text (re-slicing it per splice was quadratic for thousands of removed items).
  const parts: string[] = [];
  let at = 0;
  for (const s of [...splices].sort((a, b) => a.offset - b.offset)) {
    parts.push(text.slice(at, s.offset), s.text);
    at = s.offset + s.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Adds `ids` to `criteria:` (creating the key, or the front matter, when missing). */
export function addCriteria(text: string, ids: readonly string[]): CriteriaEditResult {
  return editCriteria(text, (current) => {
    const have = new Set(current);
    return [...current, ...ids.filter((id) => !have.has(id) && (have.add(id), true))];
  });
}

/** Removes `ids` from `criteria:`. */
export function removeCriteria(text: string, ids: readonly string[]): CriteriaEditResult {
  const drop = new Set(ids);
  return editCriteria(text, (current) => current.filter((id) => !drop.has(id)));
}

/** Makes `criteria:` exactly `ids` (keeping the order of those already there). */
export function setCriteria(text: string, ids: readonly string[]): CriteriaEditResult {
  const keep = new Set(ids);
  return editCriteria(text, (current) => {
    const have = new Set(current);
    return [...current.filter((id) => keep.has(id)), ...ids.filter((id) => !have.has(id))];
  });
}

function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** A YAML scalar for an id: plain when it is a well-formed id, quoted otherwise. */
function scalar(id: string): string {
  return CRITERION_ID.test(id) ? id : JSON.stringify(id);
}

interface Block {
  /** Offset where the YAML text starts (just after `---`'s line break is part of it). */
  readonly yamlStart: number;
  readonly yaml: string;
  /** Offset of the closing `---`. */
  readonly closeOffset: number;
}

/** The YAML block to edit: none (a new one is written), or 'unreadable' (never closed, or not YAML). */
function findBlock(text: string): Block | undefined | 'unreadable' {
  const found = findFrontMatter(text);
  if (!found) return undefined;
  if (!found.closed || !found.isYaml) return 'unreadable';
  return { yamlStart: found.yamlStart, yaml: text.slice(found.yamlStart, found.closeOffset), closeOffset: found.closeOffset };
}

function editCriteria(text: string, next: (current: string[]) => string[]): CriteriaEditResult {
  const eol = eolOf(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const block = findBlock(text);
  if (block === 'unreadable') return { error: 'The front matter is not closed with `---` or is not YAML; fix it before tagging.' };

  if (block === undefined) {
    const ids = next([]);
    if (ids.length === 0) return { splices: [], changed: [] };
    const yaml = `---${eol}criteria:${eol}${ids.map((id) => `  - ${scalar(id)}${eol}`).join('')}---${eol}`;
    return { splices: [{ offset: bom, length: 0, text: yaml }], changed: ids };
  }

  const parsed = parseYaml(block.yaml);
  const firstError = parsed.problems.find((p) => p.severity === 'error');
  if (firstError)
    return { error: `The front matter cannot be edited safely (line ${firstError.range.start.line + 1}: ${firstError.message}); fix it before tagging.` };
  const root = parsed.doc.contents;
  const base = block.yamlStart;

  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    // An empty block (`---\n---`): add the key before the closing fence.
    const ids = next([]);
    if (ids.length === 0) return { splices: [], changed: [] };
    return { splices: [{ offset: block.closeOffset, length: 0, text: `criteria:${eol}${ids.map((id) => `  - ${scalar(id)}${eol}`).join('')}` }], changed: ids };
  }
  if (!isMap(root)) return { error: 'The front matter is not a mapping of keys to values; fix it before tagging.' };
  if (root.flow) return { error: 'The front matter is a flow mapping (`{title: ...}` on one line); write one key per line to tag this note.' };

  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'criteria') as Pair<Node, Node | null> | undefined;
  if (!pair) {
    const ids = next([]);
    if (ids.length === 0) return { splices: [], changed: [] };
    const indent = keyIndent(block.yaml, root.items[0]?.key as Node | undefined);
    const lines = `${indent}criteria:${eol}${ids.map((id) => `${indent}  - ${scalar(id)}${eol}`).join('')}`;
    // Append after the last key: at the closing fence, after a final line break if the YAML lacks one.
    const needsBreak = !block.yaml.endsWith('\n');
    return { splices: [{ offset: block.closeOffset, length: 0, text: (needsBreak ? eol : '') + lines }], changed: ids };
  }

  const value = pair.value;
  const refusal = refuseShape(pair, block.yaml);
  if (refusal) return { error: refusal };
  if (isSeq(value)) {
    const seq = value as YAMLSeq<Node>;
    const current = seq.items.map((item) => (isScalar(item) ? String(item.value) : ''));
    const wanted = next(current.filter(Boolean));
    const changed = symmetricDifference(current.filter(Boolean), wanted);
    if (changed.length === 0) return { splices: [], changed: [] };
    return {
      splices: seq.flow ? flowSplices(block.yaml, base, seq, current, wanted) : blockSplices(block.yaml, base, seq, current, wanted, eol, pair),
      changed,
    };
  }

  // `criteria:` with no value, a single id, or something else: replace the value with a block list.
  const current = isScalar(value) && typeof value.value === 'string' ? value.value.split(/[\s,]+/).filter(Boolean) : [];
  const wanted = next(current);
  const changed = symmetricDifference(current, wanted);
  if (changed.length === 0 && isScalar(value) && value.value !== null) return { splices: [], changed: [] };
  const keyNode = pair.key as Node;
  const indent = keyIndent(block.yaml, keyNode);
  const keyEnd = keyNode.range![1];
  const colon = block.yaml.indexOf(':', keyEnd);
  const after = colon >= 0 ? colon + 1 : keyEnd;
  const items = wanted.map((id) => `${indent}  - ${scalar(id)}`).join(eol);
  const hasValue = isScalar(value) && value.value !== null && !!value.range && value.range[1] > value.range[0];
  if (!hasValue) {
    // `criteria:` with nothing (or only a comment) after it: the comment stays on the key's line, and
    // the list goes below it (or `[]` before the comment).
    if (wanted.length === 0) return { splices: [{ offset: base + after, length: 0, text: ' []' }], changed };
    const lineEnd = lineEndAfter(block.yaml, after + 1);
    const hasBreak = lineEnd > 0 && block.yaml[lineEnd - 1] === '\n';
    const breakAt = hasBreak ? lineEnd - (block.yaml[lineEnd - 2] === '\r' ? 2 : 1) : lineEnd;
    return { splices: [{ offset: base + breakAt, length: 0, text: `${eol}${items}` }], changed };
  }
  const valueEnd = value.range![1];
  if (wanted.length === 0) return { splices: [{ offset: base + after, length: Math.max(0, valueEnd - after), text: ' []' }], changed };
  const lineEnd = lineEndAfter(block.yaml, valueEnd + 1);
  const breakAt = block.yaml[lineEnd - 1] === '\n' ? lineEnd - (block.yaml[lineEnd - 2] === '\r' ? 2 : 1) : lineEnd;
  if (block.yaml.slice(valueEnd, breakAt).trim() !== '') {
    // A comment after the value (`criteria: a # mine`): it stays on the key's line, the list goes below.
    return {
      splices: [
        { offset: base + after, length: Math.max(0, valueEnd - after), text: '' },
        { offset: base + breakAt, length: 0, text: `${eol}${items}` },
      ],
      changed,
    };
  }
  return { splices: [{ offset: base + after, length: Math.max(0, valueEnd - after), text: `${eol}${items}` }], changed };
}

/**
 * The shapes of `criteria:` an edit cannot make without losing or breaking what the person wrote: a
 * message naming the shape, or undefined when the edit is safe.
 */
function refuseShape(pair: Pair<Node, Node | null>, yaml: string): string | undefined {
  const value = pair.value;
  if (!value) return undefined;
  if (isAlias(value)) return 'criteria: is a YAML alias (`*name`); write the list itself to tag this note.';
  if ((value as { anchor?: string }).anchor) return `criteria: carries an anchor (\`&${(value as { anchor?: string }).anchor}\`); remove it to tag this note.`;
  if ((value as { tag?: string }).tag) return 'criteria: has an explicit tag (`!!...`); remove it to tag this note.';
  if (isScalar(value)) {
    if (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED')
      return 'criteria: is a block scalar (`|` or `>`); write it as a list (`criteria: [id, id]`) to tag this note.';
    if (value.value !== null && typeof value.value !== 'string')
      return `criteria: is a ${typeof value.value}, not a list of ids; write it as a list to tag this note.`;
    if (typeof value.value === 'string' && value.range && yaml.slice(value.range[0], value.range[1]).includes('\n'))
      return 'criteria: is text over several lines; write it as a list to tag this note.';
    return undefined;
  }
  if (isSeq(value)) {
    const bad = value.items.findIndex(
      (item) =>
        !isScalar(item) ||
        typeof item.value !== 'string' ||
        item.anchor ||
        item.tag ||
        item.type === 'BLOCK_LITERAL' ||
        item.type === 'BLOCK_FOLDED' ||
        item.value === '',
    );
    if (bad >= 0)
      return `criteria[${bad}]: is not a criterion id (a list, mapping, number, alias, anchor or empty item); fix it before tagging so that nothing of it is lost.`;
    if (value.flow && value.items.some((item) => isScalar(item) && !!item.range && yaml.slice(item.range[0], item.range[1]).includes('\n')))
      return 'criteria: an id is split over lines; fix it before tagging.';
    return undefined;
  }
  return 'criteria: is a mapping, not a list of ids; write it as a list to tag this note.';
}

function symmetricDifference(a: readonly string[], b: readonly string[]): string[] {
  const inA = new Set(a);
  const inB = new Set(b);
  return [...b.filter((x) => !inA.has(x)), ...a.filter((x) => !inB.has(x))];
}

/** The spaces before a key on its line. */
function keyIndent(yaml: string, key: Node | undefined): string {
  if (!key?.range) return '';
  const lineStart = yaml.lastIndexOf('\n', key.range[0] - 1) + 1;
  const prefix = yaml.slice(lineStart, key.range[0]);
  return /^[ ]*$/.test(prefix) ? prefix : '';
}

function flowSplices(yaml: string, base: number, seq: YAMLSeq<Node>, current: string[], wanted: string[]): TextSplice[] {
  const [start, end] = [seq.range![0], seq.range![1]];
  const sources = new Map<string, string>();
  seq.items.forEach((item, i) => {
    if (item.range && current[i]) sources.set(current[i]!, yaml.slice(item.range[0], item.range[1]));
  });
  const inner = wanted.map((id) => sources.get(id) ?? scalar(id)).join(', ');
  return [{ offset: base + start, length: end - start, text: `[${inner}]` }];
}

function blockSplices(
  yaml: string,
  base: number,
  seq: YAMLSeq<Node>,
  current: string[],
  wanted: string[],
  eol: string,
  pair: Pair<Node, Node | null>,
): TextSplice[] {
  const splices: TextSplice[] = [];
  const isWanted = new Set(wanted);
  const isCurrent = new Set(current);
  // Remove the lines of items no longer wanted (the whole line, with its comment).
  seq.items.forEach((item, i) => {
    const id = current[i];
    if (!id || isWanted.has(id) || !item.range) return;
    const lineStart = yaml.lastIndexOf('\n', item.range[0] - 1) + 1;
    const nextBreak = yaml.indexOf('\n', item.range[1]);
    const lineEnd = nextBreak < 0 ? yaml.length : nextBreak + 1;
    splices.push({ offset: base + lineStart, length: lineEnd - lineStart, text: '' });
  });
  const added = wanted.filter((id) => !isCurrent.has(id));
  if (added.length > 0) {
    const last = seq.items[seq.items.length - 1];
    const first = seq.items[0];
    // Indentation of the existing items (`  - a` -> two spaces), else two more than the key.
    let indent = `${keyIndent(yaml, pair.key as Node)}  `;
    if (first?.range) {
      const lineStart = yaml.lastIndexOf('\n', first.range[0] - 1) + 1;
      const m = /^([ ]*)-[ ]+/.exec(yaml.slice(lineStart, first.range[0]));
      if (m) indent = m[1]!;
    }
    const insertAt = last?.range ? lineEndAfter(yaml, last.range[2]) : lineEndAfter(yaml, seq.range![1]);
    const endsWithBreak = insertAt > 0 && yaml[insertAt - 1] === '\n';
    const lines = added.map((id) => `${indent}- ${scalar(id)}`).join(eol);
    splices.push({ offset: base + insertAt, length: 0, text: endsWithBreak ? `${lines}${eol}` : `${eol}${lines}` });
  }
  return splices;
}

/** The offset just after the line break that ends the line containing `offset - 1` (or the text end). */
function lineEndAfter(yaml: string, offset: number): number {
  const from = Math.max(0, offset - 1);
  if (yaml[from] === '\n') return from + 1;
  const nextBreak = yaml.indexOf('\n', from);
  return nextBreak < 0 ? yaml.length : nextBreak + 1;
}

/** The ids in a note's `criteria:` (for callers that only have the text). */
export function readCriteria(text: string): string[] {
  const block = findBlock(text);
  if (!block || block === 'unreadable') return [];
  const value = parseYaml(block.yaml).value as Record<string, unknown> | null;
  const list = value && typeof value === 'object' ? value['criteria'] : undefined;
  if (Array.isArray(list)) return list.filter((x): x is string => typeof x === 'string');
  if (typeof list === 'string') return list.split(/[\s,]+/).filter(Boolean);
  return [];
}
