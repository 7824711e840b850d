import * as assert from 'node:assert/strict';
import { builtinLadder, loadLadder } from '../../src/core/ladder/load';
import { formatProblem } from '../../src/core/problems';

function reader(files: Record<string, string>) {
  const reads: string[] = [];
  const read = async (path: string) => {
    reads.push(path);
    return files[path];
  };
  return { read, reads };
}

const FULL = `name: Acme ladder
tracks:
  - id: ic
    title: Engineers
    levels:
      - id: E1
        title: Engineer I
        scope: A feature
        criteria:
          - id: ic.E1.ships
            area: execution
            title: Ships features
            signals: [shipped]
      - id: E2
        title: Engineer II
        equivalent: M1
        criteria:
          - id: ic.E2.design
            area: technical
            title: Designs systems
  - id: management
    title: Managers
    levels:
      - id: M1
        title: Manager
        equivalent: E2
        criteria:
          - id: management.M1.hiring
            area: hiring
            title: Hires well
`;

suite('ladder loading', () => {
  test('no ladder file: the built-in ladder, no problems', async () => {
    const { read } = reader({});
    const result = await loadLadder('.career/ladder.yaml', read);
    assert.equal(result.source, 'builtin');
    assert.deepEqual(result.problems, []);
    assert.equal(result.ladder, builtinLadder());
  });

  test('no path configured: the built-in ladder without reading anything', async () => {
    const { read, reads } = reader({});
    const result = await loadLadder(undefined, read);
    assert.equal(result.source, 'builtin');
    assert.deepEqual(reads, []);
  });

  test('a whole custom ladder replaces the built-in one', async () => {
    const { read } = reader({ '.career/ladder.yaml': FULL });
    const result = await loadLadder('.career/ladder.yaml', read);
    assert.deepEqual(result.problems, []);
    assert.equal(result.source, '.career/ladder.yaml');
    assert.equal(result.ladder.name, 'Acme ladder');
    assert.deepEqual(
      result.ladder.tracks.map((t) => t.id),
      ['ic', 'management'],
    );
    assert.equal(result.ladder.criterion('ic.E2.design')?.level.id, 'E2');
    assert.equal(result.ladder.equivalent('E2')?.level.id, 'M1');
    assert.equal(result.ladder.nextLevel('E1')?.level.id, 'E2');
  });

  test('extends: builtin adds a criterion, overrides a title and removes a criterion', async () => {
    const builtin = builtinLadder();
    const firstLevel = builtin.tracks[0]!.levels[0]!;
    const existing = firstLevel.criteria[0];
    const removed = firstLevel.criteria[1];
    const yaml = `extends: builtin
name: Builtin plus
tracks:
  - id: ${builtin.tracks[0]!.id}
    levels:
      - id: ${firstLevel.id}
        criteria:
          - id: ${builtin.tracks[0]!.id}.${firstLevel.id}.writes-tests
            area: technical
            title: Writes tests
${existing ? `          - id: ${existing.id}\n            title: Renamed by the team\n` : ''}${removed ? `remove: [${removed.id}]\n` : ''}`;
    const { read } = reader({ '.career/ladder.yaml': yaml });
    const result = await loadLadder('.career/ladder.yaml', read);
    assert.deepEqual(
      result.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(result.source, '.career/ladder.yaml');
    assert.equal(result.ladder.name, 'Builtin plus');
    assert.ok(result.ladder.criterion(`${builtin.tracks[0]!.id}.${firstLevel.id}.writes-tests`));
    if (existing) {
      const overridden = result.ladder.criterion(existing.id)!.criterion;
      assert.equal(overridden.title, 'Renamed by the team');
      assert.equal(overridden.description, existing.description, 'fields not named keep their built-in value');
    }
    if (removed) assert.equal(result.ladder.criterion(removed.id), undefined);
    // The built-in ladder itself is untouched.
    if (existing) assert.equal(builtinLadder().criterion(existing.id)!.criterion.title, existing.title);
  });

  test('extends: a new level is added to its track', async () => {
    const yaml = `extends: builtin
tracks:
  - id: ic
    levels:
      - id: L9
        title: Wizard
        criteria:
          - id: ic.L9.magic
            area: technical
            title: Does magic
`;
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': yaml }).read);
    assert.deepEqual(
      result.problems.filter((p) => p.severity === 'error'),
      [],
    );
    const track = result.ladder.track('ic')!;
    assert.equal(track.levels[track.levels.length - 1]!.id, 'L9');
  });

  test('broken YAML: an error with line and column, and the built-in ladder stays in force', async () => {
    const yaml = 'name: Broken\ntracks:\n  - id: ic\n    title: [unclosed\n';
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': yaml }).read);
    assert.equal(result.source, 'builtin');
    assert.equal(result.ladder, builtinLadder());
    const error = result.problems.find((p) => p.severity === 'error')!;
    assert.ok(error, 'an error is reported');
    assert.equal(error.file, '.career/ladder.yaml');
    assert.equal(error.code, 'yaml-syntax');
    assert.ok(error.range.start.line >= 3, `error on the broken line, got ${error.range.start.line}`);
  });

  test('a duplicate criterion id is named with its path and place', async () => {
    const yaml = FULL.replace('id: ic.E2.design', 'id: ic.E1.ships');
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': yaml }).read);
    assert.equal(result.source, 'builtin');
    const dup = result.problems.find((p) => p.code === 'ladder-duplicate-id');
    assert.ok(dup, JSON.stringify(result.problems));
    assert.equal(dup.message, 'tracks[0].levels[1].criteria[0].id: duplicate id ic.E1.ships');
    const line = yaml.split('\n').findIndex((l, i) => i > 14 && l.includes('id: ic.E1.ships'));
    assert.equal(dup.range.start.line, line);
    assert.match(formatProblem(dup), /^\.career\/ladder\.yaml:\d+:\d+: error: tracks\[0\]\.levels\[1\]\.criteria\[0\]\.id: duplicate id ic\.E1\.ships$/);
  });

  test('a duplicate id inside an extending file is an error, not a silent merge', async () => {
    const yaml = `extends: builtin
tracks:
  - id: ic
    levels:
      - id: L5
        criteria:
          - id: ic.L5.same
            area: technical
            title: One
          - id: ic.L5.same
            area: technical
            title: Two
`;
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': yaml }).read);
    assert.equal(result.source, 'builtin');
    const dup = result.problems.find((p) => p.code === 'ladder-duplicate-id')!;
    assert.equal(dup.message, 'tracks[0].levels[0].criteria[1].id: duplicate id ic.L5.same');
    assert.equal(dup.range.start.line, 9);
  });

  test('wrong types and missing fields: plain-English messages with the path', async () => {
    const yaml = `name: Bad
tracks:
  - id: ic
    title: IC
    levels:
      - id: E1
        criteria:
          - id: not-an-id
            area: x
            title: Y
`;
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': yaml }).read);
    assert.equal(result.source, 'builtin');
    const messages = result.problems.map((p) => p.message);
    assert.ok(
      messages.some((m) => m.startsWith('tracks[0].levels[0].title: required')),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.startsWith('tracks[0].levels[0].criteria[0].id: must look like')),
      messages.join('\n'),
    );
    const idProblem = result.problems.find((p) => p.message.includes('criteria[0].id'))!;
    assert.equal(idProblem.range.start.line, 7);
  });

  test('a custom ladder that extends itself is reported as a cycle', async () => {
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': 'extends: ./ladder.yaml\n' }).read);
    assert.equal(result.source, 'builtin');
    const cycle = result.problems.find((p) => p.code === 'ladder-extends')!;
    assert.match(cycle.message, /cycle \.career\/ladder\.yaml -> \.career\/ladder\.yaml/);
    assert.equal(cycle.range.start.line, 0);
  });

  test('a cycle through two files is reported, and loading terminates', async () => {
    const files = {
      '.career/ladder.yaml': 'extends: base.yaml\nname: Top\n',
      '.career/base.yaml': 'extends: ./ladder.yaml\n',
    };
    const result = await loadLadder('.career/ladder.yaml', reader(files).read);
    assert.equal(result.source, 'builtin');
    assert.ok(
      result.problems.some((p) => /cycle .*ladder\.yaml -> \.career\/base\.yaml -> \.career\/ladder\.yaml/.test(p.message)),
      JSON.stringify(result.problems.map((p) => p.message)),
    );
  });

  test('extends another ladder file, which extends builtin', async () => {
    const files = {
      '.career/ladder.yaml': 'extends: company.yaml\nname: Team\n',
      '.career/company.yaml': 'extends: builtin\nname: Company\ntracks:\n  - id: ic\n    levels:\n      - id: L5\n        scope: Company scope\n',
    };
    const result = await loadLadder('.career/ladder.yaml', reader(files).read);
    assert.deepEqual(
      result.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(result.ladder.name, 'Team');
    assert.equal(result.ladder.level('L5')!.level.scope, 'Company scope');
    assert.deepEqual(result.files, ['.career/ladder.yaml', '.career/company.yaml']);
  });

  test('extends a file that does not exist', async () => {
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': 'extends: nope.yaml\n' }).read);
    assert.equal(result.source, 'builtin');
    assert.match(result.problems[0]!.message, /extends: "nope\.yaml" was not found \(looked for \.career\/nope\.yaml\)/);
  });

  test('extends outside the workspace is refused', async () => {
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': 'extends: ../../../etc/passwd\n' }).read);
    assert.equal(result.source, 'builtin');
    assert.match(result.problems[0]!.message, /outside the workspace/);
  });

  test('a ladder path outside the workspace is refused without reading', async () => {
    const { read, reads } = reader({});
    const result = await loadLadder('../secrets.yaml', read);
    assert.equal(result.source, 'builtin');
    assert.deepEqual(reads, []);
    assert.match(result.problems[0]!.message, /outside the workspace/);
  });

  test('unknown keys are warnings with a suggestion; the ladder still loads', async () => {
    const yaml = FULL.replace('        scope: A feature\n', '        scope: A feature\n        critera: []\n');
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': yaml }).read);
    assert.equal(result.source, '.career/ladder.yaml');
    const warning = result.problems.find((p) => p.code === 'ladder-unknown-key')!;
    assert.equal(warning.severity, 'warning');
    assert.match(warning.message, /tracks\[0\]\.levels\[0\]\.critera: unknown key "critera" \(did you mean "criteria"\?\)/);
    assert.equal(warning.range.start.line, 8);
  });

  test('an equivalent that names no level is an error with a suggestion', async () => {
    const yaml = FULL.replace('equivalent: M1', 'equivalent: M');
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': yaml }).read);
    assert.equal(result.source, 'builtin');
    assert.ok(
      result.problems.some((p) => /equivalent: no level "M" \(did you mean M1\?\)/.test(p.message)),
      JSON.stringify(result.problems.map((p) => p.message)),
    );
  });

  test('a file that is not a mapping', async () => {
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': '- just\n- a list\n' }).read);
    assert.equal(result.source, 'builtin');
    assert.match(result.problems[0]!.message, /must be a YAML mapping/);
  });

  test('a read error is reported, not thrown', async () => {
    const result = await loadLadder('.career/ladder.yaml', async () => {
      throw new Error('EACCES');
    });
    assert.equal(result.source, 'builtin');
    assert.match(result.problems[0]!.message, /could not be read: EACCES/);
  });
});

suite('ladder model', () => {
  test('levels resolve by id and alias, case-insensitively', () => {
    const ladder = builtinLadder();
    const l5 = ladder.level('L5');
    assert.ok(l5);
    assert.equal(ladder.level('e5')?.level, l5.level);
    assert.equal(ladder.level('l5')?.level, l5.level);
    assert.equal(ladder.level('nope'), undefined);
    assert.equal(ladder.level(undefined), undefined);
  });

  test('equivalence is symmetric even when declared on one side', async () => {
    const yaml = FULL.replace('        equivalent: E2\n', '');
    const result = await loadLadder('.career/ladder.yaml', reader({ '.career/ladder.yaml': yaml }).read);
    assert.equal(result.ladder.equivalent('M1')?.level.id, 'E2');
    assert.equal(result.ladder.equivalent('E2')?.level.id, 'M1');
    assert.equal(result.ladder.equivalent('E1'), undefined);
  });

  test('levelOnTrack maps a level to its equivalent on the other track', () => {
    const ladder = builtinLadder();
    assert.equal(ladder.levelOnTrack('management', 'L5')?.level.id, 'EM');
    assert.equal(ladder.levelOnTrack('ic', 'L5')?.level.id, 'L5');
    assert.equal(ladder.levelOnTrack('nope', 'L5'), undefined);
  });

  test('next level, and none at the top of a track', () => {
    const ladder = builtinLadder();
    assert.equal(ladder.nextLevel('L5')?.level.id, 'L6');
    const track = ladder.track('ic')!;
    assert.equal(ladder.nextLevel(track.levels[track.levels.length - 1]!.id), undefined);
  });
});
