// The evidence webview on the demo workspace, opened as a person does: from the command palette and
// from the status bar item. Gaps come first, note links open the note, the page follows the dark and
// light themes, and a note title made of HTML is shown as text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dialog, Locator } from 'playwright-core';
import { REPO_ROOT, Workbench } from './harness';

const DEMO = path.join(REPO_ROOT, 'examples', 'demo-career');
const STATUS = /L5 -> L6: \d+\/7/;
const HEADER = 'Senior Engineer (L5) → Staff Engineer (L6)';
const HOSTILE_TITLE = '<img src=x onerror=alert(1)> <script>alert(2)</script>';

/**
 * The little of the DOM these page functions use (the tests compile without the DOM library: they
 * run in Node, and only these callbacks run in the page).
 */
interface DomElement {
  readonly textContent: string | null;
  readonly ownerDocument: DomDocument;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  cloneNode(deep: boolean): DomElement;
  remove(): void;
}
interface DomDocument {
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  readonly defaultView: { getComputedStyle(el: DomElement): { backgroundColor: string } } | null;
}

/** What a person sees of the page's first heading (the screen-reader-only words left out). */
function visibleHeading(body: Locator): Promise<string> {
  return body.locator('h1').evaluate((h1) => {
    const copy = (h1 as unknown as DomElement).cloneNode(true);
    for (const el of Array.from(copy.querySelectorAll('.sr-only'))) el.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** The criterion rows, in page order: badge, title and the titles of the note links. */
function criterionRows(body: Locator): Promise<Array<{ badge: string; title: string; notes: string[] }>> {
  return body.locator('li.criterion').evaluateAll((elements) =>
    (elements as unknown as DomElement[]).map((row) => ({
      badge: row.querySelector('.badge')?.textContent?.trim() ?? '',
      title: row.querySelector('h3')?.textContent?.trim() ?? '',
      notes: Array.from(row.querySelectorAll('a[data-open]'), (a) => a.textContent ?? ''),
    })),
  );
}

suite('UI: the evidence webview', () => {
  let wb: Workbench;
  const dialogs: string[] = [];

  suiteSetup(async () => {
    // No review reminder toast over the pictures (the sidebar suite tests it).
    wb = await Workbench.start({ folder: DEMO, settings: { 'careerLattice.reviewReminders': false } });
    // An alert() from a webview would surface here (the security test expects none).
    wb.page.on('dialog', (dialog: Dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await wb.openView('Career Lattice');
    // Wait for the index: the status bar counts covered criteria once the notes are read.
    await wb.statusBarItem(/L5 -> L6: [1-9]\d*\/7/).waitFor({ timeout: 60000 });
  });
  suiteTeardown(async () => {
    await wb?.close();
  });
  teardown(async function () {
    await wb?.screenshotIfFailed(this);
  });

  async function coveredInStatusBar(): Promise<number> {
    const text = await wb.statusBarItem(STATUS).innerText();
    return Number(/: (\d+)\/7/.exec(text)![1]);
  }

  test('from the palette: the header, coverage, the gaps first, the notes as links', async () => {
    await wb.runCommand('Career Lattice: Show Evidence Toward Next Level');
    await wb.editorTab('Evidence: L5 → L6').waitFor({ state: 'visible' });
    const body = await wb.webviewBody();
    await body.locator('h1').waitFor({ state: 'visible' });
    assert.equal(await visibleHeading(body), HEADER);
    // Screen readers hear "to" instead of the arrow.
    await wb.webview().getByRole('heading', { level: 1, name: 'Senior Engineer (L5) to Staff Engineer (L6)' }).waitFor();
    const text = await body.innerText();
    assert.match(text, /Staff Engineer ~ Senior Engineering Manager/);
    assert.match(text, /Individual Contributor track/);

    const rows = await criterionRows(body);
    assert.equal(rows.length, 7, 'one row per criterion of Staff Engineer');
    const badges = rows.map((r) => r.badge);
    const firstCovered = badges.indexOf('Covered');
    assert.ok(
      badges.slice(0, firstCovered === -1 ? badges.length : firstCovered).every((b) => b === 'Missing' || b === 'Stale'),
      `gaps first: ${badges.join(', ')}`,
    );
    assert.ok(firstCovered === -1 || badges.slice(firstCovered).every((b) => b === 'Covered'), `then the covered: ${badges.join(', ')}`);
    // The two criteria without notes lead, then the stale one.
    assert.deepEqual(
      rows.slice(0, 2).map((r) => [r.badge, r.title, r.notes.length]),
      [
        ['Missing', 'Presents technical strategy to leadership', 0],
        ['Missing', 'Grows senior engineers', 0],
      ],
    );
    const stale = rows.find((r) => r.title === 'Unblocks critical problems');
    assert.equal(stale?.badge, 'Stale');
    assert.deepEqual(stale?.notes, [
      'Tracked down the reconciliation drift that had stumped three teams',
      'Got the stalled card-vault migration moving again',
      'Ran the war room for the February double-charge incidents',
    ]);
    // The coverage line, the Covered badges and the status bar agree.
    const covered = badges.filter((b) => b === 'Covered').length;
    assert.match(text, new RegExp(`${covered} / 7\\s+criteria covered`));
    assert.equal(await coveredInStatusBar(), covered);
    await wb.screenshot('evidence-from-palette');
  });

  test('from the status bar: the item shows the progress with an icon and opens the view', async () => {
    await wb.runCommand('View: Close All Editors');
    await wb.editorTab('Evidence: L5 → L6').waitFor({ state: 'detached' });
    const item = wb.statusBarItem(STATUS);
    await item.locator('.codicon-mortar-board').waitFor({ state: 'visible' });
    assert.match(await item.innerText(), /^\s*L5 -> L6: \d+\/7\s*$/);
    await wb.clickStatusBarItem(STATUS);
    await wb.editorTab('Evidence: L5 → L6').waitFor({ state: 'visible' });
    const body = await wb.webviewBody();
    await body.locator('li.criterion').first().waitFor({ state: 'visible' });
    assert.equal(await visibleHeading(body), HEADER);
    await wb.screenshot('evidence-from-status-bar');
  });

  test('clicking a note link in the webview opens the note in an editor tab', async () => {
    const body = await wb.webviewBody();
    const title = 'Tracked down the reconciliation drift that had stumped three teams';
    // The row's link (the calibration check and the timeline link to the same note).
    await body.locator('li.criterion').getByRole('link', { name: title, exact: true }).click();
    await wb.editorTab(/2025-09-24-tracked-down-the-reconciliation-drift-that-had-stumped\.md/).waitFor({ state: 'visible' });
    await wb.activeEditor.locator('.view-lines', { hasText: `title: ${title}` }).waitFor({ state: 'visible' });
    // The evidence view is still open in its tab, behind the note.
    await wb.editorTab('Evidence: L5 → L6').waitFor({ state: 'visible' });
    await wb.screenshot('evidence-note-link-opened');
  });

  test('the page follows the theme: dark and light screenshots', async () => {
    // For the pictures: a wider side bar, the notes folded to their groups.
    await wb.resizeSideBar(400);
    await wb.collapseTreeItem('Brag entries', await wb.viewPane('Notes'));
    for (const [theme, kind, shot] of [
      ['Default Dark Modern', 'dark', 'evidence-dark'],
      ['Default Light Modern', 'light', 'evidence-light'],
    ] as const) {
      await wb.setColorTheme(theme);
      await wb.editorTab('Evidence: L5 → L6').click();
      const body = await wb.webviewBody();
      await wb.webview().locator(`body.vscode-${kind}`).waitFor({ state: 'attached' });
      await body.locator('li.criterion').first().waitFor({ state: 'visible' });
      // The page's colours come from the theme: a dark background in the dark theme, and so on.
      const luminance = await body.evaluate((page) => {
        const el = page as unknown as DomElement;
        const [r, g, b] = (el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      });
      if (kind === 'dark') assert.ok(luminance < 0.3, `dark background (${luminance})`);
      else assert.ok(luminance > 0.7, `light background (${luminance})`);
      await wb.whenExtensionsActivated();
      await wb.moveMouseAway();
      await wb.screenshot(shot, { readme: shot });
    }
  });

  test('a note title made of HTML and script is shown as text, not run', async () => {
    const body = await wb.webviewBody();
    await body.locator('li.criterion').first().waitFor({ state: 'visible' });
    const before = await body.evaluate((page) => {
      const el = page as unknown as DomElement;
      return { img: el.querySelectorAll('img').length, script: el.ownerDocument.querySelectorAll('script').length };
    });
    // Written on disk while the view is open, as another editor or a git pull would.
    const date = new Date().toISOString().slice(0, 10);
    const file = path.join(wb.workspace, 'career', 'brag', `${date}-hostile-title.md`);
    fs.writeFileSync(
      file,
      ['---', 'type: brag', `title: '${HOSTILE_TITLE}'`, `date: ${date}`, 'criteria: [ic.L6.grows-senior-engineers]', '---', '# A title that is HTML', ''].join(
        '\n',
      ),
    );
    const started = Date.now();
    const link = body.locator('li.criterion a[data-open]', { hasText: 'onerror=alert(1)' });
    await link.waitFor({ state: 'visible', timeout: 10000 });
    const updatedIn = Date.now() - started;
    assert.equal(await link.textContent(), HOSTILE_TITLE);
    const row = body.locator('li.criterion').filter({ hasText: 'Grows senior engineers' });
    assert.match(await row.innerText(), /<img src=x onerror=alert\(1\)> <script>alert\(2\)<\/script>/);
    // No element was made from the title: no new img, no new script, nothing with an onerror.
    const after = await body.evaluate((page) => {
      const el = page as unknown as DomElement;
      return {
        img: el.querySelectorAll('img').length,
        script: el.ownerDocument.querySelectorAll('script').length,
        inlineScripts: Array.from(el.ownerDocument.querySelectorAll('script'), (s) => s.textContent ?? '').filter((t) => t.includes('alert')).length,
        onerror: el.ownerDocument.querySelectorAll('[onerror]').length,
      };
    });
    assert.deepEqual(after, { img: before.img, script: before.script, inlineScripts: 0, onerror: 0 });
    assert.deepEqual(dialogs, [], 'no alert() ran');
    // The Ladder view shows it as text too.
    const ladder = await wb.viewPane('Ladder');
    await wb.expandTreeItem('Staff Engineer', ladder);
    await wb.expandTreeItem('Grows senior engineers', ladder);
    await wb.treeItem(HOSTILE_TITLE, ladder).waitFor({ state: 'visible' });
    await row.scrollIntoViewIfNeeded();
    await wb.moveMouseAway();
    await wb.screenshot('evidence-hostile-title');
    console.log(`      (the webview showed the new note ${updatedIn} ms after it was written)`);
  });

  test('an update of the page while a quick pick is open leaves the quick pick open with the focus', async () => {
    await wb.editorTab('Evidence: L5 → L6').click();
    const body = await wb.webviewBody();
    // The focus on one of the page's buttons: an update gives it back to that button while the page has it.
    const button = body.locator('li.criterion button').first();
    await button.focus();
    await wb.page.keyboard.press('ArrowDown');
    await wb.openCommandPalette();
    const input = wb.quickInput.locator('input').first();
    await input.fill('>Career Lattice');
    // Written on disk while the palette is open, as a git pull would: the page is sent a new body.
    const date = new Date().toISOString().slice(0, 10);
    const title = 'Paired with two seniors on the ledger design';
    fs.writeFileSync(
      path.join(wb.workspace, 'career', 'brag', `${date}-paired-with-two-seniors.md`),
      ['---', 'type: brag', `title: ${title}`, `date: ${date}`, 'criteria: [ic.L6.grows-senior-engineers]', '---', 'Weekly pairing.', ''].join('\n'),
    );
    await body.locator('li.criterion a[data-open]', { hasText: title }).waitFor({ state: 'attached', timeout: 10000 });
    // Past the page's own restore of focus and scroll after the new body.
    await wb.page.waitForTimeout(500);
    assert.ok(await input.isVisible(), 'the command palette is still open');
    assert.ok(
      await input.evaluate((el) => (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el),
      'its input has the focus',
    );
    assert.equal(await input.inputValue(), '>Career Lattice');
    await wb.press('Escape');
  });
});
