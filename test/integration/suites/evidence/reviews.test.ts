// Issue 5: decision reviews: careerLattice.reviewDecisions lists the decisions whose review date has
// come (oldest first), never a reviewed one, and opens them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as prompts from '../../helpers/prompts';
import { activePath, addMonths, closeAllEditors, disk, note, rel, today } from '../../helpers/workspace';

const STAY = 'career/decisions/2020-01-15-stay-on-ic.md';
const LATER = 'career/decisions/2020-06-01-later.md';
const due = () => vscode.commands.executeCommand<string[]>('careerLattice.reviewDecisions', { open: false });

suite('evidence: decision reviews', () => {
  const originals = new Map<string, string>();
  const edit = (path: string, text: string) => {
    if (!originals.has(path)) originals.set(path, disk.exists(path) ? disk.read(path) : '');
    disk.write(path, text);
  };

  teardown(async () => {
    await prompts.cancel();
    await closeAllEditors();
    for (const [path, text] of originals) text ? disk.write(path, text) : disk.remove(path);
    originals.clear();
  });

  test('{ open: false } returns the decisions due, oldest review first; reviewed and future ones are not due', async () => {
    assert.deepEqual(await due(), [STAY, LATER]);
  });

  test('follows the notes on disk: status reviewed (any case) closes a review; a review date of today is due', async () => {
    edit(LATER, note({ type: 'decision', title: 'Ask for a staff-level project', date: '2020-06-01', status: 'Reviewed', review: '2021-01-10' }));
    assert.deepEqual(await due(), [STAY]);
    const todayPath = 'career/decisions/2021-01-01-due-today.md';
    edit(todayPath, note({ type: 'decision', title: 'Due today', date: '2021-01-01', review: today() }));
    const tomorrow = 'career/decisions/2021-01-02-due-tomorrow.md';
    const next = new Date();
    next.setDate(next.getDate() + 1);
    edit(
      tomorrow,
      note({
        type: 'decision',
        title: 'Due tomorrow',
        date: '2021-01-02',
        review: `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`,
      }),
    );
    assert.deepEqual(await due(), [STAY, todayPath]);
    // Only decision records have reviews.
    edit('career/brag/2021-01-03-not-a-decision.md', note({ type: 'brag', title: 'Not a decision', date: '2021-01-03', review: '2021-02-01' }));
    assert.deepEqual(await due(), [STAY, todayPath]);
  });

  test('a decision record created today is not due (its review is six months ahead)', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.newDecisionRecord', { title: 'Move to management', criteria: [], open: false });
    originals.set(rel(uri), '');
    assert.equal(disk.read(rel(uri)).includes(`review: ${addMonths(today(), 6)}`), true);
    assert.deepEqual(await due(), [STAY, LATER]);
  });

  test('without arguments, several due: a pick of them, oldest first; the chosen one opens', async () => {
    const pending = prompts.start<string[]>('careerLattice.reviewDecisions');
    await prompts.prompt();
    await prompts.next(); // the second: LATER
    await prompts.accept();
    assert.deepEqual(await prompts.result(pending), [STAY, LATER]);
    assert.equal(activePath(), LATER);
  });

  test('without arguments, one due: it opens at once; none due: nothing opens', async () => {
    edit(LATER, note({ type: 'decision', title: 'Ask for a staff-level project', date: '2020-06-01', status: 'reviewed', review: '2021-01-10' }));
    assert.deepEqual(await vscode.commands.executeCommand('careerLattice.reviewDecisions'), [STAY]);
    assert.equal(activePath(), STAY);
    await closeAllEditors();
    edit(STAY, note({ type: 'decision', title: 'Stay on the IC track toward Staff', date: '2020-01-15', status: 'reviewed', review: '2020-07-15' }));
    assert.deepEqual(await vscode.commands.executeCommand('careerLattice.reviewDecisions'), []);
    assert.equal(vscode.window.activeTextEditor, undefined);
  });
});
