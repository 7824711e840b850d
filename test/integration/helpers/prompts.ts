// Driving Career Lattice's prompts (quick picks and input boxes) from an integration test.
//
// A command that prompts is started without awaiting it; the test then answers the prompt with the
// workbench's own quick-input commands, and finally looks at what the command resolved to.
//
// What works in the VS Code 1.100.3 web workbench, measured from the extension host:
// - `workbench.action.quickOpenSelectNext` moves the active item. In a single-select quick pick the
//   first item is already active, so one "next" lands on the second item; in a multi-select quick
//   pick (canSelectMany) no item is active at first, so one "next" lands on the first item.
// - `workbench.action.quickPickManyToggle` checks/unchecks the active item of a multi-select pick.
// - `workbench.action.acceptSelectedQuickOpenItem` accepts (the active item; in a multi-select pick,
//   the checked items).
// - `workbench.action.closeQuickOpen` cancels (the prompt resolves undefined).
// - Typing into an input box is NOT possible: `type` and `default:type` only reach a focused code
//   editor, and `editor.action.clipboardPasteAction` relies on a native paste that the web workbench
//   does not have. Accepting an empty input box is refused by the title validation, so a title
//   prompt can only be shown to be open (the command stays pending) and cancelled. Tests therefore
//   pass `{ title }` in the argument object and drive the prompts that follow it; typing a title is
//   left to the UI tier (Playwright types into the real input box).
//
// There is no API to ask whether a quick input is showing, so `prompt()` waits a fixed time for it
// to appear (the prompts come up within ~100 ms here; the default leaves a wide margin).
import * as vscode from 'vscode';
import { sleep } from './wait';

/** A command started without awaiting it: is it still waiting for an answer, and what did it return? */
export interface Pending<T> {
  readonly promise: Promise<T | undefined>;
  readonly settled: boolean;
  readonly value: T | undefined;
  readonly error: unknown;
}

/** Starts `command` and returns at once, tracking its result. */
export function start<T = unknown>(command: string, ...args: unknown[]): Pending<T> {
  const state: { settled: boolean; value: T | undefined; error: unknown } = { settled: false, value: undefined, error: undefined };
  const promise = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).then(
    (value) => {
      state.settled = true;
      state.value = value;
      return value;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
      return undefined;
    },
  );
  return {
    promise,
    get settled() {
      return state.settled;
    },
    get value() {
      return state.value;
    },
    get error() {
      return state.error;
    },
  };
}

export const PROMPT_DELAY_MS = 600;

/** Waits for the prompt a just-started command shows. */
export function prompt(ms = PROMPT_DELAY_MS): Promise<void> {
  return sleep(ms);
}

export async function next(times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
}

export async function toggle(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
}

export async function accept(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

export async function cancel(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
}

/** True when the command has not resolved within `ms` (it is waiting for an answer). */
export async function stillPending(pending: Pending<unknown>, ms = 300): Promise<boolean> {
  await sleep(ms);
  return !pending.settled;
}

/** The command's result, failing the test when it does not settle within `ms` or throws. */
export async function result<T>(pending: Pending<T>, ms = 8000): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  while (!pending.settled) {
    if (Date.now() > deadline) {
      await cancel();
      throw new Error(`the command did not resolve within ${ms} ms (is a prompt still open?)`);
    }
    await sleep(25);
  }
  if (pending.error !== undefined) throw pending.error;
  return pending.value;
}
