import type { NoteIndex, NoteRecord } from '../index/noteIndex';
import type { Ladder } from '../ladder/ladder';
import { isEvidence, resolveLevels, staleCutoff, type EvidenceSummary } from './evidence';
import { placeInPeriod, quarterOf, spansSeveralQuarters } from './period';
import { CONTEXT_SECTIONS, IMPACT_SECTIONS, ROLE_SECTIONS, section, type NoteDetails } from './sections';

/**
 * The calibration check: the questions a promotion committee asks of each piece of evidence, and of
 * the packet as a whole, asked before the packet is handed over. Heuristics on what the notes say,
 * meant to prompt a better note, never to hide one: a flagged note still counts.
 */
export const NOTE_FLAGS = ['no-impact', 'no-link', 'scope-below-target', 'outside-period', 'not-happened'] as const;
export type NoteFlag = (typeof NOTE_FLAGS)[number];

export const PACKET_FLAGS = ['area-without-evidence', 'single-note', 'one-quarter'] as const;
export type PacketFlag = (typeof PACKET_FLAGS)[number];

export const NOTE_FLAG_TEXT: Record<NoteFlag, string> = {
  'no-impact': 'no measurable impact (no number or outcome)',
  'no-link': 'no link or artifact',
  'scope-below-target': 'scope below the target level (only criteria of lower levels)',
  'outside-period': 'outside the review period',
  'not-happened': 'not written as something that happened',
};

export interface NoteCalibration {
  readonly path: string;
  readonly title: string;
  readonly date: string | null;
  readonly type: NoteRecord['type'];
  readonly flags: readonly NoteFlag[];
}

export interface PacketIssue {
  readonly flag: PacketFlag;
  /** Plain text (escape before rendering). */
  readonly message: string;
  /** The areas, criterion ids or quarter the issue is about. */
  readonly subjects: readonly string[];
}

export interface Calibration {
  /** Every piece of evidence looked at, in the order met (newest first per criterion), flagged or not. */
  readonly notes: readonly NoteCalibration[];
  readonly packet: readonly PacketIssue[];
}

export interface CalibrationOptions {
  readonly today: string;
  readonly staleAfterMonths: number;
  /** Note texts read for the check; a note without details is judged on its index record alone. */
  readonly details: ReadonlyMap<string, NoteDetails>;
}

/** Outcome words that make an impact measurable even without a number. */
const OUTCOME_WORDS = new Set(
  'reduced reduce cut cuts halved doubled tripled saved saves increased increase decreased decrease grew raised lowered dropped faster slower fewer eliminated removed prevented avoided unblocked enabled shipped launched adopted resolved fixed retained promoted hired zero percent revenue latency outage outages incidents downtime'.split(
    ' ',
  ),
);

/** Words that say a thing is yet to happen. */
const INTENT_WORDS = new Set([
  'will',
  'shall',
  'plan',
  'plans',
  'planning',
  'going',
  'want',
  'wants',
  'hope',
  'hopes',
  'intend',
  'intends',
  'aim',
  'aims',
  'todo',
  'tbd',
  'would',
  'next',
  'upcoming',
  'propose',
  'proposed',
  'proposal',
]);
/** Past forms that do not end in -ed. */
const IRREGULAR_PAST = new Set(
  'led built ran wrote made drove took gave won grew taught began brought found held kept met spoke sent did got went became chose caught fought flew knew lost paid rode rose sold saw shot sought spent stood struck swore thought threw understood woke wore'.split(
    ' ',
  ),
);
/** Words ending in -ed that are not past forms. */
const NOT_PAST = new Set(
  'need speed seed feed bed red shed proceed exceed succeed indeed embed breed greed weed shred bred sled undated related unrelated based dedicated detailed advanced automated distributed limited interested excited skilled talented varied mixed named titled untagged unplanned'.split(
    ' ',
  ),
);

/** Lower-case words of a text (letters, digits and apostrophes), split without regex backtracking. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter(Boolean);
}

/** A number or an outcome word. */
export function isMeasurable(text: string): boolean {
  if (/\d/.test(text)) return true;
  return words(text).some((w) => OUTCOME_WORDS.has(w));
}

/** Says what happened (a past form), rather than only what is planned or intended. */
export function reads(text: string): 'happened' | 'intended' | 'unclear' {
  const ws = words(text);
  const past = ws.some((w) => IRREGULAR_PAST.has(w) || (w.length > 3 && w.endsWith('ed') && !NOT_PAST.has(w)));
  const intent = ws.some((w) => INTENT_WORDS.has(w));
  if (past) return 'happened';
  return intent ? 'intended' : 'unclear';
}

function hasLink(note: NoteRecord, details: NoteDetails | undefined): boolean {
  if (note.links.some((l) => l.trim() !== '')) return true;
  if (!details) return false;
  const body = details.body;
  return body.includes('http://') || body.includes('https://') || body.includes('](');
}

/** The flags of one piece of evidence. */
export function flagsFor(ladder: Ladder, note: NoteRecord, details: NoteDetails | undefined, context: { summary: EvidenceSummary; today: string }): NoteFlag[] {
  const flags: NoteFlag[] = [];
  const { summary, today } = context;
  const feedback = note.type === 'feedback';
  if (!feedback) {
    const impact = [...note.impact, section(details, IMPACT_SECTIONS) ?? ''].join('\n');
    if (!isMeasurable(impact)) flags.push('no-impact');
    if (!hasLink(note, details)) flags.push('no-link');
  }
  if (belowTarget(ladder, note, summary)) flags.push('scope-below-target');
  if (summary.period && placeInPeriod(note.date, summary.period) !== 'inside') flags.push('outside-period');
  if (!feedback) {
    const told = [note.title, section(details, CONTEXT_SECTIONS) ?? '', section(details, ROLE_SECTIONS) ?? '', ...note.impact].join('\n');
    if ((note.date !== null && note.date > today) || reads(told) !== 'happened') flags.push('not-happened');
  }
  return flags;
}

/** Tagged only with criteria of levels below the target, on the target's track. */
function belowTarget(ladder: Ladder, note: NoteRecord, summary: EvidenceSummary): boolean {
  const target = ladder.level(summary.targetLevel);
  if (!target) return false;
  let known = 0;
  for (const id of note.criteria) {
    const ref = ladder.criterion(id);
    if (!ref || ref.track.id !== target.track.id) continue;
    known++;
    const level = ladder.level(ref.level.id);
    if (level && level.index >= target.index) return false;
  }
  return known > 0;
}

/**
 * The check over the evidence a packet would show: the notes of the target criteria (and, with a
 * period, the earlier ones shown beside them), and notes of the period (or the stale window) that are
 * tagged only with lower-level criteria of the track.
 */
export function calibrate(ladder: Ladder, index: NoteIndex, summary: EvidenceSummary, options: CalibrationOptions): Calibration {
  const seen = new Set<string>();
  const looked: NoteRecord[] = [];
  const add = (path: string) => {
    if (seen.has(path)) return;
    const note = index.get(path);
    if (!note) return;
    seen.add(path);
    looked.push(note);
  };
  for (const c of summary.criteria) for (const path of [...c.notes, ...c.earlier]) add(path);
  const cutoff = staleCutoff(options.today, options.staleAfterMonths);
  const { target } = resolveLevels(ladder, { track: summary.track, currentLevel: summary.currentLevel, targetLevel: summary.targetLevel });
  const inWindow = (n: NoteRecord) => (summary.period ? placeInPeriod(n.date, summary.period) === 'inside' : n.date !== null && n.date >= cutoff);
  const lower = index
    .all()
    .filter((n) => isEvidence(n) && !seen.has(n.path) && inWindow(n) && belowTarget(ladder, n, summary))
    .sort((a, b) => ((b.date ?? '') < (a.date ?? '') ? -1 : (b.date ?? '') > (a.date ?? '') ? 1 : a.path < b.path ? -1 : 1));
  for (const n of lower) add(n.path);

  const notes = looked.map((n) => ({
    path: n.path,
    title: n.title,
    date: n.date,
    type: n.type,
    flags: flagsFor(ladder, n, options.details.get(n.path), { summary, today: options.today }),
  }));

  const packet: PacketIssue[] = [];
  const counted = (c: EvidenceSummary['criteria'][number]) => c.count > 0 && !c.stale;
  const areas = [...new Set(target.level.criteria.map((c) => c.area))];
  const bare = areas.filter((area) => !summary.criteria.some((c) => c.area === area && counted(c)));
  if (bare.length)
    packet.push({
      flag: 'area-without-evidence',
      message: `No evidence in ${bare.length === 1 ? 'the area' : 'the areas'} ${bare.join(', ')}.`,
      subjects: bare,
    });
  const single = summary.criteria.filter((c) => counted(c) && c.count === 1);
  if (single.length)
    packet.push({ flag: 'single-note', message: `Resting on a single note: ${single.map((c) => c.title).join('; ')}.`, subjects: single.map((c) => c.id) });
  const dates = new Set<string>();
  for (const c of summary.criteria) {
    if (!counted(c)) continue;
    for (const path of c.notes) {
      const n = index.get(path);
      if (n?.date && (summary.period || n.date >= cutoff)) dates.add(n.date);
    }
  }
  const quarters = new Set([...dates].map(quarterOf));
  if (quarters.size === 1 && spansSeveralQuarters(summary.period)) {
    const q = [...quarters][0]!;
    packet.push({
      flag: 'one-quarter',
      message: `All the evidence is from one quarter (${q}): a committee will ask what happened the rest of the time.`,
      subjects: [q],
    });
  }
  return { notes, packet };
}
