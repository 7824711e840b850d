// Issue 17: company ladders in the real host. A three-track ladder whose disciplines share level ids
// (`backend`, `sre`: IC1-IC4) beside managers declared equivalent to IC3 and IC4, and a forked ladder
// (a shared trunk, then IC or people manager, then a director whose criteria carry forward). Tracks and
// levels are switched with the commands; the tree and the status bar are read from the extension's own
// providers built over a CareerWorkspace of this host (see helpers/trees.ts for why), and the evidence
// from `careerLattice.getEvidenceSummary`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EvidenceStatusBar } from '../../../../src/features/evidence/index';
import { CareerWorkspace } from '../../../../src/features/shared/careerWorkspace';
import { LadderTreeProvider } from '../../../../src/features/tree/ladderTree';
import * as prompts from '../../helpers/prompts';
import { find, labels, snapshot, type TreeNode } from '../../helpers/trees';
import { waitFor } from '../../helpers/wait';
import { ladder, setSetting, settings } from '../../helpers/workspace';
import { warmUpFirst } from '../../helpers/warmup';

const THREE = 'Three-track test ladder';
const FORKED = 'Forked test ladder';

interface Summary {
  track: string;
  currentLevel: string;
  targetLevel: string;
  /** Only when the target is on another track. */
  changeOfTrack?: boolean;
  targetTrack?: string;
  covered: number;
  total: number;
  criteria: Array<{ id: string; count: number }>;
}

async function summary(): Promise<Summary> {
  const s = await vscode.commands.executeCommand<Summary | undefined>('careerLattice.getEvidenceSummary');
  if (!s) throw new Error('getEvidenceSummary returned nothing');
  return { ...s, changeOfTrack: s.changeOfTrack ?? false } as Summary;
}

warmUpFirst();

suite('ladders: tracks, forks and changes of track', () => {
  let log: vscode.LogOutputChannel;
  let workspace: CareerWorkspace;
  let tree: LadderTreeProvider;
  let bar: EvidenceStatusBar;

  /** Waits until both the extension and this test's workspace have the ladder named `name`. */
  async function ladderNamed(name: string): Promise<void> {
    await waitFor(async () => (await ladder()).name === name && workspace.ladder.name === name, 10000, `the ladder "${name}"`);
  }

  /** Waits until this test's workspace sees the settings the commands wrote. */
  async function settled(track: string, level: string): Promise<void> {
    await waitFor(() => workspace.settings.track === track && workspace.settings.currentLevel === level, 5000, `track ${track}, level ${level}`);
  }

  function statusText(): string {
    bar.update();
    return bar.item.text;
  }

  /** The level items of a track in the tree, with their descriptions. */
  function levelRow(nodes: readonly TreeNode[], trackTitle: string, levelTitle: string): string {
    return find(nodes, trackTitle, levelTitle).description;
  }

  suiteSetup(async function () {
    this.timeout(30000);
    log = vscode.window.createOutputChannel('Career Lattice (ladders test)', { log: true });
    workspace = new CareerWorkspace({ log });
    tree = new LadderTreeProvider(workspace);
    bar = new EvidenceStatusBar(workspace);
    await workspace.start();
    await ladderNamed(THREE);
  });

  suiteTeardown(async () => {
    await setSetting('ladderFile', undefined);
    await setSetting('targetLevel', undefined);
    await setSetting('track', 'backend');
    await setSetting('currentLevel', 'IC2');
    bar?.dispose();
    tree?.dispose();
    workspace?.dispose();
    log?.dispose();
  });

  teardown(async () => {
    await setSetting('targetLevel', undefined);
  });

  test('three tracks that share level ids: the ladder loads, your track first, its level marked, IC2 -> IC3 of backend', async () => {
    const l = await ladder();
    assert.deepEqual(
      l.tracks.map((t) => t.id),
      ['backend', 'sre', 'management'],
    );
    const roots = await snapshot(tree);
    assert.deepEqual(labels(roots), ['Backend engineering', 'Site reliability', 'Engineering management']);
    assert.equal(roots[0]!.description, 'your track');
    assert.match(levelRow(roots, 'Backend engineering', 'Engineer II'), /^IC2 · current/);
    assert.match(levelRow(roots, 'Backend engineering', 'Senior Engineer'), /^IC3 · target/);
    assert.doesNotMatch(levelRow(roots, 'Site reliability', 'Engineer II'), /current/, 'the IC2 of another discipline is not yours');
    const s = await summary();
    assert.deepEqual([s.track, s.currentLevel, s.targetLevel, s.changeOfTrack], ['backend', 'IC2', 'IC3', false]);
    assert.deepEqual(
      s.criteria.map((c) => c.id),
      ['backend.IC3.craft', 'backend.IC3.delivery'],
    );
    assert.equal(s.covered, 1, 'the on-call note evidences backend.IC3.craft');
    assert.equal(statusText(), '$(mortar-board) IC2 -> IC3: 1/2');
  });

  test('switchTrack { track: sre } keeps IC2 (the same id on that track); the tree, status bar and summary follow', async function () {
    this.timeout(20000);
    const choice = await vscode.commands.executeCommand('careerLattice.switchTrack', { track: 'sre' });
    assert.deepEqual(choice, { track: 'sre', level: 'IC2' });
    await settled('sre', 'IC2');
    const roots = await snapshot(tree);
    assert.equal(roots[0]!.label, 'Site reliability', 'your new track first');
    assert.match(levelRow(roots, 'Site reliability', 'Engineer II'), /^IC2 · current/);
    assert.doesNotMatch(levelRow(roots, 'Backend engineering', 'Engineer II'), /current/);
    const s = await summary();
    assert.deepEqual([s.track, s.currentLevel, s.targetLevel], ['sre', 'IC2', 'IC3']);
    assert.deepEqual(
      s.criteria.map((c) => c.id),
      ['sre.IC3.craft', 'sre.IC3.delivery'],
    );
    assert.equal(statusText(), '$(mortar-board) IC2 -> IC3: 1/2');
  });

  test('switchTrack without arguments asks which of the other tracks; managers start at M3 = IC3, so IC2 stays and M3 is the next step', async function () {
    this.timeout(20000);
    await vscode.commands.executeCommand('careerLattice.setCurrentLevel', { track: 'sre', level: 'IC2' });
    await settled('sre', 'IC2');
    const pending = prompts.start('careerLattice.switchTrack');
    await prompts.prompt();
    assert.equal(pending.settled, false, 'a pick of the two other tracks');
    await prompts.next(); // Backend engineering is first; Engineering management next
    await prompts.accept();
    assert.deepEqual(await prompts.result(pending), { track: 'management', level: 'sre.IC2' });
    await settled('management', 'sre.IC2');
    const s = await summary();
    assert.deepEqual([s.track, s.currentLevel, s.targetLevel, s.targetTrack, s.changeOfTrack], ['management', 'IC2', 'M3', 'management', true]);
    assert.deepEqual(
      s.criteria.map((c) => c.id),
      ['management.M3.team', 'management.M3.hiring'],
    );
    assert.equal(statusText(), '$(mortar-board) IC2 -> M3 (change of track): 1/2');
    const roots = await snapshot(tree);
    assert.equal(roots[0]!.label, 'Engineering management');
    assert.match(levelRow(roots, 'Site reliability', 'Engineer II'), /^IC2 · current/, 'the level kept is the sre one');
    assert.match(levelRow(roots, 'Engineering management', 'Engineering Manager'), /^M3 · target, a change of track/);
  });

  test('the declared equivalent is kept both ways: sre IC3 <-> M3, and IC4 <-> M4', async function () {
    this.timeout(20000);
    await vscode.commands.executeCommand('careerLattice.setCurrentLevel', { track: 'sre', level: 'IC3' });
    await settled('sre', 'IC3');
    assert.deepEqual(await vscode.commands.executeCommand('careerLattice.switchTrack', { track: 'management' }), { track: 'management', level: 'M3' });
    await settled('management', 'M3');
    assert.deepEqual(await summary().then((s) => [s.currentLevel, s.targetLevel, s.changeOfTrack]), ['M3', 'M4', false]);
    assert.deepEqual(await vscode.commands.executeCommand('careerLattice.switchTrack', { track: 'backend' }), { track: 'backend', level: 'IC3' });
    await settled('backend', 'IC3');
    assert.equal(statusText(), '$(mortar-board) IC3 -> IC4: 0/2');
  });

  test('a target on another track works (current IC3, target M4): the evidence is M4 and it says so', async function () {
    this.timeout(20000);
    await vscode.commands.executeCommand('careerLattice.setCurrentLevel', { track: 'backend', level: 'IC3' });
    await settled('backend', 'IC3');
    await setSetting('targetLevel', 'M4');
    await waitFor(() => workspace.settings.targetLevel === 'M4', 5000, 'the target setting');
    const s = await summary();
    assert.deepEqual([s.currentLevel, s.targetLevel, s.targetTrack, s.changeOfTrack], ['IC3', 'M4', 'management', true], 'not silently IC4');
    assert.deepEqual(
      s.criteria.map((c) => c.id),
      ['management.M4.teams'],
    );
    assert.equal(statusText(), '$(mortar-board) IC3 -> M4 (change of track): 0/1');
    // The tooltip is markdown: its text with the escapes taken out.
    assert.match(
      (bar.item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1'),
      /A change of track: from Backend engineering \(IC3\) to Engineering management \(M4\)/,
    );
    const roots = await snapshot(tree);
    assert.match(levelRow(roots, 'Engineering management', 'Senior Engineering Manager'), /^M4 · target, a change of track/);
    assert.doesNotMatch(levelRow(roots, 'Backend engineering', 'Staff Engineer'), /target/);
    // The comparison of the two says it too, with what to try first.
    const cmp = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.compareLevels', { open: false });
    const text = (await vscode.workspace.openTextDocument(cmp!)).getText().replace(/\\(.)/g, '$1');
    assert.match(text, /A change of track: from Backend engineering \(IC3\) to Engineering management \(M4\)/);
    assert.match(text, /Try before you commit/);
  });

  test('a track id that is not in the ladder is refused by switchTrack with the tracks there are', async () => {
    const result = await vscode.commands.executeCommand('careerLattice.switchTrack', { track: 'managment' });
    assert.equal(result, undefined);
    assert.equal(settings().get('track'), 'backend');
  });

  test('the forked ladder: Senior 1 is on both tracks; its next level is on the branch of your track; the director carries the manager criteria forward', async function () {
    this.timeout(30000);
    await setSetting('ladderFile', '.career/forked.yaml');
    await ladderNamed(FORKED);
    await vscode.commands.executeCommand('careerLattice.setCurrentLevel', { track: 'management', level: 'SE1' });
    await settled('management', 'SE1');
    let s = await summary();
    assert.deepEqual(
      [s.track, s.currentLevel, s.targetLevel, s.changeOfTrack],
      ['management', 'SE1', 'SE2M', false],
      'Senior 1 -> Senior 2 (People Manager) is a promotion',
    );
    assert.deepEqual(
      s.criteria.map((c) => c.id),
      ['management.SE2M.reports', 'management.SE2M.feedback'],
    );
    assert.equal(s.covered, 1);
    assert.equal(statusText(), '$(mortar-board) SE1 -> SE2M: 1/2');
    let roots = await snapshot(tree);
    assert.equal(roots[0]!.label, 'People management');
    assert.match(roots[0]!.description, /your track · from SE1/);
    assert.match(levelRow(roots, 'Engineer', 'Senior Engineer 1'), /^SE1 · current/);
    assert.match(levelRow(roots, 'People management', 'Senior Engineer 2 (People Manager)'), /^SE2M · target/);

    // The trunk level stays when switching to the other branch.
    assert.deepEqual(await vscode.commands.executeCommand('careerLattice.switchTrack'), { track: 'ic', level: 'SE1' });
    await settled('ic', 'SE1');
    s = await summary();
    assert.deepEqual([s.track, s.currentLevel, s.targetLevel], ['ic', 'SE1', 'SE2']);
    roots = await snapshot(tree);
    assert.equal(roots[0]!.label, 'Engineer');

    // Past the fork: Senior 2 (People Manager) -> Director, whose total includes SE2M's criteria.
    await vscode.commands.executeCommand('careerLattice.setCurrentLevel', { level: 'SE2M' });
    await settled('management', 'SE2M');
    s = await summary();
    assert.deepEqual([s.currentLevel, s.targetLevel], ['SE2M', 'DIR']);
    assert.deepEqual(
      s.criteria.map((c) => c.id),
      ['management.DIR.managers', 'management.SE2M.reports', 'management.SE2M.feedback'],
    );
    assert.equal(s.covered, 1, 'the note on the first reports counts toward the director level too');
    assert.equal(statusText(), '$(mortar-board) SE2M -> DIR: 1/3');
    // Back to IC from the manager branch: the declared equivalent SE2.
    assert.deepEqual(await vscode.commands.executeCommand('careerLattice.switchTrack', { track: 'ic' }), { track: 'ic', level: 'SE2' });
  });
});
