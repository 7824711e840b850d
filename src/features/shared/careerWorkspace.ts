import * as vscode from 'vscode';
import { computeEvidence, type EvidenceSummary } from '../../core/evidence/evidence';
import { toPeriod } from '../../core/evidence/period';
import { parseCache, serializeCache } from '../../core/index/cache';
import { buildIndex, FsNoteLoader, refreshNote, type NoteLoader } from '../../core/index/indexer';
import { NoteIndex, type NoteRecord } from '../../core/index/noteIndex';
import type { Ladder } from '../../core/ladder/ladder';
import { builtinLadder, loadLadder, type LadderLoadResult } from '../../core/ladder/load';
import { isReviewDue } from '../../core/notes/validate';
import { formatProblem } from '../../core/problems';
import { toIsoDate } from '../../core/util/dates';
import { isInside, isMarkdown } from '../../core/util/paths';
import { DisposableStore } from './dispose';
import { ContextKeys } from './ids';
import { affectsCareerSettings, readSettings, type CareerSettings } from './settings';
import { WorkspaceFileSystem } from './workspaceFs';

export interface CareerChange {
  readonly settings?: boolean;
  readonly ladder?: boolean;
  readonly index?: boolean;
}

export interface CareerWorkspaceOptions {
  readonly log: vscode.LogOutputChannel;
  /** Where the index cache is kept (`context.storageUri`); no cache without it. */
  readonly storageUri?: vscode.Uri;
  /** Makes the loader that reads notes (the desktop build passes a worker pool). */
  readonly createLoader?: (fs: WorkspaceFileSystem) => NoteLoader;
  /** Whether a real path lies inside the workspace (desktop: symbolic links resolved by Node). */
  readonly realPathInside?: (root: string, abs: string) => boolean;
}

/** Under this many notes, commands that answer with evidence re-check the disk first (cheap, and exact). */
const RECONCILE_BELOW = 2000;
/** Per-file debounce of watcher events; a burst is applied as one batch. */
const DEBOUNCE_MS = 120;
const BURST_LIMIT = 200;

/**
 * The workspace as Career Lattice sees it: settings, the effective ladder, and the index of notes,
 * kept up to date from file events. Features read from it and listen to `onDidChange`; they never
 * touch the file system for notes themselves.
 */
export class CareerWorkspace extends DisposableStore {
  readonly index = new NoteIndex();
  private settingsValue: CareerSettings = readSettings();
  private ladderResult: LadderLoadResult = { ladder: builtinLadder(), source: 'builtin', problems: [], files: [] };
  private readonly changeEmitter = this.register(new vscode.EventEmitter<CareerChange>());
  readonly onDidChange = this.changeEmitter.event;
  private fsValue: WorkspaceFileSystem | undefined;
  private loader: NoteLoader | undefined;
  private readyPromise: Promise<void> = Promise.resolve();
  private building: Promise<void> | undefined;
  private readonly pending = new Set<string>();
  private pendingRescan = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  private watchers: vscode.Disposable[] = [];
  private generation = 0;

  constructor(private readonly options: CareerWorkspaceOptions) {
    super();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => this.onConfiguration(e)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.restart()));
    this.register(
      this.index.onDidChange(() => {
        this.changeEmitter.fire({ index: true });
        void vscode.commands.executeCommand('setContext', ContextKeys.hasNotes, this.index.size > 0);
        this.scheduleCacheSave();
      }),
    );
    this.register({ dispose: () => this.disposeWatchers() });
    this.register({ dispose: () => this.loader?.dispose?.() });
  }

  get settings(): CareerSettings {
    return this.settingsValue;
  }

  get ladder(): Ladder {
    return this.ladderResult.ladder;
  }

  get ladderLoad(): LadderLoadResult {
    return this.ladderResult;
  }

  /** The file system of the first workspace folder; undefined when no folder is open. */
  get fs(): WorkspaceFileSystem | undefined {
    return this.fsValue;
  }

  get log(): vscode.LogOutputChannel {
    return this.options.log;
  }

  /** Resolves when the first index build is done. */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  today(): string {
    return toIsoDate(new Date());
  }

  /** Starts (or restarts, after a folder or settings change) loading the ladder and indexing. */
  start(): Promise<void> {
    return this.restart();
  }

  private async restart(): Promise<void> {
    const generation = ++this.generation;
    const folder = vscode.workspace.workspaceFolders?.[0];
    this.disposeWatchers();
    this.loader?.dispose?.();
    this.loader = undefined;
    this.fsValue = folder ? new WorkspaceFileSystem(folder.uri, this.options.realPathInside) : undefined;
    if ((vscode.workspace.workspaceFolders?.length ?? 0) > 1) {
      this.log.info(`Several workspace folders are open; Career Lattice uses the first, ${folder?.name}.`);
    }
    this.index.clear();
    this.readyPromise = (async () => {
      await this.reloadLadder();
      if (!this.fsValue || generation !== this.generation) return;
      this.loader = this.options.createLoader?.(this.fsValue) ?? new FsNoteLoader(this.fsValue);
      this.watch();
      await this.rebuild({ useCache: true });
    })()
      .catch((error) => this.log.error('Career Lattice could not start:', error))
      .finally(() => {
        if (generation === this.generation) void vscode.commands.executeCommand('setContext', ContextKeys.ready, true);
      });
    return this.readyPromise;
  }

  private onConfiguration(event: vscode.ConfigurationChangeEvent): void {
    if (!affectsCareerSettings(event)) return;
    const before = this.settingsValue;
    this.settingsValue = readSettings();
    this.changeEmitter.fire({ settings: true });
    if (before.notesFolder !== this.settingsValue.notesFolder) {
      void this.restart();
    } else if (before.ladderFile !== this.settingsValue.ladderFile) {
      void this.reloadLadder().then(() => this.watch());
    }
  }

  /** Reads the ladder file (or falls back to the built-in ladder) and says what is wrong with it. */
  async reloadLadder(): Promise<void> {
    const fs = this.fsValue;
    const path = fs ? this.settingsValue.ladderFile : undefined;
    this.ladderResult = await loadLadder(path || undefined, async (p) => (fs ? fs.readText(p) : undefined));
    for (const p of this.ladderResult.problems) {
      if (p.severity === 'error') this.log.error(formatProblem(p));
      else this.log.warn(formatProblem(p));
    }
    if (this.ladderResult.source !== 'builtin') this.log.info(`Using the custom ladder ${this.ladderResult.source}.`);
    else if (this.ladderResult.problems.some((p) => p.severity === 'error')) {
      this.log.warn('The custom ladder has errors; the built-in ladder is in force until they are fixed.');
    }
    this.changeEmitter.fire({ ladder: true });
  }

  /** Re-indexes the notes folder: from the cache (validated by size and mtime), else from nothing. */
  rebuild(options: { useCache?: boolean; quiet?: boolean } = {}): Promise<void> {
    if (this.building) return this.building;
    const fs = this.fsValue;
    const loader = this.loader;
    if (!fs || !loader) return Promise.resolve();
    const run = async () => {
      const started = Date.now();
      // Read while the folder is walked (buildIndex overlaps the two).
      const cached = options.useCache ? this.readCache() : undefined;
      void vscode.commands.executeCommand('setContext', ContextKeys.hasNotesFolder, await fs.exists(this.settingsValue.notesFolder));
      void vscode.commands.executeCommand('setContext', ContextKeys.indexing, true);
      let progressDone: (() => void) | undefined;
      let report: ((done: number, total: number) => void) | undefined;
      // Only show progress when indexing is slow enough to notice (over a second).
      const progressTimer = setTimeout(() => {
        void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Career Lattice: indexing notes') }, (progress) => {
          let last = 0;
          report = (done, total) => {
            const pct = total ? (done / total) * 100 : 100;
            progress.report({ message: `${done}/${total}`, increment: pct - last });
            last = pct;
          };
          return new Promise<void>((resolve) => (progressDone = resolve));
        });
      }, 1000);
      try {
        const result = await buildIndex(this.index, fs, loader, this.settingsValue.notesFolder, {
          ...(cached ? { cached, expectWarm: true } : {}),
          onProgress: (done, total) => report?.(done, total),
          exclude: (path) => path.startsWith('.'),
        });
        const summary = `Indexed ${result.files} notes in ${Date.now() - started} ms (${result.reused} from cache, ${result.parsed} read, ${result.skipped} skipped).`;
        if (options.quiet) {
          // A re-check before answering a command: only what changed is worth the log.
          if (result.parsed > 0 || result.skipped > 0) this.log.debug(summary);
        } else {
          for (const p of result.problems) this.log.warn(formatProblem(p));
          for (const [path, why] of this.index.skipped()) this.log.warn(formatProblem(why, path));
          this.log.info(summary);
        }
      } finally {
        clearTimeout(progressTimer);
        progressDone?.();
        void vscode.commands.executeCommand('setContext', ContextKeys.indexing, false);
        void vscode.commands.executeCommand('setContext', ContextKeys.hasNotes, this.index.size > 0);
      }
    };
    this.building = run()
      .catch((error) => this.log.error('Indexing failed:', error))
      .finally(() => (this.building = undefined));
    return this.building;
  }

  /**
   * Makes the index match the disk before answering: applies pending file events now, and in a small
   * workspace re-checks every note's size and mtime (a missed watcher event can never leave it wrong).
   */
  async ensureFresh(): Promise<void> {
    await this.readyPromise;
    await this.building;
    await this.flush();
    if (this.index.size < RECONCILE_BELOW) await this.rebuild({ quiet: true });
  }

  /** Evidence toward the target level, from settings unless overridden (`since`/`until`: the review period). */
  summary(overrides: Partial<Pick<CareerSettings, 'track' | 'currentLevel' | 'targetLevel' | 'staleAfterMonths'>> & { since?: string | undefined; until?: string | undefined } = {}): EvidenceSummary {
    const s = { ...this.settingsValue, ...definedOnly(overrides) };
    const period = toPeriod(overrides.since || s.reviewPeriodStart, overrides.until || s.reviewPeriodEnd);
    return computeEvidence(this.ladder, this.index, {
      track: s.track,
      currentLevel: s.currentLevel,
      targetLevel: s.targetLevel,
      staleAfterMonths: s.staleAfterMonths,
      today: this.today(),
      period,
    });
  }

  /** Decision records whose review date has come (and that are not closed), oldest review first. */
  dueDecisions(): NoteRecord[] {
    const today = this.today();
    return this.index
      .byType('decision')
      .filter((n) => isReviewDue(n, today))
      .sort((a, b) => (a.review! < b.review! ? -1 : a.review! > b.review! ? 1 : a.path < b.path ? -1 : 1));
  }

  /** The note record of a document, if it is an indexed note. */
  noteFor(uri: vscode.Uri): NoteRecord | undefined {
    const path = this.fsValue?.relative(uri);
    return path ? this.index.get(path) : undefined;
  }

  /** True when `uri` is a markdown file inside the notes folder. */
  isNote(uri: vscode.Uri): boolean {
    const path = this.fsValue?.relative(uri);
    return path !== undefined && isMarkdown(path) && isInside(path, this.settingsValue.notesFolder);
  }

  uriOf(path: string): vscode.Uri | undefined {
    return this.fsValue?.uri(path);
  }

  /** Applies changes the extension itself made (a created note) at once, without waiting for the watcher. */
  async notesChanged(uris: readonly vscode.Uri[]): Promise<void> {
    for (const uri of uris) this.queue(uri);
    await this.flush();
  }

  private watch(): void {
    this.disposeWatchers();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const notesGlob = escapeGlob(this.settingsValue.notesFolder);
    const notes = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${notesGlob}/**`));
    const onNoteEvent = (uri: vscode.Uri) => this.queue(uri);
    this.watchers.push(notes, notes.onDidCreate(onNoteEvent), notes.onDidChange(onNoteEvent), notes.onDidDelete(onNoteEvent));
    // The notes folder itself being created or deleted.
    const folderWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, notesGlob));
    const onFolder = () => {
      this.pendingRescan = true;
      this.scheduleFlush();
    };
    this.watchers.push(folderWatcher, folderWatcher.onDidCreate(onFolder), folderWatcher.onDidDelete(onFolder));
    // The ladder file and what it extends.
    const ladderFiles = new Set([this.settingsValue.ladderFile, ...this.ladderResult.files].filter(Boolean));
    for (const file of ladderFiles) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, escapeGlob(file)));
      const reload = () => void this.reloadLadder().then(() => this.watch());
      this.watchers.push(w, w.onDidCreate(reload), w.onDidChange(reload), w.onDidDelete(reload));
    }
  }

  private disposeWatchers(): void {
    for (const w of this.watchers.splice(0)) w.dispose();
  }

  private queue(uri: vscode.Uri): void {
    const path = this.fsValue?.relative(uri);
    if (path === undefined) return;
    if (isMarkdown(path)) this.pending.add(path);
    else this.pendingRescan = true; // a folder was created, renamed or deleted
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  /** Applies queued file events: one re-read of what changed, or one rescan for a burst or a folder event. */
  async flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.flushing) await this.flushing;
    // A build files what it stat'ed before the event; applying the event after it keeps the newer state.
    if (this.building) await this.building;
    if (this.pending.size === 0 && !this.pendingRescan) return;
    const paths = [...this.pending];
    const rescan = this.pendingRescan || paths.length > BURST_LIMIT;
    this.pending.clear();
    this.pendingRescan = false;
    const loader = this.loader;
    this.flushing = (async () => {
      if (rescan) await this.rebuild();
      else if (loader) await refreshNote(this.index, loader, paths.filter((p) => isInside(p, this.settingsValue.notesFolder)));
      if (rescan && this.fsValue) {
        void vscode.commands.executeCommand('setContext', ContextKeys.hasNotesFolder, await this.fsValue.exists(this.settingsValue.notesFolder));
      }
    })()
      .catch((error) => this.log.error('Updating the index failed:', error))
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private cacheUri(): vscode.Uri | undefined {
    return this.options.storageUri ? vscode.Uri.joinPath(this.options.storageUri, 'index-cache.json') : undefined;
  }

  private cacheKey(): string {
    return `${this.fsValue?.root.toString() ?? ''}#${this.settingsValue.notesFolder}`;
  }

  private async readCache(): Promise<Map<string, NoteRecord> | undefined> {
    const uri = this.cacheUri();
    if (!uri) return undefined;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined; // no cache yet
    }
    const result = parseCache(text, this.cacheKey());
    if ('error' in result) {
      this.log.info(`Index cache discarded: ${result.error}.`);
      return undefined;
    }
    return result.records;
  }

  private scheduleCacheSave(): void {
    if (!this.cacheUri()) return;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => void this.saveCache(), 3000);
  }

  /** Persists the index so the next start only re-reads notes that changed. */
  async saveCache(): Promise<void> {
    const uri = this.cacheUri();
    if (!uri || !this.options.storageUri || !this.fsValue) return;
    try {
      await vscode.workspace.fs.createDirectory(this.options.storageUri);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeCache(this.index, this.cacheKey())));
    } catch (error) {
      this.log.warn('The index cache could not be saved:', error);
    }
  }

  override dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.cacheTimer) {
      clearTimeout(this.cacheTimer);
      void this.saveCache();
    }
    super.dispose();
  }
}

/** A path as a glob that matches only itself: `[`, `{`, `*`, `?` in a folder name are not patterns. */
export function escapeGlob(path: string): string {
  return path.replace(/[[\]{}*?]/g, (c) => `[${c}]`);
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
