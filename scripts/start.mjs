// `npm start`: VS Code (server + web workbench, offline) with this extension loaded on the demo
// workspace, to try it in your own browser. `npm start` builds the extension first.
//
//   node scripts/start.mjs [--port N] [--host ADDRESS] [--folder PATH]
//
// Prints the URL to open; Ctrl+C stops everything. Binds to 127.0.0.1 unless --host says otherwise
// (the server has no connection token: anyone who can reach the port can use it).
// Every start is fresh: settings, installed extensions and editor state are not kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isStopping, setSignalExitCode, stopAll } from './host/cleanup.mjs';
import { HostError } from './host/install.mjs';
import { repoRoot } from './host/paths.mjs';
import { startServer } from './host/server.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    folder: { type: 'string', default: path.join(repoRoot, 'examples', 'demo-career') },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (options.help) {
  console.log('usage: npm start [-- --port N] [-- --host ADDRESS] [-- --folder PATH] [-- --verbose]');
  process.exit(0);
}

async function main() {
  const folder = path.resolve(options.folder);
  if (!fs.existsSync(folder)) throw new HostError(`folder ${folder} does not exist`);
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new HostError('dist/extension.js is missing: run `npm run build` (npm start does).');
  }
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new HostError(`--port ${options.port} is not a port number`);
  }
  // Ctrl+C is how this command ends: exit 0 then, so npm does not report an error.
  setSignalExitCode(0);
  const server = await startServer({
    host: options.host,
    port,
    needChromium: false,
    echoServerLog: options.verbose,
  });
  const wildcard = ['0.0.0.0', '::', '[::]'].includes(options.host);
  const url = server.workbenchUrl({
    folder,
    extensionDevelopmentPath: repoRoot,
    // Bound to every interface: name this machine in the URL (the payload must use the address the
    // browser connects to).
    ...(wildcard ? { publicHost: os.hostname() } : {}),
  });
  console.log('');
  console.log(`Career Lattice in VS Code (web), on ${path.relative(process.cwd(), folder) || folder}:`);
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log('Open that URL in your browser (the extension is loaded from this repository;');
  console.log('run `npm run build` and reload the page to pick up changes). Ctrl+C stops the server.');
  if (!options.verbose) console.log(`Server log: ${server.logFile}`);
  const { code, signal } = await server.exited;
  if (server.stopRequested) return; // Ctrl+C: cleanup.mjs stops everything and exits
  throw new HostError(`the VS Code server stopped (${code ?? signal}). Its output:\n${server.output()}`);
}

main().catch(async (error) => {
  if (isStopping()) return; // Ctrl+C: cleanup.mjs stops everything and exits
  console.error(error instanceof HostError ? error.message : error);
  await stopAll();
  process.exit(1);
});
