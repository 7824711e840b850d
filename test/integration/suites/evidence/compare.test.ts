// Issue 5: careerLattice.compareLevels (and compareWithCurrent): a virtual markdown document, default
// current -> target, { from, to }, and the two level prompts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as prompts from '../../helpers/prompts';
import { closeAllEditors, ladder, setSetting } from '../../helpers/workspace';
import { warmUpFirst } from '../../helpers/warmup';

const compare = (...args: unknown[]) => vscode.commands.executeCommand<vscode.Uri | undefined>('careerLattice.compareLevels', ...args);

async function content(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

warmUpFirst();

suite('evidence: compareLevels', () => {
  teardown(async () => {
    await prompts.cancel();
    await closeAllEditors();
  });

  test('{ from, to, open: false } answers with a virtual markdown document, criterion by criterion', async () => {
    const uri = await compare({ from: 'L5', to: 'L6', open: false });
    assert.ok(uri);
    assert.equal(uri.toString(), 'career-lattice:/compare/L5-L6.md');
    assert.equal(vscode.window.activeTextEditor, undefined, 'open: false');
    const text = await content(uri);
    const lines = text.split('\n');
    assert.equal(lines[0], '# Senior Engineer (L5) → Staff Engineer (L6)');
    for (const row of [
      '| | Senior Engineer | Staff Engineer |',
      '| Track | Individual Contributor | Individual Contributor |',
      '| Codes | L5 \\(E5\\) | L6 \\(E6\\) |',
      '| Typical experience | 5-10 years | 8-15 years |',
      '| Equivalent | Engineering Manager \\(EM\\) | Senior Engineering Manager \\(SEM\\) |',
      '## Criterion by criterion',
      '## In short',
      '- Expected at L5 but no longer called out at L6: execution, strategy, hiring.',
      '- 7 criteria at L6 (8 at L5).',
    ]) {
      assert.ok(lines.includes(row), `missing line "${row}" in\n${text}`);
    }
    // Every criterion of both levels, under its area.
    const l = await ladder();
    const levels = l.tracks[0]!.levels;
    for (const c of [...levels[2]!.criteria, ...levels[3]!.criteria])
      assert.ok(text.includes(`**${c.title.replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&')}**`), c.id);
    const influence = lines.indexOf('### Influence');
    assert.ok(influence > 0);
    assert.match(lines[influence + 2]!, /^\*\*L5:\*\* \*\*Influences the team's direction\*\*/);
    assert.match(lines[influence + 4]!, /^\*\*L6:\*\* \*\*Sets technical direction across teams\*\* — .+; \*\*Aligns teams without authority\*\*/);
  });

  test('{} compares the current level with the target, and opens it as markdown', async () => {
    const uri = await compare({});
    assert.equal(uri?.toString(), 'career-lattice:/compare/L5-L6.md');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri!.toString());
    assert.equal(editor?.document.languageId, 'markdown');
  });

  test('{ from } or { to } alone keep the other default; ids and aliases of either track', async () => {
    assert.equal((await compare({ from: 'L6', open: false }))?.toString(), 'career-lattice:/compare/L6-L6.md');
    assert.equal((await compare({ to: 'L8', open: false }))?.toString(), 'career-lattice:/compare/L5-L8.md');
    const cross = await compare({ from: 'e5', to: 'sem', open: false });
    assert.equal(cross?.toString(), 'career-lattice:/compare/L5-SEM.md');
    const text = await content(cross!);
    assert.ok(text.startsWith('# Senior Engineer (L5) → Senior Engineering Manager (SEM)\n'));
    assert.ok(text.includes('| Track | Individual Contributor | Management |'));
  });

  test('unknown levels and bad arguments open nothing', async () => {
    assert.equal(await compare({ from: 'L99', open: false }), undefined);
    assert.equal(await compare({ to: 'nope', open: false }), undefined);
    assert.equal(await compare({ from: 5 }), undefined);
    assert.equal(vscode.window.activeTextEditor, undefined);
  });

  test('without arguments: two level picks (from, then to)', async () => {
    const pending = prompts.start<vscode.Uri>('careerLattice.compareLevels');
    await prompts.prompt();
    await prompts.next(); // L3 is active: L4
    await prompts.accept();
    await prompts.prompt();
    await prompts.next(4); // L3 -> L7
    await prompts.accept();
    const uri = await prompts.result(pending);
    assert.equal(uri?.toString(), 'career-lattice:/compare/L4-L7.md');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri!.toString());

    for (const step of [0, 1]) {
      const cancelled = prompts.start('careerLattice.compareLevels');
      await prompts.prompt();
      if (step === 1) {
        await prompts.accept();
        await prompts.prompt();
      }
      await prompts.cancel();
      assert.equal(await prompts.result(cancelled), undefined, `cancelled at pick ${step + 1}`);
    }
  });

  test('compareWithCurrent (a level of the ladder view) compares the current level with it', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.compareWithCurrent', { kind: 'level', trackId: 'ic', levelId: 'L7' });
    assert.equal(uri?.toString(), 'career-lattice:/compare/L5-L7.md');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri!.toString());
  });

  test('the default follows the settings', async function () {
    this.timeout(30000);
    try {
      await setSetting('currentLevel', 'L6');
      assert.equal((await compare({ open: false }))?.toString(), 'career-lattice:/compare/L6-L7.md');
      await setSetting('targetLevel', 'L8');
      assert.equal((await compare({ open: false }))?.toString(), 'career-lattice:/compare/L6-L8.md');
    } finally {
      await setSetting('targetLevel', undefined);
      await setSetting('currentLevel', 'L5');
    }
  });
});
