// Issue 4: front matter as a language feature: diagnostics at the right line and column (open notes as
// you type, closed notes after a change on disk), completion of criterion ids inside `criteria:`,
// hover on an id, the quick fix replacing an unknown id, settings read live.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { nonEmpty, waitFor } from '../../helpers/wait';
import { at, closeAllEditors, codeOf, diagnostics, disk, hoverText, note, openNote, setSetting, today, uri } from '../../helpers/workspace';

const CRITERION_ID = /^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9+]*\.[a-z0-9][a-z0-9-]*$/;

/**
 * Each test writes its own file: a document closed by one test stays alive in the extension host for a
 * while, and a file deleted and written again under the same name would race with its reload.
 */
let problemsCount = 0;
const problemsPath = () => `career/brag/2020-03-01-problems-${++problemsCount}.md`;
const PROBLEMS_TEXT = [
  '---',
  'type: bragg',
  'title: Problems everywhere',
  'date: 2020-02-30',
  'criteria:',
  '  - ic.L6.cross-team-directon',
  '  - "ic.L6.alignment-without-authorty"',
  '  - ic.L5.leads-projects',
  '---',
  '',
  'Body mentions ic.L6.grows-senior-engineers here.',
  '',
].join('\n');

/** Our diagnostics as `code line:char-line:char` strings, sorted by position. */
function summaryOf(target: vscode.Uri): string[] {
  return diagnostics(target)
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => `${codeOf(d)} ${at(d.range).slice(0, 2).join(':')}-${at(d.range).slice(2).join(':')}`);
}

async function completionIds(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items
    .filter((i) => CRITERION_ID.test(typeof i.label === 'string' ? i.label : i.label.label))
    .sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
}

const idOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

async function hover(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  // Ours say how many notes evidence the criterion; drop markdown escapes for matching.
  return hoverText(hovers.filter((h) => hoverText([h]).includes('evidence this'))).replace(/\\(.)/g, '$1');
}

/**
 * Our quick fixes for `range`. The code-action context is built from the workbench's markers, which
 * receive the extension's diagnostics a moment after `getDiagnostics` sees them: ask until they are there.
 */
async function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  let all: vscode.CodeAction[] = [];
  try {
    return await waitFor(
      async () => {
        all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range);
        const ours = all.filter((a) => a.title.startsWith('Replace with ') && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
        return ours.length ? ours : undefined;
      },
      5000,
      'a quick fix',
    );
  } catch (error) {
    throw new Error(`${String(error)}; code actions: ${all.map((a) => a.title).join('; ') || 'none'}`);
  }
}

suite('features: front-matter language features', () => {
  const written = new Set<string>();
  const write = (path: string, text: string) => {
    written.add(path);
    disk.write(path, text);
  };

  teardown(async () => {
    await closeAllEditors();
    for (const p of written) disk.remove(p);
    written.clear();
  });

  suite('diagnostics', () => {
    test('unknown type, bad date, unknown criterion ids (with the nearest ids), each at its line and column', async () => {
      const path = problemsPath();
      write(path, PROBLEMS_TEXT);
      const doc = await openNote(path);
      await waitFor(() => diagnostics(doc.uri).length >= 4, 3000, 'diagnostics of the open note');
      assert.deepEqual(summaryOf(doc.uri), ['unknown-type 1:6-1:11', 'bad-date 3:6-3:16', 'unknown-criterion 5:4-5:29', 'unknown-criterion 6:4-6:38']);
      const [type, date, first, second] = diagnostics(doc.uri).sort((a, b) => a.range.start.compareTo(b.range.start));
      assert.equal(type!.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(type!.message, /unknown type "bragg"/);
      assert.equal(date!.severity, vscode.DiagnosticSeverity.Error);
      assert.match(date!.message, /^date: must be a real date written YYYY-MM-DD/);
      assert.equal(first!.message, 'Unknown criterion id "ic.L6.cross-team-directon". Did you mean ic.L6.cross-team-direction, ic.L5.team-direction?');
      assert.match(second!.message, /Did you mean ic\.L6\.alignment-without-authority\?$/);
      assert.equal(first!.source, 'Career Lattice');
    });

    test('YAML syntax errors: a duplicate key, a list on the line of its key', async () => {
      const dup = 'career/brag/2020-03-02-duplicate-key.md';
      write(dup, ['---', 'title: First', 'date: 2020-03-02', 'title: Second', '---', ''].join('\n'));
      const seq = 'career/brag/2020-03-03-block-sequence.md';
      write(seq, ['---', 'title: Broken', 'date: 2020-03-03', 'impact: - forty percent', '---', ''].join('\n'));
      const a = await openNote(dup);
      const b = await openNote(seq);
      await waitFor(() => diagnostics(a.uri).length > 0 && diagnostics(b.uri).length > 0, 3000, 'YAML diagnostics');
      const [d] = diagnostics(a.uri);
      assert.deepEqual([codeOf(d!), d!.range.start.line, d!.range.start.character, d!.severity], ['yaml-syntax', 3, 0, vscode.DiagnosticSeverity.Error]);
      assert.match(d!.message, /Duplicate key/);
      const first = diagnostics(b.uri).sort((x, y) => x.range.start.compareTo(y.range.start))[0]!;
      assert.deepEqual([codeOf(first), first.range.start.line, first.range.start.character], ['yaml-syntax', 3, 8]);
    });

    test('a decision whose review date has passed is "review due" at its review: value; a reviewed one is not', async () => {
      const due = 'career/decisions/2020-03-03-review-due.md';
      write(due, ['---', 'type: decision', 'title: Due', 'date: 2020-03-03', 'review: 2020-09-03', '---', ''].join('\n'));
      const done = 'career/decisions/2020-03-04-reviewed.md';
      write(done, ['---', 'type: decision', 'title: Done', 'date: 2020-03-04', 'status: reviewed', 'review: 2020-09-04', '---', ''].join('\n'));
      const a = await openNote(due);
      const b = await openNote(done);
      const [d] = await waitFor(() => nonEmpty(diagnostics(a.uri, 'review-due')), 3000, 'review due');
      assert.deepEqual(at(d!.range), [4, 8, 4, 18]);
      assert.equal(d!.severity, vscode.DiagnosticSeverity.Information);
      assert.match(d!.message, /^Review due: this decision was to be reviewed on 2020-09-03\./);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(diagnostics(b.uri), []);
    });

    test('diagnostics follow typing: fixing the id clears its diagnostic', async () => {
      const path = problemsPath();
      write(path, PROBLEMS_TEXT);
      const doc = await openNote(path);
      await waitFor(() => diagnostics(doc.uri, 'unknown-criterion').length === 2, 3000, 'two unknown ids');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(5, 4, 5, 29), 'ic.L6.cross-team-direction');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor(() => diagnostics(doc.uri, 'unknown-criterion').length === 1, 2000, 'one unknown id left');
      assert.equal(diagnostics(doc.uri, 'unknown-criterion')[0]!.range.start.line, 6);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    test('closed notes: problems found after a change on disk (outside VS Code) appear, and go when fixed or deleted', async () => {
      // The fixture's decision due for review, never opened:
      const fixture = uri('career/decisions/2020-01-15-stay-on-ic.md');
      const [due] = await waitFor(() => nonEmpty(diagnostics(fixture, 'review-due')), 3000, 'review due on the closed fixture decision');
      assert.deepEqual(at(due!.range), [6, 8, 6, 18]);
      assert.deepEqual(diagnostics(uri('career/notes/undated-idea.md')).map(codeOf), ['missing-date']);

      const closed = 'career/brag/2020-03-05-closed.md';
      write(closed, note({ type: 'brag', title: 'Closed', date: '2020-03-05', criteria: ['ic.L6.grows-senior-enginers'] }));
      const [d] = await waitFor(() => nonEmpty(diagnostics(uri(closed), 'unknown-criterion')), 2000, "the closed note's unknown id");
      assert.deepEqual(at(d!.range), [4, 11, 4, 40]);
      disk.write(closed, note({ type: 'brag', title: 'Closed', date: '2020-03-05', criteria: ['ic.L6.grows-senior-engineers'] }));
      await waitFor(() => diagnostics(uri(closed)).length === 0, 2000, 'the fixed note to have no diagnostics');
      disk.write(closed, note({ type: 'brag', title: 'Closed', date: '2020-03-05', criteria: ['nope'] }));
      await waitFor(() => diagnostics(uri(closed)).length === 1, 2000, 'the broken note again');
      disk.remove(closed);
      await waitFor(() => diagnostics(uri(closed)).length === 0, 2000, 'the deleted note to have no diagnostics');
    });

    test('criteria: written as text (not a list): each unknown id at its own column, with the nearest ids', async () => {
      const path = problemsPath();
      write(path, ['---', 'title: Text criteria', 'date: 2020-03-01', 'criteria: ic.L6.cross-team-directon, ic.L5.leads-projects', '---', ''].join('\n'));
      const doc = await openNote(path);
      const [d] = await waitFor(() => nonEmpty(diagnostics(doc.uri, 'unknown-criterion')), 3000, 'the unknown id');
      assert.deepEqual(at(d!.range), [3, 10, 3, 35]);
      assert.equal(d!.message, 'Unknown criterion id "ic.L6.cross-team-directon". Did you mean ic.L6.cross-team-direction, ic.L5.team-direction?');
      assert.deepEqual(
        diagnostics(doc.uri, 'invalid-field').map((x) => x.range.start.line),
        [3],
        'and a hint to write a list',
      );
      const actions = await quickFixes(doc, d!.range);
      const fix = actions.find((a) => a.title === 'Replace with ic.L6.cross-team-direction');
      assert.ok(fix, actions.map((a) => a.title).join('; '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.equal(doc.lineAt(3).text, 'criteria: ic.L6.cross-team-direction, ic.L5.leads-projects', 'only the unknown id is replaced');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    test('settings are read live: a note that leaves the notes folder (notesFolder changed) loses its diagnostics', async function () {
      this.timeout(30000);
      const path = problemsPath();
      write(path, PROBLEMS_TEXT);
      const doc = await openNote(path);
      await waitFor(() => diagnostics(doc.uri).length === 4, 3000, 'diagnostics of the open note');
      try {
        await setSetting('notesFolder', 'elsewhere');
        await waitFor(() => diagnostics(doc.uri).length === 0, 2000, 'no diagnostics once the note is outside the notes folder');
      } finally {
        await setSetting('notesFolder', undefined);
      }
      await waitFor(() => diagnostics(doc.uri).length === 4, 2000, 'the diagnostics back');
    });

    test('markdown outside the notes folder is not checked', async () => {
      const doc = await openNote('docs/architecture.md');
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(diagnostics(doc.uri), []);
    });
  });

  suite('completion, hover, quick fix', () => {
    const COMPLETION = 'career/brag/2020-03-06-completion.md';
    const COMPLETION_TEXT = [
      '---',
      'title: Completion',
      'criteria: [ic.L5.leads-projects, ]',
      'links:',
      '  - https://example.com',
      '---',
      'Body text.',
      '',
    ].join('\n');

    test("inside criteria: the target level's ids come first, with the description as documentation", async () => {
      write(COMPLETION, COMPLETION_TEXT);
      const doc = await openNote(COMPLETION);
      const items = await completionIds(doc, new vscode.Position(2, 'criteria: [ic.L5.leads-projects, '.length));
      const ids = items.map(idOf);
      assert.ok(ids.length > 80, `every criterion of the ladder is offered (${ids.length})`);
      assert.deepEqual(ids.slice(0, 7).sort(), [
        'ic.L6.alignment-without-authority',
        'ic.L6.cross-cutting-architecture',
        'ic.L6.cross-team-direction',
        'ic.L6.engineering-standards',
        'ic.L6.grows-senior-engineers',
        'ic.L6.presents-to-leadership',
        'ic.L6.solves-critical-problems',
      ]);
      assert.ok(
        ids.slice(7, 15).every((id) => id.startsWith('ic.L5.')),
        'then the current level',
      );
      assert.ok(
        ids.slice(15).findIndex((id) => id.startsWith('management.')) > ids.slice(15).findIndex((id) => id.startsWith('ic.')),
        'then the rest of the track, then the other track',
      );
      const direction = items.find((i) => idOf(i) === 'ic.L6.cross-team-direction')!;
      assert.equal(direction.kind, vscode.CompletionItemKind.EnumMember);
      assert.equal((direction.label as vscode.CompletionItemLabel).description, 'Sets technical direction across teams');
      assert.match(direction.detail ?? '', /^Staff Engineer \(L6\) · influence · target level$/);
      const docs = direction.documentation as vscode.MarkdownString;
      assert.ok(docs instanceof vscode.MarkdownString || typeof (docs as { value?: string }).value === 'string');
      assert.match(docs.value.replace(/\\(.)/g, '$1'), /^\*\*Sets technical direction across teams\*\*\n\n.{20,}/);
    });

    test('completion in a block list replaces the id being typed; nothing is offered outside criteria:', async () => {
      const block = 'career/brag/2020-03-07-block-completion.md';
      write(block, ['---', 'title: Completion', 'criteria:', '  - ic.L6.cro', 'links: []', '---', 'Body ic.L6.', ''].join('\n'));
      const doc = await openNote(block);
      const items = await completionIds(doc, new vscode.Position(3, '  - ic.L6.cro'.length));
      assert.ok(items.length > 0);
      const range = items[0]!.range as vscode.Range;
      assert.deepEqual(at(range instanceof vscode.Range ? range : (range as unknown as { replacing: vscode.Range }).replacing), [3, 4, 3, 13]);
      assert.deepEqual(await completionIds(doc, new vscode.Position(1, 'title: Compl'.length)), []);
      assert.deepEqual(await completionIds(doc, new vscode.Position(6, 'Body ic.L6.'.length)), []);
    });

    test('completion in a flow list written over several lines', async () => {
      const path = 'career/brag/2020-03-09-multiline-completion.md';
      write(path, ['---', 'title: Completion', 'criteria: [', '  ic.L5.leads-projects,', '  ic.L6.', ']', '---', ''].join('\n'));
      const doc = await openNote(path);
      const items = await completionIds(doc, new vscode.Position(4, '  ic.L6.'.length));
      assert.ok(items.length > 0, 'ids are offered inside the list');
      assert.ok(idOf(items[0]!).startsWith('ic.L6.'));
      assert.deepEqual(await completionIds(doc, new vscode.Position(5, 1)), [], 'not after the closing ]');
    });

    test('settings are read live: a new target level comes first in completion', async function () {
      this.timeout(30000);
      const live = 'career/brag/2020-03-08-live-completion.md';
      write(live, COMPLETION_TEXT);
      const doc = await openNote(live);
      const position = new vscode.Position(2, 'criteria: [ic.L5.leads-projects, '.length);
      try {
        await setSetting('targetLevel', 'L7');
        await waitFor(async () => idOf((await completionIds(doc, position))[0]!).startsWith('ic.L7.'), 2000, 'L7 first');
      } finally {
        await setSetting('targetLevel', undefined);
      }
      await waitFor(async () => idOf((await completionIds(doc, position))[0]!).startsWith('ic.L6.'), 2000, 'L6 first again');
    });

    test('hover on an id, in the front matter or the body: level, title, description, how many notes evidence it', async () => {
      const path = problemsPath();
      write(path, PROBLEMS_TEXT);
      const doc = await openNote(path);
      const body = await hover(doc, new vscode.Position(10, 'Body mentions ic.L6.gro'.length));
      assert.match(
        body,
        /^\*\*Grows senior engineers\*\* · mentoring\n\nStaff Engineer \(L6\), Individual Contributor track\n\n.{20,}\n\n_0 notes evidence this\._$/,
      );
      const front = await hover(doc, new vscode.Position(7, 6));
      assert.match(front, /^\*\*Leads multi-engineer projects\*\* · execution\n\nSenior Engineer \(L5\), Individual Contributor track/);
      assert.match(front, /_2 notes evidence this\._$/, 'the payments migration and this note');
      assert.equal(await hover(doc, new vscode.Position(5, 10)), '', 'no hover on an unknown id');
      assert.equal(await hover(doc, new vscode.Position(2, 10)), '', 'no hover on other text');
    });

    test('the hover count follows a note written outside VS Code (the index follows the file watcher)', async () => {
      const path = problemsPath();
      write(path, PROBLEMS_TEXT);
      const doc = await openNote(path);
      const position = new vscode.Position(10, 'Body mentions ic.L6.gro'.length);
      assert.match(await hover(doc, position), /_0 notes evidence this\._$/);
      write(
        `career/brag/${today()}-grew-seniors.md`,
        note({ type: 'brag', title: 'Grew two seniors', date: today(), criteria: ['ic.L6.grows-senior-engineers'] }),
      );
      await waitFor(async () => /_1 note evidence this\._$/.test(await hover(doc, position)), 3000, 'the new note counted');
      disk.remove(`career/brag/${today()}-grew-seniors.md`);
      await waitFor(async () => /_0 notes evidence this\._$/.test(await hover(doc, position)), 3000, 'the deleted note no longer counted');
    });

    test('the quick fix replaces an unknown id with the nearest known id, keeping its quotes', async () => {
      const path = problemsPath();
      write(path, PROBLEMS_TEXT);
      const doc = await openNote(path);
      const unknown = await waitFor(
        () => (diagnostics(doc.uri, 'unknown-criterion').length === 2 ? diagnostics(doc.uri, 'unknown-criterion') : undefined),
        3000,
        'unknown ids',
      );
      for (const d of unknown.sort((a, b) => a.range.start.compareTo(b.range.start))) {
        const ours = await quickFixes(doc, d.range);
        assert.equal(ours[0]!.isPreferred, true);
        assert.equal(ours.filter((a) => a.isPreferred).length, 1, 'one preferred fix');
        assert.ok(await vscode.workspace.applyEdit(ours[0]!.edit!));
      }
      assert.equal(doc.lineAt(5).text, '  - ic.L6.cross-team-direction');
      assert.equal(doc.lineAt(6).text, '  - "ic.L6.alignment-without-authority"');
      await waitFor(() => diagnostics(doc.uri, 'unknown-criterion').length === 0, 2000, 'no unknown id left');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        new vscode.Range(5, 4, 5, 10),
        vscode.CodeActionKind.QuickFix.value,
      );
      assert.deepEqual(
        actions.filter((a) => a.title.startsWith('Replace with ')),
        [],
        'no fix where nothing is wrong',
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });
});
