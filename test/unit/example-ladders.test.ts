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
});
