import * as vscode from 'vscode';
import { loadShippedData } from '../../core/data/shipped';

/**
 * Reads the built-in ladder and the tagging model (one data file next to the bundles) before anything
 * needs them. When it cannot be read or is not this build's, says so in the log and a message, and
 * throws, so that the extension does not activate on other data.
 */
export async function readShippedData(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await loadShippedData((path) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, path)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(message);
    void vscode.window.showErrorMessage(message);
    throw error;
  }
}
