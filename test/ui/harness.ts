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
/** The README's images; `screenshot(name, { readme })` also writes there when README_SCREENSHOTS=1. */
export const README_SCREENSHOTS = path.join(REPO_ROOT, 'media', 'screenshots');

// --- the plain-Node host scripts (ES modules), loaded with a real import() --------------------------

interface HostServer {
  readonly baseUrl: string;
  readonly dirs: { root: string; userData: string };
  workbenchUrl(target: { folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string; payload?: [string, string][] }): string;
  output(): string;
  stop(): Promise<void>;
}
interface ServerModule {
  startServer(options?: { settings?: Record<string, unknown>; args?: string[]; echoServerLog?: boolean; log?: (line: string) => void }): Promise<HostServer>;
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
    await this.page.evaluate(() => (globalThis as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
    await this.page.locator('.part.statusbar').waitFor({ state: 'visible' });
  }

  /**
   * Waits until the status bar no longer says "Activating Extensions..." (startup activation done).
   * Tests of a feature should rather wait for that feature's own UI (its view, its tree items).
   */
  async whenExtensionsActivated(timeout = 30000): Promise<void> {
    await this.page.locator('.part.statusbar', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached', timeout });
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
    // Other commands may rank above it, e.g. "Preferences: Browse Color Themes in Marketplace" above
    // "Preferences: Color Theme": go down to it.
    await this.focusQuickPickRow(label);
    await this.page.keyboard.press('Enter');
    // The palette closes, or gives way to the command's own quick input (the same widget).
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      if (!(await this.quickInput.isVisible())) return;
      if (
        (await input
          .first()
          .inputValue()
          .catch(() => '')) !== `>${label}`
      )
        return;
      await this.page.waitForTimeout(50);
    }
  }

  /** Presses keys on the focused element, e.g. 'Escape', 'Control+Shift+E'. */
  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /**
   * Waits for the quick input (an input box or a quick pick) whose title, or else the placeholder of
   * its input, contains `title`, and returns it.
   */
  async waitForQuickInput(title: string | RegExp, timeout = 15000): Promise<Locator> {
    const input = this.quickInput.locator('input.input').first();
    await this.quickInput
      .locator('.quick-input-title', { hasText: title })
      .or(this.quickInput.getByPlaceholder(title))
      .first()
      .waitFor({ state: 'visible', timeout });
    await input.waitFor({ state: 'visible', timeout });
    return this.quickInput;
  }

  /**
   * Moves the focus of the open quick pick with the arrow keys to the row whose label (or
   * description) is `text`, as a person does, and returns the row. Enter then picks it.
   */
  async focusQuickPickRow(text: string, timeout = 15000): Promise<Locator> {
    const exact = new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
    const row = this.quickInput.locator('.monaco-list-row', { has: this.page.locator('.label-name, .label-description', { hasText: exact }) }).first();
    await row.waitFor({ state: 'visible', timeout });
    // Wait until the list has settled with a row focused, then go down (the list wraps around).
    await this.quickInput.locator('.monaco-list-row.focused').waitFor({ state: 'visible', timeout });
    const deadline = Date.now() + timeout;
    while (!(await row.evaluate((el) => el.classList.contains('focused')))) {
      if (Date.now() > deadline) throw new Error(`quick pick row "${text}" could not be focused`);
      await this.page.keyboard.press('ArrowDown');
    }
    return row;
  }

  /** The rows of the open quick pick whose text (label, description, detail) matches `text`. */
  quickPickRow(text: string | RegExp): Locator {
    return this.quickInput.locator('.monaco-list-row', { hasText: text }).first();
  }

  /**
   * Types `text` into the open quick input as a person does (replacing what is there) and, unless
   * `accept` is false, presses Enter. For an input box that answers it; for a quick pick, Enter picks
   * the focused row.
   */
  async typeInQuickInput(text: string, options: { accept?: boolean } = {}): Promise<void> {
    const input = this.quickInput.locator('input.input').first();
    await input.waitFor({ state: 'visible' });
    await input.focus(); // not a click: the pointer would stay over the title bar and raise hovers
    await this.page.keyboard.press('ControlOrMeta+A');
    if (text === '') await this.page.keyboard.press('Backspace');
    else await this.page.keyboard.type(text, { delay: 5 });
    if (options.accept !== false) await this.page.keyboard.press('Enter');
  }

  /**
   * In a multi-select quick pick: types `filter` (default: the label) to narrow the list, moves into
   * the list with the arrow keys to the row showing `label`, and checks it with Space, as a person
   * does. Waits until the row is checked. The filter text is left in the input.
   */
  async checkQuickPickItem(label: string, options: { filter?: string } = {}): Promise<void> {
    const input = this.quickInput.locator('input.input').first();
    await input.focus(); // not a click: the pointer would stay over the title bar and raise hovers
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(options.filter ?? label, { delay: 5 });
    const row = this.quickInput.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first();
    await row.waitFor({ state: 'visible' });
    // ArrowDown moves the focus from the filter box into the list (first row), then row by row.
    await this.page.keyboard.press('ArrowDown');
    const rows = this.quickInput.locator('.monaco-list-row');
    for (let i = 0; i < 50 && !(await row.evaluate((el) => el.classList.contains('focused'))); i++) {
      if (i === 0 && (await rows.count()) === 0) break;
      await this.page.keyboard.press('ArrowDown');
    }
    if (!(await row.evaluate((el) => el.classList.contains('focused')))) throw new Error(`quick pick row "${label}" could not be focused`);
    if ((await row.getAttribute('aria-checked')) !== 'true') await this.page.keyboard.press('Space');
    await this.quickInput
      .locator('.monaco-list-row[aria-checked="true"]', { has: this.page.locator('.label-name', { hasText: label }) })
      .first()
      .waitFor({ state: 'visible' });
  }

  /**
   * Moves the mouse to a quiet corner of the editor area and waits for any hover or tooltip to go,
   * so that a screenshot shows what the test looks at, not what the pointer last touched.
   */
  async moveMouseAway(): Promise<void> {
    const viewport = this.page.viewportSize() ?? { width: 1440, height: 900 };
    await this.page.mouse.move(viewport.width - 60, viewport.height - 80);
    await this.page
      .locator('.workbench-hover-container, .monaco-hover:not(.hidden)')
      .first()
      .waitFor({ state: 'hidden', timeout: 3000 })
      .catch(() => undefined);
  }

  /** Presses Enter to accept the open quick input and waits until it is gone. */
  async acceptQuickInput(): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  /**
   * Switches the colour theme through the command palette ("Preferences: Color Theme"), as a person
   * does, and waits until the workbench wears it. `theme` is the value of `workbench.colorTheme`
   * (the description in the picker) or the label in the picker, e.g. 'Default Dark Modern', 'Monokai'.
   */
  async setColorTheme(theme: string): Promise<void> {
    // The theme's id (e.g. "Default Dark Modern" -> dark_modern) is in a class of the workbench.
    const kind = /high contrast/i.test(theme) ? (/light/i.test(theme) ? 'hc-light' : 'hc-black') : /light/i.test(theme) ? 'vs' : 'vs-dark';
    const worn = this.page.locator(`.monaco-workbench.${kind}`).first();
    // Right after the window opens the picker can be empty (the built-in themes come with the
    // extensions, which are still being read), and while it fills, the list can re-render and move
    // the focus from the row we chose: close it and look again until the workbench wears the theme.
    const deadline = Date.now() + 60000;
    for (;;) {
      let failure: unknown;
      try {
        await this.runCommand('Preferences: Color Theme');
        await this.waitForQuickInput(/Color Theme/i);
        // The picker lists "Dark Modern" with the description "Default Dark Modern" (the setting's value).
        await this.typeInQuickInput(theme.replace(/^Default /, ''), { accept: false });
        await this.focusQuickPickRow(theme, 5000);
        await this.acceptQuickInput();
        await worn.waitFor({ state: 'attached', timeout: 10000 });
        return;
      } catch (error) {
        failure = error;
      }
      if (await this.quickInput.isVisible()) {
        await this.page.keyboard.press('Escape');
        await this.quickInput.waitFor({ state: 'hidden' });
      }
      if (Date.now() > deadline) throw failure;
      await this.page.waitForTimeout(1000);
    }
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

  /**
   * The pane of one view in the side bar (e.g. 'Ladder', 'Notes' in the Career Lattice container),
   * by the title in its header. Expands the pane when it is collapsed.
   */
  async viewPane(title: string): Promise<Locator> {
    const pane = this.sideBar
      .locator('.pane')
      .filter({ has: this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`, 'i') }) })
      .first();
    await pane.waitFor({ state: 'visible' });
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') {
      await header.click();
      await pane.locator('.pane-header[aria-expanded="true"]').waitFor({ state: 'visible' });
    }
    return pane;
  }

  /** Collapses an expanded tree item by its twistie; does nothing when it is collapsed already. */
  async collapseTreeItem(label: string | RegExp, within: Locator = this.sideBar): Promise<Locator> {
    const item = this.treeItem(label, within);
    await item.waitFor({ state: 'visible' });
    const deadline = Date.now() + 15000;
    while ((await item.getAttribute('aria-expanded')) === 'true') {
      if (Date.now() > deadline) throw new Error(`tree item ${String(label)} did not collapse`);
      await item.locator('.monaco-tl-twistie').click();
      for (let i = 0; i < 10 && (await item.getAttribute('aria-expanded')) === 'true'; i++) {
        await this.page.waitForTimeout(100);
      }
    }
    return item;
  }

  /** The description (the dimmer text after the label) of a tree item. */
  async treeItemDescription(label: string | RegExp, within: Locator = this.sideBar): Promise<string> {
    return (await this.treeItem(label, within).locator('.label-description').first().textContent())?.trim() ?? '';
  }

  /**
   * Drags the side bar's edge (its sash) until the side bar is `width` pixels wide, as a person
   * does to read long labels.
   */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.sideBar.boundingBox();
    if (!box) throw new Error('the side bar is not visible');
    const edge = box.x + box.width;
    const sashes = await this.page.locator('.monaco-sash.vertical').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2, height: r.height };
      }),
    );
    const sash = sashes.filter((s) => s.height > box.height / 2).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
    if (!sash || Math.abs(sash.x - edge) > 8) throw new Error('the side bar sash was not found');
    await this.page.mouse.move(sash.x, sash.y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, sash.y, { steps: 8 });
    await this.page.mouse.up();
    const deadline = Date.now() + 5000;
    for (;;) {
      const now = await this.sideBar.boundingBox();
      if (now && Math.abs(now.width - width) <= 4) return;
      if (Date.now() > deadline) throw new Error(`the side bar is ${now?.width}px wide, not ${width}px`);
      await this.page.waitForTimeout(50);
    }
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

  /**
   * The body of a webview's content, for reading its DOM, e.g.
   * `(await wb.webviewBody()).evaluate((body) => body.querySelectorAll('script').length)`.
   */
  async webviewBody(options: { extensionId?: string; index?: number } = {}): Promise<Locator> {
    const body = this.webview(options).locator('body');
    await body.waitFor({ state: 'attached' });
    return body;
  }

  // --- status bar -------------------------------------------------------------------------------

  /** A status bar entry by its visible text (codicons are not text), e.g. /L5 -> L6: \d+\/\d+/. */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
  }

  /** Clicks a status bar entry, found by its text, as a person does. */
  async clickStatusBarItem(text: string | RegExp): Promise<void> {
    const item = this.statusBarItem(text);
    await item.waitFor({ state: 'visible' });
    await item.locator('.statusbar-item-label').first().click();
  }

  // --- notifications ----------------------------------------------------------------------------

  /** Texts of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  /**
   * A notification whose text matches `text`, where a person finds it: its toast, or, once the
   * toast has timed out (info toasts go after about 15 s), the notification center, opened for it.
   * Its buttons are `getByRole('button', { name })` inside.
   */
  async notification(text: string | RegExp, timeout = 30000): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    const listed = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await toast.isVisible()) return toast;
      if (await listed.isVisible()) return listed;
      if (Date.now() > deadline) throw new Error(`no notification says ${String(text)}`);
      // Not on screen: look in the notification center (the toast may be gone already).
      if (!(await this.page.locator('.notifications-center').isVisible())) {
        await this.runCommand('Notifications: Show Notifications');
      }
      await toast
        .or(listed)
        .first()
        .waitFor({ state: 'visible', timeout: 2000 })
        .catch(() => undefined);
    }
  }

  // --- screenshots ------------------------------------------------------------------------------

  /**
   * Saves a PNG of the whole window (or of `clip`) to test/ui/screenshots/<name>.png and returns its
   * path. With `readme: 'x'` and README_SCREENSHOTS=1 in the environment it is also copied to
   * media/screenshots/x.png (the README's images; committed, so keep them small).
   */
  async screenshot(name: string, options: { clip?: { x: number; y: number; width: number; height: number }; readme?: string } = {}): Promise<string> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    // No caret blinking or hover effects half-way in the image.
    await this.page.screenshot({ path: file, ...(options.clip ? { clip: options.clip } : {}), caret: 'hide', animations: 'disabled' });
    if (options.readme && process.env.README_SCREENSHOTS === '1') {
      fs.mkdirSync(README_SCREENSHOTS, { recursive: true });
      fs.copyFileSync(file, path.join(README_SCREENSHOTS, `${options.readme}.png`));
    }
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
