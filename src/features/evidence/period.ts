import * as vscode from 'vscode';
import { formatPeriod, lastHalf, lastQuarter, periodName, presetDates, thisHalf, thisQuarter, toPeriod, type PeriodDates } from '../../core/evidence/period';
import { isIsoDate } from '../../core/util/dates';
import { parseArgs, SetPeriodArgs } from '../shared/args';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands, Settings } from '../shared/ids';
import { updateSetting } from '../shared/settings';

/** The review period from settings, as the summary reads it (null: none). */
export function currentPeriod(workspace: CareerWorkspace) {
  return toPeriod(workspace.settings.reviewPeriodStart, workspace.settings.reviewPeriodEnd);
}

/** "H1 2026 (2026-01-01 – 2026-06-30)" or "none". */
export function describePeriod(workspace: CareerWorkspace): string | undefined {
  const p = currentPeriod(workspace);
  if (!p) return undefined;
  const name = periodName(p);
  return name ? `${name} (${formatPeriod(p)})` : formatPeriod(p);
}

async function write(dates: PeriodDates | null): Promise<PeriodDates | null> {
  const config = vscode.workspace.getConfiguration(Settings.section);
  for (const [key, value] of [
    [Settings.reviewPeriodStart, dates?.start],
    [Settings.reviewPeriodEnd, dates?.end],
  ] as const) {
    // Cleared: removed from the workspace, or '' when a user-wide value would otherwise show through.
    const inherited = config.inspect<string>(key)?.globalValue;
    await updateSetting(key, value ?? (inherited ? '' : undefined));
  }
  return dates;
}

/**
 * `careerLattice.setReviewPeriod`: a quick pick of presets, or `{ start, end }` / `{ preset }` without
 * any prompt. Writes the two settings; resolves to `{ start, end }`, or null when the period is cleared
 * (undefined when cancelled or given bad arguments).
 */
export async function setReviewPeriod(workspace: CareerWorkspace, arg: unknown): Promise<PeriodDates | null | undefined> {
  const today = workspace.today();
  if (arg !== undefined) {
    const args = parseArgs(Commands.setReviewPeriod, SetPeriodArgs, arg);
    if (!args) return undefined;
    return write('preset' in args ? presetDates(args.preset, today) : { start: args.start, end: args.end });
  }
  type Item = vscode.QuickPickItem & { dates?: PeriodDates | null; custom?: true };
  const item = (label: string, dates: PeriodDates | null): Item => {
    const name = dates ? periodName({ since: dates.start, until: dates.end }) : undefined;
    return { label, description: dates ? `${name ? `${name}: ` : ''}${dates.start} – ${dates.end}` : '', dates };
  };
  const now = describePeriod(workspace);
  const items: Item[] = [
    item(vscode.l10n.t('This half'), thisHalf(today)),
    item(vscode.l10n.t('Last half'), lastHalf(today)),
    item(vscode.l10n.t('This quarter'), thisQuarter(today)),
    item(vscode.l10n.t('Last quarter'), lastQuarter(today)),
    item(vscode.l10n.t('Last 6 months'), presetDates('last-6-months', today)),
    item(vscode.l10n.t('Last 12 months'), presetDates('last-12-months', today)),
    { label: vscode.l10n.t('Custom dates...'), custom: true },
    { ...item(vscode.l10n.t('None'), null), description: vscode.l10n.t('evidence counts while it is recent (the stale rule)') },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Set Review Period'),
    placeHolder: now ? vscode.l10n.t('Now: {0}', now) : vscode.l10n.t('No review period set'),
    // Opened from a button in the evidence webview, which can take the focus back a moment later.
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (!picked.custom) return write(picked.dates ?? null);
  const start = await askDate(vscode.l10n.t('Review period starts on (YYYY-MM-DD)'), workspace.settings.reviewPeriodStart || thisHalf(today).start);
  if (!start) return undefined;
  const end = await askDate(vscode.l10n.t('Review period ends on (YYYY-MM-DD)'), workspace.settings.reviewPeriodEnd || today, start);
  if (!end) return undefined;
  return write({ start, end });
}

function askDate(prompt: string, value: string, notBefore?: string): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: vscode.l10n.t('Set Review Period'),
      prompt,
      value,
      ignoreFocusOut: true,
      validateInput: (text) => {
        const t = text.trim();
        if (!isIsoDate(t)) return vscode.l10n.t('A real date written YYYY-MM-DD, e.g. 2026-01-01');
        if (notBefore && t < notBefore) return vscode.l10n.t('The end must not be before the start ({0})', notBefore);
        return undefined;
      },
    })
    .then((t) => t?.trim());
}
