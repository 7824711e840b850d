import * as vscode from 'vscode';
import { addCriteria } from '../../core/notes/edit';
import { findFrontMatter } from '../../core/notes/frontMatter';
import type { TagSuggestion } from '../../core/tagging';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { parseArgs, SuggestCriteriaArgs } from '../shared/args';
import { splicesToTextEdits, editDocumentCriteria } from '../shared/edits';
import { Commands } from '../shared/ids';
import { registerLogWin } from './logWin';
import { TagSuggestions } from './suggestions';
import type { GitRunner } from '../../core/git/repository';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

/**
 * Auto-tagging while writing: suggestions in a CodeLens and a lightbulb (`careerLattice.autoTag` =
 * `suggest`), or added to `criteria:` as part of each save (`onSave`), so one undo removes them.
 */
export function registerAutoTag(context: vscode.ExtensionContext, workspace: CareerWorkspace, git?: GitRunner): TagSuggestions {
  const suggestions = new TagSuggestions(context, workspace);
  const lenses = new SuggestionLenses(workspace, suggestions);
  context.subscriptions.push(
    suggestions,
    lenses,
    vscode.languages.registerCodeLensProvider(MARKDOWN, lenses),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new SuggestionActions(workspace, suggestions), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.commands.registerCommand(Commands.applySuggestedTags, (arg?: unknown) => applySuggested(workspace, suggestions, arg)),
    vscode.commands.registerCommand(Commands.suggestCriteria, (arg?: unknown) => suggestCriteria(workspace, suggestions, arg)),
    vscode.workspace.onWillSaveTextDocument((event) => {
      if (workspace.settings.autoTag !== 'onSave' || !workspace.isNote(event.document.uri)) return;
      event.waitUntil(Promise.resolve(editsOnSave(event.document, suggestions)));
    }),
  );
  registerLogWin(context, workspace, suggestions, git);
  return suggestions;
}

/** The edits that add suggested ids to `criteria:`, returned to the save (so they are in the same undo stop as the save). */
export function editsOnSave(document: vscode.TextDocument, suggestions: TagSuggestions): vscode.TextEdit[] {
  const ids = suggestions.suggest(document).map((s) => s.id);
  if (ids.length === 0) return [];
  const result = addCriteria(document.getText(), ids);
  return 'error' in result ? [] : splicesToTextEdits(document, result.splices);
}

/** Lens text: `Evidence for: Cross-team technical direction, Mentoring - add tags?` */
export function lensTitle(suggestions: readonly TagSuggestion[], titleOf: (id: string) => string): string {
  return vscode.l10n.t('Evidence for: {0} - add tags?', suggestions.map((s) => titleOf(s.id)).join(', '));
}

function explain(suggestions: readonly TagSuggestion[], titleOf: (id: string) => string): string {
  return suggestions.map((s) => vscode.l10n.t('{0} ({1}): matched {2}', titleOf(s.id), s.id, s.matched.map((m) => `"${m}"`).join(', '))).join('\n');
}

class SuggestionLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly workspace: CareerWorkspace,
    private readonly suggestions: TagSuggestions,
  ) {
    this.subscriptions = [suggestions.onDidChange(() => this.emitter.fire()), workspace.onDidChange((c) => c.settings && this.emitter.fire())];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (this.workspace.settings.autoTag !== 'suggest' || !this.workspace.isNote(document.uri)) return [];
    const found = this.suggestions.suggest(document);
    if (found.length === 0) return [];
    const titleOf = (id: string) => this.suggestions.titleOf(id);
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: `$(sparkle) ${lensTitle(found, titleOf)}`,
        tooltip: explain(found, titleOf),
        command: Commands.applySuggestedTags,
        arguments: [{ uri: document.uri.toString(), criteria: found.map((s) => s.id) }],
      }),
    ];
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}

class SuggestionActions implements vscode.CodeActionProvider {
  constructor(
    private readonly workspace: CareerWorkspace,
    private readonly suggestions: TagSuggestions,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    if (this.workspace.settings.autoTag === 'off' || !this.workspace.isNote(document.uri)) return [];
    // In the front matter (or the first lines of a note without one).
    const frontEnd = frontMatterEndLine(document);
    if (range.start.line > (frontEnd ?? 2)) return [];
    const found = this.suggestions.suggest(document);
    if (found.length === 0) return [];
    const titleOf = (id: string) => this.suggestions.titleOf(id);
    const actions: vscode.CodeAction[] = [];
    const all = new vscode.CodeAction(vscode.l10n.t('Add suggested criteria: {0}', found.map((s) => titleOf(s.id)).join(', ')), vscode.CodeActionKind.QuickFix);
    all.command = { command: Commands.applySuggestedTags, title: all.title, arguments: [{ uri: document.uri.toString(), criteria: found.map((s) => s.id) }] };
    all.isPreferred = true;
    actions.push(all);
    if (found.length > 1) {
      for (const s of found) {
        const one = new vscode.CodeAction(
          vscode.l10n.t('Add criterion: {0} (matched {1})', titleOf(s.id), s.matched.map((m) => `"${m}"`).join(', ')),
          vscode.CodeActionKind.QuickFix,
        );
        one.command = { command: Commands.applySuggestedTags, title: one.title, arguments: [{ uri: document.uri.toString(), criteria: [s.id] }] };
        actions.push(one);
      }
    }
    return actions;
  }
}

/** The line that closes the note's front matter, found as the parser finds it. */
function frontMatterEndLine(document: vscode.TextDocument): number | undefined {
  return findFrontMatter(document.getText())?.endLine;
}

/**
 * `careerLattice.applySuggestedTags` (from the lens and the lightbulb): adds ids to a note's
 * `criteria:` through the editor. `{ uri?, criteria? }`: default the active note and its suggestions.
 */
async function applySuggested(workspace: CareerWorkspace, suggestions: TagSuggestions, arg: unknown): Promise<readonly string[] | undefined> {
  const a = (typeof arg === 'object' && arg !== null ? arg : {}) as { uri?: unknown; criteria?: unknown };
  const uri = typeof a.uri === 'string' ? vscode.Uri.parse(a.uri) : a.uri instanceof vscode.Uri ? a.uri : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !workspace.isNote(uri)) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  const ids = Array.isArray(a.criteria)
    ? a.criteria.filter((x): x is string => typeof x === 'string' && workspace.ladder.hasCriterion(x))
    : suggestions.suggest(document).map((s) => s.id);
  if (ids.length === 0) return [];
  const result = await editDocumentCriteria(document, (text) => addCriteria(text, ids), { save: 'never' });
  if ('error' in result) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: {0}', result.error));
    return undefined;
  }
  return result.changed;
}

/**
 * `careerLattice.suggestCriteria` (hidden; for scripts and other extensions): `{ title, body, track?,
 * currentLevel?, targetLevel? }` -> `[{ id, score, matched }]`, as the editor would suggest them in this
 * workspace (its ladder, its settings for what is not given, and what it learned from the tagged notes).
 */
async function suggestCriteria(workspace: CareerWorkspace, suggestions: TagSuggestions, arg: unknown): Promise<TagSuggestion[] | undefined> {
  const args = parseArgs(Commands.suggestCriteria, SuggestCriteriaArgs, arg);
  if (!args) return undefined;
  await workspace.ready;
  await suggestions.examplesSettled();
  return suggestions.suggestForText(args.title, args.body, {
    ...(args.track ? { track: args.track } : {}),
    ...(args.currentLevel ? { currentLevel: args.currentLevel } : {}),
    ...(args.targetLevel ? { targetLevel: args.targetLevel } : {}),
  });
}
