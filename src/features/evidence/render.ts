import { gapsFirst, type CriterionEvidence, type EvidenceSummary } from '../../core/evidence/evidence';
import type { EvidenceDetails } from '../../core/evidence/report';
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
  readonly criteria: ReadonlyArray<{ readonly id: string; readonly description: string }>;
  readonly notes: ReadonlyMap<string, { readonly title: string; readonly date: string | null; readonly type: NoteType }>;
  readonly details: EvidenceDetails;
  readonly staleAfterMonths: number;
  readonly today: string;
  /** `builtin` or the custom ladder's path. */
  readonly ladderSource: string;
  /** When the target is on another track: what to say, and what to try first. */
  readonly trackChange?: { readonly sentence: string; readonly tryFirst: readonly string[]; readonly toManagement: boolean };
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
  const pct = summary.total ? Math.round((summary.covered / summary.total) * 100) : 0;
  const eq = model.target.equivalent ? `<p class="equivalent">${esc(model.target.title)} ~ ${esc(model.target.equivalent)}</p>` : '';
  const change = model.trackChange
    ? `<section class="track-change" aria-label="Change of track"><p><strong>${esc(model.trackChange.sentence)}</strong></p><p>${model.trackChange.toManagement ? 'Try before you commit:' : 'Ways to gather evidence for the new track:'}</p><ul>${model.trackChange.tryFirst.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></section>`
    : '';
  const descriptions = new Map(model.criteria.map((c) => [c.id, c.description]));
  const rows = gapsFirst(summary).map((c) => row(c, descriptions.get(c.id) ?? '', model));
  return `
<header class="header">
  <h1 id="heading" tabindex="-1">${esc(model.current.title)} (${esc(model.current.id)}) <span aria-hidden="true">→</span><span class="sr-only"> to </span> ${esc(model.target.title)} (${esc(model.target.id)})</h1>
  ${eq}
  ${change}
  <p class="track">${esc(model.trackTitle)} track${atTop ? ' · top of the track: showing your current level' : ''} · ${model.ladderSource === 'builtin' ? 'built-in ladder' : `ladder: ${esc(model.ladderSource)}`}</p>
  <div class="coverage">
    <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${esc(`${summary.covered} of ${summary.total} criteria covered`)}">
      <rect class="bar-track" x="0" y="0" width="100" height="6" rx="3"></rect>
      <rect class="bar-fill" x="0" y="0" width="${pct}" height="6" rx="3"></rect>
    </svg>
    <p><strong>${summary.covered} / ${summary.total}</strong> criteria covered by evidence from the last ${esc(model.staleAfterMonths)} months</p>
  </div>
  <div class="actions">
    <button type="button" data-command="exportPacket">Export promotion packet</button>
    <button type="button" class="secondary" data-command="compareLevels">Compare ${esc(model.current.id)} and ${esc(model.target.id)}</button>
    <button type="button" class="secondary" data-command="setCurrentLevel">Change level…</button>
  </div>
</header>
<section aria-labelledby="criteria-heading">
  <h2 id="criteria-heading">Criteria of ${esc(model.target.title)}, gaps first</h2>
  ${rows.length ? `<ul class="criteria" role="list">${rows.join('')}</ul>` : '<p class="empty">This level has no criteria in the ladder.</p>'}
</section>
<section aria-labelledby="timeline-heading">
  <h2 id="timeline-heading">Entries per month</h2>
  ${timeline(model.details)}
</section>
<section class="breakdowns">
  <div aria-labelledby="types-heading"><h2 id="types-heading">By note type</h2>${bars(model.details.byType.map((t) => ({ label: TYPE_LABELS[t.type], count: t.count })))}</div>
  <div aria-labelledby="areas-heading"><h2 id="areas-heading">By area</h2>${bars(model.details.byArea.map((a) => ({ label: a.area, count: a.count })))}</div>
</section>
<p class="footnote">${model.details.notes} notes, ${model.details.untagged} untagged. Evidence older than ${esc(model.staleAfterMonths)} months is stale; today is ${esc(model.today)}.</p>`;
}

function row(c: CriterionEvidence, description: string, model: EvidenceViewModel): string {
  const state = c.count === 0 ? 'missing' : c.stale ? 'stale' : 'covered';
  const badge = { missing: 'Missing', stale: 'Stale', covered: 'Covered' }[state];
  const notes = c.notes
    .map((path) => {
      const note = model.notes.get(path);
      return `<li><a href="#" data-open="${esc(path)}" title="${esc(path)}">${esc(note?.title ?? path)}</a> <span class="muted">${esc(note?.date ?? 'undated')}${note ? ` · ${esc(TYPE_LABELS[note.type])}` : ''}</span></li>`;
    })
    .join('');
  return `
<li class="criterion ${state}" data-criterion="${esc(c.id)}">
  <div class="criterion-head">
    <span class="badge ${state}">${badge}</span>
    <h3>${esc(c.title)}</h3>
    <span class="muted">${esc(c.area)} · ${c.count} note${c.count === 1 ? '' : 's'}${c.latest ? ` · latest ${esc(c.latest)}` : ''}</span>
  </div>
  <p class="description">${esc(description)}</p>
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
