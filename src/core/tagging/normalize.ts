/**
 * The prose of a note for auto-tagging: what is left once the parts that evidence nothing are removed.
 * Words are then read by `text.ts`.
 */

import { withoutFrontMatter } from '../notes/frontMatter';

/**
 * The prose of a markdown note: its front matter (found as the parser finds it, whatever its language:
 * `---yaml` is front matter, not prose), fenced code blocks, HTML comments and bare URLs are removed (a
 * code sample saying `rollout` evidences nothing). Line structure is otherwise kept.
 */
export function proseOf(markdown: string): string {
  let text = withoutFrontMatter(markdown);
  if (text.includes('```') || text.includes('~~~')) text = stripFences(text);
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/\b(?:https?|file):\/\/\S+/g, ' ');
}

function stripFences(text: string): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined) {
      if (open) fence = open[1]!;
      else kept.push(line);
    } else if (open && open[1]![0] === fence[0] && open[1]!.length >= fence.length && line.trim() === open[1]) {
      fence = undefined; // closing fence: same character, at least as long, nothing after it
    }
  }
  return kept.join('\n');
}
