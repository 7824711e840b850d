// Obtains the test host (VS Code server + web workbench, taken from the code-server npm package) and
// checks the two system tools it needs: Chromium (to drive the workbench) and ripgrep (for search).
//
//   node scripts/host/install.mjs     install the host into .vscode-test/ if missing, check the tools
//
// The host is installed once per machine (per clone) and reused; delete .vscode-test/ to reinstall.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, VSCODE_VERSION, cacheDir, hostDir, isMain, serverMain, vscodeDir } from './paths.mjs';

/** An error whose message already tells the user how to fix it; CLIs print it without a stack. */
export class HostError extends Error {
  constructor(message) {
    super(message);
    this.name = 'HostError';
  }
}

const MARKER = path.join(hostDir, '.career-lattice-installed');
const MARKER_CONTENT = `code-server@${CODE_SERVER_VERSION}\n`;

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function which(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/** Path of the Chromium to drive. `CHROMIUM_PATH` overrides the default /usr/bin/chromium. */
export function findChromium() {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', which('chromium'), which('chromium-browser')];
  for (const candidate of candidates) {
    if (candidate && isExecutable(candidate)) return candidate;
  }
  const where = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  throw new HostError(
    `Chromium not found at ${where}: run \`sudo apt-get install chromium\` ` +
      '(or set CHROMIUM_PATH to a Chromium/Chrome binary). Never `npx playwright install`: it downloads a browser.',
  );
}

/** Path of ripgrep, which VS Code's search and `workspace.findFiles` run. */
export function findRipgrep() {
  const rg = process.env.RIPGREP_PATH ?? which('rg') ?? (isExecutable('/usr/bin/rg') ? '/usr/bin/rg' : undefined);
  if (rg && isExecutable(rg)) return rg;
  throw new HostError(
    'ripgrep (rg) not found: run `sudo apt-get install ripgrep` (or set RIPGREP_PATH). ' + 'VS Code needs it for search and workspace.findFiles.',
  );
}

function npm(args, cwd, log) {
  // Under `npm run`, npm_execpath is the running npm's CLI; reuse it so the same npm/config is used.
  const execPath = process.env.npm_execpath;
  const [command, prefix] = execPath && /npm-cli\.c?js$/.test(execPath) ? [process.execPath, [execPath]] : ['npm', []];
  log(`[host] npm ${args.join(' ')}   (in ${path.relative(process.cwd(), cwd) || '.'})`);
  const result = spawnSync(command, [...prefix, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0) {
    throw new HostError(
      `[host] \`npm ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}) in ${cwd}:\n` + `${result.stdout}\n${result.stderr}`.trim(),
    );
  }
  return result.stdout;
}

/** Points the ripgrep path VS Code expects at the system's rg (the npm package's download is skipped). */
function linkRipgrep(root) {
  const rg = findRipgrep();
  const target = path.join(root, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  let current;
  try {
    current = fs.readlinkSync(target);
  } catch {
    current = undefined;
  }
  if (current === rg) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { force: true });
  fs.symlinkSync(rg, target);
}

function install(log) {
  const started = Date.now();
  log(`[host] Installing the VS Code ${VSCODE_VERSION} server + web workbench (code-server@${CODE_SERVER_VERSION}) into ${hostDir} ...`);
  if (Number(process.versions.node.split('.')[0]) !== 20) {
    log(`[host] warning: code-server@${CODE_SERVER_VERSION} is built for Node 20; this is Node ${process.versions.node}.`);
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  // Build in a staging folder and rename it into place at the end, so an interrupted install
  // never looks complete.
  const staging = `${hostDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    // `npm pack` fetches the package tarball (integrity-checked, from npm's cache when present) without
    // its own dependencies, which the server does not need: only lib/vscode's dependencies are installed.
    const tarball = npm(['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', staging, '--silent'], staging, log)
      .trim()
      .split('\n')
      .pop();
    const tarPath = path.join(staging, tarball ?? '');
    const untar = spawnSync('tar', ['-xzf', tarPath, '-C', staging, '--strip-components=1'], { stdio: 'inherit' });
    if (untar.status !== 0) throw new HostError(`[host] could not unpack ${tarPath} (is \`tar\` installed?)`);
    fs.rmSync(tarPath);
    const stagedVscode = path.join(staging, 'lib', 'vscode');
    // --ignore-scripts: the install scripts would download ripgrep and compile native modules
    // (kerberos, node-pty, ...) that the tests do not need. rg comes from the system (linkRipgrep).
    npm(['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], stagedVscode, log);
    // What code-server's postinstall does: some code looks for files under node_modules.asar.
    fs.symlinkSync('node_modules', path.join(stagedVscode, 'node_modules.asar'));
    if (process.env.CAREER_LATTICE_HOST_REBUILD === '1') {
      // Optional: compiles spdlog/native-watchdog (~40 s, needs a C++ toolchain) to silence log noise.
      try {
        npm(['rebuild', '@vscode/spdlog', 'native-watchdog'], stagedVscode, log);
      } catch (error) {
        log(`[host] optional native rebuild failed; continuing without it.\n${error.message}`);
      }
    }
    linkRipgrep(staging);
    fs.writeFileSync(path.join(staging, path.basename(MARKER)), MARKER_CONTENT);
    fs.rmSync(hostDir, { recursive: true, force: true });
    fs.renameSync(staging, hostDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  log(`[host] Installed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/**
 * Makes sure the host is installed and usable; installs it on first use.
 * @param {{ log?: (line: string) => void, needChromium?: boolean }} [options]
 * @returns {{ vscodeDir: string, serverMain: string, chromium: string | undefined }}
 */
export function ensureHost({ log = (line) => console.error(line), needChromium = true } = {}) {
  findRipgrep(); // fail fast, before a 20 s install
  const chromium = needChromium ? findChromium() : undefined;
  let installed = false;
  try {
    installed = fs.readFileSync(MARKER, 'utf8') === MARKER_CONTENT && fs.existsSync(serverMain);
  } catch {
    installed = false;
  }
  if (!installed) install(log);
  linkRipgrep(hostDir); // re-checked every run: rg may have moved since the install
  return { vscodeDir, serverMain, chromium };
}

// CLI: `node scripts/host/install.mjs`
if (isMain(import.meta.url)) {
  try {
    const host = ensureHost({ needChromium: !process.argv.includes('--no-chromium') });
    console.log(`VS Code server: ${host.serverMain}`);
    if (host.chromium) console.log(`Chromium:       ${host.chromium}`);
    console.log(`ripgrep:        ${findRipgrep()}`);
  } catch (error) {
    console.error(error instanceof HostError ? error.message : error);
    process.exit(1);
  }
}
