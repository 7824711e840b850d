import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadLadder } from '../../src/core/ladder/load';

// The example ladders the README points to must stay valid.
const EXAMPLES = path.resolve(__dirname, '../../../examples/ladders');

suite('example ladders', () => {
  const read = async (p: string) => {
    const file = path.join(EXAMPLES, p);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };

  test('the complete company ladder loads without a problem', async () => {
    const result = await loadLadder('acme-ladder.yaml', read);
    assert.deepEqual(result.problems, []);
    assert.equal(result.ladder.name, 'Acme engineering ladder');
    assert.equal(result.ladder.equivalent('ENG4')?.level.id, 'MGR2');
    assert.equal(result.ladder.level('DIR')?.level.id, 'MGR3');
    assert.ok(result.ladder.tracks.every((t) => t.levels.every((l) => l.criteria.length >= 3)));
  });

  test('the extending example changes only what it names', async () => {
    const result = await loadLadder('extend-builtin.yaml', read);
    assert.deepEqual(result.problems, []);
    assert.equal(result.ladder.criterion('ic.L6.presents-to-leadership')?.criterion.title, 'Presents to the leadership team');
    assert.ok(result.ladder.criterion('ic.L6.incident-commander'));
    assert.equal(result.ladder.criterion('ic.L8.advises-cto'), undefined);
    assert.ok(result.ladder.criterion('ic.L8.industry-expertise'));
  });

  test("pillars and disciplines (a large company's shape): seven IC levels per discipline, five manager levels, five pillars", async () => {
    const result = await loadLadder('pillars-and-disciplines.yaml', read);
    assert.deepEqual(result.problems, []);
    const ladder = result.ladder;
    assert.deepEqual(
      ladder.tracks.map((t) => t.id),
      ['backend', 'frontend', 'sre', 'management'],
    );
    for (const id of ['backend', 'frontend', 'sre'])
      assert.deepEqual(
        ladder.track(id)!.levels.map((l) => l.id),
        ['IC1', 'IC2', 'IC3', 'IC4', 'IC5', 'IC6', 'IC7'],
      );
    assert.deepEqual(
      ladder.track('management')!.levels.map((l) => l.id),
      ['M3', 'M4', 'M5', 'M6', 'M7'],
    );
    const groups = new Set(ladder.allCriteria().map((c) => c.criterion.group));
    assert.deepEqual([...groups].sort(), ['Craft', 'Culture', 'Direction', 'Impact', 'Talent']);
    // The expectations below still apply: IC3 of sre includes what IC1 and IC2 asked for.
    const ic3 = ladder.criteriaOf(ladder.level('IC3', 'sre')!).map((c) => c.id);
    assert.ok(
      ic3.includes('sre.IC1.follows-runbooks') && ic3.includes('sre.IC2.owns-features') && ic3.includes('sre.IC3.leads-incident-response'),
      ic3.join(' '),
    );
    // M3 = IC4 on every discipline.
    assert.equal(ladder.levelOnTrack('management', 'frontend.IC4')?.level.id, 'M3');
    assert.equal(ladder.placeOnTrack('frontend', 'M3', 'management')?.ref.track.id, 'frontend');
    assert.equal(ladder.resolve({ track: 'sre', currentLevel: 'IC4', targetLevel: 'M3' }).changeOfTrack, true);
  });

  test('points and milestones (a points-based growth framework): levels carry forward and have thresholds', async () => {
    const result = await loadLadder('points-and-milestones.yaml', read);
    assert.deepEqual(result.problems, []);
    const ladder = result.ladder;
    const track = ladder.track('eng')!;
    assert.deepEqual(
      track.levels.map((l) => l.threshold),
      [0, 8, 20, 36, 52],
    );
    assert.equal(new Set(ladder.allCriteria().map((c) => c.criterion.area)).size, 8);
    assert.equal(new Set(ladder.allCriteria().map((c) => c.criterion.group)).size, 4);
    const g5 = ladder.criteriaOf(ladder.level('G5')!);
    assert.equal(g5.length, 40, 'all five milestones of the eight competencies');
    assert.equal(
      g5.reduce((sum, c) => sum + (c.points ?? 0), 0),
      8 * (1 + 2 + 3 + 4 + 5),
    );
    assert.ok(g5.every((c) => c.expectation));
  });

  test('trunk and fork (a progression with a shared trunk): Senior 1 leads to either Senior 2', async () => {
    const result = await loadLadder('trunk-and-fork.yaml', read);
    assert.deepEqual(result.problems, []);
    const ladder = result.ladder;
    assert.deepEqual(
      ladder.path('people').map((r) => r.level.id),
      ['JR', 'E', 'SE1', 'SE2M', 'HOE'],
    );
    assert.deepEqual(
      ladder.nextLevels('SE1').map((r) => r.level.id),
      ['SE2', 'SE2M'],
    );
    assert.equal(ladder.resolve({ track: 'people', currentLevel: 'SE1' }).target.level.id, 'SE2M');
    assert.equal(ladder.resolve({ track: 'engineer', currentLevel: 'SE2', targetLevel: 'SE2M' }).changeOfTrack, true);
    assert.deepEqual(
      ladder.criteriaOf(ladder.level('HOE')!).map((c) => c.id),
      ['people.HOE.manages-managers', 'people.SE2M.runs-one-to-ones', 'people.SE2M.grows-the-team'],
    );
  });

  test("the README's worked translation (Bringing your company's ladder) loads and behaves as it says", async () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf("### Bringing your company's ladder"));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(yaml, 'the section has a YAML block');
    const result = await loadLadder('.career/ladder.yaml', async () => yaml);
    assert.deepEqual(result.problems, []);
    const ladder = result.ladder;
    assert.equal(ladder.resolve({ track: 'people', currentLevel: 'SE1' }).target.level.id, 'SE2M');
    assert.equal(ladder.resolve({ track: 'engineer', currentLevel: 'SE1' }).target.level.id, 'SE2');
    assert.ok(ladder.criteriaOf(ladder.level('HOE')!).some((c) => c.id === 'people.SE2M.one-to-ones'));
  });
});
