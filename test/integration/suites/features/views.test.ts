// Issue 4: the sidebar's views: their contents, and their refresh within a second of a note being
// created, edited, renamed or deleted inside VS Code (vscode.workspace.fs) or outside it (node:fs),
// and of a settings change. See helpers/trees.ts for how the trees are read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CareerWorkspace } from '../../../../src/features/shared/careerWorkspace';
import { LadderTreeProvider } from '../../../../src/features/tree/ladderTree';
import { NotesTreeProvider } from '../../../../src/features/tree/notesTree';
import { find, labels, snapshot, tryFind } from '../../helpers/trees';
import { timed, waitFor } from '../../helpers/wait';
import { addMonths, disk, note, setSetting, today, vsfs } from '../../helpers/workspace';

const IC = 'Individual Contributor';
const STAFF = 'Staff Engineer';
const SENIOR = 'Senior Engineer';
/** A second's budget for a view to follow a file change. */
const WITHIN = 1000;

/** Shows the measured times in the test's title, as mocha's report prints it. */
function report(context: Mocha.Context, timings: Record<string, number>): void {
  if (context.test)
    context.test.title += ` [${Object.entries(timings)
      .map(([step, ms]) => `${step} ${ms} ms`)
      .join(', ')}]`;
}

suite('features: sidebar views', () => {
  let log: vscode.LogOutputChannel;
  let workspace: CareerWorkspace;
  let ladderTree: LadderTreeProvider;
  let notesTree: NotesTreeProvider;
  const ladder = () => snapshot(ladderTree);
  const notes = () => snapshot(notesTree);
  const criterion = async (title: string, levelTitle = STAFF) => find(await ladder(), IC, levelTitle, title);

  let EVENT_PIPELINE = '';
  suiteSetup(async () => {
    EVENT_PIPELINE = disk.read('career/design-doc/2019-09-12-event-pipeline.md');
    log = vscode.window.createOutputChannel('Career Lattice (views test)', { log: true });
    workspace = new CareerWorkspace({ log });
    ladderTree = new LadderTreeProvider(workspace);
    notesTree = new NotesTreeProvider(workspace);
    await workspace.start();
  });

  suiteTeardown(() => {
    ladderTree?.dispose();
    notesTree?.dispose();
    workspace?.dispose();
    log?.dispose();
  });

  test('the activity-bar container and both views open', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.careerLattice');
    await vscode.commands.executeCommand('careerLattice.ladder.focus');
    await vscode.commands.executeCommand('careerLattice.notes.focus');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  test('ladder view: your track first, its levels with codes, scope and years, the current and target level marked', async () => {
    const roots = await ladder();
    assert.deepEqual(labels(roots), [IC, 'Management']);
    assert.equal(roots[0]!.description, 'your track');
    assert.equal(roots[0]!.collapsible, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(roots[1]!.description, '6 levels');
    assert.deepEqual(labels(roots[0]!.children), [
      'Junior Engineer',
      'Mid-Level Engineer',
      SENIOR,
      STAFF,
      'Principal Engineer',
      'Distinguished Engineer / Fellow',
    ]);
    const senior = find(roots, IC, SENIOR);
    const staff = find(roots, IC, STAFF);
    assert.match(senior.description, /^L5 \(E5\) · current · .+ · \d+[–-]\d+ yrs$/);
    assert.match(staff.description, /^L6 \(E6\) · target · /);
    assert.equal(senior.contextValue, 'level.current');
    assert.equal(staff.contextValue, 'level');
    assert.equal(staff.collapsible, vscode.TreeItemCollapsibleState.Expanded, 'the target level is expanded');
    assert.match(staff.tooltip, /Equivalent on the Management track:\*\* Senior Engineering Manager/);
    assert.match(senior.tooltip, /Engineering Manager/);
    assert.match(find(roots, IC, 'Principal Engineer').description, /^L7 \(E7\) · (?!current|target)/);
  });

  test('ladder view: criteria with their evidence (count, stale, missing) and the notes that evidence them', async () => {
    const staff = find(await ladder(), IC, STAFF);
    const described = Object.fromEntries(staff.children.map((c) => [c.label, c.description]));
    assert.deepEqual(described, {
      'Sets technical direction across teams': '1 note · stale',
      'Designs cross-cutting systems': '1 note · stale',
      'Establishes engineering standards': 'missing',
      'Aligns teams without authority': 'missing',
      'Unblocks critical problems': '1 note · stale', // undated: cannot be shown to be recent
      'Presents technical strategy to leadership': 'missing',
      'Grows senior engineers': 'missing',
    });
    const direction = find(staff.children, 'Sets technical direction across teams');
    assert.equal(direction.contextValue, 'criterion');
    assert.match(direction.tooltip, /`ic\.L6\.cross-team-direction`/);
    assert.deepEqual(
      direction.children.map((n) => [n.label, n.description, n.command?.command, n.command?.arguments]),
      [['Led the payments migration', '2019-05-10', 'careerLattice.openNote', ['career/brag/2019-05-10-payments-migration.md']]],
      'docs/architecture.md (outside the notes folder) is not evidence',
    );
    assert.equal(find(staff.children, 'Establishes engineering standards').collapsible, vscode.TreeItemCollapsibleState.None);
    assert.equal(find(await ladder(), IC, SENIOR, 'Takes part in hiring loops').description, '1 note · stale');
  });

  test('notes view: notes by type and month with their criteria; decisions due for review flagged on top', async () => {
    const roots = await notes();
    assert.deepEqual(
      roots.map((n) => [n.label, n.description]),
      [
        ['Due for review', '1 decision'],
        ['Brag entries', '2'],
        ['Design docs', '1'],
        ['Decision records', '2'],
        ['Notes', '1'],
      ],
    );
    const due = find(roots, 'Due for review').children;
    assert.deepEqual(
      due.map((n) => [n.label, n.description, n.contextValue]),
      [['Stay on the IC track toward Staff', 'review due 2020-07-15 · untagged', 'note.reviewDue']],
    );
    assert.deepEqual(labels(find(roots, 'Brag entries').children), ['June 2019', 'May 2019']);
    const migration = find(roots, 'Brag entries', 'May 2019', 'Led the payments migration');
    assert.equal(migration.description, '2019-05-10 · Sets technical direction across teams, Leads multi-engineer projects');
    assert.deepEqual(migration.command?.arguments, ['career/brag/2019-05-10-payments-migration.md']);
    assert.match(migration.tooltip, /Impact: Batch settlement time down 40%/);
    const reviewed = find(roots, 'Decision records', 'February 2020', 'Try a tech lead rotation');
    assert.equal(reviewed.contextValue, 'note', 'a reviewed decision is not due');
    assert.deepEqual(labels(find(roots, 'Notes').children), ['Undated']);
  });

  for (const [how, io] of [
    [
      'outside VS Code (node:fs)',
      {
        write: async (p: string, t: string) => disk.write(p, t),
        rename: async (a: string, b: string) => disk.rename(a, b),
        remove: async (p: string) => disk.remove(p),
      },
    ],
    ['through vscode.workspace.fs', { write: vsfs.write, rename: vsfs.rename, remove: vsfs.remove }],
  ] as const) {
    test(`the views follow a note created, edited, renamed and deleted ${how}, within a second`, async function () {
      this.timeout(30000);
      const slug = how.startsWith('outside') ? 'outside' : 'inside';
      const path = `career/brag/${today()}-standards-${slug}.md`;
      const renamed = `career/brag/${today()}-renamed-${slug}.md`;
      const title = `Wrote the standards (${slug})`;
      let fired = 0;
      const listener = ladderTree.onDidChangeTreeData(() => fired++);
      const month = new Date().toLocaleString('en-US', { month: 'long', year: 'numeric' });
      const timings: Record<string, number> = {};
      try {
        await io.write(path, note({ type: 'brag', title, date: today(), criteria: ['ic.L6.engineering-standards'] }));
        timings['created'] = (
          await timed(async () => (await criterion('Establishes engineering standards')).description === '1 note', 2000, 'the new note in the ladder view')
        ).elapsed;
        await waitFor(() => fired > 0, 500, 'the ladder view to be told to refresh');
        assert.deepEqual(
          (await criterion('Establishes engineering standards')).children.map((n) => n.label),
          [title],
        );
        timings['created (notes view)'] = (
          await timed(async () => tryFind(await notes(), 'Brag entries', month, title), 2000, 'the new note in the notes view')
        ).elapsed;

        await io.write(path, note({ type: 'brag', title, date: today(), criteria: ['ic.L6.presents-to-leadership'] }));
        timings['edited'] = (
          await timed(async () => (await criterion('Presents technical strategy to leadership')).description === '1 note', 2000, 'the edit in the ladder view')
        ).elapsed;
        assert.equal((await criterion('Establishes engineering standards')).description, 'missing');

        await io.rename(path, renamed);
        timings['renamed'] = (
          await timed(
            async () => (await criterion('Presents technical strategy to leadership')).children[0]?.command?.arguments?.[0] === renamed,
            2000,
            'the renamed note in the ladder view',
          )
        ).elapsed;
        assert.equal((await criterion('Presents technical strategy to leadership')).children.length, 1, 'the old path is gone');

        await io.remove(renamed);
        timings['deleted'] = (
          await timed(
            async () => (await criterion('Presents technical strategy to leadership')).description === 'missing',
            2000,
            'the deleted note to leave the ladder view',
          )
        ).elapsed;
        timings['deleted (notes view)'] = (
          await timed(async () => !tryFind(await notes(), 'Brag entries', month), 2000, 'the deleted note to leave the notes view')
        ).elapsed;
      } finally {
        listener.dispose();
        disk.remove(path);
        disk.remove(renamed);
      }
      report(this, timings);
      for (const [step, ms] of Object.entries(timings)) assert.ok(ms < WITHIN, `${step}: the views followed after ${ms} ms (budget ${WITHIN} ms)`);
    });
  }

  test('a folder of notes renamed or deleted outside VS Code: the views follow within a second', async function () {
    this.timeout(30000);
    const timings: Record<string, number> = {};
    const pathOf = async () => (await criterion('Designs cross-cutting systems')).children.map((n) => n.command?.arguments?.[0]);
    try {
      disk.rename('career/design-doc', 'career/designs');
      timings['renamed'] = (
        await timed(async () => (await pathOf())[0] === 'career/designs/2019-09-12-event-pipeline.md', 2000, 'the note under its new folder')
      ).elapsed;
      assert.equal((await pathOf()).length, 1);
      disk.remove('career/designs');
      timings['deleted'] = (
        await timed(async () => (await criterion('Designs cross-cutting systems')).description === 'missing', 2000, "the deleted folder's note gone")
      ).elapsed;
      assert.equal(tryFind(await notes(), 'Design docs'), undefined);
    } finally {
      disk.remove('career/designs');
      disk.write('career/design-doc/2019-09-12-event-pipeline.md', EVENT_PIPELINE);
    }
    await waitFor(async () => (await pathOf())[0] === 'career/design-doc/2019-09-12-event-pipeline.md', 2000, 'the note back');
    report(this, timings);
    for (const [step, ms] of Object.entries(timings)) assert.ok(ms < WITHIN, `${step}: the views followed after ${ms} ms (budget ${WITHIN} ms)`);
  });

  test('a decision whose review date passes is flagged, and a reviewed one is not', async () => {
    const path = 'career/decisions/2021-03-01-second-decision.md';
    try {
      disk.write(path, note({ type: 'decision', title: 'Second decision', date: '2021-03-01', review: addMonths(today(), -1) }));
      await waitFor(async () => find(await notes(), 'Due for review').description === '2 decisions', 2000, 'two decisions due');
      disk.write(path, note({ type: 'decision', title: 'Second decision', date: '2021-03-01', review: addMonths(today(), -1), status: 'reviewed' }));
      await waitFor(async () => find(await notes(), 'Due for review').description === '1 decision', 2000, 'the reviewed decision to leave "Due for review"');
    } finally {
      disk.remove(path);
    }
  });

  test('settings are read live: a new current level re-renders the ladder view', async function () {
    this.timeout(30000);
    let fired = 0;
    const listener = ladderTree.onDidChangeTreeData(() => fired++);
    try {
      await setSetting('currentLevel', 'L6');
      await waitFor(async () => find(await ladder(), IC, STAFF).description.includes('current'), 2000, 'L6 marked current');
      assert.ok(fired > 0);
      assert.match(find(await ladder(), IC, 'Principal Engineer').description, /· target ·/);
      await setSetting('track', 'management');
      await waitFor(async () => labels(await ladder())[0] === 'Management', 2000, 'the management track first');
      const senior = find(await ladder(), 'Management', 'Senior Engineering Manager');
      assert.match(senior.description, /current/, 'L6 shown as its equivalent on the management track');
    } finally {
      listener.dispose();
      await setSetting('track', 'ic');
      await setSetting('currentLevel', 'L5');
    }
    await waitFor(async () => find(await ladder(), IC, SENIOR).description.includes('current'), 2000, 'L5 current again');
  });
});
