// Scaffolding a note through the command palette, as a person does: F1, "Career Lattice: New Brag
// Entry", a title in the input box, a criterion checked with Space in the quick pick, Enter. The note
// opens with its front matter, and the sidebar and the status bar count it at once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, Workbench } from './harness';

const DEMO = path.join(REPO_ROOT, 'examples', 'demo-career');
const TITLE = 'Presented the multi-region ledger plan to the VP of Engineering';
const CRITERION = { id: 'ic.L6.presents-to-leadership', title: 'Presents technical strategy to leadership' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function coveredOf(statusText: string): number {
  const m = /L5 -> L6: (\d+)\/7/.exec(statusText);
  assert.ok(m, `status bar text: ${statusText}`);
  return Number(m[1]);
}

suite('UI: scaffolding a brag entry from the command palette', () => {
  let wb: Workbench;
  const before = new Set<string>();
  let coveredBefore = -1;

  suiteSetup(async () => {
    // No review reminder over the pictures, which are dark in the README.
    wb = await Workbench.start({ folder: DEMO, settings: { 'careerLattice.reviewReminders': false } });
    await wb.setColorTheme('Default Dark Modern');
    for (const name of fs.readdirSync(path.join(wb.workspace, 'career', 'brag'))) before.add(name);
  });
  suiteTeardown(async () => {
    await wb?.close();
  });
  teardown(async function () {
    await wb?.screenshotIfFailed(this);
  });

  /** The brag entries created by the test (not in the demo). */
  function newNotes(): string[] {
    return fs.readdirSync(path.join(wb.workspace, 'career', 'brag')).filter((name) => !before.has(name));
  }

  test('F1 "Career Lattice: New Brag Entry", a title, a criterion: the note opens with them in its front matter', async () => {
    await wb.openView('Career Lattice');
    const ladder = await wb.viewPane('Ladder');
    // The criterion has no evidence yet (and the index is built).
    await wb
      .treeItem(CRITERION.title, ladder)
      .locator('.label-description', { hasText: /^missing$/ })
      .waitFor({ timeout: 30000 });
    await wb.statusBarItem(/L5 -> L6: [1-9]\d*\/7/).waitFor({ timeout: 30000 });
    coveredBefore = coveredOf(await wb.statusBarItem(/L5 -> L6/).innerText());

    await wb.runCommand('Career Lattice: New Brag Entry');
    await wb.waitForQuickInput(/New Brag entry/i);
    await wb.typeInQuickInput(TITLE);

    // The criteria quick pick: target-level criteria first, under their separator.
    await wb.waitForQuickInput(`Brag entry: ${TITLE}`);
    await wb.quickInput.locator('.quick-input-list', { hasText: 'Target: Staff Engineer (L6)' }).waitFor({ state: 'visible' });
    await wb.checkQuickPickItem(CRITERION.title, { filter: 'leadership' });
    // Back to the whole list (the check stays), for the picture.
    await wb.typeInQuickInput('', { accept: false });
    await wb.quickPickRow('Sets technical direction across teams').waitFor({ state: 'visible' });
    assert.match(await wb.quickInput.locator('.quick-input-count').innerText(), /1 Selected/);
    await wb.moveMouseAway();
    await wb.screenshot('scaffold-criteria-quick-pick');
    // For the README: the top of the window, where the quick pick is.
    await wb.screenshot('scaffold-criteria-quick-pick-top', { clip: { x: 0, y: 0, width: 1440, height: 470 }, readme: 'new-brag-entry' });
    await wb.acceptQuickInput();

    // The new note opens in an editor, its title and criterion in the front matter.
    const tab = wb.editorTab(/\d{4}-\d{2}-\d{2}-presented-the-multi-region-ledger-plan-[a-z-]*\.md/);
    await tab.waitFor({ state: 'visible' });
    const lines = wb.activeEditor.locator('.view-lines');
    await lines.filter({ hasText: `title: ${TITLE}` }).waitFor({ state: 'visible' });
    await lines.filter({ hasText: CRITERION.id }).waitFor({ state: 'visible' });

    // On disk: one new file under career/brag/, named after the date and the title.
    const created = newNotes();
    assert.equal(created.length, 1, `one new note: ${created.join(', ')}`);
    // The slug is the title's start, in lower case.
    assert.match(created[0]!, /^\d{4}-\d{2}-\d{2}-presented-the-multi-region-ledger-plan-[a-z-]*\.md$/);
    const text = fs.readFileSync(path.join(wb.workspace, 'career', 'brag', created[0]!), 'utf8');
    assert.match(text, /^---\ntype: brag\n/);
    assert.match(text, new RegExp(`^title: ${TITLE}$`, 'm'));
    assert.match(text, new RegExp(`^criteria: \\[${CRITERION.id.replace(/\./g, '\\.')}\\]$`, 'm'));
    await wb.moveMouseAway();
    await wb.screenshot('scaffold-new-note');
  });

  test('the Ladder and Notes views and the status bar count the new note', async () => {
    const [created] = newNotes();
    assert.ok(created, 'the note of the previous test');
    const date = created.slice(0, 10);

    const ladder = await wb.viewPane('Ladder');
    const criterion = wb.treeItem(CRITERION.title, ladder);
    await criterion.locator('.label-description', { hasText: /^1 note$/ }).waitFor({ state: 'visible' });
    await wb.expandTreeItem(CRITERION.title, ladder);
    await wb.treeItem(TITLE, ladder).waitFor({ state: 'visible' });
    assert.equal(await wb.treeItemDescription(TITLE, ladder), date);

    const notes = await wb.viewPane('Notes');
    await wb.treeItem('Brag entries', notes).locator('.label-description', { hasText: /^28$/ }).waitFor({ state: 'visible' });
    const month = `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
    await wb.expandTreeItem(month, notes);
    await wb.treeItem(TITLE, notes).waitFor({ state: 'visible' });
    assert.match(await wb.treeItemDescription(TITLE, notes), new RegExp(`^${date} · ${CRITERION.title}$`));

    // A criterion that was missing is now covered: one more in the status bar.
    await wb.statusBarItem(`L5 -> L6: ${coveredBefore + 1}/7`).waitFor({ state: 'visible' });
    await wb.screenshot('scaffold-sidebar-after');
  });
});
