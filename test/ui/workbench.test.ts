// The workbench, used as a person does: it loads with the extension, the Explorer shows the notes,
// the command palette runs a command.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Workbench } from './harness';

suite('UI: workbench with Career Lattice', () => {
  let wb: Workbench;

  suiteSetup(async () => {
    wb = await Workbench.start({ fixture: 'basic' });
  });
  suiteTeardown(async () => {
    await wb?.close();
  });
  teardown(async function () {
    await wb?.screenshotIfFailed(this);
  });

  test('the workbench loads on the fixture folder', async () => {
    await wb.activityBarItem('Explorer').waitFor({ state: 'visible' });
    assert.match(await wb.page.title(), /basic/);
  });

  test('the Explorer shows the career notes', async () => {
    const sideBar = await wb.openView('Explorer');
    await wb.expandTreeItem('career', sideBar);
    await wb.expandTreeItem('brag', sideBar);
    await wb.treeItem('2025-03-14-on-call-runbook.md', sideBar).waitFor({ state: 'visible' });
    await wb.screenshot('explorer');
  });

  test('the command palette runs "Developer: Show Running Extensions", which lists Career Lattice', async () => {
    await wb.runCommand('Developer: Show Running Extensions');
    await wb.editorTab(/Running Extensions/).waitFor({ state: 'visible' });
    // Listed by its display name or, for an extension under development, by its id.
    const row = wb.activeEditor.locator('.monaco-list-row', { hasText: /Career Lattice|career-lattice\.career-lattice/ });
    await row.waitFor({ state: 'visible' });
    const file = await wb.screenshot('running-extensions');
    assert.ok(fs.statSync(file).size > 10000, 'the screenshot is an image of the window');
  });
});
