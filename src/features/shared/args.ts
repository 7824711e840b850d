import * as z from 'zod/mini';
import * as vscode from 'vscode';
import { PERIOD_PRESETS } from '../../core/evidence/period';
import { isIsoDate } from '../../core/util/dates';

/**
 * Argument objects of the commands that prompt: each answers the prompts it has values for, so a
 * command can be bound to a key, scripted by another extension or driven by a test.
 */
const criteria = z.array(z.string().check(z.trim(), z.minLength(1))).check(z.maxLength(200));
const level = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));

/** The workspace folder a note goes in: its name, its URI or its path on disk (asked when several are open and it is not given). */
const folder = z.string().check(z.trim(), z.minLength(1, 'folder must not be empty'), z.maxLength(4096));

const title = z.string().check(z.trim(), z.minLength(1, 'title must not be empty'), z.maxLength(200, 'title must be under 200 characters'));

export const NewNoteArgs = z.object({
  title: z.optional(title),
  criteria: z.optional(criteria),
  open: z.optional(z.boolean()),
  level: z.optional(level),
  /** Decisions: the review date (YYYY-MM-DD); default six months ahead. */
  review: z.optional(z.string().check(z.refine(isIsoDate, 'review must be a real date written YYYY-MM-DD'))),
  folder: z.optional(folder),
});
export type NewNoteArgs = z.output<typeof NewNoteArgs>;

export const SetLevelArgs = z.object({ track: z.optional(z.string().check(z.trim(), z.minLength(1))), level });
/** `careerLattice.switchTrack`: `{ track }` names the track to move to (no prompt). */
export const SwitchTrackArgs = z.object({ track: z.optional(z.string().check(z.trim(), z.minLength(1, 'track must not be empty'), z.maxLength(40))) });
export const TagNoteArgs = z.object({
  criteria,
  uri: z.optional(z.union([z.string(), z.custom<vscode.Uri>((v) => v instanceof vscode.Uri, 'must be a Uri')])),
});
export const CompareArgs = z.object({ from: z.optional(level), to: z.optional(level), open: z.optional(z.boolean()) });
const day = (name: string) => z.string().check(z.refine(isIsoDate, `${name} must be a real date written YYYY-MM-DD`));
const ordered = (v: { since?: string | undefined; until?: string | undefined }) => !v.since || !v.until || v.since <= v.until;
/** `since`/`until` override the review-period settings (each on its own). */
export const SummaryArgs = z
  .object({
    track: z.optional(z.string()),
    currentLevel: z.optional(z.string()),
    targetLevel: z.optional(z.string()),
    since: z.optional(day('since')),
    until: z.optional(day('until')),
  })
  .check(z.refine(ordered, 'since must not be after until'));
export const PacketArgs = z
  .object({
    open: z.optional(z.boolean()),
    targetLevel: z.optional(z.string()),
    format: z.optional(z.enum(['markdown', 'html'], { error: "format must be 'markdown' or 'html'" })),
    since: z.optional(day('since')),
    until: z.optional(day('until')),
    folder: z.optional(folder),
  })
  .check(z.refine(ordered, 'since must not be after until'));
export type PacketArgs = z.output<typeof PacketArgs>;
/** `{ start, end }` or `{ preset }` (H1, H2, Q1..Q4 of the current year, last 6 or 12 months, none). */
export const SetPeriodArgs = z.union(
  [
    z.object({ preset: z.enum(PERIOD_PRESETS, { error: `preset must be one of ${PERIOD_PRESETS.join(', ')}` }) }),
    z.object({ start: day('start'), end: day('end') }).check(z.refine((v) => v.start <= v.end, 'start must not be after end')),
  ],
  { error: 'give { start, end } (YYYY-MM-DD) or { preset }' },
);
export const FeedbackArgs = z.object({
  title: z.optional(title),
  from: z.optional(z.string().check(z.trim(), z.maxLength(200, 'from must be under 200 characters'))),
  criteria: z.optional(criteria),
  open: z.optional(z.boolean()),
  folder: z.optional(folder),
});
export type FeedbackArgs = z.output<typeof FeedbackArgs>;
export const ReviewArgs = z.object({ open: z.optional(z.boolean()) });
export const SuggestCriteriaArgs = z.object({
  title: z.string().check(z.maxLength(10_000, 'title must be under 10,000 characters')),
  body: z.string().check(z.maxLength(5_000_000, 'body must be under 5,000,000 characters')),
  track: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
  currentLevel: z.optional(level),
  targetLevel: z.optional(level),
});
const isoDate = (name: string) => z.string().check(z.refine(isIsoDate, `${name} must be a real date written YYYY-MM-DD`));
export const HarvestArgs = z.object({
  since: z.optional(isoDate('since')),
  until: z.optional(isoDate('until')),
  authors: z.optional(
    z
      .array(z.string().check(z.trim(), z.regex(/^[^\s@<>]+@[^\s@<>]+$/, 'each author must be an email address')))
      .check(z.minLength(1, 'authors must name at least one email'), z.maxLength(100)),
  ),
  repositories: z.optional(
    z
      .array(z.string().check(z.trim(), z.minLength(1, 'a repository path must not be empty'), z.maxLength(4096)))
      .check(z.minLength(1, 'repositories must name at least one path'), z.maxLength(200)),
  ),
  accept: z.optional(z.enum(['all', 'none'], { error: "accept must be 'all' or 'none'" })),
  open: z.optional(z.boolean()),
  /** Where accepted drafts are written (with several workspace folders). */
  folder: z.optional(folder),
});
export type HarvestArgs = z.output<typeof HarvestArgs>;
export const LogWinArgs = z.object({ title: z.optional(title), open: z.optional(z.boolean()), criteria: z.optional(criteria), folder: z.optional(folder) });
/** `careerLattice.newNote`: `type` skips the first prompt; the rest goes to that type's command. */
export const NewAnyNoteArgs = z.object({
  type: z.optional(z.enum(['brag', 'design-doc', 'decision', 'feedback'], { error: "type must be 'brag', 'design-doc', 'decision' or 'feedback'" })),
  folder: z.optional(folder),
});
/** Commands that write into one workspace folder (the notes folder, a ladder file). */
export const FolderArgs = z.object({ folder: z.optional(folder) });

/** Tree items passed by context menus carry a `kind`. */
export interface CriterionNodeLike {
  readonly kind: 'criterion';
  readonly criterionId: string;
}
export interface LevelNodeLike {
  readonly kind: 'level';
  readonly levelId: string;
  readonly trackId: string;
}
export interface NoteNodeLike {
  readonly kind: 'note';
  readonly path: string;
}

export function isNode<K extends string>(value: unknown, kind: K): value is { kind: K } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

/**
 * Parses a command's argument object. Returns the value, or undefined after telling the user what is
 * wrong (a command never fails silently on bad input, nor runs with half of it).
 */
export function parseArgs<T extends z.ZodMiniType>(command: string, schema: T, value: unknown): z.output<T> | undefined {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
  void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: {0} was given invalid arguments: {1}', command, detail));
  return undefined;
}
