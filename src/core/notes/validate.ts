import { isNode, type Node } from 'yaml';
import type { Ladder } from '../ladder/ladder';
import { problem, range, type Problem, type Range } from '../problems';
import { nearest } from '../util/text';
import { offsetsToRange, rangeOfPath } from '../util/yaml';
import type { ParsedNote } from './parse';

/**
 * Problems that depend on the ladder and the date, on top of the parse problems: unknown criterion ids
 * (with the nearest known ids), an unknown `level`, a decision whose review date has passed.
 * `note` should come from `parseNote(text, path, { precise: true })` so every problem has its place.
 */
export function validateNote(note: ParsedNote, ladder: Ladder, today: string): Problem[] {
  const problems: Problem[] = [...note.problems];
  const at = (path: (string | number)[]) => (note.yaml ? rangeOfPath(note.yaml, path) : range(0, 0, 0, 0));
  const rawCriteria = note.data['criteria'];
  // "Did you mean" walks the whole ladder: once per distinct id, and for the first MAX_SUGGESTED only, so
  // a note with thousands of unknown ids costs a bounded number of walks, not one per id.
  const suggested = new Map<string, string[]>();
  const unknown = (item: string, where: Range) => {
    const key = item.trim();
    let suggestions = suggested.get(key);
    if (!suggestions) {
      suggestions = suggested.size < MAX_SUGGESTED ? nearest(key, ladder.criterionIds(), 3) : [];
      suggested.set(key, suggestions);
    }
    const hint = suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : '';
    problems.push(problem('warning', 'unknown-criterion', `Unknown criterion id "${item}".${hint}`, where, { data: { suggestions, value: item } }));
  };
  const items = Array.isArray(rawCriteria) ? rawCriteria : [];
  items.forEach((item, i) => {
    if (typeof item !== 'string' || ladder.hasCriterion(item.trim())) return;
    unknown(item, at(['criteria', i]));
  });
  if (typeof rawCriteria === 'string') {
    // `criteria: a, b` (text, not a list): each unknown id at its own place in the text, like a list item.
    const places = new Map<string, Range[]>();
    for (const p of idsInText(note) ?? []) {
      const list = places.get(p.id);
      if (list) list.push(p.range);
      else places.set(p.id, [p.range]);
    }
    for (const id of note.meta.criteria) {
      if (ladder.hasCriterion(id)) continue;
      const found = (places.get(id) ?? []).map((range) => ({ range }));
      if (found.length === 0) unknown(id, at(['criteria']));
      for (const p of found) unknown(id, p.range);
    }
  }
  if (note.meta.level && !ladder.level(note.meta.level)) {
    const near = nearest(
      note.meta.level,
      ladder.tracks.flatMap((t) => t.levels.map((l) => l.id)),
      1,
    );
    problems.push(
      problem('warning', 'invalid-field', `level: unknown level "${note.meta.level}".${near.length ? ` Did you mean ${near[0]}?` : ''}`, at(['level'])),
    );
  }
  if (isReviewDue(note.meta, today)) {
    problems.push(
      problem(
        'info',
        'review-due',
        `Review due: this decision was to be reviewed on ${note.meta.review}. Compare it with what happened, then set a new review date.`,
        at(['review']),
      ),
    );
  }
  return problems;
}

/** Distinct unknown ids per note that get "did you mean" suggestions. */
const MAX_SUGGESTED = 100;

/** Statuses that close a decision: its review is done (set a new `review:` to review it again). */
const CLOSED_STATUSES = new Set(['reviewed', 'closed', 'archived', 'superseded', 'abandoned']);

/** A decision record whose review date has come and that is not closed. */
export function isReviewDue(note: { type: string; review: string | null; status?: string | undefined }, today: string): boolean {
  return note.type === 'decision' && note.review !== null && note.review <= today && !CLOSED_STATUSES.has((note.status ?? '').toLowerCase());
}

/**
 * The ids of a `criteria:` value written as text, with their ranges: split at commas and spaces as the
 * parser does. Undefined when there is no precise YAML or the value is not a plain piece of text.
 */
function idsInText(note: ParsedNote): Array<{ id: string; range: Range }> | undefined {
  const yaml = note.yaml;
  const text = note.frontMatter?.yaml;
  if (!yaml || text === undefined) return undefined;
  const node = yaml.doc.getIn(['criteria'], true);
  if (!isNode(node) || !(node as Node).range) return undefined;
  const [start, end] = (node as Node).range!;
  const source = text.slice(start, end);
  const out: Array<{ id: string; range: Range }> = [];
  for (const m of source.matchAll(/[^\s,'"]+/g)) {
    const from = start + m.index;
    out.push({ id: m[0], range: offsetsToRange(yaml.lineCounter, from, from + m[0].length) });
  }
  return out;
}
