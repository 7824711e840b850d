import { NOTE_FLAG_TEXT, type Calibration, type NoteFlag } from '../../core/evidence/calibration';
import { gapsFirst, type CriterionEvidence, type EvidenceSummary } from '../../core/evidence/evidence';
import { byGroup, hasGroups } from '../../core/ladder/groups';
import { formatPeriod, periodName, type ReviewPeriod } from '../../core/evidence/period';
import { addMonths, isIsoDate } from '../../core/util/dates';
import type { EvidenceDetails } from '../../core/evidence/report';
import type { CriterionData } from '../../core/ladder/schema';
import type { NoteType } from '../../core/notes/schema';
import { TYPE_LABELS } from '../../core/notes/templates';

/**
 * The evidence view as HTML. Pure (no vscode import) so that it is unit-tested with hostile input:
 * every string that comes from a note or the ladder goes through {@link esc}, links carry only a
 * workspace-relative note path in a data attribute, and there is no inline script, handler or style.
 */
export interface EvidenceViewModel {
  readonly summary: EvidenceSummary;
  readonly trackTitle: string;
  readonly current: LevelLabel;
  readonly target: LevelLabel;
  /** What the ladder says of each target-level criterion beyond its evidence. */
  readonly criteria: ReadonlyArray<CriterionMeta>;
  readonly notes: ReadonlyMap<string, { readonly title: string; readonly date: string | null; readonly type: NoteType; readonly from?: string }>;
  readonly details: EvidenceDetails;
  readonly staleAfterMonths: number;
  readonly today: string;
  /** `builtin` or the custom ladder's path. */
  readonly ladderSource: string;
  /** When the target is on another track: what to say, and what to try first. */
  readonly trackChange?: { readonly sentence: string; readonly tryFirst: readonly string[]; readonly toManagement: boolean };
  /** The calibration check, once the note texts are read (absent: not yet). */
  readonly calibration?: Calibration;
}

export interface CriterionMeta {
  readonly id: string;
  readonly description: string;
  /** The pillar above the area, when the ladder groups its criteria. */
  readonly group?: string;
  /** What is expected at this level, in a word or a phrase (`Adopts`, `Leads it`). */
  readonly expectation?: string;
  /** Points the criterion is worth once evidenced (ladders that count points). */
  readonly points?: number;
}

/** What the view shows of a criterion of the target level (the panel's view model, and tests, build it here). */
export function criterionMeta(c: CriterionData): CriterionMeta {
  return {
    id: c.id,
    description: c.description,
    ...(c.group !== undefined ? { group: c.group } : {}),
    ...(c.expectation !== undefined ? { expectation: c.expectation } : {}),
    ...(c.points !== undefined ? { points: c.points } : {}),
  };
}

export interface LevelLabel {
  readonly id: string;
  readonly title: string;
  /** The equivalent level of the other track, e.g. `Senior Engineering Manager`. */
  readonly equivalent?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

export function renderTitle(model: EvidenceViewModel): string {
  return `Evidence: ${model.current.id} → ${model.target.id}`;
}

export function renderBody(model: EvidenceViewModel): string {
  const { summary } = model;
  const atTop = model.current.id === model.target.id;
  const eq = model.target.equivalent ? `<p class="equivalent">${esc(model.target.title)} ~ ${esc(model.target.equivalent)}</p>` : '';
  const change = model.trackChange
    ? `<section class="track-change" aria-label="Change of track"><p><strong>${esc(model.trackChange.sentence)}</strong></p><p>${model.trackChange.toManagement ? 'Try before you commit (each is evidence worth a note):' : 'Ways to gather evidence for the new track:'}</p><ul>${model.trackChange.tryFirst.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></section>`
    : '';
  const meta = new Map(model.criteria.map((c) => [c.id, c]));
  const flags = new Map((model.calibration?.notes ?? []).map((n) => [n.path, n.flags] as const));
  const period = summary.period;
  const window = period ? `dated in the review period ${esc(periodLabel(period))}` : `from the last ${esc(model.staleAfterMonths)} months`;
  const grouped = hasGroups(summary.criteria.map((c) => meta.get(c.id) ?? {}));
  return `
<header class="header">
  <h1 id="heading" tabindex="-1">${esc(model.current.title)} (${esc(model.current.id)}) <span aria-hidden="true">→</span><span class="sr-only"> to </span> ${esc(model.target.title)} (${esc(model.target.id)})</h1>
  ${eq}
  ${change}
  <p class="track">${esc(model.trackTitle)} track${atTop ? ' · top of the track: showing your current level' : ''} · ${model.ladderSource === 'builtin' ? 'built-in ladder' : `ladder: ${esc(model.ladderSource)}`}</p>
  ${coverage(model, window)}
  <p class="period" id="period">${period ? `Review period: <strong>${esc(periodLabel(period))}</strong>` : 'No review period: evidence counts while it is recent.'} <button type="button" class="secondary" data-command="setReviewPeriod">${period ? 'Change period…' : 'Set review period…'}</button></p>
  <div class="actions">
    <button type="button" data-command="exportPacket">Export promotion packet</button>
    <button type="button" class="secondary" data-command="compareLevels">Compare ${esc(model.current.id)} and ${esc(model.target.id)}</button>
    <button type="button" class="secondary" data-command="setCurrentLevel">Change level…</button>
  </div>
</header>
<section aria-labelledby="criteria-heading">
  <h2 id="criteria-heading">Criteria of ${esc(model.target.title)}, ${grouped ? 'by group, ' : ''}gaps first</h2>
  ${
    summary.criteria.length === 0
      ? '<p class="empty">This level has no criteria in the ladder.</p>'
      : grouped
        ? groupedRows(model, meta, flags)
        : `<ul class="criteria" role="list">${gapsFirst(summary)
            .map((c) => row(c, meta.get(c.id), model, flags, 3))
            .join('')}</ul>`
  }
</section>
<section aria-labelledby="calibration-heading">
  <h2 id="calibration-heading">Calibration check</h2>
  ${calibrationSection(model)}
</section>
<section aria-labelledby="by-criterion-heading">
  <h2 id="by-criterion-heading">Timeline by criterion</h2>
  ${criterionTimeline(model)}
</section>
<section aria-labelledby="timeline-heading">
  <h2 id="timeline-heading">Entries per month</h2>
  ${timeline(model.details)}
</section>
<section class="breakdowns">
  <div aria-labelledby="types-heading"><h2 id="types-heading">By note type</h2>${bars(model.details.byType.map((t) => ({ label: TYPE_LABELS[t.type], count: t.count })))}</div>
  <div aria-labelledby="areas-heading"><h2 id="areas-heading">By area</h2>${bars(model.details.byArea.map((a) => ({ label: a.area, count: a.count })))}</div>
</section>
<p class="footnote">${model.details.notes} notes, ${model.details.untagged} untagged. ${period ? 'Notes before the review period are shown as earlier and not counted' : `Evidence older than ${esc(model.staleAfterMonths)} months is stale`}; today is ${esc(model.today)}.</p>`;
}

/**
 * The coverage bar and its sentence. A ladder that counts points (the target has a `threshold`) shows
 * the points of the covered criteria against the threshold first, then the criteria count.
 */
function coverage(model: EvidenceViewModel, window: string): string {
  const { summary } = model;
  const points = summary.points;
  const criteria = `<strong>${summary.covered} / ${summary.total}</strong> criteria covered by evidence ${window}`;
  if (!points) {
    const pct = summary.total ? Math.round((summary.covered / summary.total) * 100) : 0;
    return `<div class="coverage">
    ${bar(pct, `${summary.covered} of ${summary.total} criteria covered`)}
    <p>${criteria}</p>
  </div>`;
  }
  const pct = points.threshold > 0 ? Math.min(100, Math.round((points.earned / points.threshold) * 100)) : 100;
  const reached = points.earned >= points.threshold;
  const label = `${points.earned} of ${points.threshold} points needed for ${model.target.title}${reached ? ', threshold reached' : ''}`;
  return `<div class="coverage points">
    ${bar(pct, label)}
    <p><strong>${points.earned} / ${points.threshold} points</strong> toward ${esc(model.target.title)} (${points.threshold} needed, ${points.total} available${reached ? '; <strong>threshold reached</strong>' : ''}) · ${criteria}</p>
  </div>`;
}

function bar(pct: number, label: string): string {
  return `<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">
      <rect class="bar-track" x="0" y="0" width="100" height="6" rx="3"></rect>
      <rect class="bar-fill" x="0" y="0" width="${pct}" height="6" rx="3"></rect>
    </svg>`;
}

/**
 * The criteria under a heading per group (ladder order of the groups; gaps first within each), the
 * criteria without a group last under "Other criteria". Each group is a section named by its heading,
 * so a screen reader lists the groups and jumps between them.
 */
function groupedRows(model: EvidenceViewModel, meta: ReadonlyMap<string, CriterionMeta>, flags: ReadonlyMap<string, readonly NoteFlag[]>): string {
  const sections = byGroup(model.summary.criteria, (c) => meta.get(c.id)?.group);
  const withPoints = model.summary.points !== undefined;
  return sections
    .map((section, i) => {
      const items = section.items;
      const covered = items.filter((c) => c.count > 0 && !c.stale);
      const pointsOf = (list: readonly CriterionEvidence[]) => list.reduce((sum, c) => sum + (meta.get(c.id)?.points ?? 0), 0);
      const counts = [
        `${covered.length} of ${items.length} covered`,
        withPoints ? `${pointsOf(covered)} of ${pointsOf(items)} point${pointsOf(items) === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const rows = gapsFirst({ ...model.summary, criteria: items }).map((c) => row(c, meta.get(c.id), model, flags, 4));
      const id = `group-${i}`;
      return `
  <section class="group" aria-labelledby="${id}" data-group="${esc(section.group ?? '')}">
    <h3 class="group-heading" id="${id}">${esc(section.group ?? 'Other criteria')} <span class="muted group-count">${esc(counts)}</span></h3>
    <ul class="criteria" role="list">${rows.join('')}</ul>
  </section>`;
    })
    .join('');
}

function periodLabel(period: ReviewPeriod): string {
  const name = periodName(period);
  return name ? `${name} (${formatPeriod(period)})` : formatPeriod(period);
}

function flagText(flags: readonly NoteFlag[] | undefined): string {
  return flags && flags.length
    ? ` <span class="flags" title="${esc(flags.map((f) => NOTE_FLAG_TEXT[f]).join('; '))}">⚑ ${esc(flags.map((f) => NOTE_FLAG_TEXT[f]).join('; '))}</span>`
    : '';
}

function calibrationSection(model: EvidenceViewModel): string {
  const cal = model.calibration;
  if (!cal) return '<p class="empty">Reading the notes…</p>';
  const flagged = cal.notes.filter((n) => n.flags.length);
  if (flagged.length === 0 && cal.packet.length === 0)
    return `<p>Nothing a committee would flag in ${cal.notes.length} piece${cal.notes.length === 1 ? '' : 's'} of evidence.</p>`;
  const notes = flagged
    .map(
      (n) =>
        `<li data-flags="${esc(n.flags.join(' '))}"><a href="#" data-open="${esc(n.path)}">${esc(n.title)}</a> <span class="muted">${esc(n.date ?? 'undated')}</span>${flagText(n.flags)}</li>`,
    )
    .join('');
  const packet = cal.packet.map((p) => `<li class="packet-flag" data-flag="${esc(p.flag)}">${esc(p.message)}</li>`).join('');
  return `<p class="muted">What a committee would question, before you export the packet.</p>${notes ? `<ul class="calibration" role="list">${notes}</ul>` : ''}${packet ? `<p>For the packet as a whole:</p><ul class="calibration" role="list">${packet}</ul>` : ''}`;
}

/**
 * One row per criterion, one mark per note over the period (or the last 24 months): a filled circle for
 * the person's own notes, a hollow diamond for feedback. Each mark is a link (Tab reaches it, Enter opens
 * the note); arrow keys move along a row and between rows.
 */
function criterionTimeline(model: EvidenceViewModel): string {
  const period = model.summary.period;
  if (!isIsoDate(model.today)) return '';
  const start = period?.since ?? addMonths(model.today, -24);
  const end = period?.until ?? model.today;
  const from = Date.parse(`${start}T00:00:00Z`);
  const span = Math.max(1, Date.parse(`${end}T00:00:00Z`) - from);
  const w = 600;
  const rows = model.summary.criteria.map((c) => {
    const marks = c.notes
      .map((path) => ({ path, note: model.notes.get(path) }))
      .filter((m) => m.note?.date && isIsoDate(m.note.date) && m.note.date >= start && m.note.date <= end)
      .map(({ path, note }) => {
        const x = Math.round(((Date.parse(`${note!.date}T00:00:00Z`) - from) / span) * (w - 12)) + 6;
        const label = `${note!.title}, ${note!.date}${note!.type === 'feedback' ? `, feedback from ${note!.from || 'someone else'}` : ''}`;
        const shape =
          note!.type === 'feedback'
            ? `<path class="mark feedback" d="M${x} 4 L${x + 5} 9 L${x} 14 L${x - 5} 9 Z"></path>`
            : `<circle class="mark own" cx="${x}" cy="9" r="4.5"></circle>`;
        return `<a href="#" class="tl-mark" data-open="${esc(path)}" aria-label="${esc(label)}"><title>${esc(label)}</title>${shape}</a>`;
      })
      .join('');
    return `<li class="tl-row" data-criterion="${esc(c.id)}"><span class="tl-label">${esc(c.title)}</span><svg class="tl-line" viewBox="0 0 ${w} 18" preserveAspectRatio="none" role="group" aria-label="${esc(`${c.title}: ${c.count} note${c.count === 1 ? '' : 's'}`)}"><line class="tl-axis" x1="0" y1="9" x2="${w}" y2="9"></line>${marks}</svg></li>`;
  });
  return `<p class="muted">${esc(start)} – ${esc(end)} · <span class="legend own">●</span> your notes · <span class="legend feedback">◇</span> feedback (others' words)</p><ul class="tl" role="list">${rows.join('')}</ul>`;
}

function row(
  c: CriterionEvidence,
  meta: CriterionMeta | undefined,
  model: EvidenceViewModel,
  flags: ReadonlyMap<string, readonly NoteFlag[]>,
  /** 3 under the criteria heading; 4 under a group heading. */
  level: 3 | 4,
): string {
  const state = c.count === 0 ? 'missing' : c.stale ? 'stale' : 'covered';
  const badge = { missing: 'Missing', stale: 'Stale', covered: 'Covered' }[state];
  const item = (path: string, earlier: boolean) => {
    const note = model.notes.get(path);
    const said = note?.type === 'feedback' ? ` <span class="said">their words: ${esc(note.from || 'someone else')}</span>` : '';
    return `<li${earlier ? ' class="earlier"' : ''}><a href="#" data-open="${esc(path)}" title="${esc(path)}">${esc(note?.title ?? path)}</a>${said} <span class="muted">${esc(note?.date ?? 'undated')}${note ? ` · ${esc(TYPE_LABELS[note.type])}` : ''}${earlier ? ' · earlier, not counted' : ''}</span>${flagText(flags.get(path))}</li>`;
  };
  const notes = c.notes.map((p) => item(p, false)).join('') + c.earlier.map((p) => item(p, true)).join('');
  return `
<li class="criterion ${state}" data-criterion="${esc(c.id)}">
  <div class="criterion-head">
    <span class="badge ${state}">${badge}</span>
    <h${level}>${esc(c.title)}</h${level}>
    ${meta?.expectation ? `<span class="expectation" title="What is expected at this level"><span class="sr-only">Expected at this level: </span>${esc(meta.expectation)}</span>` : ''}
    <span class="muted">${esc(c.area)} · ${c.count} note${c.count === 1 ? '' : 's'}${c.latest ? ` · latest ${esc(c.latest)}` : ''}${meta?.points !== undefined ? ` · ${esc(meta.points)} point${meta.points === 1 ? '' : 's'}` : ''}</span>
  </div>
  <p class="description">${esc(meta?.description ?? '')}</p>
  ${notes ? `<ul class="notes" role="list">${notes}</ul>` : ''}
  <button type="button" class="link" data-command="newBragEntryForCriterion" data-criterion-id="${esc(c.id)}">Log evidence for this…</button>
</li>`;
}

function timeline(details: EvidenceDetails): string {
  const data = details.timeline;
  if (data.length === 0) return '<p class="empty">No dated notes.</p>';
  const max = Math.max(1, ...data.map((d) => d.count));
  const w = 10;
  const h = 60;
  const bars = data
    .map((d, i) => {
      const bh = Math.round((d.count / max) * h);
      return `<rect class="tl-bar" x="${i * w + 1}" y="${h - bh}" width="${w - 2}" height="${bh}"><title>${esc(d.month)}: ${d.count}</title></rect>`;
    })
    .join('');
  const first = data[0]!.month;
  const last = data[data.length - 1]!.month;
  const total = data.reduce((s, d) => s + d.count, 0);
  return `<svg class="timeline" viewBox="0 0 ${data.length * w} ${h + 14}" role="img" aria-label="${esc(`${total} entries between ${first} and ${last}`)}">${bars}<text x="0" y="${h + 12}" class="axis">${esc(first)}</text><text x="${data.length * w}" y="${h + 12}" class="axis end">${esc(last)}</text></svg>`;
}

function bars(items: ReadonlyArray<{ label: string; count: number }>): string {
  if (items.length === 0) return '<p class="empty">Nothing yet.</p>';
  const max = Math.max(1, ...items.map((i) => i.count));
  return `<ul class="bars" role="list">${items
    .map(
      (i) =>
        `<li><span class="bar-label">${esc(i.label)}</span><svg class="hbar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" width="${Math.max(2, Math.round((i.count / max) * 100))}" height="8" rx="2"></rect></svg><span class="bar-count">${i.count}</span></li>`,
    )
    .join('')}</ul>`;
}

/** The whole page: CSP with a fresh nonce, assets from media/ only, the body rendered above. */
export function renderPage(model: EvidenceViewModel, assets: { cspSource: string; script: string; style: string; nonce: string }): string {
  const csp = [
    "default-src 'none'",
    `img-src ${assets.cspSource} data:`,
    `style-src ${assets.cspSource}`,
    `font-src ${assets.cspSource}`,
    `script-src 'nonce-${assets.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(assets.style)}">
<title>${esc(renderTitle(model))}</title>
</head>
<body>
<main id="root">${renderBody(model)}</main>
<script nonce="${esc(assets.nonce)}" src="${esc(assets.script)}"></script>
</body>
</html>`;
}
