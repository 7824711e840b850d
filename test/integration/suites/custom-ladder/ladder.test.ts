// Issues 4 and 5 with a team's ladder: `.career/ladder.yaml` extending the built-in ladder (the
// fixture), replaced by a whole ladder of its own, broken, moved and deleted while VS Code runs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as prompts from '../../helpers/prompts';
import { nonEmpty, waitFor } from '../../helpers/wait';
import {
  activePath,
  at,
  closeAllEditors,
  codeOf,
  criteriaOf,
  diagnostics,
  disk,
  frontMatter,
  hoverText,
  ladder,
  note,
  openNote,
  rel,
  setSetting,
  summary,
  today,
  uri,
} from '../../helpers/workspace';
import { warmUpFirst } from '../../helpers/warmup';

const LADDER = '.career/ladder.yaml';
const ACME = 'Acme engineering ladder';
const BUILTIN = 'Dual-track engineering ladder';

const WHOLE = `name: Whole ladder
tracks:
  - id: eng
    title: Engineering
    levels:
      - id: E1
        title: Engineer
        criteria:
          - id: eng.E1.ships
            area: execution
            title: Ships small changes
      - id: E2
        title: Senior
        scope: A team
        criteria:
          - id: eng.E2.owns
            area: execution
            title: Owns a service
            description: Runs a service end to end.
          - id: eng.E2.mentors
            area: mentoring
            title: Mentors
      - id: E3
        title: Lead
        criteria:
          - id: eng.E3.leads
            area: influence
            title: Leads a group of teams
`;

/** Waits until the extension has loaded the ladder named `name`. */
async function ladderNamed(name: string, ms = 8000): Promise<void> {
  await waitFor(async () => (await ladder()).name === name, ms, `the ladder "${name}"`);
}

warmUpFirst();

suite('custom ladder', () => {
  let original = '';
  const written = new Set<string>();
  suiteSetup(async () => {
    original = disk.read(LADDER);
    await ladderNamed(ACME);
  });
  teardown(async () => {
    await closeAllEditors();
    for (const p of written) disk.remove(p);
    written.clear();
    if (!disk.exists(LADDER) || disk.read(LADDER) !== original) {
      disk.write(LADDER, original);
      await ladderNamed(ACME);
    }
  });

  test('getLadder returns the effective ladder after the overrides (extends: builtin)', async () => {
    const l = await ladder();
    assert.equal(l.name, ACME);
    assert.deepEqual(
      l.tracks.map((t) => t.id),
      ['ic', 'management'],
      'the built-in tracks are kept',
    );
    assert.deepEqual(criteriaOf(l, 'L6'), [
      'ic.L6.cross-team-direction',
      'ic.L6.cross-cutting-architecture',
      'ic.L6.engineering-standards',
      'ic.L6.alignment-without-authority',
      'ic.L6.solves-critical-problems',
      'ic.L6.grows-senior-engineers',
      'ic.L6.incident-commander',
    ]);
    const l6 = l.tracks[0]!.levels.find((lv) => lv.id === 'L6')!;
    const direction = l6.criteria[0]!;
    assert.equal(direction.title, 'Sets direction across Acme teams', 'the override renames it');
    assert.equal(direction.area, 'influence', 'fields it does not name are kept');
    assert.ok(direction.description.length > 20);
    assert.deepEqual(l6.criteria[6], {
      id: 'ic.L6.incident-commander',
      area: 'execution',
      title: 'Leads incident response',
      description: 'Acts as incident commander for high-severity incidents and drives the follow-ups.',
      signals: ['incident commander', 'sev1'],
    });
    assert.equal(criteriaOf(l, 'L5').length, 8, 'other levels are untouched');
  });

  test('getEvidenceSummary counts toward the custom criteria; a removed criterion is gone', async () => {
    const s = await summary();
    assert.deepEqual([s.currentLevel, s.targetLevel, s.covered, s.total], ['L5', 'L6', 0, 7]);
    assert.deepEqual(
      s.criteria.filter((c) => c.count > 0).map((c) => [c.id, c.title, c.count, c.latest, c.stale, c.notes]),
      [
        ['ic.L6.cross-team-direction', 'Sets direction across Acme teams', 1, '2019-05-01', true, ['career/brag/2019-05-01-presented.md']],
        ['ic.L6.incident-commander', 'Leads incident response', 1, '2019-04-01', true, ['career/brag/2019-04-01-incident.md']],
      ],
    );
    const path = `career/brag/${today()}-commanded-sev1.md`;
    written.add(path);
    disk.write(path, note({ type: 'brag', title: 'Commanded a sev1', date: today(), criteria: ['ic.L6.incident-commander'] }));
    const after = await summary();
    assert.equal(after.covered, 1);
    assert.deepEqual(
      after.criteria.find((c) => c.id === 'ic.L6.incident-commander'),
      {
        id: 'ic.L6.incident-commander',
        title: 'Leads incident response',
        area: 'execution',
        count: 2,
        latest: today(),
        stale: false,
        notes: [path, 'career/brag/2019-04-01-incident.md'],
        earlier: [],
      },
    );
  });

  test('a note tagged with a removed criterion gets an unknown-id diagnostic; custom ids complete and hover', async () => {
    const presented = uri('career/brag/2019-05-01-presented.md');
    const [d] = await waitFor(() => nonEmpty(diagnostics(presented, 'unknown-criterion')), 3000, 'the removed id flagged');
    assert.deepEqual(at(d!.range), [4, 11, 4, 39]);
    assert.match(d!.message, /^Unknown criterion id "ic\.L6\.presents-to-leadership"\./);

    const path = 'career/brag/2019-06-01-completion.md';
    written.add(path);
    disk.write(path, '---\ntitle: Completion\ncriteria: [ic.L6.incident-commander, ]\n---\n');
    const doc = await openNote(path);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(2, 'criteria: [ic.L6.incident-commander, '.length),
    );
    const ids = list.items
      .filter((i) => typeof i.label !== 'string' && i.kind === vscode.CompletionItemKind.EnumMember)
      .sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1))
      .map((i) => (i.label as vscode.CompletionItemLabel).label);
    assert.ok(ids.slice(0, 7).includes('ic.L6.incident-commander'), ids.slice(0, 8).join(', '));
    assert.ok(!ids.includes('ic.L6.presents-to-leadership'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 20));
    assert.match(
      hoverText(hovers).replace(/\\(.)/g, '$1'),
      /\*\*Leads incident response\*\* · execution\n\nStaff Engineer \(L6\), Individual Contributor track\n\nActs as incident commander/,
    );
  });

  test('a whole ladder of its own (no extends) replaces the built-in one as soon as the file changes', async function () {
    this.timeout(30000);
    disk.write(LADDER, WHOLE);
    await ladderNamed('Whole ladder');
    const l = await ladder();
    assert.deepEqual(
      l.tracks.map((t) => [t.id, t.levels.map((lv) => lv.id)]),
      [['eng', ['E1', 'E2', 'E3']]],
    );
    // The settings name ic/L5, which this ladder does not have: the first level of its first track is used.
    const s = await summary();
    assert.deepEqual([s.track, s.currentLevel, s.targetLevel, s.total, s.covered], ['eng', 'E1', 'E2', 2, 0]);
    const path = `career/brag/${today()}-owned-billing.md`;
    written.add(path);
    disk.write(path, note({ type: 'brag', title: 'Owned billing', date: today(), criteria: ['eng.E2.owns', 'ic.L6.cross-team-direction'] }));
    assert.deepEqual(await summary(), {
      track: 'eng',
      currentLevel: 'E1',
      targetLevel: 'E2',
      period: null,
      covered: 1,
      total: 2,
      criteria: [
        { id: 'eng.E2.owns', title: 'Owns a service', area: 'execution', count: 1, latest: today(), stale: false, notes: [path], earlier: [] },
        { id: 'eng.E2.mentors', title: 'Mentors', area: 'mentoring', count: 0, latest: null, stale: false, notes: [], earlier: [] },
      ],
    });
    try {
      assert.deepEqual(await vscode.commands.executeCommand('careerLattice.setCurrentLevel', { level: 'E2' }), { track: 'eng', level: 'E2' });
      const e3 = await summary();
      assert.deepEqual([e3.currentLevel, e3.targetLevel, e3.total], ['E2', 'E3', 1]);
      const cmp = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.compareLevels', { open: false });
      assert.equal(cmp?.toString(), 'career-lattice:/compare/E2-E3.md');
      const text = (await vscode.workspace.openTextDocument(cmp!)).getText();
      assert.ok(text.startsWith('# Senior (E2) → Lead (E3)\n'), text);
      assert.ok(text.includes('**E3:** **Leads a group of teams**'));
      // A level title with a backslash, quotes and a colon: the packet's front matter stays valid.
      disk.write(LADDER, WHOLE.replace('name: Whole ladder', 'name: Whole ladder 2').replace('title: Lead', 'title: \'Lead \\ "Staff": II\''));
      await ladderNamed('Whole ladder 2');
      const packet = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.exportPacket', { open: false });
      written.add(rel(packet!));
      assert.equal(rel(packet!), `career/packets/${today()}-E3.md`);
      const packetText = disk.read(rel(packet!));
      assert.ok(packetText.includes('- **Leads a group of teams** (influence)'));
      assert.deepEqual(frontMatter(packetText), { type: 'packet', title: 'Promotion packet: Lead \\ "Staff": II (E3)', date: today(), level: 'E3' });
      const packetDoc = await vscode.workspace.openTextDocument(packet!);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(diagnostics(packetDoc.uri), [], 'no problem in the packet');
    } finally {
      await setSetting('track', 'ic');
      await setSetting('currentLevel', 'L5');
    }
  });

  test('switchTrack with one track says so; with three tracks it asks which', async function () {
    this.timeout(30000);
    disk.write(LADDER, WHOLE);
    await ladderNamed('Whole ladder');
    const single = prompts.start('careerLattice.switchTrack');
    await prompts.prompt();
    assert.equal(single.settled, true, 'no (empty) pick is shown when there is no other track');
    assert.equal(await prompts.result(single), undefined);

    const three = `${WHOLE.replace('name: Whole ladder', 'name: Three tracks')}  - id: ops
    title: Operations
    levels:
      - id: O1
        title: Operator
        equivalent: E1
        criteria:
          - { id: ops.O1.runs, area: operations, title: Runs the service }
  - id: mgmt
    title: Management
    levels:
      - id: M1
        title: Manager
        equivalent: E2
        criteria:
          - { id: mgmt.M1.team, area: people, title: Runs a team }
`;
    disk.write(LADDER, three);
    await ladderNamed('Three tracks');
    try {
      const pending = prompts.start('careerLattice.switchTrack');
      await prompts.prompt();
      assert.equal(pending.settled, false, 'a pick of the other tracks');
      await prompts.next(); // Operations is active; Management next
      await prompts.accept();
      // E1 (the first level: L5 is not in this ladder) is junior to M1 = E2: the level stays, M1 is the next step.
      assert.deepEqual(await prompts.result(pending), { track: 'mgmt', level: 'E1' });
      assert.deepEqual(await summary().then((s) => [s.currentLevel, s.targetLevel]), ['E1', 'M1']);
    } finally {
      await setSetting('track', 'ic');
      await setSetting('currentLevel', 'L5');
    }
  });

  test('a broken ladder file: the built-in ladder is in force, and the problems are shown in the file at their place', async function () {
    this.timeout(30000);
    disk.write(LADDER, 'extends: builtin\nname: Acme\nname: Again\n');
    await ladderNamed(BUILTIN);
    const [dup] = await waitFor(() => nonEmpty(diagnostics(uri(LADDER))), 3000, 'a diagnostic in the ladder file');
    assert.deepEqual([codeOf(dup!), dup!.range.start.line, dup!.range.start.character, dup!.severity], ['yaml-syntax', 2, 0, vscode.DiagnosticSeverity.Error]);
    assert.equal((await summary()).total, 7);
    assert.ok(!criteriaOf(await ladder(), 'L6').includes('ic.L6.incident-commander'));

    disk.write(LADDER, WHOLE.replace('id: eng.E1.ships', 'id: not-an-id'));
    await waitFor(() => diagnostics(uri(LADDER)).some((d) => codeOf(d) === 'ladder-invalid'), 3000, 'the schema problem');
    const [bad] = diagnostics(uri(LADDER));
    assert.deepEqual(at(bad!.range), [8, 16, 8, 25]);
    assert.match(bad!.message, /^tracks\[0\]\.levels\[0\]\.criteria\[0\]\.id: must look like <track>\.<level>\.<slug>/);
    assert.equal((await ladder()).name, BUILTIN);

    disk.write(LADDER, original);
    await ladderNamed(ACME);
    await waitFor(() => diagnostics(uri(LADDER)).length === 0, 3000, 'the ladder file to have no problems');
  });

  test('an open comparison follows the ladder file', async function () {
    this.timeout(30000);
    const cmp = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.compareLevels', { from: 'L5', to: 'L6' });
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.toString(), cmp!.toString());
    assert.ok(doc.getText().includes('**Sets direction across Acme teams**'));
    disk.write(LADDER, original.replace('Sets direction across Acme teams', 'Sets direction across all teams'));
    await waitFor(() => doc.getText().includes('**Sets direction across all teams**'), 3000, 'the comparison to show the new title');
  });

  test('deleting the ladder file brings back the built-in ladder; createLadderFile writes a starter, and never overwrites it', async function () {
    this.timeout(30000);
    disk.remove(LADDER);
    await ladderNamed(BUILTIN);
    assert.equal(
      (await summary()).criteria.find((c) => c.id === 'ic.L6.incident-commander'),
      undefined,
    );

    const created = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.createLadderFile');
    assert.equal(rel(created!), LADDER);
    assert.equal(activePath(), LADDER, 'the ladder file is opened');
    assert.match(disk.read(LADDER), /^# Career Lattice: your team's ladder\.[\s\S]*\nextends: builtin\n/);
    await ladderNamed('Our engineering ladder');
    assert.ok(criteriaOf(await ladder(), 'L6').includes('ic.L6.incident-commander'));

    await closeAllEditors();
    disk.write(LADDER, original);
    await ladderNamed(ACME);
    assert.equal(rel((await vscode.commands.executeCommand<vscode.Uri>('careerLattice.createLadderFile'))!), LADDER);
    assert.equal(disk.read(LADDER), original, 'an existing ladder file is only opened');
    assert.equal(activePath(), LADDER);
  });

  test('createLadderFile with an empty ladderFile setting creates the default .career/ladder.yaml', async function () {
    this.timeout(30000);
    disk.remove(LADDER);
    await ladderNamed(BUILTIN);
    try {
      await setSetting('ladderFile', '');
      const created = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.createLadderFile');
      assert.equal(created && rel(created), LADDER);
      assert.equal(activePath(), LADDER);
    } finally {
      await setSetting('ladderFile', undefined);
    }
  });

  test('the careerLattice.ladderFile setting is read live', async function () {
    this.timeout(30000);
    const other = 'ladders/team.yaml';
    written.add('ladders');
    disk.write(other, WHOLE.replace('name: Whole ladder', 'name: Team ladder'));
    try {
      await setSetting('ladderFile', other);
      await ladderNamed('Team ladder');
      disk.write(other, WHOLE.replace('name: Whole ladder', 'name: Team ladder, edited'));
      await ladderNamed('Team ladder, edited');
      await setSetting('ladderFile', '../outside.yaml');
      await ladderNamed(BUILTIN);
    } finally {
      await setSetting('ladderFile', undefined);
    }
    await ladderNamed(ACME);
  });
});
