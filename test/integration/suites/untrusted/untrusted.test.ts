// Restricted mode (an untrusted workspace): the extension still reads and writes notes, but runs no
// git process and ignores the team's note templates. The host runs with Workspace Trust on and this
// folder untrusted (suite.json: { "trust": false }).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

suite('untrusted workspace', () => {
  test('the workspace is really untrusted, and the extension is active', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const extension = vscode.extensions.getExtension('career-lattice.career-lattice')!;
    assert.equal(extension.isActive, true);
  });

  test('notes are indexed and evidence is summarised', async () => {
    const summary = await vscode.commands.executeCommand<{ criteria: Array<{ id: string; count: number }> }>('careerLattice.getEvidenceSummary', {
      currentLevel: 'L4',
    });
    assert.equal(summary.criteria.find((c) => c.id === 'ic.L5.mentors-engineers')?.count, 1);
  });

  test('the team template in .career/templates is not used; the built-in one is', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.newBragEntry', { title: 'Untrusted template', criteria: [], open: false });
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.ok(!text.includes('TEAM TEMPLATE'), text);
    assert.match(text, /## What happened/);
  });

  test('Log a Win runs no git process: no branch or commit even inside a repository', async () => {
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root(), env });
    execFileSync('git', ['add', 'src/billing.ts'], { cwd: root(), env });
    execFileSync('git', ['commit', '-q', '-m', 'A commit the extension must not read'], { cwd: root(), env });
    const doc = await vscode.workspace.openTextDocument(path.join(root(), 'src/billing.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 10);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.logWin', { title: 'Untrusted win', open: false });
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, /- File: \[src\/billing\.ts:2\]/);
    assert.ok(!/Branch:|Commit:|must not read/.test(text), text);
  });

  test('Harvest Wins runs no git process: an empty result, nothing written, even inside a repository', async () => {
    const brag = path.join(root(), 'career', 'brag');
    const before = fs.readdirSync(brag).sort();
    if (!fs.existsSync(path.join(root(), '.git'))) execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root() });
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'Another commit the extension must not read'], { cwd: root(), env });
    const result = await vscode.commands.executeCommand('careerLattice.harvestWins', {
      since: '2000-01-01',
      authors: ['t@t'],
      repositories: [root()],
      accept: 'all',
    });
    assert.deepEqual(result, { drafts: [], created: [] });
    assert.deepEqual(fs.readdirSync(brag).sort(), before);
  });
});
