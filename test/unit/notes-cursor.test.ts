// Where the cursor is for completion: inside `criteria:` in its three YAML spellings, and nowhere else.
import * as assert from 'node:assert/strict';
import { criteriaSlot } from '../../src/core/notes/cursor';

const at = (lines: string[], line: number, character = lines[line]!.length) => criteriaSlot(lines, line, character);

suite('criteria slot under the cursor', () => {
  test('a flow list on one line, a single value, a block list', () => {
    assert.deepEqual(at(['---', 'criteria: [ic.L5.a, ic.L6.', '---'], 1), { prefix: 'ic.L6.', start: 20, end: 26 });
    assert.deepEqual(at(['---', 'criteria: ic.L6', '---'], 1), { prefix: 'ic.L6', start: 10, end: 15 });
    assert.deepEqual(at(['---', 'criteria:', '  - ic.L5.a', '  - ic.L6.', '---'], 3), { prefix: 'ic.L6.', start: 4, end: 10 });
  });

  test('a flow list written over several lines', () => {
    const lines = ['---', 'title: x', 'criteria: [', '  ic.L5.leads-projects,', '  ic.L6.', ']', 'links: [a,', '  b]', '---'];
    assert.deepEqual(at(lines, 4), { prefix: 'ic.L6.', start: 2, end: 8 });
    assert.deepEqual(at(lines, 3, 4), { prefix: 'ic', start: 2, end: 22 });
    assert.equal(at(lines, 5, 1), undefined, 'after the closing ]');
    assert.equal(at(lines, 7, 3), undefined, "in another key's flow list");
    assert.equal(at(lines, 1), undefined);
    assert.equal(at(['---', 'criteria: [ic.L5.a]', 'x', '---'], 2), undefined, 'a list closed on its own line');
  });

  test('nothing outside the front matter or under other keys', () => {
    assert.equal(at(['---', 'tags:', '  - ic.L6.', '---'], 2), undefined);
    assert.equal(at(['---', 'criteria: []', '---', 'criteria: [ic.'], 3), undefined);
    assert.equal(at(['no front matter', 'criteria: [ic.'], 1), undefined);
  });
});
