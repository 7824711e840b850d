// Drives the web workbench with the system's Chromium through playwright-core (no browser download).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { track } from './cleanup.mjs';
import { findChromium } from './install.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--disable-breakpad',
  '--disable-crash-reporter',
];

/**
 * Launches Chromium headless (`HEADED=1` shows it, given a display) with a fresh, empty profile.
 * Launch it once per process and open one context per host: contexts share nothing.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchBrowser({ headless = process.env.HEADED !== '1' } = {}) {
  const executablePath = findChromium();
  // Its own empty profile folder too, so nothing of the user's Chromium leaks in.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'career-lattice-chromium-'));
  const browser = await chromium.launch({
    executablePath,
    headless,
    args: [...CHROMIUM_ARGS, `--disk-cache-dir=${path.join(profile, 'cache')}`],
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    // The harness installs its own signal handling (cleanup.mjs) and closes the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60000,
  });
  const removeProfile = () => fs.rmSync(profile, { recursive: true, force: true });
  const untrack = track(
    'Chromium',
    async () => {
      await browser.close().catch(() => undefined);
      removeProfile();
    },
    () => {
      // playwright kills the browser on exit itself; only the profile is left to remove.
      removeProfile();
    },
  );
  browser.on('disconnected', () => {
    untrack();
    removeProfile();
  });
  return browser;
}

/**
 * Opens the workbench at `url` in a new browser context.
 *
 * Before the page loads it defines the two hooks the workbench calls when it runs extension tests:
 * `codeAutomationLog(level, args)` (workbench and extension host log lines; `onLog` gets them formatted) and
 * `codeAutomationExit(code)` (the tests' exit code). `exitCode` resolves with the latter.
 *
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{
 *   onLog?: (level: string, message: string) => void,
 *   onConsole?: (message: import('playwright-core').ConsoleMessage) => void,
 *   viewport?: { width: number, height: number },
 *   waitForWorkbench?: boolean,
 * }} [options]
 */
export async function openWorkbench(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  /** @type {(code: number) => void} */
  let resolveExit = () => undefined;
  const exitCode = new Promise((resolve) => {
    resolveExit = resolve;
  });
  await context.exposeFunction('codeAutomationLog', (level, args) => {
    // `args` are the arguments of the log call (for the extension host's console: console.log's).
    const text = Array.isArray(args) ? format(...args) : typeof args === 'string' ? args : JSON.stringify(args);
    options.onLog?.(String(level), text);
  });
  await context.exposeFunction('codeAutomationExit', (code) => {
    resolveExit(Number(code));
  });
  const page = await context.newPage();
  if (options.onConsole) page.on('console', options.onConsole);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  if (options.waitForWorkbench ?? true) {
    await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: 60000 });
  }
  return { context, page, exitCode, close: () => context.close().catch(() => undefined) };
}
