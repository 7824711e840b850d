/**
 * Word normalisation for auto-tagging: the same function turns the ladder's signal phrases and a note's
 * text into comparable token sequences.
 *
 * - case, diacritics (`naïve` -> `naive`) and punctuation are dropped; `on-call`, `on call` and
 *   `On Call` are the same two tokens; `1:1s` is `1 1`;
 * - possessive `'s` is dropped (`team's` -> `team`), other apostrophes are removed (`don't` -> `dont`);
 * - the articles `a`, `an`, `the` are dropped, so "wrote the design doc" contains "wrote design doc";
 * - words are reduced by {@link stem}, a small, conservative English stemmer.
 *
 * Why a stemmer of our own: the extension's core must not depend on `vscode` or pull a large package,
 * the npm stemmers are either Porter implementations (aggressive: `organization` -> `organ`,
 * `general` -> `gener`, which would make unrelated signals collide) or parts of a big NLP toolkit. Tagging only
 * needs inflected forms to meet (`mentored`, `mentoring`, `mentors` -> `mentor`), so this stemmer only
 * undoes inflection (plural `-s`/`-es`/`-ies`, `-ed`, `-ing`, a few irregular past forms) and never
 * strips derivational suffixes (`-ment`, `-ship`, `-ation` stay). It need not produce dictionary words:
 * both sides of a comparison go through it, so it only has to be consistent.
 */

const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);

/** Irregular past forms that career notes use a lot, mapped to their base form (then stemmed as usual). */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['led', 'lead'],
  ['wrote', 'write'],
  ['written', 'write'],
  ['rewrote', 'rewrite'],
  ['rewritten', 'rewrite'],
  ['ran', 'run'],
  ['built', 'build'],
  ['rebuilt', 'rebuild'],
  ['taught', 'teach'],
  ['drove', 'drive'],
  ['driven', 'drive'],
  ['gave', 'give'],
  ['given', 'give'],
  ['took', 'take'],
  ['taken', 'take'],
  ['made', 'make'],
  ['brought', 'bring'],
  ['thought', 'think'],
  ['held', 'hold'],
  ['met', 'meet'],
  ['spent', 'spend'],
  ['grew', 'grow'],
  ['grown', 'grow'],
  ['began', 'begin'],
  ['begun', 'begin'],
  ['chose', 'choose'],
  ['chosen', 'choose'],
  ['spoke', 'speak'],
  ['spoken', 'speak'],
  ['sent', 'send'],
  ['caught', 'catch'],
  ['found', 'find'],
  ['kept', 'keep'],
  ['got', 'get'],
  ['gotten', 'get'],
  ['won', 'win'],
  ['told', 'tell'],
  ['paid', 'pay'],
  ['understood', 'understand'],
  ['oversaw', 'oversee'],
  ['overseen', 'oversee'],
  ['undertook', 'undertake'],
  ['broke', 'break'],
  ['broken', 'break'],
  ['shook', 'shake'],
  ['went', 'go'],
  ['gone', 'go'],
]);

const VOWEL = /[aeiouy]/;
/** Consonants that English doubles before `-ed`/`-ing` (`planned`, `shipped`); not f, l, s, z (`staffed`, `called`). */
const DOUBLED = /([bdgmnprt])\1$/;

/**
 * Reduce one lowercase word to its stem. Conservative: inflection only, consistent rather than
 * linguistically exact (`hire`, `hired`, `hiring`, `hires` -> `hir`; `strategy`, `strategies` -> `strategi`).
 */
export function stem(word: string): string {
  let w = IRREGULAR.get(word) ?? word;
  if (/^[0-9]/.test(w)) return /^[0-9]+s$/.test(w) ? w.slice(0, -1) : w; // 1990s, 1:1s
  if (w.length <= 2) return w;
  if (!/^[a-z]+$/.test(w)) return w;
  if (w.length === 3) {
    // Plural acronyms: prs, pms, vps. Leave real words (its, has, bus) alone.
    return w.endsWith('s') && !VOWEL.test(w.slice(0, 2)) ? w.slice(0, 2) : w;
  }

  // British -ise spellings meet the -ize ones (organise, prioritising, organisation).
  w = w.replace(/^([a-z]{4,})is(e|ed|es|ing|ation|ations)$/, '$1iz$2');

  // Plurals and third person: -ies, -es after sibilants, -s.
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (/(?:ss|x|ch|sh|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);

  // Past tense and participles: -ied, -ed, -ing (only when a vowel remains: `red`, `bring` stay).
  if (w.endsWith('ied') && w.length > 4) {
    w = w.slice(0, -3) + 'y';
  } else if (w.endsWith('eed')) {
    // agreed / agree, exceeded / exceed: handled by the final-e rule below.
  } else if (w.endsWith('ed') && VOWEL.test(w.slice(0, -2))) {
    w = undouble(w.slice(0, -2));
  } else if (w.endsWith('ing') && w.length > 4 && VOWEL.test(w.slice(0, -3))) {
    w = undouble(w.slice(0, -3));
  }

  // A final e is dropped so that `write`/`writing`, `code`/`coded` meet; `-eed` becomes `-ee` first.
  if (w.endsWith('eed') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  // A final y after a consonant becomes i, so that `underlie`/`underlies`, `study`/`studies` meet.
  if (/[^aeiouy]y$/.test(w) && w.length > 3) w = w.slice(0, -1) + 'i';
  return w;
}

function undouble(w: string): string {
  return w.length >= 4 && DOUBLED.test(w) ? w.slice(0, -1) : w;
}

/** Lowercase, strip diacritics, unify quotes. Kept separate so that callers can reuse the cleaned text. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/(\p{L})'s\b/gu, '$1')
    .replace(/(\p{L})'(\p{L})/gu, '$1$2');
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The normalised word sequence of a text: lowercase, no diacritics or punctuation, articles dropped,
 * every word stemmed. `normalizeWords("Mentored the new hires")` is `["mentor", "new", "hir"]`.
 */
export function normalizeWords(text: string): string[] {
  const out: string[] = [];
  if (!text) return out;
  for (const match of fold(text).matchAll(WORD)) {
    const word = match[0];
    if (ARTICLES.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/**
 * The prose of a markdown note: YAML front matter, fenced code blocks, HTML comments and bare URLs are
 * removed (a code sample saying `rollout` evidences nothing). Line structure is otherwise kept.
 */
export function proseOf(markdown: string): string {
  let text = markdown.replace(/^\uFEFF/, '');
  const front = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (front) text = text.slice(front[0].length);
  if (text.includes('```') || text.includes('~~~')) text = stripFences(text);
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/\b(?:https?|file):\/\/\S+/g, ' ');
}

function stripFences(text: string): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined) {
      if (open) fence = open[1]!;
      else kept.push(line);
    } else if (open && open[1]![0] === fence[0] && open[1]!.length >= fence.length && line.trim() === open[1]) {
      fence = undefined; // closing fence: same character, at least as long, nothing after it
    }
  }
  return kept.join('\n');
}
