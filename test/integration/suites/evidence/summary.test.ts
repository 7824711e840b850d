// Issue 5: careerLattice.getEvidenceSummary against the hand-counted fixture (see
// test/fixtures/evidence/README.md), with overrides, and settings and notes that change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { disk, note, setSetting, summary, today } from '../../helpers/workspace';
import { expectedL6, writeFreshNotes } from './fixture';

suite('evidence: getEvidenceSummary', () => {
  suiteSetup(writeFreshNotes);

  test('matches the hand count toward L6: covered, stale (old and undated) and missing criteria; packets, hidden folders and files outside the notes folder do not count', async () => {
    assert.deepEqual(await summary(), expectedL6());
  });

  test('is plain JSON', async () => {
    const s = await summary();
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  });

  test('overrides: another current level, another target, another track; a target on another track is a change of track (issue 17)', async () => {
    const l4 = await summary({ currentLevel: 'L4' });
    assert.deepEqual([l4.currentLevel, l4.targetLevel, l4.covered, l4.total], ['L4', 'L5', 0, 8]);
    assert.deepEqual(
      l4.criteria.filter((c) => c.count > 0).map((c) => [c.id, c.count, c.latest, c.stale]),
      [
        ['ic.L5.design-documents', 1, '2019-09-12', true],
        ['ic.L5.hiring-loops', 1, '2018-02-01', true],
      ],
    );
    const l7 = await summary({ targetLevel: 'L7' });
    assert.deepEqual([l7.currentLevel, l7.targetLevel, l7.covered, l7.total, l7.criteria.every((c) => c.count === 0)], ['L5', 'L7', 0, 7, true]);
    const em = await summary({ track: 'management', currentLevel: 'EM' });
    assert.deepEqual([em.track, em.currentLevel, em.targetLevel, em.total], ['management', 'EM', 'SEM', 7]);
    const across = (await summary({ targetLevel: 'SEM' })) as Awaited<ReturnType<typeof summary>> & { changeOfTrack?: boolean; targetTrack?: string };
    assert.deepEqual(
      [across.currentLevel, across.targetLevel, across.changeOfTrack, across.targetTrack],
      ['L5', 'SEM', true, 'management'],
      'a target on another track is kept, and said to be a change of track',
    );
    assert.equal((await summary({ targetLevel: 'L4' })).targetLevel, 'L6', 'a target below the current level on its own track falls back to the next level');
    const top = await summary({ currentLevel: 'L8' });
    assert.deepEqual([top.currentLevel, top.targetLevel], ['L8', 'L8'], 'at the top of the track the target is the current level');
    assert.equal(await vscode.commands.executeCommand('careerLattice.getEvidenceSummary', { track: 5 }), undefined, 'bad arguments');
  });

  test('answers from the disk as it is now: a note written a moment ago counts at once', async () => {
    const path = `career/brag/${today()}-wrote-the-standards.md`;
    try {
      disk.write(path, note({ type: 'brag', title: 'Wrote the standards', date: today(), criteria: ['ic.L6.engineering-standards'] }));
      const s = await summary();
      assert.deepEqual(
        s.criteria.find((c) => c.id === 'ic.L6.engineering-standards'),
        {
          id: 'ic.L6.engineering-standards',
          title: 'Establishes engineering standards',
          area: 'technical',
          count: 1,
          latest: today(),
          stale: false,
          notes: [path],
          earlier: [],
        },
      );
      assert.equal(s.covered, 4);
    } finally {
      disk.remove(path);
    }
    assert.deepEqual(await summary(), expectedL6(), 'and a deleted one stops counting at once');
  });

  test('settings are read live: staleAfterMonths and currentLevel', async function () {
    this.timeout(30000);
    try {
      await setSetting('staleAfterMonths', 1);
      const s = await summary();
      assert.equal(s.covered, 2, 'the note from two months ago is stale after one month');
      assert.equal(s.criteria.find((c) => c.id === 'ic.L6.grows-senior-engineers')!.stale, true);
    } finally {
      await setSetting('staleAfterMonths', undefined);
    }
    try {
      await setSetting('currentLevel', 'L6');
      const s = await summary();
      assert.deepEqual([s.currentLevel, s.targetLevel, s.total], ['L6', 'L7', 7]);
    } finally {
      await setSetting('currentLevel', 'L5');
    }
    assert.deepEqual(await summary(), expectedL6());
  });
});
