import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The ladder format: the built-in ladder and a team's `.career/ladder.yaml` share it.
 *
 * - A criterion id is `<track>.<level>.<slug>`, e.g. `ic.L6.cross-team-direction`.
 * - Level ids are unique across the whole ladder (settings name a level by id alone): `L3`...`L8` on
 *   the IC track (aliases `E3`...`E8`), `TL`, `EM`, `SEM`, `DIR`, `VP`, `CTO` on the management track.
 * - `equivalent` names the level of the other track with the same seniority (Senior ~ EM).
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
const levelId = z.string().check(z.regex(LEVEL_ID, 'must be a short code such as L5 or EM'));
const trackId = z.string().check(z.regex(TRACK_ID, 'must be lowercase, e.g. ic or management'));

export const CriterionSchema = z.object({
  id: criterionId,
  area: text,
  title: text,
  description: textDefault,
  /** Phrases that suggest a note evidences this criterion (used by auto-tagging). */
  signals: textList,
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
  criteria: z._default(z.array(CriterionSchema), []),
});

export const TrackSchema = z.object({
  id: trackId,
  title: text,
  description: textDefault,
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
});
const LevelPatchSchema = z.object({
  id: levelId,
  title: z.optional(text),
  aliases: z.optional(z.array(text)),
  scope: optionalText,
  typicalYears: optionalText,
  equivalent: z.optional(z.nullable(z.string())),
  summary: optionalText,
  criteria: z.optional(z.array(CriterionPatchSchema)),
});
const TrackPatchSchema = z.object({
  id: trackId,
  title: z.optional(text),
  description: optionalText,
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
  criterion: Object.keys(CriterionSchema.shape),
  archetype: Object.keys(ArchetypeSchema.shape),
  specialization: Object.keys(SpecializationSchema.shape),
} as const;
