import type { Ladder } from '../ladder/ladder';
import { trackChange, trackChangeLines } from '../ladder/lattice';
import type { CriterionData } from '../ladder/schema';
import type { NoteIndex } from '../index/noteIndex';
import type { NoteType } from '../notes/schema';
import { addMonths, monthOf } from '../util/dates';
import { isEvidence, type EvidenceSummary } from './evidence';
import { buildPacket, mdText, renderPacketMarkdown, type PacketOptions } from './packet';

/** What the evidence view shows besides the per-criterion rows: where evidence clusters, and when. */
export interface EvidenceDetails {
  /** Entries per month over the last `months` months, oldest first (months without notes included). */
  readonly timeline: ReadonlyArray<{ readonly month: string; readonly count: number }>;
  readonly byType: ReadonlyArray<{ readonly type: NoteType; readonly count: number }>;
  /** Tagged criteria per area, over every note (how often each area is evidenced). */
  readonly byArea: ReadonlyArray<{ readonly area: string; readonly count: number }>;
  readonly notes: number;
  readonly untagged: number;
}

export function evidenceDetails(ladder: Ladder, index: NoteIndex, today: string, months = 24): EvidenceDetails {
  const notes = index.all().filter(isEvidence);
  const first = monthOf(addMonths(`${monthOf(today)}-01`, -(months - 1)));
  const perMonth = new Map<string, number>();
  for (let i = 0; i < months; i++) perMonth.set(monthOf(addMonths(`${first}-01`, i)), 0);
  const byType = new Map<NoteType, number>();
  const byArea = new Map<string, number>();
  let untagged = 0;
  for (const note of notes) {
    if (note.date) {
      const m = monthOf(note.date);
      if (perMonth.has(m)) perMonth.set(m, perMonth.get(m)! + 1);
    }
    byType.set(note.type, (byType.get(note.type) ?? 0) + 1);
    if (note.criteria.length === 0) untagged++;
    for (const id of note.criteria) {
      const area = ladder.criterion(id)?.criterion.area ?? 'unknown';
      byArea.set(area, (byArea.get(area) ?? 0) + 1);
    }
  }
  const sorted = <K>(m: Map<K, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  return {
    timeline: [...perMonth.entries()].map(([month, count]) => ({ month, count })),
    byType: sorted(byType).map(([type, count]) => ({ type, count })),
    byArea: sorted(byArea).map(([area, count]) => ({ area, count })),
    notes: notes.length,
    untagged,
  };
}

export { mdText, relativePath, safeHttpUrl } from './packet';

/**
 * A promotion packet in markdown from the index alone (no note texts, no calibration): see
 * {@link buildPacket} and {@link renderPacketMarkdown} for the full document.
 */
export function renderPacket(ladder: Ladder, index: NoteIndex, summary: EvidenceSummary, options: PacketOptions): string {
  return renderPacketMarkdown(buildPacket(ladder, index, summary, options));
}

/** What changes between two levels, criterion by criterion (markdown). */
export function renderComparison(ladder: Ladder, fromId: string, toId: string): string {
  const from = ladder.level(fromId);
  const to = ladder.level(toId);
  if (!from || !to) throw new Error(`unknown level ${!from ? fromId : toId}`);
  const a = from.level;
  const b = to.level;
  const lines: string[] = [`# ${mdText(a.title)} (${a.id}) → ${mdText(b.title)} (${b.id})`, ''];
  const change = trackChange(ladder, { currentLevel: `${from.track.id}.${a.id}`, targetLevel: `${to.track.id}.${b.id}` });
  if (change) lines.push(...trackChangeLines(change, mdText), '');
  const row = (label: string, x: string, y: string) => `| ${label} | ${mdText(x) || '—'} | ${mdText(y) || '—'} |`;
  lines.push(`| | ${mdText(a.title)} | ${mdText(b.title)} |`, '|---|---|---|');
  lines.push(row('Track', from.track.title, to.track.title));
  lines.push(row('Codes', ladder.levelCodes(a.id), ladder.levelCodes(b.id)));
  lines.push(row('Scope', a.scope, b.scope));
  lines.push(row('Typical experience', a.typicalYears && `${a.typicalYears} years`, b.typicalYears && `${b.typicalYears} years`));
  lines.push(row('Impact through', a.summary, b.summary));
  const eqA = ladder.equivalent(a.id);
  const eqB = ladder.equivalent(b.id);
  lines.push(row('Equivalent', eqA ? `${eqA.level.title} (${eqA.level.id})` : '', eqB ? `${eqB.level.title} (${eqB.level.id})` : ''));
  lines.push('', '## Criterion by criterion', '');
  const areas = [...new Set([...a.criteria, ...b.criteria].map((c) => c.area))];
  for (const area of areas) {
    const inA = a.criteria.filter((c) => c.area === area);
    const inB = b.criteria.filter((c) => c.area === area);
    lines.push(`### ${mdText(capitalize(area))}`, '');
    lines.push(`**${a.id}:** ${inA.length ? inA.map(criterionText).join('; ') : '_nothing specific_'}`, '');
    lines.push(`**${b.id}:** ${inB.length ? inB.map(criterionText).join('; ') : '_nothing specific_'}`, '');
  }
  const newAreas = areas.filter((area) => !a.criteria.some((c) => c.area === area));
  const droppedAreas = areas.filter((area) => !b.criteria.some((c) => c.area === area));
  lines.push('## In short', '');
  if (newAreas.length) lines.push(`- New at ${b.id}: ${newAreas.map((x) => mdText(x)).join(', ')}.`);
  if (droppedAreas.length) lines.push(`- Expected at ${a.id} but no longer called out at ${b.id}: ${droppedAreas.map((x) => mdText(x)).join(', ')}.`);
  lines.push(`- ${b.criteria.length} criteria at ${b.id} (${a.criteria.length} at ${a.id}).`);
  return `${lines.join('\n')}\n`;
}

function criterionText(c: CriterionData): string {
  return `**${mdText(c.title)}** — ${mdText(c.description)}`;
}

function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
