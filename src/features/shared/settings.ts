import * as vscode from 'vscode';
import { normalizeRelative } from '../../core/util/paths';
import { Settings } from './ids';

export type AutoTagMode = 'off' | 'suggest' | 'onSave';

/** The extension's settings, read fresh each time (they can change at any moment). */
export interface CareerSettings {
  /** Workspace-relative, normalised; `career` when the setting is empty or escapes the workspace. */
  readonly notesFolder: string;
  readonly track: string;
  readonly currentLevel: string;
  readonly targetLevel: string;
  readonly ladderFile: string;
  readonly staleAfterMonths: number;
  readonly autoTag: AutoTagMode;
  readonly nudgeAfterCommit: boolean;
  readonly reviewReminders: boolean;
}

export const DEFAULT_NOTES_FOLDER = 'career';

export function readSettings(): CareerSettings {
  const c = vscode.workspace.getConfiguration(Settings.section);
  const folder = normalizeRelative(c.get<string>(Settings.notesFolder, DEFAULT_NOTES_FOLDER).trim());
  const stale = c.get<number>(Settings.staleAfterMonths, 12);
  const autoTag = c.get<string>(Settings.autoTag, 'suggest');
  return {
    notesFolder: folder ? folder : DEFAULT_NOTES_FOLDER,
    track: c.get<string>(Settings.track, 'ic').trim() || 'ic',
    currentLevel: c.get<string>(Settings.currentLevel, 'L5').trim(),
    targetLevel: c.get<string>(Settings.targetLevel, '').trim(),
    ladderFile: c.get<string>(Settings.ladderFile, '.career/ladder.yaml').trim(),
    staleAfterMonths: Number.isFinite(stale) && stale > 0 ? stale : 12,
    autoTag: autoTag === 'off' || autoTag === 'onSave' ? autoTag : 'suggest',
    nudgeAfterCommit: c.get<boolean>(Settings.nudgeAfterCommit, false),
    reviewReminders: c.get<boolean>(Settings.reviewReminders, true),
  };
}

/** Where a setting the user changes from a command is written: the workspace when one is open. */
export function settingsTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(Settings.section).update(key, value, settingsTarget());
}

export function affectsCareerSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(Settings.section);
}
