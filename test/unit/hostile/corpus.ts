// The hostile corpus of issue 16: files an attacker could commit to a shared notes repository. Each
// entry is generated here (some are 50 KB or more), so the corpus is reviewable as code.

/** A "billion laughs" in YAML: nine levels of nine aliases, 454 bytes, billions of nodes expanded. */
export function aliasBomb(field: string): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefgh';
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1]!;
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  lines.push(`${field}: [${Array(9).fill('*h').join(',')}]`);
  return `---\n${lines.join('\n')}\n---\n# Bomb\n`;
}

export const ALIAS_FIELDS = ['criteria', 'impact', 'links', 'title', 'level'] as const;

/** 5,000 nested `[`, closed or not. */
export function nestedFlow(closed: boolean, n = 5000): string {
  return '['.repeat(n) + (closed ? ']'.repeat(n) : '');
}

export function nestedNote(closed: boolean): string {
  return `---\ntitle: Deep\ncriteria: ${nestedFlow(closed)}\n---\nBody\n`;
}

/** Block nesting without brackets: `- - - - x` on one line. */
export function nestedBlockNote(n = 5000): string {
  return `---\ntitle: Deep\ncriteria: \n  ${'- '.repeat(n)}x\n---\n`;
}

/** A note with no title whose heading the old regex backtracked on. */
export function backtrackingHeading(spaces = 2000): string {
  return `Some text\n# a${' '.repeat(spaces)}x\n`;
}

/** Pathological 50 KB strings for every regex that sees user text. */
export const PATHOLOGICAL: Record<string, string> = {
  spaces: ' '.repeat(50_000),
  letters: 'a'.repeat(50_000),
  dashesThenSpaces: `---${' '.repeat(50_000)}`,
  dashesSpacesX: `---${' '.repeat(50_000)}x`,
  hashes: '#'.repeat(50_000),
  hashSpaces: `#${' #'.repeat(25_000)}`,
  dots: 'ic.'.repeat(16_000),
  idLike: `ic.L6.${'a-'.repeat(25_000)}`,
  colons: 'criteria:'.repeat(5_000),
  tabs: '\t'.repeat(50_000),
  commasSpaces: ', '.repeat(25_000),
  braces: '{{'.repeat(25_000),
  newlines: '\n'.repeat(50_000),
  crs: '\r'.repeat(50_000),
  mixed: ' -\t#:'.repeat(10_000),
};
