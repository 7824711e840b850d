/**
 * Where a note's front matter is: the one rule the parser, the edits, completion, templates and the
 * tagger all follow, so they can never disagree about which lines are YAML and which are prose.
 *
 * The rule is gray-matter's: the file starts (after an optional BOM) with `---` (not `----`), optionally
 * followed by a language name (`---yaml`, `---json`); `--- some text` is not a fence, so such a file has
 * no front matter. The block ends at the next line that starts with `---`. Only YAML blocks (no
 * language, `yaml` or `yml`) are read; a block in another language is still front matter (not prose),
 * its contents are just never parsed. Found with `indexOf` and `startsWith` only: linear in the text.
 */
export type FrontMatter = ClosedFrontMatter | UnclosedFrontMatter;

interface FrontMatterOpening {
  /** Offset of the opening `---` (1 after a byte-order mark, else 0). */
  readonly start: number;
  /** The language named after the opening `---`, '' for none. */
  readonly language: string;
  /** True for no language, `yaml` or `yml` (any case): the only front matter that is read. */
  readonly isYaml: boolean;
  /** Offset of the line break that ends the opening line (the YAML text starts with it); the text's length when there is none. */
  readonly yamlStart: number;
}

export interface ClosedFrontMatter extends FrontMatterOpening {
  readonly closed: true;
  /** The zero-based line of the closing `---`. */
  readonly endLine: number;
  /** Offset of the closing `---`. */
  readonly closeOffset: number;
  /** Offset just past the closing `---` line (its line break included). */
  readonly end: number;
  /** The text between the fences: from the opening line's break up to (not including) the closing line's break. */
  readonly yaml: string;
}

/** A block no line closes: the file is then read as body text. */
export interface UnclosedFrontMatter extends FrontMatterOpening {
  readonly closed: false;
  readonly endLine: undefined;
  readonly closeOffset: -1;
  readonly end: 0;
  readonly yaml: '';
}

const LANGUAGE = /^[A-Za-z][\w-]*$/;
const YAML_LANGUAGE = /^(?:ya?ml)?$/i;

/** The front matter of `text`, or undefined when the text does not start with a front-matter fence. */
export function findFrontMatter(text: string): FrontMatter | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start) || text.charAt(start + 3) === '-') return undefined;
  const firstNewline = text.indexOf('\n', start);
  const firstLine = (firstNewline < 0 ? text.slice(start) : text.slice(start, firstNewline)).replace(/\r$/, '');
  const language = firstLine.slice(3).trim();
  if (language !== '' && !LANGUAGE.test(language)) return undefined;
  const isYaml = YAML_LANGUAGE.test(language);
  const open = { start, language, isYaml, yamlStart: firstNewline < 0 ? text.length : firstNewline };
  const unclosed: FrontMatter = { ...open, closed: false, endLine: undefined, closeOffset: -1, end: 0, yaml: '' };
  if (firstNewline < 0) return unclosed;
  let lineStart = firstNewline + 1;
  for (let line = 1; lineStart <= text.length; line++) {
    if (text.startsWith('---', lineStart)) {
      const yamlEnd = text.charAt(lineStart - 2) === '\r' ? lineStart - 2 : lineStart - 1;
      const closeEnd = text.indexOf('\n', lineStart);
      return {
        ...open,
        closed: true,
        endLine: line,
        closeOffset: lineStart,
        end: closeEnd < 0 ? text.length : closeEnd + 1,
        yaml: text.slice(firstNewline, Math.max(firstNewline, yamlEnd)),
      };
    }
    const next = text.indexOf('\n', lineStart);
    if (next < 0) break;
    lineStart = next + 1;
  }
  return unclosed;
}

/** The text after a closed front-matter block (the whole text when there is none, or it is never closed). */
export function withoutFrontMatter(text: string): string {
  const block = findFrontMatter(text);
  const rest = block?.closed ? text.slice(block.end) : text;
  return rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest;
}
