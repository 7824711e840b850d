import { addMonths, isIsoDate } from '../util/dates';

/**
 * A review period: the dates a review or promotion cycle covers, both inclusive, as `YYYY-MM-DD`. One
 * side may be open (null): "since March" or "until the end of June".
 */
export interface ReviewPeriod {
  readonly since: string | null;
  readonly until: string | null;
}

export const PERIOD_PRESETS = ['H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', 'last-6-months', 'last-12-months', 'none'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** What the review-period settings hold: both dates, or none. */
export interface PeriodDates {
  readonly start: string;
  readonly end: string;
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d - 1));
  return date.toISOString().slice(0, 10);
}

/** The day after an ISO date. */
export function dayAfter(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + 1));
  return date.toISOString().slice(0, 10);
}

function yearOf(today: string): string {
  return today.slice(0, 4);
}

/** Calendar half `1 | 2` or quarter `1..4` of a year, as dates. */
function half(year: string, n: 1 | 2): PeriodDates {
  return n === 1 ? { start: `${year}-01-01`, end: `${year}-06-30` } : { start: `${year}-07-01`, end: `${year}-12-31` };
}

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'] as const;
const QUARTER_STARTS = ['01-01', '04-01', '07-01', '10-01'] as const;

function quarter(year: string, n: 1 | 2 | 3 | 4): PeriodDates {
  return { start: `${year}-${QUARTER_STARTS[n - 1]}`, end: `${year}-${QUARTER_ENDS[n - 1]}` };
}

/** `2026-Q2` of `2026-05-14`. */
export function quarterOf(iso: string): string {
  return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * The dates of a preset, for the year of `today` where it names a half or a quarter. `last-6-months`
 * runs from the day after the same date six months ago up to today (so it is six months long).
 * `none` is null.
 */
export function presetDates(preset: PeriodPreset, today: string): PeriodDates | null {
  const year = yearOf(today);
  switch (preset) {
    case 'H1':
      return half(year, 1);
    case 'H2':
      return half(year, 2);
    case 'Q1':
    case 'Q2':
    case 'Q3':
    case 'Q4':
      return quarter(year, Number(preset.slice(1)) as 1 | 2 | 3 | 4);
    case 'last-6-months':
      return { start: dayAfter(addMonths(today, -6)), end: today };
    case 'last-12-months':
      return { start: dayAfter(addMonths(today, -12)), end: today };
    case 'none':
      return null;
    default: {
      const never: never = preset;
      return never;
    }
  }
}

/** The half `today` is in, and the one before it (which may be last year's second half). */
export function thisHalf(today: string): PeriodDates {
  return half(yearOf(today), Number(today.slice(5, 7)) <= 6 ? 1 : 2);
}

export function lastHalf(today: string): PeriodDates {
  return thisHalf(dayBefore(thisHalf(today).start));
}

export function thisQuarter(today: string): PeriodDates {
  const n = (Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  return quarter(yearOf(today), n);
}

export function lastQuarter(today: string): PeriodDates {
  return thisQuarter(dayBefore(thisQuarter(today).start));
}

/** A period from two optional dates (settings or arguments); null when neither is a date or they are reversed. */
export function toPeriod(since: string | null | undefined, until: string | null | undefined): ReviewPeriod | null {
  const s = since && isIsoDate(since) ? since : null;
  const u = until && isIsoDate(until) ? until : null;
  if (s !== null && u !== null && s > u) return null;
  return s === null && u === null ? null : { since: s, until: u };
}

/** Where a note's date falls relative to a period. An undated note cannot be placed inside one. */
export function placeInPeriod(date: string | null, period: ReviewPeriod): 'inside' | 'earlier' | 'later' | 'undated' {
  if (date === null) return 'undated';
  if (period.since !== null && date < period.since) return 'earlier';
  if (period.until !== null && date > period.until) return 'later';
  return 'inside';
}

/** `2026-01-01 – 2026-06-30`, `since 2026-01-01`, `until 2026-06-30`. */
export function formatPeriod(period: ReviewPeriod): string {
  if (period.since && period.until) return `${period.since} – ${period.until}`;
  if (period.since) return `since ${period.since}`;
  return `until ${period.until ?? ''}`;
}

/** A name for well-known periods (`H1 2026`, `Q3 2025`), else undefined. */
export function periodName(period: ReviewPeriod): string | undefined {
  if (!period.since || !period.until || period.since.slice(0, 4) !== period.until.slice(0, 4)) return undefined;
  const year = period.since.slice(0, 4);
  for (const n of [1, 2] as const) {
    const h = half(year, n);
    if (h.start === period.since && h.end === period.until) return `H${n} ${year}`;
  }
  for (const n of [1, 2, 3, 4] as const) {
    const q = quarter(year, n);
    if (q.start === period.since && q.end === period.until) return `Q${n} ${year}`;
  }
  if (period.since === `${year}-01-01` && period.until === `${year}-12-31`) return year;
  return undefined;
}

/** The quarters a period touches (open sides: unknown, so more than one). */
export function spansSeveralQuarters(period: ReviewPeriod | null): boolean {
  if (!period || !period.since || !period.until) return true;
  return quarterOf(period.since) !== quarterOf(period.until);
}
