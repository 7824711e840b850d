// `npm run test:vsix`: tests the extension as people install it. Packages the .vsix (`npm run
// package`, into a temporary folder), then runs the vsix suites (suite.json { "vsix": true }) in a
// fresh host where that .vsix was installed with the server's --install-extension, with no extension
// under development: the tests check that the copy they run is the installed one.
//
//   node scripts/host/test-vsix.mjs [--vsix FILE] [--suite NAME]... [--grep PATTERN] [--verbose]
//
// --vsix FILE tests that file instead of packaging one. Other options go to run-integration.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isStopping, track } from './cleanup.mjs';
import { repoRoot } from './paths.mjs';

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    suite: { type: 'string', multiple: true },
    grep: { type: 'string' },
    timeout: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (options.help) {
  console.log('usage: node scripts/host/test-vsix.mjs [--vsix FILE] [--suite NAME]... [--grep PATTERN] [--timeout SECONDS] [--verbose]');
  process.exit(0);
}

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const say = (line) => console.log(color ? `\x1b[36m${line}\x1b[0m` : line);

/** Runs a command with the terminal, stopping it (and so its children) if this script is stopped. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
    const untrack = track(
      `${path.basename(command)} ${args[0] ?? ''}`,
      async () => void child.kill('SIGTERM'),
      () => void child.kill('SIGKILL'),
    );
    child.on('exit', (code, signal) => {
      untrack();
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'career-lattice-vsix-'));
  const removeTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  const untrackTmp = track(`vsix folder ${tmp}`, async () => removeTmp(), removeTmp);
  try {
    let vsix = options.vsix ? path.resolve(options.vsix) : undefined;
    if (!vsix) {
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
      vsix = path.join(tmp, `${manifest.name}-${manifest.version}.vsix`);
      say(`▶ npm run package -- --out ${vsix}`);
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const code = await run(npm, ['run', 'package', '--', '--out', vsix]);
      if (code !== 0 || !fs.existsSync(vsix)) {
        console.error(`✘ packaging failed (exit code ${code})`);
        return 1;
      }
      say(`✔ packaged ${path.basename(vsix)}: ${(fs.statSync(vsix).size / 1024).toFixed(1)} KB (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    const args = [path.join(repoRoot, 'scripts', 'host', 'run-integration.mjs'), '--vsix', vsix];
    for (const suite of options.suite ?? []) args.push('--suite', suite);
    if (options.grep) args.push('--grep', options.grep);
    if (options.timeout) args.push('--timeout', options.timeout);
    if (options.verbose) args.push('--verbose');
    const code = await run(process.execPath, args);
    say(`(test:vsix in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return code;
  } finally {
    removeTmp();
    untrackTmp();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (isStopping()) return;
    console.error(error);
    process.exitCode = 1;
  },
);
