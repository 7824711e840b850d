import * as vscode from 'vscode';
import { gaps, resolveLevels, type EvidenceSummary } from '../../core/evidence/evidence';
import type { Calibration } from '../../core/evidence/calibration';
import { buildPacket, renderPacketHtml, renderPacketMarkdown } from '../../core/evidence/packet';
import { renderComparison } from '../../core/evidence/report';
import { Delayer } from '../../core/util/async';
import { trackChange } from '../../core/ladder/lattice';
import { joinPath } from '../../core/util/paths';
import { CompareArgs, isNode, PacketArgs, parseArgs, ReviewArgs, SummaryArgs, type LevelNodeLike } from '../shared/args';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands, LANGUAGE_SCHEME, WebviewTypes } from '../shared/ids';
import { pickLevel, pickRoot } from '../shared/pick';
import { NoteDetailsCache } from './details';
import { EvidencePanel } from './panel';
import { describePeriod, setReviewPeriod } from './period';

/** Evidence toward the next level: the webview, status bar, comparison, packet and decision reviews. */
export function registerEvidence(context: vscode.ExtensionContext, workspace: CareerWorkspace): void {
  const comparisons = new ComparisonDocuments(workspace);
  const details = new NoteDetailsCache(workspace);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(LANGUAGE_SCHEME, comparisons),
    comparisons,
    vscode.commands.registerCommand(Commands.showEvidence, async () => {
      await workspace.ready;
      EvidencePanel.show(context, workspace, details);
    }),
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.evidence, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        await workspace.ready;
        EvidencePanel.revive(panel, context, workspace, details);
      },
    }),
    vscode.commands.registerCommand(Commands.getEvidenceSummary, (arg?: unknown) => getEvidenceSummary(workspace, arg)),
    vscode.commands.registerCommand(Commands.compareLevels, (arg?: unknown) => compareLevels(workspace, comparisons, arg)),
    vscode.commands.registerCommand(Commands.compareWithCurrent, (node?: LevelNodeLike) =>
      compareLevels(
        workspace,
        comparisons,
        isNode(node, 'level') ? { from: resolveLevels(workspace.ladder, workspace.settings).current.level.id, to: node.levelId } : undefined,
      ),
    ),
    vscode.commands.registerCommand(Commands.exportPacket, (arg?: unknown) => exportPacket(workspace, details, arg)),
    vscode.commands.registerCommand(Commands.setReviewPeriod, (arg?: unknown) => setReviewPeriod(workspace, arg)),
    vscode.commands.registerCommand(Commands.getCalibration, (arg?: unknown) => getCalibration(workspace, details, arg)),
    vscode.commands.registerCommand(Commands.reviewDecisions, (arg?: unknown) => reviewDecisions(workspace, arg)),
    new EvidenceStatusBar(workspace),
    new ReviewReminder(context, workspace),
  );
}

/** `careerLattice.getEvidenceSummary`: the summary as plain JSON (settings, unless overridden). */
export async function getEvidenceSummary(workspace: CareerWorkspace, arg: unknown): Promise<EvidenceSummary | undefined> {
  const args = parseArgs(Commands.getEvidenceSummary, SummaryArgs, arg);
  if (!args) return undefined;
  await workspace.ensureFresh();
  const s = workspace.summary(args);
  return {
    track: s.track,
    currentLevel: s.currentLevel,
    targetLevel: s.targetLevel,
    // Only for a change of track: a promotion's summary is what it always was.
    ...(s.changeOfTrack ? { changeOfTrack: true, targetTrack: s.targetTrack ?? s.track } : {}),
    ...(s.points ? { points: { ...s.points } } : {}),
    period: s.period ? { since: s.period.since, until: s.period.until } : null,
    covered: s.covered,
    total: s.total,
    criteria: s.criteria.map((c) => ({
      id: c.id,
      title: c.title,
      area: c.area,
      count: c.count,
      latest: c.latest,
      stale: c.stale,
      notes: [...c.notes],
      earlier: [...c.earlier],
    })),
  };
}

/**
 * `careerLattice.getCalibration` (hidden): the calibration check the packet and the evidence view show,
 * as plain JSON. Takes the summary's arguments (`since`, `until`, `targetLevel`...).
 */
async function getCalibration(workspace: CareerWorkspace, details: NoteDetailsCache, arg: unknown): Promise<Calibration | undefined> {
  const args = parseArgs(Commands.getCalibration, SummaryArgs, arg);
  if (!args) return undefined;
  await workspace.ensureFresh();
  const { calibration } = await details.calibrate(workspace.summary(args));
  return JSON.parse(JSON.stringify(calibration)) as Calibration;
}

/** Virtual markdown documents `career-lattice:/compare/L5-L6.md`, rendered from the ladder. */
class ComparisonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly open = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly workspace: CareerWorkspace) {
    this.subscription = workspace.onDidChange((change) => {
      if (change.ladder) for (const uri of this.open) this.emitter.fire(vscode.Uri.parse(uri));
    });
  }

  uriFor(from: string, to: string): vscode.Uri {
    return vscode.Uri.from({ scheme: LANGUAGE_SCHEME, path: `/compare/${from}-${to}.md` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const m = /^\/compare\/((?:[a-z][a-z0-9]*\.)?[A-Za-z0-9+]+)-((?:[a-z][a-z0-9]*\.)?[A-Za-z0-9+]+)\.md$/.exec(uri.path);
    if (!m) return '# Unknown comparison\n';
    this.open.add(uri.toString());
    try {
      return renderComparison(this.workspace.ladder, m[1]!, m[2]!);
    } catch (error) {
      return `# Cannot compare ${m[1]} and ${m[2]}\n\n${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/**
 * `careerLattice.compareLevels`: what changes between two levels, criterion by criterion, as a
 * markdown document. `{ from, to }` skips the prompts (default: current and target level).
 */
async function compareLevels(workspace: CareerWorkspace, docs: ComparisonDocuments, arg: unknown): Promise<vscode.Uri | undefined> {
  const ladder = workspace.ladder;
  const { current, target } = resolveLevels(ladder, workspace.settings);
  let from: string | undefined;
  let to: string | undefined;
  let open = true;
  if (arg === undefined) {
    from = (
      await pickLevel(workspace, {
        title: vscode.l10n.t('Compare Levels (1/2)'),
        placeholder: vscode.l10n.t('From which level? (current: {0})', current.level.id),
      })
    )?.level;
    if (!from) return undefined;
    to = (
      await pickLevel(workspace, { title: vscode.l10n.t('Compare Levels (2/2)'), placeholder: vscode.l10n.t('To which level? (target: {0})', target.level.id) })
    )?.level;
    if (!to) return undefined;
  } else {
    const args = parseArgs(Commands.compareLevels, CompareArgs, arg);
    if (!args) return undefined;
    from = args.from ?? current.level.id;
    to = args.to ?? target.level.id;
    open = args.open !== false;
  }
  const track = resolveLevels(ladder, workspace.settings).track.id;
  const a = ladder.level(from, track);
  const b = ladder.level(to, track);
  if (!a || !b) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: there is no level "{0}" in the ladder.', !a ? from : to));
    return undefined;
  }
  // A level id on several tracks (disciplines sharing IC1...) is named with its track.
  const code = (r: typeof a) =>
    ladder.tracksWithLevel(r.level.id).length > 1 && /^[a-z][a-z0-9]*$/.test(r.track.id) ? `${r.track.id}.${r.level.id}` : r.level.id;
  const uri = docs.uriFor(code(a), code(b));
  if (open) {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true });
  }
  return uri;
}

/**
 * `careerLattice.exportPacket`: writes `<notesFolder>/packets/<date>-<target>.md` (or `.html` with
 * `format: 'html'`, or the `careerLattice.packetFormat` setting when no format is given), never over an earlier packet, and opens it. `since`/`until` override the review
 * period. Resolves to the packet's Uri.
 */
async function exportPacket(workspace: CareerWorkspace, details: NoteDetailsCache, arg: unknown): Promise<vscode.Uri | undefined> {
  const args = parseArgs(Commands.exportPacket, PacketArgs, arg);
  if (!args) return undefined;
  const fs = workspace.fs;
  if (!fs) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: open a folder with your notes first.'));
    return undefined;
  }
  // With several workspace folders: the packet goes in the notes folder of the one named, or asked.
  const root = await pickRoot(workspace, args.folder, { command: Commands.exportPacket, title: vscode.l10n.t('Export Promotion Packet') });
  if (!root) return undefined;
  const notesFolder = workspace.multiRoot ? root.notesPath : workspace.settings.notesFolder;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Career Lattice: exporting promotion packet') },
    async () => {
      await workspace.ensureFresh();
      const summary = workspace.summary({ targetLevel: args.targetLevel, since: args.since, until: args.until });
      const today = workspace.today();
      const target = summary.targetLevel.replace(/[^A-Za-z0-9+-]/g, '');
      const html = (args.format ?? workspace.settings.packetFormat) === 'html';
      const { calibration, details: texts } = await details.calibrate(summary);
      const more = await details.get(summary.criteria.flatMap((c) => [...c.notes, ...c.earlier]));
      for (const [path, d] of more) texts.set(path, d);
      for (let n = 1; n < 1000; n++) {
        const path = joinPath(notesFolder, 'packets', `${today}-${target}${n > 1 ? `-${n}` : ''}.${html ? 'html' : 'md'}`);
        if (await fs.exists(path)) continue;
        const model = buildPacket(workspace.ladder, workspace.index, summary, {
          today,
          packetPath: path,
          staleAfterMonths: workspace.settings.staleAfterMonths,
          details: texts,
          calibration,
        });
        const text = html ? renderPacketHtml(model) : renderPacketMarkdown(model);
        const uri = fs.uri(path);
        const edit = new vscode.WorkspaceEdit();
        edit.createFile(
          uri,
          { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) },
          { label: 'Export promotion packet', needsConfirmation: false },
        );
        if (!(await vscode.workspace.applyEdit(edit))) {
          if (await fs.exists(path)) continue; // written meanwhile by someone else: take the next name
          void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice could not create {0}.', path));
          return undefined;
        }
        // An HTML packet is not a note: the index has nothing to learn from it.
        if (!html) await workspace.notesChanged([uri]);
        if (args.open !== false) await vscode.window.showTextDocument(uri, { preview: false });
        return uri;
      }
      void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: too many packets today; the packet was not written.'));
      return undefined;
    },
  );
}

/** Paths of the decision records due for review, oldest review first. */
export function dueDecisions(workspace: CareerWorkspace): string[] {
  return workspace.dueDecisions().map((n) => n.path);
}

/**
 * `careerLattice.reviewDecisions`: picks a decision due for review and opens it. With `{ open: false }`
 * it only answers with the paths that are due.
 */
async function reviewDecisions(workspace: CareerWorkspace, arg: unknown): Promise<string[]> {
  const args = parseArgs(Commands.reviewDecisions, ReviewArgs, arg);
  if (!args) return [];
  await workspace.ensureFresh();
  const due = dueDecisions(workspace);
  if (args.open === false) return due;
  if (due.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Career Lattice: no career decisions are due for review.'));
    return due;
  }
  const picked =
    due.length === 1
      ? due[0]
      : (
          await vscode.window.showQuickPick(
            due.map((path) => {
              const n = workspace.index.get(path)!;
              return { label: n.title, description: `review due ${n.review}`, detail: path, path };
            }),
            { title: vscode.l10n.t('Career Decisions Due for Review'), placeHolder: vscode.l10n.t('Compare each decision with what actually happened') },
          )
        )?.path;
  if (picked) await vscode.commands.executeCommand(Commands.openNote, picked);
  return due;
}

/** "L5 -> L6: 7/12" in the status bar; the tooltip lists what is missing; a click opens the evidence view. */
export class EvidenceStatusBar implements vscode.Disposable {
  /** Read by the integration tests (there is no API that reads a status bar item back). */
  readonly item = vscode.window.createStatusBarItem('careerLattice.evidence', vscode.StatusBarAlignment.Left, 20);
  private readonly subscription: vscode.Disposable;
  private readonly redraw = new Delayer(100);

  constructor(private readonly workspace: CareerWorkspace) {
    this.item.name = 'Career Lattice Evidence';
    this.item.command = Commands.showEvidence;
    this.subscription = workspace.onDidChange(() => this.schedule());
    void workspace.ready.then(() => this.update());
  }

  private schedule(): void {
    this.redraw.trigger(() => this.update());
  }

  update(): void {
    if (!this.workspace.fs) {
      this.item.hide();
      return;
    }
    const s = this.workspace.summary();
    const change = s.changeOfTrack ? trackChange(this.workspace.ladder, s) : undefined;
    const across = change ? ` ${vscode.l10n.t('(change of track)')}` : '';
    // A ladder that counts points: the points against the level's threshold.
    const count = s.points ? vscode.l10n.t('{0}/{1} pts', s.points.earned, s.points.threshold) : `${s.covered}/${s.total}`;
    this.item.text = `$(mortar-board) ${s.currentLevel} -> ${s.targetLevel}${across}: ${count}`;
    const points = s.points ? vscode.l10n.t('{0} of the {1} points needed', s.points.earned, s.points.threshold) : undefined;
    this.item.accessibilityInformation = {
      label: `Career Lattice: ${s.covered} of ${s.total} criteria of ${s.targetLevel} covered${points ? `, ${points}` : ''}${change ? `, ${change.sentence}` : ''}. Open the evidence view.`,
    };
    const open = gaps(s);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(
      `**${vscode.l10n.t('Evidence toward {0}:', s.targetLevel)}** ${vscode.l10n.t('{0} of {1} criteria covered', s.covered, s.total)}${points ? ` · ${escape(points)}` : ''}\n\n`,
    );
    if (change) tooltip.appendMarkdown(`_${escape(change.sentence)}_\n\n`);
    const period = describePeriod(this.workspace);
    tooltip.appendMarkdown(
      `${escape(period ? vscode.l10n.t('Review period: {0}', period) : vscode.l10n.t('No review period: evidence counts while it is recent.'))}\n\n`,
    );
    const missing = open.filter((c) => c.count === 0);
    const stale = open.filter((c) => c.count > 0);
    if (missing.length) tooltip.appendMarkdown(`${vscode.l10n.t('Missing:')}\n${missing.map((c) => `- ${escape(c.title)}`).join('\n')}\n\n`);
    if (stale.length)
      tooltip.appendMarkdown(
        `${vscode.l10n.t('Stale:')}\n${stale.map((c) => `- ${escape(c.title)} (${vscode.l10n.t('latest {0}', c.latest ?? vscode.l10n.t('undated'))})`).join('\n')}\n\n`,
      );
    if (!open.length) tooltip.appendMarkdown(`${vscode.l10n.t('Every criterion has recent evidence.')}\n\n`);
    tooltip.appendMarkdown(vscode.l10n.t('Click to open the evidence view.'));
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.redraw.dispose();
    this.subscription.dispose();
    this.item.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, '\\$&');
}

/** At most once a day per workspace: "2 career decisions are due for review". */
class ReviewReminder implements vscode.Disposable {
  static readonly KEY = 'careerLattice.lastReviewReminder';
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly subscription: vscode.Disposable;
  private readonly settled = new Delayer(1000);
  /** Set before any await, so that two checks close together remind once. */
  private remindedOn: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly workspace: CareerWorkspace,
  ) {
    void workspace.ready.then(() => this.check());
    // The first index can be built after this is created (then nothing is due yet), and decisions
    // come and change while the window is open: look again when the index settles.
    this.subscription = workspace.onDidChange((change) => {
      if (change.index) this.settled.trigger(() => void this.check());
    });
    // A window left open for days still reminds once a day.
    this.timer = setInterval(() => void this.check(), 60 * 60 * 1000);
  }

  async check(): Promise<void> {
    if (!this.workspace.settings.reviewReminders || !this.workspace.fs) return;
    const today = this.workspace.today();
    if (this.remindedOn === today || this.context.workspaceState.get<string>(ReviewReminder.KEY) === today) return;
    const due = dueDecisions(this.workspace);
    if (due.length === 0) return;
    this.remindedOn = today;
    await this.context.workspaceState.update(ReviewReminder.KEY, today);
    const message =
      due.length === 1 ? vscode.l10n.t('1 career decision is due for review.') : vscode.l10n.t('{0} career decisions are due for review.', due.length);
    const review = vscode.l10n.t('Review');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Career Lattice: {0}', message), review, vscode.l10n.t('Not Today'));
    if (choice === review) await vscode.commands.executeCommand(Commands.reviewDecisions);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.settled.dispose();
    this.subscription.dispose();
  }
}
