// Issue 17 in the workbench, as a person meets it: a team ladder whose criteria are grouped under
// pillars, with an expectation and points each. The Ladder view shows a node per group; the evidence
// webview lists the criteria under group headings (real headings, reached by a screen reader), the
// arrow keys move across groups, and coverage is points against the threshold. Then a misspelled
// `careerLattice.track`: the warning toast, and its Choose Track button fixing the setting.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, Workbench } from './harness';

/** The little of the DOM the page callbacks use (the tests compile without the DOM library). */
interface DomElement {
  readonly textContent: string | null;
  readonly ownerDocument: { readonly activeElement: DomElement | null };
  closest(selector: string): DomElement | null;
  getAttribute(name: string): string | null;
}

suite('UI: a grouped company ladder', () => {
  let wb: Workbench;
  let folder: string;

  suiteSetup(async () => {
    // The ladders fixture, with the grouped ladder in force (workspace settings override user settings).
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'career-lattice-ladders-'));
    const workspace = path.join(folder, 'ladders');
    fs.cpSync(path.join(FIXTURES, 'ladders'), workspace, { recursive: true });
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'careerLattice.ladderFile': '.career/grouped.yaml', 'careerLattice.track': 'eng', 'careerLattice.currentLevel': 'G1' }, null, 2),
    );
    wb = await Workbench.start({ folder: workspace, settings: { 'careerLattice.reviewReminders': false } });
    await wb.openView('Career Lattice');
    await wb.statusBarItem(/G1 -> G2: 0\/3 pts/).waitFor({ timeout: 60000 });
  });
  suiteTeardown(async () => {
    await wb?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });
  teardown(async function () {
    await wb?.screenshotIfFailed(this);
  });

  test('the Ladder view: a node per group under the level, its criteria under it, the expectation beside each', async () => {
    const ladder = await wb.viewPane('Ladder');
    await wb.expandTreeItem('Contributing', ladder);
    await wb.treeItem('Building', ladder).waitFor({ state: 'visible' });
    assert.equal(await wb.treeItemDescription('Building', ladder), '0 of 2 covered');
    await wb.expandTreeItem('Building', ladder);
    await wb.treeItem('Builds services alone', ladder).waitFor({ state: 'visible' });
    assert.equal(await wb.treeItemDescription('Builds services alone', ladder), 'Adopts · missing');
    await wb.treeItem('Writes things down', ladder).waitFor({ state: 'visible' });
  });

  test('the evidence view: group headings a screen reader lists, the expectation, points against the threshold, arrow keys across groups', async () => {
    await wb.runCommand('Career Lattice: Show Evidence Toward Next Level');
    const body = await wb.webviewBody();
    const building = body.getByRole('heading', { level: 3, name: /^Building/ });
    await building.waitFor({ state: 'visible' });
    for (const name of [/^Supporting/, /^Other criteria/]) await body.getByRole('heading', { level: 3, name }).waitFor({ state: 'visible' });
    // Each group is a region named by its heading.
    await body.getByRole('region', { name: /^Building/ }).waitFor({ state: 'attached' });
    await body.getByRole('heading', { level: 4, name: 'Mentors a newcomer' }).waitFor({ state: 'visible' });
    const text = await body.innerText();
    assert.match(text, /0 \/ 3 points toward Contributing \(3 needed, 6 available\)/);
    // The expectation sits in the criterion's head, beside its title, with words for a screen reader.
    const mentor = body.locator('li.criterion', { hasText: 'Mentors a newcomer' }).locator('.criterion-head .expectation');
    assert.equal((await mentor.textContent())?.trim(), 'Expected at this level: Supports');
    // Arrow keys: from the first criterion of Building down into Supporting, End to the last one.
    await body.locator('li.criterion button').first().focus();
    const group = () =>
      body.evaluate((page) => (page as unknown as DomElement).ownerDocument.activeElement?.closest('section.group')?.getAttribute('data-group') ?? null);
    assert.equal(await group(), 'Building');
    await wb.page.keyboard.press('ArrowDown');
    assert.equal(await group(), 'Building');
    await wb.page.keyboard.press('ArrowDown');
    assert.equal(await group(), 'Supporting', 'Down crosses into the next group');
    await wb.page.keyboard.press('End');
    assert.equal(await group(), '', 'End: the last criterion, under Other criteria');
    await wb.page.keyboard.press('Home');
    assert.equal(await group(), 'Building');
    await wb.moveMouseAway();
    await wb.screenshot('evidence-grouped');
  });

  test('a misspelled careerLattice.track: a warning that names the closest track, and Choose Track fixes the setting', async () => {
    const file = path.join(wb.workspace, '.vscode', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...settings, 'careerLattice.track': 'engg' }, null, 2));
    const toast = await wb.notification(/there is no track "engg" in the ladder; did you mean "eng"\?/);
    assert.match(await toast.innerText(), /The Engineering track is used until then/);
    // Meanwhile the first track is used.
    await wb.statusBarItem(/G1 -> G2: 0\/3 pts/).waitFor({ state: 'visible' });
    await toast.getByRole('button', { name: 'Choose Track' }).click();
    await wb.waitForQuickInput('Choose Track');
    // Keyboard, not a click: the pick re-renders as it opens, and a row found a moment before may be hidden.
    await wb.focusQuickPickRow('Engineering');
    await wb.acceptQuickInput();
    const deadline = Date.now() + 10000;
    while ((JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)['careerLattice.track'] !== 'eng') {
      if (Date.now() > deadline) throw new Error(`the setting was not fixed: ${fs.readFileSync(file, 'utf8')}`);
      await wb.page.waitForTimeout(100);
    }
  });
});
