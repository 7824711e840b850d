// Issue 4: setCurrentLevel, setAsCurrentLevel, switchTrack, tagNote, refresh, openNote, getLadder,
// showLog, with and without the argument object; every contributed command is registered.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as prompts from '../../helpers/prompts';
import { waitFor } from '../../helpers/wait';
import {
  activePath,
  closeAllEditors,
  criteriaOf,
  disk,
  EXTENSION_ID,
  frontMatter,
  ladder,
  openNote,
  setSetting,
  settings,
  summary,
  uri,
} from '../../helpers/workspace';
import { warmUpFirst } from '../../helpers/warmup';

const exec = <T = unknown>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);

/** Puts track/currentLevel/targetLevel back to the fixture's values (only what changed: each write takes ~1 s). */
async function restoreLevel(): Promise<void> {
  if (settings().inspect('track')?.workspaceValue !== 'ic') await setSetting('track', 'ic');
  if (settings().inspect('currentLevel')?.workspaceValue !== 'L5') await setSetting('currentLevel', 'L5');
  if (settings().inspect('targetLevel')?.workspaceValue !== undefined) await setSetting('targetLevel', undefined);
}

function level(): { track: unknown; level: unknown; target: unknown } {
  const s = settings();
  return {
    track: s.inspect('track')?.workspaceValue,
    level: s.inspect('currentLevel')?.workspaceValue,
    target: s.inspect('targetLevel')?.workspaceValue ?? '',
  };
}

warmUpFirst();

suite('features: commands', () => {
  teardown(async () => {
    await prompts.cancel();
    await closeAllEditors();
  });

  test('every command in package.json is registered once the extension is active', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  suite('levels', () => {
    teardown(restoreLevel);

    test('setCurrentLevel { level } writes the track and level settings; aliases are accepted', async () => {
      assert.deepEqual(await exec('careerLattice.setCurrentLevel', { level: 'L6' }), { track: 'ic', level: 'L6' });
      assert.deepEqual(level(), { track: 'ic', level: 'L6', target: '' });
      assert.equal((await summary()).targetLevel, 'L7', 'the next level becomes the target');
      assert.deepEqual(await exec('careerLattice.setCurrentLevel', { level: 'e4' }), { track: 'ic', level: 'L4' });
      assert.deepEqual(await exec('careerLattice.setCurrentLevel', { track: 'management', level: 'EM' }), { track: 'management', level: 'EM' });
      assert.deepEqual(level(), { track: 'management', level: 'EM', target: '' });
    });

    test('setCurrentLevel refuses a level of another track, an unknown level and a missing level', async () => {
      for (const bad of [{ track: 'management', level: 'L6' }, { level: 'L99' }, {}, { track: 'ic' }, { level: 5 }]) {
        assert.equal(await exec('careerLattice.setCurrentLevel', bad), undefined, JSON.stringify(bad));
      }
      assert.deepEqual(level(), { track: 'ic', level: 'L5', target: '' });
    });

    test('a target level that is no longer ahead of the new level is cleared; one still ahead is kept', async () => {
      await setSetting('targetLevel', 'L7');
      await exec('careerLattice.setCurrentLevel', { level: 'L6' });
      assert.equal(level().target, 'L7');
      await exec('careerLattice.setCurrentLevel', { level: 'L7' });
      assert.equal(level().target, '');
    });

    test('setCurrentLevel without arguments: a quick pick of every level in ladder order', async () => {
      const pending = prompts.start('careerLattice.setCurrentLevel');
      await prompts.prompt();
      await prompts.next(); // L3 is active; the next item is L4
      await prompts.accept();
      assert.deepEqual(await prompts.result(pending), { track: 'ic', level: 'L4' });
      assert.deepEqual(level(), { track: 'ic', level: 'L4', target: '' });
      const cancelled = prompts.start('careerLattice.setCurrentLevel');
      await prompts.prompt();
      await prompts.cancel();
      assert.equal(await prompts.result(cancelled), undefined);
      assert.equal(level().level, 'L4');
    });

    test('setAsCurrentLevel (a level of the ladder view) sets that level and its track', async () => {
      assert.deepEqual(await exec('careerLattice.setAsCurrentLevel', { kind: 'level', trackId: 'management', levelId: 'SEM' }), {
        track: 'management',
        level: 'SEM',
      });
      assert.deepEqual(level(), { track: 'management', level: 'SEM', target: '' });
    });

    test('switchTrack moves to the equivalent level of the other track and back', async () => {
      assert.deepEqual(await exec('careerLattice.switchTrack'), { track: 'management', level: 'EM' });
      assert.deepEqual(level(), { track: 'management', level: 'EM', target: '' });
      const s = await summary();
      assert.deepEqual([s.track, s.currentLevel, s.targetLevel], ['management', 'EM', 'SEM']);
      assert.deepEqual(await exec('careerLattice.switchTrack'), { track: 'ic', level: 'L5' });
    });
  });

  suite('tagNote', () => {
    const NOTE = 'career/brag/2019-06-02-hiring-loop.md';
    let text = '';
    suiteSetup(() => {
      text = disk.read(NOTE);
    });
    teardown(async () => {
      await closeAllEditors();
      disk.write(NOTE, text);
    });

    test("tagNote { criteria } adds to the active note's criteria:, touches nothing else, saves a clean note", async () => {
      const doc = await openNote(NOTE);
      assert.deepEqual(await exec('careerLattice.tagNote', { criteria: ['ic.L6.engineering-standards', 'ic.L5.hiring-loops'] }), [
        'ic.L6.engineering-standards',
      ]);
      // The first save of a session in this host resolves (false) before the write is done; wait for it.
      await waitFor(() => !doc.isDirty, 5000, 'the clean note to be saved');
      assert.equal(disk.read(NOTE), text.replace('  - ic.L5.hiring-loops\n', '  - ic.L5.hiring-loops\n  - ic.L6.engineering-standards\n'));
      assert.deepEqual(await exec('careerLattice.tagNote', { criteria: ['ic.L6.engineering-standards'] }), [], 'adding again changes nothing');
      assert.equal(doc.isDirty, false);
    });

    test('tagNote keeps unsaved changes unsaved (one edit in the buffer, nothing written)', async () => {
      const doc = await openNote(NOTE);
      // The last test's teardown rewrote the file on disk; an open model reloads it asynchronously, and
      // typing into it before then races the reload.
      await waitFor(() => doc.getText() === text, 5000, 'the note to reload from disk');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, doc.positionAt(doc.getText().length), 'typing...\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.deepEqual(await exec('careerLattice.tagNote', { criteria: ['ic.L6.grows-senior-engineers'] }), ['ic.L6.grows-senior-engineers']);
      assert.equal(doc.isDirty, true);
      assert.equal(disk.read(NOTE), text, 'the file on disk is untouched');
      assert.ok(doc.getText().includes('  - ic.L6.grows-senior-engineers\n') && doc.getText().endsWith('typing...\n'));
      await exec('workbench.action.files.revert');
    });

    test('tagNote { criteria, uri } tags a note that is not the active one', async () => {
      const other = 'career/design-doc/2019-09-12-event-pipeline.md';
      const before = disk.read(other);
      try {
        assert.deepEqual(await exec('careerLattice.tagNote', { criteria: ['ic.L6.engineering-standards'], uri: uri(other).toString() }), [
          'ic.L6.engineering-standards',
        ]);
        assert.deepEqual(frontMatter(disk.read(other))['criteria'], ['ic.L6.cross-cutting-architecture', 'ic.L6.engineering-standards']);
      } finally {
        await closeAllEditors();
        disk.write(other, before);
      }
    });

    test('tagNote { criteria, uri } takes a workspace-relative path too, like openNote', async () => {
      const other = 'career/brag/2019-05-10-payments-migration.md';
      const before = disk.read(other);
      try {
        assert.deepEqual(await exec('careerLattice.tagNote', { criteria: ['ic.L6.engineering-standards'], uri: other }), ['ic.L6.engineering-standards']);
        assert.deepEqual(frontMatter(disk.read(other))['criteria'], ['ic.L6.cross-team-direction', 'ic.L5.leads-projects', 'ic.L6.engineering-standards']);
      } finally {
        await closeAllEditors();
        disk.write(other, before);
      }
    });

    test('tagNote with nothing to tag, or with bad arguments, changes nothing', async () => {
      assert.equal(await exec('careerLattice.tagNote', { criteria: ['ic.L6.engineering-standards'] }), undefined, 'no active editor');
      await openNote(NOTE);
      assert.equal(await exec('careerLattice.tagNote', { criteria: 'ic.L6.engineering-standards' }), undefined);
      assert.equal(await exec('careerLattice.tagNote', { criteria: [''] }), undefined);
      assert.equal(
        await exec('careerLattice.tagNote', { criteria: ['ic.L6.engineering-standards'], uri: '../outside.md' }),
        undefined,
        'a path out of the workspace',
      );
      assert.equal(
        await exec('careerLattice.tagNote', { criteria: ['ic.L6.engineering-standards'], uri: 'career/brag/no-such-note.md' }),
        undefined,
        'a note that does not exist',
      );
      assert.equal(disk.read(NOTE), text);
    });

    test("tagNote without arguments: the note's criteria are checked; the target level is listed first", async () => {
      await openNote(NOTE);
      const unchanged = prompts.start('careerLattice.tagNote');
      await prompts.prompt();
      await prompts.accept();
      assert.deepEqual(await prompts.result(unchanged), [], 'accepting as shown keeps the checked criteria');
      assert.equal(disk.read(NOTE), text);

      const added = prompts.start('careerLattice.tagNote');
      await prompts.prompt();
      await prompts.next(); // the first item: the first criterion of L6
      await prompts.toggle();
      await prompts.accept();
      assert.deepEqual(await prompts.result(added), ['ic.L6.cross-team-direction']);
      await waitFor(() => disk.read(NOTE) !== text, 3000, 'the note to be saved');
      assert.deepEqual(frontMatter(disk.read(NOTE))['criteria'], ['ic.L5.hiring-loops', 'ic.L6.cross-team-direction']);

      const cancelled = prompts.start('careerLattice.tagNote', uri(NOTE));
      await prompts.prompt();
      await prompts.cancel();
      assert.equal(await prompts.result(cancelled), undefined);
    });
  });

  suite('workspace commands', () => {
    test('openNote opens a workspace-relative path, a notes-view item or a Uri inside the workspace', async () => {
      const note = 'career/brag/2019-05-10-payments-migration.md';
      await exec('careerLattice.openNote', note);
      assert.equal(activePath(), note);
      await closeAllEditors();
      await exec('careerLattice.openNote', { kind: 'note', path: 'career/design-doc/2019-09-12-event-pipeline.md' });
      assert.equal(activePath(), 'career/design-doc/2019-09-12-event-pipeline.md');
      await closeAllEditors();
      await exec('careerLattice.openNote', uri(note));
      assert.equal(activePath(), note);
    });

    test('openNote refuses anything outside the workspace', async () => {
      const outside = path.join(path.dirname(uri('').fsPath), 'outside-the-workspace.md');
      fs.writeFileSync(outside, '# not yours\n');
      try {
        for (const arg of [
          '../outside-the-workspace.md',
          'career/../../outside-the-workspace.md',
          '/etc/hostname',
          vscode.Uri.file(outside),
          { kind: 'note', path: '../outside-the-workspace.md' },
          42,
        ]) {
          assert.equal(await exec('careerLattice.openNote', arg), undefined, String(arg));
          assert.equal(vscode.window.activeTextEditor, undefined, `nothing was opened for ${String(arg)}`);
        }
      } finally {
        fs.rmSync(outside, { force: true });
      }
    });

    test('getLadder returns the built-in ladder as plain JSON', async () => {
      const l = await ladder();
      assert.deepEqual(JSON.parse(JSON.stringify(l)), l, 'plain JSON');
      assert.deepEqual(
        l.tracks.map((t) => t.id),
        ['ic', 'management'],
      );
      assert.deepEqual(
        l.tracks[0]!.levels.map((lv) => lv.id),
        ['L3', 'L4', 'L5', 'L6', 'L7', 'L8'],
      );
      assert.deepEqual(
        l.tracks[1]!.levels.map((lv) => lv.id),
        ['TL', 'EM', 'SEM', 'DIR', 'VP', 'CTO'],
      );
      assert.deepEqual(criteriaOf(l, 'L6'), [
        'ic.L6.cross-team-direction',
        'ic.L6.cross-cutting-architecture',
        'ic.L6.engineering-standards',
        'ic.L6.alignment-without-authority',
        'ic.L6.solves-critical-problems',
        'ic.L6.presents-to-leadership',
        'ic.L6.grows-senior-engineers',
      ]);
      const l5 = l.tracks[0]!.levels[2]!;
      assert.equal(l5.equivalent, 'EM');
      assert.deepEqual(l5.aliases, ['E5']);
      // A copy: changing it changes nothing in the extension.
      l.tracks.pop();
      assert.equal((await ladder()).tracks.length, 2);
    });

    test('refresh re-reads everything; showLog shows the output channel', async () => {
      await exec('careerLattice.refresh');
      assert.equal((await ladder()).tracks.length, 2);
      await exec('careerLattice.showLog');
    });
  });
});
