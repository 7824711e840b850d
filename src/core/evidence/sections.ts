import { parseNote } from '../notes/parse';

/**
 * What a packet and the calibration check read from a note's text beyond its index record: the prose
 * of its sections (template hints in `<!-- -->` removed), who said it for feedback, and whether it
 * links to anything. Read line by line, no backtracking regex: linear in the note's length.
 */
export interface NoteDetails {
  /** Section text by lower-cased heading (`## What happened` -> `what happened`), hints removed, trimmed. */
  readonly sections: ReadonlyMap<string, string>;
  /** The body text with comments removed (bounded to {@link MAX_BODY} characters). */
  readonly body: string;
  readonly from?: string;
}

/** How much of a body the checks read: enough for any real note, bounded for a hostile one. */
export const MAX_BODY = 200_000;

/** Removes `<!-- ... -->` comments (an unclosed one runs to the end), in one pass. */
export function stripComments(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<!--', at);
    if (open < 0) return out + text.slice(at);
    out += text.slice(at, open);
    const close = text.indexOf('-->', open + 4);
    if (close < 0) return out;
    at = close + 3;
  }
}

/** Splits a body at its `#`..`###` headings into sections keyed by the lower-cased heading text. */
export function sectionsOf(body: string): Map<string, string> {
  const sections = new Map<string, string>();
  let heading: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (heading === undefined) return;
    const text = lines.join('\n').trim();
    const before = sections.get(heading);
    sections.set(heading, before ? `${before}\n${text}` : text);
  };
  for (const line of body.split('\n')) {
    const level = headingLevel(line);
    if (level >= 2 && level <= 3) {
      flush();
      heading = line.slice(level).trim().toLowerCase();
      lines = [];
    } else if (level === 1) {
      flush();
      heading = undefined;
      lines = [];
    } else if (heading !== undefined) {
      lines.push(line.replace(/\r$/, ''));
    }
  }
  flush();
  return sections;
}

function headingLevel(line: string): number {
  let n = 0;
  while (n < line.length && n < 7 && line.charCodeAt(n) === 35 /* # */) n++;
  return n > 0 && n < 7 && (line[n] === ' ' || line[n] === '\t') ? n : 0;
}

/** The details of a note from its text (as read from disk). */
export function noteDetails(text: string, path: string): NoteDetails {
  const parsed = parseNote(text, path);
  const body = stripComments(parsed.body.length > MAX_BODY ? parsed.body.slice(0, MAX_BODY) : parsed.body);
  return { sections: sectionsOf(body), body, ...(parsed.meta.from !== undefined ? { from: parsed.meta.from } : {}) };
}

/** The first section whose heading is one of `names` and that says something. */
export function section(details: NoteDetails | undefined, names: readonly string[]): string | undefined {
  if (!details) return undefined;
  for (const name of names) {
    const text = details.sections.get(name);
    if (text && meaningful(text)) return text;
  }
  return undefined;
}

/** Not only list markers, quote markers, numbering or a placeholder such as "(none yet)". */
function meaningful(text: string): boolean {
  const stripped = text
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/^(?:[-*>]|\d+\.)/, '')
        .trim(),
    )
    .filter((l) => l !== '' && l !== '(none yet)')
    .join(' ');
  return stripped.length > 0;
}

export const CONTEXT_SECTIONS = ['what happened', 'context', 'situation', 'background'] as const;
export const ROLE_SECTIONS = ['my role', 'role', 'what i did'] as const;
export const IMPACT_SECTIONS = ['impact', 'outcome', 'result', 'results', 'who benefited'] as const;
export const WORDS_SECTIONS = ['in their words', 'what they said', 'quote', 'feedback'] as const;
export const SHOWS_SECTIONS = ['what it shows'] as const;
