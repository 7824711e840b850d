import * as assert from 'node:assert/strict';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { computeEvidence } from '../../src/core/evidence/evidence';
import { buildIndex, FsNoteLoader } from '../../src/core/index/indexer';
import { NodeFileSystem } from '../../src/core/index/nodeFs';
import { NoteIndex } from '../../src/core/index/noteIndex';
import { builtinLadder } from '../../src/core/ladder/load';
import { parseNote, type ParsedNote } from '../../src/core/notes/parse';
import { isReviewDue, validateNote } from '../../src/core/notes/validate';
import { addMonths } from '../../src/core/util/dates';
import { slugify } from '../../src/core/util/text';

/*
 * The demo workspace `npm start` opens (examples/demo-career) must show a new user a populated ladder,
 * evidence and gaps at once. These tests pin what makes it a useful demo, so an edit to the notes or to
 * the built-in ladder (a renamed criterion id) that would quietly empty a view fails here instead.
 */

/** From out/test/unit/ the repository root is three folders up. */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const WORKSPACE = path.join(REPO_ROOT, 'examples', 'demo-career');
const NOTES_FOLDER = 'career';
/** The demo's "today": the persona's story is written up to this date. */
const TODAY = '2026-11-28';
/** Deliberately misspelt, so the Problems panel and its quick fix have something to show. */
const TYPO = 'ic.L6.cross-team-directon';
const TYPO_INTENDED = 'ic.L6.cross-team-direction';

interface DemoNote {
  /** Workspace-relative POSIX path, e.g. `career/brag/2025-01-30-....md`. */
  readonly path: string;
  readonly text: string;
  readonly parsed: ParsedNote;
}

function markdownUnder(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(WORKSPACE, ...folder.split('/'))).sort()) {
    const rel = `${folder}/${name}`;
    const stats = lstatSync(path.join(WORKSPACE, ...rel.split('/')));
    if (stats.isDirectory()) out.push(...markdownUnder(rel));
    else if (/\.md$/i.test(name)) out.push(rel);
  }
  return out;
}

let cachedNotes: DemoNote[] | undefined;
function demoNotes(): DemoNote[] {
  cachedNotes ??= markdownUnder(NOTES_FOLDER).map((p) => {
    const text = readFileSync(path.join(WORKSPACE, ...p.split('/')), 'utf8');
    return { path: p, text, parsed: parseNote(text, p) };
  });
  return cachedNotes;
}

const FOLDER_TYPE: Record<string, string> = { brag: 'brag', 'design-doc': 'design-doc', decision: 'decision', notes: 'note' };

suite('demo workspace (examples/demo-career)', () => {
  test('has about forty notes', () => {
    const count = demoNotes().length;
    assert.ok(count >= 35 && count <= 45, `expected 35-45 notes, found ${count}`);
  });

  test('every note parses without errors', () => {
    const errors = demoNotes().flatMap((n) =>
      parseNote(n.text, n.path, { precise: true })
        .problems.filter((p) => p.severity === 'error')
        .map((p) => `${n.path}: ${p.message}`),
    );
    assert.deepEqual(errors, []);
  });

  test('every note has the type of its folder, a title, a date, and the file name the extension would give it', () => {
    for (const { path: p, parsed } of demoNotes()) {
      const [, folder, name] = p.split('/');
      assert.equal(parsed.data['type'], FOLDER_TYPE[folder!], `${p}: type`);
      assert.ok(typeof parsed.data['title'] === 'string' && parsed.meta.title.length > 0, `${p}: title`);
      assert.ok(typeof parsed.data['date'] === 'string', `${p}: date`);
      assert.equal(name, `${parsed.meta.date}-${slugify(parsed.meta.title)}.md`, `${p}: file name`);
    }
  });

  test('every criterion id is in the built-in ladder, except the one deliberate typo', () => {
    const ladder = builtinLadder();
    const unknown = demoNotes().flatMap((n) => n.parsed.meta.criteria.filter((id) => !ladder.hasCriterion(id)).map((id) => ({ id, path: n.path })));
    assert.equal(unknown.length, 1, `unknown criterion ids: ${JSON.stringify(unknown)}`);
    assert.equal(unknown[0]!.id, TYPO);
    assert.ok(ladder.hasCriterion(TYPO_INTENDED), `${TYPO_INTENDED} is no longer in the built-in ladder`);
  });

  test('the typo is reported with the intended id as its first suggestion', () => {
    const typo = demoNotes().find((n) => n.parsed.meta.criteria.includes(TYPO))!;
    const problems = validateNote(parseNote(typo.text, typo.path, { precise: true }), builtinLadder(), TODAY).filter((p) => p.code === 'unknown-criterion');
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.data?.suggestions?.[0], TYPO_INTENDED);
  });

  test('dates span at least eighteen months, none after today', () => {
    const dates = demoNotes()
      .map((n) => n.parsed.meta.date!)
      .sort();
    const first = dates[0]!;
    const last = dates[dates.length - 1]!;
    assert.ok(addMonths(first, 18) <= last, `notes span only ${first} to ${last}`);
    assert.ok(last <= TODAY, `a note is dated after ${TODAY}: ${last}`);
  });

  test('decision records: one review past due, one still to come, one already reviewed', () => {
    const decisions = demoNotes()
      .filter((n) => n.parsed.meta.type === 'decision')
      .map((n) => n.parsed.meta);
    assert.ok(
      decisions.some((d) => isReviewDue(d, TODAY)),
      `no decision review is due on ${TODAY}`,
    );
    assert.ok(
      decisions.some((d) => d.review !== null && d.review > TODAY),
      'no decision has a review still to come',
    );
    assert.ok(
      decisions.some((d) => d.status === 'reviewed'),
      'no decision has been reviewed',
    );
  });

  test('L6 evidence is uneven: some criteria covered, one stale, two missing', async () => {
    const fs = new NodeFileSystem(WORKSPACE);
    const index = new NoteIndex();
    const report = await buildIndex(index, fs, new FsNoteLoader(fs), NOTES_FOLDER);
    assert.equal(report.skipped, 0);
    assert.equal(index.size, demoNotes().length);

    const summary = computeEvidence(builtinLadder(), index, { track: 'ic', currentLevel: 'L5', today: TODAY });
    assert.equal(summary.targetLevel, 'L6');
    const covered = summary.criteria.filter((c) => c.count > 0 && !c.stale).map((c) => c.id);
    const stale = summary.criteria.filter((c) => c.stale).map((c) => c.id);
    const missing = summary.criteria.filter((c) => c.count === 0).map((c) => c.id);
    const detail = JSON.stringify({ covered, stale, missing });
    assert.ok(covered.length >= 1, `no covered L6 criterion: ${detail}`);
    assert.ok(stale.length >= 1, `no stale L6 criterion: ${detail}`);
    assert.ok(missing.length >= 2, `fewer than two missing L6 criteria: ${detail}`);
  });
});
