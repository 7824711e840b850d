import * as vscode from 'vscode';
import type { CareerWorkspace } from '../shared/careerWorkspace';
import { Delayer } from '../../core/util/async';
import { DisposableStore } from '../shared/dispose';

/**
 * A tree that redraws when the workspace changes, coalescing a burst of changes (a git checkout, a
 * rebuild) into one redraw 50 ms after the last.
 */
export abstract class RefreshingTree<T> extends DisposableStore {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<T | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly redraw = this.register(new Delayer(50));

  constructor(protected readonly workspace: CareerWorkspace) {
    super();
    this.register(workspace.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.redraw.trigger(() => {
      this.beforeRedraw();
      this.changeEmitter.fire(undefined);
    });
  }

  /** Drops what was derived for the previous drawing. */
  protected beforeRedraw(): void {}
}
