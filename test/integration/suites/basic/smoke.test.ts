// Smoke tests: run inside a real VS Code extension host on a copy of test/fixtures/basic/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'career-lattice.career-lattice';

suite('basic: smoke', () => {
  test('the extension is installed from the development path', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.equal(extension.packageJSON.publisher, 'career-lattice');
    assert.equal(extension.packageJSON.name, 'career-lattice');
  });

  test('the extension activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('the fixture workspace is open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(folders[0]!.uri.scheme, 'file');
  });

  test('workspace.findFiles finds the fixture notes (ripgrep works in the host)', async () => {
    const found = await vscode.workspace.findFiles('career/**/*.md');
    const names = found.map((uri) => vscode.workspace.asRelativePath(uri, false)).sort();
    assert.deepEqual(names, ['career/brag/2025-03-14-on-call-runbook.md', 'career/decisions/2025-04-02-queue-over-cron.md']);
  });

  test('the fixture settings are read', () => {
    const config = vscode.workspace.getConfiguration('careerLattice');
    assert.equal(config.get('track'), 'ic');
    assert.equal(config.get('currentLevel'), 'L4');
  });

  test('a note opens in an editor', async () => {
    const [uri] = await vscode.workspace.findFiles('career/brag/*.md');
    assert.ok(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(editor.document.languageId, 'markdown');
    assert.match(document.getText(), /^---\ntype: brag\n/);
  });
});
