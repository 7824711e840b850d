import { z } from 'zod';

/**
 * The ladder format: the built-in ladder and a team's `.career/ladder.yaml` share it.
 *
 * - A criterion id is `<track>.<level>.<slug>`, e.g. `ic.L6.cross-team-direction`.
 * - Level ids are unique across the whole ladder (settings name a level by id alone): `L3`...`L8` on
 *   the IC track (aliases `E3`...`E8`), `TL`, `EM`, `SEM`, `DIR`, `VP`, `CTO` on the management track.
 * - `equivalent` names the level of the other track with the same seniority (Senior ~ EM).
 */
export const CRITERION_ID = /^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9+]*\.[a-z0-9][a-z0-9-]*$/;
export const LEVEL_ID = /^[A-Za-z][A-Za-z0-9+]*$/;
export const TRACK_ID = /^[a-z][a-z0-9-]*$/;

const text = z.string().trim().min(1, 'must not be empty');

export const CriterionSchema = z.object({
  id: z.string().regex(CRITERION_ID, 'must look like <track>.<level>.<slug>, e.g. ic.L6.cross-team-direction'),
  area: text,
  title: text,
  description: z.string().default(''),
  /** Phrases that suggest a note evidences this criterion (used by auto-tagging). */
  signals: z.array(text).default([]),
});

export const LevelSchema = z.object({
  id: z.string().regex(LEVEL_ID, 'must be a short code such as L5 or EM'),
  title: text,
  aliases: z.array(text).default([]),
  scope: z.string().default(''),
  typicalYears: z.string().default(''),
  equivalent: z.string().nullable().default(null),
  /** How impact is made at this level, one sentence. */
  summary: z.string().default(''),
  criteria: z.array(CriterionSchema).default([]),
});

export const TrackSchema = z.object({
  id: z.string().regex(TRACK_ID, 'must be lowercase, e.g. ic or management'),
  title: text,
  description: z.string().default(''),
  levels: z.array(LevelSchema).min(1, 'a track needs at least one level'),
});

export const ArchetypeSchema = z.object({
  id: text,
  title: text,
  description: z.string().default(''),
  /** Levels at which the archetype is usually seen. */
  levels: z.array(text).default([]),
});

export const SpecializationSchema = z.object({
  id: text,
  title: text,
  description: z.string().default(''),
  focus: z.array(text).default([]),
});

export const LadderSchema = z.object({
  name: text,
  description: z.string().default(''),
  tracks: z.array(TrackSchema).min(1, 'a ladder needs at least one track'),
  archetypes: z.array(ArchetypeSchema).default([]),
  specializations: z.array(SpecializationSchema).default([]),
});

/*
 * A file that `extends` another ladder carries patches: every item is matched by id and only the fields
 * it names change. New ids add items. `remove` drops levels or criteria by id.
 */
// Patches name no defaults: a field left out must keep the base's value, not become ''.
const CriterionPatchSchema = z.object({
  id: CriterionSchema.shape.id,
  area: text.optional(),
  title: text.optional(),
  description: z.string().optional(),
  signals: z.array(text).optional(),
});
const LevelPatchSchema = z.object({
  id: LevelSchema.shape.id,
  title: text.optional(),
  aliases: z.array(text).optional(),
  scope: z.string().optional(),
  typicalYears: z.string().optional(),
  equivalent: z.string().nullable().optional(),
  summary: z.string().optional(),
  criteria: z.array(CriterionPatchSchema).optional(),
});
const TrackPatchSchema = z.object({
  id: TrackSchema.shape.id,
  title: text.optional(),
  description: z.string().optional(),
  levels: z.array(LevelPatchSchema).optional(),
});

export const LadderFileSchema = z.object({
  /** `builtin`, or a path (relative to this file) of another ladder file. */
  extends: text.optional(),
  name: text.optional(),
  description: z.string().optional(),
  tracks: z.array(TrackPatchSchema).optional(),
  archetypes: z.array(ArchetypeSchema).optional(),
  specializations: z.array(SpecializationSchema).optional(),
  remove: z.array(text).optional(),
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
