// The promotion packet's own front matter must stay valid YAML whatever a ladder calls its levels.
import * as assert from 'node:assert/strict';
import { computeEvidence } from '../../src/core/evidence/evidence';
import { renderPacket } from '../../src/core/evidence/report';
import { NoteIndex } from '../../src/core/index/noteIndex';
import { Ladder } from '../../src/core/ladder/ladder';
import { builtinLadder } from '../../src/core/ladder/load';
import { parseNote } from '../../src/core/notes/parse';

suite('promotion packet front matter', () => {
  for (const title of ['Staff \\ Principal', 'Staff "II": the "real" one', "It's #1 & [best]", 'Two\nlines', '---', '  padded  ']) {
    test(`a target level titled ${JSON.stringify(title)}`, () => {
      const data = structuredClone(builtinLadder().data);
      data.tracks[0]!.levels[3]!.title = title;
      const ladder = new Ladder(data);
      const index = new NoteIndex();
      const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: '2026-01-15' });
      const text = renderPacket(ladder, index, summary, { today: '2026-01-15', packetPath: 'career/packets/2026-01-15-L6.md', staleAfterMonths: 12 });
      const note = parseNote(text, 'career/packets/2026-01-15-L6.md', { precise: true });
      assert.deepEqual(note.problems, []);
      assert.equal(note.meta.type, 'packet');
      assert.equal(note.meta.title, `Promotion packet: ${title.replace(/\s+/g, ' ')} (L6)`);
      assert.equal(note.meta.date, '2026-01-15');
      assert.equal(note.meta.level, 'L6');
    });
  }
});
