/**
 * Runs git with `child_process.execFile`: never a shell, arguments as an array, no prompt, no pager,
 * no optional locks. Node only (the desktop entry hands it to the harvest feature; the web has no git).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GitFailure, type GitRunner } from './repository';

const MAX_BUFFER = 1024 * 1024 * 1024;

export function execFileGit(gitPath = 'git'): GitRunner {
  return (args, options) =>
    new Promise<string>((resolve, reject) => {
      execFile(
        gitPath,
        [...args],
        {
          cwd: options.cwd,
          encoding: 'utf8',
          maxBuffer: MAX_BUFFER,
          windowsHide: true,
          ...(options.signal ? { signal: options.signal } : {}),
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', LC_ALL: 'C', LANGUAGE: 'C' },
        },
        (error, stdout, stderr) => {
          if (!error) return resolve(stdout);
          const code = (error as NodeJS.ErrnoException).code;
          if (error.name === 'AbortError') return reject(new GitFailure('cancelled', 'cancelled'));
          // A missing cwd is reported as ENOENT too: only a cwd that exists means git itself is missing.
          if (code === 'ENOENT' && existsSync(options.cwd)) return reject(new GitFailure('no-git', `git was not found (${gitPath})`));
          if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return reject(new GitFailure('failed', `${options.cwd}: ${String(code)}`));
          const exit = typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : undefined;
          reject(new GitFailure('failed', String(stderr || error.message).trim(), exit));
        },
      );
    });
}
