// Issue 4: newBragEntry, newDesignDoc, newDecisionRecord, newNote, newBragEntryForCriterion, with and
// without the argument object; never overwriting; titles never leaving the notes folder; templates.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as prompts from '../../helpers/prompts';
import { activePath, addMonths, closeAllEditors, disk, frontMatter, rel, setSetting, settings, summary, today } from '../../helpers/workspace';
import { waitFor } from '../../helpers/wait';

const exec = <T = vscode.Uri | undefined>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);

suite('features: scaffolding notes', () => {
  const created = new Set<string>();
  const track = (uri: vscode.Uri | undefined) => {
    assert.ok(uri, 'the command returned the Uri of the new note');
    created.add(rel(uri));
    return uri;
  };

  teardown(async () => {
    await prompts.cancel();
    await closeAllEditors();
    for (const p of created) disk.remove(p);
    created.clear();
    disk.remove('.career/templates');
  });

  test('newBragEntry { title, criteria, open: false } writes career/brag/<today>-<slug>.md from the template and opens nothing', async () => {
    const uri = track(await exec('careerLattice.newBragEntry', { title: 'Led the payments migration', criteria: ['ic.L6.cross-team-direction'], open: false }));
    assert.equal(rel(uri), `career/brag/${today()}-led-the-payments-migration.md`);
    const text = disk.read(rel(uri));
    assert.deepEqual(frontMatter(text), {
      type: 'brag',
      title: 'Led the payments migration',
      date: today(),
      criteria: ['ic.L6.cross-team-direction'],
      impact: '',
      links: [],
    });
    for (const heading of ['# Led the payments migration', '## What happened', '## My role', '## Impact', '## Who benefited', '## Links', '## Evidence for']) {
      assert.ok(text.includes(`\n${heading}\n`), `missing "${heading}" in\n${text}`);
    }
    assert.ok(text.includes('- Sets technical direction across teams (`ic.L6.cross-team-direction`)'), text);
    assert.notEqual(activePath(), rel(uri), 'open: false opens no editor');
  });

  test('newBragEntry opens the new note by default, with the cursor under the first section heading', async () => {
    const uri = track(await exec('careerLattice.newBragEntry', { title: 'Opened note', criteria: [] }));
    assert.equal(activePath(), rel(uri));
    const editor = vscode.window.activeTextEditor!;
    const headingLine = editor.document.getText().split('\n').indexOf('## What happened');
    assert.ok(headingLine > 0);
    assert.equal(editor.selection.active.line, headingLine + 1);
    assert.deepEqual(frontMatter(editor.document.getText())['criteria'], []);
  });

  test('newDesignDoc { title } writes career/design-doc/ with the design-doc sections', async () => {
    const uri = track(
      await exec('careerLattice.newDesignDoc', { title: 'Event-driven order pipeline v2', criteria: ['ic.L6.cross-cutting-architecture'], open: false }),
    );
    assert.equal(rel(uri), `career/design-doc/${today()}-event-driven-order-pipeline-v2.md`);
    const text = disk.read(rel(uri));
    const fm = frontMatter(text);
    assert.equal(fm['type'], 'design-doc');
    assert.equal(fm['status'], 'draft');
    assert.deepEqual(fm['criteria'], ['ic.L6.cross-cutting-architecture']);
    for (const heading of [
      '## Context',
      '## Goals',
      '## Non-goals',
      '## Proposal',
      '## Alternatives considered',
      '## Risks',
      '## Rollout',
      '## Open questions',
    ]) {
      assert.ok(text.includes(`\n${heading}\n`), `missing "${heading}"`);
    }
  });

  test('newDecisionRecord: review six months ahead by default, { review } overrides it', async () => {
    const uri = track(await exec('careerLattice.newDecisionRecord', { title: 'Stay on the IC track', criteria: [], open: false }));
    assert.equal(rel(uri), `career/decision/${today()}-stay-on-the-ic-track.md`);
    const text = disk.read(rel(uri));
    const fm = frontMatter(text);
    assert.equal(fm['type'], 'decision');
    assert.equal(fm['status'], 'proposed');
    assert.equal(fm['review'], addMonths(today(), 6));
    for (const heading of [
      '## Context',
      '## Options',
      '## Motivations and strengths',
      '## Decision',
      '## Expected outcome',
      `## Review on ${addMonths(today(), 6)}`,
    ]) {
      assert.ok(text.includes(`\n${heading}\n`), `missing "${heading}"`);
    }
    const other = track(await exec('careerLattice.newDecisionRecord', { title: 'Try management', review: '2031-02-03', open: false, criteria: [] }));
    assert.equal(frontMatter(disk.read(rel(other)))['review'], '2031-02-03');
    const due = await exec<string[]>('careerLattice.reviewDecisions', { open: false });
    assert.ok(!due?.includes(rel(uri)) && !due?.includes(rel(other)), 'a new decision is not due for review');
  });

  test('newDecisionRecord offers the other track: L5 beside Engineering Manager (scope, years, criteria), and what to try before committing', async () => {
    const uri = track(await exec('careerLattice.newDecisionRecord', { title: 'Weigh management', criteria: [], open: false }));
    const text = disk.read(rel(uri));
    const section = text.slice(text.indexOf('\n## The other track\n'), text.indexOf('\n## Motivations and strengths\n'));
    assert.ok(section.length > 0 && text.indexOf('\n## Options\n') < text.indexOf('\n## The other track\n'), `the section after the options in\n${text}`);
    assert.match(
      section,
      /Senior Engineer \(L5\) on the Individual Contributor track, and Engineering Manager \(EM\), the level you would be at on the Management track/,
    );
    assert.match(section, /\| Scope \| Significant system, team influence \| /);
    assert.match(section, /\| Typical experience \| 5-10 years \| /);
    assert.match(section, /\*\*people\*\*, only at EM: /);
    assert.match(section, /\*\*Try before you commit\*\*/);
    for (const step of [/without formal authority/, /Mentor .* six months/, /Shadow a manager for a week/, /Act as the manager while yours is on leave/]) {
      assert.match(section, new RegExp(`- \\[ \\] .*${step.source}`), String(step));
    }
    assert.doesNotMatch(text, /\{\{/, 'no placeholder left');
  });

  test('newDecisionRecord with a target on the other track (L5 -> SEM) compares with that target: a change of track', async function () {
    this.timeout(20000);
    await setSetting('targetLevel', 'SEM');
    try {
      await waitFor(async () => settings().get('targetLevel') === 'SEM' && (await summary()).targetLevel === 'SEM', 3000, 'the extension to see the target');
      const uri = track(await exec('careerLattice.newDecisionRecord', { title: 'Move to senior management', criteria: [], open: false }));
      const text = disk.read(rel(uri));
      assert.match(
        text,
        /Senior Engineer \(L5\) on the Individual Contributor track, and your target Senior Engineering Manager \(SEM\) on the Management track: a change of track\./,
      );
      assert.match(text, /\| \| Senior Engineer \(L5\) \| Senior Engineering Manager \(SEM\) \|/);
    } finally {
      await setSetting('targetLevel', undefined);
    }
  });

  test('never overwrites: the same date and title get -2, -3, and an existing file is left as it was', async () => {
    const args = { title: 'Same title', criteria: [], open: false };
    const first = track(await exec('careerLattice.newBragEntry', args));
    disk.write(rel(first), 'my own words\n');
    const second = track(await exec('careerLattice.newBragEntry', args));
    const third = track(await exec('careerLattice.newBragEntry', args));
    assert.equal(rel(first), `career/brag/${today()}-same-title.md`);
    assert.equal(rel(second), `career/brag/${today()}-same-title-2.md`);
    assert.equal(rel(third), `career/brag/${today()}-same-title-3.md`);
    assert.equal(disk.read(rel(first)), 'my own words\n');
    // A file that another program wrote under the next name is skipped too.
    disk.write(`career/brag/${today()}-same-title-4.md`, 'written outside VS Code\n');
    created.add(`career/brag/${today()}-same-title-4.md`);
    const fifth = track(await exec('careerLattice.newBragEntry', args));
    assert.equal(rel(fifth), `career/brag/${today()}-same-title-5.md`);
    assert.equal(disk.read(`career/brag/${today()}-same-title-4.md`), 'written outside VS Code\n');
  });

  test('a title can never place the file outside the notes folder, and is kept exactly in the front matter', async () => {
    const before = new Set([...disk.list('career'), ...disk.list('docs'), ...disk.list('.vscode')]);
    const titles = [
      '../../../outside',
      '..',
      '/etc/passwd',
      'C:\\Windows\\System32\\evil',
      '..\\..\\evil',
      'career/../../x',
      '%2e%2e%2fescape',
      'a/b/c',
      '🙂',
      '...',
      '---',
      'Fix: the "cache" # not a comment',
      "it's [weird] {yaml} & *alias: - x",
      'x'.repeat(200),
    ];
    for (const title of titles) {
      const uri = track(await exec('careerLattice.newBragEntry', { title, criteria: [], open: false }));
      const path = rel(uri);
      assert.match(path, /^career\/brag\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/, `title ${JSON.stringify(title)} -> ${path}`);
      assert.ok(path.length <= 'career/brag/yyyy-mm-dd-'.length + 60 + 3, `slug of ${title.slice(0, 20)} is at most 60 characters`);
      assert.equal(frontMatter(disk.read(path))['title'], title, `the title round-trips through YAML: ${title}`);
    }
    assert.ok(created.has(`career/brag/${today()}-untitled.md`), 'a title with nothing to slug becomes "untitled"');
    const after = [...disk.list('career'), ...disk.list('docs'), ...disk.list('.vscode')].filter((p) => !before.has(p));
    assert.deepEqual(
      after.filter((p) => !p.startsWith('career/brag/')),
      [],
      'nothing was written outside career/brag/',
    );
    assert.equal(after.length, titles.length);
  });

  test('a title on several lines becomes one line; invalid argument objects create nothing', async () => {
    const uri = track(await exec('careerLattice.newBragEntry', { title: 'two\nlines', criteria: [], open: false }));
    assert.equal(frontMatter(disk.read(rel(uri)))['title'], 'two lines');
    const before = disk.list('career');
    for (const bad of [
      { title: '' },
      { title: '   ' },
      { title: 'x'.repeat(201) },
      { title: 'ok', criteria: 'ic.L6.cross-team-direction' },
      { title: 'ok', open: 'no' },
      { title: 'ok', review: 'next spring' },
    ]) {
      assert.equal(await exec('careerLattice.newBragEntry', bad), undefined, JSON.stringify(bad));
    }
    assert.deepEqual(disk.list('career'), before);
  });

  test('.career/templates/<type>.md overrides the built-in template, with {{title}} {{date}} {{criteria}} {{level}}', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted');
    disk.write(
      '.career/templates/brag.md',
      '---\ntype: brag\ntitle: {{title}}\ndate: {{date}}\ncriteria: {{criteria}}\nlevel: {{level}}\n---\n# {{title}} ({{level}})\n\nCriteria: {{criteria}}\n{{unknown}}\n',
    );
    const uri = track(
      await exec('careerLattice.newBragEntry', { title: 'Team: "template"', criteria: ['ic.L6.cross-team-direction', 'ic.L5.leads-projects'], open: false }),
    );
    const text = disk.read(rel(uri));
    assert.deepEqual(frontMatter(text), {
      type: 'brag',
      title: 'Team: "template"',
      date: today(),
      criteria: ['ic.L6.cross-team-direction', 'ic.L5.leads-projects'],
      level: 'L5',
    });
    assert.ok(text.endsWith('# Team: "template" (L5)\n\nCriteria: ic.L6.cross-team-direction, ic.L5.leads-projects\n{{unknown}}\n'), text);
    const withLevel = track(await exec('careerLattice.newBragEntry', { title: 'At L6', criteria: [], level: 'L6', open: false }));
    assert.equal(frontMatter(disk.read(rel(withLevel)))['level'], 'L6');
  });

  suite('without the argument object (prompts)', () => {
    for (const command of ['careerLattice.newBragEntry', 'careerLattice.newDesignDoc', 'careerLattice.newDecisionRecord']) {
      test(`${command}: the title prompt keeps the command waiting; cancelling it creates nothing`, async () => {
        const before = disk.list('career');
        const pending = prompts.start(command);
        await prompts.prompt();
        assert.ok(await prompts.stillPending(pending), 'waits for a title');
        await prompts.accept(); // an empty title is refused: still waiting
        assert.ok(await prompts.stillPending(pending), 'an empty title is not accepted');
        await prompts.cancel();
        assert.equal(await prompts.result(pending), undefined);
        assert.deepEqual(disk.list('career'), before);
      });
    }

    test('newBragEntry { title }: the criteria pick lists the target level (L6) first; the checked items become criteria:', async () => {
      const pending = prompts.start<vscode.Uri>('careerLattice.newBragEntry', { title: 'Picked criteria', open: false });
      await prompts.prompt();
      assert.ok(!pending.settled, 'the criteria pick is open');
      await prompts.next(); // the first item: the first criterion of the target level
      await prompts.toggle();
      await prompts.next(); // the second one
      await prompts.toggle();
      await prompts.accept();
      const uri = track(await prompts.result(pending));
      assert.deepEqual(frontMatter(disk.read(rel(uri)))['criteria'], ['ic.L6.cross-team-direction', 'ic.L6.cross-cutting-architecture']);
    });

    test('newDesignDoc and newDecisionRecord { title }: accepting the pick with nothing checked is fine', async () => {
      for (const [command, folder] of [
        ['careerLattice.newDesignDoc', 'design-doc'],
        ['careerLattice.newDecisionRecord', 'decision'],
      ] as const) {
        const pending = prompts.start<vscode.Uri>(command, { title: `Nothing checked ${folder}`, open: false });
        await prompts.prompt();
        await prompts.accept();
        const uri = track(await prompts.result(pending));
        assert.equal(rel(uri), `career/${folder}/${today()}-nothing-checked-${folder}.md`);
        assert.deepEqual(frontMatter(disk.read(rel(uri)))['criteria'], []);
      }
    });

    test('newBragEntry { title }: cancelling the criteria pick creates nothing', async () => {
      const before = disk.list('career');
      const pending = prompts.start('careerLattice.newBragEntry', { title: 'Cancelled' });
      await prompts.prompt();
      await prompts.cancel();
      assert.equal(await prompts.result(pending), undefined);
      assert.deepEqual(disk.list('career'), before);
    });

    test('newNote asks for the kind of note, then for the title of that note', async () => {
      const before = disk.list('career');
      const pending = prompts.start('careerLattice.newNote');
      await prompts.prompt();
      await prompts.accept(); // "Brag entry", the first kind
      assert.ok(await prompts.stillPending(pending, 600), 'a second prompt (the title) follows the kind');
      await prompts.cancel();
      assert.equal(await prompts.result(pending), undefined);
      const cancelled = prompts.start('careerLattice.newNote');
      await prompts.prompt();
      await prompts.cancel();
      assert.equal(await prompts.result(cancelled), undefined);
      assert.deepEqual(disk.list('career'), before);
    });

    test('newBragEntryForCriterion (a criterion of the ladder view) and newBragEntry(criterion item) prompt for the title', async () => {
      for (const command of ['careerLattice.newBragEntryForCriterion', 'careerLattice.newBragEntry']) {
        const pending = prompts.start(command, { kind: 'criterion', trackId: 'ic', levelId: 'L6', criterionId: 'ic.L6.engineering-standards' });
        await prompts.prompt();
        assert.ok(await prompts.stillPending(pending), `${command} waits for a title`);
        await prompts.cancel();
        assert.equal(await prompts.result(pending), undefined);
      }
    });
  });
});
