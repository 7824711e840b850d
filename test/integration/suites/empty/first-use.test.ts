// First use: a workspace without a notes folder. createNotesFolder, the first note, the notes folder
// setting (read live, never outside the workspace), a folder deleted behind VS Code's back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, disk, ladder, rel, setSetting, summary, today, abs } from '../../helpers/workspace';
import { warmUpFirst } from '../../helpers/warmup';

const exec = <T = vscode.Uri | undefined>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);

warmUpFirst();

suite('empty workspace: first use', () => {
  teardown(closeAllEditors);

  test('with no notes yet: the built-in ladder, every criterion of L6 missing, no decision due', async () => {
    assert.equal(disk.exists('career'), false);
    assert.equal((await ladder()).tracks.length, 2);
    const s = await summary();
    assert.deepEqual([s.currentLevel, s.targetLevel, s.covered, s.total], ['L5', 'L6', 0, 7]);
    assert.ok(s.criteria.every((c) => c.count === 0 && c.latest === null && !c.stale && c.notes.length === 0));
    assert.deepEqual(await exec('careerLattice.reviewDecisions', { open: false }), []);
  });

  test('createNotesFolder creates <notes>/brag, design-doc and decision, and can run again', async () => {
    const folder = await exec('careerLattice.createNotesFolder');
    assert.equal(rel(folder!), 'career');
    for (const sub of ['brag', 'design-doc', 'decision']) assert.ok(fs.statSync(abs(`career/${sub}`)).isDirectory(), sub);
    assert.equal(rel((await exec('careerLattice.createNotesFolder'))!), 'career');
    assert.deepEqual(disk.list('career'), [], 'no files, only folders');
  });

  test('the first note, then a packet with every other criterion listed as a gap', async () => {
    const uri = await exec('careerLattice.newBragEntry', { title: 'My first win', criteria: ['ic.L6.engineering-standards'], open: false });
    assert.equal(rel(uri!), `career/brag/${today()}-my-first-win.md`);
    const s = await summary();
    assert.equal(s.covered, 1);
    assert.deepEqual(s.criteria.find((c) => c.id === 'ic.L6.engineering-standards')?.notes, [rel(uri!)]);
    const packet = await exec('careerLattice.exportPacket', { open: false });
    const text = disk.read(rel(packet!));
    assert.ok(text.includes('Coverage: **1 of 7**'));
    assert.equal(text.split('\n').filter((l) => l.startsWith('- **') && l.includes(') — ')).length, 6, 'six gaps');
  });

  test('the notes folder deleted outside VS Code: nothing is left in the index', async () => {
    disk.remove('career');
    const s = await summary();
    assert.equal(s.covered, 0);
    assert.ok(s.criteria.every((c) => c.count === 0));
  });

  test('a note before the folder exists creates the folder', async () => {
    assert.equal(disk.exists('career'), false);
    const uri = await exec('careerLattice.newDecisionRecord', { title: 'Stay IC', criteria: [], open: false });
    assert.equal(rel(uri!), `career/decision/${today()}-stay-ic.md`);
    assert.ok(disk.exists(rel(uri!)));
  });

  test('the notes folder setting is read live, and can never point outside the workspace', async function () {
    this.timeout(40000);
    try {
      await setSetting('notesFolder', 'journal/career');
      const folder = await exec('careerLattice.createNotesFolder');
      assert.equal(rel(folder!), 'journal/career');
      const uri = await exec('careerLattice.newBragEntry', { title: 'In the journal', criteria: ['ic.L6.cross-team-direction'], open: false });
      assert.equal(rel(uri!), `journal/career/brag/${today()}-in-the-journal.md`);
      const s = await summary();
      assert.deepEqual(s.criteria.find((c) => c.id === 'ic.L6.cross-team-direction')?.notes, [rel(uri!)]);

      for (const outside of ['../escape', '/tmp', '..', 'career/../../x']) {
        await setSetting('notesFolder', outside);
        const note = await exec('careerLattice.newBragEntry', { title: `Outside ${outside}`, criteria: [], open: false });
        assert.match(rel(note!), /^career\/brag\//, `notesFolder ${outside} -> ${rel(note!)}`);
      }
      assert.equal(fs.existsSync(abs('../escape')), false);
    } finally {
      await setSetting('notesFolder', undefined);
    }
  });
});
