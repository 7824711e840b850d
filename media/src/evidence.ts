/*
 * The evidence view's page script. It renders nothing itself: the extension sends HTML in which every
 * string from a note or the ladder is already escaped. This script swaps it in, turns clicks and keys
 * into typed messages, and keeps the scroll position and focus across updates and window reloads.
 */
import type { EvidencePageState, FromWebview, PageCommand, ToWebview } from '../../src/features/evidence/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): EvidencePageState | undefined;
  setState(state: EvidencePageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

function post(message: FromWebview): void {
  vscode.postMessage(message);
}

/** Where an element sits: the same note is linked from its row, the calibration check and the timeline. */
function placeOf(el: Element): string {
  if (el.closest('.tl-row')) return `tl:${el.closest('.tl-row')!.getAttribute('data-criterion') ?? ''}`;
  if (el.closest('.calibration')) return 'cal';
  return `row:${el.closest('.criterion')?.getAttribute('data-criterion') ?? ''}`;
}

function focusKey(el: Element | null): string | undefined {
  if (!(el instanceof HTMLElement || el instanceof SVGElement)) return undefined;
  const open = el.getAttribute('data-open');
  if (open) return `open:${placeOf(el)}:${open}`;
  const command = el.getAttribute('data-command');
  if (command) return `command:${command}:${el.getAttribute('data-criterion-id') ?? ''}`;
  return undefined;
}

function findByKey(key: string): HTMLElement | SVGElement | undefined {
  for (const el of Array.from(root.querySelectorAll<HTMLElement | SVGElement>('[data-open], [data-command]'))) if (focusKey(el) === key) return el;
  return undefined;
}

function saveState(): void {
  const key = focusKey(document.activeElement);
  vscode.setState({ scrollY: window.scrollY, ...(key ? { focusKey: key } : {}) });
}

/**
 * Scrolls back to where the page was and, when the page has the focus (`focus`), focuses again what had
 * it: an update never takes the focus from the editor or an open quick pick, which closes when it loses it.
 */
function restore(state: EvidencePageState | undefined, focus: boolean): void {
  if (!state) return;
  window.scrollTo(0, state.scrollY);
  if (focus && state.focusKey) findByKey(state.focusKey)?.focus({ preventScroll: true });
}

root.addEventListener('click', (event) => {
  const target = (event.target as Element).closest<HTMLElement>('[data-open], [data-command]');
  if (!target) return;
  event.preventDefault();
  if (target.dataset['open']) {
    post({ type: 'openNote', path: target.dataset['open'] });
  } else if (target.dataset['command']) {
    const criterionId = target.dataset['criterionId'];
    post({ type: 'run', command: target.dataset['command'] as PageCommand, ...(criterionId ? { criterionId } : {}) });
  }
  saveState();
});

// In the timeline by criterion, Left/Right move along a row's marks and Up/Down to the nearest row
// that has marks; Enter opens the note (the marks are links).
root.addEventListener('keydown', (event) => {
  const mark = (event.target as Element).closest('.tl-mark');
  if (!mark || !['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter'].includes(event.key)) return;
  event.preventDefault();
  event.stopPropagation();
  if (event.key === 'Enter') {
    const path = mark.getAttribute('data-open');
    if (path) post({ type: 'openNote', path });
    return;
  }
  const rows = Array.from(root.querySelectorAll('.tl-row')).filter((r) => r.querySelector('.tl-mark'));
  const row = mark.closest('.tl-row');
  const marks = (r: Element | undefined) => Array.from(r?.querySelectorAll<SVGElement>('.tl-mark') ?? []);
  const here = marks(row ?? undefined);
  const at = here.indexOf(mark as SVGElement);
  let next: SVGElement | undefined;
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') next = here[Math.max(0, Math.min(here.length - 1, at + (event.key === 'ArrowRight' ? 1 : -1)))];
  else {
    const r = rows[rows.indexOf(row!) + (event.key === 'ArrowDown' ? 1 : -1)];
    next = marks(r)[0];
  }
  next?.focus();
});

// Arrow keys move between the criteria; Home/End jump to the first/last. Links and buttons are
// reachable with Tab and activated with Enter or Space as usual.
root.addEventListener('keydown', (event) => {
  const item = (event.target as Element).closest('.criterion');
  if (!item || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
  const items = Array.from(root.querySelectorAll<HTMLElement>('.criterion'));
  const index = items.indexOf(item as HTMLElement);
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : index + (event.key === 'ArrowDown' ? 1 : -1);
  const focusable = items[Math.max(0, Math.min(items.length - 1, next))]?.querySelector<HTMLElement>('a, button');
  if (focusable) {
    event.preventDefault();
    focusable.focus();
  }
});

window.addEventListener('scroll', () => saveState(), { passive: true });
root.addEventListener('focusin', () => saveState());

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'render': {
      const state = vscode.getState();
      const focused = document.hasFocus() && root.contains(document.activeElement);
      root.innerHTML = message.html;
      document.title = message.title;
      restore(state, focused);
      break;
    }
    default: {
      const never: never = message.type;
      void never;
    }
  }
});

restore(vscode.getState(), document.hasFocus());
post({ type: 'ready' });
