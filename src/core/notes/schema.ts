import * as z from 'zod/mini';
import { isIsoDate } from '../util/dates';

/**
 * Note front matter. Every field is optional and checked on its own, so one bad field never hides the
 * others: the note is indexed with what could be read. Unknown keys are kept as they are.
 */
export const NOTE_TYPES = ['brag', 'design-doc', 'decision', 'feedback', 'note', 'packet'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];
/** The types a person writes (a packet is generated, and is never evidence). */
export const AUTHORED_TYPES = ['brag', 'design-doc', 'decision', 'feedback', 'note'] as const satisfies readonly NoteType[];

export const MAX_CRITERIA_PER_NOTE = 200;

const isoDate = z.string({ error: 'must be a date written YYYY-MM-DD' }).check(z.refine(isIsoDate, 'must be a real date written YYYY-MM-DD, e.g. 2025-03-14'));

const text = z.pipe(
  z.union([z.string(), z.number()], { error: 'must be text' }),
  z.transform((v: string | number) => String(v)),
);
const textList = z.pipe(
  z.union(
    [
      z.array(text),
      z.pipe(
        text,
        z.transform((s: string) => [s]),
      ),
    ],
    { error: 'must be a list of text' },
  ),
  z.transform((list: string[]) => list.filter((s) => s.trim() !== '')),
);

export const NOTE_FIELDS = {
  type: z.enum(NOTE_TYPES, { error: `must be one of ${AUTHORED_TYPES.join(', ')}` }),
  title: text,
  date: isoDate,
  criteria: z
    .array(z.string({ error: 'must be a criterion id (text)' }))
    .check(z.maxLength(MAX_CRITERIA_PER_NOTE, `at most ${MAX_CRITERIA_PER_NOTE} criteria per note`)),
  level: text,
  impact: textList,
  links: textList,
  status: text,
  review: isoDate,
  /** Feedback notes: who said it. */
  from: text,
} as const;

export type NoteField = keyof typeof NOTE_FIELDS;

/** The whole front matter as one schema (documentation, types). Unknown keys are kept. */
export const NoteFrontMatterSchema = z.looseObject({
  type: z.optional(NOTE_FIELDS.type),
  title: z.optional(NOTE_FIELDS.title),
  date: z.optional(NOTE_FIELDS.date),
  criteria: z.optional(NOTE_FIELDS.criteria),
  level: z.optional(NOTE_FIELDS.level),
  impact: z.optional(NOTE_FIELDS.impact),
  links: z.optional(NOTE_FIELDS.links),
  status: z.optional(NOTE_FIELDS.status),
  review: z.optional(NOTE_FIELDS.review),
  from: z.optional(NOTE_FIELDS.from),
});

export type NoteFrontMatter = z.output<typeof NoteFrontMatterSchema>;

/** What the index keeps of a note: small, plain, serialisable (it is also the cache format). */
export interface NoteMeta {
  readonly type: NoteType;
  readonly title: string;
  /** `YYYY-MM-DD`, from front matter or the file name; null when neither has one. */
  readonly date: string | null;
  readonly criteria: readonly string[];
  readonly level?: string;
  readonly impact: readonly string[];
  readonly links: readonly string[];
  readonly status?: string;
  /** For decision records: when to review the decision against its outcome. */
  readonly review: string | null;
  /** For feedback: who said it (their words, not the note's author's). */
  readonly from?: string;
}
