import type { Range } from '../problems';

/** Past this, a settings file is not searched (a real one is a few KB). */
const MAX_SETTINGS_CHARS = 1024 * 1024;

/**
 * Where a string setting's value sits in a settings file (`.vscode/settings.json` or a `.code-workspace`),
 * for a diagnostic on it: the range of the quoted value of the last `"key": "..."` outside a `//` line
 * comment (the last one wins, as in VS Code). Line by line, one regex per line: linear in the file. JSON
 * with the key and its value on different lines is not located (undefined), nor is anything unusual;
 * the warning still says what is wrong.
 */
export function settingValueRange(text: string, key: string): Range | undefined {
  if (text.length > MAX_SETTINGS_CHARS) return undefined;
  const quoted = `"${key}"`;
  let found: Range | undefined;
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line]!;
    const at = content.indexOf(quoted);
    if (at < 0) continue;
    const comment = content.indexOf('//');
    if (comment >= 0 && comment < at) continue;
    const rest = /^\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(content.slice(at + quoted.length));
    if (!rest) continue;
    const start = at + quoted.length + rest[0].length - rest[1]!.length - 2;
    found = { start: { line, character: start }, end: { line, character: start + rest[1]!.length + 2 } };
  }
  return found;
}
