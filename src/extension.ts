import * as os from 'node:os';
import * as vscode from 'vscode';
import { execFileGit } from './core/git/exec';
import { FsNoteLoader } from './core/index/indexer';
import { isRealPathInside } from './core/index/nodeFs';
import { WorkerPoolLoader } from './core/index/workerPool';
import { registerFeatures } from './features';
import { CareerWorkspace } from './features/shared/careerWorkspace';
import { readShippedData } from './features/shared/shippedData';
import type { WorkspaceFileSystem } from './features/shared/workspaceFs';

/** Desktop (Node) entry: builds the core and hands it to each feature. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Career Lattice', { log: true });
  context.subscriptions.push(log);
  await readShippedData(context, log);
  const workspace = new CareerWorkspace({
    log,
    ...(context.storageUri ? { storageUri: context.storageUri } : {}),
    realPathInside: isRealPathInside,
    // On disk, notes are read and parsed on worker threads; elsewhere (remote file systems) through vscode.workspace.fs.
    createLoader: (fs: WorkspaceFileSystem) =>
      fs.root.scheme === 'file'
        ? new WorkerPoolLoader({
            root: fs.root.fsPath,
            workerScript: context.asAbsolutePath('dist/indexWorker.js'),
            fallback: new FsNoteLoader(fs),
            onError: (error) => log.warn('Index threads failed; indexing on the extension host instead:', error),
          })
        : new FsNoteLoader(fs),
  });
  context.subscriptions.push(workspace);
  // Start first, so that features awaiting `workspace.ready` wait for the first index build.
  void workspace.start();
  registerFeatures(context, workspace, { git: { git: execFileGit(), homedir: os.homedir() } });
  log.info('Career Lattice activated.');
}

export function deactivate(): void {}
