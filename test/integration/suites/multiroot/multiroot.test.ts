// Issue 18, part 3: a multi-root window (test/fixtures/multiroot/multiroot.code-workspace) of two
// folders with notes, a ladder in one that extends a file of the other. Every folder's notes are
// indexed and counted; paths carry the folder's name; the Notes view has a top level per folder; the
// commands that create notes take { folder } (and ask only when it is not clear); adding and removing
// a folder, or changing one folder's notes folder, updates the index.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CareerWorkspace } from '../../../../src/features/shared/careerWorkspace';
import { LadderTreeProvider } from '../../../../src/features/tree/ladderTree';
import { NotesTreeProvider } from '../../../../src/features/tree/notesTree';
import { accept, next, prompt, start } from '../../helpers/prompts';
import { find, labels, snapshot } from '../../helpers/trees';
import { waitFor } from '../../helpers/wait';
import { closeAllEditors, ladder, summary } from '../../helpers/workspace';

const ALPHA_WIN = 'alpha/career/brag/2025-03-14-alpha-runbook.md';
const BETA_WIN = 'beta/notes/brag/2025-04-02-beta-reviews.md';
const BETA_DECISION = 'beta/notes/decisions/2025-05-01-queue.md';
const GAMMA_WIN = 'gamma/career/brag/2025-06-01-gamma-win.md';
const ONCALL = 'ic.L4.alpha-oncall';
const REVIEWS = 'ic.L4.handbook-reviews';

/** The folder holding the .code-workspace and the three fixture folders. */
function base(): string {
  const file = vscode.workspace.workspaceFile;
  if (!file || file.scheme !== 'file') throw new Error('no .code-workspace is open: suite.json should name it');
  return path.dirname(file.fsPath);
}
const folderUri = (name: string) => vscode.Uri.file(path.join(base(), name));
const onDisk = (windowPath: string) => path.join(base(), ...windowPath.split('/'));
const windowPathOf = (uri: vscode.Uri) => path.relative(base(), uri.fsPath).split(path.sep).join('/');
const files = (dir: string) => (fs.existsSync(onDisk(dir)) ? fs.readdirSync(onDisk(dir)).sort() : []);

async function notesOf(criterion: string): Promise<string[]> {
  const s = await summary({ targetLevel: 'L4' });
  const c = s.criteria.find((x) => x.id === criterion);
  if (!c) throw new Error(`no criterion ${criterion} in the summary (${s.criteria.map((x) => x.id).join(', ')})`);
  return c.notes;
}

/** Starts a command and checks it settles without anyone answering a prompt. */
async function withoutPrompt<T>(command: string, arg: unknown): Promise<T | undefined> {
  const run = start<T>(command, arg);
  await waitFor(() => run.settled, 10_000, `${command} to finish on its own`);
  if (run.error) throw run.error;
  return run.value;
}

suite('multiroot: two workspace folders', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  test('the window is the fixture workspace: alpha and beta, beta with its own notes folder', () => {
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['alpha', 'beta'],
    );
    assert.equal(vscode.workspace.getConfiguration('careerLattice', folderUri('beta')).get('notesFolder'), 'notes');
    assert.equal(vscode.workspace.getConfiguration('careerLattice', folderUri('alpha')).get('notesFolder'), 'career');
  });

  test('getEvidenceSummary counts the notes of both folders, each path carrying its folder name', async () => {
    const s = await summary({ targetLevel: 'L4' });
    const oncall = s.criteria.find((c) => c.id === ONCALL)!;
    assert.equal(oncall.count, 2);
    assert.deepEqual(oncall.notes, [BETA_WIN, ALPHA_WIN], 'newest first, paths as <folder>/<path in the folder>');
    assert.deepEqual(s.criteria.find((c) => c.id === REVIEWS)!.notes, [BETA_WIN]);
  });

  test("the ladder in force is alpha's, which extends a file of the beta folder", async () => {
    const l = await ladder();
    assert.equal(l.name, 'Alpha team ladder');
    const l4 = l.tracks.find((t) => t.id === 'ic')!.levels.find((lv) => lv.id === 'L4')!;
    const ids = l4.criteria.map((c) => c.id);
    assert.ok(ids.includes(ONCALL), "alpha's own criterion");
    assert.ok(ids.includes(REVIEWS), "the criterion of beta's handbook");
  });

  test('a ladder that extends a file outside every workspace folder gets a diagnostic saying to add that folder or copy the file', async () => {
    const ladderFile = onDisk('alpha/.career/ladder.yaml');
    const original = fs.readFileSync(ladderFile, 'utf8');
    const uri = vscode.Uri.file(ladderFile);
    try {
      fs.writeFileSync(ladderFile, original.replace('../../beta/.career/handbook.yaml', '../../elsewhere/handbook.yaml'));
      const problem = await waitFor(
        () => vscode.languages.getDiagnostics(uri).find((d) => /outside every folder of this workspace/.test(d.message)),
        10_000,
        'the diagnostic on the ladder file',
      );
      assert.match(problem.message, /Add the folder that holds it to the workspace/);
      assert.match(problem.message, /copy its ladder file/);
      assert.notEqual((await ladder()).name, 'Alpha team ladder', 'the built-in ladder is in force meanwhile');
    } finally {
      fs.writeFileSync(ladderFile, original);
    }
    await waitFor(async () => (await ladder()).name === 'Alpha team ladder', 10_000, 'the team ladder back in force');
  });

  test('the Notes view has a top level per workspace folder; the Ladder view says which folder a note is from', async () => {
    const log = vscode.window.createOutputChannel('Career Lattice (multiroot views test)', { log: true });
    const workspace = new CareerWorkspace({ log });
    const notesTree = new NotesTreeProvider(workspace);
    const ladderTree = new LadderTreeProvider(workspace);
    try {
      await workspace.start();
      await workspace.ensureFresh();
      const notes = await snapshot(notesTree);
      assert.deepEqual(labels(notes), ['alpha', 'beta']);
      assert.deepEqual(labels(find(notes, 'alpha').children), ['Brag entries']);
      assert.deepEqual(labels(find(notes, 'beta').children), ['Brag entries', 'Decision records']);
      assert.deepEqual(labels(find(notes, 'alpha', 'Brag entries', 'March 2025').children), ['Rewrote the alpha on-call runbook']);
      assert.deepEqual(labels(find(notes, 'beta', 'Brag entries', 'April 2025').children), ['Reviewed every beta pull request within a day']);
      assert.equal(find(notes, 'beta').description, '2');
      const row = find(notes, 'beta', 'Decision records', 'May 2025', 'Queue over cron for beta jobs');
      assert.deepEqual(row.command?.arguments, [BETA_DECISION], 'the row opens the note by its window path');

      const levels = await snapshot(ladderTree);
      const criterion = find(levels, 'Individual Contributor', 'Mid-Level Engineer', 'Keeps the alpha on-call healthy');
      assert.deepEqual(
        criterion.children.map((n) => `${n.label} | ${n.description}`),
        ['Reviewed every beta pull request within a day | 2025-04-02 · beta', 'Rewrote the alpha on-call runbook | 2025-03-14 · alpha'],
      );
    } finally {
      notesTree.dispose();
      ladderTree.dispose();
      workspace.dispose();
      log.dispose();
    }
  });

  test('openNote opens a note of the second folder by its window path', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('careerLattice.openNote', BETA_DECISION);
    assert.equal(editor?.document.uri.fsPath, onDisk(BETA_DECISION));
  });
});

suite('multiroot: creating notes', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  test('newBragEntry { folder: name } writes into that folder without a prompt, and the summary counts it', async () => {
    const uri = await withoutPrompt<vscode.Uri>('careerLattice.newBragEntry', { title: 'Beta by name', criteria: [ONCALL], folder: 'beta', open: false });
    assert.ok(uri, 'a note was created');
    assert.match(windowPathOf(uri), /^beta\/notes\/brag\/\d{4}-\d\d-\d\d-beta-by-name\.md$/);
    assert.ok((await notesOf(ONCALL)).includes(windowPathOf(uri)), 'indexed under its window path');
  });

  test('{ folder } also takes the folder as a URI string or a path on disk', async () => {
    const byUri = await withoutPrompt<vscode.Uri>('careerLattice.newDecisionRecord', {
      title: 'Alpha by URI',
      criteria: [],
      folder: folderUri('alpha').toString(),
      open: false,
    });
    assert.match(windowPathOf(byUri!), /^alpha\/career\/decision\//);
    const byPath = await withoutPrompt<vscode.Uri>('careerLattice.newFeedbackNote', {
      title: 'Beta by path',
      from: 'Priya',
      criteria: [],
      folder: folderUri('beta').fsPath,
      open: false,
    });
    assert.match(windowPathOf(byPath!), /^beta\/notes\/feedback\//);
  });

  test('an unknown folder: no prompt, no file, the command resolves to nothing', async () => {
    const before = [...files('alpha/career/brag'), ...files('beta/notes/brag')];
    for (const command of ['careerLattice.newBragEntry', 'careerLattice.newNote', 'careerLattice.logWin', 'careerLattice.exportPacket']) {
      const result = await withoutPrompt(command, { title: 'Nowhere', criteria: [], folder: 'no-such-folder', open: false });
      assert.equal(result, undefined, command);
    }
    const harvest = await withoutPrompt<{ drafts: unknown[]; created: unknown[] }>('careerLattice.harvestWins', { folder: 'no-such-folder', accept: 'all' });
    assert.deepEqual(harvest, { drafts: [], created: [] }, 'the harvest stops before running git');
    assert.deepEqual([...files('alpha/career/brag'), ...files('beta/notes/brag')], before);
  });

  test('with an editor on a file of a folder, that folder is used without asking', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(onDisk('alpha/src/service.ts')));
    const uri = await withoutPrompt<vscode.Uri>('careerLattice.logWin', { title: 'From the alpha editor', criteria: [], open: false });
    assert.match(windowPathOf(uri!), /^alpha\/career\/brag\//);
    const text = fs.readFileSync(uri!.fsPath, 'utf8');
    assert.match(text, /- File: \[alpha\/src\/service\.ts:1\]\(\.\.\/\.\.\/src\/service\.ts#L1\)/, 'the code link is relative inside the folder');
  });

  test('with no folder given and no editor, a quick pick of the folders asks; the pick decides', async () => {
    await closeAllEditors();
    const run = start<vscode.Uri>('careerLattice.newBragEntry', { title: 'Asked for', criteria: [], open: false });
    await prompt();
    assert.equal(run.settled, false, 'the folder is asked for');
    await next(); // alpha, beta: the second
    await accept();
    const uri = await run.promise;
    assert.match(windowPathOf(uri!), /^beta\/notes\/brag\/\d{4}-\d\d-\d\d-asked-for\.md$/);
  });

  test("newNote { type, folder, title, criteria } answers every prompt: the rest goes to that type's command", async () => {
    const uri = await withoutPrompt<vscode.Uri>('careerLattice.newNote', {
      type: 'design-doc',
      folder: 'alpha',
      title: 'Via newNote',
      criteria: [],
      open: false,
    });
    assert.match(windowPathOf(uri!), /^alpha\/career\/design-doc\/\d{4}-\d\d-\d\d-via-newnote\.md$/);
  });

  test('exportPacket { folder } writes the packet into that folder, listing the notes of both', async () => {
    const uri = await withoutPrompt<vscode.Uri>('careerLattice.exportPacket', { folder: 'beta', targetLevel: 'L4', open: false });
    assert.match(windowPathOf(uri!), /^beta\/notes\/packets\//);
    const text = fs.readFileSync(uri!.fsPath, 'utf8');
    assert.match(text, /Rewrote the alpha on-call runbook/);
    assert.match(text, /Reviewed every beta pull request within a day/);
  });
});

suite('multiroot: folders and settings change', () => {
  test('adding a folder indexes its notes; removing it drops them', async () => {
    assert.equal((await notesOf(ONCALL)).includes(GAMMA_WIN), false);
    assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: folderUri('gamma') }), 'gamma is added');
    await waitFor(async () => (await notesOf(ONCALL)).includes(GAMMA_WIN), 15_000, 'the gamma note in the summary');
    assert.ok((await notesOf(ONCALL)).includes(ALPHA_WIN), 'alpha still counts');
    assert.ok(vscode.workspace.updateWorkspaceFolders(2, 1), 'gamma is removed');
    await waitFor(async () => !(await notesOf(ONCALL)).includes(GAMMA_WIN), 15_000, 'the gamma note gone from the summary');
    assert.ok((await notesOf(ONCALL)).includes(BETA_WIN));
  });

  test("changing one folder's notesFolder re-indexes that folder only", async () => {
    const beta = vscode.workspace.getConfiguration('careerLattice', folderUri('beta'));
    try {
      await beta.update('notesFolder', 'elsewhere', vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor(async () => !(await notesOf(REVIEWS)).includes(BETA_WIN), 15_000, "beta's notes gone with its notes folder");
      assert.ok((await notesOf(ONCALL)).includes(ALPHA_WIN), "alpha's notes stay");
    } finally {
      await beta.update('notesFolder', 'notes', vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor(async () => (await notesOf(REVIEWS)).includes(BETA_WIN), 15_000, "beta's notes back");
  });
});
