import * as vscode from 'vscode';
import { loadShippedData } from './core/data/shipped';
import { FsNoteLoader } from './core/index/indexer';
import { registerFeatures } from './features';
import { CareerWorkspace } from './features/shared/careerWorkspace';

/**
 * Web entry (vscode.dev, code-server, Codespaces in the browser): the same features in a web worker,
 * with notes read through `vscode.workspace.fs` only. No threads of our own and no git capture.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Career Lattice', { log: true });
  context.subscriptions.push(log);
  // The built-in ladder and the tagging model: one data file next to the bundles, read before anything needs them.
  try {
    await loadShippedData((path) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, path)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(message);
    void vscode.window.showErrorMessage(message);
    throw error;
  }
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
