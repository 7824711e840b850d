// UI test harness: a real VS Code workbench (web, served by the VS Code server from .vscode-test/)
// with this extension loaded, driven by the system Chromium through playwright-core, used as a
// person uses it: keyboard, command palette, activity bar, trees, webviews, screenshots.
//
//   suite('my feature', () => {
//     let wb: Workbench;
//     suiteSetup(async () => { wb = await Workbench.start({ fixture: 'basic' }); });
//     suiteTeardown(async () => wb?.close());
//     teardown(async function () { await wb?.screenshotIfFailed(this); });
//     test('...', async () => { await wb.runCommand('Developer: Show Running Extensions'); ... });
//   });
//
// One Chromium is shared by every test file of the mocha process (closed by hooks.ts); each
// Workbench has its own server, browser context and fresh copy of its workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';

export const EXTENSION_ID = 'career-lattice.career-lattice';
/** The repository: the extension's development path. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const SCREENSHOTS = path.join(REPO_ROOT, 'test', 'ui', 'screenshots');

// --- the plain-Node host scripts (ES modules), loaded with a real import() --------------------------

interface HostServer {
  readonly baseUrl: string;
  readonly dirs: { root: string; userData: string };
  workbenchUrl(target: {
    folder?: string;
    extensionDevelopmentPath?: string;
    extensionTestsPath?: string;
    payload?: [string, string][];
  }): string;
  output(): string;
  stop(): Promise<void>;
}
interface ServerModule {
  startServer(options?: {
    settings?: Record<string, unknown>;
    args?: string[];
    echoServerLog?: boolean;
    log?: (line: string) => void;
  }): Promise<HostServer>;
}
interface OpenedWorkbench {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}
interface BrowserModule {
  launchBrowser(options?: { headless?: boolean }): Promise<Browser>;
  openWorkbench(
    browser: Browser,
    url: string,
    options?: {
      onConsole?: (message: import('playwright-core').ConsoleMessage) => void;
      viewport?: { width: number; height: number };
    },
  ): Promise<OpenedWorkbench>;
}
interface CleanupModule {
  track(name: string, stop: () => Promise<void>, kill: () => void): () => void;
}

// TypeScript compiles import() to require() under module commonjs; these scripts are ES modules.
const importModule = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;
function hostModule<T>(name: string): Promise<T> {
  return importModule<T>(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'host', name)).href);
}

let sharedBrowser: Promise<Browser> | undefined;

/** The Chromium shared by this process (launched on first use). */
export function browser(): Promise<Browser> {
  sharedBrowser ??= hostModule<BrowserModule>('browser.mjs').then((m) => m.launchBrowser());
  return sharedBrowser;
}

/** Closes the shared Chromium (test/ui/hooks.ts does it after the last test). */
export async function closeBrowser(): Promise<void> {
  const pending = sharedBrowser;
  sharedBrowser = undefined;
  if (pending) await (await pending.catch(() => undefined))?.close();
}

// --- the workbench ------------------------------------------------------------------------------

export interface WorkbenchOptions {
  /** A fixture under test/fixtures/ to open (a fresh copy of it). */
  fixture?: string;
  /** Or any folder, e.g. path.join(REPO_ROOT, 'examples', 'demo-career') (copied unless copy: false). */
  folder?: string;
  /** Open `folder` in place instead of a copy (only for folders the tests do not change). */
  copy?: boolean;
  /** User settings, merged over the harness' quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra payload entries for the workbench URL, e.g. [['extensionDevelopmentKind', 'web']]. */
  payload?: [string, string][];
  /** Load the extension under development (default true). */
  loadExtension?: boolean;
  viewport?: { width: number; height: number };
}

export class Workbench {
  private constructor(
    readonly page: Page,
    /** Browser console lines of the workbench (`UI_VERBOSE=1` prints them as they come). */
    readonly logs: string[],
    /** The folder open in the workbench (a temporary copy unless `copy: false`). */
    readonly workspace: string,
    readonly url: string,
    private readonly server: HostServer,
    private readonly opened: OpenedWorkbench,
    private readonly tmp: string | undefined,
    private readonly untrack: () => void,
  ) {}

  /** Starts a server, opens the workbench on the workspace, waits until it is restored. */
  static async start(options: WorkbenchOptions = {}): Promise<Workbench> {
    const [{ startServer }, { openWorkbench }, { track }] = await Promise.all([
      hostModule<ServerModule>('server.mjs'),
      hostModule<BrowserModule>('browser.mjs'),
      hostModule<CleanupModule>('cleanup.mjs'),
    ]);
    const source = options.fixture ? path.join(FIXTURES, options.fixture) : options.folder;
    if (!source) throw new Error('Workbench.start: give a fixture or a folder');
    if (!fs.existsSync(source)) throw new Error(`Workbench.start: ${source} does not exist`);

    let tmp: string | undefined;
    let workspace = path.resolve(source);
    if (options.copy !== false) {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'career-lattice-ui-'));
      workspace = path.join(tmp, path.basename(source));
      fs.cpSync(source, workspace, { recursive: true });
    }
    const removeTmp = () => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    };
    const untrack = track(`UI workspace ${tmp ?? workspace}`, async () => removeTmp(), removeTmp);

    let server: HostServer | undefined;
    try {
      server = await startServer({
        settings: options.settings,
        // The smoke-test driver (window.driver) tells when the workbench is restored.
        args: ['--enable-smoke-test-driver'],
        echoServerLog: process.env.UI_VERBOSE === '1',
      });
      const url = server.workbenchUrl({
        folder: workspace,
        ...(options.loadExtension === false ? {} : { extensionDevelopmentPath: REPO_ROOT }),
        payload: options.payload,
      });
      const logs: string[] = [];
      const opened = await openWorkbench(await browser(), url, {
        viewport: options.viewport,
        onConsole: (message) => {
          const line = `[${message.type()}] ${message.text()}`;
          logs.push(line);
          if (process.env.UI_VERBOSE === '1') console.log(`    ${line}`);
        },
      });
      const workbench = new Workbench(opened.page, logs, workspace, url, server, opened, tmp, untrack);
      opened.page.setDefaultTimeout(15000);
      await workbench.whenRestored();
      return workbench;
    } catch (error) {
      await server?.stop();
      removeTmp();
      untrack();
      throw error;
    }
  }

  /** Waits until the workbench reached its Restored phase (views and editors are back). */
  async whenRestored(): Promise<void> {
    // (These functions run in the page, where globalThis is the window.)
    await this.page.waitForFunction(() => 'driver' in globalThis, undefined, { timeout: 60000 });
    await this.page.evaluate(() =>
      (globalThis as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored(),
    );
    await this.page.locator('.part.statusbar').waitFor({ state: 'visible' });
  }

  /**
   * Waits until the status bar no longer says "Activating Extensions..." (startup activation done).
   * Tests of a feature should rather wait for that feature's own UI (its view, its tree items).
   */
  async whenExtensionsActivated(timeout = 30000): Promise<void> {
    await this.page
      .locator('.part.statusbar', { hasText: 'Activating Extensions' })
      .waitFor({ state: 'detached', timeout });
  }

  /** Stops the server, closes the browser context, removes the workspace copy. */
  async close(): Promise<void> {
    await this.opened.close();
    await this.server.stop();
    if (this.tmp) fs.rmSync(this.tmp, { recursive: true, force: true });
    this.untrack();
  }

  // --- keyboard & command palette ---------------------------------------------------------------

  /** The quick input (command palette, quick pick) widget. */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Opens the command palette with F1. */
  async openCommandPalette(): Promise<void> {
    await this.page.locator('.monaco-workbench').focus();
    await this.page.keyboard.press('F1');
    await this.quickInput.waitFor({ state: 'visible' });
    await this.quickInput.locator('input').waitFor({ state: 'visible' });
  }

  /**
   * Runs a command from the command palette as a person does: F1, type its label, wait for it to
   * be listed, Enter. `label` is the title shown in the palette, e.g. 'Developer: Show Running Extensions'.
   */
  async runCommand(label: string): Promise<void> {
    await this.openCommandPalette();
    const input = this.quickInput.locator('input');
    await input.fill(`>${label}`);
    const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    // Wait until the list has settled with the command on top, then run it.
    await this.quickInput.locator('.monaco-list-row.focused', { hasText: label }).waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' }).catch(() => undefined);
  }

  /** Presses keys on the focused element, e.g. 'Escape', 'Control+Shift+E'. */
  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  // --- views & trees ----------------------------------------------------------------------------

  /** The activity bar entry whose title starts with `title` ('Explorer', 'Career Lattice', ...). */
  activityBarItem(title: string): Locator {
    return this.page.locator('.part.activitybar').getByRole('tab', { name: title }).first();
  }

  /** The primary side bar. */
  get sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /**
   * Opens the view container `title` from the activity bar (clicking it only when it is not open
   * already: a second click would close the side bar) and returns the side bar.
   */
  async openView(title: string): Promise<Locator> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible' });
    if ((await item.getAttribute('aria-selected')) !== 'true' || !(await this.sideBar.isVisible())) {
      await item.click();
    }
    await this.sideBar
      .locator('.composite.title')
      .filter({ hasText: new RegExp(escapeRegExp(title), 'i') })
      .waitFor({ state: 'visible' });
    return this.sideBar;
  }

  /**
   * A tree item (file explorer or an extension's tree view) in the side bar, by its label: the
   * item's own text, not its description. (The accessible name is no good here: VS Code uses a tree
   * item's tooltip as its aria-label.) A string matches the whole label; a RegExp is tested on it.
   */
  treeItem(label: string | RegExp, within: Locator = this.sideBar): Locator {
    const pattern = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
    return within
      .getByRole('treeitem')
      .filter({ has: this.page.locator('.label-name', { hasText: pattern }) })
      .first();
  }

  /**
   * Expands a collapsed tree item by its twistie (clicking the row could run the item's command
   * instead); does nothing when it is expanded already. Returns the item.
   */
  async expandTreeItem(label: string | RegExp, within: Locator = this.sideBar): Promise<Locator> {
    const item = this.treeItem(label, within);
    await item.waitFor({ state: 'visible' });
    // A tree still loading can re-render the row under the click: click again until it sticks.
    const deadline = Date.now() + 15000;
    while ((await item.getAttribute('aria-expanded')) === 'false') {
      if (Date.now() > deadline) throw new Error(`tree item ${String(label)} did not expand`);
      await item.locator('.monaco-tl-twistie').click();
      for (let i = 0; i < 10 && (await item.getAttribute('aria-expanded')) === 'false'; i++) {
        await this.page.waitForTimeout(100);
      }
    }
    return item;
  }

  /** The labels of the tree items visible in `within` (e.g. a view's children after expanding). */
  async treeItemLabels(within: Locator = this.sideBar): Promise<string[]> {
    return within.getByRole('treeitem').locator('.label-name').allInnerTexts();
  }

  // --- editors & webviews -----------------------------------------------------------------------

  /** The tab of an open editor, by its title. */
  editorTab(title: string | RegExp): Locator {
    return this.page.locator('.part.editor .tabs-container').getByRole('tab', { name: title }).first();
  }

  /** The active editor's content area. */
  get activeEditor(): Locator {
    return this.page.locator('.part.editor .editor-instance').last();
  }

  /**
   * A webview's content. In the web workbench a webview is two nested iframes: the outer
   * `iframe.webview` (the webview host page, whose src names the extension) and the inner
   * `#active-frame` holding the extension's HTML. `index` picks among several visible webviews.
   */
  webview(options: { extensionId?: string; index?: number } = {}): FrameLocator {
    const extensionId = options.extensionId ?? EXTENSION_ID;
    const outer = this.page
      .locator(`iframe.webview.ready[src*="extensionId=${encodeURIComponent(extensionId)}"], iframe.webview.ready[src*="extensionId=${extensionId}"]`)
      .nth(options.index ?? 0);
    return outer.contentFrame().locator('iframe#active-frame').contentFrame();
  }

  /** The visible text of a webview's body (waits for the body to be there). */
  async webviewText(options: { extensionId?: string; index?: number } = {}): Promise<string> {
    const body = this.webview(options).locator('body');
    await body.waitFor({ state: 'attached' });
    return body.innerText();
  }

  // --- notifications ----------------------------------------------------------------------------

  /** Texts of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  // --- screenshots ------------------------------------------------------------------------------

  /** Saves a PNG of the whole window to test/ui/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** For a mocha `teardown(function () { ... })`: screenshots the window when the test failed. */
  async screenshotIfFailed(context: Mocha.Context): Promise<void> {
    const test = context.currentTest;
    if (test?.state !== 'failed') return;
    const file = await this.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
    if (file) console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
