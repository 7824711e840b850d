/** Small text helpers shared by the core. */

/** Levenshtein distance, two rows, early exit past `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * The known values closest to `value`, best first: by edit distance, then (a tie) by the longer shared
 * prefix, then by more characters in common, then by the closer length; the alphabet only decides
 * between values that are equally close (`S2E` suggests `SE2`, not `PE`).
 */
export function nearest(value: string, known: Iterable<string>, limit = 3): string[] {
  const needle = value.toLowerCase();
  const max = Math.max(3, Math.ceil(needle.length * 0.4));
  const scored: Array<{ id: string; d: number; prefix: number; common: number; length: number }> = [];
  const seen = new Set<string>();
  for (const id of known) {
    if (seen.has(id)) continue;
    seen.add(id);
    const hay = id.toLowerCase();
    let d = editDistance(needle, hay, max);
    // `ic.L6.design` for `design`: a shared last segment is a strong hint even when prefixes differ.
    const tail = hay.slice(hay.lastIndexOf('.') + 1);
    if (tail && needle.endsWith(tail)) d = Math.min(d, 2);
    if (d <= max)
      scored.push({ id, d, prefix: sharedPrefix(needle, hay), common: commonCharacters(needle, hay), length: Math.abs(hay.length - needle.length) });
  }
  scored.sort((x, y) => x.d - y.d || y.prefix - x.prefix || y.common - x.common || x.length - y.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.id);
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Characters the two strings share, counted with multiplicity (`s2e` and `se2`: 3). */
function commonCharacters(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const c of a) counts.set(c, (counts.get(c) ?? 0) + 1);
  let common = 0;
  for (const c of b) {
    const n = counts.get(c) ?? 0;
    if (n > 0) {
      common++;
      counts.set(c, n - 1);
    }
  }
  return common;
}

/** Letters that do not decompose into ASCII plus accents. */
const LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', þ: 'th' };

/** A file-name slug: lowercase ASCII letters, digits and dashes, at most `max` characters. */
export function slugify(title: string, max = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[øæœßłđþ]/g, (c) => LETTERS[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-');
  const trimmed = trimDashes(slug);
  // Longer than `max`: cut at the last dash before it, so no word is cut in half.
  const head = trimmed.slice(0, max);
  const lastDash = head.lastIndexOf('-');
  const cut = trimmed.length > max && lastDash > 0 ? head.slice(0, lastDash) : head;
  return trimDashes(cut) || 'untitled';
}

/** Without leading and trailing dashes (a loop: `/-+$/` is quadratic on a long run of dashes). */
function trimDashes(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && text[a] === '-') a++;
  while (b > a && text[b - 1] === '-') b--;
  return text.slice(a, b);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A value from a user's file as text for a message: never throws (even for `{ toString: 1 }`), stays short. */
export function shown(value: unknown, max = 80): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = typeof value;
    }
  }
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** `text` without the characters of `chars` at its end; linear, unlike a `[...]+$` regex. */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** `text` without the characters of `chars` at its start. */
export function trimStartChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start]!)) start++;
  return text.slice(start);
}

/** Text shown as itself inside markdown (a tooltip, a hover): every character markdown gives a meaning is escaped. */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
