// The Career Lattice sidebar on the demo workspace (a Senior engineer, L5, working toward Staff, L6),
// used as a person does: the activity bar, the Ladder view down to the notes behind a criterion, the
// Notes view's groups and the decisions due for review.
//
// The assertions hold whatever the date: note counts and "missing" never change for the demo, and a
// criterion whose latest evidence is from 2025-09 stays stale from 2026-09 on.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { REPO_ROOT, Workbench } from './harness';

const DEMO = path.join(REPO_ROOT, 'examples', 'demo-career');

const IC_LEVELS = ['Junior Engineer', 'Mid-Level Engineer', 'Senior Engineer', 'Staff Engineer', 'Principal Engineer', 'Distinguished Engineer / Fellow'];

/** The criteria of Staff Engineer (L6) and their evidence in the demo, counted by hand from its notes. */
const STAFF_CRITERIA: ReadonlyArray<[title: string, evidence: RegExp]> = [
  ['Sets technical direction across teams', /^4 notes( · stale)?$/],
  ['Designs cross-cutting systems', /^6 notes( · stale)?$/],
  ['Establishes engineering standards', /^4 notes( · stale)?$/],
  ['Aligns teams without authority', /^3 notes( · stale)?$/],
  ['Unblocks critical problems', /^3 notes · stale$/],
  ['Presents technical strategy to leadership', /^missing$/],
  ['Grows senior engineers', /^missing$/],
];

suite('UI: the Career Lattice sidebar', () => {
  let wb: Workbench;

  suiteSetup(async () => {
    wb = await Workbench.start({ folder: DEMO });
    // The README's pictures are dark. (`workbench.colorTheme` in the start settings is not applied
    // by the web workbench; the theme picker is.)
    await wb.setColorTheme('Default Dark Modern');
  });
  suiteTeardown(async () => {
    await wb?.close();
  });
  teardown(async function () {
    await wb?.screenshotIfFailed(this);
  });

  test('the activity bar opens the Career Lattice container with its Ladder and Notes views', async () => {
    await wb.openView('Career Lattice');
    await wb.viewPane('Ladder');
    await wb.viewPane('Notes');
    // The demo's own copy is open, not the repository's folder.
    assert.notEqual(wb.workspace, DEMO);
  });

  test('a notification offers to review the career decisions whose review date has passed', async () => {
    // The demo's decision "Stay on the IC track..." was due for review on 2026-10-31.
    const notification = await wb.notification(/Career Lattice: \d+ career decisions? (is|are) due for review\./);
    await notification.getByRole('button', { name: 'Review' }).click();
    // One decision due opens at once; several are offered in a quick pick first.
    const opened = wb.editorTab(/-stay-on-the-ic-track-toward-staff-rather-than-take-the-em\.md/);
    await opened
      .or(wb.quickInput.locator('.quick-input-title', { hasText: 'Career Decisions Due for Review' }))
      .first()
      .waitFor({ state: 'visible' });
    if (!(await opened.isVisible())) {
      await wb.focusQuickPickRow('Stay on the IC track toward Staff rather than take the EM opening');
      await wb.acceptQuickInput();
    }
    await opened.waitFor({ state: 'visible' });
    await notification.waitFor({ state: 'hidden' });
  });

  test('the Ladder view shows the IC track, its levels, the current and target level marked', async () => {
    const ladder = await wb.viewPane('Ladder');
    await wb.treeItem('Individual Contributor', ladder).waitFor({ state: 'visible' });
    assert.equal(await wb.treeItemDescription('Individual Contributor', ladder), 'your track');
    for (const level of IC_LEVELS) await wb.treeItem(level, ladder).waitFor({ state: 'visible' });
    const labels = await wb.treeItemLabels(ladder);
    const order = IC_LEVELS.map((level) => labels.indexOf(level));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      `levels in ladder order: ${labels.join(' | ')}`,
    );
    assert.match(await wb.treeItemDescription('Senior Engineer', ladder), /^L5 \(E5\) · current · /);
    assert.match(await wb.treeItemDescription('Staff Engineer', ladder), /^L6 \(E6\) · target · /);
    await wb.treeItem('Management', ladder).waitFor({ state: 'visible' });
  });

  test('the target level, Staff Engineer, lists its criteria with their evidence, then the notes of one', async () => {
    const ladder = await wb.viewPane('Ladder');
    await wb.expandTreeItem('Staff Engineer', ladder);
    for (const [title, evidence] of STAFF_CRITERIA) {
      const item = wb.treeItem(title, ladder);
      await item.waitFor({ state: 'visible' });
      // The index is built after activation: wait until the description shows it.
      await item.locator('.label-description', { hasText: evidence }).waitFor({ state: 'visible', timeout: 30000 });
    }
    // A criterion without evidence cannot be expanded; one with evidence shows its notes.
    assert.equal(await wb.treeItem('Grows senior engineers', ladder).getAttribute('aria-expanded'), null);
    await wb.expandTreeItem('Sets technical direction across teams', ladder);
    const notes = [
      'Fourteen services now publish through relay-outbox',
      'Readiness checklist adopted by six teams',
      'One event schema for Payments, Payouts and Risk',
      'Money movement reference architecture',
    ];
    for (const note of notes) await wb.treeItem(note, ladder).waitFor({ state: 'visible' });
    assert.equal(await wb.treeItemDescription('Fourteen services now publish through relay-outbox', ladder), '2026-07-08');
  });

  test('the Notes view groups the notes by type and flags the decisions due for review', async () => {
    const notes = await wb.viewPane('Notes');
    const due = wb.treeItem('Due for review', notes);
    await due.waitFor({ state: 'visible', timeout: 30000 });
    assert.match(await wb.treeItemDescription('Due for review', notes), /^\d+ decisions?$/);
    // Its review date (2026-10-31) has passed.
    const decision = 'Stay on the IC track toward Staff rather than take the EM opening';
    await wb.treeItem(decision, notes).waitFor({ state: 'visible' });
    assert.match(await wb.treeItemDescription(decision, notes), /^review due 2026-10-31 · /);
    // Brag entries open by month; fold them to see the other groups.
    await wb.treeItem('Brag entries', notes).waitFor({ state: 'visible' });
    assert.equal(await wb.treeItemDescription('Brag entries', notes), '27');
    await wb.treeItem('November 2026', notes).waitFor({ state: 'visible' });
    await wb.collapseTreeItem('Brag entries', notes);
    const groups: Array<[string, string]> = [
      ['Brag entries', '27'],
      ['Design docs', '7'],
      ['Decision records', '5'],
      ['Notes', '2'],
    ];
    for (const [group, count] of groups) {
      await wb.treeItem(group, notes).waitFor({ state: 'visible' });
      assert.equal(await wb.treeItemDescription(group, notes), count, group);
    }
    // 41 notes in all.
    assert.equal(
      groups.reduce((sum, [, count]) => sum + Number(count), 0),
      41,
    );
  });

  test('clicking a note in the Ladder view opens it; screenshot of the populated sidebar', async () => {
    const ladder = await wb.viewPane('Ladder');
    await wb.resizeSideBar(440);
    await wb.treeItem('Readiness checklist adopted by six teams', ladder).click();
    const tab = wb.editorTab(/2026-05-27-readiness-checklist-adopted-by-six-teams\.md/);
    await tab.waitFor({ state: 'visible' });
    await wb.activeEditor.locator('.view-lines', { hasText: 'title: Readiness checklist adopted by six teams' }).waitFor({ state: 'visible' });
    // The status bar item is there too, for the picture.
    await wb.statusBarItem(/L5 -> L6: \d+\/7/).waitFor({ state: 'visible' });
    await wb.whenExtensionsActivated();
    await wb.moveMouseAway();
    await wb.screenshot('sidebar', { readme: 'sidebar' });
  });
});
