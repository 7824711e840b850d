// Issue 15: review season in the real host, against the hand-counted fixture test/fixtures/review/
// (see its README): the summary with and without a review period (arguments and settings), the
// period command, feedback notes as evidence, every calibration flag, and the packet in markdown and
// self-contained HTML.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CareerWorkspace } from '../../../../src/features/shared/careerWorkspace';
import { NotesTreeProvider } from '../../../../src/features/tree/notesTree';
import { find, snapshot } from '../../helpers/trees';
import { waitFor } from '../../helpers/wait';
import { closeAllEditors, disk, frontMatter, rel, settings, setSetting, summary, today, type Summary } from '../../helpers/workspace';

const H1 = { since: '2023-01-01', until: '2023-06-30' };
const CHECKOUT = 'career/brag/2023-02-10-checkout-latency.md';
const STANDARDS = 'career/brag/2023-04-02-standards-plan.md';
const PRIYA = 'career/feedback/2023-03-01-priya.md';
const HOSTILE = 'career/feedback/2023-06-20-hostile.md';
const MENTORING = 'career/brag/2022-11-15-mentoring.md';
const DESIGN_DOC = 'career/brag/2023-05-01-design-doc.md';
const AFTER = 'career/brag/2023-08-01-after-the-period.md';

/** The summary toward L6 over H1 2023, counted by hand (test/fixtures/review/README.md). */
function expectedH1(): Summary {
  return {
    track: 'ic',
    currentLevel: 'L5',
    targetLevel: 'L6',
    period: H1,
    covered: 5,
    total: 7,
    criteria: [
      {
        id: 'ic.L6.cross-team-direction',
        title: 'Sets technical direction across teams',
        area: 'influence',
        count: 2,
        latest: '2023-03-01',
        stale: false,
        notes: [PRIYA, CHECKOUT],
        earlier: [],
      },
      {
        id: 'ic.L6.cross-cutting-architecture',
        title: 'Designs cross-cutting systems',
        area: 'technical',
        count: 1,
        latest: '2023-02-10',
        stale: false,
        notes: [CHECKOUT],
        earlier: [],
      },
      {
        id: 'ic.L6.engineering-standards',
        title: 'Establishes engineering standards',
        area: 'technical',
        count: 1,
        latest: '2023-04-02',
        stale: false,
        notes: [STANDARDS],
        earlier: [],
      },
      {
        id: 'ic.L6.alignment-without-authority',
        title: 'Aligns teams without authority',
        area: 'influence',
        count: 1,
        latest: '2023-03-01',
        stale: false,
        notes: [PRIYA],
        earlier: [],
      },
      {
        id: 'ic.L6.solves-critical-problems',
        title: 'Unblocks critical problems',
        area: 'technical',
        count: 1,
        latest: '2023-06-20',
        stale: false,
        notes: [HOSTILE],
        earlier: [],
      },
      {
        id: 'ic.L6.presents-to-leadership',
        title: 'Presents technical strategy to leadership',
        area: 'communication',
        count: 0,
        latest: null,
        stale: false,
        notes: [],
        earlier: [],
      },
      {
        id: 'ic.L6.grows-senior-engineers',
        title: 'Grows senior engineers',
        area: 'mentoring',
        count: 0,
        latest: null,
        stale: false,
        notes: [],
        earlier: [MENTORING],
      },
    ],
  };
}

interface Calibration {
  notes: Array<{ path: string; flags: string[] }>;
  packet: Array<{ flag: string; subjects: string[] }>;
}
const calibration = (args?: unknown) =>
  vscode.commands.executeCommand<Calibration | undefined>('careerLattice.getCalibration', ...(args === undefined ? [] : [args]));
const setPeriod = (args?: unknown) =>
  vscode.commands.executeCommand<{ start: string; end: string } | null | undefined>('careerLattice.setReviewPeriod', ...(args === undefined ? [] : [args]));
const exportPacket = (args?: unknown) =>
  vscode.commands.executeCommand<vscode.Uri | undefined>('careerLattice.exportPacket', ...(args === undefined ? [] : [args]));

async function clearPeriod(): Promise<void> {
  await setSetting('reviewPeriodStart', undefined);
  await setSetting('reviewPeriodEnd', undefined);
}

suite('review: the review period', () => {
  teardown(clearPeriod);

  test('without a period the stale rule stays: every note is older than 12 months, nothing is covered', async () => {
    const s = await summary();
    assert.equal(s.period, null);
    assert.equal(s.covered, 0);
    assert.deepEqual(
      s.criteria.map((c) => [c.id, c.count, c.stale, c.earlier.length]),
      [
        ['ic.L6.cross-team-direction', 2, true, 0],
        ['ic.L6.cross-cutting-architecture', 1, true, 0],
        ['ic.L6.engineering-standards', 1, true, 0],
        ['ic.L6.alignment-without-authority', 1, true, 0],
        ['ic.L6.solves-critical-problems', 1, true, 0],
        ['ic.L6.presents-to-leadership', 1, true, 0],
        ['ic.L6.grows-senior-engineers', 1, true, 0],
      ],
    );
  });

  test('{ since, until }: notes inside count (feedback too), earlier ones are listed and not counted, later ones are left out', async () => {
    assert.deepEqual(await summary(H1), expectedH1());
  });

  test('since or until alone: an open-ended period', async () => {
    const since = await summary({ since: '2023-04-01' });
    assert.deepEqual(since.period, { since: '2023-04-01', until: null });
    assert.deepEqual(
      since.criteria.filter((c) => c.count > 0).map((c) => c.id),
      ['ic.L6.engineering-standards', 'ic.L6.solves-critical-problems', 'ic.L6.presents-to-leadership'],
    );
    const until = await summary({ until: '2022-12-31' });
    assert.deepEqual(until.period, { since: null, until: '2022-12-31' });
    assert.deepEqual(
      until.criteria.filter((c) => c.count > 0).map((c) => c.id),
      ['ic.L6.grows-senior-engineers'],
    );
    assert.equal(
      await vscode.commands.executeCommand('careerLattice.getEvidenceSummary', { since: '2023-07-01', until: '2023-01-01' }),
      undefined,
      'a reversed period is refused',
    );
    assert.equal(await vscode.commands.executeCommand('careerLattice.getEvidenceSummary', { since: '2023-02-30' }), undefined, 'not a date');
  });

  test('the settings: a period set there is the default of the summary; arguments still override it', async function () {
    this.timeout(30000);
    await setSetting('reviewPeriodStart', H1.since);
    await setSetting('reviewPeriodEnd', H1.until);
    assert.deepEqual(await summary(), expectedH1());
    const q1 = await summary({ until: '2023-03-31' });
    assert.deepEqual(q1.period, { since: '2023-01-01', until: '2023-03-31' }, 'until overrides the end only');
    assert.equal(q1.covered, 3, 'checkout and Priya: cross-team direction, architecture, alignment');
    await setSetting('reviewPeriodEnd', 'not a date');
    assert.deepEqual((await summary()).period, { since: '2023-01-01', until: null }, 'a value that is not a date reads as empty');
  });

  test('setReviewPeriod { start, end } writes the settings and answers without a prompt', async function () {
    this.timeout(30000);
    assert.deepEqual(await setPeriod({ start: H1.since, end: H1.until }), { start: H1.since, end: H1.until });
    await waitFor(() => settings().get('reviewPeriodStart') === H1.since && settings().get('reviewPeriodEnd') === H1.until, 5000, 'the settings');
    assert.deepEqual(await summary(), expectedH1());
    assert.equal(await setPeriod({ start: '2023-06-30', end: '2023-01-01' }), undefined, 'start after end is refused');
    assert.equal(settings().get('reviewPeriodStart'), H1.since, 'and changes nothing');
  });

  test('setReviewPeriod { preset }: halves and quarters of the current year, the last 6 or 12 months, none', async function () {
    this.timeout(30000);
    const year = today().slice(0, 4);
    assert.deepEqual(await setPeriod({ preset: 'H1' }), { start: `${year}-01-01`, end: `${year}-06-30` });
    assert.deepEqual(await setPeriod({ preset: 'H2' }), { start: `${year}-07-01`, end: `${year}-12-31` });
    assert.deepEqual(await setPeriod({ preset: 'Q3' }), { start: `${year}-07-01`, end: `${year}-09-30` });
    await waitFor(() => settings().get('reviewPeriodEnd') === `${year}-09-30`, 5000, 'the Q3 end');
    assert.deepEqual((await summary()).period, { since: `${year}-07-01`, until: `${year}-09-30` });
    const six = await setPeriod({ preset: 'last-6-months' });
    assert.equal(six!.end, today());
    assert.ok(six!.start > `${Number(year) - 1}`, 'within the last year');
    assert.equal(await setPeriod({ preset: 'none' }), null);
    await waitFor(() => !settings().get('reviewPeriodStart') && !settings().get('reviewPeriodEnd'), 5000, 'the cleared settings');
    assert.equal((await summary()).period, null);
    assert.equal(await setPeriod({ preset: 'H3' }), undefined, 'an unknown preset');
  });
});

suite('review: feedback as evidence', () => {
  const written: string[] = [];
  suiteTeardown(() => written.forEach((p) => disk.remove(p)));
  teardown(closeAllEditors);

  test('newFeedbackNote { title, from, criteria, open: false } writes <notes>/feedback/<today>-<slug>.md, and it counts at once', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('careerLattice.newFeedbackNote', {
      title: 'Sam on the launch',
      from: 'Sam Okafor: "the" PM',
      criteria: ['ic.L6.presents-to-leadership'],
      open: false,
    });
    assert.ok(uri);
    written.push(rel(uri));
    assert.equal(rel(uri), `career/feedback/${today()}-sam-on-the-launch.md`);
    assert.equal(vscode.window.activeTextEditor, undefined, 'open: false');
    const text = disk.read(rel(uri));
    assert.deepEqual(frontMatter(text), {
      type: 'feedback',
      title: 'Sam on the launch',
      date: today(),
      from: 'Sam Okafor: "the" PM',
      criteria: ['ic.L6.presents-to-leadership'],
      links: [],
    });
    for (const heading of ['## In their words', '## Context', '## What it shows']) assert.ok(text.includes(`\n${heading}\n`), heading);
    const s = await summary({ since: today() });
    assert.deepEqual(s.criteria.find((c) => c.id === 'ic.L6.presents-to-leadership')!.notes, [rel(uri)]);
    assert.equal(s.covered, 1);
  });

  test("the notes view marks feedback as someone else's words", async () => {
    const log = vscode.window.createOutputChannel('Career Lattice (review test)', { log: true });
    const workspace = new CareerWorkspace({ log });
    const tree = new NotesTreeProvider(workspace);
    try {
      await workspace.start();
      const group = find(await snapshot(tree), 'Feedback (their words)');
      const priya = find(group.children, 'March 2023', 'Priya on the incident review');
      assert.match(priya.description, /^their words: Priya Raman, engineering manager of Payments · 2023-03-01 · /);
      assert.ok(priya.tooltip.includes('Feedback in the words of Priya Raman'), priya.tooltip);
    } finally {
      tree.dispose();
      workspace.dispose();
      log.dispose();
    }
  });
});

suite('review: the calibration check', () => {
  test('each flag on the note written to trigger it, none on the notes written to pass', async () => {
    const cal = await calibration(H1);
    assert.ok(cal);
    assert.deepEqual(Object.fromEntries(cal.notes.map((n) => [n.path, n.flags])), {
      [PRIYA]: [],
      [CHECKOUT]: [],
      [STANDARDS]: ['no-impact', 'no-link', 'not-happened'],
      [HOSTILE]: [],
      [MENTORING]: ['outside-period'],
      [DESIGN_DOC]: ['scope-below-target'],
    });
    assert.ok(!cal.notes.some((n) => n.path === AFTER), 'a note after the period is not part of the review');
    assert.deepEqual(
      cal.packet.map((p) => [p.flag, p.subjects]),
      [
        ['area-without-evidence', ['communication', 'mentoring']],
        [
          'single-note',
          ['ic.L6.cross-cutting-architecture', 'ic.L6.engineering-standards', 'ic.L6.alignment-without-authority', 'ic.L6.solves-critical-problems'],
        ],
      ],
    );
  });

  test('evidence all from one quarter is flagged when the period is longer than that quarter', async () => {
    const cal = await calibration({ since: '2022-12-01', until: '2023-03-31' });
    assert.deepEqual(cal!.packet.find((p) => p.flag === 'one-quarter')?.subjects, ['2023-Q1']);
    const q1 = await calibration({ since: '2023-01-01', until: '2023-03-31' });
    assert.equal(
      q1!.packet.find((p) => p.flag === 'one-quarter'),
      undefined,
      'a one-quarter period is not flagged for it',
    );
  });
});

suite('review: the packet', () => {
  const written: string[] = [];
  suiteTeardown(() => written.forEach((p) => disk.remove(p)));
  teardown(closeAllEditors);

  test('markdown over the period: summary, evidence in context/role/impact, what others said, calibration, gaps', async () => {
    const uri = await exportPacket({ ...H1, open: false });
    assert.ok(uri);
    written.push(rel(uri));
    assert.equal(rel(uri), `career/packets/${today()}-L6.md`);
    const text = disk.read(rel(uri));
    assert.equal(frontMatter(text)['period'], '2023-01-01 – 2023-06-30');
    assert.deepEqual(
      text.split('\n').filter((l) => l.startsWith('## ')),
      [
        '## Summary',
        '## Sets technical direction across teams',
        '## Designs cross-cutting systems',
        '## Establishes engineering standards',
        '## Aligns teams without authority',
        '## Unblocks critical problems',
        '## Grows senior engineers',
        '## What others said',
        '## Calibration check',
        '## Gaps',
      ],
    );
    assert.ok(text.includes('Coverage: **5 of 7** criteria of Staff Engineer have evidence dated in the review period 2023-01-01 – 2023-06-30 (H1 2023).'));
    assert.ok(text.includes('- **Evidence:** 4 notes, 2 of them feedback from others'));
    assert.ok(text.includes('  - influence: 2 of 2\n  - technical: 3 of 3\n  - communication: 0 of 1\n  - mentoring: 0 of 1'));
    assert.ok(text.includes('  - Context: I led the rewrite of the pricing path that three teams share.'));
    assert.ok(text.includes('  - Role: I wrote the design doc and drove the migration plan across the teams.'));
    assert.ok(text.includes('  - Impact: p95 checkout latency down from 800 ms to 240 ms'));
    assert.ok(text.includes('  - Links: <https://example.com/pr/42>'));
    assert.ok(text.includes('— _feedback, in the words of Priya Raman, engineering manager of Payments_'));
    assert.ok(text.includes('> You got three teams that report to three directors to agree on one plan in an afternoon.'));
    assert.ok(
      text.includes(
        '- **Review standards for the platform teams** (2023-04-02): no measurable impact (no number or outcome); no link or artifact; not written as something that happened',
      ),
    );
    assert.ok(text.includes('- No evidence in the areas communication, mentoring.'));
    assert.ok(text.includes('Earlier or undated (shown, not counted in this period):'));
    assert.ok(!/(^|[^\\])<(script|img|b|link|iframe|style)\b/im.test(text), 'no raw HTML from a note survives');
    assert.ok(!/\]\(\s*javascript:|<javascript:/i.test(text), 'only http(s) links');
    assert.ok(!text.includes('javascript:alert(3)'), 'the javascript: entry of links: is dropped');
    assert.deepEqual((await summary(H1)).covered, 5, 'a packet is not evidence');
  });

  test('HTML: one file, no script, no external resource, hostile note text shown as text; never overwrites', async () => {
    const uri = await exportPacket({ ...H1, format: 'html', open: false });
    assert.ok(uri);
    written.push(rel(uri));
    assert.equal(rel(uri), `career/packets/${today()}-L6.html`);
    const html = disk.read(rel(uri));
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    // Each "<" opens a tag the renderer wrote (note text is escaped): check every tag.
    const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>/g)];
    assert.equal(tags.length, (html.match(/</g) ?? []).length - 1, 'no stray "<" (beside <!DOCTYPE html>)');
    const names = new Set(tags.map((t) => t[1]!.toLowerCase()));
    for (const loads of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'form', 'base'])
      assert.ok(!names.has(loads), `no <${loads}>`);
    for (const t of tags) assert.ok(!/\s(?:src|srcset|on[a-z]+|style|action)=/i.test(t[2]!), `no loading, handler or style attribute: <${t[1]}${t[2]}>`);
    const style = /<style>([^<]*)<\/style>/.exec(html)![1]!;
    assert.ok(!/url\(|@import/i.test(style), 'the inline style loads nothing');
    for (const href of [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!)) {
      assert.ok(/^(\.\.\/[a-z]+\/[\w.%-]+\.md|https:\/\/example\.com\/)/.test(href), `href ${href}: a note beside the packet or an http(s) link from links:`);
    }
    assert.ok(!html.includes('javascript:alert(3)'), 'a javascript: link is dropped');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;'), 'the hostile title, as text');
    assert.ok(html.includes('their words: &lt;b onmouseover=&quot;alert(2)&quot;&gt;Mallory&lt;/b&gt;'), 'the hostile author, as text, marked as their words');
    assert.ok(html.includes('&lt;iframe src=&quot;https://evil.example/&quot;&gt;'), 'the hostile words, as text');
    assert.ok(html.includes("default-src 'none'"));
    const second = await exportPacket({ ...H1, format: 'html', open: false });
    written.push(rel(second!));
    assert.equal(rel(second!), `career/packets/${today()}-L6-2.html`);
    assert.equal(disk.read(rel(uri)), html, 'the first is untouched');
    assert.equal(await exportPacket({ format: 'pdf' }), undefined, 'an unknown format writes nothing');
  });

  test('careerLattice.packetFormat = html: an export that names no format writes HTML; an explicit format still wins', async () => {
    await setSetting('packetFormat', 'html');
    try {
      const uri = await exportPacket({ ...H1, open: false });
      assert.ok(uri);
      written.push(rel(uri));
      assert.ok(rel(uri).endsWith('.html'), rel(uri));
      assert.ok(disk.read(rel(uri)).startsWith('<!DOCTYPE html>'));
      const md = await exportPacket({ ...H1, format: 'markdown', open: false });
      written.push(rel(md!));
      assert.ok(rel(md!).endsWith('.md'), rel(md!));
    } finally {
      await setSetting('packetFormat', undefined);
    }
  });
});
