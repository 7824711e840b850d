import * as vscode from 'vscode';
import { computeEvidence, type EvidenceSummary } from '../../core/evidence/evidence';
import { toPeriod } from '../../core/evidence/period';
import { FsNoteLoader, type NoteLoader } from '../../core/index/indexer';
import type { NoteIndex, NoteRecord } from '../../core/index/noteIndex';
import { IndexService, type CacheStore, type FileEvent, type FileEvents } from '../../core/index/service';
import type { Ladder } from '../../core/ladder/ladder';
import { builtinLadder, loadLadder, type LadderLoadResult } from '../../core/ladder/load';
import { isReviewDue } from '../../core/notes/validate';
import { formatProblem } from '../../core/problems';
import { toIsoDate } from '../../core/util/dates';
import { Delayer } from '../../core/util/async';
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

/**
 * The workspace as Career Lattice sees it: settings, the effective ladder, and the index of notes,
 * kept up to date from file events. Features read from it and listen to `onDidChange`; they never
 * touch the file system for notes themselves.
 */
export class CareerWorkspace extends DisposableStore {
  private settingsValue: CareerSettings = readSettings();
  private ladderResult: LadderLoadResult = { ladder: builtinLadder(), source: 'builtin', problems: [], files: [] };
  private readonly changeEmitter = this.register(new vscode.EventEmitter<CareerChange>());
  readonly onDidChange = this.changeEmitter.event;
  private fsValue: WorkspaceFileSystem | undefined;
  private readyPromise: Promise<void> = Promise.resolve();
  private ladderWatchers: vscode.Disposable[] = [];
  private generation = 0;
  /** The index's life cycle (builds, event batches, rescans, cache saves): this class only wires vscode to it. */
  private readonly service: IndexService;
  private readonly progress = new WindowProgress();

  constructor(private readonly options: CareerWorkspaceOptions) {
    super();
    this.service = new IndexService({
      log: options.log,
      status: {
        indexing: (active) => {
          void vscode.commands.executeCommand('setContext', ContextKeys.indexing, active);
          if (active) this.progress.start();
          else {
            this.progress.end();
            void vscode.commands.executeCommand('setContext', ContextKeys.hasNotes, this.index.size > 0);
          }
        },
        progress: (done, total) => this.progress.report(done, total),
        notesFolderExists: (exists) => void vscode.commands.executeCommand('setContext', ContextKeys.hasNotesFolder, exists),
      },
    });
    this.register(vscode.workspace.onDidChangeConfiguration((e) => this.onConfiguration(e)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.restart()));
    this.register(
      this.service.onDidChange(() => {
        this.changeEmitter.fire({ index: true });
        void vscode.commands.executeCommand('setContext', ContextKeys.hasNotes, this.index.size > 0);
      }),
    );
    this.register({ dispose: () => this.disposeLadderWatchers() });
    this.register(this.progress);
    this.register(this.service);
  }

  get index(): NoteIndex {
    return this.service.index;
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

  /** Resolves when the ladder is loaded and the first index build is done. */
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
    this.disposeLadderWatchers();
    // The previous notes folder's jobs are cancelled and its notes dropped at once.
    void this.service.setTarget(undefined);
    this.fsValue = folder ? new WorkspaceFileSystem(folder.uri, this.options.realPathInside) : undefined;
    if ((vscode.workspace.workspaceFolders?.length ?? 0) > 1) {
      this.log.info(`Several workspace folders are open; Career Lattice uses the first, ${folder?.name}.`);
    }
    this.readyPromise = (async () => {
      await this.reloadLadder();
      const fs = this.fsValue;
      if (!fs || !folder || generation !== this.generation) return;
      this.watchLadder();
      const notesFolder = this.settingsValue.notesFolder;
      await this.service.setTarget({
        fs,
        loader: this.options.createLoader?.(fs) ?? new FsNoteLoader(fs),
        folder: notesFolder,
        cacheKey: `${fs.root.toString()}#${notesFolder}`,
        ...(this.options.storageUri ? { cache: storageCache(this.options.storageUri) } : {}),
        events: watcherEvents(folder, fs),
      });
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
      void this.reloadLadder().then(() => this.watchLadder());
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
    return this.service.rebuild(options);
  }

  /**
   * Makes the index match the disk before answering: applies pending file events now, and in a small
   * workspace re-checks every note's size and mtime (a missed watcher event can never leave it wrong).
   */
  async ensureFresh(): Promise<void> {
    await this.readyPromise;
    await this.service.ensureFresh();
  }

  /** Evidence toward the target level, from settings unless overridden (`since`/`until`: the review period). */
  summary(
    overrides: Partial<Pick<CareerSettings, 'track' | 'currentLevel' | 'targetLevel' | 'staleAfterMonths'>> & {
      since?: string | undefined;
      until?: string | undefined;
    } = {},
  ): EvidenceSummary {
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
    const fs = this.fsValue;
    const paths = fs ? uris.map((u) => fs.relative(u)).filter((p): p is string => p !== undefined) : [];
    await this.service.filesChanged(paths);
  }

  /** Applies queued file events now; resolves once they are in the index. */
  flush(): Promise<void> {
    return this.service.flush();
  }

  /** Persists the index so the next start only re-reads notes that changed. */
  saveCache(): Promise<void> {
    return this.service.saveCache();
  }

  /** The ladder file and what it extends: reloaded when one changes. */
  private watchLadder(): void {
    this.disposeLadderWatchers();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const ladderFiles = new Set([this.settingsValue.ladderFile, ...this.ladderResult.files].filter(Boolean));
    for (const file of ladderFiles) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, escapeGlob(file)));
      const reload = () => void this.reloadLadder().then(() => this.watchLadder());
      this.ladderWatchers.push(w, w.onDidCreate(reload), w.onDidChange(reload), w.onDidDelete(reload));
    }
  }

  private disposeLadderWatchers(): void {
    for (const w of this.ladderWatchers.splice(0)) w.dispose();
  }
}

/** File events of the notes folder from vscode watchers: one for what is inside it, one for the folder itself. */
function watcherEvents(folder: vscode.WorkspaceFolder, fs: WorkspaceFileSystem): FileEvents {
  return {
    watch(notesFolder, listener) {
      const disposables: vscode.Disposable[] = [];
      const glob = escapeGlob(notesFolder);
      const notes = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${glob}/**`));
      const onNote = (uri: vscode.Uri) => {
        const path = fs.relative(uri);
        if (path === undefined) return;
        // Something that is not markdown (a folder created, renamed or deleted): a rescan.
        const event: FileEvent = isMarkdown(path) ? { kind: 'file', path } : { kind: 'rescan' };
        listener(event);
      };
      disposables.push(notes, notes.onDidCreate(onNote), notes.onDidChange(onNote), notes.onDidDelete(onNote));
      // The notes folder itself being created or deleted.
      const self = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
      const onFolder = () => listener({ kind: 'rescan' });
      disposables.push(self, self.onDidCreate(onFolder), self.onDidDelete(onFolder));
      return { dispose: () => disposables.splice(0).forEach((d) => d.dispose()) };
    },
  };
}

/** The index cache in the extension's workspace storage. */
function storageCache(storageUri: vscode.Uri): CacheStore {
  const uri = vscode.Uri.joinPath(storageUri, 'index-cache.json');
  return {
    // On disk, the desktop's index threads read and check it (its text never reaches this thread).
    ...(uri.scheme === 'file' ? { file: uri.fsPath } : {}),
    async read() {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined; // no cache yet
      }
    },
    async write(text) {
      await vscode.workspace.fs.createDirectory(storageUri);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    },
  };
}

/** Indexing progress in the status bar, shown only when indexing is slow enough to notice (over a second). */
class WindowProgress implements vscode.Disposable {
  private readonly delayer = new Delayer(1000);
  private reporter: ((done: number, total: number) => void) | undefined;
  private finish: (() => void) | undefined;

  start(): void {
    this.delayer.trigger(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Career Lattice: indexing notes') }, (progress) => {
        let last = 0;
        this.reporter = (done, total) => {
          const pct = total ? (done / total) * 100 : 100;
          progress.report({ message: `${done}/${total}`, increment: pct - last });
          last = pct;
        };
        return new Promise<void>((resolve) => (this.finish = resolve));
      });
    });
  }

  report(done: number, total: number): void {
    this.reporter?.(done, total);
  }

  end(): void {
    this.delayer.cancel();
    this.finish?.();
    this.finish = undefined;
    this.reporter = undefined;
  }

  dispose(): void {
    this.end();
  }
}

/** A path as a glob that matches only itself: `[`, `{`, `*`, `?` in a folder name are not patterns. */
export function escapeGlob(path: string): string {
  return path.replace(/[[\]{}*?]/g, (c) => `[${c}]`);
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
