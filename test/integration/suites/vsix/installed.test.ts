// Smoke tests of the packaged extension: `npm run test:vsix` packages the .vsix, installs it into a
// fresh host with the server's --install-extension, and runs this suite with no extension under
// development (scripts/host/run-integration.mjs --vsix). A normal integration run skips this suite
// (suite.json: { "vsix": true }).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'career-lattice.career-lattice';
/** This repository (the tests run from out/test/integration/suites/vsix/). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not installed in this host`);
  return found;
}

async function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => fs.statSync(path.join(root, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

suite('vsix: the installed extension', () => {
  test('the extension under test is the copy installed from the .vsix, not this repository', () => {
    const extensionsDir = process.env['CAREER_LATTICE_EXTENSIONS_DIR'];
    assert.ok(extensionsDir, 'the host tells where its extensions folder is (CAREER_LATTICE_EXTENSIONS_DIR)');
    const installed = fs.realpathSync(extension().extensionPath);
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(installed, path.join(fs.realpathSync(extensionsDir), `${EXTENSION_ID}-${manifest.version}`));
    assert.ok(!installed.startsWith(fs.realpathSync(REPO_ROOT) + path.sep), `${installed} is inside the repository`);
    assert.equal((extension().packageJSON as { version: string }).version, manifest.version);
    // VS Code records where an installed extension came from.
    const records = JSON.parse(fs.readFileSync(path.join(extensionsDir, 'extensions.json'), 'utf8')) as Array<{
      identifier: { id: string };
      metadata?: { source?: string };
    }>;
    assert.equal(records.find((r) => r.identifier.id === EXTENSION_ID)?.metadata?.source, 'vsix');
  });

  test('the installed copy holds only what runs: bundles and their data file, media, grammars, manifest and documents', () => {
    const files = filesUnder(extension().extensionPath);
    for (const wanted of [
      'package.json',
      'dist/extension.js',
      'dist/web/extension.js',
      'dist/indexWorker.js',
      'dist/data.json',
      'media/evidence.js',
      'media/evidence.css',
      'media/icon.png',
      'LICENSE.txt',
      'changelog.md',
    ]) {
      assert.ok(files.includes(wanted), `${wanted} is missing; the copy has: ${files.join(', ')}`);
    }
    const unwanted = files.filter(
      (file) =>
        /^(src|test|out|examples|bench|scripts|node_modules|\.vscode-test|media\/src|media\/screenshots)\//.test(file) ||
        file.endsWith('.map') ||
        file.endsWith('.ts') ||
        file === 'media/tsconfig.json',
    );
    assert.deepEqual(unwanted, []);
    assert.ok(files.length < 40, `${files.length} files: ${files.join(', ')}`);
  });

  test('it activates in the Node extension host, from its own bundle', async () => {
    await extension().activate();
    assert.equal(extension().isActive, true);
    assert.equal(extension().extensionKind, vscode.ExtensionKind.Workspace);
    assert.equal((extension().packageJSON as { main: string }).main, './dist/extension.js');
  });

  test('every contributed command is registered', async () => {
    const contributed = (extension().packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
    );
  });

  test('notes are indexed and evidence counted', async () => {
    const summary = await vscode.commands.executeCommand<{ targetLevel: string; criteria: Array<{ id: string; count: number }> }>(
      'careerLattice.getEvidenceSummary',
    );
    assert.equal(summary.targetLevel, 'L5');
    assert.equal(summary.criteria.find((c) => c.id === 'ic.L5.mentors-engineers')?.count, 1);
  });

  test('a new brag entry is written to the workspace', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.newBragEntry', {
      title: 'Installed from a vsix',
      criteria: ['ic.L5.leads-projects'],
      open: false,
    });
    assert.ok(uri);
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /^---\ntype: brag\ntitle: Installed from a vsix\n/);
    const summary = await vscode.commands.executeCommand<{ criteria: Array<{ id: string; count: number }> }>('careerLattice.getEvidenceSummary');
    assert.equal(summary.criteria.find((c) => c.id === 'ic.L5.leads-projects')?.count, 1);
  });

  test('the evidence view opens', async () => {
    await vscode.commands.executeCommand('careerLattice.showEvidence');
    const tab = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('careerLattice.evidence')),
      5000,
      'the evidence tab',
    );
    assert.equal(tab.label, 'Evidence: L4 → L5');
  });
});
