import * as vscode from 'vscode';
import type { NoteType } from '../../core/notes/schema';

const ICONS: Record<NoteType, string> = {
  brag: 'star-empty',
  'design-doc': 'book',
  decision: 'law',
  feedback: 'comment-discussion',
  note: 'note',
  packet: 'package',
};

export function noteIcon(type: NoteType, reviewDue = false): vscode.ThemeIcon {
  return reviewDue ? new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('charts.orange')) : new vscode.ThemeIcon(ICONS[type]);
}
