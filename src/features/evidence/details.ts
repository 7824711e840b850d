import { calibrate, type Calibration } from '../../core/evidence/calibration';
import type { EvidenceSummary } from '../../core/evidence/evidence';
import { noteDetails, type NoteDetails } from '../../core/evidence/sections';
import type { CareerWorkspace } from '../shared/careerWorkspace';

/**
 * Note texts for the packet and the calibration check (sections, `from:`), read on demand and kept
 * while a note's size and mtime stay the same. Only notes the index knows are read, through the
 * workspace file system (which refuses anything outside the workspace).
 */
export class NoteDetailsCache {
  private readonly cache = new Map<string, { mtime: number; size: number; details: NoteDetails }>();

  constructor(private readonly workspace: CareerWorkspace) {}

  async get(paths: Iterable<string>): Promise<Map<string, NoteDetails>> {
    const out = new Map<string, NoteDetails>();
    const fs = this.workspace.fs;
    if (!fs) return out;
    for (const path of new Set(paths)) {
      const record = this.workspace.index.get(path);
      if (!record) continue;
      const hit = this.cache.get(path);
      if (hit && hit.mtime === record.mtime && hit.size === record.size) {
        out.set(path, hit.details);
        continue;
      }
      try {
        const text = await fs.readText(path);
        if (text === undefined) continue;
        const details = noteDetails(text, path);
        this.cache.set(path, { mtime: record.mtime, size: record.size, details });
        out.set(path, details);
      } catch (error) {
        this.workspace.log.warn(`Could not read ${path} for the calibration check:`, error);
      }
    }
    // Forget notes that left the index.
    for (const path of this.cache.keys()) if (!this.workspace.index.has(path)) this.cache.delete(path);
    return out;
  }

  /** The calibration check of a summary, with the texts of the notes it looks at. */
  async calibrate(summary: EvidenceSummary): Promise<{ calibration: Calibration; details: Map<string, NoteDetails> }> {
    const workspace = this.workspace;
    const options = { today: workspace.today(), staleAfterMonths: workspace.settings.staleAfterMonths };
    // First pass on the index alone finds which notes are looked at; their texts then refine it.
    const first = calibrate(workspace.ladder, workspace.index, summary, { ...options, details: new Map() });
    const details = await this.get(first.notes.map((n) => n.path));
    return { calibration: calibrate(workspace.ladder, workspace.index, summary, { ...options, details }), details };
  }
}
