/**
 * A problem found in a user's file: a note's front matter, a custom ladder, a template.
 * Positions are zero-based (like the LSP and `vscode.Position`); {@link formatProblem} prints them
 * one-based, the way people and terminals count.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Problem {
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** A stable code, so that quick fixes and tests can tell problems apart. */
  readonly code: ProblemCode;
  /** Workspace-relative path of the file the problem is in, when known. */
  readonly file?: string;
  /** Extra data for quick fixes, e.g. the suggested replacement ids. */
  readonly data?: { readonly suggestions?: readonly string[]; readonly value?: string };
}

export type ProblemCode =
  | 'yaml-syntax'
  | 'yaml-limit'
  | 'yaml-alias'
  | 'front-matter-language'
  | 'front-matter-not-mapping'
  | 'front-matter-unterminated'
  | 'invalid-field'
  | 'unknown-type'
  | 'bad-date'
  | 'unknown-criterion'
  | 'review-due'
  | 'missing-date'
  | 'file-too-large'
  | 'not-text'
  | 'read-failed'
  | 'outside-workspace'
  | 'ladder-invalid'
  | 'ladder-unknown-key'
  | 'ladder-duplicate-id'
  | 'ladder-extends'
  | 'ladder-reference';

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function problem(
  severity: Severity,
  code: ProblemCode,
  message: string,
  at: Range = ZERO_RANGE,
  extra: { file?: string; data?: Problem['data'] } = {},
): Problem {
  return { severity, code, message, range: at, ...extra };
}

/** `career/brag/x.md:3:5: error: criteria[0]: unknown criterion id "ic.L6.foo"` */
export function formatProblem(p: Problem, file = p.file): string {
  const where = `${file ?? '<unknown>'}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
  return `${where}: ${p.severity}: ${p.message}`;
}

/** Shifts a problem found in an embedded block (front matter) to its place in the whole file. */
export function offsetProblem(p: Problem, lineOffset: number): Problem {
  return {
    ...p,
    range: range(p.range.start.line + lineOffset, p.range.start.character, p.range.end.line + lineOffset, p.range.end.character),
  };
}
