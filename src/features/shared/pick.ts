import * as vscode from 'vscode';
import { resolveLevels } from '../../core/evidence/evidence';
import type { CriterionData } from '../../core/ladder/schema';
import { trimEndChars } from '../../core/util/text';
import type { CareerRoot, CareerWorkspace } from './careerWorkspace';

interface CriterionItem extends vscode.QuickPickItem {
  readonly id: string;
}

/**
 * A multi-select quick pick of criteria: the target level's first, then the current level's, then the
 * rest of the track, then the other tracks. Resolves to the chosen ids, or undefined when cancelled.
 */
export async function pickCriteria(
  workspace: CareerWorkspace,
  options: { title: string; preselected?: readonly string[]; placeholder?: string },
): Promise<string[] | undefined> {
  const ladder = workspace.ladder;
  const { track, current, target } = resolveLevels(ladder, workspace.settings);
  const preselected = new Set(options.preselected ?? []);
  const items: Array<CriterionItem | vscode.QuickPickItem> = [];
  const seen = new Set<string>();
  const section = (label: string, criteria: readonly CriterionData[]) => {
    const fresh = criteria.filter((c) => !seen.has(c.id));
    if (fresh.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const c of fresh) {
      seen.add(c.id);
      const count = workspace.index.countFor(c.id);
      items.push({
        id: c.id,
        label: c.title,
        description: c.id,
        detail: `${c.area}${count ? ` · ${count} note${count === 1 ? '' : 's'}` : ' · no evidence yet'} — ${c.description}`,
        picked: preselected.has(c.id),
      } satisfies CriterionItem);
    }
  };
  section(`Target: ${target.level.title} (${target.level.id})`, ladder.criteriaOf(target));
  if (current.level !== target.level) section(`Current: ${current.level.title} (${current.level.id})`, ladder.criteriaOf(current));
  // The person's track (with the trunk it starts from), then the other tracks.
  for (const ref of ladder.path(track.id)) section(`${ref.level.title} (${ref.level.id})`, ref.level.criteria);
  for (const other of ladder.tracks) {
    if (other.id === track.id) continue;
    for (const level of other.levels) section(`${other.title}: ${level.title} (${level.id})`, level.criteria);
  }
  // Preselected ids the ladder does not know (a custom or typoed id) stay selectable, so nothing is lost.
  for (const id of preselected) {
    if (!seen.has(id)) items.unshift({ id, label: id, description: 'not in the ladder', picked: true } satisfies CriterionItem);
  }

  const quickPick = vscode.window.createQuickPick<CriterionItem | vscode.QuickPickItem>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder ?? vscode.l10n.t('Which criteria does this evidence? (Space to select, Enter to confirm; none is fine)');
  quickPick.canSelectMany = true;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = items;
  quickPick.selectedItems = items.filter((i): i is CriterionItem => 'id' in i && preselected.has(i.id));
  return new Promise<string[] | undefined>((resolve) => {
    let accepted = false;
    quickPick.onDidAccept(() => {
      accepted = true;
      resolve(quickPick.selectedItems.filter((i): i is CriterionItem => 'id' in i).map((i) => i.id));
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (!accepted) resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

interface LevelItem extends vscode.QuickPickItem {
  readonly track: string;
  readonly level: string;
}

/** A quick pick of every level, grouped by track, the current one marked. */
export async function pickLevel(
  workspace: CareerWorkspace,
  options: { title: string; placeholder?: string },
): Promise<{ track: string; level: string } | undefined> {
  const ladder = workspace.ladder;
  const { current } = resolveLevels(ladder, workspace.settings);
  const items: Array<LevelItem | vscode.QuickPickItem> = [];
  for (const track of ladder.tracks) {
    items.push({ label: track.title, kind: vscode.QuickPickItemKind.Separator });
    for (const level of track.levels) {
      const isCurrent = level === current.level;
      items.push({
        track: track.id,
        level: level.id,
        label: `${isCurrent ? '$(account) ' : ''}${level.title}`,
        description: [ladder.levelCodes(level.id, track.id), level.typicalYears && `${level.typicalYears} yrs`, isCurrent && 'current']
          .filter(Boolean)
          .join(' · '),
        detail: level.scope,
      } satisfies LevelItem);
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: options.title,
    placeHolder: options.placeholder ?? vscode.l10n.t('Pick a level'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked && 'track' in picked ? { track: picked.track, level: picked.level } : undefined;
}

export async function promptTitle(title: string, placeholder: string, value?: string): Promise<string | undefined> {
  const result = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('A short title; it becomes the file name too.'),
    placeHolder: placeholder,
    ...(value !== undefined ? { value } : {}),
    validateInput: (text) => validateTitle(text),
  });
  return result?.trim();
}

export function validateTitle(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return 'A title is needed.';
  if (text.length > 200) return 'Keep the title under 200 characters.';
  return undefined;
}

interface FolderItem extends vscode.QuickPickItem {
  readonly root: CareerRoot;
}

/**
 * The workspace folder a new note goes in. `folder` (a command's argument: the folder's name, its URI
 * or its path on disk) decides without a prompt, and an unknown one is an error, not a prompt. Without
 * it: the only folder; else the folder of the active editor's file; else a quick pick. Undefined when no
 * folder is open, the folder is unknown, or the pick is cancelled.
 */
export async function pickRoot(
  workspace: CareerWorkspace,
  folder: string | undefined,
  options: { command: string; title: string },
): Promise<CareerRoot | undefined> {
  const roots = workspace.roots;
  if (folder !== undefined) {
    const root = findRoot(roots, folder);
    if (!root) {
      const names = roots.map((r) => `"${r.folder.name}"`).join(', ');
      void vscode.window.showErrorMessage(
        roots.length
          ? vscode.l10n.t('Career Lattice: {0}: there is no workspace folder "{1}". Give one of {2} (its name, URI or path).', options.command, folder, names)
          : vscode.l10n.t('Career Lattice: {0}: there is no workspace folder "{1}"; open a folder first.', options.command, folder),
      );
      return undefined;
    }
    return root;
  }
  if (roots.length <= 1) return roots[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active ? workspace.rootOf(active) : undefined;
  if (fromEditor) return fromEditor;
  const picked = await vscode.window.showQuickPick<FolderItem>(
    roots.map((root) => ({
      root,
      label: root.folder.name,
      description: `${root.notesPath}/`,
      detail: root.folder.uri.scheme === 'file' ? root.folder.uri.fsPath : root.folder.uri.toString(),
    })),
    { title: options.title, placeHolder: vscode.l10n.t('Which workspace folder does the note go in?'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.root;
}

/** The folder named by a command's `folder` argument: its name (or window prefix), URI string or path on disk. */
export function findRoot(roots: readonly CareerRoot[], folder: string): CareerRoot | undefined {
  const wanted = folder.trim();
  const bare = (s: string) => trimEndChars(s, '/\\');
  return (
    roots.find((r) => r.folder.name === wanted) ??
    roots.find((r) => r.prefix !== '' && r.prefix === wanted) ??
    roots.find((r) => bare(r.folder.uri.toString()) === bare(wanted) || bare(r.folder.uri.toString(true)) === bare(wanted)) ??
    roots.find((r) => r.folder.uri.scheme === 'file' && bare(r.folder.uri.fsPath) === bare(wanted))
  );
}
