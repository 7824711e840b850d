import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The ladder format: the built-in ladder and a team's `.career/ladder.yaml` share it.
 *
 * - Any number of tracks. A criterion id is `<track>.<level>.<slug>`, e.g. `ic.L6.cross-team-direction`.
 * - Level ids are unique within their track (disciplines may all use IC1...IC7); a level of another
 *   track is named `track.LEVEL` where the bare id would be ambiguous. The built-in ladder: `L3`...`L8`
 *   on the IC track (aliases `E3`...`E8`), `TL`, `EM`, `SEM`, `DIR`, `VP`, `CTO` on the management track.
 * - `equivalent` names the level of another track with the same seniority (Senior ~ EM).
 * - A track may start `from` a level of another track: the levels up to it are its shared trunk.
 * - `carryForward: true` on a level: the criteria of the level below still apply there.
 *
 * zod's tree-shakable "mini" API keeps the extension bundle small.
 */
// Plain-English messages for the checks that carry no message of their own.
z.config(en());

export const CRITERION_ID = /^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9+]*\.[a-z0-9][a-z0-9-]*$/;
export const LEVEL_ID = /^[A-Za-z][A-Za-z0-9+]*$/;
export const TRACK_ID = /^[a-z][a-z0-9-]*$/;

const text = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));
const optionalText = z.optional(z.string());
const textDefault = z._default(z.string(), '');
const textList = z._default(z.array(text), []);

const criterionId = z.string().check(z.regex(CRITERION_ID, 'must look like <track>.<level>.<slug>, e.g. ic.L6.cross-team-direction'));
/** What a level id may hold, said in full: the message is all a person has to fix it with. */
export const LEVEL_ID_RULE =
  'a level id starts with a letter and has only letters, digits and + (such as L5, EM, IC3 or SE2); no spaces, dashes, dots or underscores';
const levelId = z.string().check(z.regex(LEVEL_ID, LEVEL_ID_RULE));
const count = z.number().check(z.nonnegative('must be 0 or more'));
const trackId = z.string().check(z.regex(TRACK_ID, 'must be lowercase, e.g. ic or management'));

export const CriterionSchema = z.object({
  id: criterionId,
  area: text,
  title: text,
  description: textDefault,
  /** Phrases that suggest a note evidences this criterion (used by auto-tagging). */
  signals: textList,
  /** An optional group above `area` (a pillar above a competency). */
  group: z.optional(text),
  /** What is expected at this level, in a word or a phrase (`proficient`, `leads it`). */
  expectation: z.optional(text),
  /** Points this criterion is worth once evidenced, for ladders that count points against a threshold. */
  points: z.optional(count),
});

export const LevelSchema = z.object({
  id: levelId,
  title: text,
  aliases: textList,
  scope: textDefault,
  typicalYears: textDefault,
  equivalent: z._default(z.nullable(z.string()), null),
  /** How impact is made at this level, one sentence. */
  summary: textDefault,
  /** The criteria of the level below (on this level's track, or the trunk it starts from) still apply. */
  carryForward: z.optional(z.boolean()),
  /** Points of evidenced criteria that make this level, for ladders that count points. */
  threshold: z.optional(count),
  criteria: z._default(z.array(CriterionSchema), []),
});

export const TrackSchema = z.object({
  id: trackId,
  title: text,
  description: textDefault,
  /** A level of another track this one starts from (`SE1` or `ic.SE1`): the levels up to it are shared. */
  from: z.optional(text),
  levels: z.array(LevelSchema).check(z.minLength(1, 'a track needs at least one level')),
});

export const ArchetypeSchema = z.object({
  id: text,
  title: text,
  description: textDefault,
  /** Levels at which the archetype is usually seen. */
  levels: textList,
});

export const SpecializationSchema = z.object({
  id: text,
  title: text,
  description: textDefault,
  focus: textList,
});

export const LadderSchema = z.object({
  name: text,
  description: textDefault,
  tracks: z.array(TrackSchema).check(z.minLength(1, 'a ladder needs at least one track')),
  archetypes: z._default(z.array(ArchetypeSchema), []),
  specializations: z._default(z.array(SpecializationSchema), []),
});

/*
 * A file that `extends` another ladder carries patches: every item is matched by id and only the fields
 * it names change. New ids add items. `remove` drops levels or criteria by id.
 * Patches name no defaults: a field left out must keep the base's value, not become ''.
 */
const CriterionPatchSchema = z.object({
  id: criterionId,
  area: z.optional(text),
  title: z.optional(text),
  description: optionalText,
  signals: z.optional(z.array(text)),
  group: z.optional(text),
  expectation: z.optional(text),
  points: z.optional(count),
});
const LevelPatchSchema = z.object({
  id: levelId,
  title: z.optional(text),
  /** Merged with the base level's aliases, unless `replaceAliases: true`. */
  aliases: z.optional(z.array(text)),
  replaceAliases: z.optional(z.boolean()),
  scope: optionalText,
  typicalYears: optionalText,
  equivalent: z.optional(z.nullable(z.string())),
  summary: optionalText,
  carryForward: z.optional(z.boolean()),
  threshold: z.optional(count),
  /** Where an added (or moved) level goes on its track: after or before a level id of that track. */
  after: z.optional(text),
  before: z.optional(text),
  criteria: z.optional(z.array(CriterionPatchSchema)),
});
const TrackPatchSchema = z.object({
  id: trackId,
  title: z.optional(text),
  description: optionalText,
  from: z.optional(text),
  levels: z.optional(z.array(LevelPatchSchema)),
});

export const LadderFileSchema = z.object({
  /** `builtin`, or a path (relative to this file) of another ladder file. */
  extends: z.optional(text),
  name: z.optional(text),
  description: optionalText,
  tracks: z.optional(z.array(TrackPatchSchema)),
  archetypes: z.optional(z.array(ArchetypeSchema)),
  specializations: z.optional(z.array(SpecializationSchema)),
  remove: z.optional(z.array(text)),
});

export type CriterionData = z.output<typeof CriterionSchema>;
export type LevelData = z.output<typeof LevelSchema>;
export type TrackData = z.output<typeof TrackSchema>;
export type LadderData = z.output<typeof LadderSchema>;
export type LadderInput = z.input<typeof LadderSchema>;
export type LadderFile = z.output<typeof LadderFileSchema>;
export type CriterionPatch = z.output<typeof CriterionPatchSchema>;
export type LevelPatch = z.output<typeof LevelPatchSchema>;
export type TrackPatch = z.output<typeof TrackPatchSchema>;

/** Keys each object of a ladder file may have, for "unknown key" warnings (a typo such as `critera`). */
export const KNOWN_KEYS = {
  ladder: Object.keys(LadderFileSchema.shape),
  track: Object.keys(TrackSchema.shape),
  level: Object.keys(LevelSchema.shape),
  /** In a file that `extends`: a level may also say where it goes and how its aliases merge. */
  levelPatch: Object.keys(LevelPatchSchema.shape),
  criterion: Object.keys(CriterionSchema.shape),
  archetype: Object.keys(ArchetypeSchema.shape),
  specialization: Object.keys(SpecializationSchema.shape),
} as const;
