import type { NoteIndex, NoteRecord } from '../index/noteIndex';
import type { Ladder } from '../ladder/ladder';
import { trackChange, trackChangeLines, type TrackChange } from '../ladder/lattice';
import { yamlScalar } from '../notes/templates';
import { dirname } from '../util/paths';
import { NOTE_FLAG_TEXT, type Calibration, type NoteFlag } from './calibration';
import { gaps, staleCutoff, type CriterionEvidence, type EvidenceSummary } from './evidence';
import { formatPeriod, periodName, type ReviewPeriod } from './period';
import { CONTEXT_SECTIONS, IMPACT_SECTIONS, ROLE_SECTIONS, SHOWS_SECTIONS, WORDS_SECTIONS, section, type NoteDetails } from './sections';

/**
 * The promotion packet as a document a manager or a committee reads: a summary (level sought, period,
 * coverage by area), the evidence per target-level criterion in context, role and impact, what others
 * said, the calibration check, and the gaps. One model, rendered as markdown or as a self-contained
 * HTML file. Every string from a note or a ladder is escaped by the renderer that writes it.
 */
export interface PacketOptions {
  readonly today: string;
  /** Where the packet will be written (for relative links to the notes). */
  readonly packetPath: string;
  readonly staleAfterMonths: number;
  /** Note texts (sections, `from:`); without them the packet is built from the index alone. */
  readonly details?: ReadonlyMap<string, NoteDetails>;
  /** The calibration check to include (omitted: no calibration section). */
  readonly calibration?: Calibration;
}

export interface PacketNote {
  readonly path: string;
  /** Relative link from the packet to the note, URL-encoded per segment. */
  readonly href: string;
  readonly title: string;
  readonly date: string | null;
  readonly feedback: boolean;
  readonly from?: string;
  readonly context?: string;
  readonly role?: string;
  readonly impact: readonly string[];
  readonly links: readonly string[];
  readonly flags: readonly NoteFlag[];
}

export interface PacketCriterion {
  readonly id: string;
  readonly title: string;
  readonly area: string;
  readonly description: string;
  /** The pillar above the area, when the ladder groups its criteria. */
  readonly group?: string;
  /** What the target level expects of it, in a word or a phrase. */
  readonly expectation?: string;
  /** Points it is worth once evidenced (ladders that count points). */
  readonly points?: number;
  readonly evidence: CriterionEvidence;
  readonly notes: readonly PacketNote[];
  readonly earlier: readonly PacketNote[];
}

export interface PacketModel {
  readonly today: string;
  readonly current: { readonly id: string; readonly title: string };
  readonly target: { readonly id: string; readonly title: string; readonly scope: string; readonly equivalent?: string };
  readonly period: ReviewPeriod | null;
  readonly staleAfterMonths: number;
  readonly covered: number;
  readonly total: number;
  /** A ladder that counts points: the points of the covered criteria against the target's threshold. */
  readonly points?: { readonly earned: number; readonly total: number; readonly threshold: number };
  /** Coverage per area (`group › area` when the ladder groups its criteria), in ladder order. */
  readonly areas: ReadonlyArray<{ readonly area: string; readonly covered: number; readonly total: number }>;
  readonly criteria: readonly PacketCriterion[];
  readonly said: ReadonlyArray<PacketNote & { readonly words: string; readonly shows?: string; readonly criteria: readonly string[] }>;
  readonly missing: readonly CriterionEvidence[];
  readonly stale: readonly CriterionEvidence[];
  readonly calibration?: Calibration;
  /** The target is on another track: a change of track, said so, with what to try first. */
  readonly trackChange?: TrackChange;
  /** Evidence notes counted in the packet, and how many of them are feedback. */
  readonly noteCount: number;
  readonly feedbackCount: number;
}

/** Bounds a note's prose in a packet: one paragraph, at most this many characters. */
const MAX_PROSE = 600;

function prose(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const one = text
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/^(?:[-*>]|\d+\.)/, '')
        .trim(),
    )
    .filter(Boolean)
    .join(' ');
  if (!one) return undefined;
  return one.length > MAX_PROSE ? `${one.slice(0, MAX_PROSE - 1)}…` : one;
}

/** A link target that is safe to write: http(s) only. */
export function safeHttpUrl(link: string): string | undefined {
  try {
    const url = new URL(link.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The relative path from the folder of `from` to `to` (both workspace-relative). */
export function relativePath(from: string, to: string): string {
  const a = dirname(from).split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

function linkPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function buildPacket(ladder: Ladder, index: NoteIndex, summary: EvidenceSummary, options: PacketOptions): PacketModel {
  const current = ladder.level(summary.currentLevel, summary.track)!.level;
  const target = ladder.level(summary.targetLevel, summary.targetTrack ?? summary.track)!.level;
  const eq = ladder.equivalent(target.id, summary.targetTrack ?? summary.track);
  const change = summary.changeOfTrack ? trackChange(ladder, summary) : undefined;
  const details = options.details ?? new Map<string, NoteDetails>();
  const flagsOf = new Map((options.calibration?.notes ?? []).map((n) => [n.path, n.flags] as const));
  const toNote = (note: NoteRecord): PacketNote => {
    const d = details.get(note.path);
    const impacts = note.impact.length ? note.impact : [prose(section(d, IMPACT_SECTIONS))].filter((x): x is string => !!x);
    const context = prose(section(d, note.type === 'feedback' ? ['context'] : CONTEXT_SECTIONS));
    const role = note.type === 'feedback' ? undefined : prose(section(d, ROLE_SECTIONS));
    const from = note.from ?? d?.from;
    return {
      path: note.path,
      href: linkPath(relativePath(options.packetPath, note.path)),
      title: note.title,
      date: note.date,
      feedback: note.type === 'feedback',
      ...(from ? { from } : {}),
      ...(context ? { context } : {}),
      ...(role ? { role } : {}),
      impact: impacts,
      links: note.links.map(safeHttpUrl).filter((u): u is string => !!u),
      flags: flagsOf.get(note.path) ?? [],
    };
  };
  const notesOf = (paths: readonly string[]) =>
    paths
      .map((p) => index.get(p))
      .filter((n): n is NoteRecord => !!n)
      .map(toNote);
  const criteria = summary.criteria.map((c): PacketCriterion => {
    const data = ladder.criterion(c.id)?.criterion;
    return {
      id: c.id,
      title: c.title,
      area: c.area,
      description: data?.description ?? '',
      ...(data?.group !== undefined ? { group: data.group } : {}),
      ...(data?.expectation !== undefined ? { expectation: data.expectation } : {}),
      ...(data?.points !== undefined ? { points: data.points } : {}),
      evidence: c,
      notes: notesOf(c.notes),
      earlier: notesOf(c.earlier),
    };
  });
  const counted = (c: CriterionEvidence) => c.count > 0 && !c.stale;
  // One pass: area (under its group when the ladder has groups) -> counts, in ladder order.
  const byArea = new Map<string, { area: string; covered: number; total: number }>();
  for (const c of criteria) {
    const key = c.group ? `${c.group} › ${c.area}` : c.area;
    const entry = byArea.get(key) ?? { area: key, covered: 0, total: 0 };
    entry.total++;
    if (counted(c.evidence)) entry.covered++;
    byArea.set(key, entry);
  }
  const areas = [...byArea.values()];
  // The notes that count: inside the period, or (without one) newer than the stale cutoff. What others
  // said quotes each such feedback note once, with the criteria it speaks to.
  const cutoff = staleCutoff(options.today, options.staleAfterMonths);
  const isCurrent = (n: PacketNote) => summary.period !== null || (n.date !== null && n.date >= cutoff);
  const saidMap = new Map<string, { note: PacketNote; criteria: string[] }>();
  const countedPaths = new Set<string>();
  for (const c of criteria) {
    for (const n of c.notes) {
      if (!isCurrent(n)) continue;
      countedPaths.add(n.path);
      if (!n.feedback) continue;
      const entry = saidMap.get(n.path) ?? { note: n, criteria: [] };
      entry.criteria.push(c.title);
      saidMap.set(n.path, entry);
    }
  }
  const said = [...saidMap.values()].map(({ note, criteria: crit }) => {
    const d = details.get(note.path);
    const words = prose(section(d, WORDS_SECTIONS)) ?? note.title;
    const shows = prose(section(d, SHOWS_SECTIONS));
    return { ...note, words, ...(shows ? { shows } : {}), criteria: crit };
  });
  const open = gaps(summary);
  return {
    today: options.today,
    current: { id: current.id, title: current.title },
    target: {
      id: target.id,
      title: target.title,
      scope: target.scope ?? '',
      ...(eq ? { equivalent: `${eq.level.title} on the ${eq.track.title} track` } : {}),
    },
    period: summary.period,
    ...(change ? { trackChange: change } : {}),
    staleAfterMonths: options.staleAfterMonths,
    covered: summary.covered,
    total: summary.total,
    ...(summary.points ? { points: { ...summary.points } } : {}),
    areas,
    criteria,
    said,
    missing: open.filter((c) => c.count === 0),
    stale: open.filter((c) => c.count > 0),
    ...(options.calibration ? { calibration: options.calibration } : {}),
    noteCount: countedPaths.size,
    feedbackCount: [...countedPaths].filter((p) => index.get(p)?.type === 'feedback').length,
  };
}

function periodText(period: ReviewPeriod): string {
  const name = periodName(period);
  return `${formatPeriod(period)}${name ? ` (${name})` : ''}`;
}

/** The sentence on what coverage means: the period, or the stale window. */
function coverageClause(model: PacketModel): string {
  return model.period ? `dated in the review period ${periodText(model.period)}` : `from the last ${model.staleAfterMonths} months`;
}

/** `7 of 12 points needed (20 available)`, and whether the threshold is reached. */
function pointsText(points: { readonly earned: number; readonly total: number; readonly threshold: number }): string {
  return `${points.earned} of the ${points.threshold} needed (${points.total} available)${points.earned >= points.threshold ? '; the threshold is reached' : ''}`;
}

/** The criterion's area, under its group when the ladder has one: `Craft › Code quality`. */
function areaOf(c: PacketCriterion): string {
  return c.group ? `${c.group} › ${c.area}` : c.area;
}

/** `Expected at G3: Adopts · 3 points`, or '' when the ladder says neither. */
function expectationText(c: PacketCriterion, levelId: string): string {
  const parts = [c.expectation, c.points !== undefined ? `${c.points} point${c.points === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.length ? `Expected at ${levelId}: ${parts.join(' · ')}` : '';
}

/** A gap's label: its area, with the expectation when there is one. */
function gapLabel(c: PacketCriterion): string {
  return c.expectation ? `${areaOf(c)}; expected: ${c.expectation}` : areaOf(c);
}

// ---------------------------------------------------------------- markdown

/** Escapes text for markdown: no HTML, no links, no emphasis smuggled in from a note or a ladder. */
export function mdText(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function mdNote(n: PacketNote, withFlags: boolean): string[] {
  const who = n.feedback ? ` — _feedback, in the words of ${mdText(n.from || 'someone else')}_` : '';
  const out = [`- **${n.date ?? 'undated'} — [${mdText(n.title)}](${n.href})**${who}`];
  if (n.context) out.push(`  - Context: ${mdText(n.context)}`);
  if (n.role) out.push(`  - Role: ${mdText(n.role)}`);
  for (const impact of n.impact) out.push(`  - Impact: ${mdText(impact)}`);
  if (n.links.length) out.push(`  - Links: ${n.links.map((l) => `<${l.replace(/>/g, '%3E')}>`).join(', ')}`);
  if (withFlags && n.flags.length) out.push(`  - Calibration: ${n.flags.map((f) => NOTE_FLAG_TEXT[f]).join('; ')}`);
  return out;
}

export function renderPacketMarkdown(model: PacketModel): string {
  const { target, current } = model;
  const lines: string[] = [
    '---',
    'type: packet',
    // A YAML scalar, on one line: a ladder's level title may hold quotes, backslashes or line breaks.
    `title: ${yamlScalar(`Promotion packet: ${target.title.replace(/\s+/g, ' ')} (${target.id})`)}`,
    `date: ${model.today}`,
    `level: ${target.id}`,
    ...(model.period ? [`period: ${yamlScalar(formatPeriod(model.period))}`] : []),
    '---',
    `# Promotion packet: ${mdText(current.title)} (${current.id}) → ${mdText(target.title)} (${target.id})`,
    '',
    `Generated by Career Lattice on ${model.today}. Coverage: **${model.covered} of ${model.total}** criteria of ${mdText(target.title)} have evidence ${coverageClause(model)}.`,
  ];
  if (model.trackChange) lines.push('', ...trackChangeLines(model.trackChange, mdText));
  if (target.scope)
    lines.push('', `**Scope at ${target.id}:** ${mdText(target.scope)}${target.equivalent ? ` (equivalent to ${mdText(target.equivalent)})` : ''}`);
  lines.push('', '## Summary', '');
  lines.push(`- **Level sought:** ${mdText(target.title)} (${target.id}), from ${mdText(current.title)} (${current.id})`);
  lines.push(
    `- **Period:** ${model.period ? periodText(model.period) : `no review period set; evidence from the last ${model.staleAfterMonths} months counts`}`,
  );
  lines.push(
    `- **Evidence:** ${model.noteCount} note${model.noteCount === 1 ? '' : 's'}${model.feedbackCount ? `, ${model.feedbackCount} of them feedback from others` : ''}`,
  );
  if (model.points) lines.push(`- **Points:** ${pointsText(model.points)}`);
  lines.push('- **Coverage by area:**');
  for (const a of model.areas) lines.push(`  - ${mdText(a.area)}: ${a.covered} of ${a.total}`);
  const withFlags = !!model.calibration;
  for (const c of model.criteria) {
    if (c.notes.length === 0 && c.earlier.length === 0) continue;
    lines.push(
      '',
      `## ${mdText(c.title)}`,
      '',
      `_${mdText(areaOf(c))}${c.description ? ` — ${mdText(c.description)}` : ''}_${c.evidence.stale ? ` **(stale: latest evidence ${c.evidence.latest ?? 'undated'})**` : ''}`,
      '',
    );
    const expected = expectationText(c, target.id);
    if (expected) lines.push(mdText(expected), '');
    for (const n of c.notes) lines.push(...mdNote(n, withFlags));
    if (c.earlier.length) {
      lines.push('', `Earlier or undated (shown, not counted in this period):`, '');
      for (const n of c.earlier) lines.push(...mdNote(n, withFlags));
    }
  }
  lines.push('', '## What others said', '');
  if (model.said.length === 0) lines.push('No feedback notes in this packet.');
  for (const s of model.said) {
    lines.push(
      `> ${mdText(s.words)}`,
      `>`,
      `> — ${mdText(s.from || 'someone else')}, ${s.date ?? 'undated'} ([${mdText(s.title)}](${s.href}); for ${s.criteria.map(mdText).join('; ')})`,
      '',
    );
    if (s.shows) lines.push(`What it shows: ${mdText(s.shows)}`, '');
  }
  if (model.calibration) {
    const cal = model.calibration;
    lines.push('', '## Calibration check', '', 'What a committee would question, checked before handing this over.', '');
    const flagged = cal.notes.filter((n) => n.flags.length);
    if (flagged.length === 0 && cal.packet.length === 0) lines.push('Nothing to flag.');
    for (const n of flagged) lines.push(`- **${mdText(n.title)}** (${n.date ?? 'undated'}): ${n.flags.map((f) => NOTE_FLAG_TEXT[f]).join('; ')}`);
    if (cal.packet.length) {
      if (flagged.length) lines.push('');
      lines.push('For the packet as a whole:', '');
      for (const p of cal.packet) lines.push(`- ${mdText(p.message)}`);
    }
  }
  lines.push('', '## Gaps', '');
  if (model.missing.length === 0 && model.stale.length === 0) {
    lines.push(`Every criterion of ${mdText(target.title)} has ${model.period ? 'evidence in the period' : 'recent evidence'}.`);
  } else {
    if (model.missing.length) {
      lines.push(model.period ? 'No evidence in the period:' : 'No evidence yet:', '');
      for (const c of model.missing) {
        const pc = model.criteria.find((x) => x.id === c.id);
        lines.push(
          `- **${mdText(c.title)}** (${mdText(pc ? gapLabel(pc) : c.area)}) — ${mdText(pc?.description ?? '')}${c.earlier.length ? ` (${c.earlier.length} earlier note${c.earlier.length === 1 ? '' : 's'})` : ''}`,
        );
      }
      lines.push('');
    }
    if (model.stale.length) {
      lines.push(`Only evidence older than ${model.staleAfterMonths} months:`, '');
      for (const c of model.stale)
        lines.push(`- **${mdText(c.title)}** (${mdText(c.area)}) — latest ${c.latest ?? 'undated'}, ${c.count} note${c.count === 1 ? '' : 's'}`);
      lines.push('');
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

// ---------------------------------------------------------------- HTML

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** HTML-escapes text for element content and quoted attribute values. */
export function htmlText(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/**
 * Styles inline in the file: readable on screen, clean on paper (no backgrounds needed, criteria kept
 * whole across pages). No `url()`, no `@import`, no fonts to fetch.
 */
const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24; background: #fff; max-width: 52em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid #c9ced6; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
.muted { color: #57606a; }
.criterion { break-inside: avoid; page-break-inside: avoid; }
.note { margin: .5em 0 .8em; padding-left: .8em; border-left: 3px solid #8c959f; }
.note.feedback { border-left-style: dashed; }
.note dl { margin: .2em 0; display: grid; grid-template-columns: 6em 1fr; gap: .1em .6em; }
.note dt { color: #57606a; }
.note dd { margin: 0; }
.tag { display: inline-block; font-size: .85em; padding: 0 .4em; border: 1px solid currentColor; border-radius: .6em; margin-left: .3em; }
.flag { color: #9a3412; }
blockquote { margin: .8em 0; padding: .2em 1em; border-left: 3px solid #8c959f; font-style: italic; break-inside: avoid; }
blockquote footer { font-style: normal; color: #57606a; margin-top: .3em; }
table { border-collapse: collapse; margin: .3em 0; }
td, th { text-align: left; padding: .1em 1em .1em 0; }
a { color: #0b57d0; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
`;

function htmlNote(n: PacketNote, withFlags: boolean): string {
  const who = n.feedback ? `<span class="tag">feedback · their words: ${htmlText(n.from || 'someone else')}</span>` : '';
  const rows: string[] = [];
  if (n.context) rows.push(`<dt>Context</dt><dd>${htmlText(n.context)}</dd>`);
  if (n.role) rows.push(`<dt>Role</dt><dd>${htmlText(n.role)}</dd>`);
  for (const impact of n.impact) rows.push(`<dt>Impact</dt><dd>${htmlText(impact)}</dd>`);
  if (n.links.length)
    rows.push(`<dt>Links</dt><dd>${n.links.map((l) => `<a href="${htmlText(l)}" rel="noreferrer noopener">${htmlText(l)}</a>`).join(', ')}</dd>`);
  if (withFlags && n.flags.length) rows.push(`<dt class="flag">Flags</dt><dd class="flag">${n.flags.map((f) => htmlText(NOTE_FLAG_TEXT[f])).join('; ')}</dd>`);
  return `<div class="note${n.feedback ? ' feedback' : ''}"><div><strong>${htmlText(n.date ?? 'undated')} — <a href="${htmlText(n.href)}">${htmlText(n.title)}</a></strong>${who}</div>${rows.length ? `<dl>${rows.join('')}</dl>` : ''}</div>`;
}

/**
 * The packet as one HTML file: inline styles, no script, no external resource (a CSP that allows
 * nothing else says so to any browser that opens it), every string escaped. Prints cleanly to PDF.
 */
export function renderPacketHtml(model: PacketModel): string {
  const { target, current } = model;
  const withFlags = !!model.calibration;
  const title = `Promotion packet: ${current.title} (${current.id}) → ${target.title} (${target.id})`;
  const parts: string[] = [];
  parts.push(`<header><h1>${htmlText(title)}</h1>`);
  parts.push(
    `<p class="muted">Generated by Career Lattice on ${htmlText(model.today)}. Coverage: <strong>${model.covered} of ${model.total}</strong> criteria of ${htmlText(target.title)} have evidence ${htmlText(coverageClause(model))}.</p>`,
  );
  if (model.trackChange) {
    const c = model.trackChange;
    parts.push(
      `<p><strong>${htmlText(c.sentence)}</strong></p><p>${c.toManagement ? 'Try before you commit (each is evidence worth a note):' : 'Ways to gather evidence for the new track:'}</p><ul>${c.tryFirst.map((t) => `<li>${htmlText(t)}</li>`).join('')}</ul>`,
    );
  }
  if (target.scope)
    parts.push(
      `<p><strong>Scope at ${htmlText(target.id)}:</strong> ${htmlText(target.scope)}${target.equivalent ? ` (equivalent to ${htmlText(target.equivalent)})` : ''}</p>`,
    );
  parts.push('</header>');
  parts.push('<section><h2>Summary</h2><table>');
  parts.push(
    `<tr><th>Level sought</th><td>${htmlText(target.title)} (${htmlText(target.id)}), from ${htmlText(current.title)} (${htmlText(current.id)})</td></tr>`,
  );
  parts.push(
    `<tr><th>Period</th><td>${htmlText(model.period ? periodText(model.period) : `no review period set; evidence from the last ${model.staleAfterMonths} months counts`)}</td></tr>`,
  );
  parts.push(
    `<tr><th>Evidence</th><td>${model.noteCount} note${model.noteCount === 1 ? '' : 's'}${model.feedbackCount ? `, ${model.feedbackCount} of them feedback from others` : ''}</td></tr>`,
  );
  if (model.points) parts.push(`<tr><th>Points</th><td>${htmlText(pointsText(model.points))}</td></tr>`);
  parts.push('</table><h3>Coverage by area</h3><table>');
  for (const a of model.areas) parts.push(`<tr><td>${htmlText(a.area)}</td><td>${a.covered} of ${a.total}</td></tr>`);
  parts.push('</table></section>');
  parts.push('<section><h2>Evidence by criterion</h2>');
  for (const c of model.criteria) {
    if (c.notes.length === 0 && c.earlier.length === 0) continue;
    parts.push(
      `<div class="criterion"><h3>${htmlText(c.title)}</h3><p class="muted">${htmlText(areaOf(c))}${c.description ? ` — ${htmlText(c.description)}` : ''}${c.evidence.stale ? ` <strong>(stale: latest evidence ${htmlText(c.evidence.latest ?? 'undated')})</strong>` : ''}</p>`,
    );
    const expected = expectationText(c, target.id);
    if (expected) parts.push(`<p class="expected">${htmlText(expected)}</p>`);
    for (const n of c.notes) parts.push(htmlNote(n, withFlags));
    if (c.earlier.length) {
      parts.push('<p class="muted">Earlier or undated (shown, not counted in this period):</p>');
      for (const n of c.earlier) parts.push(htmlNote(n, withFlags));
    }
    parts.push('</div>');
  }
  parts.push('</section>');
  parts.push('<section><h2>What others said</h2>');
  if (model.said.length === 0) parts.push('<p class="muted">No feedback notes in this packet.</p>');
  for (const s of model.said) {
    parts.push(
      `<blockquote><p>${htmlText(s.words)}</p><footer>— ${htmlText(s.from || 'someone else')}, ${htmlText(s.date ?? 'undated')} (<a href="${htmlText(s.href)}">${htmlText(s.title)}</a>; for ${htmlText(s.criteria.join('; '))})</footer></blockquote>${s.shows ? `<p>What it shows: ${htmlText(s.shows)}</p>` : ''}`,
    );
  }
  parts.push('</section>');
  if (model.calibration) {
    const cal = model.calibration;
    const flagged = cal.notes.filter((n) => n.flags.length);
    parts.push('<section><h2>Calibration check</h2><p class="muted">What a committee would question, checked before handing this over.</p>');
    if (flagged.length === 0 && cal.packet.length === 0) parts.push('<p>Nothing to flag.</p>');
    if (flagged.length)
      parts.push(
        `<ul>${flagged.map((n) => `<li><strong>${htmlText(n.title)}</strong> (${htmlText(n.date ?? 'undated')}): <span class="flag">${n.flags.map((f) => htmlText(NOTE_FLAG_TEXT[f])).join('; ')}</span></li>`).join('')}</ul>`,
      );
    if (cal.packet.length)
      parts.push(`<p>For the packet as a whole:</p><ul>${cal.packet.map((p) => `<li class="flag">${htmlText(p.message)}</li>`).join('')}</ul>`);
    parts.push('</section>');
  }
  parts.push('<section><h2>Gaps</h2>');
  if (model.missing.length === 0 && model.stale.length === 0) {
    parts.push(`<p>Every criterion of ${htmlText(target.title)} has ${model.period ? 'evidence in the period' : 'recent evidence'}.</p>`);
  } else {
    if (model.missing.length) {
      parts.push(`<p>${model.period ? 'No evidence in the period:' : 'No evidence yet:'}</p><ul>`);
      for (const c of model.missing) {
        const pc = model.criteria.find((x) => x.id === c.id);
        parts.push(`<li><strong>${htmlText(c.title)}</strong> (${htmlText(pc ? gapLabel(pc) : c.area)}) — ${htmlText(pc?.description ?? '')}</li>`);
      }
      parts.push('</ul>');
    }
    if (model.stale.length) {
      parts.push(`<p>Only evidence older than ${model.staleAfterMonths} months:</p><ul>`);
      for (const c of model.stale)
        parts.push(
          `<li><strong>${htmlText(c.title)}</strong> (${htmlText(c.area)}) — latest ${htmlText(c.latest ?? 'undated')}, ${c.count} note${c.count === 1 ? '' : 's'}</li>`,
        );
      parts.push('</ul>');
    }
  }
  parts.push('</section>');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Career Lattice">
<title>${htmlText(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
