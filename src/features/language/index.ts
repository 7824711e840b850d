import * as vscode from 'vscode';
import { resolveLevels } from '../../core/evidence/evidence';
import { criteriaSlot, idAt } from '../../core/notes/cursor';
import { parseNote } from '../../core/notes/parse';
import { validateNote } from '../../core/notes/validate';
import type { Problem, Severity } from '../../core/problems';
import { escapeMd } from '../../core/util/text';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Delayer, KeyedDelayer } from '../../core/util/async';
import { DisposableStore } from '../shared/dispose';

const SOURCE = 'Career Lattice';
const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];
/** Closed notes with problems are re-read for exact positions; past this many, only open notes are checked. */
const MAX_CLOSED_CHECKED = 500;

/** Front matter as a language feature: diagnostics, completion and hover of criterion ids, quick fixes. */
export function registerLanguage(context: vscode.ExtensionContext, workspace: CareerWorkspace): NoteDiagnostics {
  const diagnostics = new NoteDiagnostics(workspace);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new CriteriaCompletion(workspace), '.', '-', '[', ',', ' '),
    vscode.languages.registerHoverProvider(MARKDOWN, new CriterionHover(workspace)),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new ReplaceUnknownId(), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
  return diagnostics;
}

export function toDiagnostic(p: Problem): vscode.Diagnostic {
  const range = new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character);
  const d = new vscode.Diagnostic(range, p.message, SEVERITY[p.severity]);
  d.source = SOURCE;
  d.code = p.code;
  if (p.code === 'unknown-criterion' && p.data?.suggestions?.length) {
    // The quick fix reads the suggestions back from here.
    (d as DiagnosticWithData).suggestions = [...p.data.suggestions];
  }
  return d;
}

type DiagnosticWithData = vscode.Diagnostic & { suggestions?: string[] };

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Problems of notes and of the ladder file in the Problems panel. Open notes are checked as you type;
 * closed notes that the index found problems in are read once more for exact places.
 */
export class NoteDiagnostics extends DisposableStore {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('careerLattice'));
  /** Per document: typing in one note never delays the check of another. */
  private readonly openChecks = new KeyedDelayer<string>(250);
  private readonly closedCheck = new Delayer(400);
  private firstIndexBuilt = false;

  constructor(private readonly workspace: CareerWorkspace) {
    super();
    void workspace.ready.then(() => {
      this.firstIndexBuilt = true;
      this.scheduleClosed();
    });
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 250)));
    this.register(vscode.workspace.onDidCloseTextDocument(() => this.scheduleClosed()));
    this.register(
      workspace.onDidChange((change) => {
        if (change.ladder || change.settings) this.refreshOpen();
        this.scheduleClosed();
      }),
    );
    this.register(this.openChecks);
    this.register(this.closedCheck);
    this.refreshOpen();
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!this.workspace.isNote(document.uri)) return;
    this.openChecks.trigger(document.uri.toString(), () => this.check(document), delay);
  }

  private refreshOpen(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (this.workspace.isNote(document.uri)) this.check(document);
      // A document that is no longer a note (the notes folder setting changed) keeps no note problems.
      else if (this.collection.has(document.uri) && !this.isLadderFile(document.uri)) this.collection.delete(document.uri);
    }
  }

  /** Problems of one note's current text (saved or not). */
  problemsOf(document: vscode.TextDocument): Problem[] {
    const path = this.workspace.fs?.relative(document.uri) ?? document.uri.path;
    return validateNote(parseNote(document.getText(), path, { precise: true }), this.workspace.ladder, this.workspace.today());
  }

  check(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    this.collection.set(document.uri, this.problemsOf(document).map(toDiagnostic));
  }

  private scheduleClosed(): void {
    // While the first index is built, each batch it files would start a check that reads notes on
    // this thread: one check runs once it is built.
    if (!this.firstIndexBuilt || this.isDisposed) return;
    this.closedCheck.trigger(() => void this.checkClosed());
  }

  /** Notes not open in an editor: those whose record shows a problem or an unknown id, plus the ladder file. */
  private async checkClosed(): Promise<void> {
    const fs = this.workspace.fs;
    if (!fs) return;
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const ladder = this.workspace.ladder;
    const today = this.workspace.today();
    const wanted = new Map<string, vscode.Uri>();
    let checked = 0;
    for (const note of this.workspace.index.all()) {
      const suspicious =
        note.problems.length > 0 ||
        note.criteria.some((id) => !ladder.hasCriterion(id)) ||
        (note.type === 'decision' && note.review !== null && note.review <= today);
      if (!suspicious) continue;
      const uri = fs.uri(note.path);
      if (open.has(uri.toString())) continue;
      if (++checked > MAX_CLOSED_CHECKED) break;
      wanted.set(uri.toString(), uri);
    }
    // Drop entries of notes that are now fine, deleted or open (open ones are handled as you type).
    this.collection.forEach((uri) => {
      const key = uri.toString();
      if (!wanted.has(key) && !open.has(key) && !this.isLadderFile(uri)) this.collection.delete(uri);
    });
    for (const uri of wanted.values()) {
      const path = fs.relative(uri)!;
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        if (open.has(uri.toString())) continue;
        this.collection.set(uri, validateNote(parseNote(text, path, { precise: true }), ladder, today).map(toDiagnostic));
      } catch {
        this.collection.delete(uri);
      }
    }
    for (const [path, why] of this.workspace.index.skipped()) this.collection.set(fs.uri(path), [toDiagnostic(why)]);
    this.publishLadderProblems();
  }

  private isLadderFile(uri: vscode.Uri): boolean {
    const path = this.workspace.fs?.relative(uri);
    return path !== undefined && this.workspace.ladderLoad.files.includes(path);
  }

  private publishLadderProblems(): void {
    const fs = this.workspace.fs;
    if (!fs) return;
    const byFile = new Map<string, Problem[]>();
    for (const p of this.workspace.ladderLoad.problems) {
      const list = byFile.get(p.file ?? this.workspace.settings.ladderFile) ?? [];
      list.push(p);
      byFile.set(p.file ?? this.workspace.settings.ladderFile, list);
    }
    for (const file of new Set([...this.workspace.ladderLoad.files, ...byFile.keys()])) {
      this.collection.set(fs.uri(file), (byFile.get(file) ?? []).map(toDiagnostic));
    }
  }
}

/** Completion of criterion ids inside `criteria:`: the target level's first, described by their text. */
class CriteriaCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly workspace: CareerWorkspace) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.workspace.isNote(document.uri)) return undefined;
    const lines = linesUpTo(document, position.line);
    const slot = criteriaSlot(lines, position.line, position.character);
    if (!slot) return undefined;
    const ladder = this.workspace.ladder;
    const { current, target } = resolveLevels(ladder, this.workspace.settings);
    const range = new vscode.Range(position.line, slot.start, position.line, slot.end);
    return ladder.allCriteria().map(({ criterion, level, track }) => {
      const rank = level === target.level ? 0 : level === current.level ? 1 : track === current.track ? 2 : 3;
      const item = new vscode.CompletionItem({ label: criterion.id, description: criterion.title }, vscode.CompletionItemKind.EnumMember);
      item.range = range;
      item.sortText = `${rank}-${String(track.levels.indexOf(level)).padStart(2, '0')}-${criterion.id}`;
      item.filterText = `${criterion.id} ${criterion.title}`;
      item.detail = `${level.title} (${level.id}) · ${criterion.area}${rank === 0 ? ' · target level' : ''}`;
      item.documentation = new vscode.MarkdownString(`**${escapeMd(criterion.title)}**\n\n${escapeMd(criterion.description)}`);
      return item;
    });
  }
}

/** Hover on a criterion id (front matter or body): its level, title and description. */
class CriterionHover implements vscode.HoverProvider {
  constructor(private readonly workspace: CareerWorkspace) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.workspace.isNote(document.uri)) return undefined;
    const found = idAt(document.lineAt(position.line).text, position.character);
    if (!found) return undefined;
    const ref = this.workspace.ladder.criterion(found.id);
    if (!ref) return undefined;
    const count = this.workspace.index.countFor(found.id);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMd(ref.criterion.title)}** · ${escapeMd(ref.criterion.area)}\n\n`);
    md.appendMarkdown(`${escapeMd(ref.level.title)} (${escapeMd(ref.level.id)}), ${escapeMd(ref.track.title)} track\n\n`);
    if (ref.criterion.description) md.appendMarkdown(`${escapeMd(ref.criterion.description)}\n\n`);
    md.appendMarkdown(`_${count} note${count === 1 ? '' : 's'} evidence this._`);
    return new vscode.Hover(md, new vscode.Range(position.line, found.start, position.line, found.end));
  }
}

/** Quick fix: replace an unknown criterion id with one of the nearest known ids. */
class ReplaceUnknownId implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE || diagnostic.code !== 'unknown-criterion') continue;
      const suggestions = (diagnostic as DiagnosticWithData).suggestions ?? suggestionsFromMessage(diagnostic.message);
      const original = document.getText(diagnostic.range);
      suggestions.forEach((id, i) => {
        const action = new vscode.CodeAction(`Replace with ${id}`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = i === 0;
        const edit = new vscode.WorkspaceEdit();
        // Keep quotes the user wrote around the id.
        const quoted = /^(['"]).*\1$/.test(original) ? `${original[0]}${id}${original[0]}` : id;
        edit.replace(document.uri, diagnostic.range, quoted);
        action.edit = edit;
        actions.push(action);
      });
    }
    return actions;
  }
}

/** Diagnostics reach code actions through the Problems panel without extra fields; read the message instead. */
function suggestionsFromMessage(message: string): string[] {
  const m = /Did you mean (.+)\?$/.exec(message);
  return m ? m[1]!.split(', ').map((s) => s.trim()) : [];
}

function linesUpTo(document: vscode.TextDocument, line: number): string[] {
  // Enough lines to see the whole front matter (which ends before the body), no more.
  const last = Math.min(document.lineCount - 1, Math.max(line + 200, 200));
  const lines: string[] = [];
  for (let i = 0; i <= last; i++) lines.push(document.lineAt(i).text);
  return lines;
}
