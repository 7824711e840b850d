/**
 * Where a cursor is in a note, for completion and hover: inside the `criteria:` list of the front
 * matter, or on a criterion id anywhere. Pure text functions, zero-based lines and characters.
 */

import { findFrontMatter } from './frontMatter';

/** The zero-based line of the closing `---`, when the text starts with a (closed) YAML front-matter block. */
export function frontMatterEnd(lines: readonly string[]): number | undefined {
  const block = findFrontMatter(lines.join('\n'));
  return block?.closed && block.isYaml ? block.endLine : undefined;
}

export interface IdSlot {
  /** The part of an id already typed before the cursor. */
  readonly prefix: string;
  /** Start and end characters (on the cursor's line) of the id being typed, to replace. */
  readonly start: number;
  readonly end: number;
}

const ID_CHAR = /[A-Za-z0-9.+_-]/;

/** The slot for a criterion id at the cursor when it is inside `criteria:` in the front matter. */
export function criteriaSlot(lines: readonly string[], line: number, character: number): IdSlot | undefined {
  const end = frontMatterEnd(lines);
  if (end === undefined || line <= 0 || line >= end) return undefined;
  const text = lines[line]!;
  const before = text.slice(0, character);

  // Flow list: `criteria: [a, b|]`
  const flow = /^(\s*)criteria\s*:\s*\[/.exec(text);
  if (flow && character >= flow[0].length) {
    const close = text.indexOf(']', flow[0].length);
    if (close >= 0 && character > close) return undefined;
    return slotAt(text, character);
  }
  // Single value: `criteria: ic.L6.x|`
  const single = /^(\s*)criteria\s*:\s*/.exec(text);
  if (single && character >= single[0].length && !text.slice(single[0].length).startsWith('[')) return slotAt(text, character);

  // Flow list over several lines: `criteria: [` on an earlier line, not closed before the cursor.
  if (insideMultilineFlow(lines, line, before)) return slotAt(text, character);

  // Block item: `  - ic.L6.x|` under `criteria:`
  const item = /^(\s*)-\s*['"]?[A-Za-z0-9.+_-]*$/.exec(before);
  if (!item) return undefined;
  const indent = item[1]!.length;
  for (let i = line - 1; i > 0; i--) {
    const prev = lines[i]!;
    if (prev.trim() === '' || prev.trimStart().startsWith('#')) continue;
    const key = /^(\s*)([A-Za-z_][\w-]*)\s*:/.exec(prev);
    const prevIndent = prev.length - prev.trimStart().length;
    if (/^\s*-/.test(prev) && prevIndent === indent) continue; // a sibling item
    if (key && key[1]!.length <= indent) return key[2] === 'criteria' ? slotAt(text, character) : undefined;
    if (prevIndent < indent) return undefined;
  }
  return undefined;
}

/** True when a `criteria: [` flow list opened on an earlier line is still open at the cursor. */
function insideMultilineFlow(lines: readonly string[], line: number, before: string): boolean {
  if (before.includes(']') || /^\s*[A-Za-z_][\w-]*\s*:/.test(before)) return false;
  for (let i = line - 1; i > 0; i--) {
    const prev = lines[i]!;
    const open = /^\s*criteria\s*:\s*\[/.exec(prev);
    if (open) return !prev.slice(open[0].length).includes(']');
    // A closing bracket, or another key at the start of a line: no list is open here.
    if (prev.includes(']') || /^[A-Za-z_][\w-]*\s*:/.test(prev)) return false;
  }
  return false;
}

function slotAt(text: string, character: number): IdSlot {
  let start = character;
  while (start > 0 && ID_CHAR.test(text[start - 1]!)) start--;
  let end = character;
  while (end < text.length && ID_CHAR.test(text[end]!)) end++;
  // Keep a quote around the id out of the replaced range.
  return { prefix: text.slice(start, character), start, end };
}

/** The criterion-id-shaped word under the cursor (`ic.L6.cross-team-direction`), anywhere in a line. */
export function idAt(text: string, character: number): { id: string; start: number; end: number } | undefined {
  // Only the run of id characters around the cursor is searched (an id cannot span anything else), and
  // only when it is id-sized: scanning a 50,000-letter line with the regex was quadratic.
  let from = character;
  while (from > 0 && ID_RUN.test(text[from - 1]!)) from--;
  let to = character;
  while (to < text.length && ID_RUN.test(text[to]!)) to++;
  if (to - from > MAX_ID_RUN) return undefined;
  const run = text.slice(from, to);
  // A global scan by hand with an anchored pattern: the same matches, and bounded by the run's length.
  for (let i = 0; i < run.length;) {
    const m = ID_AT_START.exec(run.slice(i));
    if (!m) {
      i++;
      continue;
    }
    const start = from + i;
    const end = start + m[0].length;
    if (character >= start && character <= end) return { id: m[0], start, end };
    i += m[0].length;
  }
  return undefined;
}

/** The characters an id is made of (those of the id pattern in {@link idAt}). */
const ID_RUN = /[A-Za-z0-9.+-]/;
const MAX_ID_RUN = 256;
const ID_AT_START = /^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9+]*\.[a-z0-9][a-z0-9-]*/;
