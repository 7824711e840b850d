import * as vscode from 'vscode';
import { FsNoteLoader } from './core/index/indexer';
import { WorkerPoolLoader } from './core/index/workerPool';
import { registerAutoTag } from './features/autotag';
import { registerEvidence } from './features/evidence';
import { registerLanguage } from './features/language';
import { registerLevels } from './features/levels';
import { registerScaffold } from './features/scaffold';
import { CareerWorkspace } from './features/shared/careerWorkspace';
import type { WorkspaceFileSystem } from './features/shared/workspaceFs';
import { registerTags } from './features/tags';
import { registerTrees } from './features/tree';
import { registerWorkspaceCommands } from './features/workspace';

/** Builds the core and hands it to each feature. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Career Lattice', { log: true });
  const workspace = new CareerWorkspace({
    log,
    ...(context.storageUri ? { storageUri: context.storageUri } : {}),
    // On disk, notes are read and parsed on worker threads; elsewhere (remote file systems) through vscode.workspace.fs.
    createLoader: (fs: WorkspaceFileSystem) =>
      fs.root.scheme === 'file'
        ? new WorkerPoolLoader({ root: fs.root.fsPath, workerScript: context.asAbsolutePath('dist/indexWorker.js'), fallback: new FsNoteLoader(fs) })
        : new FsNoteLoader(fs),
  });
  context.subscriptions.push(log, workspace);

  registerWorkspaceCommands(context, workspace);
  registerTrees(context, workspace);
  registerScaffold(context, workspace);
  registerLevels(context, workspace);
  registerTags(context, workspace);
  registerLanguage(context, workspace);
  registerEvidence(context, workspace);
  registerAutoTag(context, workspace);

  void workspace.start();
  log.info('Career Lattice activated.');
}

export function deactivate(): void {}
