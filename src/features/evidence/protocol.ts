/**
 * Messages between the evidence webview and the extension. Imported by both sides (the page script in
 * media/src and the panel), so neither can send what the other does not understand. No vscode import.
 */

/** Commands the page may ask for: a closed list, checked again on the extension side. */
export const PAGE_COMMANDS = ['exportPacket', 'compareLevels', 'setCurrentLevel', 'setReviewPeriod', 'newBragEntryForCriterion', 'refresh'] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'openNote'; readonly path: string }
  | { readonly type: 'run'; readonly command: PageCommand; readonly criterionId?: string };

export type ToWebview = { readonly type: 'render'; readonly html: string; readonly title: string };

/** What the page keeps across reloads (`getState`/`setState`). */
export interface EvidencePageState {
  readonly scrollY: number;
  readonly focusKey?: string;
}

/** Validates a message from the page: the page is a browser context and is treated as untrusted. */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'openNote':
      return typeof m['path'] === 'string' && m['path'].length < 4096 ? { type: 'openNote', path: m['path'] } : undefined;
    case 'run': {
      const command = m['command'];
      if (typeof command !== 'string' || !(PAGE_COMMANDS as readonly string[]).includes(command)) return undefined;
      const criterionId = typeof m['criterionId'] === 'string' ? m['criterionId'] : undefined;
      return { type: 'run', command: command as PageCommand, ...(criterionId ? { criterionId } : {}) };
    }
    default:
      return undefined;
  }
}
