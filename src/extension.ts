import * as vscode from 'vscode';
import { registerAutoTag } from './features/autotag';
import { registerEvidence } from './features/evidence';
import { registerLanguage } from './features/language';
import { registerLevels } from './features/levels';
import { registerScaffold } from './features/scaffold';
import { CareerWorkspace } from './features/shared/careerWorkspace';
import { registerTags } from './features/tags';
import { registerTrees } from './features/tree';
import { registerWorkspaceCommands } from './features/workspace';

/** Builds the core and hands it to each feature. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Career Lattice', { log: true });
  const workspace = new CareerWorkspace({ log, ...(context.storageUri ? { storageUri: context.storageUri } : {}) });
  context.subscriptions.push(log, workspace);

  registerWorkspaceCommands(context, workspace);
  registerTrees(context, workspace);
  registerScaffold(context, workspace);
  registerLevels(context, workspace);
  registerTags(context, workspace);
  registerLanguage(context, workspace);
  registerEvidence(context, workspace);
  registerAutoTag(context, workspace);

  void workspace.start();
  log.info('Career Lattice activated.');
}

export function deactivate(): void {}
