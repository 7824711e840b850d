// The sidebar's trees as plain data, for assertions.
//
// VS Code has no API that reads a contributed tree view back, so the tests build the extension's own
// tree providers (src/features/tree) over their own CareerWorkspace (the same code, compiled to out/),
// inside the real extension host: same settings, same file watchers, same ladder. What the view
// renders from a provider (labels, descriptions, tooltips, menus) is the workbench's job and is
// checked by the UI tier.
import * as vscode from 'vscode';

export interface TreeNode {
  readonly label: string;
  readonly description: string;
  readonly contextValue: string | undefined;
  readonly tooltip: string;
  readonly command: vscode.Command | undefined;
  readonly collapsible: vscode.TreeItemCollapsibleState | undefined;
  readonly children: TreeNode[];
}

function text(value: string | vscode.MarkdownString | vscode.TreeItemLabel | boolean | undefined): string {
  if (value === undefined || typeof value === 'boolean') return '';
  if (typeof value === 'string') return value;
  if (value instanceof vscode.MarkdownString) return value.value;
  return value.label;
}

/** The whole tree below `element` (the roots when undefined), `depth` levels deep. */
export async function snapshot<T>(provider: vscode.TreeDataProvider<T>, element?: T, depth = 5): Promise<TreeNode[]> {
  const children = (await provider.getChildren(element)) ?? [];
  const out: TreeNode[] = [];
  for (const child of children) {
    const item = await provider.getTreeItem(child);
    out.push({
      label: text(item.label),
      description: text(item.description),
      contextValue: item.contextValue,
      tooltip: text(item.tooltip as string | vscode.MarkdownString | undefined),
      command: item.command,
      collapsible: item.collapsibleState,
      children: depth > 1 ? await snapshot(provider, child, depth - 1) : [],
    });
  }
  return out;
}

/** The node reached by following labels from the roots; throws with what was there instead. */
export function find(nodes: readonly TreeNode[], ...labels: string[]): TreeNode {
  let level = nodes;
  let node: TreeNode | undefined;
  for (const label of labels) {
    node = level.find((n) => n.label === label);
    if (!node) throw new Error(`no tree item "${label}" among ${JSON.stringify(level.map((n) => n.label))}`);
    level = node.children;
  }
  if (!node) throw new Error('no labels given');
  return node;
}

/** Like {@link find}, undefined instead of throwing. */
export function tryFind(nodes: readonly TreeNode[], ...labels: string[]): TreeNode | undefined {
  try {
    return find(nodes, ...labels);
  } catch {
    return undefined;
  }
}

export const labels = (nodes: readonly TreeNode[]) => nodes.map((n) => n.label);
