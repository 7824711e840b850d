import type { CriterionData, LadderData, LevelData, TrackData } from './schema';

export interface LevelRef {
  /** The track the level is defined on (for a shared trunk level: the trunk's track). */
  readonly track: TrackData;
  readonly level: LevelData;
  /** Position of the level on its own track, 0 = the first (most junior). */
  readonly index: number;
}

export interface CriterionRef {
  readonly track: TrackData;
  readonly level: LevelData;
  readonly criterion: CriterionData;
}

/** Where a level lands on a track (see {@link Ladder.placeOnTrack}). */
export interface Placement {
  /** The level on the track's path: the level itself, its declared equivalent, or the level of the same rank. */
  readonly ref: LevelRef;
  /** How it was found. `below-entry`: the level is junior to the track's first own level (no `from`). */
  readonly how: 'on-path' | 'same-id' | 'declared' | 'rank' | 'below-entry' | 'first';
}

/** The person's track, current and target level, from settings (see {@link Ladder.resolve}). */
export interface ResolvedLevels {
  /** The person's track (`careerLattice.track`, or the first track when that names none). */
  readonly track: TrackData;
  readonly current: LevelRef;
  readonly target: LevelRef;
  /** The target is not reached by going up one track from the current level (L5 -> EM). */
  readonly changeOfTrack: boolean;
}

/**
 * The effective ladder (built-in or custom, after `extends` is resolved) with the look-ups every
 * feature needs. Immutable: a new ladder file makes a new `Ladder`.
 *
 * A track's *path* is what a person on it climbs: the trunk it starts `from` (the levels of another
 * track up to and including the fork level, recursively) and then its own levels.
 */
export class Ladder {
  /** Level id or alias (upper case) -> the first level with it, in track order. */
  private readonly levels = new Map<string, LevelRef>();
  /** Per track: level id or alias (upper case) -> the level of that track. */
  private readonly byTrack = new Map<string, Map<string, LevelRef>>();
  private readonly criteria = new Map<string, CriterionRef>();
  private readonly tracksById = new Map<string, TrackData>();
  private readonly refs = new Map<LevelData, LevelRef>();
  private readonly paths = new Map<string, LevelRef[]>();
  private readonly pathIndex = new Map<string, Map<LevelData, number>>();
  private readonly effective = new Map<LevelData, CriterionData[]>();

  constructor(readonly data: LadderData) {
    for (const track of data.tracks) {
      if (!this.tracksById.has(track.id)) this.tracksById.set(track.id, track);
      const own = new Map<string, LevelRef>();
      this.byTrack.set(track.id, own);
      track.levels.forEach((level, index) => {
        const ref: LevelRef = { track, level, index };
        this.refs.set(level, ref);
        const key = level.id.toUpperCase();
        if (!own.has(key)) own.set(key, ref);
        if (!this.levels.has(key)) this.levels.set(key, ref);
        for (const criterion of level.criteria) this.criteria.set(criterion.id, { track, level, criterion });
      });
      // Aliases after ids: an id always wins over another level's alias.
      for (const ref of own.values()) {
        for (const alias of ref.level.aliases) {
          const key = alias.toUpperCase();
          if (!own.has(key)) own.set(key, ref);
        }
      }
    }
    for (const track of data.tracks) {
      for (const level of track.levels) {
        for (const alias of level.aliases) {
          const key = alias.toUpperCase();
          if (!this.levels.has(key)) this.levels.set(key, this.refs.get(level)!);
        }
      }
    }
    for (const track of data.tracks) this.buildPath(track);
  }

  private buildPath(track: TrackData): LevelRef[] {
    const built = this.paths.get(track.id);
    if (built) return built;
    const path: LevelRef[] = [];
    // A `from` chain is checked for cycles when the ladder is loaded; this guard keeps a hand-made one finite.
    const seen = new Set<string>([track.id]);
    const trunk: LevelRef[][] = [];
    let fork = track.from ? this.forkLevel(track) : undefined;
    while (fork && !seen.has(fork.track.id)) {
      seen.add(fork.track.id);
      trunk.unshift(fork.track.levels.slice(0, fork.index + 1).map((level) => this.refs.get(level)!));
      fork = fork.track.from ? this.forkLevel(fork.track) : undefined;
    }
    for (const part of trunk) path.push(...part);
    track.levels.forEach((level, index) => path.push(this.refs.get(level) ?? { track, level, index }));
    this.paths.set(track.id, path);
    this.pathIndex.set(track.id, new Map(path.map((ref, i) => [ref.level, i])));
    return path;
  }

  /** The level a track starts from (`SE1` or `ic.SE1`), never on the track itself. */
  forkLevel(track: TrackData): LevelRef | undefined {
    if (!track.from) return undefined;
    const ref = this.levelOf(track.from, undefined, track.id);
    return ref && ref.track.id !== track.id ? ref : undefined;
  }

  get name(): string {
    return this.data.name;
  }

  get tracks(): readonly TrackData[] {
    return this.data.tracks;
  }

  track(id: string | undefined): TrackData | undefined {
    return id === undefined ? undefined : this.tracksById.get(id);
  }

  /** The levels a person on `trackId` climbs: the shared trunk, then the track's own levels. */
  path(trackId: string): readonly LevelRef[] {
    return this.paths.get(trackId) ?? [];
  }

  /** The position of a level on a track's path, or undefined when the path does not hold it. */
  positionOn(trackId: string, level: LevelData): number | undefined {
    return this.pathIndex.get(trackId)?.get(level);
  }

  /**
   * A level by id or alias, case-insensitive: `L6`, `e6`, `sem`, or `track.ID` for a level of a given
   * track. With `trackId`, a level on that track's path wins over one of another track with the same id.
   */
  level(idOrAlias: string | undefined | null, trackId?: string): LevelRef | undefined {
    if (!idOrAlias) return undefined;
    return this.levelOf(idOrAlias.trim(), trackId);
  }

  private levelOf(text: string, trackId: string | undefined, notTrack?: string): LevelRef | undefined {
    const dot = text.indexOf('.');
    if (dot > 0 && dot === text.lastIndexOf('.')) {
      const own = this.byTrack.get(text.slice(0, dot));
      if (own) return own.get(text.slice(dot + 1).toUpperCase());
    }
    const key = text.toUpperCase();
    if (trackId !== undefined) {
      const own = this.byTrack.get(trackId)?.get(key);
      if (own) return own;
      // The trunk the track starts from.
      const path = this.paths.get(trackId);
      if (path) {
        for (const ref of path) {
          if (ref.level.id.toUpperCase() === key) return ref;
        }
        for (const ref of path) {
          if (ref.level.aliases.some((a) => a.toUpperCase() === key)) return ref;
        }
      }
    }
    const first = this.levels.get(key);
    if (notTrack === undefined || !first || first.track.id !== notTrack) return first;
    for (const track of this.data.tracks) {
      if (track.id === notTrack) continue;
      const ref = this.byTrack.get(track.id)?.get(key);
      if (ref) return ref;
    }
    return undefined;
  }

  /** Every track that has a level with this id or alias. */
  tracksWithLevel(idOrAlias: string): TrackData[] {
    const key = idOrAlias.trim().toUpperCase();
    return this.data.tracks.filter((t) => this.byTrack.get(t.id)?.has(key));
  }

  /** The ref of a level object of this ladder. */
  refOf(level: LevelData): LevelRef | undefined {
    return this.refs.get(level);
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

  /**
   * The criteria that apply at a level: its own, then, when it says `carryForward: true`, those of the
   * level below it on its track's path (recursively), each once.
   */
  criteriaOf(ref: LevelRef | LevelData): readonly CriterionData[] {
    const level = 'level' in ref && 'index' in ref ? ref.level : (ref as LevelData);
    const cached = this.effective.get(level);
    if (cached) return cached;
    const out: CriterionData[] = [];
    const seen = new Set<string>();
    const add = (criteria: readonly CriterionData[]) => {
      for (const c of criteria) {
        if (!seen.has(c.id)) {
          seen.add(c.id);
          out.push(c);
        }
      }
    };
    let current: LevelData | undefined = level;
    const visited = new Set<LevelData>();
    while (current && !visited.has(current)) {
      visited.add(current);
      add(current.criteria);
      if (!current.carryForward) break;
      current = this.below(current)?.level;
    }
    this.effective.set(level, out);
    return out;
  }

  /** The level below a level on its own track's path (across a fork into the trunk). */
  below(level: LevelData): LevelRef | undefined {
    const ref = this.refs.get(level);
    if (!ref) return undefined;
    const at = this.positionOn(ref.track.id, level);
    return at !== undefined && at > 0 ? this.path(ref.track.id)[at - 1] : undefined;
  }

  /** Levels whose criteria carry into this one (`carryForward`), nearest first. */
  carriedFrom(level: LevelData): LevelRef[] {
    const out: LevelRef[] = [];
    const visited = new Set<LevelData>([level]);
    let current: LevelData | undefined = level;
    while (current?.carryForward) {
      const next = this.below(current);
      if (!next || visited.has(next.level)) break;
      visited.add(next.level);
      out.push(next);
      current = next.level;
    }
    return out;
  }

  /**
   * The level after `levelId` on the path of `trackId` (default: the level's own track), or undefined
   * at the top.
   */
  nextLevel(levelId: string, trackId?: string): LevelRef | undefined {
    const ref = this.level(levelId, trackId);
    if (!ref) return undefined;
    const on = trackId !== undefined && this.positionOn(trackId, ref.level) !== undefined ? trackId : ref.track.id;
    const at = this.positionOn(on, ref.level)!;
    return this.path(on)[at + 1];
  }

  /** Every level that can come after `levelId`: the next on its track and the first of each track that forks there. */
  nextLevels(levelId: string, trackId?: string): LevelRef[] {
    const ref = this.level(levelId, trackId);
    if (!ref) return [];
    const out: LevelRef[] = [];
    const own = this.nextLevel(ref.level.id, ref.track.id);
    if (own) out.push(own);
    for (const track of this.data.tracks) {
      if (track.id !== ref.track.id && this.forkLevel(track)?.level === ref.level && track.levels[0]) out.push(this.refs.get(track.levels[0])!);
    }
    return out;
  }

  previousLevel(levelId: string, trackId?: string): LevelRef | undefined {
    const ref = this.level(levelId, trackId);
    if (!ref) return undefined;
    const on = trackId !== undefined && this.positionOn(trackId, ref.level) !== undefined ? trackId : ref.track.id;
    const at = this.positionOn(on, ref.level)!;
    return at > 0 ? this.path(on)[at - 1] : undefined;
  }

  /** True when `b` is above `a` on one track's path: going from a to b is a promotion, not a change of track. */
  isAbove(a: LevelData, b: LevelData): boolean {
    for (const track of this.data.tracks) {
      const i = this.positionOn(track.id, a);
      const j = this.positionOn(track.id, b);
      if (i !== undefined && j !== undefined && j > i) return true;
    }
    return false;
  }

  /** The levels a level is declared equivalent to (either side may declare it), each once. */
  declaredEquivalents(level: LevelData): LevelRef[] {
    this.equivalents ??= this.buildEquivalents();
    return this.equivalents.get(level) ?? [];
  }

  private equivalents: Map<LevelData, LevelRef[]> | undefined;

  private buildEquivalents(): Map<LevelData, LevelRef[]> {
    const map = new Map<LevelData, LevelRef[]>();
    const link = (a: LevelRef, b: LevelRef) => {
      if (a.track.id === b.track.id) return;
      const list = map.get(a.level) ?? [];
      if (!list.some((r) => r.level === b.level)) list.push(b);
      map.set(a.level, list);
    };
    for (const ref of this.refs.values()) {
      const eq = ref.level.equivalent;
      if (!eq) continue;
      // `IC4` names IC4 on every other track that has it (disciplines sharing levels); `backend.IC4` one.
      const qualified = eq.includes('.');
      const targets = qualified
        ? [this.level(eq)].filter((r): r is LevelRef => r !== undefined)
        : this.tracksWithLevel(eq)
            .filter((t) => t.id !== ref.track.id)
            .map((t) => this.byTrack.get(t.id)!.get(eq.toUpperCase())!);
      for (const target of targets) {
        link(ref, target);
        link(target, ref);
      }
    }
    return map;
  }

  /** The level of another track with the same seniority (Senior ~ Engineering Manager), declared on either side. */
  equivalent(levelId: string, trackId?: string): LevelRef | undefined {
    const ref = this.level(levelId, trackId);
    if (!ref) return undefined;
    const all = this.declaredEquivalents(ref.level);
    if (trackId === undefined || trackId === ref.track.id) return all[0];
    return all.find((r) => this.positionOn(trackId, r.level) !== undefined) ?? all[0];
  }

  /**
   * Where a level lands on another track: itself when the track's path holds it; the level with the same
   * id there (disciplines sharing IC1...IC7); a declared equivalent; else the level of the same rank
   * counted from the nearest declared equivalence (a level between two declared pairs keeps its distance
   * from the one below; without any declaration, the same position). A level junior to the first level
   * of a track that does not start `from` anywhere is `below-entry`: the track's first level, which a
   * person at that level would work toward.
   */
  placeOnTrack(trackId: string, levelId: string | undefined, fromTrack?: string): Placement | undefined {
    const track = this.track(trackId);
    const path = this.path(trackId);
    if (!track || path.length === 0) return undefined;
    const ref = this.level(levelId, fromTrack);
    if (!ref) {
      const first = this.refs.get(track.levels[0]!)!;
      return { ref: first, how: 'first' };
    }
    if (this.positionOn(trackId, ref.level) !== undefined) return { ref, how: 'on-path' };
    const sameId = this.byTrack.get(trackId)?.get(ref.level.id.toUpperCase());
    if (sameId) return { ref: sameId, how: 'same-id' };
    const declared = this.declaredEquivalents(ref.level).find((r) => this.positionOn(trackId, r.level) !== undefined);
    if (declared) return { ref: declared, how: 'declared' };
    // Rank: positions on the source path and the target path, anchored on declared pairs and shared levels.
    const source = fromTrack !== undefined && this.positionOn(fromTrack, ref.level) !== undefined ? fromTrack : ref.track.id;
    const sourcePath = this.path(source);
    const at = this.positionOn(source, ref.level)!;
    let below: [number, number] | undefined;
    let above: [number, number] | undefined;
    sourcePath.forEach((r, i) => {
      let j = this.positionOn(trackId, r.level);
      if (j === undefined) {
        const eq = this.declaredEquivalents(r.level).find((e) => this.positionOn(trackId, e.level) !== undefined);
        j = eq ? this.positionOn(trackId, eq.level) : undefined;
      }
      if (j === undefined) return;
      if (i < at && (!below || i > below[0])) below = [i, j];
      if (i > at && (!above || i < above[0])) above = [i, j];
    });
    let j: number;
    if (below) {
      j = below[1] + (at - below[0]);
      if (above) j = Math.max(below[1], Math.min(j, above[1] - 1));
    } else if (above) {
      j = above[1] - (above[0] - at);
      if (j < 0) return { ref: path[0]!, how: 'below-entry' };
    } else {
      j = at;
    }
    j = Math.max(0, Math.min(j, path.length - 1));
    return { ref: path[j]!, how: 'rank' };
  }

  /** The level to show for `levelId` on `trackId` (see {@link placeOnTrack}). */
  levelOnTrack(trackId: string, levelId: string | undefined): LevelRef | undefined {
    return this.placeOnTrack(trackId, levelId)?.ref;
  }

  /**
   * The person's track, current and target level from settings, falling back sensibly on bad values:
   * an unknown track is the first track; the current level is looked up on the track's path first (a
   * level of another track is placed on it, see {@link placeOnTrack}); the target may be any level of
   * any track above the current one or on another track (a change of track), else the next level.
   */
  resolve(options: { track?: string | undefined; currentLevel?: string | undefined; targetLevel?: string | undefined }): ResolvedLevels {
    const track = this.track(options.track) ?? this.data.tracks[0]!;
    const placed = this.placeOnTrack(track.id, options.currentLevel, track.id)!;
    let current = placed.ref;
    let natural: LevelRef | undefined;
    if (placed.how === 'below-entry') {
      // A person below a track's entry stays where they are and works toward its first level.
      current = this.level(options.currentLevel, track.id)!;
      natural = placed.ref;
    } else {
      const at = this.positionOn(track.id, current.level);
      natural = at !== undefined ? this.path(track.id)[at + 1] : this.nextLevel(current.level.id, current.track.id);
    }
    const wanted = options.targetLevel ? this.level(options.targetLevel, track.id) : undefined;
    let target = natural ?? current;
    if (wanted && wanted.level !== current.level) {
      const sameTrack = this.positionOn(track.id, wanted.level) !== undefined || wanted.track.id === current.track.id;
      if (!sameTrack || this.isAbove(current.level, wanted.level)) target = wanted;
    }
    const changeOfTrack = target.level !== current.level && !this.isAbove(current.level, target.level);
    return { track, current, target, changeOfTrack };
  }

  /** `L6 (E6)`: the id and its aliases, for labels. */
  levelCodes(levelId: string, trackId?: string): string {
    const ref = this.level(levelId, trackId);
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
