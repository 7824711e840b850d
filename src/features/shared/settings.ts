import * as vscode from 'vscode';
import { WEEKDAYS, type Weekday } from '../../core/git/weekly';
import { isIsoDate } from '../../core/util/dates';
import { normalizeRelative } from '../../core/util/paths';
import { Settings } from './ids';

export type AutoTagMode = 'off' | 'suggest' | 'onSave';

export type WeeklyHarvest = 'off' | Weekday;

/** The extension's settings, read fresh each time (they can change at any moment). */
export interface CareerSettings {
  /** Workspace-relative, normalised; `career` when the setting is empty or escapes the workspace. */
  readonly notesFolder: string;
  readonly track: string;
  /** `careerLattice.track` is set somewhere (not only the default `ic`). */
  readonly explicitTrack: boolean;
  readonly currentLevel: string;
  readonly targetLevel: string;
  readonly ladderFile: string;
  readonly staleAfterMonths: number;
  readonly autoTag: AutoTagMode;
  readonly nudgeAfterCommit: boolean;
  readonly reviewReminders: boolean;
  /** More of the person's emails for the harvest (beside each repository's `user.email`). */
  readonly authorEmails: readonly string[];
  /** Local clones to harvest beside the workspace's repositories, as written (absolute or `~/`). */
  readonly repositories: readonly string[];
  readonly weeklyHarvest: WeeklyHarvest;
  /** The review period's first and last day (`YYYY-MM-DD`), '' for none; a value that is not a date reads as ''. */
  readonly reviewPeriodStart: string;
  readonly reviewPeriodEnd: string;
  /** The packet's format when a command does not say. */
  readonly packetFormat: 'markdown' | 'html';
}

export const DEFAULT_NOTES_FOLDER = 'career';

/** `scope`: a workspace folder's URI, for its own value of a resource-scoped setting (`notesFolder`, `ladderFile`). */
export function readSettings(scope?: vscode.Uri): CareerSettings {
  const c = vscode.workspace.getConfiguration(Settings.section, scope);
  const folder = normalizeRelative(c.get<string>(Settings.notesFolder, DEFAULT_NOTES_FOLDER).trim());
  const stale = c.get<number>(Settings.staleAfterMonths, 12);
  const autoTag = c.get<string>(Settings.autoTag, 'suggest');
  const weekly = String(c.get<unknown>(Settings.weeklyHarvest, 'off')).trim().toLowerCase();
  return {
    notesFolder: folder ? folder : DEFAULT_NOTES_FOLDER,
    track: c.get<string>(Settings.track, 'ic').trim() || 'ic',
    explicitTrack: isSet(c.inspect<string>(Settings.track)),
    currentLevel: c.get<string>(Settings.currentLevel, 'L5').trim(),
    targetLevel: c.get<string>(Settings.targetLevel, '').trim(),
    ladderFile: c.get<string>(Settings.ladderFile, '.career/ladder.yaml').trim(),
    staleAfterMonths: Number.isFinite(stale) && stale > 0 ? stale : 12,
    autoTag: autoTag === 'off' || autoTag === 'onSave' ? autoTag : 'suggest',
    nudgeAfterCommit: c.get<boolean>(Settings.nudgeAfterCommit, false),
    reviewReminders: c.get<boolean>(Settings.reviewReminders, true),
    authorEmails: stringList(c.get<unknown>(Settings.authorEmails, [])),
    repositories: stringList(c.get<unknown>(Settings.repositories, [])),
    weeklyHarvest: (WEEKDAYS as readonly string[]).includes(weekly) ? (weekly as WeeklyHarvest) : 'off',
    reviewPeriodStart: isoOrEmpty(c.get<unknown>(Settings.reviewPeriodStart, '')),
    reviewPeriodEnd: isoOrEmpty(c.get<unknown>(Settings.reviewPeriodEnd, '')),
    packetFormat: c.get<unknown>(Settings.packetFormat, 'markdown') === 'html' ? 'html' : 'markdown',
  };
}

function isSet(inspected: { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined): boolean {
  return (
    inspected !== undefined &&
    [inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue].some((v) => typeof v === 'string' && v.trim() !== '')
  );
}

function isoOrEmpty(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  return isIsoDate(text) ? text : '';
}

/** The strings of a list setting, trimmed, empty ones dropped (a hand-edited settings.json may hold anything). */
function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
}

/** Where a setting the user changes from a command is written: the workspace when one is open. */
export function settingsTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(Settings.section).update(key, value, settingsTarget());
}

export function affectsCareerSettings(event: vscode.ConfigurationChangeEvent, scope?: vscode.Uri): boolean {
  return event.affectsConfiguration(Settings.section, scope);
}
