// The fixture workspace from a test's point of view: paths, files written inside and outside VS Code,
// settings, dates relative to today, and the extension's commands.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { sleep, waitFor } from './wait';
import { root, uri } from '../host';

export { EXTENSION_ID, root, uri } from '../host';

/** The absolute file-system path of a workspace-relative path. */
export function abs(rel: string): string {
  return path.join(root().fsPath, ...rel.split('/'));
}

/** The workspace-relative path of a Uri (forward slashes). */
export function rel(target: vscode.Uri): string {
  return path.relative(root().fsPath, target.fsPath).split(path.sep).join('/');
}

/** Outside VS Code: `node:fs`, as another program (git, a sync client, a script) would. */
export const disk = {
  write(relPath: string, text: string): void {
    fs.mkdirSync(path.dirname(abs(relPath)), { recursive: true });
    fs.writeFileSync(abs(relPath), text);
  },
  read(relPath: string): string {
    return fs.readFileSync(abs(relPath), 'utf8');
  },
  exists(relPath: string): boolean {
    return fs.existsSync(abs(relPath));
  },
  rename(from: string, to: string): void {
    fs.mkdirSync(path.dirname(abs(to)), { recursive: true });
    fs.renameSync(abs(from), abs(to));
  },
  remove(relPath: string): void {
    fs.rmSync(abs(relPath), { recursive: true, force: true });
  },
  /** Every file under a workspace-relative folder, relative to the workspace, sorted. */
  list(relFolder: string): string[] {
    if (!fs.existsSync(abs(relFolder))) return [];
    return (fs.readdirSync(abs(relFolder), { recursive: true, encoding: 'utf8' }) as string[])
      .map((p) => `${relFolder}/${p.split(path.sep).join('/')}`)
      .filter((p) => fs.statSync(abs(p)).isFile())
      .sort();
  },
};

/** Inside VS Code: `vscode.workspace.fs`. */
export const vsfs = {
  async write(relPath: string, text: string): Promise<void> {
    await vscode.workspace.fs.writeFile(uri(relPath), new TextEncoder().encode(text));
  },
  async rename(from: string, to: string): Promise<void> {
    await vscode.workspace.fs.rename(uri(from), uri(to), { overwrite: false });
  },
  async remove(relPath: string): Promise<void> {
    await vscode.workspace.fs.delete(uri(relPath), { recursive: true, useTrash: false });
  },
};

/** A note's text: YAML front matter from `fields` (in order), then `body`. */
export function note(fields: Record<string, unknown>, body = ''): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

/** The front matter of a note's text, parsed. */
export function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) throw new Error(`no front matter in:\n${text.slice(0, 200)}`);
  return parseYaml(m[1]!, { schema: 'core' }) as Record<string, unknown>;
}

// Dates: the extension uses the local calendar date.
export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function today(): string {
  return isoDate(new Date());
}

/** `months` months from `iso` (negative: back), the day clamped to the month's length. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// Settings.
export function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('careerLattice');
}

/** Writes a workspace setting and waits until the extension host reads the new value. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await settings().update(key, value, vscode.ConfigurationTarget.Workspace);
  await waitFor(() => JSON.stringify(settings().inspect(key)?.workspaceValue) === JSON.stringify(value), 5000, `setting ${key} = ${JSON.stringify(value)}`);
}

// Editors.
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await sleep(50);
}

export function activePath(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' ? rel(doc.uri) : undefined;
}

// The extension's answers.
export interface Summary {
  track: string;
  currentLevel: string;
  targetLevel: string;
  period: { since: string | null; until: string | null } | null;
  covered: number;
  total: number;
  /** Only for a ladder whose target level has a points `threshold`. */
  points?: { earned: number; total: number; threshold: number };
  criteria: Array<{ id: string; title: string; area: string; count: number; latest: string | null; stale: boolean; notes: string[]; earlier: string[] }>;
}

export async function summary(args?: Record<string, unknown>): Promise<Summary> {
  const s = await vscode.commands.executeCommand<Summary | undefined>('careerLattice.getEvidenceSummary', ...(args ? [args] : []));
  if (!s) throw new Error('getEvidenceSummary returned nothing');
  return s;
}

export interface LadderJson {
  name: string;
  tracks: Array<{
    id: string;
    title: string;
    levels: Array<{
      id: string;
      title: string;
      aliases: string[];
      equivalent: string | null;
      criteria: Array<{ id: string; title: string; area: string; description: string }>;
    }>;
  }>;
}

export async function ladder(): Promise<LadderJson> {
  const l = await vscode.commands.executeCommand<LadderJson | undefined>('careerLattice.getLadder');
  if (!l) throw new Error('getLadder returned nothing');
  return l;
}

export function criteriaOf(l: LadderJson, levelId: string): string[] {
  for (const t of l.tracks) for (const lv of t.levels) if (lv.id === levelId) return lv.criteria.map((c) => c.id);
  throw new Error(`no level ${levelId}`);
}

// Language features.
export function diagnostics(target: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(target).filter((d) => d.source === 'Career Lattice' && (code === undefined || codeOf(d) === code));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** `[startLine, startChar, endLine, endChar]` of a range, zero-based. */
export function at(r: vscode.Range): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

export async function openNote(relPath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri(relPath));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The text of a hover's contents. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
