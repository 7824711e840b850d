import * as vscode from 'vscode';
import { toWindowPath } from '../../core/index/roots';
import { normalizeRelative } from '../../core/util/paths';
import { FolderArgs, isNode, parseArgs, type NoteNodeLike } from '../shared/args';
import type { CareerRoot, CareerWorkspace } from '../shared/careerWorkspace';
import { Commands } from '../shared/ids';
import { pickRoot } from '../shared/pick';

const STARTER_LADDER = `# Career Lattice: your team's ladder.
# This file extends the built-in dual-track ladder: name a level or criterion by id to change
# only the fields you write; a new id adds a level or criterion; \`remove\` drops ids.
# Delete \`extends\` to write a whole ladder of your own. Problems show in the Problems panel.
extends: builtin
name: Our engineering ladder
tracks:
  - id: ic
    levels:
      - id: L6
        criteria:
          # An extra, company-specific criterion for Staff:
          - id: ic.L6.incident-commander
            area: execution
            title: Leads incident response
            description: Acts as incident commander for high-severity incidents and drives the follow-ups.
            signals: [incident commander, sev1, postmortem]
# remove: [ic.L6.presents-to-leadership]
`;

/** Workspace-level commands: refresh, the notes folder, a starter ladder file, opening notes, the ladder as JSON. */
export function registerWorkspaceCommands(context: vscode.ExtensionContext, workspace: CareerWorkspace): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.refresh, async () => {
      await workspace.ready;
      await workspace.reloadLadder();
      await workspace.rebuild();
    }),
    vscode.commands.registerCommand(Commands.getLadder, async () => {
      await workspace.ready;
      return structuredClone(workspace.ladder.data);
    }),
    vscode.commands.registerCommand(Commands.showLog, () => workspace.log.show()),
    vscode.commands.registerCommand(Commands.openNote, (arg?: unknown) => openNote(workspace, arg)),
    vscode.commands.registerCommand(Commands.createNotesFolder, (arg?: unknown) => createNotesFolder(workspace, arg)),
    vscode.commands.registerCommand(Commands.createLadderFile, (arg?: unknown) => createLadderFile(workspace, arg)),
  );
}

/**
 * Opens a note given as a workspace-relative path, a tree item or a Uri inside the workspace. Anything
 * outside the workspace is refused: note links and webviews can only ever open the user's own notes.
 */
export async function openNote(workspace: CareerWorkspace, arg: unknown): Promise<vscode.TextEditor | undefined> {
  const fs = workspace.fs;
  if (!fs) return undefined;
  let path: string | undefined;
  if (typeof arg === 'string') path = normalizeRelative(arg);
  else if (isNode(arg, 'note')) path = normalizeRelative((arg as NoteNodeLike).path);
  else if (arg instanceof vscode.Uri) path = fs.relative(arg);
  if (!path) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice only opens notes inside this workspace.'));
    return undefined;
  }
  const stat = await fs.stat(path).catch(() => undefined);
  if (!stat || stat.kind === 'directory' || stat.kind === 'symlink-directory') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Career Lattice: {0} is not a note that exists in this workspace.', path));
    return undefined;
  }
  return vscode.window.showTextDocument(fs.uri(path), { preview: true });
}

/** `{ folder }` (with several workspace folders): the one to write into; asked when it is not clear. A welcome-view button passes nothing. */
async function targetRoot(workspace: CareerWorkspace, command: string, title: string, arg: unknown): Promise<CareerRoot | undefined> {
  const args = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? parseArgs(command, FolderArgs, arg) : {};
  if (!args) return undefined;
  return pickRoot(workspace, args.folder, { command, title });
}

export async function createNotesFolder(workspace: CareerWorkspace, arg?: unknown): Promise<vscode.Uri | undefined> {
  const fs = workspace.fs;
  if (!fs) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: Career Lattice keeps notes in the workspace.'));
    return undefined;
  }
  const root = await targetRoot(workspace, Commands.createNotesFolder, vscode.l10n.t('Create Notes Folder'), arg);
  if (!root) return undefined;
  const folder = workspace.multiRoot ? root.notesPath : workspace.settings.notesFolder;
  for (const sub of ['brag', 'design-doc', 'decision']) await vscode.workspace.fs.createDirectory(fs.uri(`${folder}/${sub}`));
  await workspace.rebuild();
  void vscode.commands.executeCommand('setContext', 'careerLattice.hasNotesFolder', true);
  const newEntry = vscode.l10n.t('New Brag Entry');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Career Lattice: notes go in {0}/ (brag, design-doc, decision).', folder), newEntry)
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand(Commands.newBragEntry);
    });
  return fs.uri(folder);
}

/** Creates `.career/ladder.yaml` extending the built-in ladder (or opens it when it exists). */
export async function createLadderFile(workspace: CareerWorkspace, arg?: unknown): Promise<vscode.Uri | undefined> {
  const fs = workspace.fs;
  if (!fs) return undefined;
  // With several folders: the ladder in force is opened when there is one; else it is created in the folder named or asked.
  if (workspace.multiRoot && workspace.ladderLoad.source !== 'builtin' && arg === undefined) {
    const uri = fs.uri(workspace.ladderLoad.source);
    await vscode.window.showTextDocument(uri);
    return uri;
  }
  const root = await targetRoot(workspace, Commands.createLadderFile, vscode.l10n.t('Create Ladder File'), arg);
  if (!root) return undefined;
  // An empty setting normalises to '' (the workspace root itself): use the default path then too.
  const relative = normalizeRelative((workspace.multiRoot ? root.settings : workspace.settings).ladderFile) || '.career/ladder.yaml';
  const path = toWindowPath(workspace.multiRoot ? root.prefix : '', relative);
  const uri = fs.uri(path);
  if (!(await fs.exists(path))) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: false, ignoreIfExists: true, contents: new TextEncoder().encode(STARTER_LADDER) });
    await vscode.workspace.applyEdit(edit);
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}
