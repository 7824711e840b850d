// Auto-tagging in the real host: suggest (CodeLens, lightbulb), onSave (same save, one undo), off,
// byte-for-byte edits (CRLF, comments, no front matter), removed tags staying removed, Log a Win.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const root = () => vscode.workspace.workspaceFolders![0]!.uri;
const abs = (rel: string) => path.join(root().fsPath, rel);
const config = () => vscode.workspace.getConfiguration('careerLattice');

async function waitFor<T>(fn: () => T | undefined | Promise<T | undefined>, ms = 3000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function writeNote(rel: string, text: string): Promise<vscode.TextDocument> {
  fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
  fs.writeFileSync(abs(rel), text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs(rel)));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function lensesOf(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
}

function ours(lenses: vscode.CodeLens[]): vscode.CodeLens[] {
  return lenses.filter((l) => l.command?.command === 'careerLattice.applySuggestedTags');
}

/** Appends a line at the end of the document (a person typing), then saves. */
async function typeAndSave(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await doc.save());
}

const SIGNAL_BODY = 'I wrote the design doc and got Payments, Payouts and Risk to agree on a shared event schema without any authority over them.';

suite('autotag: suggest', () => {
  suiteSetup(async () => {
    await config().update('autoTag', 'suggest', vscode.ConfigurationTarget.Workspace);
  });

  test('a CodeLens on the front matter names the suggested criteria, with the matched phrases in its hover', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs('career/brag/2026-01-10-mentoring.md')));
    await vscode.window.showTextDocument(doc);
    const lens = await waitFor(async () => ours(await lensesOf(doc))[0], 5000, 'a suggestion lens');
    assert.equal(lens.range.start.line, 0);
    assert.match(lens.command!.title, /Evidence for: .*Mentor.* - add tags\?/);
    assert.match(lens.command!.tooltip ?? '', /ic\.L5\.mentors-engineers\): matched ("[^"]*", )*"[^"]*mentor/i);
  });

  test('the lightbulb offers the same tags in the front matter, and applying them is one undo step', async () => {
    const doc = await writeNote(
      'career/brag/2026-02-01-schema.md',
      `---\ntype: brag\ntitle: Aligned three teams on one event schema\ndate: 2026-02-01\n---\n${SIGNAL_BODY}\n`,
    );
    const before = doc.getText();
    const actions = await waitFor(
      async () => {
        const all =
          (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(1, 0, 1, 0))) ?? [];
        const mine = all.filter((a) => a.command?.command === 'careerLattice.applySuggestedTags');
        return mine.length ? mine : undefined;
      },
      5000,
      'suggestion code actions',
    );
    const all = actions[0]!;
    assert.match(all.title, /^Add suggested criteria: /);
    const ids = (all.command!.arguments![0] as { criteria: string[] }).criteria;
    assert.ok(ids.includes('ic.L6.alignment-without-authority'), ids.join());
    await vscode.commands.executeCommand(all.command!.command, ...all.command!.arguments!);
    assert.match(doc.getText(), /criteria:\n {2}- ic\.L6\.alignment-without-authority/);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
  });

  test('a note outside the notes folder gets no suggestions', async () => {
    const doc = await writeNote('docs/not-a-note.md', `# Mentored two engineers\n\n${SIGNAL_BODY}\n`);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(ours(await lensesOf(doc)), []);
  });
});

suite('autotag: onSave', () => {
  suiteSetup(async () => {
    await config().update('autoTag', 'onSave', vscode.ConfigurationTarget.Workspace);
  });
  suiteTeardown(async () => {
    await config().update('autoTag', 'suggest', vscode.ConfigurationTarget.Workspace);
  });

  test('suggested ids are added by the save itself, and one undo removes them', async () => {
    const doc = await writeNote(
      'career/brag/2026-03-01-onsave.md',
      `---\ntype: brag\ntitle: Aligned three teams on one event schema\ndate: 2026-03-01\ncriteria: []\n---\nDraft.\n`,
    );
    await typeAndSave(doc, `\n${SIGNAL_BODY}\n`);
    const saved = fs.readFileSync(abs('career/brag/2026-03-01-onsave.md'), 'utf8');
    assert.match(saved, /criteria: \[ic\.L6\.alignment-without-authority(, [^\]]+)?\]/);
    assert.equal(doc.isDirty, false);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /criteria: \[\]/);
    assert.ok(doc.getText().includes(SIGNAL_BODY), 'the typing is not undone, only the tags');
  });

  test('CRLF endings, comments, quoting and key order stay byte-for-byte; only criteria changes', async () => {
    const rel = 'career/brag/2026-03-02-crlf.md';
    const original = `---\r\ntitle: "Aligned three teams on one event schema" # why\r\n# a comment line\r\ndate: 2026-03-02\r\ncriteria:\r\n  - ic.L5.system-design   # mine\r\ntype: brag\r\n---\r\nDraft.\r\n`;
    const doc = await writeNote(rel, original);
    await typeAndSave(doc, `\r\n${SIGNAL_BODY}\r\n`);
    const saved = fs.readFileSync(abs(rel), 'utf8');
    const added = /  - ic\.L5\.system-design   # mine\r\n((?: {2}- [\w.-]+\r\n)+)type: brag/.exec(saved);
    assert.ok(added, JSON.stringify(saved));
    assert.ok(added[1]!.includes('ic.L6.alignment-without-authority'));
    const withoutAdded = saved.replace(added[1]!, '');
    assert.equal(withoutAdded, `${original}\r\n${SIGNAL_BODY}\r\n`);
    assert.ok(!/[^\r]\n/.test(saved), 'every line ends with CRLF');
  });

  test('a note without front matter gets a front-matter block with the criteria', async () => {
    const rel = 'career/brag/2026-03-03-bare.md';
    const doc = await writeNote(rel, '# Aligned three teams on one event schema\n');
    await typeAndSave(doc, `\n${SIGNAL_BODY}\n`);
    const saved = fs.readFileSync(abs(rel), 'utf8');
    assert.match(saved, /^---\ncriteria:\n {2}- ic\.L6\.alignment-without-authority\n(?: {2}- [\w.-]+\n)*---\n# Aligned three teams/);
  });

  test('a tag the user removed is not added again on the next save', async () => {
    const rel = 'career/brag/2026-03-04-removed.md';
    const doc = await writeNote(rel, `---\ntitle: Aligned three teams on one event schema\ndate: 2026-03-04\ncriteria: []\n---\nDraft.\n`);
    await typeAndSave(doc, `\n${SIGNAL_BODY}\n`);
    assert.match(doc.getText(), /ic\.L6\.alignment-without-authority/);
    // The user deletes the tag by hand.
    const text = doc.getText();
    const start = text.indexOf('ic.L6.alignment-without-authority');
    const edit = new vscode.WorkspaceEdit();
    const flow = /criteria: \[([^\]]*)\]/.exec(text)!;
    const remaining = flow[1]!.split(', ').filter((id) => id !== 'ic.L6.alignment-without-authority');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(flow.index), doc.positionAt(flow.index + flow[0].length)), `criteria: [${remaining.join(', ')}]`);
    assert.ok(start > 0 && (await vscode.workspace.applyEdit(edit)));
    await new Promise((r) => setTimeout(r, 100));
    await typeAndSave(doc, '\nMore words about the schema.\n');
    assert.ok(!doc.getText().includes('ic.L6.alignment-without-authority'), doc.getText());
    assert.ok(!fs.readFileSync(abs(rel), 'utf8').includes('ic.L6.alignment-without-authority'));
  });

  test('a markdown file outside the notes folder is never touched on save', async () => {
    const rel = 'docs/outside.md';
    const doc = await writeNote(rel, `# Aligned three teams on one event schema\n`);
    await typeAndSave(doc, `\n${SIGNAL_BODY}\n`);
    assert.equal(fs.readFileSync(abs(rel), 'utf8'), `# Aligned three teams on one event schema\n\n${SIGNAL_BODY}\n`);
  });
});

suite('tag edits and the disk', () => {
  test('a note changed on disk while a tag edit is prepared is re-read, not overwritten', async () => {
    const rel = 'career/brag/2026-05-01-disk.md';
    const doc = await writeNote(rel, '---\ntitle: Before\ncriteria: []\n---\nOld body.\n');
    // Another program rewrites the file; the editor has not reloaded it yet. It writes a whole new file
    // and renames it over the note, so that VS Code's reload cannot see it half-written: writing in
    // place (truncate, then write) lets a reload read the new text with the truncated file's mtime, and
    // VS Code then refuses the save as a conflict ("the content of the file is newer"), which is VS
    // Code keeping the text safe, not what this test is about.
    fs.writeFileSync(`${abs(rel)}.tmp`, '---\ntitle: After\ncriteria: []\n---\nNew body from disk.\n');
    fs.renameSync(`${abs(rel)}.tmp`, abs(rel));
    const changed = await vscode.commands.executeCommand<string[]>('careerLattice.tagNote', { criteria: ['ic.L5.mentors-engineers'], uri: doc.uri.toString() });
    assert.deepEqual(changed, ['ic.L5.mentors-engineers']);
    const saved = fs.readFileSync(abs(rel), 'utf8');
    assert.equal(saved, '---\ntitle: After\ncriteria: [ic.L5.mentors-engineers]\n---\nNew body from disk.\n');
  });
});

suite('autotag: off', () => {
  suiteSetup(async () => {
    await config().update('autoTag', 'off', vscode.ConfigurationTarget.Workspace);
  });
  suiteTeardown(async () => {
    await config().update('autoTag', 'suggest', vscode.ConfigurationTarget.Workspace);
  });

  test('no lens, no lightbulb, and saving changes nothing', async () => {
    const rel = 'career/brag/2026-04-01-off.md';
    const doc = await writeNote(rel, `---\ntitle: Aligned three teams on one event schema\ncriteria: []\n---\nDraft.\n`);
    await typeAndSave(doc, `\n${SIGNAL_BODY}\n`);
    assert.deepEqual(ours(await lensesOf(doc)), []);
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(1, 0, 1, 0))) ?? [];
    assert.deepEqual(
      actions.filter((a) => a.command?.command === 'careerLattice.applySuggestedTags'),
      [],
    );
    assert.match(fs.readFileSync(abs(rel), 'utf8'), /criteria: \[\]/);
  });
});

suite('Log a Win', () => {
  async function selectInSource(): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs('src/billing.ts')));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 0, 3, doc.lineAt(3).text.length);
    return editor;
  }

  test('without a git repository: excerpt, file and line link, inferred tags; no prompt, not opened', async () => {
    await selectInSource();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.logWin', { title: 'Mentored the team on retry budgets', open: false });
    assert.ok(uri instanceof vscode.Uri);
    assert.match(vscode.workspace.asRelativePath(uri, false), /^career\/brag\/\d{4}-\d{2}-\d{2}-mentored-the-team-on-retry-budgets\.md$/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, abs('src/billing.ts'), 'the note was not opened');
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, /^---\ntype: brag\ntitle: Mentored the team on retry budgets\n/);
    assert.match(text, /criteria: \[[^\]]*ic\.L5\.mentors-engineers/);
    assert.match(text, /- File: \[src\/billing\.ts:4\]\(\.\.\/\.\.\/src\/billing\.ts#L4\)/);
    assert.match(text, /> ```typescript\n> {3}\/\/ Cap retries so a slow dependency cannot multiply load\.\n> {3}return Math\.min\(attempts, 3\);\n> ```/);
    assert.ok(!/Branch:|Commit:/.test(text), 'no git lines without a repository');
  });

  test('in a git repository: the branch and the latest commit are captured', async function () {
    this.timeout(30000);
    const cwd = root().fsPath;
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
      });
    git('init', '-q', '-b', 'feature/retry-budgets');
    git('add', 'src/billing.ts');
    git('commit', '-q', '-m', 'Cap retries with a retry budget');
    const hash = git('rev-parse', 'HEAD').trim();
    const api = vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): { openRepository(u: vscode.Uri): Promise<unknown> } }>('vscode.git')!;
    const exports = api.isActive ? api.exports : await api.activate();
    await waitFor(() => exports.enabled, 10000, 'the git extension to find git');
    await exports.getAPI(1).openRepository(root());
    await selectInSource();
    const text = await waitFor(
      async () => {
        const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.logWin', { title: `Retry budgets ${Date.now()}`, open: false });
        const t = fs.readFileSync(uri.fsPath, 'utf8');
        return t.includes('Commit:') ? t : undefined;
      },
      15000,
      'the git extension to see the repository',
    );
    assert.match(text, /- Branch: `feature\/retry-budgets`/);
    assert.ok(text.includes(`- Commit: \`${hash.slice(0, 10)}\` — Cap retries with a retry budget`), text);
  });

  test('in a trusted workspace the team template in .career/templates is used', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('careerLattice.newBragEntry', {
      title: 'Team: "quoted" win',
      criteria: ['ic.L5.mentors-engineers'],
      open: false,
    });
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(
      text,
      /^---\ntype: brag\ntitle: 'Team: "quoted" win'\ndate: \d{4}-\d{2}-\d{2}\ncriteria: \[ic\.L5\.mentors-engineers\]\nteam: payments\n---\n# TEAM TEMPLATE Team: "quoted" win\n/,
    );
    assert.ok(text.includes('- Mentors several engineers (`ic.L5.mentors-engineers`)'), text);
  });

  test('a bad argument object is answered with a message, not a note', async () => {
    const result = await vscode.commands.executeCommand('careerLattice.logWin', { title: 42 });
    assert.equal(result, undefined);
  });
});

suite('careerLattice.suggestCriteria', () => {
  type Suggestion = { id: string; score: number; matched: string[] };
  const suggest = (arg: unknown) => vscode.commands.executeCommand<Suggestion[] | undefined>('careerLattice.suggestCriteria', arg);

  test("answers free text with [{ id, score, matched }], best first, in the settings' level window", async () => {
    const result = (await suggest({ title: 'One event schema for three teams', body: SIGNAL_BODY }))!;
    assert.ok(Array.isArray(result) && result.length > 0, JSON.stringify(result));
    assert.ok(result.map((s) => s.id).includes('ic.L6.alignment-without-authority'), JSON.stringify(result));
    for (let i = 0; i < result.length; i++) {
      const s = result[i]!;
      assert.deepEqual(Object.keys(s).sort(), ['id', 'matched', 'score']);
      assert.ok(s.score > 0 && s.score <= 1 && Array.isArray(s.matched) && s.matched.length > 0, JSON.stringify(s));
      if (i > 0) assert.ok(result[i - 1]!.score >= s.score);
    }
  });

  test('track and levels in the argument replace the settings', async () => {
    const junior = (await suggest({ title: 'One event schema for three teams', body: SIGNAL_BODY, track: 'ic', currentLevel: 'L3' }))!;
    assert.ok(
      junior.every((s) => /^ic\.L[345]\.|^management\.(TL|EM)\./.test(s.id)),
      JSON.stringify(junior),
    );
    const manager = (await suggest({
      title: 'Weekly 1:1s',
      body: 'Held weekly 1:1s with each of my six reports and wrote down their career goals.',
      track: 'management',
      currentLevel: 'EM',
    }))!;
    assert.ok(
      manager.some((s) => s.id.startsWith('management.EM.')),
      JSON.stringify(manager),
    );
  });

  test('a bad argument object is answered with a message and undefined', async () => {
    assert.equal(await suggest({ title: 'x' }), undefined);
    assert.equal(await suggest({ title: 'x', body: 42 }), undefined);
    assert.equal(await suggest(undefined), undefined);
  });

  test("learns from the workspace's own tagged notes", async function () {
    this.timeout(20000);
    const note = { title: 'Zephyr week', body: 'Another Zephyr week: took the Zephyr queue and wrote the Zephyr summary.' };
    const target = 'ic.L5.owns-significant-system';
    const before = ((await suggest({ ...note, track: 'ic', currentLevel: 'L5' })) ?? []).map((s) => s.id);
    assert.ok(!before.includes(target), before.join());
    for (let i = 1; i <= 4; i++) {
      const rel = `career/brag/2026-02-0${i}-zephyr-${i}.md`;
      fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
      fs.writeFileSync(
        abs(rel),
        `---\ntype: brag\ntitle: Zephyr ${i}\ndate: 2026-02-0${i}\ncriteria: [${target}]\n---\nRan the Zephyr queue this week; Zephyr health and the Zephyr roadmap are mine.\n`,
      );
    }
    const after = await waitFor(
      async () => {
        const ids = ((await suggest({ ...note, track: 'ic', currentLevel: 'L5' })) ?? []).map((s) => s.id);
        return ids.includes(target) ? ids : undefined;
      },
      15000,
      'the tagged notes to be learned from',
    );
    assert.ok(after.includes(target));
  });
});
