import * as vscode from 'vscode';
import { computeEvidence, type EvidenceSummary } from '../../core/evidence/evidence';
import { toPeriod } from '../../core/evidence/period';
import { FsNoteLoader, type NoteLoader } from '../../core/index/indexer';
import type { NoteIndex, NoteRecord } from '../../core/index/noteIndex';
import { MultiRootIndex, resolveAcrossRoots, rootPrefixes, toWindowPath, type RootLocation, type RootSpec } from '../../core/index/roots';
import type { CacheStore, FileEvent, FileEvents, IndexTarget } from '../../core/index/service';
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
import { MultiRootFileSystem, type CareerFileSystem } from './windowFs';
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

/** One workspace folder: where its notes are, with its own (resource-scoped) settings. */
export interface CareerRoot {
  readonly folder: vscode.WorkspaceFolder;
  /** The first segment of its window paths: '' in a single-folder window, else the folder's name (made unique). */
  readonly prefix: string;
  /** Its files by folder-relative path. */
  readonly fs: WorkspaceFileSystem;
  /** Settings read for this folder (`careerLattice.notesFolder` and `ladderFile` may differ per folder). */
  readonly settings: CareerSettings;
  /** Its notes folder as a window path (`career`, or `alpha/career` with several folders). */
  readonly notesPath: string;
}

/**
 * The workspace as Career Lattice sees it: settings, the effective ladder, and the index of notes,
 * kept up to date from file events. Features read from it and listen to `onDidChange`; they never
 * touch the file system for notes themselves.
 *
 * Paths are window paths (see `src/core/index/roots.ts`): in a single-folder window the folder-relative
 * path, as always; with several folders `<folder name>/<path>`. Every workspace folder's notes folder is
 * indexed; one ladder is in force for the window (see {@link reloadLadder}).
 */
export class CareerWorkspace extends DisposableStore {
  private settingsValue: CareerSettings = readSettings();
  private ladderResult: LadderLoadResult = { ladder: builtinLadder(), source: 'builtin', problems: [], files: [] };
  private readonly changeEmitter = this.register(new vscode.EventEmitter<CareerChange>());
  readonly onDidChange = this.changeEmitter.event;
  private fsValue: CareerFileSystem | undefined;
  private rootsValue: CareerRoot[] = [];
  private readyPromise: Promise<void> = Promise.resolve();
  private ladderWatchers: vscode.Disposable[] = [];
  private generation = 0;
  /** The index's life cycle per workspace folder (builds, event batches, rescans, cache saves): this class only wires vscode to it. */
  private readonly service: MultiRootIndex;
  private readonly progress = new WindowProgress();

  constructor(private readonly options: CareerWorkspaceOptions) {
    super();
    this.service = new MultiRootIndex({
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

  /** The window's files by window path (in a single-folder window, that folder's); undefined when no folder is open. */
  get fs(): CareerFileSystem | undefined {
    return this.fsValue;
  }

  /** The workspace folders, in the window's order. */
  get roots(): readonly CareerRoot[] {
    return this.rootsValue;
  }

  /** Several workspace folders: paths carry the folder's name, views group by folder. */
  get multiRoot(): boolean {
    return this.rootsValue.length > 1;
  }

  /** The folder a window path (or a URI) is in. */
  rootOf(pathOrUri: string | vscode.Uri): CareerRoot | undefined {
    const path = typeof pathOrUri === 'string' ? pathOrUri : this.fsValue?.relative(pathOrUri);
    if (path === undefined) return undefined;
    if (!this.multiRoot) return this.rootsValue[0];
    const head = path.split('/', 1)[0];
    return this.rootsValue.find((r) => r.prefix === head);
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
    const roots = this.readRoots();
    this.rootsValue = roots;
    this.disposeLadderWatchers();
    const specs = roots.map((root) => this.specOf(root));
    // Folders removed, renamed or whose notes folder changed: their jobs are cancelled and their notes dropped at once.
    const kept = new Set(this.service.folders.map((f) => `${f.key}\n${f.prefix}\n${f.notesFolder}`));
    void this.service.sync(specs.filter((s) => kept.has(`${s.key}\n${s.prefix}\n${s.notesFolder}`)));
    this.fsValue = roots.length === 0 ? undefined : roots.length === 1 ? roots[0]!.fs : new MultiRootFileSystem(roots);
    if (roots.length > 1)
      this.log.info(`${roots.length} workspace folders are open; Career Lattice indexes the notes of each (${roots.map((r) => r.notesPath).join(', ')}).`);
    this.readyPromise = (async () => {
      await this.reloadLadder();
      if (roots.length === 0 || generation !== this.generation) return;
      this.watchLadder();
      await this.service.sync(specs);
    })()
      .catch((error) => this.log.error('Career Lattice could not start:', error))
      .finally(() => {
        if (generation === this.generation) void vscode.commands.executeCommand('setContext', ContextKeys.ready, true);
      });
    return this.readyPromise;
  }

  private readRoots(previous: readonly CareerRoot[] = []): CareerRoot[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const prefixes = rootPrefixes(folders.map((f) => f.name));
    return folders.map((folder, i) => {
      const prefix = prefixes[i]!;
      const same = previous.find((r) => r.folder.uri.toString() === folder.uri.toString() && r.prefix === prefix);
      const fs = same?.fs ?? new WorkspaceFileSystem(folder.uri, this.options.realPathInside);
      // A single folder reads the window's settings, exactly as before there were several.
      const settings = folders.length === 1 ? readSettings() : readSettings(folder.uri);
      return { folder, prefix, fs, settings, notesPath: toWindowPath(prefix, settings.notesFolder) };
    });
  }

  private specOf(root: CareerRoot): RootSpec {
    return { key: root.folder.uri.toString(), prefix: root.prefix, notesFolder: root.settings.notesFolder, target: () => this.targetOf(root) };
  }

  private targetOf(root: CareerRoot): IndexTarget {
    const { fs, folder } = root;
    const notesFolder = root.settings.notesFolder;
    const storage = this.options.storageUri;
    return {
      fs,
      loader: this.options.createLoader?.(fs) ?? new FsNoteLoader(fs),
      folder: notesFolder,
      cacheKey: `${fs.root.toString()}#${notesFolder}`,
      // One cache per folder; a single folder keeps the name it always had.
      ...(storage ? { cache: storageCache(storage, root.prefix === '' ? 'index-cache.json' : `index-cache-${hashOf(folder.uri.toString())}.json`) } : {}),
      events: watcherEvents(folder, fs),
    };
  }

  private onConfiguration(event: vscode.ConfigurationChangeEvent): void {
    if (!affectsCareerSettings(event)) return;
    const before = this.settingsValue;
    const rootsBefore = this.rootsValue;
    this.settingsValue = readSettings();
    this.rootsValue = this.readRoots(rootsBefore);
    this.changeEmitter.fire({ settings: true });
    const notesMoved =
      this.rootsValue.some((r, i) => r.settings.notesFolder !== rootsBefore[i]?.settings.notesFolder) || rootsBefore.length !== this.rootsValue.length;
    const ladderMoved =
      before.ladderFile !== this.settingsValue.ladderFile || this.rootsValue.some((r, i) => r.settings.ladderFile !== rootsBefore[i]?.settings.ladderFile);
    if (before.notesFolder !== this.settingsValue.notesFolder || notesMoved) {
      void this.restart();
    } else if (ladderMoved) {
      void this.reloadLadder().then(() => this.watchLadder());
    }
  }

  /**
   * Reads the ladder file (or falls back to the built-in ladder) and says what is wrong with it. One
   * ladder is in force for the window: with several folders, the `careerLattice.ladderFile` of the first
   * folder (in the window's order) where that file exists; its `extends:` may name a file in another
   * folder of the window, never one outside them all.
   */
  async reloadLadder(): Promise<void> {
    const roots = this.rootsValue;
    if (roots.length > 1) {
      const { path, resolve } = await this.windowLadder(roots);
      this.ladderResult = await loadLadder(path, async (p) => this.fsValue?.readText(p), { resolve });
    } else {
      const fs = this.fsValue;
      const path = fs ? this.settingsValue.ladderFile : undefined;
      this.ladderResult = await loadLadder(path || undefined, async (p) => (fs ? fs.readText(p) : undefined));
    }
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

  /** Each folder's ladder file as a window path (undefined when unset; the raw setting when it leaves every folder). */
  private ladderCandidates(roots: readonly CareerRoot[]): Array<string | undefined> {
    const locations = rootLocations(roots);
    return roots.map((r) => {
      const file = r.settings.ladderFile;
      if (!file) return undefined;
      return resolveAcrossRoots(locations, r.prefix, file) ?? file;
    });
  }

  private async windowLadder(
    roots: readonly CareerRoot[],
  ): Promise<{ path: string | undefined; resolve: (from: string, target: string) => string | undefined }> {
    const locations = rootLocations(roots);
    const resolve = (from: string, target: string) => resolveAcrossRoots(locations, from, target);
    const candidates = this.ladderCandidates(roots);
    for (const candidate of candidates) {
      if (candidate !== undefined && this.rootOf(candidate) && (await this.fsValue?.exists(candidate).catch(() => false))) return { path: candidate, resolve };
    }
    // None exists yet: the first folder's (a setting that leaves every folder is reported as such).
    return { path: candidates.find((c) => c !== undefined), resolve };
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

  /** True when `uri` is a markdown file inside the notes folder (of its workspace folder). */
  isNote(uri: vscode.Uri): boolean {
    const path = this.fsValue?.relative(uri);
    if (path === undefined || !isMarkdown(path)) return false;
    if (!this.multiRoot) return isInside(path, this.settingsValue.notesFolder);
    const root = this.rootOf(path);
    return root !== undefined && isInside(path, root.notesPath);
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

  /** The ladder file and what it extends (with several folders, every folder's ladder file): reloaded when one changes. */
  private watchLadder(): void {
    this.disposeLadderWatchers();
    const roots = this.rootsValue;
    if (roots.length === 0) return;
    const reload = () => void this.reloadLadder().then(() => this.watchLadder());
    const watch = (folder: vscode.WorkspaceFolder, file: string) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, escapeGlob(file)));
      this.ladderWatchers.push(w, w.onDidCreate(reload), w.onDidChange(reload), w.onDidDelete(reload));
    };
    if (roots.length === 1) {
      const ladderFiles = new Set([this.settingsValue.ladderFile, ...this.ladderResult.files].filter(Boolean));
      for (const file of ladderFiles) watch(roots[0]!.folder, file);
      return;
    }
    const files = new Set([...this.ladderCandidates(roots), ...this.ladderResult.files].filter((f): f is string => f !== undefined));
    for (const file of files) {
      const root = this.rootOf(file);
      if (root) watch(root.folder, file.slice(root.prefix.length + 1));
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

/** Where each workspace folder is, for resolving a ladder's `extends:` across folders. */
function rootLocations(roots: readonly CareerRoot[]): RootLocation[] {
  return roots.map((r) => ({ prefix: r.prefix, origin: `${r.folder.uri.scheme}://${r.folder.uri.authority}`, path: r.folder.uri.path }));
}

/** A short stable name for a folder's cache file (FNV-1a of its URI). */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The index cache in the extension's workspace storage. */
function storageCache(storageUri: vscode.Uri, name: string): CacheStore {
  const uri = vscode.Uri.joinPath(storageUri, name);
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
