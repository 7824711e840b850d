import { z } from 'zod';
import * as vscode from 'vscode';

/**
 * Argument objects of the commands that prompt: each answers the prompts it has values for, so a
 * command can be bound to a key, scripted by another extension or driven by a test.
 */
const criteria = z.array(z.string().trim().min(1)).max(200);
const level = z.string().trim().min(1).max(40);

export const NewNoteArgs = z.object({
  title: z.string().trim().min(1, 'title must not be empty').max(200, 'title must be under 200 characters').optional(),
  criteria: criteria.optional(),
  open: z.boolean().optional(),
  level: level.optional(),
  /** Decisions: the review date (YYYY-MM-DD); default six months ahead. */
  review: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'review must be YYYY-MM-DD').optional(),
});
export type NewNoteArgs = z.output<typeof NewNoteArgs>;

export const SetLevelArgs = z.object({ track: z.string().trim().min(1).optional(), level });
export const TagNoteArgs = z.object({ criteria, uri: z.union([z.string(), z.custom<vscode.Uri>((v) => v instanceof vscode.Uri, 'must be a Uri')]).optional() });
export const CompareArgs = z.object({ from: level.optional(), to: level.optional(), open: z.boolean().optional() });
export const SummaryArgs = z.object({ track: z.string().optional(), currentLevel: z.string().optional(), targetLevel: z.string().optional() });
export const PacketArgs = z.object({ open: z.boolean().optional(), targetLevel: z.string().optional() });
export const LogWinArgs = z.object({ title: z.string().trim().min(1).max(200).optional(), open: z.boolean().optional(), criteria: criteria.optional() });

/** Tree items passed by context menus carry a `kind`. */
export interface CriterionNodeLike {
  readonly kind: 'criterion';
  readonly criterionId: string;
}
export interface LevelNodeLike {
  readonly kind: 'level';
  readonly levelId: string;
  readonly trackId: string;
}
export interface NoteNodeLike {
  readonly kind: 'note';
  readonly path: string;
}

export function isNode<K extends string>(value: unknown, kind: K): value is { kind: K } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

/**
 * Parses a command's argument object. Returns the value, or undefined after telling the user what is
 * wrong (a command never fails silently on bad input, nor runs with half of it).
 */
export function parseArgs<T extends z.ZodType>(command: string, schema: T, value: unknown): z.output<T> | undefined {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
  void vscode.window.showErrorMessage(`Career Lattice: ${command} was given invalid arguments: ${detail}`);
  return undefined;
}
