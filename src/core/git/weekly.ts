/** When the weekly harvest nudge is due, and the week it covers. Local calendar dates, no `vscode`. */
import { toIsoDate } from '../util/dates';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Due on the chosen weekday, once that day (`last` is the date it last ran). Returns the week to
 * harvest (the seven days ending today), or undefined when not due.
 */
export function weeklyNudgeDue(setting: Weekday | 'off', now: Date, last: string | undefined): { since: string; until: string } | undefined {
  if (setting === 'off' || WEEKDAYS[now.getDay()] !== setting) return undefined;
  const today = toIsoDate(now);
  if (last === today) return undefined;
  return { since: toIsoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6)), until: today };
}
