/**
 * Text features for the learned tagger: the words and two-word phrases of a note, stemmed, with the
 * surface form each was first written in (for explanations).
 *
 * - case and diacritics are folded; a possessive `'s` is dropped, other apostrophes are removed;
 * - hyphenated compounds stay one token (`one-pager`, `on-call`, `cross-team`), so `one-pager` never
 *   becomes `pager`; a compound written with a space is two tokens, as written;
 * - numbers become one token `#num`, so "cut p99 by 40%" and "by 35%" meet; `1:1` and `1:1s` are `1:1`;
 * - words are stemmed with the Porter2 (Snowball English) stemmer of `wink-porter2-stemmer`;
 * - stop words (articles, pronouns, auxiliaries, the commonest prepositions) are not features and break
 *   phrases; words that carry meaning in career notes ("without", "across", "not") are kept.
 *
 * Every regular expression here is linear: no nested or adjacent unbounded quantifiers over the same
 * characters.
 */
import porter2 from 'wink-porter2-stemmer';

/** A token of a note, stemmed, with the form it was written in. */
export interface Token {
  readonly stem: string;
  readonly surface: string;
}

const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then so than that this these those there here of to in on at by for from with as ' +
    'into onto over under about after before during while also just very really quite much many more most some ' +
    'any each every all both either neither other such same few i me my mine myself we us our ours ourselves ' +
    'you your yours he him his she her hers it its they them their theirs what which who whom whose when where why ' +
    'how is are was were be been being am do does did doing done have has had having will would shall should can ' +
    'could may might must get got getting let lets make made one two three etc eg ie via per up out off down again ' +
    'still even though although because since until yet too now well like around'
  ).split(' '),
);

/** The one term every number becomes. */
export const NUMBER_TERM = '#num';
const NUMBER = NUMBER_TERM;
/**
 * A ratio such as `1:1` (`1:1s`), or letters and digits optionally joined by single hyphens or
 * apostrophes (`on-call`). Linear: the second branch always consumes what the first scanned.
 */
const WORD = /\d{1,3}:\d{1,3}(?:s(?![\p{L}\p{N}]))?|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
/** {@link WORD} for folded ASCII text (lowercase): the same matches, several times faster than Unicode classes. */
const WORD_ASCII = /\d{1,3}:\d{1,3}(?:s(?![a-z\d]))?|[a-z\d]+(?:['-][a-z\d]+)*/g;
const MAX_TOKEN_LENGTH = 40;

let stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** Porter2 stem of one folded word; a compound is stemmed part by part (`on-calls` -> `on-call`). */
export function stemWord(word: string): string {
  let cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  cached = word.includes('-') ? word.split('-').map(stemPart).join('-') : stemPart(word);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache = new Map();
  stemCache.set(word, cached);
  return cached;
}

function stemPart(part: string): string {
  if (part.length <= 2 || !/^[a-z]+$/.test(part)) return part;
  return porter2(part);
}

const ASCII = /^[\0-\x7f]*$/;

/** Lowercase, strip diacritics, unify apostrophes, drop possessive `'s`. */
export function foldText(text: string): string {
  if (ASCII.test(text)) {
    // Plain ASCII (most notes): nothing to decompose, no marks to strip, and the apostrophe rules below
    // with ASCII letters, only where there is an apostrophe.
    let folded = text.toLowerCase();
    if (folded.includes('`')) folded = folded.replace(/`/g, "'");
    if (folded.includes("'")) folded = folded.replace(/([a-z])'s(?![a-z\d])/g, '$1').replace(/([a-z])'([a-z])/g, '$1$2');
    return folded;
  }
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/(\p{L})'s(?![\p{L}\p{N}])/gu, '$1')
    .replace(/(\p{L})'(\p{L})/gu, '$1$2');
}

/** Punctuation that ends a clause, and line breaks: `.,;:!?()[]{}|/` and `\n`. */
const PHRASE_BREAKS = new Set([...'.,;:!?()[]{}|/\n'].map((c) => c.charCodeAt(0)));

/** Whether text[from, to) has a {@link PHRASE_BREAKS} character (no slice made). */
function breaksPhrase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (PHRASE_BREAKS.has(text.charCodeAt(i))) return true;
  return false;
}

/**
 * The tokens of a text, in order; `null` marks a phrase break (a stop word, punctuation that ends a
 * clause, a line break), so that two-word phrases never span one.
 */
export function tokenize(text: string): Array<Token | null> {
  const out: Array<Token | null> = [];
  if (!text) return out;
  const folded = foldText(text);
  let last = 0;
  for (const match of folded.matchAll(ASCII.test(folded) ? WORD_ASCII : WORD)) {
    const start = match.index;
    if (start > last && breaksPhrase(folded, last, start)) out.push(null);
    last = start + match[0].length;
    const word = match[0];
    if (word.length > MAX_TOKEN_LENGTH) {
      out.push(null);
      continue;
    }
    if (STOP_WORDS.has(word)) {
      out.push(null);
      continue;
    }
    if (word.includes(':')) {
      out.push({ stem: word.replace(/s$/, ''), surface: match[0] }); // 1:1, 1:1s
      continue;
    }
    const first = word.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      out.push({ stem: NUMBER, surface: word });
      continue;
    }
    out.push({ stem: stemWord(word), surface: match[0] });
  }
  return out;
}
