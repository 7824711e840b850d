import * as vscode from 'vscode';
import { FsNoteLoader } from './core/index/indexer';
import { registerFeatures } from './features';
import { CareerWorkspace } from './features/shared/careerWorkspace';
import { readShippedData } from './features/shared/shippedData';

/**
 * Web entry (vscode.dev, code-server, Codespaces in the browser): the same features in a web worker,
 * with notes read through `vscode.workspace.fs` only. No threads of our own and no git capture.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Career Lattice', { log: true });
  context.subscriptions.push(log);
  await readShippedData(context, log);
  const workspace = new CareerWorkspace({
    log,
    ...(context.storageUri ? { storageUri: context.storageUri } : {}),
    createLoader: (fs) => new FsNoteLoader(fs),
  });
  context.subscriptions.push(workspace);
  // Start first, so that features awaiting `workspace.ready` wait for the first index build.
  void workspace.start();
  registerFeatures(context, workspace);
  log.info('Career Lattice activated (web).');
}

export function deactivate(): void {}
