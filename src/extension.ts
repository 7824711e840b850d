import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Career Lattice', { log: true });
  context.subscriptions.push(log);
  log.info('Career Lattice activated');
}

export function deactivate(): void {}
