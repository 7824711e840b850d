import type { CriterionData, LadderData, LevelData, TrackData } from './schema';

export interface LevelRef {
  readonly track: TrackData;
  readonly level: LevelData;
  /** Position of the level on its track, 0 = the first (most junior). */
  readonly index: number;
}

export interface CriterionRef {
  readonly track: TrackData;
  readonly level: LevelData;
  readonly criterion: CriterionData;
}

/**
 * The effective ladder (built-in or custom, after `extends` is resolved) with the look-ups every
 * feature needs. Immutable: a new ladder file makes a new `Ladder`.
 */
export class Ladder {
  private readonly levels = new Map<string, LevelRef>();
  private readonly criteria = new Map<string, CriterionRef>();

  constructor(readonly data: LadderData) {
    for (const track of data.tracks) {
      track.levels.forEach((level, index) => {
        const ref: LevelRef = { track, level, index };
        this.levels.set(level.id.toUpperCase(), ref);
        for (const alias of level.aliases) {
          const key = alias.toUpperCase();
          if (!this.levels.has(key)) this.levels.set(key, ref);
        }
        for (const criterion of level.criteria) this.criteria.set(criterion.id, { track, level, criterion });
      });
    }
  }

  get name(): string {
    return this.data.name;
  }

  get tracks(): readonly TrackData[] {
    return this.data.tracks;
  }

  track(id: string): TrackData | undefined {
    return this.data.tracks.find((t) => t.id === id);
  }

  /** A level by id or alias, case-insensitive: `L6`, `e6`, `sem`. */
  level(idOrAlias: string | undefined | null): LevelRef | undefined {
    if (!idOrAlias) return undefined;
    return this.levels.get(idOrAlias.trim().toUpperCase());
  }

  criterion(id: string): CriterionRef | undefined {
    return this.criteria.get(id);
  }

  hasCriterion(id: string): boolean {
    return this.criteria.has(id);
  }

  /** Every criterion of the ladder, in ladder order. */
  allCriteria(): CriterionRef[] {
    return [...this.criteria.values()];
  }

  criterionIds(): string[] {
    return [...this.criteria.keys()];
  }

  /** The level after `levelId` on its track, or undefined at the top. */
  nextLevel(levelId: string): LevelRef | undefined {
    const ref = this.level(levelId);
    if (!ref) return undefined;
    const next = ref.track.levels[ref.index + 1];
    return next ? { track: ref.track, level: next, index: ref.index + 1 } : undefined;
  }

  previousLevel(levelId: string): LevelRef | undefined {
    const ref = this.level(levelId);
    if (!ref || ref.index === 0) return undefined;
    return { track: ref.track, level: ref.track.levels[ref.index - 1]!, index: ref.index - 1 };
  }

  /** The level of the other track with the same seniority (Senior ~ Engineering Manager). */
  equivalent(levelId: string): LevelRef | undefined {
    const ref = this.level(levelId);
    if (!ref) return undefined;
    if (ref.level.equivalent) {
      const eq = this.level(ref.level.equivalent);
      if (eq && eq.track.id !== ref.track.id) return eq;
    }
    // Equivalence is symmetric even when only one side declares it.
    for (const other of this.levels.values()) {
      if (other.track.id !== ref.track.id && other.level.equivalent && this.level(other.level.equivalent)?.level === ref.level) {
        return other;
      }
    }
    return undefined;
  }

  /**
   * The level to show for `levelId` on `trackId`: itself when it is on that track, else its
   * equivalent there, else the first level of that track.
   */
  levelOnTrack(trackId: string, levelId: string | undefined): LevelRef | undefined {
    const track = this.track(trackId);
    if (!track) return undefined;
    const ref = this.level(levelId);
    if (ref && ref.track.id === trackId) return ref;
    if (ref) {
      const eq = this.equivalent(ref.level.id);
      if (eq && eq.track.id === trackId) return eq;
      // No equivalent: the level of the same rank (index) on the other track, capped at its top.
      const index = Math.min(ref.index, track.levels.length - 1);
      return { track, level: track.levels[index]!, index };
    }
    return { track, level: track.levels[0]!, index: 0 };
  }

  /** `L6 (E6)`: the id and its aliases, for labels. */
  levelCodes(levelId: string): string {
    const ref = this.level(levelId);
    if (!ref) return levelId;
    return ref.level.aliases.length > 0 ? `${ref.level.id} (${ref.level.aliases.join(', ')})` : ref.level.id;
  }

  toJSON(): LadderData {
    return this.data;
  }
}

/** The level part of a criterion id: `ic.L6.cross-team-direction` -> `L6`. */
export function levelOfCriterionId(id: string): string | undefined {
  const parts = id.split('.');
  return parts.length >= 3 ? parts[1] : undefined;
}
