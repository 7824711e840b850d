// Issue 5: careerLattice.exportPacket: the packet's contents, never overwriting an earlier packet.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activePath, addMonths, closeAllEditors, disk, frontMatter, rel, summary, today } from '../../helpers/workspace';
import { expectedL6, FRESH, GREW, writeFreshNotes } from './fixture';

const exportPacket = (args?: unknown) =>
  vscode.commands.executeCommand<vscode.Uri | undefined>('careerLattice.exportPacket', ...(args === undefined ? [] : [args]));

/** The lines of a section: from its heading to the next `## `. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `no "${heading}" in the packet:\n${text}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.trim() !== '');
}

suite('evidence: exportPacket', () => {
  const written: string[] = [];
  suiteSetup(writeFreshNotes);
  teardown(closeAllEditors);
  suiteTeardown(() => written.forEach((p) => disk.remove(p)));

  test('writes <notes>/packets/<today>-<target>.md: each criterion with its notes (titles, dates, impact, safe links), then the gaps', async () => {
    const uri = await exportPacket({ open: false });
    assert.ok(uri);
    written.push(rel(uri));
    assert.equal(rel(uri), `career/packets/${today()}-L6.md`);
    assert.notEqual(activePath(), rel(uri), 'open: false');
    const text = disk.read(rel(uri));
    assert.deepEqual(frontMatter(text), { type: 'packet', title: 'Promotion packet: Staff Engineer (L6)', date: today(), level: 'L6' });
    assert.ok(text.includes('\n# Promotion packet: Senior Engineer (L5) → Staff Engineer (L6)\n'));
    assert.ok(text.includes('Coverage: **3 of 7** criteria of Staff Engineer have evidence from the last 12 months.'));
    assert.ok(text.includes('**Scope at L6:** Multiple teams, product area (equivalent to Senior Engineering Manager on the Management track)'));

    const headings = text.split('\n').filter((l) => l.startsWith('## '));
    assert.deepEqual(
      headings,
      [
        '## Summary',
        '## Sets technical direction across teams',
        '## Designs cross-cutting systems',
        '## Aligns teams without authority',
        '## Unblocks critical problems',
        '## Presents technical strategy to leadership',
        '## Grows senior engineers',
        '## What others said',
        '## Calibration check',
        '## Gaps',
      ],
      'a summary, the criteria with evidence in ladder order, what others said, the calibration check, then the gaps',
    );
    assert.deepEqual(section(text, '## Summary').slice(0, 3), [
      '- **Level sought:** Staff Engineer (L6), from Senior Engineer (L5)',
      '- **Period:** no review period set; evidence from the last 12 months counts',
      '- **Evidence:** 2 notes',
    ]);

    const direction = section(text, '## Sets technical direction across teams');
    assert.match(direction[0]!, /^_influence — .+_$/);
    assert.deepEqual(direction.slice(1), [
      `- **${today()} — [\\<script\\>alert\\("x"\\)\\</script\\> & \\<img src=x onerror=alert\\(1\\)\\>](../brag/${FRESH().split('/').pop()})**`,
      '  - Impact: Three teams on one event schema',
      '  - Calibration: no measurable impact (no number or outcome); no link or artifact; not written as something that happened',
      '- **2019-05-10 — [Led the payments migration](../brag/2019-05-10-payments-migration.md)**',
      '  - Impact: Batch settlement time down 40%',
      '  - Impact: \\<b\\>bold\\</b\\> claim',
      '  - Links: <https://example.com/pr/1>',
    ]);
    assert.ok(!/(^|[^\\])<(script|img|b)\b/m.test(text), 'no raw HTML from a note survives');
    assert.ok(!/javascript:|command:/.test(text), 'only http(s) links are written');
    assert.match(section(text, '## Designs cross-cutting systems')[0]!, /\*\*\(stale: latest evidence 2019-09-12\)\*\*$/);
    assert.match(section(text, '## Unblocks critical problems')[0]!, /\*\*\(stale: latest evidence undated\)\*\*$/);
    assert.deepEqual(section(text, '## Unblocks critical problems').slice(1), [
      '- **undated — [An idea without a date](../notes/undated-idea.md)**',
      '  - Calibration: no measurable impact (no number or outcome); no link or artifact; not written as something that happened',
    ]);
    assert.deepEqual(section(text, '## Grows senior engineers').slice(1), [
      `- **${addMonths(today(), -2)} — [Grew two seniors](../brag/${GREW().split('/').pop()})**`,
      '  - Calibration: no measurable impact (no number or outcome); no link or artifact',
    ]);
    assert.deepEqual(section(text, '## What others said'), ['No feedback notes in this packet.']);

    const gaps = section(text, '## Gaps');
    assert.equal(gaps[0], 'No evidence yet:');
    assert.match(gaps[1]!, /^- \*\*Establishes engineering standards\*\* \(technical\) — .{20,}$/);
    assert.equal(gaps[2], 'Only evidence older than 12 months:');
    assert.deepEqual(gaps.slice(3), [
      '- **Designs cross-cutting systems** (technical) — latest 2019-09-12, 1 note',
      '- **Unblocks critical problems** (technical) — latest undated, 1 note',
      '- **Presents technical strategy to leadership** (communication) — latest 2019-05-10, 1 note',
    ]);
    assert.deepEqual(await summary(), expectedL6(), 'a packet is not evidence');
  });

  test('never overwrites an earlier packet: the second export of the day gets -2, and opens it', async () => {
    const first = `career/packets/${today()}-L6.md`;
    if (!disk.exists(first)) {
      const uri = await exportPacket({ open: false });
      written.push(rel(uri!));
    }
    disk.write(first, 'edited by hand\n');
    const second = await exportPacket();
    assert.ok(second);
    written.push(rel(second));
    assert.equal(rel(second), `career/packets/${today()}-L6-2.md`);
    assert.equal(activePath(), rel(second), 'opened by default');
    assert.equal(disk.read(first), 'edited by hand\n');
    const third = await exportPacket({ open: false });
    written.push(rel(third!));
    assert.equal(rel(third!), `career/packets/${today()}-L6-3.md`);
  });

  test('{ targetLevel } exports toward another level; every criterion is a gap there', async () => {
    const uri = await exportPacket({ open: false, targetLevel: 'L7' });
    assert.ok(uri);
    written.push(rel(uri));
    assert.equal(rel(uri), `career/packets/${today()}-L7.md`);
    const text = disk.read(rel(uri));
    assert.ok(text.includes('# Promotion packet: Senior Engineer (L5) → Principal Engineer (L7)'));
    assert.ok(text.includes('Coverage: **0 of 7**'));
    assert.equal(section(text, '## Gaps').filter((l) => l.startsWith('- **')).length, 7);
    assert.equal(await exportPacket({ open: 'yes' }), undefined, 'bad arguments write nothing');
  });
});
