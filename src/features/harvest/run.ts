import * as vscode from 'vscode';
import { resolveLevels } from '../../core/evidence/evidence';
import { commitsOfNote, harvestNoteText, KnownCommits, type Draft } from '../../core/git/drafts';
import { harvest, type HarvestOutcome } from '../../core/git/harvest';
import { resolveRepositoryPath, type GitRunner, type RepositoryProblem } from '../../core/git/repository';
import { renderTemplate } from '../../core/notes/templates';
import { TagInferrer } from '../../core/tagging';
import { addMonths } from '../../core/util/dates';
import { HarvestArgs, parseArgs } from '../shared/args';
import type { CareerRoot, CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { createUnique, readTemplate } from '../shared/noteFiles';
import { pickRoot } from '../shared/pick';
import { trimEndChars } from '../../core/util/text';

/** What the desktop entry gives the harvest: a way to run git, and the home folder for `~/`. */
export interface HarvestEnvironment {
  readonly git: GitRunner;
  readonly homedir: string;
}

export interface HarvestResult {
  readonly drafts: Draft[];
  readonly created: vscode.Uri[];
}

export interface HarvestRun extends HarvestResult {
  readonly outcome?: HarvestOutcome;
  readonly since?: string;
  readonly until?: string;
}

const EMPTY: HarvestRun = { drafts: [], created: [] };

/** `careerLattice.harvestWins` without the view: parse, check, read, draft; writes only with `accept: 'all'`. */
export async function runHarvest(
  workspace: CareerWorkspace,
  env: HarvestEnvironment | undefined,
  arg: unknown,
  options: { silent?: boolean } = {},
): Promise<HarvestRun> {
  const args = parseArgs(Commands.harvestWins, HarvestArgs, arg);
  if (!args) return EMPTY;
  const say = (kind: 'error' | 'warning' | 'info', text: string) => {
    workspace.log[kind === 'info' ? 'info' : kind === 'warning' ? 'warn' : 'error'](text);
    if (options.silent) return;
    void (kind === 'error'
      ? vscode.window.showErrorMessage(text)
      : kind === 'warning'
        ? vscode.window.showWarningMessage(text)
        : vscode.window.showInformationMessage(text));
  };
  if (!env) {
    say('error', vscode.l10n.t('Career Lattice: harvesting wins needs git, which is not available here (in the browser, open the folder in desktop VS Code).'));
    return EMPTY;
  }
  if (!vscode.workspace.isTrusted) {
    say(
      'error',
      vscode.l10n.t(
        'Career Lattice: harvesting wins runs git, which happens in trusted workspaces only. Trust this folder first (Workspaces: Manage Workspace Trust).',
      ),
    );
    return EMPTY;
  }
  if (!workspace.fs) {
    say('error', vscode.l10n.t('Career Lattice keeps notes in a workspace folder: open a folder first.'));
    return EMPTY;
  }
  // An unknown `folder` is an error before git runs (and no prompt opens).
  const root = args.folder !== undefined ? await pickRoot(workspace, args.folder, { command: Commands.harvestWins, title: '' }) : undefined;
  if (args.folder !== undefined && !root) return EMPTY;
  const today = workspace.today();
  // Default: the review period when one is set (its open ends: today, six months back), else the last six months.
  const { reviewPeriodStart, reviewPeriodEnd } = workspace.settings;
  const periodSet = !!(reviewPeriodStart || reviewPeriodEnd) && !(reviewPeriodStart && reviewPeriodEnd && reviewPeriodStart > reviewPeriodEnd);
  const until = args.until ?? (periodSet && reviewPeriodEnd ? (reviewPeriodEnd < today ? reviewPeriodEnd : today) : today);
  const since = args.since ?? (periodSet && reviewPeriodStart ? reviewPeriodStart : addMonths(until, -6));
  if (since > until) {
    say('error', vscode.l10n.t('Career Lattice: the period starts ({0}) after it ends ({1}); nothing was harvested.', since, until));
    return EMPTY;
  }

  // Where: the repositories asked for (all must be usable), else the workspace's and the setting's.
  const strict = args.repositories !== undefined;
  const candidates: string[] = [];
  const bad: string[] = [];
  for (const entry of args.repositories ?? workspace.settings.repositories) {
    const resolved = resolveRepositoryPath(entry, env.homedir);
    if (!resolved) bad.push(vscode.l10n.t('{0} is not an absolute path (write /path/to/clone or ~/clone)', entry));
    else if (!(await isDirectory(resolved))) bad.push(vscode.l10n.t('{0} is not a folder on this machine', entry));
    else candidates.push(resolved);
  }
  if (bad.length && strict) {
    say('error', vscode.l10n.t('Career Lattice: nothing was harvested: {0}.', bad.join('; ')));
    return EMPTY;
  }
  if (bad.length) say('warning', vscode.l10n.t('Career Lattice: some of careerLattice.repositories were skipped: {0}.', bad.join('; ')));
  if (!strict) candidates.unshift(...(await workspaceRepositories()));
  if (candidates.length === 0) {
    say(
      'error',
      vscode.l10n.t(
        'Career Lattice: no git repository was found in the workspace folders (or one level below them); add local clones to careerLattice.repositories.',
      ),
    );
    return EMPTY;
  }

  const inferrer = new TagInferrer(workspace.ladder);
  const { track, currentLevel, targetLevel } = workspace.settings;
  const suggest = (title: string, body: string) =>
    inferrer.suggest({ title, body }, { track, currentLevel, ...(targetLevel ? { targetLevel } : {}) }).map((s) => s.id);

  const controller = new AbortController();
  let outcome: HarvestOutcome;
  try {
    outcome = await vscode.window.withProgress(
      {
        location: options.silent ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Career Lattice: harvesting wins from git'),
        cancellable: true,
      },
      async (progress, token) => {
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          progress.report({ message: vscode.l10n.t('reading the notes') });
          const known = await knownCommits(workspace, controller.signal);
          return await harvest({
            git: env.git,
            repositories: candidates,
            since,
            until,
            ...(args.authors ? { authors: args.authors } : {}),
            extraEmails: workspace.settings.authorEmails,
            known,
            suggest,
            signal: controller.signal,
            onProgress: ({ repository, done, total }) =>
              progress.report({ message: `${repository} (${done + 1}/${total})`, increment: 100 / Math.max(1, total) }),
          });
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      say('info', vscode.l10n.t('Career Lattice: harvest cancelled; nothing was written.'));
      return EMPTY;
    }
    workspace.log.error('Harvest failed:', error);
    say('error', vscode.l10n.t('Career Lattice: the harvest failed: {0}', error instanceof Error ? error.message : String(error)));
    return EMPTY;
  }

  const noGit = outcome.problems.find((p) => p.kind === 'no-git');
  if (noGit) {
    say('error', vscode.l10n.t('Career Lattice: git was not found. Install git (https://git-scm.com) and make sure it is on the PATH, then harvest again.'));
    return EMPTY;
  }
  if (outcome.problems.length) {
    const text = outcome.problems.map(describeProblem).join(' ');
    if (strict) {
      say('error', vscode.l10n.t('Career Lattice: nothing was harvested. {0}', text));
      return EMPTY;
    }
    say('warning', vscode.l10n.t('Career Lattice: some repositories were skipped. {0}', text));
  }
  if (outcome.repositories.length === 0) return EMPTY;
  const period = `${since} – ${until}`;
  const names = outcome.repositories.map((r) => r.name).join(', ');
  if (outcome.authorsWithoutCommits.length) {
    say(
      'error',
      vscode.l10n.t('Career Lattice: no commits by {0} in {1} ({2}); nothing was harvested.', outcome.authorsWithoutCommits.join(', '), names, period),
    );
    return EMPTY;
  }
  if (outcome.identities.length === 0) {
    say('error', vscode.l10n.t('Career Lattice: whose commits? Set git config user.email in the repository, or your emails in careerLattice.authorEmails.'));
    return EMPTY;
  }
  if (outcome.commitsInPeriod === 0) {
    say('info', vscode.l10n.t('Career Lattice: no commits in {0} between {1}.', names, period));
    return { ...EMPTY, outcome, since, until };
  }
  if (outcome.mine === 0) {
    say(
      'info',
      vscode.l10n.t('Career Lattice: none of the {0} commits in {1} ({2}) are by {3}.', outcome.commitsInPeriod, names, period, outcome.identities.join(', ')),
    );
    return { ...EMPTY, outcome, since, until };
  }
  if (outcome.drafts.length === 0) {
    say('info', vscode.l10n.t('Career Lattice: all {0} of your commits in {1} are already in notes; nothing new to draft.', outcome.mine, period));
    return { ...EMPTY, outcome, since, until };
  }
  if (args.accept === 'all') {
    const created = await writeDrafts(workspace, outcome.drafts, root);
    say('info', vscode.l10n.t('Career Lattice: wrote {0} brag entries from {1} commits ({2}).', created.length, outcome.mine - outcome.alreadyInNotes, period));
    if (args.open === true && created[0]) await vscode.window.showTextDocument(created[0], { preview: false });
    return { drafts: outcome.drafts, created, outcome, since, until };
  }
  return { drafts: outcome.drafts, created: [], outcome, since, until };
}

function describeProblem(p: RepositoryProblem): string {
  switch (p.kind) {
    case 'not-a-repository':
      return vscode.l10n.t('{0} is not a git repository.', p.path);
    case 'unreadable':
      return vscode.l10n.t('{0} could not be read by git ({1}).', p.path, p.detail ?? 'no detail');
    case 'shallow':
      return vscode.l10n.t('{0} is a shallow clone: its history is incomplete (run git fetch --unshallow there yourself to harvest it).', p.path);
    case 'detached':
      return vscode.l10n.t('{0} is on a detached HEAD: check out a branch to harvest it.', p.path);
    case 'no-commits':
      return vscode.l10n.t('{0} has no commits yet.', p.path);
    case 'no-git':
      return vscode.l10n.t('git was not found.');
    case 'cancelled':
      return vscode.l10n.t('cancelled.');
  }
}

/**
 * Writes each draft as a brag note (never over a file); the Uris of the notes written. With several
 * workspace folders a draft goes in `root` when given, else in the folder that holds its repository,
 * else in the folder asked once (see {@link pickRoot}).
 */
export async function writeDrafts(workspace: CareerWorkspace, drafts: readonly Draft[], root?: CareerRoot): Promise<vscode.Uri[]> {
  const created: vscode.Uri[] = [];
  const ladder = workspace.ladder;
  const { current } = resolveLevels(ladder, workspace.settings);
  let asked: CareerRoot | undefined;
  const templates = new Map<string, string>();
  for (const draft of drafts) {
    let target = root ?? (workspace.multiRoot ? rootOfRepository(workspace, draft.repository) : workspace.roots[0]);
    if (!target) {
      asked ??= await pickRoot(workspace, undefined, { command: Commands.acceptDraft, title: vscode.l10n.t('Accept "{0}"', draft.title) });
      if (!asked) break;
      target = asked;
    }
    const key = target.folder.uri.toString();
    const template = templates.get(key) ?? (await readTemplate(workspace, 'brag', target));
    templates.set(key, template);
    const criteriaTitles = new Map(draft.criteria.map((id) => [id, ladder.criterion(id)?.criterion.title ?? id] as const));
    const rendered = renderTemplate(template, { title: draft.title, date: draft.date, criteria: draft.criteria, criteriaTitles, level: current.level.id });
    const text = harvestNoteText(rendered, draft, baseName(draft.repository));
    const uri = await createUnique(workspace, 'brag', draft.date, draft.title, text, target);
    if (!uri) break;
    created.push(uri);
  }
  if (created.length) await workspace.notesChanged(created);
  return created;
}

/** The workspace folder that holds a repository (its absolute path), the innermost when they nest. */
function rootOfRepository(workspace: CareerWorkspace, repository: string): CareerRoot | undefined {
  const repo = trimEndChars(repository, '/\\');
  let best: CareerRoot | undefined;
  for (const root of workspace.roots) {
    if (root.folder.uri.scheme !== 'file') continue;
    const base = trimEndChars(root.folder.uri.fsPath, '/\\');
    if (repo !== base && !repo.startsWith(`${base}/`) && !repo.startsWith(`${base}\\`)) continue;
    if (!best || base.length > best.folder.uri.fsPath.length) best = root;
  }
  return best;
}

/** Every commit hash listed in a note's `commits:`; notes are read a few at a time. */
export async function knownCommits(workspace: CareerWorkspace, signal?: AbortSignal): Promise<KnownCommits> {
  await workspace.ready;
  await workspace.flush();
  const known = new KnownCommits();
  const fs = workspace.fs;
  if (!fs) return known;
  const paths = workspace.index.paths();
  const BATCH = 32;
  for (let i = 0; i < paths.length; i += BATCH) {
    if (signal?.aborted) break;
    const texts = await Promise.all(paths.slice(i, i + BATCH).map((p) => fs.readText(p).catch(() => undefined)));
    texts.forEach((text, j) => {
      if (text !== undefined) for (const h of commitsOfNote(text, paths[i + j]!)) known.add(h);
    });
  }
  return known;
}

/** The git repositories among the workspace folders, and one level below each. */
async function workspaceRepositories(): Promise<string[]> {
  const out: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    if (await exists(vscode.Uri.joinPath(folder.uri, '.git'))) out.push(folder.uri.fsPath);
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder.uri);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      if (!(type & vscode.FileType.Directory) || type & vscode.FileType.SymbolicLink || name.startsWith('.') || name === 'node_modules') continue;
      const child = vscode.Uri.joinPath(folder.uri, name);
      if (await exists(vscode.Uri.joinPath(child, '.git'))) out.push(child.fsPath);
    }
  }
  return out;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(vscode.Uri.file(path))).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

export function baseName(path: string): string {
  const parts = trimEndChars(path, '/\\').split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
