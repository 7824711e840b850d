// Issue 17: company ladders as companies write them. Bugs, messages and the format additions, each on
// the shape of ladder that showed it.
import * as assert from 'node:assert/strict';
import { computeEvidence } from '../../src/core/evidence/evidence';
import { Ladder } from '../../src/core/ladder/ladder';
import { renderComparison, renderPacket } from '../../src/core/evidence/report';
import { trackChange } from '../../src/core/ladder/lattice';
import { loadLadder, MAX_SYNTAX_ERRORS } from '../../src/core/ladder/load';
import { jsYamlReader } from '../../src/core/util/jsYaml';
import { LADDER_YAML_LIMITS, parseYaml } from '../../src/core/util/yaml';
import { LadderSchema, type LadderInput } from '../../src/core/ladder/schema';
import { nearest } from '../../src/core/util/text';
import { NoteIndex } from '../../src/core/index/noteIndex';
import type { NoteRecord } from '../../src/core/index/noteIndex';

const PATH = '.career/ladder.yaml';

async function load(yaml: string, extra: Record<string, string> = {}) {
  const files: Record<string, string> = { [PATH]: yaml, ...extra };
  return loadLadder(PATH, async (p) => files[p]);
}

function errors(result: Awaited<ReturnType<typeof load>>) {
  return result.problems.filter((p) => p.severity === 'error');
}

function messages(result: Awaited<ReturnType<typeof load>>): string {
  return result.problems.map((p) => `${p.severity} ${p.range.start.line}: ${p.message}`).join('\n');
}

/** The line (zero-based) of the first line of `yaml` that contains `text`, after line `from`. */
function lineOf(yaml: string, text: string, from = -1): number {
  const i = yaml.split('\n').findIndex((l, n) => n > from && l.includes(text));
  assert.ok(i >= 0, `no line with ${text}`);
  return i;
}

const c = (id: string) => ({ id, area: 'execution', title: `Criterion ${id}` });

function ladderOf(input: LadderInput): Ladder {
  return new Ladder(LadderSchema.parse(input));
}

/** The shape of bug 1: IC1-IC3, and managers from M3 (= IC3). */
const SMALL: LadderInput = {
  name: 'Small',
  tracks: [
    { id: 'ic', title: 'IC', levels: ['IC1', 'IC2', 'IC3'].map((id) => ({ id, title: id, criteria: [c(`ic.${id}.a`)] })) },
    {
      id: 'management',
      title: 'Management',
      levels: [
        { id: 'M3', title: 'M3', equivalent: 'IC3', criteria: [c('management.M3.a')] },
        { id: 'M4', title: 'M4', criteria: [c('management.M4.a')] },
      ],
    },
  ],
};

/** The FT shape written without a fork: the manager track declared equivalent at SE2, then a director. */
const FT_FLAT: LadderInput = {
  name: 'FT flat',
  tracks: [
    { id: 'ic', title: 'IC', levels: ['JR', 'E', 'SE1', 'SE2', 'PE'].map((id) => ({ id, title: id, criteria: [c(`ic.${id}.a`)] })) },
    {
      id: 'management',
      title: 'People manager',
      levels: [
        { id: 'SE2M', title: 'Senior 2 (People Manager)', equivalent: 'SE2', criteria: [c('management.SE2M.a')] },
        { id: 'DIR', title: 'Director', criteria: [c('management.DIR.a')] },
      ],
    },
  ],
};

/** The FT shape with a shared trunk: Junior, Engineer, Senior 1; then IC or people manager; then director. */
const FT_FORK = `name: FT-shaped
tracks:
  - id: ic
    title: Engineer
    levels:
      - { id: JR, title: Junior, criteria: [{ id: ic.JR.a, area: craft, title: Learns }] }
      - { id: E, title: Engineer, criteria: [{ id: ic.E.a, area: craft, title: Delivers }] }
      - { id: SE1, title: Senior 1, criteria: [{ id: ic.SE1.a, area: craft, title: Owns }] }
      - { id: SE2, title: Senior 2, criteria: [{ id: ic.SE2.a, area: craft, title: Leads technically }] }
      - { id: PE, title: Principal, criteria: [{ id: ic.PE.a, area: craft, title: Sets direction }] }
  - id: management
    title: People manager
    from: SE1
    levels:
      - id: SE2M
        title: Senior 2 (People Manager)
        equivalent: SE2
        criteria: [{ id: management.SE2M.a, area: people, title: Manages a team }]
      - id: DIR
        title: Director
        carryForward: true
        criteria: [{ id: management.DIR.a, area: people, title: Manages managers }]
`;

suite('company ladders: bugs', () => {
  test('1. switching track uses the declared equivalent, not the position (IC2 is not above M3)', () => {
    const ladder = ladderOf(SMALL);
    assert.equal(ladder.levelOnTrack('management', 'IC3')?.level.id, 'M3');
    assert.notEqual(ladder.levelOnTrack('management', 'IC2')?.level.id, 'M4', 'IC2 is junior to IC3 = M3, so never M4');
    assert.equal(ladder.placeOnTrack('management', 'IC2')?.how, 'below-entry');
    // The way back keeps the declaration too.
    assert.equal(ladder.levelOnTrack('ic', 'M3')?.level.id, 'IC3');
    assert.equal(ladder.levelOnTrack('ic', 'M4')?.level.id, 'IC3', 'above the top of ic: its top, counted from M3 = IC3');
    const r = ladder.resolve({ track: 'management', currentLevel: 'IC2' });
    assert.equal(r.current.level.id, 'IC2', 'a person below the entry of a track stays where they are');
    assert.equal(r.target.level.id, 'M3', 'and works toward its first level');
    assert.equal(r.changeOfTrack, true);
  });

  test('1. levels between two declared equivalences keep their distance from the one below', () => {
    const ladder = ladderOf({
      name: 'Anchored',
      tracks: [
        { id: 'ic', title: 'IC', levels: ['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => ({ id, title: id, criteria: [c(`ic.${id}.a`)] })) },
        {
          id: 'management',
          title: 'M',
          levels: [
            { id: 'B1', title: 'B1', equivalent: 'A2', criteria: [c('management.B1.a')] },
            { id: 'B2', title: 'B2', criteria: [c('management.B2.a')] },
            { id: 'B3', title: 'B3', equivalent: 'A5', criteria: [c('management.B3.a')] },
          ],
        },
      ],
    });
    assert.equal(ladder.levelOnTrack('management', 'A3')?.level.id, 'B2');
    assert.equal(ladder.levelOnTrack('management', 'A4')?.level.id, 'B2', 'never past the next declared pair (A5 = B3)');
    assert.equal(ladder.levelOnTrack('management', 'A5')?.level.id, 'B3');
  });

  test('1. the FT shape: management at SE1 is not the director level, neither current nor target', () => {
    const ladder = ladderOf(FT_FLAT);
    const r = ladder.resolve({ track: 'management', currentLevel: 'SE1' });
    assert.equal(r.current.level.id, 'SE1');
    assert.equal(r.target.level.id, 'SE2M');
    assert.equal(ladder.resolve({ track: 'management', currentLevel: 'SE2' }).current.level.id, 'SE2M');
    assert.equal(ladder.resolve({ track: 'management', currentLevel: 'SE2' }).target.level.id, 'DIR');
  });

  test('2. a duplicate level id is reported on the duplicate, not on the first definition', async () => {
    const yaml = `name: Dup
tracks:
  - id: ic
    title: IC
    levels:
      - id: L1
        title: One
        criteria: [{ id: ic.L1.a, area: x, title: A }]
      - id: L1
        title: One again
        criteria: [{ id: ic.L1.b, area: x, title: B }]
`;
    const result = await load(yaml);
    const dup = result.problems.find((p) => p.code === 'ladder-duplicate-id');
    assert.ok(dup, messages(result));
    assert.equal(dup.range.start.line, lineOf(yaml, 'id: L1', lineOf(yaml, 'id: L1')), 'on the second L1');
    assert.match(dup.message, /^tracks\[0\]\.levels\[1\]\.id: duplicate level id L1 on track ic/);
  });

  test('2. the same level id on two tracks is fine (disciplines reuse IC1...); on one track it is not', async () => {
    const yaml = `name: Two
tracks:
  - { id: backend, title: Backend, levels: [{ id: IC1, title: One, criteria: [{ id: backend.IC1.a, area: x, title: A }] }] }
  - { id: sre, title: SRE, levels: [{ id: IC1, title: One, criteria: [{ id: sre.IC1.a, area: x, title: A }] }] }
`;
    const result = await load(yaml);
    assert.deepEqual(errors(result), []);
  });

  test('3. an equivalent problem sits on the `equivalent:` line', async () => {
    const yaml = `name: Eq
tracks:
  - id: ic
    title: IC
    levels:
      - id: SE2
        title: Senior 2
        criteria: [{ id: ic.SE2.a, area: x, title: A }]
      - id: PE
        title: Principal
        criteria: [{ id: ic.PE.a, area: x, title: A }]
  - id: management
    title: M
    levels:
      - id: EM
        title: EM
        summary: Runs a team
        equivalent: S2E
        criteria: [{ id: management.EM.a, area: x, title: A }]
`;
    const result = await load(yaml);
    const eq = result.problems.find((p) => p.code === 'ladder-reference')!;
    assert.ok(eq, messages(result));
    assert.equal(eq.range.start.line, lineOf(yaml, 'equivalent: S2E'));
    assert.match(eq.message, /^tracks\[1\]\.levels\[0\]\.equivalent: no level "S2E" \(did you mean SE2\?\)/);
  });

  test('3. "did you mean" breaks ties by closeness (shared prefix, then characters), not the alphabet', () => {
    assert.deepEqual(nearest('S2E', ['PE', 'SE2'], 1), ['SE2']);
    assert.deepEqual(nearest('S2E', ['SE2', 'PE'], 1), ['SE2'], 'whatever the order');
    assert.deepEqual(nearest('managment', ['ic', 'management', 'manager'], 1), ['management']);
  });

  const L2_PATCH = (placement: string) => `extends: builtin
tracks:
  - id: ic
    levels:
      - id: L2
        title: Associate
${placement}        criteria:
          - id: ic.L2.learns
            area: technical
            title: Learns the codebase
`;

  test('4. a level added by extends goes where `after:` or `before:` says', async () => {
    for (const placement of ['        before: L3\n', '        after: L1\n'.replace('L1', 'L3')]) {
      const result = await load(L2_PATCH(placement));
      assert.deepEqual(errors(result), [], messages(result));
      const ids = result.ladder.track('ic')!.levels.map((l) => l.id);
      if (placement.includes('before')) {
        assert.deepEqual(ids.slice(0, 2), ['L2', 'L3']);
        assert.equal(result.ladder.nextLevel('L2')?.level.id, 'L3');
        assert.equal(result.ladder.nextLevel('L8'), undefined, 'the level after the top is none, not L2');
      } else {
        assert.deepEqual(ids.slice(0, 3), ['L3', 'L2', 'L4']);
      }
      assert.ok(!result.problems.some((p) => /the top of track/.test(p.message)), 'a placed level draws no warning');
    }
  });

  test('4. an added level placed after the top by default draws a warning that says how to place it', async () => {
    const yaml = L2_PATCH('');
    const result = await load(yaml);
    assert.equal(result.source, PATH, 'still loads');
    const warning = result.problems.find((p) => p.severity === 'warning' && /the top of track/.test(p.message));
    assert.ok(warning, messages(result));
    assert.match(warning.message, /level L2 is added above L8, the top of track `ic`.*`after: <level>` or `before: <level>`/);
    assert.equal(warning.range.start.line, lineOf(yaml, 'id: L2'));
  });

  test('4. `after:` naming no level of the track is an error with a suggestion', async () => {
    const result = await load(L2_PATCH('        after: L33\n'));
    assert.equal(result.source, 'builtin');
    assert.ok(
      result.problems.some((p) => /levels\[0\]\.after: no level `L33` on track `ic`; did you mean `L3`\?/.test(p.message)),
      messages(result),
    );
  });

  test('5. patching aliases adds to them: E3 still resolves; `replaceAliases: true` replaces', async () => {
    const merged = await load('extends: builtin\ntracks:\n  - id: ic\n    levels:\n      - id: L3\n        aliases: [SWE1]\n');
    assert.deepEqual(errors(merged), []);
    assert.equal(merged.ladder.level('E3')?.level.id, 'L3', 'the built-in alias still resolves');
    assert.equal(merged.ladder.level('SWE1')?.level.id, 'L3');
    const replaced = await load('extends: builtin\ntracks:\n  - id: ic\n    levels:\n      - id: L3\n        aliases: [SWE1]\n        replaceAliases: true\n');
    assert.deepEqual(errors(replaced), []);
    assert.equal(replaced.ladder.level('E3'), undefined);
    assert.equal(replaced.ladder.level('SWE1')?.level.id, 'L3');
  });
});

suite('company ladders: messages a person can act on', () => {
  test('a misspelled track id in an extends file: one error, "did you mean", no "title: required"', async () => {
    const yaml = `extends: builtin
tracks:
  - id: managment
    levels:
      - id: EM
        scope: A team
`;
    const result = await load(yaml);
    assert.equal(result.source, 'builtin');
    assert.equal(errors(result).length, 1, messages(result));
    assert.match(
      errors(result)[0]!.message,
      /^tracks\[0\]\.id: no track `managment` in the ladder this file extends; did you mean `management`\? \(to add a track, give it a title and levels\)$/,
    );
    assert.equal(errors(result)[0]!.range.start.line, 2);
    assert.ok(!/required/.test(messages(result)));
  });

  test('a misspelled criterion id in a patch: "no criterion ...; did you mean ...? (to add one, give area and title)"', async () => {
    const yaml = `extends: builtin
tracks:
  - id: ic
    levels:
      - id: L5
        criteria:
          - id: ic.L5.mentorng
            title: Mentors two engineers
`;
    const builtin = (await load('extends: builtin\n')).ladder;
    const real = builtin
      .criteriaOf(builtin.level('L5')!)
      .map((x) => x.id)
      .find((id) => id.includes('mentor'));
    assert.ok(real, 'the built-in L5 has a mentoring criterion');
    const result = await load(yaml.replace('ic.L5.mentorng', `${real.slice(0, -2)}x`));
    assert.equal(errors(result).length, 1, messages(result));
    assert.match(
      errors(result)[0]!.message,
      new RegExp(
        `no criterion \`${real.slice(0, -2)}x\`; did you mean \`${real.replace(/[.]/g, '\\.')}\`\\? \\(to add one, give area and title; area missing\\)`,
      ),
    );
    assert.equal(errors(result)[0]!.range.start.line, 6);
    assert.ok(!/area: required/.test(messages(result)));
  });

  test('a misspelled level id in a patch says so instead of asking for a title', async () => {
    const result = await load('extends: builtin\ntracks:\n  - id: ic\n    levels:\n      - id: L55\n        scope: Big\n');
    assert.equal(errors(result).length, 1, messages(result));
    assert.match(errors(result)[0]!.message, /no level `L55` on track `ic`; did you mean `L5`\?/);
  });

  test('a level id like senior-1 says which characters are allowed, with no follow-on errors', async () => {
    const yaml = `name: X
tracks:
  - id: ic
    title: IC
    levels:
      - id: senior-1
        title: Senior 1
        criteria:
${Array.from({ length: 9 }, (_, i) => `          - { id: ic.senior-1.c${i}, area: a, title: C${i} }`).join('\n')}
`;
    const result = await load(yaml);
    assert.equal(errors(result).length, 1, messages(result));
    const e = errors(result)[0]!;
    assert.match(e.message, /starts with a letter and has only letters, digits and \+/);
    assert.match(e.message, /`senior-1` has `-`/);
    assert.match(e.message, /`SENIOR1` would do/);
    assert.equal(e.range.start.line, lineOf(yaml, 'id: senior-1'));
  });

  test('tab indentation: the first few errors and a count of the rest', async () => {
    const yaml = 'name: X\ntracks:\n' + Array.from({ length: 10 }, (_, i) => `\t- id: t${i}\n\t  title: T\n`).join('');
    const result = await load(yaml);
    const errs = errors(result);
    assert.equal(errs.length, MAX_SYNTAX_ERRORS + 1, messages(result));
    assert.match(errs[0]!.message, /Tabs/);
    const count = errs[MAX_SYNTAX_ERRORS]!;
    assert.match(
      count.message,
      /^\.\.\.and \d+ more YAML errors after these, most likely caused by the first\. 20 lines are indented with tabs: YAML needs spaces/,
    );
  });

  test('a level that ends up with no criteria is an error', async () => {
    const yaml = `name: X
tracks:
  - id: ic
    title: IC
    levels:
      - { id: L1, title: One, criteria: [{ id: ic.L1.a, area: x, title: A }] }
      - id: L2
        title: Two
`;
    const result = await load(yaml);
    assert.equal(result.source, 'builtin');
    const e = errors(result).find((p) => /no criteria/.test(p.message));
    assert.ok(e, messages(result));
    assert.match(e.message, /^tracks\[0\]\.levels\[1\]: level L2 has no criteria; give it `criteria:`, or `carryForward: true`/);
    assert.equal(e.range.start.line, lineOf(yaml, 'id: L2'));
  });

  test('a misspelled `critera` says so loudly: an error on that key, not only a warning', async () => {
    const yaml = `name: X
tracks:
  - id: ic
    title: IC
    levels:
      - id: L1
        title: One
        critera:
          - { id: ic.L1.a, area: x, title: A }
`;
    const result = await load(yaml);
    assert.equal(result.source, 'builtin');
    const e = errors(result).find((p) => /no criteria/.test(p.message));
    assert.ok(e, messages(result));
    assert.match(e.message, /level L1 has no criteria: `critera` is not a key; did you mean `criteria`\?/);
    assert.equal(e.range.start.line, lineOf(yaml, 'critera'));
  });

  test('removing every criterion of a level through extends is an error too', async () => {
    const base = (await load('extends: builtin\n')).ladder;
    const ids = base.level('L3')!.level.criteria.map((x) => x.id);
    const result = await load(`extends: builtin\nremove: [${ids.join(', ')}]\n`);
    assert.equal(result.source, 'builtin');
    assert.ok(
      errors(result).some((p) => /ic\.L3: level L3 has no criteria/.test(p.message)),
      messages(result),
    );
  });
});

suite('company ladders: the format', () => {
  const DISCIPLINES = `name: Disciplines
tracks:
${['backend', 'sre', 'security']
  .map(
    (t) => `  - id: ${t}
    title: ${t}
    levels:
${['IC1', 'IC2', 'IC3', 'IC4']
  .map((l) => `      - { id: ${l}, title: ${t} ${l}, criteria: [{ id: ${t}.${l}.a, area: craft, title: ${t} ${l} craft }] }`)
  .join('\n')}`,
  )
  .join('\n')}
  - id: management
    title: Managers
    levels:
      - { id: M3, title: Manager, equivalent: IC3, criteria: [{ id: management.M3.a, area: people, title: Runs a team }] }
      - { id: M4, title: Senior manager, equivalent: IC4, criteria: [{ id: management.M4.a, area: people, title: Runs teams }] }
`;

  test('any number of tracks; level ids unique within their track; the level on each track by id', async () => {
    const result = await load(DISCIPLINES);
    assert.deepEqual(errors(result), [], messages(result));
    const ladder = result.ladder;
    assert.deepEqual(
      ladder.tracks.map((t) => t.id),
      ['backend', 'sre', 'security', 'management'],
    );
    assert.equal(ladder.level('IC2', 'sre')?.track.id, 'sre');
    assert.equal(ladder.level('security.IC2')?.track.id, 'security');
    assert.equal(ladder.levelOnTrack('sre', 'IC3')?.track.id, 'sre');
    const r = ladder.resolve({ track: 'security', currentLevel: 'IC2' });
    assert.equal(r.current.track.id, 'security');
    assert.equal(r.target.level.id, 'IC3');
    assert.equal(r.target.track.id, 'security');
    // An unqualified equivalent pairs with that id on every discipline.
    assert.equal(ladder.levelOnTrack('management', 'IC3')?.level.id, 'M3');
    assert.equal(ladder.placeOnTrack('sre', 'M4', 'management')?.ref.level.id, 'IC4');
    assert.equal(ladder.placeOnTrack('sre', 'M4', 'management')?.ref.track.id, 'sre');
  });

  test('a shared trunk and a fork: Senior 1 -> Senior 2 (People Manager) is a promotion, not a change of track', async () => {
    const result = await load(FT_FORK);
    assert.deepEqual(errors(result), [], messages(result));
    const ladder = result.ladder;
    assert.deepEqual(
      ladder.path('management').map((r) => r.level.id),
      ['JR', 'E', 'SE1', 'SE2M', 'DIR'],
    );
    assert.deepEqual(
      ladder.nextLevels('SE1').map((r) => r.level.id),
      ['SE2', 'SE2M'],
      'either branch after the fork',
    );
    const onManagement = ladder.resolve({ track: 'management', currentLevel: 'SE1' });
    assert.equal(onManagement.current.level.id, 'SE1', 'the trunk level is the current level on both tracks');
    assert.equal(onManagement.target.level.id, 'SE2M');
    assert.equal(onManagement.changeOfTrack, false);
    const fromIc = ladder.resolve({ track: 'ic', currentLevel: 'SE1', targetLevel: 'SE2M' });
    assert.equal(fromIc.target.level.id, 'SE2M', 'a valid target from the fork point');
    assert.equal(fromIc.changeOfTrack, false);
    assert.equal(ladder.resolve({ track: 'ic', currentLevel: 'SE1' }).target.level.id, 'SE2');
    // Past the fork, the branches are apart: Senior 2 -> Director is a change of track.
    assert.equal(ladder.resolve({ track: 'ic', currentLevel: 'SE2', targetLevel: 'DIR' }).changeOfTrack, true);
    assert.equal(ladder.levelOnTrack('management', 'SE2')?.level.id, 'SE2M');
    assert.equal(ladder.levelOnTrack('ic', 'SE2M')?.level.id, 'SE2');
  });

  test('`from` errors: a level that does not exist, one of the same track, and a cycle', async () => {
    const unknown = await load(FT_FORK.replace('from: SE1', 'from: SE11'));
    assert.ok(
      errors(unknown).some((p) => /tracks\[1\]\.from: no level "SE11" on another track \(did you mean SE1\?\)/.test(p.message)),
      messages(unknown),
    );
    assert.equal(errors(unknown)[0]!.range.start.line, lineOf(FT_FORK, 'from: SE1'));
    const own = await load(FT_FORK.replace('from: SE1', 'from: DIR'));
    assert.ok(
      errors(own).some((p) => /DIR is on this track/.test(p.message)),
      messages(own),
    );
    const cycle = await load(FT_FORK.replace('  - id: ic\n    title: Engineer\n', '  - id: ic\n    title: Engineer\n    from: DIR\n'));
    assert.ok(
      errors(cycle).some((p) => /the tracks start from each other/.test(p.message)),
      messages(cycle),
    );
  });

  test('criteria that carry forward: one note counts at both levels, nothing copied', async () => {
    const result = await load(FT_FORK);
    const ladder = result.ladder;
    assert.deepEqual(
      ladder.criteriaOf(ladder.level('DIR')!).map((x) => x.id),
      ['management.DIR.a', 'management.SE2M.a'],
    );
    assert.deepEqual(
      ladder.criteriaOf(ladder.level('SE2M')!).map((x) => x.id),
      ['management.SE2M.a'],
      'SE2M does not carry forward',
    );
    assert.deepEqual(
      ladder.carriedFrom(ladder.level('DIR')!.level).map((r) => r.level.id),
      ['SE2M'],
    );
    const index = new NoteIndex();
    index.set(note('career/brag/a.md', ['management.SE2M.a']));
    const toDir = computeEvidence(ladder, index, { track: 'management', currentLevel: 'SE2M', today: '2026-06-01' });
    assert.equal(toDir.targetLevel, 'DIR');
    assert.equal(toDir.total, 2);
    assert.equal(toDir.covered, 1, 'the SE2M note counts toward DIR');
    const toSe2m = computeEvidence(ladder, index, { track: 'management', currentLevel: 'SE1', today: '2026-06-01' });
    assert.equal(toSe2m.covered, 1, 'and toward SE2M');
  });

  test('a level with `carryForward: true` and no criteria of its own is fine when the level below has some', async () => {
    const yaml = FT_FORK.replace(
      '        carryForward: true\n        criteria: [{ id: management.DIR.a, area: people, title: Manages managers }]\n',
      '        carryForward: true\n',
    );
    const result = await load(yaml);
    assert.deepEqual(errors(result), [], messages(result));
    assert.equal(result.ladder.criteriaOf(result.ladder.level('DIR')!).length, 1);
  });

  test('extends adds a track that forks, and places a level with before:', async () => {
    const yaml = `extends: builtin
tracks:
  - id: architect
    title: Architect
    from: L6
    levels:
      - id: A1
        title: Architect
        criteria: [{ id: architect.A1.a, area: technical, title: Owns the architecture of a domain }]
`;
    const result = await load(yaml);
    assert.deepEqual(errors(result), [], messages(result));
    assert.ok(!result.problems.some((p) => /the top of track/.test(p.message)), 'a new track draws no placement warning');
    assert.deepEqual(
      result.ladder.nextLevels('L6').map((r) => r.level.id),
      ['L7', 'A1'],
    );
  });

  test('optional group, expectation, points and threshold are kept', async () => {
    const yaml = `name: Snowflake-ish
tracks:
  - id: eng
    title: Engineering
    levels:
      - id: G1
        title: Growing
        threshold: 3
        criteria:
          - { id: eng.G1.web, group: Building, area: Web client, title: Web client, expectation: Adopts, points: 2 }
          - { id: eng.G1.mentor, group: Strengthening, area: Mentorship, title: Mentorship, points: 1 }
`;
    const result = await load(yaml);
    assert.deepEqual(result.problems, []);
    const level = result.ladder.level('G1')!.level;
    assert.equal(level.threshold, 3);
    assert.equal(level.criteria[0]!.group, 'Building');
    assert.equal(level.criteria[0]!.expectation, 'Adopts');
    assert.equal(level.criteria[0]!.points, 2);
  });
});

suite('company ladders: points against a threshold', () => {
  test('a level with a threshold: the summary counts the points of the covered criteria, carried ones included', async () => {
    const yaml = `name: Points
tracks:
  - id: eng
    title: Engineering
    levels:
      - id: G1
        title: Growing
        threshold: 0
        criteria: [{ id: eng.G1.web, area: Web, title: Web 1, points: 1 }, { id: eng.G1.ops, area: Ops, title: Ops 1, points: 1 }]
      - id: G2
        title: Contributing
        threshold: 4
        carryForward: true
        criteria: [{ id: eng.G2.web, area: Web, title: Web 2, points: 2 }, { id: eng.G2.ops, area: Ops, title: Ops 2, points: 2 }]
`;
    const result = await load(yaml);
    assert.deepEqual(errors(result), [], messages(result));
    const index = new NoteIndex();
    index.set([note('career/brag/a.md', ['eng.G1.web']), note('career/brag/b.md', ['eng.G2.ops'])]);
    const s = computeEvidence(result.ladder, index, { track: 'eng', currentLevel: 'G1', today: '2026-06-01' });
    assert.equal(s.targetLevel, 'G2');
    assert.deepEqual(s.points, { earned: 3, total: 6, threshold: 4 });
    const plain = computeEvidence((await load('extends: builtin\n')).ladder, index, { track: 'ic', currentLevel: 'L5', today: '2026-06-01' });
    assert.equal(plain.points, undefined, 'no points for a ladder without thresholds');
  });
});

suite('company ladders: the lattice', () => {
  test('a target on another track is kept, and said to be a change of track (L5 -> EM)', async () => {
    const ladder = (await load('extends: builtin\n')).ladder;
    const index = new NoteIndex();
    const s = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', targetLevel: 'EM', today: '2026-06-01' });
    assert.equal(s.currentLevel, 'L5');
    assert.equal(s.targetLevel, 'EM', 'not silently the next IC level');
    assert.equal(s.changeOfTrack, true);
    assert.equal(s.targetTrack, 'management');
    assert.deepEqual(
      s.criteria.map((x) => x.id),
      ladder.criteriaOf(ladder.level('EM')!).map((x) => x.id),
    );
    const promotion = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', targetLevel: 'L6', today: '2026-06-01' });
    assert.equal(promotion.changeOfTrack, false);
  });
});

function note(path: string, criteria: string[]): NoteRecord {
  return {
    path,
    type: 'brag',
    title: path,
    date: '2026-05-01',
    criteria,
    impact: [],
    links: [],
    level: null,
    review: null,
    status: null,
    problems: [],
    mtime: 0,
    size: 0,
  } as unknown as NoteRecord;
}

/** The index worker's fast reader (js-yaml), or undefined where it does not read the text. */
function fastValue(text: string): unknown {
  try {
    return jsYamlReader(text);
  } catch {
    return undefined;
  }
}

suite("the index worker's fast YAML reader reads as the yaml package does", () => {
  const EXAMPLES = require('node:path').resolve(__dirname, '../../../examples/ladders');
  const fs = require('node:fs') as typeof import('node:fs');

  test('every example ladder: the same value from js-yaml as from the yaml package', () => {
    let read = 0;
    for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(`${EXAMPLES}/${file}`, 'utf8');
      if (text.includes('&')) continue; // anchors: only the yaml package reads them (and refuses their aliases)
      assert.deepEqual(fastValue(text), parseYaml(text, { limits: LADDER_YAML_LIMITS }).value, file);
      read++;
    }
    assert.ok(read >= 3, `${read} example ladders compared`);
  });

  test('scalars read as the YAML 1.2 core schema reads them, by both readers (1:1 is text, 010 is ten)', () => {
    const scalars = [
      '1:1',
      '010',
      '1_000',
      '0b1',
      '0o17',
      '0x1F',
      '.5',
      '1e3',
      '+12',
      '-0',
      'yes',
      'No',
      'on',
      'True',
      'FALSE',
      '~',
      'null',
      'Null',
      '',
      '.inf',
      '-.Inf',
      '.NaN',
      '2026-01-01',
      '12:30:00',
      '1.',
      '0.1.2',
      'E3',
    ];
    const text = scalars.map((v, i) => `k${i}: ${v}`).join('\n');
    const value = fastValue(text) as Record<string, unknown>;
    assert.deepEqual(value, parseYaml(text, { limits: LADDER_YAML_LIMITS }).value);
    assert.equal(value['k1'], 10);
    assert.equal(value['k0'], '1:1');
  });

  test('JavaScript types and tags outside the core schema are refused, not built', () => {
    assert.throws(() => jsYamlReader('f: !!js/function "function () { return 1 }"\n'), /unknown tag/);
    assert.throws(() => jsYamlReader('d: !!timestamp 2026-01-01\n'), /unknown tag/);
  });
});

suite('company ladders: read precisely, every time', () => {
  test('deep nesting: a problem, and the built-in ladder stays; 010 is ten', async () => {
    const deep = `name: x\ntracks: ${'[ "]" '.repeat(5000)}\n`;
    const result = await load(deep);
    assert.equal(result.source, 'builtin');
    assert.ok(
      result.problems.some((p) => p.code === 'yaml-limit' || p.code === 'yaml-syntax'),
      messages(result),
    );
    const numbered = await load(
      `name: N\ntracks:\n  - id: eng\n    title: E\n    levels:\n      - id: G1\n        title: G\n        threshold: 010\n        criteria: [{ id: eng.G1.a, area: a, title: A, points: 2 }]\n`,
    );
    assert.deepEqual(errors(numbered), []);
    assert.equal(numbered.ladder.level('G1')!.level.threshold, 10, 'YAML 1.2: 010 is ten');
  });

  test('a misspelled track id is reported on its line', async () => {
    const yaml = 'extends: builtin\ntracks:\n  - id: managment\n    levels:\n      - id: EM\n        scope: A team\n';
    const result = await load(yaml);
    assert.equal(errors(result)[0]!.range.start.line, 2);
  });
});

suite('company ladders: a change of track, in words', () => {
  test('trackChange: none for a promotion or a fork branch; the sentence and the try-first steps for L5 -> EM', async () => {
    const ladder = (await load('extends: builtin\n')).ladder;
    assert.equal(trackChange(ladder, { currentLevel: 'L5', targetLevel: 'L6' }), undefined);
    const change = trackChange(ladder, { currentLevel: 'L5', targetLevel: 'EM' })!;
    assert.equal(change.sentence, 'A change of track: from Individual Contributor (L5) to Management (EM).');
    assert.equal(change.toManagement, true);
    assert.equal(change.tryFirst.length, 4);
    assert.match(change.tryFirst.join('\n'), /without formal authority[\s\S]*six months[\s\S]*Shadow a manager[\s\S]*leave/);
    const back = trackChange(ladder, { currentLevel: 'EM', targetLevel: 'L6' })!;
    assert.equal(back.toManagement, false, 'a manager going back to IC gets the general steps');
    const fork = (await load(FT_FORK)).ladder;
    assert.equal(trackChange(fork, { currentLevel: 'SE1', targetLevel: 'SE2M' }), undefined, 'Senior 1 -> Senior 2 (People Manager) is a promotion');
    assert.ok(trackChange(fork, { currentLevel: 'SE2', targetLevel: 'SE2M' }));
  });

  test('the packet and the comparison say it is a change of track', async () => {
    const ladder = (await load('extends: builtin\n')).ladder;
    const index = new NoteIndex();
    const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', targetLevel: 'EM', today: '2026-06-01' });
    const packet = renderPacket(ladder, index, summary, { today: '2026-06-01', packetPath: 'career/packets/p.md', staleAfterMonths: 12 }).replace(
      /\\(.)/g,
      '$1',
    );
    assert.match(packet, /A change of track: from Individual Contributor \(L5\) to Management \(EM\)/);
    assert.match(packet, /Try before you commit/);
    const comparison = renderComparison(ladder, 'L5', 'EM').replace(/\\(.)/g, '$1');
    assert.match(comparison, /A change of track/);
    assert.doesNotMatch(renderComparison(ladder, 'L5', 'L6'), /change of track/);
  });
});
