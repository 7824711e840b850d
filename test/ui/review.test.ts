// Issue 15 in the workbench: the review period changed from the evidence view's own control (a quick
// pick of presets), and the timeline by criterion (one row per criterion, one mark per note, feedback
// marked differently), moved through with the keyboard and photographed in the dark and light themes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, Workbench } from './harness';

const DEMO = path.join(REPO_ROOT, 'examples', 'demo-career');

/** The little of the DOM the page callbacks use (the tests compile without the DOM library). */
interface DomElement {
  readonly ownerDocument: { readonly activeElement: DomElement | null };
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

suite('UI: review period and timeline', () => {
  let wb: Workbench;
  const feedbackDate = isoDaysAgo(20);

  suiteSetup(async () => {
    wb = await Workbench.start({ folder: DEMO, settings: { 'careerLattice.reviewReminders': false } });
    // A feedback note in the workspace copy, for a mark of its own on the timeline.
    const file = path.join(wb.workspace, 'career', 'feedback', `${feedbackDate}-dana-on-the-migration.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      [
        '---',
        'type: feedback',
        'title: Dana on the ledger migration',
        `date: ${feedbackDate}`,
        'from: Dana Whitfield, director of Payments',
        'criteria: [ic.L6.cross-team-direction]',
        '---',
        '## In their words',
        '> Three teams moved onto the new ledger in one quarter because you made the plan.',
        '',
      ].join('\n'),
    );
    await wb.openView('Career Lattice');
    await wb.statusBarItem(/L5 -> L6: [1-9]\d*\/7/).waitFor({ timeout: 60000 });
  });
  suiteTeardown(async () => {
    await wb?.close();
  });
  teardown(async function () {
    await wb?.screenshotIfFailed(this);
  });

  test('the view shows that no period is set, and its control sets one from a quick pick of presets', async () => {
    await wb.runCommand('Career Lattice: Show Evidence Toward Next Level');
    await wb.editorTab('Evidence: L5 → L6').waitFor({ state: 'visible' });
    const body = await wb.webviewBody();
    const period = body.locator('#period');
    await period.waitFor({ state: 'visible' });
    assert.match(await period.innerText(), /No review period/);
    await body.getByRole('button', { name: 'Set review period…' }).click();
    await wb.waitForQuickInput('Set Review Period');
    for (const label of ['This half', 'Last half', 'This quarter', 'Last quarter', 'Last 6 months', 'Last 12 months', 'Custom dates...', 'None']) {
      await wb.quickPickRow(label).waitFor({ state: 'visible' });
    }
    // Picked with the pointer: the keyboard focus may still be in the webview that was just clicked.
    await wb.quickPickRow('Last 12 months').click();
    await wb.quickInput.waitFor({ state: 'hidden' });
    // (hasText with a string ignores case, and "No review period:" would match it.)
    await body.locator('#period', { hasText: /Review period: \d/ }).waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await body.locator('#period').innerText(), /Review period:\s+\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);
    assert.match(await body.innerText(), /criteria covered by evidence dated in the review period/);
    await body.getByRole('button', { name: 'Change period…' }).waitFor({ state: 'visible' });
  });

  test('the timeline: one row per criterion, feedback marked differently, arrow keys move between marks', async () => {
    const body = await wb.webviewBody();
    const rows = body.locator('.tl-row');
    await rows.first().waitFor({ state: 'visible' });
    assert.equal(await rows.count(), 7, 'one row per criterion of Staff Engineer');
    const feedback = body.locator('.tl-mark', { has: wb.webview().locator('path.mark.feedback') });
    assert.equal(await feedback.count(), 1, 'the feedback note is a mark of its own shape');
    assert.match(
      (await feedback.getAttribute('aria-label')) ?? '',
      /^Dana on the ledger migration, \d{4}-\d{2}-\d{2}, feedback from Dana Whitfield, director of Payments$/,
    );
    assert.ok((await body.locator('circle.mark.own').count()) > 1, "the person's own notes are marks too");
    // Keyboard: Right moves along the row, Down to the next row with marks, Enter opens the note.
    const first = body
      .locator('.tl-row', { has: wb.webview().locator('.tl-mark') })
      .first()
      .locator('.tl-mark')
      .first();
    await first.focus();
    const focused = () => body.evaluate((page) => (page as unknown as DomElement).ownerDocument.activeElement?.getAttribute('aria-label') ?? '');
    const start = await focused();
    assert.ok(start, 'a mark has the focus');
    await wb.page.keyboard.press('ArrowDown');
    const below = await focused();
    assert.notEqual(below, start, 'Down moves to the next row');
    await wb.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), start, 'Up comes back');
    await wb.page.keyboard.press('Enter');
    await wb.activeEditor.locator('.view-lines', { hasText: 'title:' }).waitFor({ state: 'visible', timeout: 10000 });
    await wb.editorTab('Evidence: L5 → L6').click();
  });

  test('the timeline in the dark, light and high-contrast themes (screenshots; dark and light for the README)', async () => {
    await wb.resizeSideBar(300);
    // Each theme switch starts from a click in the side bar, out of the webview, so the command palette gets the keys.
    const ladder = await wb.viewPane('Ladder');
    for (const [theme, kind, shot] of [
      ['Default Dark Modern', 'dark', 'timeline-dark'],
      ['Default Light Modern', 'light', 'timeline-light'],
      ['Default High Contrast', 'high-contrast', 'timeline-high-contrast'],
    ] as const) {
      await wb.treeItem('Management', ladder).click();
      await wb.setColorTheme(theme);
      await wb.editorTab('Evidence: L5 → L6').click();
      const body = await wb.webviewBody();
      await wb.webview().locator(`body.vscode-${kind}`).waitFor({ state: 'attached' });
      const section = body.locator('#by-criterion-heading');
      await section.waitFor({ state: 'visible' });
      await section.scrollIntoViewIfNeeded();
      await wb.whenExtensionsActivated();
      await wb.moveMouseAway();
      // The marks are drawn in every theme (high contrast adds a contrast border to your own).
      assert.ok((await body.locator('.tl-mark').count()) > 0);
      await wb.screenshot(shot, kind === 'high-contrast' ? {} : { readme: shot });
    }
  });
});
