// Issue 17 in the real host, what the views make of a company ladder: a node per `group` in the Ladder
// tree and group headings in the evidence view (with each criterion's expectation and coverage as
// points against the threshold), the shared trunk levels under a forked track, the evidence view's
// "try before you commit" toward management, and the warning when `careerLattice.track` names no track
// of the ladder in force. The tree and the evidence view are the extension's own provider and view
// model built over a CareerWorkspace of this host (see helpers/trees.ts); the webview's HTML is not
// reachable from the extension API, so the view's body is rendered from that model.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EvidenceStatusBar } from '../../../../src/features/evidence/index';
import { buildViewModel } from '../../../../src/features/evidence/panel';
import { renderBody } from '../../../../src/features/evidence/render';
import { CareerWorkspace } from '../../../../src/features/shared/careerWorkspace';
import { LadderTreeProvider, type LadderNode } from '../../../../src/features/tree/ladderTree';
import { find, labels, snapshot } from '../../helpers/trees';
import { waitFor } from '../../helpers/wait';
import { codeOf, diagnostics, disk, ladder, note, setSetting, summary, today, uri } from '../../helpers/workspace';
import { warmUpFirst } from '../../helpers/warmup';

const GROUPED = 'Grouped test ladder';
const FORKED = 'Forked test ladder';
const THREE = 'Three-track test ladder';
const WEB_NOTE = () => `career/brag/${today()}-web-features.md`;

/** The text of an HTML fragment: tags out, entities back, spaces folded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

warmUpFirst();

suite('ladders: groups, expectations, points, the trunk, and the track setting in the views', () => {
  let log: vscode.LogOutputChannel;
  let workspace: CareerWorkspace;
  let tree: LadderTreeProvider;
  let bar: EvidenceStatusBar;

  async function use(file: string | undefined, name: string, track: string, level: string): Promise<void> {
    await setSetting('ladderFile', file);
    await setSetting('track', track);
    await setSetting('currentLevel', level);
    await waitFor(
      async () =>
        (await ladder()).name === name && workspace.ladder.name === name && workspace.settings.track === track && workspace.settings.currentLevel === level,
      10000,
      `the ladder "${name}", track ${track}, level ${level}`,
    );
  }

  /** Every tree item id, depth first: VS Code refuses a tree whose ids repeat. */
  async function treeIds(node?: LadderNode): Promise<string[]> {
    const out: string[] = [];
    for (const child of tree.getChildren(node)) {
      out.push(String(tree.getTreeItem(child).id));
      out.push(...(await treeIds(child)));
    }
    return out;
  }

  suiteSetup(async function () {
    this.timeout(30000);
    log = vscode.window.createOutputChannel('Career Lattice (ladder views test)', { log: true });
    workspace = new CareerWorkspace({ log });
    tree = new LadderTreeProvider(workspace);
    bar = new EvidenceStatusBar(workspace);
    await workspace.start();
  });

  suiteTeardown(async () => {
    disk.remove(WEB_NOTE());
    await setSetting('ladderFile', undefined);
    await setSetting('targetLevel', undefined);
    await setSetting('track', 'backend');
    await setSetting('currentLevel', 'IC2');
    bar?.dispose();
    tree?.dispose();
    workspace?.dispose();
    log?.dispose();
  });

  test('a ladder with groups: a node per group under a level, its criteria under it, the ungrouped after; the expectation beside each', async function () {
    this.timeout(30000);
    disk.write(WEB_NOTE(), note({ type: 'brag', title: 'Shipped web features alone', date: today(), criteria: ['eng.G2.web'] }));
    await use('.career/grouped.yaml', GROUPED, 'eng', 'G1');
    await waitFor(async () => (await summary()).covered === 1, 5000, 'the note on eng.G2.web');
    await waitFor(() => workspace.index.byCriterion('eng.G2.web').length === 1, 5000, 'the test workspace to index the note');
    const roots = await snapshot(tree);
    const contributing = find(roots, 'Engineering', 'Contributing');
    assert.deepEqual(labels(contributing.children), ['Building', 'Supporting', 'Writes things down'], 'groups in ladder order, the ungrouped after');
    const building = find(roots, 'Engineering', 'Contributing', 'Building');
    assert.equal(building.description, '1 of 2 covered');
    assert.equal(building.contextValue, 'group');
    assert.equal(building.collapsible, vscode.TreeItemCollapsibleState.Expanded, 'the target level opens its groups');
    assert.deepEqual(labels(building.children), ['Builds web features alone', 'Builds services alone']);
    assert.equal(find(roots, 'Engineering', 'Contributing', 'Building', 'Builds web features alone').description, 'Adopts · 1 note');
    assert.equal(find(roots, 'Engineering', 'Contributing', 'Building', 'Builds services alone').description, 'Adopts · missing');
    assert.equal(find(roots, 'Engineering', 'Contributing', 'Writes things down').description, 'missing', 'no expectation, none shown');
    assert.match(find(roots, 'Engineering', 'Contributing', 'Building').tooltip, /Areas: Web client, Servers/);
    // A node's parent is the group, so reveal() finds it.
    const criterion: LadderNode = { kind: 'criterion', trackId: 'eng', levelId: 'G2', criterionId: 'eng.G2.web' };
    assert.deepEqual(tree.getParent(criterion), { kind: 'group', trackId: 'eng', levelId: 'G2', group: 'Building' });
    const item = tree.getTreeItem({ kind: 'group', trackId: 'eng', levelId: 'G2', group: 'Building' });
    assert.match(String(item.accessibilityInformation?.label), /^Building, a group of 2 criteria of Contributing, 1 covered$/);
    const ids = await treeIds();
    assert.equal(new Set(ids).size, ids.length, 'every tree item id is unique');
  });

  test('the evidence view: criteria under group headings, the expectation beside each, coverage as points against the threshold; the status bar in points', async function () {
    this.timeout(20000);
    await waitFor(() => workspace.summary().covered === 1, 5000, 'the test workspace to count the note');
    const s = await summary();
    assert.deepEqual(s.points, { earned: 2, total: 6, threshold: 3 });
    const body = renderBody(buildViewModel(workspace));
    const text = textOf(body);
    assert.match(text, /Criteria of Contributing, by group, gaps first/);
    const headings = [...body.matchAll(/<h3 class="group-heading" id="(group-\d+)">([^<]*)/g)].map((m) => m[2]!.trim());
    assert.deepEqual(headings, ['Building', 'Supporting', 'Other criteria']);
    assert.match(body, /<section class="group" aria-labelledby="group-0" data-group="Building">/);
    assert.match(text, /Building 1 of 2 covered · 2 of 4 points/);
    assert.match(
      body,
      /<h4>Builds services alone<\/h4>\s*<span class="expectation" title="What is expected at this level"><span class="sr-only">Expected at this level: <\/span>Adopts<\/span>/,
    );
    assert.ok(body.indexOf('<h4>Builds services alone</h4>') < body.indexOf('<h4>Builds web features alone</h4>'), 'gaps first within a group');
    assert.match(body, /aria-label="2 of 3 points needed for Contributing"/);
    assert.match(text, /2 \/ 3 points toward Contributing \(3 needed, 6 available\) · 1 \/ 4 criteria covered/);
    bar.update();
    assert.equal(bar.item.text, '$(mortar-board) G1 -> G2: 2/3 pts');
    assert.match(String(bar.item.accessibilityInformation?.label), /1 of 4 criteria of G2 covered, 2 of the 3 points needed\./);
    assert.match((bar.item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1'), /1 of 4 criteria covered · 2 of the 3 points needed/);
  });

  test('a ladder without groups looks as before: criteria right under the level, no group heading in the view', async function () {
    this.timeout(20000);
    await use(undefined, THREE, 'backend', 'IC2');
    const roots = await snapshot(tree);
    assert.deepEqual(labels(find(roots, 'Backend engineering', 'Senior Engineer').children), [
      'Backend engineering IC3 craft',
      'Backend engineering IC3 delivery',
    ]);
    const body = renderBody(buildViewModel(workspace));
    assert.doesNotMatch(body, /class="group|<h4>|class="expectation"/);
    assert.match(textOf(body), /Criteria of Senior Engineer, gaps first/);
  });

  test('a forked track starts with the shared trunk levels, marked shared, before its own; their tree ids stay unique', async function () {
    this.timeout(30000);
    await use('.career/forked.yaml', FORKED, 'management', 'SE1');
    const roots = await snapshot(tree);
    const people = find(roots, 'People management');
    assert.deepEqual(labels(people.children), [
      'Junior Engineer',
      'Engineer',
      'Senior Engineer 1',
      'Senior Engineer 2 (People Manager)',
      'Engineering Director',
    ]);
    assert.match(find(roots, 'People management', 'Junior Engineer').description, /^JR · shared with Engineer/);
    assert.match(find(roots, 'People management', 'Senior Engineer 1').description, /^SE1 · shared with Engineer · current/);
    assert.match(
      find(roots, 'People management', 'Senior Engineer 1').tooltip,
      /A shared level: the People management track starts from the Engineer track here/,
    );
    assert.match(find(roots, 'People management', 'Senior Engineer 2 (People Manager)').description, /^SE2M · target/);
    assert.doesNotMatch(find(roots, 'People management', 'Senior Engineer 2 (People Manager)').description, /shared/);
    assert.deepEqual(labels(find(roots, 'People management', 'Senior Engineer 1').children), ['Owns a system'], 'the shared level shows its criteria here too');
    // The trunk track itself is as before: its own levels, nothing marked shared.
    assert.deepEqual(labels(find(roots, 'Engineer').children), ['Junior Engineer', 'Engineer', 'Senior Engineer 1', 'Senior Engineer 2']);
    assert.ok(find(roots, 'Engineer').children.every((n) => !/shared/.test(n.description)));
    const ids = await treeIds();
    assert.equal(new Set(ids).size, ids.length, `every tree item id is unique: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
  });

  test('the evidence view toward a management level on another track suggests what to try before committing', async function () {
    this.timeout(20000);
    await use(undefined, THREE, 'backend', 'IC3');
    await setSetting('targetLevel', 'M3');
    try {
      await waitFor(() => workspace.settings.targetLevel === 'M3' && workspace.summary().targetLevel === 'M3', 5000, 'the target M3');
      const body = renderBody(buildViewModel(workspace));
      assert.match(body, /<section class="track-change" aria-label="Change of track">/);
      const text = textOf(body);
      assert.match(text, /A change of track: from Backend engineering \(IC3\) to Engineering management \(M3\)/);
      assert.match(text, /Try before you commit \(each is evidence worth a note\):/);
      for (const step of [/without formal authority/, /Mentor .*six months/, /Shadow a manager for a week/, /Act as the manager while yours is on leave/])
        assert.match(text, step);
    } finally {
      await setSetting('targetLevel', undefined);
    }
  });

  test('careerLattice.track naming no track of the ladder: a warning on the setting in .vscode/settings.json, and the first track is used', async function () {
    this.timeout(30000);
    await use(undefined, THREE, 'backend', 'IC2');
    const settingsFile = uri('.vscode/settings.json');
    assert.deepEqual(diagnostics(settingsFile, 'unknown-track'), [], 'no warning while the track is right');
    await setSetting('track', 'managment');
    const [d] = await waitFor(
      () => {
        const found = diagnostics(settingsFile, 'unknown-track');
        return found.length ? found : undefined;
      },
      5000,
      'the unknown-track diagnostic',
    );
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(codeOf(d!), 'unknown-track');
    assert.match(
      d!.message,
      /there is no track "managment" in the ladder; did you mean "management"\? Tracks: backend, sre, management\. The Backend engineering track is used until then\./,
    );
    const line = disk.read('.vscode/settings.json').split('\n')[d!.range.start.line]!;
    assert.equal(line.slice(d!.range.start.character, d!.range.end.character), '"managment"', 'on the value of the setting');
    // The fallback: the first track, with the current level looked up there.
    const s = await summary();
    assert.deepEqual([s.track, s.currentLevel, s.targetLevel], ['backend', 'IC2', 'IC3']);
    await waitFor(() => workspace.settings.track === 'managment', 5000, 'the test workspace to see the setting');
    const roots = await snapshot(tree);
    assert.equal(roots[0]!.label, 'Backend engineering');
    assert.equal(roots[0]!.description, 'your track');
    bar.update();
    assert.equal(bar.item.text, '$(mortar-board) IC2 -> IC3: 1/2');
    // Fixed: the warning goes.
    await setSetting('track', 'management');
    await waitFor(() => diagnostics(settingsFile, 'unknown-track').length === 0, 5000, 'the diagnostic to go');
    await setSetting('track', 'backend');
  });
});
