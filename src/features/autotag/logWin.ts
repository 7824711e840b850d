import * as vscode from 'vscode';
import { relativePath } from '../../core/evidence/report';
import { readHeadCommit, type GitRunner } from '../../core/git/repository';
import { Delayer } from '../../core/util/async';
import { joinPath } from '../../core/util/paths';
import { LogWinArgs, parseArgs } from '../shared/args';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { createNote } from '../shared/noteFiles';
import { pickRoot, promptTitle } from '../shared/pick';
import type { TagSuggestions } from './suggestions';

/** The little of the built-in git extension's API (`vscode.git`, version 1) used here. */
interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD: { readonly name?: string; readonly commit?: string } | undefined; readonly onDidChange: vscode.Event<void> };
  getCommit(ref: string): Promise<{ readonly hash: string; readonly message: string }>;
}

export interface GitContext {
  readonly branch?: string;
  readonly commit?: string;
  readonly subject?: string;
  /** The commit's web page (GitHub, GitLab, Bitbucket remotes). */
  readonly url?: string;
}

const MAX_EXCERPT = 4000;

export function registerLogWin(context: vscode.ExtensionContext, workspace: CareerWorkspace, suggestions: TagSuggestions, git?: GitRunner): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.logWin, (arg?: unknown) => logWin(workspace, suggestions, arg, git)),
    new CommitNudge(workspace),
  );
}

/** The git API, only in a trusted workspace (an untrusted one runs no git process). */
async function gitApi(): Promise<GitApi | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension || vscode.workspace.getConfiguration('git').get<boolean>('enabled') === false) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports.enabled) {
      // Right after start-up the git extension is still looking for git; give it a moment.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => done(), 3000);
        const sub = exports.onDidChangeEnablement((enabled) => enabled && done());
        function done() {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
      if (!exports.enabled) return undefined;
    }
    return exports.getAPI(1);
  } catch {
    return undefined;
  }
}

interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}

/**
 * Branch and latest commit of the repository holding `uri` (or the workspace), when there is one. On the
 * desktop the git CLI reads it the way the harvest does (same format, same parser, and a web link to the
 * commit); elsewhere the built-in git extension's API. Trusted workspaces only.
 */
export async function gitContext(uri: vscode.Uri | undefined, git?: GitRunner, workspaceFolder?: vscode.Uri): Promise<GitContext | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const folder0 = workspaceFolder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = uri?.scheme === 'file' ? vscode.Uri.joinPath(uri, '..') : folder0?.scheme === 'file' ? folder0 : undefined;
  if (git && base) {
    const head = await readHeadCommit(git, base.fsPath).catch(() => undefined);
    if (head) {
      const { repository, commit, url } = head;
      return {
        ...(repository.branch ? { branch: repository.branch } : {}),
        commit: commit.hash,
        ...(commit.subject ? { subject: commit.subject } : {}),
        ...(url ? { url } : {}),
      };
    }
  }
  const api = await gitApi();
  if (!api) return undefined;
  const folder = workspaceFolder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  let repo: GitRepository | null =
    (uri && uri.scheme === 'file' ? api.getRepository(uri) : null) ?? (folder ? api.getRepository(folder) : null) ?? api.repositories[0] ?? null;
  if (!repo && folder && api.openRepository) repo = await api.openRepository(folder).catch(() => null);
  if (!repo) return undefined;
  const head = repo.state.HEAD;
  if (!head?.commit) return head?.name ? { branch: head.name } : undefined;
  let subject: string | undefined;
  try {
    subject = (await repo.getCommit(head.commit)).message.split(/\r?\n/)[0]?.trim();
  } catch {
    subject = undefined;
  }
  return { ...(head.name ? { branch: head.name } : {}), commit: head.commit, ...(subject ? { subject } : {}) };
}

/** A fence longer than any run of backticks in the text, so the excerpt cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** The "From the code" section of a win: file and line, branch and commit, the selected excerpt. */
export function codeSection(input: {
  notePath: string;
  /** `href`: the link when the file is not reachable by a relative path (another workspace folder). */
  file?: { path: string; line: number; href?: string };
  excerpt?: string;
  languageId?: string;
  git?: GitContext;
}): string {
  const lines: string[] = ['', '## From the code', ''];
  if (input.file) {
    const link = input.file.href ?? relativePath(input.notePath, input.file.path).split('/').map(encodeURIComponent).join('/');
    lines.push(`- File: [${input.file.path.replace(/[[\]]/g, '\\$&')}:${input.file.line}](${link}#L${input.file.line})`);
  }
  if (input.git?.branch) lines.push(`- Branch: \`${input.git.branch.replace(/`/g, '')}\``);
  if (input.git?.commit) {
    const short = `\`${input.git.commit.slice(0, 10)}\``;
    const commit = input.git.url && /^https:\/\/[^\s()<>]+$/.test(input.git.url) ? `[${short}](${input.git.url})` : short;
    lines.push(`- Commit: ${commit}${input.git.subject ? ` — ${input.git.subject.replace(/[<>[\]]/g, '\\$&')}` : ''}`);
  }
  if (input.excerpt) {
    const fence = fenceFor(input.excerpt);
    lines.push('', `> ${fence}${(input.languageId ?? '').replace(/[^\w+-]/g, '')}`);
    for (const line of input.excerpt.split(/\r?\n/)) lines.push(`> ${line}`);
    lines.push(`> ${fence}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `careerLattice.logWin`: a brag entry pre-filled from what you are working on (selection, file and
 * line, branch and latest commit), tagged by inference, opened for a sentence of your own.
 * `{ title, open: false }` skips the prompt and the opening. Resolves to the new note's Uri.
 */
export async function logWin(workspace: CareerWorkspace, suggestions: TagSuggestions, arg: unknown, gitRunner?: GitRunner): Promise<vscode.Uri | undefined> {
  const args = parseArgs(Commands.logWin, LogWinArgs, arg instanceof vscode.Uri ? undefined : arg);
  if (!args) return undefined;
  if (!workspace.fs) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice keeps notes in a workspace folder: open a folder first.'));
    return undefined;
  }
  const editor = vscode.window.activeTextEditor;
  const document = editor?.document;
  const fromNotes = document ? workspace.isNote(document.uri) : false;
  const selection = editor && !editor.selection.isEmpty && !fromNotes ? document!.getText(editor.selection) : '';
  const excerpt = selection.length > MAX_EXCERPT ? `${selection.slice(0, MAX_EXCERPT)}\n…` : selection;
  const filePath = document && !fromNotes ? workspace.fs.relative(document.uri) : undefined;
  // With several folders: the one named, else the active editor's, else asked (before any other prompt).
  const root = await pickRoot(workspace, args.folder, { command: Commands.logWin, title: vscode.l10n.t('Log a Win') });
  if (!root) return undefined;
  const git = await gitContext(document?.uri, gitRunner, workspace.multiRoot ? root.folder.uri : undefined);

  const fallbackTitle = git?.subject ?? (filePath ? `Win in ${filePath.split('/').pop()}` : '');
  const title =
    args.title ??
    (await promptTitle(vscode.l10n.t('Log a Win'), vscode.l10n.t('What did you get done? e.g. Cut p99 latency of checkout by 40%'), fallbackTitle));
  if (!title) return undefined;
  const criteria = args.criteria ?? suggestions.suggestForText(title, [excerpt, git?.subject ?? ''].join('\n')).map((s) => s.id);
  const notePath = joinPath(workspace.multiRoot ? root.notesPath : workspace.settings.notesFolder, 'brag', 'x.md');
  const line = (editor?.selection.active.line ?? 0) + 1;
  // A file of another workspace folder is linked by its URI: no relative path between two folders is sure to hold.
  const href =
    workspace.multiRoot && filePath && document && workspace.rootOf(filePath)?.folder.uri.toString() !== root.folder.uri.toString()
      ? document.uri.toString()
      : undefined;
  const appendix = codeSection({
    notePath,
    ...(filePath ? { file: { path: filePath, line, ...(href ? { href } : {}) } } : {}),
    ...(excerpt ? { excerpt, languageId: document!.languageId } : {}),
    ...(git ? { git } : {}),
  });
  return createNote(
    workspace,
    'brag',
    { title, criteria, ...(args.open !== undefined ? { open: args.open } : {}), ...(workspace.multiRoot ? { folder: root.folder.uri.toString() } : {}) },
    [],
    appendix,
  );
}

/**
 * After a commit, a quiet status bar offer to log it (`careerLattice.nudgeAfterCommit`, off by
 * default; trusted workspaces only). Never a modal, gone after two minutes.
 */
class CommitNudge implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('careerLattice.commitNudge', vscode.StatusBarAlignment.Left, 19);
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly heads = new Map<string, string | undefined>();
  private readonly hideLater = new Delayer(120_000);
  private watching = false;

  constructor(private readonly workspace: CareerWorkspace) {
    this.item.name = 'Career Lattice: Log This Commit';
    this.subscriptions.push(workspace.onDidChange((c) => c.settings && void this.start()));
    void this.start();
  }

  private async start(): Promise<void> {
    if (this.watching || !this.workspace.settings.nudgeAfterCommit) return;
    const api = await gitApi();
    if (!api) return;
    this.watching = true;
    const watch = (repo: GitRepository) => {
      this.heads.set(repo.rootUri.toString(), repo.state.HEAD?.commit);
      this.subscriptions.push(repo.state.onDidChange(() => void this.onRepoChange(repo)));
    };
    api.repositories.forEach(watch);
    this.subscriptions.push(api.onDidOpenRepository(watch));
  }

  private async onRepoChange(repo: GitRepository): Promise<void> {
    const key = repo.rootUri.toString();
    const commit = repo.state.HEAD?.commit;
    const before = this.heads.get(key);
    this.heads.set(key, commit);
    if (!commit || commit === before || !this.workspace.settings.nudgeAfterCommit) return;
    let subject = '';
    try {
      subject = (await repo.getCommit(commit)).message.split(/\r?\n/)[0] ?? '';
    } catch {
      return;
    }
    this.item.text = `$(star-add) ${vscode.l10n.t('Log this commit as a win?')}`;
    this.item.tooltip = vscode.l10n.t('Career Lattice: log "{0}" as a brag entry', subject);
    this.item.command = { command: Commands.logWin, title: vscode.l10n.t('Log a Win'), arguments: [{ title: subject }] };
    this.item.show();
    this.hideLater.trigger(() => this.item.hide());
  }

  dispose(): void {
    this.hideLater.dispose();
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
