import type * as vscode from 'vscode';
import { registerAutoTag } from './autotag';
import { registerEvidence } from './evidence';
import { registerHarvest, type HarvestEnvironment } from './harvest';
import { registerLanguage } from './language';
import { registerLevels } from './levels';
import { registerScaffold } from './scaffold';
import type { CareerWorkspace } from './shared/careerWorkspace';
import { registerTags } from './tags';
import { registerTrees } from './tree';
import { registerWorkspaceCommands } from './workspace';

/** What only some hosts have: git (the desktop). */
export interface FeatureServices {
  readonly git?: HarvestEnvironment;
}

/** Every feature, each registering its own commands, views and listeners as disposables. */
export function registerFeatures(context: vscode.ExtensionContext, workspace: CareerWorkspace, services: FeatureServices = {}): void {
  registerWorkspaceCommands(context, workspace);
  registerTrees(context, workspace);
  registerScaffold(context, workspace);
  registerLevels(context, workspace);
  registerTags(context, workspace);
  registerLanguage(context, workspace);
  registerEvidence(context, workspace);
  registerAutoTag(context, workspace, services.git?.git);
  registerHarvest(context, workspace, services.git);
}
