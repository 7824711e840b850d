// Harvesting wins with the keyboard only: F1 "Career Lattice: Harvest Wins From Git History...", Enter
// on the period, then in the Harvest view Enter on the focused draft and Enter on "Accept". The brag
// entry is written with its commits; the draft leaves the view.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, Workbench } from './harness';
import { TestRepo } from '../helpers/gitRepo';

function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

suite('UI: harvesting wins from git history with the keyboard', () => {
  let wb: Workbench;
  let tmp: string;
  let commits: string[];

  suiteSetup(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-ui-harvest-'));
    const folder = path.join(tmp, 'harvest');
    fs.cpSync(path.join(FIXTURES, 'harvest'), folder, { recursive: true });
    const repo = TestRepo.create({ dir: path.join(folder, 'shop') });
    commits = [
      repo.commit('feat(export): add CSV export of invoices', { date: `${daysAgo(20)}T10:00:00+00:00`, files: { 'export/csv.ts': 'csv' } }),
      repo.commit('Round invoice totals to the cent (#7)', { date: `${daysAgo(5)}T10:00:00+00:00`, files: { 'billing/totals.ts': 'round' } }),
    ];
    wb = await Workbench.start({ folder, settings: { 'careerLattice.reviewReminders': false } });
  });
  suiteTeardown(async () => {
    await wb?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });
  teardown(async function () {
    await wb?.screenshotIfFailed(this);
  });

  test('F1, the period, Enter on the focused draft, Enter on Accept: the brag entry is written', async () => {
    await wb.openView('Career Lattice');
    await wb.viewPane('Notes');
    await wb.runCommand('Career Lattice: Harvest Wins From Git History...');
    await wb.waitForQuickInput('Harvest Wins From Git History');
    await wb.focusQuickPickRow('Last six months');
    await wb.acceptQuickInput();

    // The Harvest view appears with the drafts, newest first, and the first one has the focus.
    const pane = await wb.viewPane('Harvest');
    const draft = wb.treeItem('Round invoice totals to the cent', pane);
    await draft.waitFor({ state: 'visible', timeout: 30000 });
    await wb.treeItem('Export: Add CSV export of invoices', pane).waitFor({ state: 'visible' });
    await pane.locator('.monaco-list-row.focused', { hasText: 'Round invoice totals to the cent' }).waitFor({ state: 'visible', timeout: 10000 });
    await wb.moveMouseAway();
    await wb.screenshot('harvest-view');

    await wb.press('Enter');
    await wb.waitForQuickInput('What to do with this draft?');
    await wb.focusQuickPickRow('Accept');
    await wb.acceptQuickInput();

    const brag = path.join(wb.workspace, 'career', 'brag');
    const deadline = Date.now() + 15000;
    let written: string[] = [];
    while (Date.now() < deadline && written.length === 0) {
      written = fs.readdirSync(brag).filter((n) => n.includes('round-invoice-totals'));
      if (!written.length) await wb.page.waitForTimeout(100);
    }
    assert.deepEqual(written, [`${daysAgo(5)}-round-invoice-totals-to-the-cent.md`]);
    const text = fs.readFileSync(path.join(brag, written[0]!), 'utf8');
    assert.match(text, /^source: git$/m);
    assert.match(text, new RegExp(`^ {2}- ${commits[1]}$`, 'm'));
    assert.match(text, /pull-request: 7/);
    await draft.waitFor({ state: 'detached' });
    assert.ok(await wb.treeItem('Export: Add CSV export of invoices', pane).isVisible(), 'the other draft stays for review');
  });
});
