// What both test runners (Node extension host and web worker host) and their helpers share. It uses
// only the vscode API, so the web tests bundle can import it too.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'career-lattice.career-lattice';

/** Activates the extension under test; an activation error fails the suite with a clear message. */
export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`[tests] extension ${EXTENSION_ID} is not installed in this host.`);
  try {
    await extension.activate();
  } catch (error) {
    console.error(`[tests] extension ${EXTENSION_ID} failed to activate:`, error);
    throw new Error(`extension ${EXTENSION_ID} failed to activate`);
  }
}

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

/** A workspace-relative path as a Uri of the workspace's own scheme (vscode-remote on the web). */
export function uri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...relative.split('/'));
}
