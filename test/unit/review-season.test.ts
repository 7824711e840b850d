// Issue 15: the review period (presets, scoping), feedback notes, the calibration check and the
// packet (markdown and self-contained HTML), on in-memory notes counted by hand.
import * as assert from 'node:assert/strict';
import { calibrate, isMeasurable, reads } from '../../src/core/evidence/calibration';
import { computeEvidence } from '../../src/core/evidence/evidence';
import { buildPacket, renderPacketHtml, renderPacketMarkdown } from '../../src/core/evidence/packet';
import {
  formatPeriod,
  lastHalf,
  lastQuarter,
  periodName,
  placeInPeriod,
  presetDates,
  quarterOf,
  thisHalf,
  thisQuarter,
  toPeriod,
} from '../../src/core/evidence/period';
import { noteDetails, sectionsOf, stripComments } from '../../src/core/evidence/sections';
import { buildIndex, FsNoteLoader } from '../../src/core/index/indexer';
import { NoteIndex } from '../../src/core/index/noteIndex';
import { builtinLadder } from '../../src/core/ladder/load';
import { parseNote } from '../../src/core/notes/parse';
import { builtinTemplate, renderTemplate } from '../../src/core/notes/templates';
import { renderBody } from '../../src/features/evidence/render';
import { MemoryFileSystem, note } from './helpers/memfs';

const TODAY = '2026-05-20';
const ladder = builtinLadder();

suite('review period: presets', () => {
  test('halves and quarters of the current year', () => {
    assert.deepEqual(presetDates('H1', TODAY), { start: '2026-01-01', end: '2026-06-30' });
    assert.deepEqual(presetDates('H2', TODAY), { start: '2026-07-01', end: '2026-12-31' });
    assert.deepEqual(presetDates('Q1', TODAY), { start: '2026-01-01', end: '2026-03-31' });
    assert.deepEqual(presetDates('Q4', TODAY), { start: '2026-10-01', end: '2026-12-31' });
    assert.equal(presetDates('none', TODAY), null);
  });
  test('last 6 and 12 months end today and are that long', () => {
    assert.deepEqual(presetDates('last-6-months', TODAY), { start: '2025-11-21', end: TODAY });
    assert.deepEqual(presetDates('last-12-months', '2024-03-01'), { start: '2023-03-02', end: '2024-03-01' });
  });
  test('this and last half or quarter, across the year boundary', () => {
    assert.deepEqual(thisHalf(TODAY), { start: '2026-01-01', end: '2026-06-30' });
    assert.deepEqual(lastHalf(TODAY), { start: '2025-07-01', end: '2025-12-31' });
    assert.deepEqual(thisQuarter(TODAY), { start: '2026-04-01', end: '2026-06-30' });
    assert.deepEqual(lastQuarter('2026-02-10'), { start: '2025-10-01', end: '2025-12-31' });
    assert.deepEqual(lastHalf('2026-09-01'), { start: '2026-01-01', end: '2026-06-30' });
  });
  test('periods from settings: empty, one side, reversed, not dates', () => {
    assert.equal(toPeriod('', ''), null);
    assert.deepEqual(toPeriod('2026-01-01', ''), { since: '2026-01-01', until: null });
    assert.equal(toPeriod('2026-07-01', '2026-01-01'), null, 'reversed is no period');
    assert.equal(toPeriod('2026-02-30', 'soon'), null);
    assert.equal(periodName({ since: '2026-01-01', until: '2026-06-30' }), 'H1 2026');
    assert.equal(periodName({ since: '2025-07-01', until: '2025-09-30' }), 'Q3 2025');
    assert.equal(periodName({ since: '2025-07-02', until: '2025-09-30' }), undefined);
    assert.equal(formatPeriod({ since: '2026-01-01', until: null }), 'since 2026-01-01');
    assert.equal(quarterOf('2026-12-31'), '2026-Q4');
    assert.equal(placeInPeriod('2025-12-31', { since: '2026-01-01', until: '2026-06-30' }), 'earlier');
    assert.equal(placeInPeriod('2026-06-30', { since: '2026-01-01', until: '2026-06-30' }), 'inside');
    assert.equal(placeInPeriod('2026-07-01', { since: '2026-01-01', until: '2026-06-30' }), 'later');
    assert.equal(placeInPeriod(null, { since: '2026-01-01', until: null }), 'undated');
  });
});

const STRONG_BODY = `# Cut the checkout latency

## What happened
I led the rewrite of the checkout service's pricing path with two teams.

## My role
I wrote the design doc and drove the migration plan.

## Impact
<!-- hint -->
p95 latency down from 800 ms to 240 ms.

## Links
- https://example.com/pr/42
`;

/** Notes of a Senior Engineer (L5) toward Staff (L6), H1 2026, counted by hand in the tests below. */
function notes(): MemoryFileSystem {
  return new MemoryFileSystem({
    // Inside H1, strong: passes every check.
    'career/brag/2026-02-10-checkout.md': note(
      {
        type: 'brag',
        title: 'Cut the checkout latency',
        date: '2026-02-10',
        criteria: ['ic.L6.cross-team-direction', 'ic.L6.cross-cutting-architecture'],
        impact: ['p95 latency down 70%'],
        links: ['https://example.com/pr/42'],
      },
      STRONG_BODY,
    ),
    // Inside H1 (Q2), weak: no impact, no link, written as a plan.
    'career/brag/2026-04-02-standards.md': note(
      { type: 'brag', title: 'Plan to write the standards', date: '2026-04-02', criteria: ['ic.L6.engineering-standards'] },
      '## What happened\nI will write the review standards next quarter.\n',
    ),
    // Feedback inside H1.
    'career/feedback/2026-03-01-priya.md': note(
      { type: 'feedback', title: 'Priya on the incident review', date: '2026-03-01', from: 'Priya Raman', criteria: ['ic.L6.cross-team-direction'] },
      '## In their words\n> You pulled three teams into one plan <b>in a day</b>.\n\n## Context\nThe March outage review.\n\n## What it shows\nDirection across teams.\n',
    ),
    // Before H1: earlier, not counted.
    'career/brag/2025-11-15-mentoring.md': note(
      {
        type: 'brag',
        title: 'Mentored two seniors',
        date: '2025-11-15',
        criteria: ['ic.L6.grows-senior-engineers'],
        impact: ['Both promoted'],
        links: ['https://example.com/promo'],
      },
      '## What happened\nI mentored two seniors.\n',
    ),
    // After H1: left out.
    'career/brag/2026-08-01-later.md': note({ type: 'brag', title: 'Later work', date: '2026-08-01', criteria: ['ic.L6.presents-to-leadership'] }),
    // Inside H1, tagged only with an L5 criterion: scope below the target.
    'career/brag/2026-05-01-design-doc.md': note(
      {
        type: 'brag',
        title: 'Wrote a design doc',
        date: '2026-05-01',
        criteria: ['ic.L5.design-documents'],
        impact: ['Adopted by 2 teams'],
        links: ['https://example.com/doc'],
      },
      '## What happened\nI wrote the design doc.\n',
    ),
    // Undated, for an L6 criterion: earlier (cannot be placed in the period).
    'career/notes/undated.md': note({ title: 'An undated idea', criteria: ['ic.L6.solves-critical-problems'] }),
  });
}

async function setup() {
  const fs = notes();
  const index = new NoteIndex();
  await buildIndex(index, fs, new FsNoteLoader(fs), 'career');
  const details = new Map<string, ReturnType<typeof noteDetails>>();
  for (const n of index.all()) details.set(n.path, noteDetails(new TextDecoder().decode(await fs.readFile(n.path)), n.path));
  return { index, details, fs };
}

suite('review period: evidence', () => {
  test('with H1 2026: notes inside count, earlier and undated are listed as earlier, later are left out, nothing is stale', async () => {
    const { index } = await setup();
    const s = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY, period: { since: '2026-01-01', until: '2026-06-30' } });
    assert.deepEqual(s.period, { since: '2026-01-01', until: '2026-06-30' });
    const by = Object.fromEntries(s.criteria.map((c) => [c.id, [c.count, c.latest, c.stale, c.notes, c.earlier]]));
    assert.deepEqual(by['ic.L6.cross-team-direction'], [
      2,
      '2026-03-01',
      false,
      ['career/feedback/2026-03-01-priya.md', 'career/brag/2026-02-10-checkout.md'],
      [],
    ]);
    assert.deepEqual(by['ic.L6.engineering-standards'], [1, '2026-04-02', false, ['career/brag/2026-04-02-standards.md'], []]);
    assert.deepEqual(by['ic.L6.grows-senior-engineers'], [0, null, false, [], ['career/brag/2025-11-15-mentoring.md']]);
    assert.deepEqual(by['ic.L6.presents-to-leadership'], [0, null, false, [], []], 'after the period: not even earlier');
    assert.deepEqual(by['ic.L6.solves-critical-problems'], [0, null, false, [], ['career/notes/undated.md']]);
    assert.equal(s.covered, 3, 'cross-team direction, architecture, standards');
  });

  test('without a period the stale rule stays: the November note covers, the undated note is stale', async () => {
    const { index } = await setup();
    const s = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY });
    assert.equal(s.period, null);
    const mentoring = s.criteria.find((c) => c.id === 'ic.L6.grows-senior-engineers')!;
    assert.deepEqual([mentoring.count, mentoring.stale, mentoring.earlier], [1, false, []]);
    assert.equal(s.criteria.find((c) => c.id === 'ic.L6.solves-critical-problems')!.stale, true);
    // checkout, standards, grows, presents (2026-08-01 is in the future but counts without a period), cross-cutting.
    assert.equal(s.covered, 5);
  });

  test('an open-ended period: since only', async () => {
    const { index } = await setup();
    const s = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY, period: { since: '2026-04-01', until: null } });
    assert.deepEqual(
      s.criteria.filter((c) => c.count > 0).map((c) => c.id),
      ['ic.L6.engineering-standards', 'ic.L6.presents-to-leadership'],
    );
  });
});

suite('feedback notes', () => {
  test('are their own type, from the folder or the front matter, with who said it', () => {
    const parsed = parseNote(note({ title: 'Kind words', date: '2026-01-01', from: 'Sam' }), 'career/feedback/2026-01-01-kind.md', { precise: true });
    assert.equal(parsed.meta.type, 'feedback');
    assert.equal(parsed.meta.from, 'Sam');
    assert.deepEqual(parsed.problems, []);
    const bad = parseNote(note({ type: 'feedback', from: ['a', 'b'] }), 'career/x.md', { precise: true });
    assert.ok(
      bad.problems.some((p) => p.code === 'invalid-field' && p.message.startsWith('from')),
      'from: must be text',
    );
  });

  test('the template writes from: as YAML that cannot break, and the three sections', () => {
    const text = renderTemplate(builtinTemplate('feedback'), {
      title: 'On the review',
      date: '2026-01-02',
      criteria: ['ic.L6.cross-team-direction'],
      from: 'Dana: "the" lead\nsecond line',
    });
    const parsed = parseNote(text, 'career/feedback/2026-01-02-on-the-review.md', { precise: true });
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual([parsed.meta.type, parsed.meta.from, parsed.meta.criteria], ['feedback', 'Dana: "the" lead second line', ['ic.L6.cross-team-direction']]);
    for (const h of ['## In their words', '## Context', '## What it shows']) assert.ok(text.includes(`\n${h}\n`), h);
  });

  test('count as evidence', async () => {
    const { index } = await setup();
    const s = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY, period: { since: '2026-03-01', until: '2026-03-31' } });
    assert.deepEqual(s.criteria.find((c) => c.id === 'ic.L6.cross-team-direction')!.notes, ['career/feedback/2026-03-01-priya.md']);
    assert.equal(s.covered, 1);
  });
});

suite('note sections', () => {
  test('comments are removed (an unclosed one runs to the end), sections keyed by heading', () => {
    assert.equal(stripComments('a<!-- x -->b<!-- y'), 'ab');
    const s = sectionsOf('# T\n\n## What happened\nIt shipped.\n\n### Detail\nmore\n## Impact\n\n40% faster\n');
    assert.deepEqual(
      [...s.entries()],
      [
        ['what happened', 'It shipped.'],
        ['detail', 'more'],
        ['impact', '40% faster'],
      ],
    );
  });
  test('linear on a hostile body (100,000 headings and unclosed comments)', () => {
    const body = '## h\n<!--'.repeat(100_000);
    const d = noteDetails(`---\ntitle: x\n---\n${body}`, 'career/x.md');
    assert.ok(d.body.length < 10);
  });
});

suite('calibration check', () => {
  test('heuristics: measurable impact, something that happened', () => {
    assert.equal(isMeasurable('p95 down 70%'), true);
    assert.equal(isMeasurable('Reduced the on-call load'), true);
    assert.equal(isMeasurable('Worked on the thing'), false);
    assert.equal(reads('I led the migration'), 'happened');
    assert.equal(reads('I will lead the migration'), 'intended');
    assert.equal(reads('We need speed'), 'unclear');
  });

  test('each flag on the note written to trigger it, and not on the note written to pass', async () => {
    const { index, details } = await setup();
    const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY, period: { since: '2026-01-01', until: '2026-06-30' } });
    const cal = calibrate(ladder, index, summary, { today: TODAY, staleAfterMonths: 12, details });
    const flags = Object.fromEntries(cal.notes.map((n) => [n.path, [...n.flags]]));
    assert.deepEqual(flags, {
      'career/brag/2026-02-10-checkout.md': [],
      'career/feedback/2026-03-01-priya.md': [],
      'career/brag/2026-04-02-standards.md': ['no-impact', 'no-link', 'not-happened'],
      'career/brag/2025-11-15-mentoring.md': ['outside-period'],
      'career/notes/undated.md': ['no-impact', 'no-link', 'outside-period', 'not-happened'],
      'career/brag/2026-05-01-design-doc.md': ['scope-below-target'],
    });
    assert.deepEqual(
      cal.packet.map((p) => [p.flag, p.subjects]),
      [
        ['area-without-evidence', ['communication', 'mentoring']],
        ['single-note', ['ic.L6.cross-cutting-architecture', 'ic.L6.engineering-standards']],
      ],
    );
  });

  test('evidence all from one quarter is flagged, unless the period is that quarter', async () => {
    const { index, details } = await setup();
    const q1 = { since: '2026-01-01', until: '2026-03-31' };
    const inQ1 = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY, period: q1 });
    assert.ok(!calibrate(ladder, index, inQ1, { today: TODAY, staleAfterMonths: 12, details }).packet.some((p) => p.flag === 'one-quarter'));
    const wide = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY, period: { since: '2025-12-01', until: '2026-03-31' } });
    const issue = calibrate(ladder, index, wide, { today: TODAY, staleAfterMonths: 12, details }).packet.find((p) => p.flag === 'one-quarter');
    assert.deepEqual(issue?.subjects, ['2026-Q1']);
  });
});

const HOSTILE =
  '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" \'single\' `tick` & <link rel=stylesheet href=https://evil.example/x.css> url(https://evil.example/y)';

suite('promotion packet', () => {
  async function packet(format: 'markdown' | 'html', hostile = false) {
    const fs = notes();
    if (hostile) {
      fs.write(
        'career/feedback/2026-02-01-hostile.md',
        note(
          {
            type: 'feedback',
            title: `'${HOSTILE.replace(/'/g, "''")}'`,
            date: '2026-02-01',
            from: `'${HOSTILE.replace(/'/g, "''")}'`,
            criteria: ['ic.L6.alignment-without-authority'],
            links: ['javascript:alert(3)', 'https://example.com/ok?a=<b>'],
          },
          `## In their words\n${HOSTILE}\n## Context\n${HOSTILE}\n## What it shows\n${HOSTILE}\n`,
        ),
      );
    }
    const index = new NoteIndex();
    await buildIndex(index, fs, new FsNoteLoader(fs), 'career');
    const details = new Map<string, ReturnType<typeof noteDetails>>();
    for (const n of index.all()) details.set(n.path, noteDetails(new TextDecoder().decode(await fs.readFile(n.path)), n.path));
    const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY, period: { since: '2026-01-01', until: '2026-06-30' } });
    const calibration = calibrate(ladder, index, summary, { today: TODAY, staleAfterMonths: 12, details });
    const path = `career/packets/${TODAY}-L6.${format === 'html' ? 'html' : 'md'}`;
    const model = buildPacket(ladder, index, summary, { today: TODAY, packetPath: path, staleAfterMonths: 12, details, calibration });
    return format === 'html' ? renderPacketHtml(model) : renderPacketMarkdown(model);
  }

  test('markdown: summary, evidence in context/role/impact, what others said, calibration, gaps', async () => {
    const text = await packet('markdown');
    if (process.env['DUMP_PACKET']) console.log(text);
    const headings = text.split('\n').filter((l) => l.startsWith('## '));
    assert.deepEqual(headings, [
      '## Summary',
      '## Sets technical direction across teams',
      '## Designs cross-cutting systems',
      '## Establishes engineering standards',
      '## Unblocks critical problems',
      '## Grows senior engineers',
      '## What others said',
      '## Calibration check',
      '## Gaps',
    ]);
    assert.ok(text.includes('- **Period:** 2026-01-01 – 2026-06-30 (H1 2026)'));
    assert.ok(text.includes('- **Evidence:** 3 notes, 1 of them feedback from others'));
    assert.ok(text.includes('  - influence: 1 of 2\n  - technical: 2 of 3\n  - communication: 0 of 1\n  - mentoring: 0 of 1'));
    assert.ok(text.includes("  - Context: I led the rewrite of the checkout service's pricing path with two teams."));
    assert.ok(text.includes('  - Role: I wrote the design doc and drove the migration plan.'));
    assert.ok(text.includes('  - Impact: p95 latency down 70%'));
    assert.ok(text.includes('  - Calibration: no measurable impact (no number or outcome); no link or artifact; not written as something that happened'));
    assert.ok(text.includes('— _feedback, in the words of Priya Raman_'));
    assert.ok(text.includes('> You pulled three teams into one plan \\<b\\>in a day\\</b\\>.'), 'quoted, and escaped');
    assert.ok(text.includes('Earlier or undated (shown, not counted in this period):'));
    assert.ok(text.includes('- No evidence in the areas communication, mentoring.'));
    assert.ok(text.includes('No evidence in the period:'));
    assert.ok(text.includes('- **Grows senior engineers** (mentoring) — ') && text.includes('(1 earlier note)'));
    assert.deepEqual(parseNote(text, `career/packets/${TODAY}-L6.md`, { precise: true }).problems, [], 'its front matter is valid');
  });

  test('HTML: self-contained (no script, no external resource), escaped, printable', async () => {
    const html = await packet('html', true);
    if (process.env['DUMP_PACKET']) console.log(html);
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(!/<script/i.test(html), 'no script');
    // Every "<" in the file starts a tag of the renderer (note text is escaped): check each tag.
    const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>/g)];
    assert.equal(tags.length, (html.match(/</g) ?? []).length - 1, 'no stray "<" (beside <!DOCTYPE html>)');
    const names = new Set(tags.map((t) => t[1]!.toLowerCase()));
    for (const loads of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'form', 'base'])
      assert.ok(!names.has(loads), `no <${loads}>`);
    for (const t of tags) {
      assert.ok(!/\s(?:src|srcset|on[a-z]+|style|action)=/i.test(t[2]!), `no loading, handler or style attribute in <${t[1]}${t[2]}>`);
    }
    const style = /<style>([^<]*)<\/style>/.exec(html)![1]!;
    assert.ok(!/url\(|@import/i.test(style), 'the inline style loads nothing');
    assert.ok(!html.includes('javascript:'), 'a javascript: link is dropped');
    assert.ok(html.includes("default-src 'none'"), 'a CSP that allows nothing but the inline style');
    assert.ok(html.includes('@media print'));
    // The hostile text is there, as text.
    assert.ok(
      html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &#39;single&#39; &#96;tick&#96; &amp;'),
    );
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    for (const href of hrefs) assert.ok(/^(\.\.\/|https:\/\/example\.com\/)/.test(href), `href ${href}: a note beside the packet or an http(s) link`);
    assert.ok(hrefs.includes('https://example.com/ok?a=%3Cb%3E'));
    // Feedback marked as others' words.
    assert.ok(html.includes('feedback · their words: Priya Raman'));
    assert.ok(html.includes('<blockquote><p>You pulled three teams into one plan &lt;b&gt;in a day&lt;/b&gt;.</p>'));
  });
});

suite('evidence view: period, feedback, calibration, timeline', () => {
  test('shows the period and its control, feedback as their words, flags, and one timeline mark per note (feedback a diamond), all escaped', async () => {
    const { index, details } = await setup();
    const period = { since: '2026-01-01', until: '2026-06-30' };
    const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY, period });
    const cal = calibrate(ladder, index, summary, { today: TODAY, staleAfterMonths: 12, details });
    const notesMap = new Map(
      index.all().map((n) => [n.path, { title: n.title, date: n.date, type: n.type, ...(n.from ? { from: `${n.from} <i>` } : {}) }] as const),
    );
    const html = renderBody({
      summary,
      trackTitle: 'Individual Contributor',
      current: { id: 'L5', title: 'Senior Engineer' },
      target: { id: 'L6', title: 'Staff Engineer' },
      criteria: [],
      notes: notesMap,
      details: { timeline: [], byType: [], byArea: [], notes: index.size, untagged: 0 },
      staleAfterMonths: 12,
      today: TODAY,
      ladderSource: 'builtin',
      calibration: cal,
    });
    assert.ok(
      html.includes(
        'Review period: <strong>H1 2026 (2026-01-01 – 2026-06-30)</strong> <button type="button" class="secondary" data-command="setReviewPeriod">Change period…</button>',
      ),
    );
    assert.ok(html.includes('<span class="said">their words: Priya Raman &lt;i&gt;</span>'), 'feedback marked, its author escaped');
    assert.ok(html.includes('earlier, not counted'));
    assert.ok(html.includes('data-flags="no-impact no-link not-happened"'));
    assert.ok(html.includes('data-flag="area-without-evidence"'));
    assert.equal((html.match(/class="tl-row"/g) ?? []).length, 7, 'one timeline row per criterion');
    // Inside the period: checkout twice (two criteria), Priya, standards; the earlier ones are not marks.
    assert.equal((html.match(/<circle class="mark own"/g) ?? []).length, 3);
    assert.equal((html.match(/<path class="mark feedback"/g) ?? []).length, 1);
    assert.ok(!html.includes('<i>'), 'nothing from a note as markup');
  });
});
