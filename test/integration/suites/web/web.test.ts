// The extension in the web worker extension host (vscode.dev, code-server): its browser bundle
// (package.json `browser`, dist/web/extension.js), notes read and written through
// vscode.workspace.fs only. These tests run in that worker too (see suite.json and
// test/integration/web/index.ts), so they use the vscode API and nothing of Node.
// The workspace (test/fixtures/web/) is a git repository (suite.json "gitRepository"), so that
// Log a Win can show it takes no git lines on the web.
import * as vscode from 'vscode';
import { assert, counts, EXTENSION_ID, exec, files, relative, root, summary, today, uri, waitFor } from './helpers';

/** The criteria of L6 (the target of an L5) in ladder order, with the evidence counted by hand in test/fixtures/web/. */
const FIXTURE_COUNTS = {
  'ic.L6.cross-team-direction': 1, // the queue migration (the packet citing it is no evidence)
  'ic.L6.cross-cutting-architecture': 1, // the event pipeline design doc
  'ic.L6.engineering-standards': 2, // the runbook and the migration (not the typo in the broken note)
  'ic.L6.alignment-without-authority': 0,
  'ic.L6.solves-critical-problems': 0,
  'ic.L6.presents-to-leadership': 1, // the 2012 talk: stale
  'ic.L6.grows-senior-engineers': 0, // only the packet and docs/ (outside the notes folder) cite it
};

async function closeAllEditors(): Promise<void> {
  await exec('workbench.action.closeAllEditors');
}

suite('web: the extension in the web worker extension host', () => {
  suiteSetup(async () => {
    // Settle the index before counting (the extension may still be indexing at activation).
    await summary();
  });
  teardown(closeAllEditors);

  test('the tests and the extension run in a web worker, with the browser bundle', async () => {
    const g = globalThis as { process?: unknown; WorkerGlobalScope?: new () => unknown; self?: unknown; require?: unknown };
    assert.equal(typeof g.process, 'undefined', 'no Node `process` in a web worker');
    assert.ok(g.WorkerGlobalScope && g.self instanceof g.WorkerGlobalScope, 'this code runs in a WorkerGlobalScope');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);

    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not in this extension host`);
    assert.equal(extension.isActive, true);
    // Only the extensions of this host are listed here; a web worker host runs extensions "where the
    // UI runs" (ExtensionKind.UI). In the Node extension host of the server it would be Workspace.
    assert.equal(extension.extensionKind, vscode.ExtensionKind.UI);
    assert.equal(extension.packageJSON.browser, './dist/web/extension.js');
    // The workspace is the server's folder, reached through the remote file system.
    assert.equal(root().scheme, 'vscode-remote');
  });

  test('getLadder returns the built-in ladder', async () => {
    const ladder = await exec<{ tracks: Array<{ id: string; levels: Array<{ id: string; criteria: Array<{ id: string }> }> }> }>('careerLattice.getLadder');
    assert.deepEqual(
      ladder.tracks.map((t) => t.id),
      ['ic', 'management'],
    );
    const ic = ladder.tracks.find((t) => t.id === 'ic')!;
    assert.deepEqual(
      ic.levels.map((l) => l.id),
      ['L3', 'L4', 'L5', 'L6', 'L7', 'L8'],
    );
    assert.deepEqual(
      ic.levels.find((l) => l.id === 'L6')!.criteria.map((c) => c.id),
      Object.keys(FIXTURE_COUNTS),
    );
  });

  test('getEvidenceSummary matches the notes counted by hand', async () => {
    const s = await summary();
    assert.deepEqual([s.track, s.currentLevel, s.targetLevel], ['ic', 'L5', 'L6']);
    assert.deepEqual(Object.fromEntries(s.criteria.map((c) => [c.id, c.count])), FIXTURE_COUNTS);
    assert.deepEqual([s.covered, s.total], [3, 7], 'covered: the three criteria with fresh evidence');
    const standards = s.criteria.find((c) => c.id === 'ic.L6.engineering-standards')!;
    assert.deepEqual(standards.notes, ['career/brag/2025-06-20-queue-migration.md', 'career/brag/2025-03-14-on-call-runbook.md'], 'newest first');
    assert.equal(standards.latest, '2025-06-20');
    const talk = s.criteria.find((c) => c.id === 'ic.L6.presents-to-leadership')!;
    assert.deepEqual([talk.count, talk.stale, talk.latest], [1, true, '2012-01-10']);
    // Another target, given as an argument: L5's criteria.
    const l5 = await summary({ currentLevel: 'L4' });
    assert.equal(l5.targetLevel, 'L5');
    assert.equal(l5.criteria.find((c) => c.id === 'ic.L5.mentors-engineers')?.count, 1);
  });

  suite('notes written through vscode.workspace.fs', () => {
    const created: vscode.Uri[] = [];
    suiteTeardown(async () => {
      for (const file of created) await files.delete(file).catch(() => undefined);
      await summary(); // the index forgets them before the next test counts
    });

    test('newBragEntry { title, criteria } creates the note, and never overwrites it: the second one gets -2', async () => {
      const args = { title: 'Shipped the web build', criteria: ['ic.L6.engineering-standards'], open: false };
      const first = await exec<vscode.Uri>('careerLattice.newBragEntry', args);
      assert.ok(first instanceof vscode.Uri, 'resolves to the new note');
      created.push(first);
      assert.equal(relative(first), `career/brag/${today()}-shipped-the-web-build.md`);
      const text = await files.read(first);
      assert.match(text, /^---\ntype: brag\ntitle: Shipped the web build\n/);
      assert.match(text, /\ncriteria: \[ic\.L6\.engineering-standards\]\n/);
      await files.write(first, `${text}\nMy own words.\n`);

      const second = await exec<vscode.Uri>('careerLattice.newBragEntry', args);
      created.push(second);
      assert.equal(relative(second), `career/brag/${today()}-shipped-the-web-build-2.md`);
      assert.equal(await files.read(first), `${text}\nMy own words.\n`, 'the first note is untouched');
      assert.equal((await counts())['ic.L6.engineering-standards'], 4, 'both new notes count');
    });

    test('a team template in .career/templates is read through vscode.workspace.fs', async () => {
      const doc = await exec<vscode.Uri>('careerLattice.newDesignDoc', { title: 'Web worker indexing', criteria: [], open: false });
      created.push(doc);
      assert.equal(relative(doc), `career/design-doc/${today()}-web-worker-indexing.md`);
      assert.match(await files.read(doc), /# Web worker indexing \(TEAM DESIGN TEMPLATE\)/);
    });

    test('tagNote { criteria, uri } adds criteria to a closed note', async () => {
      const note = 'career/brag/2025-03-14-on-call-runbook.md';
      const before = await files.read(note);
      try {
        const added = await exec<string[]>('careerLattice.tagNote', {
          criteria: ['ic.L6.alignment-without-authority', 'ic.L6.engineering-standards'],
          uri: note,
        });
        assert.deepEqual(added, ['ic.L6.alignment-without-authority'], 'only the criterion it did not have');
        await waitFor(async () => (await files.read(note)) !== before, 5000, 'the tagged note to be saved');
        assert.equal(
          await files.read(note),
          before.replace('  - ic.L5.mentors-engineers\n', '  - ic.L5.mentors-engineers\n  - ic.L6.alignment-without-authority\n'),
        );
        assert.equal((await counts())['ic.L6.alignment-without-authority'], 1);
      } finally {
        await closeAllEditors();
        await files.write(note, before);
      }
    });

    test('exportPacket writes a packet, never over an earlier one, and a packet is no evidence', async () => {
      const before = await counts();
      const packet = await exec<vscode.Uri>('careerLattice.exportPacket', { open: false });
      assert.ok(packet instanceof vscode.Uri);
      created.push(packet);
      assert.equal(relative(packet), `career/packets/${today()}-L6.md`);
      const text = await files.read(packet);
      assert.match(text, /^---\ntype: packet\n/);
      assert.match(text, /L6/);
      assert.ok(text.includes('career/brag/2025-06-20-queue-migration.md') || text.includes('2025-06-20-queue-migration.md'), 'cites the evidence');
      const again = await exec<vscode.Uri>('careerLattice.exportPacket', { open: false });
      created.push(again);
      assert.equal(relative(again), `career/packets/${today()}-L6-2.md`);
      assert.deepEqual(await counts(), before, 'packets change no count');
    });
  });

  test('compareLevels { from, to } renders the comparison as a virtual document', async () => {
    const comparison = await exec<vscode.Uri>('careerLattice.compareLevels', { from: 'L5', to: 'L6', open: false });
    assert.ok(comparison instanceof vscode.Uri);
    assert.equal(comparison.scheme, 'career-lattice');
    assert.equal(comparison.path, '/compare/L5-L6.md');
    const text = (await vscode.workspace.openTextDocument(comparison)).getText();
    assert.match(text, /L5/);
    assert.match(text, /L6/);
    assert.match(text, /Aligns teams without authority/, 'an L6 criterion');
    assert.match(text, /Takes part in hiring loops/, 'an L5 criterion');
  });

  test('a broken note gets diagnostics: the impossible date and the misspelt criterion', async () => {
    const note = uri('career/notes/2025-07-01-broken.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note));
    const diagnostics = await waitFor(
      () => {
        const found = vscode.languages.getDiagnostics(note).filter((d) => d.source === 'Career Lattice');
        return found.length >= 2 ? found : undefined;
      },
      10000,
      'diagnostics on the broken note',
    );
    const byCode = new Map(diagnostics.map((d) => [String(d.code), d]));
    const unknown = byCode.get('unknown-criterion');
    assert.ok(unknown, `an unknown-criterion diagnostic; got ${diagnostics.map((d) => `${String(d.code)}: ${d.message}`).join(' | ')}`);
    assert.match(unknown.message, /ic\.L6\.enginering-standards/);
    assert.equal(unknown.range.start.line, 5, 'on the misspelt id');
    const date = diagnostics.find((d) => d.range.start.line === 3);
    assert.ok(date, 'a diagnostic on the date line');
    assert.match(date.message, /date/i);
  });

  test('Log a Win takes the file, line and selection, and no git lines: there is no git on the web', async () => {
    assert.equal(vscode.extensions.getExtension('vscode.git'), undefined, 'the git extension is not in this host');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('src/billing.py')));
    editor.selection = new vscode.Selection(1, 0, 1, 100);
    const win = await exec<vscode.Uri>('careerLattice.logWin', { title: 'Web win', open: false });
    assert.ok(win instanceof vscode.Uri);
    try {
      assert.equal(relative(win), `career/brag/${today()}-web-win.md`);
      const text = await files.read(win);
      assert.match(text, /## From the code/);
      assert.match(text, /- File: \[src\/billing\.py:2\]/);
      assert.match(text, /> *return sum\(line\.amount for line in lines\)/, 'the selected line, quoted');
      assert.doesNotMatch(text, /Branch:|Commit:/, 'no git capture on the web, though the workspace is a repository');
    } finally {
      await files.delete(win);
    }
  });
});
