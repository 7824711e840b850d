import * as vscode from 'vscode';
import { KnownCommits, mergeDrafts, type Draft } from '../../core/git/drafts';
import { addMonths } from '../../core/util/dates';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { pickCriteria, promptTitle } from '../shared/pick';
import { WeeklyNudge } from './nudge';
import { knownCommits, runHarvest, writeDrafts, type HarvestEnvironment, type HarvestResult } from './run';
import { DraftsView } from './view';

export type { HarvestEnvironment } from './run';

/**
 * Harvest Wins From Git History: the person's commits of a period, grouped into workstreams, drafted
 * as brag entries, reviewed in the Harvest view (or accepted at once with `{ accept: 'all' }`).
 */
export function registerHarvest(context: vscode.ExtensionContext, workspace: CareerWorkspace, env: HarvestEnvironment | undefined): void {
  const view = new DraftsView();
  const harvestCommand = async (arg?: unknown): Promise<HarvestResult> => {
    let input: unknown = arg;
    if (arg === undefined || arg instanceof vscode.Uri || isTreeNode(arg)) {
      const period = await pickPeriod(workspace.today(), workspace.settings);
      if (!period) return { drafts: [], created: [] };
      input = period;
    }
    const run = await runHarvest(workspace, env, input);
    const accept = (input as { accept?: string }).accept;
    if (accept === undefined && run.drafts.length) {
      view.set(run.drafts);
      const commits = run.drafts.reduce((n, d) => n + d.commits.length, 0);
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Career Lattice: {0} commits in {1} workstreams drafted: accept, skip, merge or edit them in the Harvest view.',
          commits,
          run.drafts.length,
        ),
      );
      if ((input as { open?: boolean }).open !== false) await view.reveal();
    }
    return { drafts: run.drafts, created: run.created };
  };

  /** Writes one draft, unless a note already lists its commits (accepted elsewhere meanwhile). */
  /** Drafts being written: a second Ctrl+Enter on the same draft must not write it twice. */
  const writing = new Set<string>();
  const accept = async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const draft = view.target(arg);
    if (!draft || writing.has(draft.id)) return undefined;
    writing.add(draft.id);
    try {
      const known: KnownCommits = await knownCommits(workspace);
      if (draft.commits.some((c) => known.has(c.hash))) {
        view.remove(draft.id);
        void vscode.window.showInformationMessage(vscode.l10n.t('Career Lattice: a note already lists commits of "{0}"; the draft was removed.', draft.title));
        return undefined;
      }
      const [uri] = await writeDrafts(workspace, [draft]);
      if (!uri) return undefined;
      view.remove(draft.id);
      await view.reveal();
      return uri;
    } finally {
      writing.delete(draft.id);
    }
  };

  const editTitle = async (arg?: unknown, title?: unknown): Promise<Draft | undefined> => {
    const draft = view.target(arg);
    if (!draft) return undefined;
    const value =
      typeof title === 'string'
        ? title.trim()
        : await promptTitle(vscode.l10n.t('Draft title'), vscode.l10n.t('A title a reviewer would recognise'), draft.title);
    if (!value) return undefined;
    if (value.length > 200) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: a title must be under 200 characters.'));
      return undefined;
    }
    const edited = { ...draft, title: value.replace(/[\r\n]+/g, ' ') };
    view.replace(draft.id, edited);
    return edited;
  };

  const editCriteria = async (arg?: unknown, criteria?: unknown): Promise<Draft | undefined> => {
    const draft = view.target(arg);
    if (!draft) return undefined;
    const ids =
      Array.isArray(criteria) && criteria.every((c) => typeof c === 'string')
        ? (criteria as string[])
        : await pickCriteria(workspace, { title: vscode.l10n.t('Criteria of "{0}"', draft.title), preselected: draft.criteria });
    if (!ids) return undefined;
    const edited = { ...draft, criteria: [...new Set(ids)] };
    view.replace(draft.id, edited);
    return edited;
  };

  const merge = async (arg?: unknown, otherArg?: unknown): Promise<Draft | undefined> => {
    const draft = view.target(arg);
    if (!draft) return undefined;
    let other = otherArg !== undefined ? view.target(otherArg) : undefined;
    if (otherArg !== undefined && (!other || other.id === draft.id)) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Career Lattice: there is no other draft {0} to merge with.', String(typeof otherArg === 'string' ? otherArg : JSON.stringify(otherArg))),
      );
      return undefined;
    }
    if (!other) {
      const items = view
        .all()
        .filter((d) => d.id !== draft.id)
        .map((d) => ({ label: d.title, description: `${d.date} · ${d.commits.length} commits`, id: d.id }));
      if (items.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Career Lattice: there is no other draft to merge with.'));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Merge "{0}" with...', draft.title),
        placeHolder: vscode.l10n.t('The other draft (its commits join this one)'),
      });
      other = picked ? view.get(picked.id) : undefined;
    }
    if (!other) return undefined;
    const merged = mergeDrafts(draft, other);
    view.replace(draft.id, merged);
    view.remove(other.id);
    return merged;
  };

  const actions = async (arg?: unknown): Promise<unknown> => {
    const draft = view.target(arg);
    if (!draft) return undefined;
    const items: Array<vscode.QuickPickItem & { run: () => Promise<unknown> }> = [
      { label: `$(check) ${vscode.l10n.t('Accept')}`, description: vscode.l10n.t('write it as a brag entry'), run: () => accept(draft.id) },
      { label: `$(close) ${vscode.l10n.t('Skip')}`, description: vscode.l10n.t('drop this draft'), run: async () => view.remove(draft.id) },
      { label: `$(edit) ${vscode.l10n.t('Edit Title...')}`, run: () => editTitle(draft.id) },
      { label: `$(tag) ${vscode.l10n.t('Edit Criteria...')}`, description: draft.criteria.join(', '), run: () => editCriteria(draft.id) },
      { label: `$(git-merge) ${vscode.l10n.t('Merge With Another Draft...')}`, run: () => merge(draft.id) },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: draft.title, placeHolder: vscode.l10n.t('What to do with this draft?') });
    return picked?.run();
  };

  context.subscriptions.push(
    view,
    vscode.commands.registerCommand(Commands.harvestWins, harvestCommand),
    vscode.commands.registerCommand(Commands.acceptDraft, accept),
    vscode.commands.registerCommand(Commands.skipDraft, (arg?: unknown) => {
      const draft = view.target(arg);
      if (draft) view.remove(draft.id);
      return draft?.id;
    }),
    vscode.commands.registerCommand(Commands.editDraftTitle, editTitle),
    vscode.commands.registerCommand(Commands.editDraftCriteria, editCriteria),
    vscode.commands.registerCommand(Commands.mergeDrafts, merge),
    vscode.commands.registerCommand(Commands.draftActions, actions),
    vscode.commands.registerCommand(Commands.acceptAllDrafts, async () => {
      const drafts = [...view.all()];
      const known = await knownCommits(workspace);
      const fresh = drafts.filter((d) => !d.commits.some((c) => known.has(c.hash)));
      const created = await writeDrafts(workspace, fresh);
      // Written ones and stale ones go; a draft that could not be written (and those after it) stays.
      const written = new Set(fresh.slice(0, created.length));
      view.remove(...drafts.filter((d) => written.has(d) || !fresh.includes(d)).map((d) => d.id));
      return created;
    }),
    vscode.commands.registerCommand(Commands.discardDrafts, () => view.set([])),
    vscode.commands.registerCommand(Commands.getDrafts, () => view.all().map((d) => ({ ...d }))),
    new WeeklyNudge(context, workspace, env, (drafts) => {
      view.set(drafts);
      return view.reveal();
    }),
  );
}

function isTreeNode(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'kind' in value && typeof (value as { kind: unknown }).kind === 'string' && !('since' in value);
}

async function pickPeriod(
  today: string,
  settings: { reviewPeriodStart: string; reviewPeriodEnd: string },
): Promise<{ since: string; until: string } | undefined> {
  const start = settings.reviewPeriodStart;
  const end = settings.reviewPeriodEnd && settings.reviewPeriodEnd < today ? settings.reviewPeriodEnd : today;
  // The review period, when one is set, comes first: it is what the review will be about.
  const review = start && start <= end ? [{ label: vscode.l10n.t('The review period'), since: start, until: end }] : [];
  const items = [
    ...review,
    { label: vscode.l10n.t('Last six months'), since: addMonths(today, -6) },
    { label: vscode.l10n.t('Last twelve months'), since: addMonths(today, -12) },
    { label: vscode.l10n.t('Last three months'), since: addMonths(today, -3) },
    { label: vscode.l10n.t('Last month'), since: addMonths(today, -1) },
    { label: vscode.l10n.t('Last seven days'), since: daysBefore(today, 6) },
  ].map((i) => ({ until: today, ...i, description: `${i.since} – ${'until' in i ? i.until : today}` }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Harvest Wins From Git History'),
    placeHolder: vscode.l10n.t('Which period?'),
  });
  return picked ? { since: picked.since, until: picked.until } : undefined;
}

export function daysBefore(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
