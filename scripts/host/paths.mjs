// Where things live. Shared by every script in scripts/host/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository (the extension's development path). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** code-server release whose lib/vscode holds the VS Code server + web workbench we test in. */
export const CODE_SERVER_VERSION = '4.100.3';
/** The VS Code version inside that release. */
export const VSCODE_VERSION = '1.100.3';

/** Cache folder for downloaded hosts (git-ignored), like @vscode/test-electron's. */
export const cacheDir = process.env.CAREER_LATTICE_HOST_CACHE ? path.resolve(process.env.CAREER_LATTICE_HOST_CACHE) : path.join(repoRoot, '.vscode-test');

/** Installed host: `<cacheDir>/code-server-<version>/lib/vscode`. */
export const hostDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const vscodeDir = path.join(hostDir, 'lib', 'vscode');
export const serverMain = path.join(vscodeDir, 'out', 'server-main.js');

/** True when the module with this `import.meta.url` is the script Node was started with. */
export function isMain(metaUrl) {
  if (!process.argv[1]) return false;
  try {
    return fileURLToPath(metaUrl) === fs.realpathSync(process.argv[1]);
  } catch {
    return false;
  }
}
