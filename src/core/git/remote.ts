import { trimEndChars, trimStartChars } from '../util/text';
/** Web links for a repository whose remote is a recognisable GitHub, GitLab or Bitbucket URL. */

export type Host = 'github' | 'gitlab' | 'bitbucket';

export interface WebRemote {
  readonly host: Host;
  /** `https://github.com/owner/repo`, never with credentials. */
  readonly base: string;
}

/**
 * `git@github.com:owner/repo.git`, `https://user:token@github.com/owner/repo`, `ssh://git@gitlab.com/group/sub/repo.git`...
 * Anything else (a local path, an unknown host, odd characters) gives undefined: no link is better than a wrong one.
 */
export function parseRemote(url: string): WebRemote | undefined {
  const text = url.trim();
  let hostname: string;
  let path: string;
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(text);
  if (scp && !/^[a-z]+:\/\//i.test(text)) {
    hostname = scp[1]!;
    path = scp[2]!;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:'].includes(parsed.protocol)) return undefined;
    hostname = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  }
  hostname = hostname.toLowerCase();
  const host: Host | undefined =
    hostname === 'github.com' || hostname === 'www.github.com'
      ? 'github'
      : hostname === 'gitlab.com' || hostname.startsWith('gitlab.')
        ? 'gitlab'
        : hostname === 'bitbucket.org'
          ? 'bitbucket'
          : undefined;
  if (!host) return undefined;
  const parts = trimEndChars(trimStartChars(path, '/'), '/')
    .replace(/\.git$/, '')
    .split('/');
  if (parts.length < 2 || (host !== 'gitlab' && parts.length !== 2)) return undefined;
  if (!parts.every((p) => /^[\w.-]+$/.test(p) && p !== '.' && p !== '..')) return undefined;
  return { host, base: `https://${hostname}/${parts.join('/')}` };
}

export function commitUrl(remote: WebRemote, hash: string): string {
  switch (remote.host) {
    case 'github':
      return `${remote.base}/commit/${hash}`;
    case 'gitlab':
      return `${remote.base}/-/commit/${hash}`;
    case 'bitbucket':
      return `${remote.base}/commits/${hash}`;
  }
}

export function pullRequestUrl(remote: WebRemote, pr: number): string {
  switch (remote.host) {
    case 'github':
      return `${remote.base}/pull/${pr}`;
    case 'gitlab':
      return `${remote.base}/-/merge_requests/${pr}`;
    case 'bitbucket':
      return `${remote.base}/pull-requests/${pr}`;
  }
}

/** The remote to link to from `git config --get-regexp` output: `origin` first, else the first one. */
export function pickRemote(configOutput: string): WebRemote | undefined {
  const urls = new Map<string, string>();
  for (const line of configOutput.split('\n')) {
    const m = /^remote\.(.+)\.url (.+)$/.exec(line.trim());
    if (m && !urls.has(m[1]!)) urls.set(m[1]!, m[2]!);
  }
  const ordered = [urls.get('origin'), ...urls.values()].filter((u): u is string => !!u);
  for (const url of ordered) {
    const remote = parseRemote(url);
    if (remote) return remote;
  }
  return undefined;
}
