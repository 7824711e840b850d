// Starts the VS Code server (from .vscode-test/, see install.mjs) on loopback with fresh, throw-away
// server-data, user-data and extensions folders, waits until it serves the workbench, and stops it
// (with every process it spawned: extension hosts, pty host, file watcher) when asked or when this
// process ends.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { track } from './cleanup.mjs';
import { HostError, ensureHost } from './install.mjs';

/**
 * User settings that keep the workbench quiet and deterministic (no telemetry, welcome page, trust
 * prompt, update or gallery checks). Shared with test/integration/electron.ts.
 */
export const quietSettings = JSON.parse(fs.readFileSync(new URL('./user-settings.json', import.meta.url), 'utf8'));

/** A free TCP port on `host`. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** Percent-encodes a path for use in a URI, keeping the slashes. */
function uriPath(absolutePath) {
  return pathToFileURL(absolutePath).pathname;
}

/**
 * Starts a server.
 * @param {{
 *   host?: string,            // interface to bind; default 127.0.0.1
 *   port?: number,            // default: a free port
 *   settings?: Record<string, unknown>,  // user settings, merged over quietSettings
 *   trust?: boolean,                     // false: Workspace Trust is on and the folder is not trusted (restricted mode)
 *   env?: Record<string, string>,        // extra environment (the extension host inherits it)
 *   log?: (line: string) => void,        // where the harness' own messages go (stderr by default)
 *   echoServerLog?: boolean,             // copy the server's output to stderr as well as to its log file
 *   args?: string[],                     // extra server arguments, e.g. ['--enable-smoke-test-driver']
 *   installExtensions?: string[],        // .vsix files (or gallery ids) to install into the fresh extensions folder first
 *   needChromium?: boolean,
 *   root?: string,                       // reuse this folder for server-data, user-data and extensions (kept at stop; its owner removes it)
 * }} [options]
 *
 * `installExtensions` runs the server's own CLI, `server-main.js --install-extension FILE` with the
 * same data and extensions folders (it installs, prints "... was successfully installed." and exits),
 * before the server starts; the server then loads the installed copy like any installed extension.
 * The extension host gets CAREER_LATTICE_EXTENSIONS_DIR (the extensions folder) in its environment,
 * so tests can check which copy they run.
 *
 * `root` keeps the host's state between two servers (the benchmark's warm start: the same user data,
 * hence the same workspace storage, when the second server also gets the same `port`).
 */
export async function startServer(options = {}) {
  const log = options.log ?? ((line) => console.error(line));
  const installed = ensureHost({ log, needChromium: options.needChromium ?? true });
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));

  const ownRoot = !options.root;
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'career-lattice-host-'));
  const dirs = {
    root,
    serverData: path.join(root, 'server-data'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    logs: path.join(root, 'user-data', 'logs'), // the server lists it on start and complains when missing
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const trustSettings =
    options.trust === false
      ? {
          'security.workspace.trust.enabled': true,
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.untrustedFiles': 'open',
          'security.workspace.trust.banner': 'never',
        }
      : {};
  const settings = JSON.stringify({ ...quietSettings, ...trustSettings, ...options.settings }, null, 2);
  // code-server's web client keeps user settings on the server, in <user-data-dir>/User/settings.json.
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), settings);

  const logFile = path.join(root, 'server.log');
  const logStream = fs.openSync(logFile, 'a');
  const dataArgs = ['--server-data-dir', dirs.serverData, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  for (const extension of options.installExtensions ?? []) {
    const started = Date.now();
    const result = spawnSync(process.execPath, [installed.serverMain, '--accept-server-license-terms', ...dataArgs, '--install-extension', extension], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120000,
      env: { ...process.env, ...options.env },
    });
    const out = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    fs.writeSync(logStream, `[host] --install-extension ${extension}\n${out}\n`);
    if (result.status !== 0 || !/successfully installed/.test(out)) {
      fs.closeSync(logStream);
      if (ownRoot) fs.rmSync(root, { recursive: true, force: true });
      const why = result.error ? String(result.error) : `exit code ${result.status ?? result.signal}`;
      const tail = out
        .split('\n')
        .filter((line) => line.trim() && !/spdlog|^\s+'|^\s*[\]}]|tries: \[/.test(line))
        .slice(-15)
        .join('\n');
      throw new HostError(`[host] installing ${extension} into the host failed (${why}):\n${tail}`);
    }
    log(`[host] installed ${path.basename(extension)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const args = [
    installed.serverMain,
    '--host',
    host,
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    ...(options.trust === false ? [] : ['--disable-workspace-trust']),
    '--disable-update-check',
    ...dataArgs,
    ...(options.args ?? []),
  ];
  // detached: the server leads its own process group, so stopping it can signal the whole group
  // (extension hosts, pty host, watcher) at once.
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CAREER_LATTICE_EXTENSIONS_DIR: dirs.extensions, ...options.env },
  });
  let output = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    fs.writeSync(logStream, text);
    output = (output + text).slice(-20000);
    if (options.echoServerLog) process.stderr.write(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = false;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // group already gone
    }
  };
  const removeDirs = () => {
    try {
      fs.closeSync(logStream);
    } catch {
      // closed already
    }
    if (!ownRoot) return;
    if (process.env.CAREER_LATTICE_KEEP_HOST_DIRS === '1') {
      log(`[host] kept ${root}`);
      return;
    }
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    untrack();
    if (!exited) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    // The server may exit before its children: make sure none of the group survives.
    signalGroup('SIGKILL');
    removeDirs();
  };
  const untrack = track(`VS Code server (pid ${child.pid})`, stop, () => {
    signalGroup('SIGKILL');
    removeDirs();
  });

  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const started = Date.now();
  for (;;) {
    if (exited) {
      await stop();
      throw new HostError(`[host] the VS Code server exited before serving. Its output:\n${output}`);
    }
    if ((await get(`${baseUrl}/`)) === 200) break;
    if (Date.now() - started > 60000) {
      await stop();
      throw new HostError(`[host] the VS Code server did not serve ${baseUrl} within 60 s. Its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    host,
    port,
    baseUrl,
    authority,
    dirs,
    logFile,
    pid: child.pid,
    /** The server's recent output (for failure reports). */
    output: () => output,
    exited: exitPromise,
    stop,
    /** True once stop() was called (by its owner or on a signal): an exit after that is expected. */
    get stopRequested() {
      return stopped;
    },
    /** `vscode-remote://host:port/abs/path`: how the web client names a file on the server. */
    remoteUri(absolutePath, remoteAuthority = authority) {
      return `vscode-remote://${remoteAuthority}${uriPath(path.resolve(absolutePath))}`;
    },
    /**
     * URL of the workbench on `folder`, with the extension under development loaded from
     * `extensionDevelopmentPath` and, if given, its tests run from `extensionTestsPath`.
     * `payload` adds more [key, value] entries, e.g. [['extensionDevelopmentKind', 'web']].
     * `publicHost` is the host name the browser will use when it differs from the bound one (e.g. the
     * server listens on 0.0.0.0): the payload's URIs must name the authority the browser connects to.
     * `workspace` (instead of `folder`) opens a `.code-workspace` file: a multi-root window.
     * @param {{ folder?: string, workspace?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string, payload?: [string, string][], publicHost?: string }} target
     */
    workbenchUrl(target = {}) {
      const publicHost = target.publicHost ?? host;
      const publicAuthority = `${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}`;
      const entries = [];
      if (target.extensionDevelopmentPath) {
        entries.push(['extensionDevelopmentPath', this.remoteUri(target.extensionDevelopmentPath, publicAuthority)]);
      }
      if (target.extensionTestsPath) {
        entries.push(['extensionTestsPath', this.remoteUri(target.extensionTestsPath, publicAuthority)]);
      }
      entries.push(...(target.payload ?? []));
      const query = [];
      if (target.folder) query.push(`folder=${encodeURIComponent(path.resolve(target.folder)).replace(/%2F/g, '/')}`);
      if (target.workspace) query.push(`workspace=${encodeURIComponent(path.resolve(target.workspace)).replace(/%2F/g, '/')}`);
      if (entries.length) query.push(`payload=${encodeURIComponent(JSON.stringify(entries))}`);
      return `http://${publicAuthority}/${query.length ? `?${query.join('&')}` : ''}`;
    },
  };
}
