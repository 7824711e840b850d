import * as vscode from 'vscode';
import type { Draft } from '../../core/git/drafts';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { weeklyNudgeDue } from '../../core/git/weekly';
import { runHarvest, type HarvestEnvironment } from './run';

const LAST_KEY = 'careerLattice.weeklyHarvest.last';
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * `careerLattice.weeklyHarvest`: once a week, on the chosen day, a non-modal notification with the
 * week's commits and workstreams that opens their drafts. Silent when there is nothing, or no git.
 */
export class WeeklyNudge implements vscode.Disposable {
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly subscription: vscode.Disposable;
  private running = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly workspace: CareerWorkspace,
    private readonly env: HarvestEnvironment | undefined,
    private readonly show: (drafts: Draft[]) => Promise<void>,
  ) {
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.subscription = workspace.onDidChange((c) => c.settings && void this.check());
    void workspace.ready.then(() => this.check());
  }

  async check(now = new Date()): Promise<void> {
    if (!this.env || !vscode.workspace.isTrusted || this.running) return;
    const week = weeklyNudgeDue(this.workspace.settings.weeklyHarvest, now, this.context.workspaceState.get<string>(LAST_KEY));
    if (!week) return;
    this.running = true;
    try {
      await this.context.workspaceState.update(LAST_KEY, week.until);
      const run = await runHarvest(this.workspace, this.env, { ...week, accept: 'none' }, { silent: true });
      if (run.drafts.length === 0) return;
      const commits = run.drafts.reduce((n, d) => n + d.commits.length, 0);
      const review = vscode.l10n.t('Draft Brag Entries');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('You made {0} commits in {1} workstreams this week: draft brag entries?', commits, run.drafts.length),
        review,
        vscode.l10n.t('Not Now'),
      );
      if (answer === review) await this.show(run.drafts);
    } finally {
      this.running = false;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
  }
}
