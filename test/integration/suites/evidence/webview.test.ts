// Issue 5: careerLattice.showEvidence opens the evidence webview (one panel, live title). What the
// page shows, and that note titles stay text, is checked on the renderer in test/unit/evidence-render.test.ts
// (the webview's HTML is not reachable from the extension API).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../../helpers/wait';
import { closeAllEditors, setSetting } from '../../helpers/workspace';
import { writeFreshNotes } from './fixture';

function evidenceTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('careerLattice.evidence'));
}

suite('evidence: the webview', () => {
  suiteSetup(writeFreshNotes);
  suiteTeardown(closeAllEditors);

  test('showEvidence opens one webview tab titled with the current and target level', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('careerLattice.showEvidence');
    const [tab] = await waitFor(() => (evidenceTabs().length ? evidenceTabs() : undefined), 3000, 'the evidence tab');
    assert.equal(tab!.label, 'Evidence: L5 → L6');
    assert.equal(tab!.isActive, true);
    await vscode.commands.executeCommand('careerLattice.showEvidence');
    assert.equal(evidenceTabs().length, 1, 'showing it again reveals the same panel');
  });

  test('the panel follows the settings (its title changes with the level)', async function () {
    this.timeout(30000);
    if (!evidenceTabs().length) await vscode.commands.executeCommand('careerLattice.showEvidence');
    try {
      await setSetting('currentLevel', 'L6');
      await waitFor(() => evidenceTabs()[0]?.label === 'Evidence: L6 → L7', 2000, 'the new title');
    } finally {
      await setSetting('currentLevel', 'L5');
    }
    await waitFor(() => evidenceTabs()[0]?.label === 'Evidence: L5 → L6', 2000, 'the title back');
  });

  test('closing the tab disposes the panel; showEvidence opens a new one', async () => {
    await vscode.window.tabGroups.close(evidenceTabs());
    assert.equal(evidenceTabs().length, 0);
    await vscode.commands.executeCommand('careerLattice.showEvidence');
    await waitFor(() => evidenceTabs().length === 1, 3000, 'a new evidence tab');
  });
});
