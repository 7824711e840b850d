import { stringify } from 'yaml';
import { addMonths } from '../util/dates';
import { joinPath } from '../util/paths';
import { slugify } from '../util/text';
import { findFrontMatter } from './frontMatter';
import type { NoteType } from './schema';

/** The note types a person scaffolds, with their folder under the notes folder. */
export type ScaffoldType = 'brag' | 'design-doc' | 'decision' | 'feedback';

export const SCAFFOLD_TYPES: readonly ScaffoldType[] = ['brag', 'design-doc', 'decision', 'feedback'];

export const TYPE_LABELS: Record<NoteType, string> = {
  brag: 'Brag entry',
  'design-doc': 'Design doc',
  decision: 'Decision record',
  feedback: 'Feedback',
  note: 'Note',
  packet: 'Promotion packet',
};

export interface TemplateVars {
  readonly title: string;
  readonly date: string;
  readonly criteria: readonly string[];
  /** `id: title` of each criterion, for the body. */
  readonly criteriaTitles?: ReadonlyMap<string, string>;
  readonly level?: string;
  /** For decisions: when to review (default six months after `date`). */
  readonly review?: string;
  /** For feedback: who said it. */
  readonly from?: string;
  /**
   * For decisions: the current level beside the level on the other track (markdown, from the ladder;
   * see `trackComparisonText` in core/ladder/lattice).
   */
  readonly trackComparison?: string;
}

export const REVIEW_AFTER_MONTHS = 6;

/**
 * Templates are plain text with `{{variables}}`: nothing in them is ever run. In the front matter a
 * value is written as a YAML scalar (quoted when it needs to be), so a title like `Fix: the "cache"`
 * cannot break the YAML; in the body it is written as it is.
 *
 * Variables: `{{title}}`, `{{date}}`, `{{criteria}}` (a YAML list in front matter, ids in the body),
 * `{{criteriaList}}` (a markdown list of the criteria with their titles), `{{level}}`, `{{review}}`,
 * `{{from}}` (feedback: who said it), `{{trackComparison}}` (decisions: the current level beside the
 * level on the other track, and toward management what to try first; body only).
 */
export function renderTemplate(template: string, vars: TemplateVars): string {
  const review = vars.review ?? addMonths(vars.date, REVIEW_AFTER_MONTHS);
  const title = vars.title.replace(/[\r\n]+/g, ' ').trim();
  const listItems = vars.criteria.map((id) => `- ${vars.criteriaTitles?.get(id) ?? id} (\`${id}\`)`);
  // Maps, not objects: `{{constructor}}` or `{{toString}}` is an unknown placeholder, left as text.
  const body = new Map<string, string>([
    ['title', title],
    ['date', vars.date],
    ['criteria', vars.criteria.join(', ')],
    ['criteriaList', listItems.length ? listItems.join('\n') : '- (none yet)'],
    ['level', vars.level ?? ''],
    ['review', review],
    ['from', (vars.from ?? '').replace(/[\r\n]+/g, ' ').trim()],
    ['trackComparison', vars.trackComparison ?? ''],
  ]);
  const yaml = new Map<string, string>([
    ['title', yamlScalar(title)],
    ['date', vars.date],
    ['criteria', `[${vars.criteria.map(yamlScalar).join(', ')}]`],
    ['criteriaList', `[${vars.criteria.map(yamlScalar).join(', ')}]`],
    ['level', vars.level ? yamlScalar(vars.level) : ''],
    ['review', review],
    ['from', yamlScalar((vars.from ?? '').trim())],
  ]);
  const eol = template.includes('\r\n') ? '\r\n' : '\n';
  const fm = frontMatterEnd(template);
  const substitute = (text: string, values: ReadonlyMap<string, string>) =>
    text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, name: string) => values.get(name)?.replace(/\n/g, eol) ?? whole);
  if (fm < 0) return substitute(template, body);
  return substitute(template.slice(0, fm), yaml) + substitute(template.slice(fm), body);
}

/** Offset just after the closing `---` line of a template's front matter, or -1 when it has none. */
function frontMatterEnd(text: string): number {
  const block = findFrontMatter(text);
  return block?.closed ? block.end : -1;
}

/** A YAML scalar for a value: plain when safe, quoted otherwise. */
export function yamlScalar(value: string): string {
  // One line: a line break inside a front-matter value would need a block scalar.
  return stringify(value.replace(/[\r\n]+/g, ' '), { lineWidth: 0 }).trimEnd();
}

const FRONT: Record<ScaffoldType, string> = {
  brag: ['---', 'type: brag', 'title: {{title}}', 'date: {{date}}', 'criteria: {{criteria}}', 'impact: ""', 'links: []', '---', ''].join('\n'),
  'design-doc': ['---', 'type: design-doc', 'title: {{title}}', 'date: {{date}}', 'criteria: {{criteria}}', 'status: draft', 'links: []', '---', ''].join('\n'),
  decision: ['---', 'type: decision', 'title: {{title}}', 'date: {{date}}', 'criteria: {{criteria}}', 'status: proposed', 'review: {{review}}', '---', ''].join(
    '\n',
  ),
  feedback: ['---', 'type: feedback', 'title: {{title}}', 'date: {{date}}', 'from: {{from}}', 'criteria: {{criteria}}', 'links: []', '---', ''].join('\n'),
};

const BODY: Record<ScaffoldType, string> = {
  brag: `# {{title}}

## What happened
<!-- One or two sentences: what you did, and when. -->

## My role
<!-- What you owned, led or decided, and who else was involved. -->

## Impact
<!-- Numbers where you can: latency, revenue, incidents, hours saved, people unblocked.
     Put the headline in \`impact:\` above: it goes into your promotion packet. -->

## Who benefited
<!-- Users, teams, the on-call rotation, a new hire... -->

## Links
<!-- Pull requests, design docs, dashboards, the announcement. Add them to \`links:\` too. -->

## Evidence for
{{criteriaList}}
`,
  'design-doc': `# {{title}}

## Context
<!-- What is true today, and why it matters now. -->

## Goals

## Non-goals

## Proposal

## Alternatives considered
<!-- Each with why it was not chosen. -->

## Risks

## Rollout
<!-- Phases, flags, migration, how to roll back. -->

## Open questions
`,
  decision: `# {{title}}

## Context
<!-- Where you are: role, level, team, what prompted this decision. -->

## Options
<!-- At least two, for example: stay on the IC track toward Staff; move to engineering management. -->
1.
2.

## The other track
<!-- From the ladder when this record was created: where you are, beside the level you would be at on
     the other track. Keep what helps the decision; delete the rest. -->
{{trackComparison}}

## Motivations and strengths
<!-- Decide from an explicit look at what motivates you and where you are strong,
     not from what happens to be available or what others expect. -->
- Do I find deep satisfaction in solving hard technical problems, or in helping other people grow?
- Do I want to multiply my impact through five, ten or fifty people, or through the systems I build?
- Am I drawn to organisational and people challenges, or energised by deepening my craft?
- Am I comfortable deciding with incomplete information and ambiguous outcomes?
- Have I tried it first (led without authority, mentored for months, shadowed a manager, acted in the role)?

## Decision

## Expected outcome
<!-- What should be true on the review date if this was the right call? Be concrete. -->

## Review on {{review}}
<!-- On the review date: what actually happened, compared with the expected outcome, and what you decide next. -->
`,
  feedback: `# {{title}}

## In their words
<!-- What {{from}} said or wrote, as they said it: quote it, do not paraphrase. Where it was said
     (a review, a thank-you message, a retro) goes in the context; a link to it goes in \`links:\`. -->
>

## Context
<!-- When and where it was said, and what work it was about. -->

## What it shows
<!-- Which behaviour at the target level this is evidence of, in your words. -->
{{criteriaList}}
`,
};

/** The built-in template of a type: front matter and body, with `{{variables}}`. */
export function builtinTemplate(type: ScaffoldType): string {
  return FRONT[type] + BODY[type];
}

/** `<notesFolder>/<type>/<date>-<slug>.md`, or with `-2`, `-3`... for the n-th file of that name. */
export function notePath(notesFolder: string, type: ScaffoldType | 'packet', date: string, title: string, n = 1): string {
  const stem = `${date}-${slugify(title)}`;
  const folder = type === 'packet' ? 'packets' : type;
  return joinPath(notesFolder, folder, `${n > 1 ? `${stem}-${n}` : stem}.md`);
}
