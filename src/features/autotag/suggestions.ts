import * as vscode from 'vscode';
import type { Ladder } from '../../core/ladder/ladder';
import { readCriteria } from '../../core/notes/edit';
import { parseNote } from '../../core/notes/parse';
import { Delayer } from '../../core/util/async';
import { TagInferrer, type InferOptions, type TaggedExample, type TagSuggestion } from '../../core/tagging';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { DisposableStore } from '../shared/dispose';

const REMOVED_KEY = 'careerLattice.removedTags';
/** The workspace's tagged notes the tagger learns from: the newest ones, up to this many. */
const MAX_EXAMPLES = 500;
/** Notes larger than this are not read as examples. */
const MAX_EXAMPLE_BYTES = 256 * 1024;
/** Examples taught to the tagger between two yields of the extension host's thread. */
const LEARN_SLICE = 25;
/** How long the index must be quiet before the examples are read again. */
const EXAMPLES_DELAY_MS = 1500;

/**
 * Suggested criteria for notes, with memory of the tags a person removed: a removed tag is never
 * suggested (nor added on save) again for that note, until the person adds it back themselves.
 * The tagger learns from the person: the workspace's own tagged notes (and the tags removed from them)
 * are passed to it as examples, so the nearest of them vote for their tags. Nothing leaves the machine.
 */
export class TagSuggestions extends DisposableStore {
  private inferrer: { ladder: Ladder; inferrer: TagInferrer } | undefined;
  /** Per note path: the example read from it, and the mtime it was read at. */
  private readonly examples = new Map<string, { mtime: number; example: TaggedExample }>();
  private readonly examplesDelayer = new Delayer(EXAMPLES_DELAY_MS);
  private examplesRun: Promise<void> = Promise.resolve();
  /** The tagger must learn the examples again (the removed tags or the ladder changed). */
  private relearn = false;
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
        if (change.index || change.ladder) this.scheduleExamples();
      }),
    );
    this.register(this.examplesDelayer);
    for (const d of vscode.workspace.textDocuments) this.observe(d);
    void workspace.ready.then(
      () => this.scheduleExamples(0),
      () => undefined, // a failed start is reported by the workspace itself
    );
  }

  private get tagInferrer(): TagInferrer {
    const ladder = this.workspace.ladder;
    if (this.inferrer?.ladder !== ladder) {
      // The base model at once; what the workspace teaches is added in the background (learn()).
      this.inferrer = { ladder, inferrer: new TagInferrer(ladder) };
      if (this.examples.size) {
        this.relearn = true;
        this.scheduleExamples(0);
      }
    }
    return this.inferrer.inferrer;
  }

  /**
   * A new tagger taught the examples in slices (so the extension host is never held), then swapped in.
   * Given up when the ladder changes meanwhile.
   */
  private async learn(): Promise<void> {
    const ladder = this.workspace.ladder;
    const inferrer = new TagInferrer(ladder);
    const removed = this.context.workspaceState.get<Record<string, string[]>>(REMOVED_KEY, {});
    let count = 0;
    for (const { example } of [...this.examples.values()]) {
      inferrer.learn({ ...example, removed: removed[example.key!] ?? [] });
      if (++count % LEARN_SLICE === 0) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (this.isDisposed || this.workspace.ladder !== ladder) return;
      }
    }
    if (this.isDisposed || this.workspace.ladder !== ladder) return;
    this.inferrer = { ladder, inferrer };
    this.cache.clear();
    this.changeEmitter.fire();
  }

  /** Reads the workspace's tagged notes again once the index is quiet. */
  private scheduleExamples(delay = EXAMPLES_DELAY_MS): void {
    this.examplesDelayer.trigger(() => {
      this.examplesRun = this.examplesRun
        .then(() => this.readExamples())
        .catch((error: unknown) => this.workspace.log.warn(`auto-tagging: could not read the tagged notes: ${String(error)}`));
    }, delay);
  }

  /** Reads the examples now if a read is waiting, and resolves once they are read (`suggestCriteria`, tests). */
  async examplesSettled(): Promise<void> {
    this.examplesDelayer.flush();
    await this.examplesRun;
  }

  /**
   * The newest tagged notes of the workspace (at most {@link MAX_EXAMPLES}), read again only when their
   * mtime changed. Their text is only tokenised, never run.
   */
  private async readExamples(): Promise<void> {
    const fs = this.workspace.fs;
    if (!fs || this.isDisposed) return;
    const tagged = this.workspace.index
      .all()
      .filter((r) => r.criteria.length > 0 && r.size <= MAX_EXAMPLE_BYTES)
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .slice(0, MAX_EXAMPLES);
    const keep = new Set(tagged.map((r) => r.path));
    let changed = false;
    for (const path of [...this.examples.keys()]) {
      if (!keep.has(path)) changed = this.examples.delete(path) || changed;
    }
    for (const record of tagged) {
      const known = this.examples.get(record.path);
      if (known && known.mtime === record.mtime && sameIds(known.example.criteria, record.criteria)) continue;
      const text = await fs.readText(record.path).catch(() => undefined);
      if (this.isDisposed) return;
      if (text === undefined) continue;
      const note = parseNote(text, record.path);
      this.examples.set(record.path, { mtime: record.mtime, example: { key: record.path, title: record.title, body: note.body, criteria: record.criteria } });
      changed = true;
    }
    if (changed || this.relearn) {
      this.relearn = false;
      await this.learn();
    }
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
        // Removed tags are negatives for the neighbours' votes: teach the tagger again.
        this.relearn = true;
        this.scheduleExamples();
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
        self: path,
      },
    );
    this.cache.set(uri, { version: document.version, key, suggestions });
    return suggestions;
  }

  /**
   * Criteria for free text (Log a Win, `careerLattice.suggestCriteria`): the title, an excerpt, a commit
   * subject. The window defaults to the settings.
   */
  suggestForText(title: string, body: string, window: Pick<InferOptions, 'track' | 'currentLevel' | 'targetLevel'> = {}): TagSuggestion[] {
    const s = this.workspace.settings;
    const track = window.track ?? s.track;
    const currentLevel = window.currentLevel ?? s.currentLevel;
    const targetLevel = window.targetLevel ?? (window.currentLevel === undefined && window.track === undefined ? s.targetLevel : undefined);
    return this.tagInferrer.suggest({ title, body }, { track, currentLevel, ...(targetLevel ? { targetLevel } : {}) });
  }

  titleOf(id: string): string {
    return this.workspace.ladder.criterion(id)?.criterion.title ?? id;
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
