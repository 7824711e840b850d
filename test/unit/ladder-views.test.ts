// Issue 17, what the views make of a company ladder: criteria under their `group` (pillar -> competency),
// the `expectation` of each criterion at its level, and coverage as points against a level's
// `threshold`, in the evidence view's HTML and in the promotion packet. A ladder without any of them
// must look exactly as before.
import * as assert from 'node:assert/strict';
import { computeEvidence, type EvidenceSummary } from '../../src/core/evidence/evidence';
import { buildPacket, renderPacketHtml, renderPacketMarkdown } from '../../src/core/evidence/packet';
import { evidenceDetails } from '../../src/core/evidence/report';
import { NoteIndex, type NoteRecord } from '../../src/core/index/noteIndex';
import { byGroup, hasGroups } from '../../src/core/ladder/groups';
import { TRY_MANAGEMENT_FIRST, TRY_TRACK_FIRST, trackComparison, trackComparisonText } from '../../src/core/ladder/lattice';
import { builtinTemplate, renderTemplate } from '../../src/core/notes/templates';
import type { Ladder } from '../../src/core/ladder/ladder';
import { builtinLadder, loadLadder } from '../../src/core/ladder/load';
import { criterionMeta, renderBody, type EvidenceViewModel } from '../../src/features/evidence/render';

const TODAY = '2026-06-01';

async function load(yaml: string): Promise<Ladder> {
  const result = await loadLadder('.career/ladder.yaml', async () => yaml);
  assert.deepEqual(
    result.problems.filter((p) => p.severity === 'error'),
    [],
  );
  return result.ladder;
}

/** Two groups, a criterion without one, expectations, points and thresholds. */
const GROUPED = `name: Grouped
tracks:
  - id: eng
    title: Engineering
    levels:
      - id: G1
        title: Growing
        threshold: 0
        criteria:
          - { id: eng.G1.web, group: Building, area: Web client, title: Web one, expectation: Learns it, points: 1 }
      - id: G2
        title: Contributing
        threshold: 4
        criteria:
          - { id: eng.G2.web, group: Building, area: Web client, title: Web two, expectation: Adopts, points: 2 }
          - { id: eng.G2.mentor, group: Supporting, area: Mentorship, title: Mentors, expectation: Supports, points: 2 }
          - { id: eng.G2.servers, group: Building, area: Servers, title: Servers two, expectation: Adopts, points: 1 }
          - { id: eng.G2.extra, area: Other things, title: Ungrouped one, points: 1 }
`;

function note(path: string, criteria: string[], date = '2026-05-01'): NoteRecord {
  return {
    path,
    type: 'brag',
    title: `Note ${path}`,
    date,
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

/** The view model as the panel builds it (src/features/evidence/panel.ts), without the vscode parts. */
function viewModel(ladder: Ladder, index: NoteIndex, summary: EvidenceSummary): EvidenceViewModel {
  const current = ladder.level(summary.currentLevel, summary.track)!.level;
  const target = ladder.level(summary.targetLevel, summary.targetTrack ?? summary.track)!;
  const notes = new Map<string, { title: string; date: string | null; type: NoteRecord['type'] }>();
  for (const c of summary.criteria) for (const p of c.notes) notes.set(p, { title: index.get(p)!.title, date: index.get(p)!.date, type: 'brag' });
  return {
    summary,
    trackTitle: ladder.track(summary.track)!.title,
    current: { id: current.id, title: current.title },
    target: { id: target.level.id, title: target.level.title },
    criteria: ladder.criteriaOf(target).map(criterionMeta),
    notes,
    details: evidenceDetails(ladder, index, TODAY),
    staleAfterMonths: 12,
    today: TODAY,
    ladderSource: '.career/ladder.yaml',
  };
}

/** The text of an HTML fragment: tags out, entities back. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The section of the body that lists the criteria (up to the calibration check). */
function criteriaSection(body: string): string {
  const start = body.indexOf('<section aria-labelledby="criteria-heading">');
  const end = body.indexOf('<section aria-labelledby="calibration-heading">');
  assert.ok(start >= 0 && end > start, 'the criteria section');
  return body.slice(start, end);
}

suite('ladder views: groups', () => {
  test('byGroup: sections in the order groups first appear, the ungrouped last, items in order', () => {
    const items = [{ id: 'a', group: 'Craft' }, { id: 'b' }, { id: 'c', group: 'Impact' }, { id: 'd', group: 'Craft' }, { id: 'e', group: '' }];
    assert.deepEqual(
      byGroup(items, (i) => i.group).map((s) => [s.group, s.items.map((i) => i.id)]),
      [
        ['Craft', ['a', 'd']],
        ['Impact', ['c']],
        [undefined, ['b', 'e']],
      ],
    );
    assert.equal(hasGroups(items), true);
  });

  test('byGroup without any group: one section with every item (a ladder without groups looks as before)', () => {
    const items: Array<{ id: string; group?: string }> = [{ id: 'a' }, { id: 'b' }];
    assert.deepEqual(
      byGroup(items, () => undefined).map((s) => [s.group, s.items.length]),
      [[undefined, 2]],
    );
    assert.deepEqual(
      byGroup([], () => undefined).map((s) => [s.group, s.items.length]),
      [[undefined, 0]],
    );
    assert.equal(hasGroups(items), false);
  });
});

suite('ladder views: the evidence view', () => {
  test('criteria under a heading per group, in ladder order, gaps first within each, the ungrouped last', async () => {
    const ladder = await load(GROUPED);
    const index = new NoteIndex();
    index.set([note('career/brag/web.md', ['eng.G2.web']), note('career/brag/mentor.md', ['eng.G2.mentor'])]);
    const summary = computeEvidence(ladder, index, { track: 'eng', currentLevel: 'G1', today: TODAY });
    const section = criteriaSection(renderBody(viewModel(ladder, index, summary)));
    assert.match(section, /<h2 id="criteria-heading">Criteria of Contributing, by group, gaps first<\/h2>/);
    const groups = [
      ...section.matchAll(/<section class="group" aria-labelledby="(group-\d+)" data-group="([^"]*)">\s*<h3 class="group-heading" id="(group-\d+)">([^<]*)</g),
    ];
    assert.deepEqual(
      groups.map((g) => g[4]!.trim()),
      ['Building', 'Supporting', 'Other criteria'],
    );
    for (const g of groups) assert.equal(g[1], g[3], 'each group section is named by its heading');
    // Within Building: Servers two (missing) before Web two (covered); the criterion titles are h4 under a group.
    const building = section.slice(section.indexOf('data-group="Building"'), section.indexOf('data-group="Supporting"'));
    assert.ok(building.indexOf('<h4>Servers two</h4>') < building.indexOf('<h4>Web two</h4>'), 'gaps first within the group');
    assert.doesNotMatch(section, /<h3>(Web two|Servers two|Mentors)<\/h3>/);
    assert.match(textOf(building), /Building 1 of 2 covered · 2 of 3 points/);
    assert.ok(section.indexOf('data-group="Supporting"') < section.indexOf('data-group=""'), 'the ungrouped last');
    assert.match(textOf(section), /Other criteria 0 of 1 covered · 0 of 1 point Missing/);
  });

  test('a ladder without groups: no group heading, the rows as before (h3 titles, gaps first)', () => {
    const ladder = builtinLadder();
    const index = new NoteIndex();
    index.set([note('career/brag/x.md', ['ic.L6.cross-team-direction'])]);
    const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY });
    const section = criteriaSection(renderBody(viewModel(ladder, index, summary)));
    assert.match(section, /<h2 id="criteria-heading">Criteria of Staff Engineer, gaps first<\/h2>/);
    assert.doesNotMatch(section, /class="group|<h4>|class="expectation"|points?</);
    assert.equal((section.match(/<li class="criterion /g) ?? []).length, summary.total);
    assert.equal((section.match(/<h3>/g) ?? []).length, summary.total);
    const covered = section.indexOf('data-criterion="ic.L6.cross-team-direction"');
    const rows = [...section.matchAll(/data-criterion="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(rows[rows.length - 1], 'ic.L6.cross-team-direction', 'the covered criterion after the gaps');
    assert.ok(covered > 0);
  });

  test('the expectation sits next to the criterion title, with words for a screen reader; points beside the area', async () => {
    const ladder = await load(GROUPED);
    const index = new NoteIndex();
    const summary = computeEvidence(ladder, index, { track: 'eng', currentLevel: 'G1', today: TODAY });
    const section = criteriaSection(renderBody(viewModel(ladder, index, summary)));
    const row = section.slice(section.indexOf('data-criterion="eng.G2.mentor"'));
    assert.match(
      row,
      /^data-criterion="eng\.G2\.mentor">\s*<div class="criterion-head">\s*<span class="badge missing">Missing<\/span>\s*<h4>Mentors<\/h4>\s*<span class="expectation" title="What is expected at this level"><span class="sr-only">Expected at this level: <\/span>Supports<\/span>/,
    );
    assert.match(textOf(row.slice(0, row.indexOf('</li>'))), /Mentorship · 0 notes · 2 points/);
    const ungrouped = section.slice(section.indexOf('data-criterion="eng.G2.extra"'));
    assert.doesNotMatch(ungrouped.slice(0, ungrouped.indexOf('</div>')), /expectation/, 'no expectation, no pill');
  });

  test('coverage is points against the threshold where the level has one; the criteria count stays beside it', async () => {
    const ladder = await load(GROUPED);
    const index = new NoteIndex();
    index.set([note('career/brag/web.md', ['eng.G2.web']), note('career/brag/servers.md', ['eng.G2.servers'])]);
    const summary = computeEvidence(ladder, index, { track: 'eng', currentLevel: 'G1', today: TODAY });
    assert.deepEqual(summary.points, { earned: 3, total: 6, threshold: 4 });
    const body = renderBody(viewModel(ladder, index, summary));
    assert.match(body, /<svg class="bar"[^>]*aria-label="3 of 4 points needed for Contributing"/);
    assert.match(body, /<rect class="bar-fill" x="0" y="0" width="75"/);
    assert.match(textOf(body), /3 \/ 4 points toward Contributing \(4 needed, 6 available\) · 2 \/ 4 criteria covered by evidence from the last 12 months/);
    assert.doesNotMatch(textOf(body), /threshold reached/);

    index.set([note('career/brag/mentor.md', ['eng.G2.mentor'])]);
    const more = computeEvidence(ladder, index, { track: 'eng', currentLevel: 'G1', today: TODAY });
    const reached = renderBody(viewModel(ladder, index, more));
    assert.deepEqual(more.points, { earned: 5, total: 6, threshold: 4 });
    assert.match(reached, /aria-label="5 of 4 points needed for Contributing, threshold reached"/);
    assert.match(reached, /width="100"/, 'the bar stops at full');
    assert.match(textOf(reached), /threshold reached/);
  });

  test('a threshold of 0 is reached at once (a full bar), and a ladder without thresholds shows criteria only', async () => {
    const ladder = await load(`name: Zero
tracks:
  - id: eng
    title: Engineering
    levels:
      - { id: G1, title: Growing, criteria: [{ id: eng.G1.a, area: a, title: A }] }
      - { id: G2, title: Contributing, threshold: 0, criteria: [{ id: eng.G2.a, area: a, title: B, points: 1 }] }
`);
    const index = new NoteIndex();
    const summary = computeEvidence(ladder, index, { track: 'eng', currentLevel: 'G1', today: TODAY });
    const zero = renderBody(viewModel(ladder, index, summary));
    assert.match(zero, /aria-label="0 of 0 points needed for Contributing, threshold reached"/);
    assert.match(zero, /<rect class="bar-fill" x="0" y="0" width="100"/);
    const plain = builtinLadder();
    const s = computeEvidence(plain, new NoteIndex(), { track: 'ic', currentLevel: 'L5', today: TODAY });
    const body = renderBody(viewModel(plain, new NoteIndex(), s));
    assert.match(body, /aria-label="0 of 7 criteria covered"/);
    assert.doesNotMatch(textOf(body), /points/);
  });
});

suite('ladder views: the packet', () => {
  test('the packet shows the expectation and points of each criterion, the points total, and groups above areas', async () => {
    const ladder = await load(GROUPED);
    const index = new NoteIndex();
    index.set([note('career/brag/web.md', ['eng.G2.web'])]);
    const summary = computeEvidence(ladder, index, { track: 'eng', currentLevel: 'G1', today: TODAY });
    const model = buildPacket(ladder, index, summary, { today: TODAY, packetPath: 'career/packets/x.md', staleAfterMonths: 12 });
    assert.deepEqual(model.points, { earned: 2, total: 6, threshold: 4 });
    assert.deepEqual(
      model.areas.map((a) => `${a.area}: ${a.covered}/${a.total}`),
      ['Building › Web client: 1/1', 'Supporting › Mentorship: 0/1', 'Building › Servers: 0/1', 'Other things: 0/1'],
    );
    const md = renderPacketMarkdown(model);
    assert.match(md, /- \*\*Points:\*\* 2 of the 4 needed \(6 available\)\n/);
    assert.match(md, /## Web two\n\n_Building › Web client_\n\nExpected at G2: Adopts · 2 points\n/);
    assert.match(md, /- \*\*Mentors\*\* \(Supporting › Mentorship; expected: Supports\) — /, 'a gap says what is expected');
    const html = renderPacketHtml(model);
    assert.match(html, /<tr><th>Points<\/th><td>2 of the 4 needed \(6 available\)<\/td><\/tr>/);
    assert.match(html, /<p class="expected">Expected at G2: Adopts · 2 points<\/p>/);
    assert.match(html, /<strong>Mentors<\/strong> \(Supporting › Mentorship; expected: Supports\)/);
  });

  test('a ladder without groups, expectations or points: the packet says none of it', () => {
    const ladder = builtinLadder();
    const index = new NoteIndex();
    index.set([note('career/brag/x.md', ['ic.L6.cross-team-direction'])]);
    const summary = computeEvidence(ladder, index, { track: 'ic', currentLevel: 'L5', today: TODAY });
    const model = buildPacket(ladder, index, summary, { today: TODAY, packetPath: 'career/packets/x.md', staleAfterMonths: 12 });
    assert.equal(model.points, undefined);
    assert.ok(model.areas.every((a) => !a.area.includes('›')));
    const md = renderPacketMarkdown(model);
    assert.doesNotMatch(md, /Expected at|Points:|expected:/);
  });

  test('expectations and groups from a hostile ladder stay text in both packets', async () => {
    const ladder = await load(`name: Hostile
tracks:
  - id: eng
    title: Engineering
    levels:
      - { id: G1, title: One, criteria: [{ id: eng.G1.a, area: a, title: a }] }
      - id: G2
        title: Two
        threshold: 1
        criteria:
          - { id: eng.G2.a, group: "<img src=x onerror=alert(1)>", area: "[x](command:y)", title: T, expectation: "<script>alert(1)</script> **bold**", points: 1 }
`);
    const index = new NoteIndex();
    const summary = computeEvidence(ladder, index, { track: 'eng', currentLevel: 'G1', today: TODAY });
    const model = buildPacket(ladder, index, summary, { today: TODAY, packetPath: 'career/packets/x.md', staleAfterMonths: 12 });
    const html = renderPacketHtml(model);
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
    const md = renderPacketMarkdown(model);
    assert.doesNotMatch(md, /<script>|\[x\]\(command:y\)|\*\*bold\*\*/);
    const body = renderBody(viewModel(ladder, index, summary));
    assert.doesNotMatch(body, /<script>alert|<img src=x/);
    assert.match(body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; \*\*bold\*\*/);
  });
});

const FORKED = `name: Forked
tracks:
  - id: ic
    title: Engineer
    levels:
      - { id: JR, title: Junior, criteria: [{ id: ic.JR.a, area: craft, title: Learns }] }
      - { id: E, title: Engineer, criteria: [{ id: ic.E.a, area: craft, title: Delivers }] }
      - { id: SE1, title: Senior 1, criteria: [{ id: ic.SE1.a, area: craft, title: Owns }] }
      - { id: SE2, title: Senior 2, criteria: [{ id: ic.SE2.a, area: craft, title: Leads technically }] }
  - id: people
    title: People manager
    from: SE1
    levels:
      - { id: SE2M, title: Senior 2 (People Manager), equivalent: SE2, criteria: [{ id: people.SE2M.a, area: people, title: Manages a team }] }
      - { id: DIR, title: Director, carryForward: true, criteria: [{ id: people.DIR.a, area: people, title: Manages managers }] }
`;

suite('decision record: the other track', () => {
  test('L5 on the built-in ladder: beside Engineering Manager, scope, years and criteria area by area, then what to try first', () => {
    const ladder = builtinLadder();
    const c = trackComparison(ladder, { track: 'ic', currentLevel: 'L5' })!;
    assert.deepEqual([c.current.level.id, c.other.level.id, c.isTarget, c.entry, c.toManagement], ['L5', 'EM', false, false, true]);
    const text = trackComparisonText(ladder, { track: 'ic', currentLevel: 'L5' });
    assert.match(
      text,
      /^Senior Engineer \(L5\) on the Individual Contributor track, and Engineering Manager \(EM\), the level you would be at on the Management track\./,
    );
    assert.match(text, /\| \| Senior Engineer \(L5\) \| Engineering Manager \(EM\) \|\n\|---\|---\|---\|\n\| Track \| Individual Contributor \| Management \|/);
    assert.match(text, /\| Scope \| Significant system, team influence \| /);
    assert.match(text, /\| Typical experience \| 5-10 years \| 5-10 years \|/);
    assert.match(text, /- \*\*people\*\*, only at EM: .*Runs useful 1:1s/);
    assert.match(text, /- \*\*mentoring\*\*, only at L5: Mentors several engineers/);
    assert.match(text, /- \*\*technical\*\*, L5: Owns a significant system; .* · EM: Keeps enough technical context/);
    assert.match(text, /\*\*Try before you commit\*\*/);
    for (const step of TRY_MANAGEMENT_FIRST) assert.ok(text.includes(`- [ ] ${step}`), step);
  });

  test("the try-first steps are the seed's four: a project without formal authority, six months of mentoring, shadowing a manager, acting as one", () => {
    assert.equal(TRY_MANAGEMENT_FIRST.length, 4);
    assert.match(TRY_MANAGEMENT_FIRST[0]!, /project.*without formal authority/);
    assert.match(TRY_MANAGEMENT_FIRST[1]!, /Mentor.*six months.*coaching/);
    assert.match(TRY_MANAGEMENT_FIRST[2]!, /Shadow a manager for a week.*1:1s and planning meetings/);
    assert.match(TRY_MANAGEMENT_FIRST[3]!, /Act as the manager.*leave/);
  });

  test('a target on another track is the level compared (a change of track); a manager is compared with the IC track, without the management steps', () => {
    const ladder = builtinLadder();
    const target = trackComparison(ladder, { track: 'ic', currentLevel: 'L5', targetLevel: 'SEM' })!;
    assert.deepEqual([target.other.level.id, target.isTarget, target.toManagement], ['SEM', true, true]);
    assert.match(
      trackComparisonText(ladder, { track: 'ic', currentLevel: 'L5', targetLevel: 'SEM' }),
      /and your target Senior Engineering Manager \(SEM\) on the Management track: a change of track\./,
    );
    const manager = trackComparison(ladder, { track: 'management', currentLevel: 'EM' })!;
    assert.deepEqual([manager.other.level.id, manager.toManagement], ['L5', false]);
    assert.deepEqual(manager.tryFirst, TRY_TRACK_FIRST);
    const text = trackComparisonText(ladder, { track: 'management', currentLevel: 'EM' });
    assert.doesNotMatch(text, /Try before you commit/);
    assert.match(text, /Ways to gather evidence for the other track/);
  });

  test('a level junior to the other track: its first level, the step toward it; a shared trunk: the first level of the other branch', async () => {
    const junior = trackComparison(builtinLadder(), { track: 'ic', currentLevel: 'L3' })!;
    assert.deepEqual([junior.other.level.id, junior.entry], ['TL', true]);
    assert.match(
      trackComparisonText(builtinLadder(), { track: 'ic', currentLevel: 'L3' }),
      /Tech Lead \(TL\), the step you would work toward on the Management track/,
    );
    const forked = await load(FORKED);
    for (const [track, level, other] of [
      ['ic', 'E', 'SE2M'],
      ['ic', 'SE1', 'SE2M'],
      ['people', 'SE1', 'SE2'],
      ['people', 'SE2M', 'SE2'],
      ['ic', 'SE2', 'SE2M'],
    ] as const) {
      assert.equal(trackComparison(forked, { track, currentLevel: level })?.other.level.id, other, `${track} ${level}`);
    }
    const branch = trackComparison(forked, { track: 'ic', currentLevel: 'SE1', targetLevel: 'DIR' })!;
    assert.deepEqual([branch.other.level.id, branch.isTarget, branch.toManagement], ['DIR', true, true], 'a target on the other branch is compared');
  });

  test('a one-track ladder has nothing to compare: the section says so', async () => {
    const ladder = await load(GROUPED);
    assert.equal(trackComparison(ladder, { track: 'eng', currentLevel: 'G1' }), undefined);
    assert.match(trackComparisonText(ladder, { track: 'eng', currentLevel: 'G1' }), /The ladder in force \(Grouped\) has no other track to compare with/);
  });

  test('the decision template offers the comparison under "The other track"; other templates and a missing value leave no placeholder', () => {
    const ladder = builtinLadder();
    const comparison = trackComparisonText(ladder, { track: 'ic', currentLevel: 'L5' });
    const text = renderTemplate(builtinTemplate('decision'), { title: 'Try management?', date: '2026-06-01', criteria: [], trackComparison: comparison });
    const at = text.indexOf('## The other track');
    assert.ok(at > text.indexOf('## Options') && at < text.indexOf('## Motivations and strengths'), 'after the options, before the motivations');
    assert.ok(text.includes(comparison), 'the comparison, as generated');
    assert.doesNotMatch(text, /\{\{/);
    const crlf = renderTemplate(builtinTemplate('decision').replace(/\n/g, '\r\n'), {
      title: 'x',
      date: '2026-06-01',
      criteria: [],
      trackComparison: comparison,
    });
    assert.doesNotMatch(crlf, /[^\r]\n/, 'a CRLF template stays CRLF inside the comparison');
    const without = renderTemplate(builtinTemplate('decision'), { title: 'x', date: '2026-06-01', criteria: [] });
    assert.doesNotMatch(without, /\{\{trackComparison\}\}/);
  });

  test('level titles, scopes and criteria from a hostile ladder come out as text in the decision record', async () => {
    const ladder = await load(`name: Hostile
tracks:
  - id: ic
    title: "<b>IC</b>"
    levels:
      - { id: A, title: "[link](command:x)", scope: "a | b", criteria: [{ id: ic.A.a, area: "*area*", title: "<img src=x onerror=alert(1)>" }] }
  - id: management
    title: Management
    levels:
      - { id: M, title: "Manager\\nTwo", equivalent: A, criteria: [{ id: management.M.a, area: people, title: "\`code\`" }] }
`);
    const text = trackComparisonText(ladder, { track: 'ic', currentLevel: 'A' });
    // Every <, >, backtick, [ and | that came from the ladder is escaped (the table's own pipes are not from it).
    assert.doesNotMatch(text.replace(/^- \[ \] /gm, ''), /(^|[^\\])[<>`[]/m, 'the checklist boxes are the only brackets not escaped');
    assert.doesNotMatch(text, /(^|[^\\])\*area/);
    assert.equal((text.match(/\n\| Scope \|[^\n]*/)![0].match(/(^|[^\\])\|/g) ?? []).length, 4, 'the scope row has its four cell borders only');
    assert.match(text, /\\\[link\\\]\(command:x\)/, 'shown escaped');
    assert.match(text, /a \\\| b/);
  });
});
