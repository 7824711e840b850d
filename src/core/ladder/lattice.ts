import type { Ladder } from './ladder';
import type { TrackData } from './schema';

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
  'Shadow a manager for a week: sit in on their 1:1s, planning and hiring conversations',
  'Act as the manager while yours is on leave or between roles',
];

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
