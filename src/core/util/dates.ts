/** Calendar dates as `YYYY-MM-DD` strings: what notes store, compared as strings, free of time zones. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The local calendar date of `date` (what the user sees on their clock). */
export function toIsoDate(date: Date): string {
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  const d = date.getDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `2025-01-31` + 1 month = `2025-02-28`: the day is clamped to the target month. Negative months go back. */
export function addMonths(isoDate: string, months: number): string {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${isoDate}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2025-03` of `2025-03-14`. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** A date at the start of a file name: `2025-03-14-led-the-migration.md` -> `2025-03-14`. */
export function dateFromFileName(name: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[-_ ]|\.|$)/.exec(name);
  return m && isIsoDate(m[1]!) ? m[1] : undefined;
}
