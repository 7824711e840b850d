// The first markdown document of a session is slow to open in this host (VS Code activates its
// built-in markdown extension, our language features read the ladder...): up to ~15 s. Each suite
// pays that once, in a root hook, instead of inside whichever test happens to run first.
import * as vscode from 'vscode';
import { closeAllEditors, disk, uri } from './workspace';

/** Opens the fixture's README.md (every fixture of these suites has one) in an editor, then closes it. */
export async function warmUp(): Promise<void> {
  await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
  if (!disk.exists('README.md')) return;
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('README.md')));
  await closeAllEditors();
}

/** Registers the warm-up as a root `suiteSetup` (before every test of the suite's files). */
export function warmUpFirst(): void {
  suiteSetup(async function () {
    this.timeout(60000);
    await warmUp();
  });
}
