import * as assert from 'assert';
import { BUILTIN_AREAS, BUILTIN_LADDER } from '../../src/core/ladder/builtin';
import { Ladder } from '../../src/core/ladder/ladder';
import { CRITERION_ID, LadderSchema, type LadderData } from '../../src/core/ladder/schema';
import { tokenize } from '../../src/core/tagging';

suite('built-in ladder', () => {
  let data: LadderData;
  let ladder: Ladder;

  suiteSetup(() => {
    data = LadderSchema.parse(BUILTIN_LADDER);
    ladder = new Ladder(data);
  });

  test('parses with LadderSchema', () => {
    const result = LadderSchema.safeParse(BUILTIN_LADDER);
    assert.ok(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5), null, 2));
    assert.strictEqual(data.name, 'Dual-track engineering ladder');
    assert.ok(data.description.length > 0);
  });

  test('has both tracks with exactly their level ids, in order', () => {
    assert.deepStrictEqual(
      data.tracks.map((t) => t.id),
      ['ic', 'management'],
    );
    assert.deepStrictEqual(
      ladder.track('ic')!.levels.map((l) => l.id),
      ['L3', 'L4', 'L5', 'L6', 'L7', 'L8'],
    );
    assert.deepStrictEqual(
      ladder.track('management')!.levels.map((l) => l.id),
      ['TL', 'EM', 'SEM', 'DIR', 'VP', 'CTO'],
    );
  });

  test('every level has scope, typical years, a summary and at least 5 criteria', () => {
    for (const track of data.tracks) {
      for (const level of track.levels) {
        assert.ok(level.scope, `${level.id} scope`);
        assert.ok(level.typicalYears, `${level.id} typicalYears`);
        assert.ok(level.summary, `${level.id} summary`);
        assert.ok(level.criteria.length >= 5, `${level.id} has ${level.criteria.length} criteria`);
      }
    }
  });

  test('IC scope and years follow the seed table', () => {
    const rows = ladder.track('ic')!.levels.map((l) => [l.id, l.scope, l.typicalYears]);
    assert.deepStrictEqual(rows, [
      ['L3', 'Single feature or component', '0-2'],
      ['L4', 'End-to-end feature ownership', '2-5'],
      ['L5', 'Significant system, team influence', '5-10'],
      ['L6', 'Multiple teams, product area', '8-15'],
      ['L7', 'Organizational technical strategy', '12-20'],
      ['L8', 'Company and industry influence', '20+'],
    ]);
  });

  test('level ids are unique across the ladder and no alias names another level', () => {
    const ids = data.tracks.flatMap((t) => t.levels.map((l) => l.id.toUpperCase()));
    assert.strictEqual(new Set(ids).size, ids.length);
    for (const track of data.tracks) {
      for (const level of track.levels) {
        for (const alias of level.aliases) {
          const other = ladder.level(alias)!;
          assert.strictEqual(other.level.id, level.id, `alias ${alias} of ${level.id} resolves to ${other.level.id}`);
          assert.ok(!ids.includes(alias.toUpperCase()) || alias.toUpperCase() === level.id.toUpperCase(), alias);
        }
      }
    }
  });

  test('criterion ids are unique and prefixed with their own track and level', () => {
    const seen = new Set<string>();
    for (const track of data.tracks) {
      for (const level of track.levels) {
        for (const criterion of level.criteria) {
          assert.ok(!seen.has(criterion.id), `duplicate ${criterion.id}`);
          seen.add(criterion.id);
          assert.match(criterion.id, CRITERION_ID);
          assert.ok(criterion.id.startsWith(`${track.id}.${level.id}.`), criterion.id);
        }
      }
    }
    assert.strictEqual(ladder.criterionIds().length, seen.size);
  });

  test('equivalences are declared on both sides: L5~EM, L6~SEM, L7~DIR, L8~VP', () => {
    const pairs: Array<[string, string]> = [
      ['L5', 'EM'],
      ['L6', 'SEM'],
      ['L7', 'DIR'],
      ['L8', 'VP'],
    ];
    for (const [ic, mgmt] of pairs) {
      assert.strictEqual(ladder.level(ic)!.level.equivalent, mgmt);
      assert.strictEqual(ladder.level(mgmt)!.level.equivalent, ic);
      assert.strictEqual(ladder.equivalent(ic)!.level.id, mgmt);
      assert.strictEqual(ladder.equivalent(mgmt)!.level.id, ic);
    }
    for (const id of ['L3', 'L4', 'TL', 'CTO']) {
      assert.strictEqual(ladder.level(id)!.level.equivalent, null, id);
    }
  });

  test('E-aliases resolve to the IC levels', () => {
    for (let n = 3; n <= 8; n++) {
      assert.strictEqual(ladder.level(`E${n}`)?.level.id, `L${n}`);
      assert.strictEqual(ladder.level(`e${n}`)?.level.id, `L${n}`);
    }
  });

  test('criteria use the area vocabulary, short titles and at least one signal', () => {
    const areas = new Set<string>(BUILTIN_AREAS);
    assert.ok(areas.size <= 12);
    for (const { criterion } of ladder.allCriteria()) {
      assert.ok(areas.has(criterion.area), `${criterion.id}: area ${criterion.area}`);
      assert.ok(criterion.title.length <= 45, `${criterion.id}: title too long for the tree`);
      assert.ok(criterion.description.length > 0, `${criterion.id}: description`);
      assert.ok(criterion.signals.length >= 1, `${criterion.id}: no signals`);
      for (const signal of criterion.signals) {
        assert.ok(
          tokenize(signal).some((t) => t !== null),
          `${criterion.id}: signal ${JSON.stringify(signal)} has no words`,
        );
      }
    }
  });

  test('four staff archetypes at L6+, and the specializations', () => {
    assert.deepStrictEqual(
      data.archetypes.map((a) => a.id),
      ['tech-lead', 'architect', 'solver', 'right-hand'],
    );
    for (const archetype of data.archetypes) {
      assert.ok(archetype.description);
      assert.ok(archetype.levels.length > 0);
      for (const level of archetype.levels) assert.ok(['L6', 'L7', 'L8'].includes(level), `${archetype.id}: ${level}`);
    }
    const specializations = data.specializations.map((s) => s.id);
    for (const id of ['frontend', 'backend', 'infrastructure', 'data-ml', 'security', 'mobile']) {
      assert.ok(specializations.includes(id), id);
    }
    for (const specialization of data.specializations) assert.ok(specialization.focus.length > 0, specialization.id);
  });
});
