import * as vscode from 'vscode';
import type { Calibration } from '../../core/evidence/calibration';
import { resolveLevels } from '../../core/evidence/evidence';
import { evidenceDetails } from '../../core/evidence/report';
import { trackChange } from '../../core/ladder/lattice';
import { Delayer } from '../../core/util/async';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { DisposableStore } from '../shared/dispose';
import { Commands, WebviewTypes } from '../shared/ids';
import type { NoteDetailsCache } from './details';
import { parseFromWebview, type ToWebview } from './protocol';
import { criterionMeta, renderBody, renderPage, renderTitle, type EvidenceViewModel } from './render';

/** The view model of the evidence webview, from the one evidence summary. */
export function buildViewModel(workspace: CareerWorkspace, calibration?: Calibration): EvidenceViewModel {
  const ladder = workspace.ladder;
  const summary = workspace.summary();
  const { track, current, target } = resolveLevels(ladder, workspace.settings);
  const change = summary.changeOfTrack ? trackChange(ladder, summary) : undefined;
  const notes = new Map<string, { title: string; date: string | null; type: import('../../core/notes/schema').NoteType; from?: string }>();
  for (const c of summary.criteria) {
    for (const path of [...c.notes, ...c.earlier]) {
      const n = workspace.index.get(path);
      if (n) notes.set(path, { title: n.title, date: n.date, type: n.type, ...(n.from ? { from: n.from } : {}) });
    }
  }
  const eqOf = (id: string) => ladder.equivalent(id, track.id)?.level.title;
  return {
    summary,
    trackTitle: track.title,
    current: { id: current.level.id, title: current.level.title, ...(eqOf(current.level.id) ? { equivalent: eqOf(current.level.id)! } : {}) },
    target: { id: target.level.id, title: target.level.title, ...(eqOf(target.level.id) ? { equivalent: eqOf(target.level.id)! } : {}) },
    criteria: ladder.criteriaOf(target).map(criterionMeta),
    notes,
    details: evidenceDetails(ladder, workspace.index, workspace.today()),
    staleAfterMonths: workspace.settings.staleAfterMonths,
    today: workspace.today(),
    ladderSource: workspace.ladderLoad.source,
    ...(change ? { trackChange: { sentence: change.sentence, tryFirst: change.tryFirst, toManagement: change.toManagement } } : {}),
    ...(calibration ? { calibration } : {}),
  };
}

function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The evidence webview: one panel at a time, live (re-rendered within a second of a change), and
 * restored after a window reload by a serializer.
 */
export class EvidencePanel extends DisposableStore {
  private static current: EvidencePanel | undefined;
  private readonly updateSoon = this.register(new Delayer(150));
  private runs = 0;

  static show(context: vscode.ExtensionContext, workspace: CareerWorkspace, details: NoteDetailsCache): EvidencePanel {
    if (EvidencePanel.current) {
      EvidencePanel.current.panel.reveal(undefined, false);
      EvidencePanel.current.update();
      return EvidencePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(WebviewTypes.evidence, 'Evidence', vscode.ViewColumn.Active, EvidencePanel.options(context));
    return new EvidencePanel(panel, context, workspace, details);
  }

  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, workspace: CareerWorkspace, details: NoteDetailsCache): EvidencePanel {
    EvidencePanel.current?.dispose();
    panel.webview.options = EvidencePanel.options(context);
    return new EvidencePanel(panel, context, workspace, details);
  }

  static get active(): EvidencePanel | undefined {
    return EvidencePanel.current;
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
      retainContextWhenHidden: false,
      enableFindWidget: true,
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly workspace: CareerWorkspace,
    private readonly details: NoteDetailsCache,
  ) {
    super();
    EvidencePanel.current = this;
    panel.iconPath = {
      light: vscode.Uri.joinPath(context.extensionUri, 'media', 'icons', 'evidence-light.svg'),
      dark: vscode.Uri.joinPath(context.extensionUri, 'media', 'icons', 'evidence-dark.svg'),
    };
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)));
    this.register(workspace.onDidChange(() => this.scheduleUpdate()));
    this.register(panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.scheduleUpdate()));
    this.renderFull();
  }

  /** The whole page, with a fresh nonce. Used first, and when the webview was discarded while hidden. */
  private renderFull(): void {
    const webview = this.panel.webview;
    const model = buildViewModel(this.workspace);
    this.panel.title = renderTitle(model);
    webview.html = renderPage(model, {
      cspSource: webview.cspSource,
      script: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'evidence.js')).toString(),
      style: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'evidence.css')).toString(),
      nonce: nonce(),
    });
  }

  private scheduleUpdate(): void {
    this.updateSoon.trigger(() => this.update());
  }

  /** Sends the new body to the page, which keeps its scroll position and focus. */
  update(): void {
    void this.updateNow();
  }

  private async updateNow(): Promise<void> {
    if (this.isDisposed || !this.panel.visible) return;
    const run = ++this.runs;
    // The calibration check reads note texts: the body waits for it, so the page never shows a stale one.
    const { calibration } = await this.details.calibrate(this.workspace.summary());
    if (run !== this.runs || this.isDisposed || !this.panel.visible) return;
    const model = buildViewModel(this.workspace, calibration);
    this.panel.title = renderTitle(model);
    const message: ToWebview = { type: 'render', html: renderBody(model), title: renderTitle(model) };
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.update();
        return;
      case 'openNote':
        // Only notes the index knows: a crafted path from the page opens nothing.
        if (this.workspace.index.has(message.path)) await vscode.commands.executeCommand(Commands.openNote, message.path);
        return;
      case 'run':
        switch (message.command) {
          case 'exportPacket':
            await vscode.commands.executeCommand(Commands.exportPacket);
            return;
          case 'compareLevels':
            await vscode.commands.executeCommand(Commands.compareLevels, {});
            return;
          case 'setCurrentLevel':
            await vscode.commands.executeCommand(Commands.setCurrentLevel);
            return;
          case 'setReviewPeriod':
            await vscode.commands.executeCommand(Commands.setReviewPeriod);
            return;
          case 'refresh':
            await vscode.commands.executeCommand(Commands.refresh);
            return;
          case 'newBragEntryForCriterion':
            if (message.criterionId && this.workspace.ladder.hasCriterion(message.criterionId)) {
              await vscode.commands.executeCommand(Commands.newBragEntryForCriterion, { kind: 'criterion', criterionId: message.criterionId });
            }
            return;
          default: {
            const never: never = message.command;
            return never;
          }
        }
      default: {
        const never: never = message;
        return never;
      }
    }
  }

  override dispose(): void {
    if (EvidencePanel.current === this) EvidencePanel.current = undefined;
    super.dispose();
    this.panel.dispose();
  }
}
