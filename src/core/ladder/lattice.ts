import type { Ladder, LevelRef } from './ladder';
import type { CriterionData, TrackData } from './schema';

/**
 * Careers move sideways as well as up: a Senior engineer trying management (L5 -> EM), a manager going
 * back to IC, a move into a specialization. When the target level is on another track, the views, the
 * status bar, the packet and Compare Levels say so, and suggest evidence that is worth gathering first.
 */
export interface TrackChange {
  readonly from: TrackData;
  readonly to: TrackData;
  /** The target track manages people (its id or title says so). */
  readonly toManagement: boolean;
  /** `A change of track: from Individual Contributor (L5) to Management (EM).` */
  readonly sentence: string;
  /** Things to try before committing, each a piece of evidence worth a note. */
  readonly tryFirst: readonly string[];
}

/** Try before you commit: the steps that tell a person whether they enjoy the work of management. */
export const TRY_MANAGEMENT_FIRST: readonly string[] = [
  'Lead a project where you coordinate the work of the team without formal authority',
  'Mentor a less experienced engineer for six months, to find out whether you enjoy coaching',
  'Shadow a manager for a week: sit in on their 1:1s and planning meetings',
  'Act as the manager while yours is on leave or between roles',
];

/** Why the steps above are worth the time, in a sentence (the seed: data on the work, not its status). */
export const TRY_MANAGEMENT_WHY = 'They tell you whether you enjoy the work of management itself, not only how it looks from outside.';

/** Moving back to an individual track, or into a specialization. */
export const TRY_TRACK_FIRST: readonly string[] = [
  'Take on work of the new track beside your current role (a project, an on-call rotation, a design review)',
  'Pair for a few weeks with someone already at the target level and write down what their week looks like',
  "Ask for one piece of work that needs the target level's criteria, and keep notes on how it went",
];

const MANAGEMENT = /manag|people|\bem\b|leadership/i;

export function isManagementTrack(track: TrackData): boolean {
  return MANAGEMENT.test(track.id) || MANAGEMENT.test(track.title);
}

/**
 * The change of track between a current and a target level, or undefined when the target is reached by
 * going up one track (a promotion, a fork's branch included).
 */
export function trackChange(
  ladder: Ladder,
  levels: { currentLevel: string; targetLevel: string; track?: string | undefined; targetTrack?: string | undefined },
): TrackChange | undefined {
  const current = ladder.level(levels.currentLevel, levels.track);
  const target = ladder.level(levels.targetLevel, levels.targetTrack ?? levels.track);
  if (!current || !target || current.level === target.level) return undefined;
  if (ladder.isAbove(current.level, target.level)) return undefined;
  const from = current.track;
  const to = target.track;
  const toManagement = isManagementTrack(to) && !isManagementTrack(from);
  return {
    from,
    to,
    toManagement,
    sentence: `A change of track: from ${from.title} (${current.level.id}) to ${to.title} (${target.level.id}).`,
    tryFirst: toManagement ? TRY_MANAGEMENT_FIRST : TRY_TRACK_FIRST,
  };
}

/** Markdown lines for a change of track: the sentence, then what to try first (escaped by `text`). */
export function trackChangeLines(change: TrackChange, text: (s: string) => string = (s) => s): string[] {
  return [
    `> **${text(change.sentence)}** ${text(change.toManagement ? 'Management is a change of work, not a step up: gather evidence that you enjoy it before you commit.' : 'The criteria below are those of the new track.')}`,
    '',
    change.toManagement ? '**Try before you commit** (each is evidence worth a note):' : '**Ways to gather evidence for the new track:**',
    '',
    ...change.tryFirst.map((t) => `- ${text(t)}`),
  ];
}

/**
 * A career decision weighs the level a person is at against the level they would be at on another
 * track. For the decision record template: the current level, and the target when it is on another
 * track (a change of track the person asked for), else the level the person would have on the other
 * track (its declared equivalent, or the level of the same rank; past a shared trunk, the first level
 * of the other branch). Toward management, the steps to try first.
 */
export interface TrackComparison {
  readonly current: LevelRef;
  /** The person's track (for a shared trunk level, the branch they are on, not the trunk's track). */
  readonly track: TrackData;
  readonly other: LevelRef;
  /** `other` is the person's target level (a change of track), not only its counterpart. */
  readonly isTarget: boolean;
  /** `other` is the first level of its track, above the person's level: the step they would work toward there. */
  readonly entry: boolean;
  readonly toManagement: boolean;
  readonly tryFirst: readonly string[];
}

export function trackComparison(
  ladder: Ladder,
  levels: { track?: string | undefined; currentLevel?: string | undefined; targetLevel?: string | undefined },
): TrackComparison | undefined {
  const resolved = ladder.resolve(levels);
  const { track, current } = resolved;
  let other: LevelRef | undefined;
  let isTarget = false;
  let entry = false;
  // The target is on another track, or on a branch the person's track does not climb (SE1 -> DIR of the people branch).
  if (resolved.changeOfTrack || (resolved.target.track.id !== track.id && ladder.positionOn(track.id, resolved.target.level) === undefined)) {
    other = resolved.target;
    isTarget = true;
  } else {
    const candidates = ladder.tracks.filter((t) => t.id !== track.id);
    // The other track is management for an engineer, an engineering track for a manager.
    const wanted = isManagementTrack(track) ? candidates.find((t) => !isManagementTrack(t)) : candidates.find((t) => isManagementTrack(t));
    for (const t of wanted ? [wanted, ...candidates.filter((c) => c !== wanted)] : candidates) {
      const found = counterpart(ladder, t, current, track.id);
      if (found) {
        other = found.ref;
        entry = found.entry;
        break;
      }
    }
  }
  if (!other) return undefined;
  const toManagement = isManagementTrack(other.track) && !isManagementTrack(track);
  return { current, track, other, isTarget, entry, toManagement, tryFirst: toManagement ? TRY_MANAGEMENT_FIRST : TRY_TRACK_FIRST };
}

/** The level a person at `current` would have on `track`; past a shared level, the next one there. */
function counterpart(ladder: Ladder, track: TrackData, current: LevelRef, fromTrack: string): { ref: LevelRef; entry: boolean } | undefined {
  const placed = ladder.placeOnTrack(track.id, `${current.track.id}.${current.level.id}`, fromTrack);
  if (!placed) return undefined;
  if (placed.ref.level !== current.level) return { ref: placed.ref, entry: placed.how === 'below-entry' };
  // A shared trunk level is on both paths: the other branch starts at its first own level.
  const at = ladder.positionOn(track.id, current.level);
  const next = at !== undefined ? ladder.path(track.id).find((r, i) => i > at && r.track.id === track.id) : undefined;
  return next ? { ref: next, entry: true } : undefined;
}

/** Text from a ladder inside a note: no markup, no link, no table cell break, on one line. */
export function noteText(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/[\r\n]+/g, ' ');
}

/**
 * The comparison as markdown for a decision record: the two levels side by side (track, scope, typical
 * years, how impact is made), their criteria area by area (what only one of them asks for), and toward
 * management the steps to try before committing, as a checklist of evidence to gather. Every string
 * from the ladder goes through `text`.
 */
export function trackComparisonMarkdown(ladder: Ladder, comparison: TrackComparison, text: (s: string) => string = noteText): string {
  const { current, other } = comparison;
  const a = current.level;
  const b = other.level;
  const name = (ref: LevelRef) => `${text(ref.level.title)} (${text(ref.level.id)})`;
  const lines: string[] = [
    `${name(current)} on the ${text(comparison.track.title)} track, and ${
      comparison.isTarget
        ? `your target ${name(other)} on the ${text(other.track.title)} track: a change of track.`
        : comparison.entry
          ? `${name(other)}, the step you would work toward on the ${text(other.track.title)} track.`
          : `${name(other)}, the level you would be at on the ${text(other.track.title)} track.`
    }`,
    '',
    `| | ${name(current)} | ${name(other)} |`,
    '|---|---|---|',
    `| Track | ${text(comparison.track.title)} | ${text(other.track.title)} |`,
    `| Scope | ${text(a.scope) || '—'} | ${text(b.scope) || '—'} |`,
    `| Typical experience | ${a.typicalYears ? `${text(a.typicalYears)} years` : '—'} | ${b.typicalYears ? `${text(b.typicalYears)} years` : '—'} |`,
    `| Impact through | ${text(a.summary) || '—'} | ${text(b.summary) || '—'} |`,
    '',
    `**Criteria that differ**, area by area:`,
    '',
  ];
  const mine = ladder.criteriaOf(current);
  const theirs = ladder.criteriaOf(other);
  const byArea = new Map<string, { a: CriterionData[]; b: CriterionData[] }>();
  for (const c of mine) (byArea.get(c.area) ?? byArea.set(c.area, { a: [], b: [] }).get(c.area)!).a.push(c);
  for (const c of theirs) (byArea.get(c.area) ?? byArea.set(c.area, { a: [], b: [] }).get(c.area)!).b.push(c);
  const titles = (list: readonly CriterionData[]) => list.map((c) => text(c.title)).join('; ');
  for (const [area, { a: inA, b: inB }] of byArea) {
    if (inB.length === 0) lines.push(`- **${text(area)}**, only at ${text(a.id)}: ${titles(inA)}`);
    else if (inA.length === 0) lines.push(`- **${text(area)}**, only at ${text(b.id)}: ${titles(inB)}`);
    else lines.push(`- **${text(area)}**, ${text(a.id)}: ${titles(inA)} · ${text(b.id)}: ${titles(inB)}`);
  }
  if (byArea.size === 0) lines.push('- Neither level lists criteria in the ladder.');
  lines.push('');
  if (comparison.toManagement) {
    lines.push('**Try before you commit**: each is evidence to gather, and worth a note once done.', '');
    lines.push(...comparison.tryFirst.map((t) => `- [ ] ${text(t)}`), '', TRY_MANAGEMENT_WHY);
  } else {
    lines.push('**Ways to gather evidence for the other track:**', '');
    lines.push(...comparison.tryFirst.map((t) => `- [ ] ${text(t)}`));
  }
  return lines.join('\n');
}

/** The `{{trackComparison}}` of a decision record: the comparison, or why there is none. */
export function trackComparisonText(
  ladder: Ladder,
  levels: { track?: string | undefined; currentLevel?: string | undefined; targetLevel?: string | undefined },
): string {
  const comparison = trackComparison(ladder, levels);
  return comparison
    ? trackComparisonMarkdown(ladder, comparison)
    : `The ladder in force (${noteText(ladder.name)}) has no other track to compare with: write the options you are weighing above.`;
}
