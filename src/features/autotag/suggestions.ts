import * as vscode from 'vscode';
import type { Ladder } from '../../core/ladder/ladder';
import { readCriteria } from '../../core/notes/edit';
import { parseNote } from '../../core/notes/parse';
import { TagInferrer, type TagSuggestion } from '../../core/tagging';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { DisposableStore } from '../shared/dispose';

const REMOVED_KEY = 'careerLattice.removedTags';

/**
 * Suggested criteria for notes, with memory of the tags a person removed: a removed tag is never
 * suggested (nor added on save) again for that note, until the person adds it back themselves.
 */
export class TagSuggestions extends DisposableStore {
  private inferrer: { ladder: Ladder; inferrer: TagInferrer } | undefined;
  /** Per open note: the criteria seen last, to notice a removal as it happens. */
  private readonly lastSeen = new Map<string, ReadonlySet<string>>();
  private readonly cache = new Map<string, { version: number; key: string; suggestions: TagSuggestion[] }>();
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when suggestions may have changed (ladder, settings, removed tags). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly workspace: CareerWorkspace,
  ) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.observe(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.observe(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.lastSeen.delete(d.uri.toString())));
    this.register(
      workspace.onDidChange((change) => {
        if (change.ladder || change.settings) {
          this.cache.clear();
          this.changeEmitter.fire();
        }
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.observe(d);
  }

  private get tagInferrer(): TagInferrer {
    const ladder = this.workspace.ladder;
    if (this.inferrer?.ladder !== ladder) this.inferrer = { ladder, inferrer: new TagInferrer(ladder) };
    return this.inferrer.inferrer;
  }

  private key(document: vscode.TextDocument): string | undefined {
    return this.workspace.fs?.relative(document.uri);
  }

  removedTags(path: string): string[] {
    return this.context.workspaceState.get<Record<string, string[]>>(REMOVED_KEY, {})[path] ?? [];
  }

  private async setRemoved(path: string, ids: readonly string[]): Promise<void> {
    const all = { ...this.context.workspaceState.get<Record<string, string[]>>(REMOVED_KEY, {}) };
    if (ids.length) all[path] = [...ids].sort();
    else delete all[path];
    await this.context.workspaceState.update(REMOVED_KEY, all);
  }

  /** Notices tags removed from (or added back to) an open note's `criteria:`. */
  private observe(document: vscode.TextDocument): void {
    if (!this.workspace.isNote(document.uri)) return;
    const path = this.key(document)!;
    const uri = document.uri.toString();
    const now = new Set(readCriteria(document.getText()));
    const before = this.lastSeen.get(uri) ?? new Set(this.workspace.index.get(path)?.criteria ?? now);
    this.lastSeen.set(uri, now);
    const gone = [...before].filter((id) => !now.has(id));
    const back = [...now].filter((id) => !before.has(id));
    if (gone.length === 0 && back.length === 0) return;
    const removed = new Set(this.removedTags(path));
    const size = removed.size;
    for (const id of gone) removed.add(id);
    for (const id of now) removed.delete(id);
    if (removed.size !== size || gone.length) {
      void this.setRemoved(path, [...removed]).then(() => {
        this.cache.delete(uri);
        this.changeEmitter.fire();
      });
    }
  }

  /** Suggestions for a note's current text: not already tagged, not removed by the person. */
  suggest(document: vscode.TextDocument): TagSuggestion[] {
    if (!this.workspace.isNote(document.uri)) return [];
    const path = this.key(document)!;
    const uri = document.uri.toString();
    const s = this.workspace.settings;
    const key = `${s.track}|${s.currentLevel}|${s.targetLevel}|${this.removedTags(path).join(',')}`;
    const cached = this.cache.get(uri);
    if (cached && cached.version === document.version && cached.key === key) return cached.suggestions;
    const text = document.getText();
    const note = parseNote(text, path);
    const suggestions = this.tagInferrer.suggest(
      { title: note.meta.title, body: note.body },
      {
        track: s.track,
        currentLevel: s.currentLevel,
        ...(s.targetLevel ? { targetLevel: s.targetLevel } : {}),
        exclude: [...readCriteria(text), ...this.removedTags(path)],
      },
    );
    this.cache.set(uri, { version: document.version, key, suggestions });
    return suggestions;
  }

  /** Criteria for free text (Log a Win): the title, an excerpt, a commit subject. */
  suggestForText(title: string, body: string): TagSuggestion[] {
    const s = this.workspace.settings;
    return this.tagInferrer.suggest({ title, body }, { track: s.track, currentLevel: s.currentLevel, ...(s.targetLevel ? { targetLevel: s.targetLevel } : {}) });
  }

  titleOf(id: string): string {
    return this.workspace.ladder.criterion(id)?.criterion.title ?? id;
  }
}
