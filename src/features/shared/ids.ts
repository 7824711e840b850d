/**
 * Every command id, view id, context key and setting the extension contributes. package.json mirrors
 * this module; a unit test checks that both agree.
 */
export const Commands = {
  newBragEntry: 'careerLattice.newBragEntry',
  newDesignDoc: 'careerLattice.newDesignDoc',
  newDecisionRecord: 'careerLattice.newDecisionRecord',
  newNote: 'careerLattice.newNote',
  newBragEntryForCriterion: 'careerLattice.newBragEntryForCriterion',
  setCurrentLevel: 'careerLattice.setCurrentLevel',
  setAsCurrentLevel: 'careerLattice.setAsCurrentLevel',
  compareWithCurrent: 'careerLattice.compareWithCurrent',
  switchTrack: 'careerLattice.switchTrack',
  tagNote: 'careerLattice.tagNote',
  refresh: 'careerLattice.refresh',
  createNotesFolder: 'careerLattice.createNotesFolder',
  createLadderFile: 'careerLattice.createLadderFile',
  openNote: 'careerLattice.openNote',
  getLadder: 'careerLattice.getLadder',
  showEvidence: 'careerLattice.showEvidence',
  compareLevels: 'careerLattice.compareLevels',
  exportPacket: 'careerLattice.exportPacket',
  reviewDecisions: 'careerLattice.reviewDecisions',
  getEvidenceSummary: 'careerLattice.getEvidenceSummary',
  applySuggestedTags: 'careerLattice.applySuggestedTags',
  suggestCriteria: 'careerLattice.suggestCriteria',
  logWin: 'careerLattice.logWin',
  showLog: 'careerLattice.showLog',
  harvestWins: 'careerLattice.harvestWins',
  acceptDraft: 'careerLattice.acceptDraft',
  skipDraft: 'careerLattice.skipDraft',
  mergeDrafts: 'careerLattice.mergeDrafts',
  editDraftTitle: 'careerLattice.editDraftTitle',
  editDraftCriteria: 'careerLattice.editDraftCriteria',
  draftActions: 'careerLattice.draftActions',
  acceptAllDrafts: 'careerLattice.acceptAllDrafts',
  discardDrafts: 'careerLattice.discardDrafts',
  getDrafts: 'careerLattice.getDrafts',
  setReviewPeriod: 'careerLattice.setReviewPeriod',
  newFeedbackNote: 'careerLattice.newFeedbackNote',
  getCalibration: 'careerLattice.getCalibration',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'careerLattice',
  ladder: 'careerLattice.ladder',
  notes: 'careerLattice.notes',
  harvest: 'careerLattice.harvest',
} as const;

export const ContextKeys = {
  /** A folder is open and the notes folder exists in it. */
  hasNotesFolder: 'careerLattice.hasNotesFolder',
  /** The index has at least one note. */
  hasNotes: 'careerLattice.hasNotes',
  /** The index is being built. */
  indexing: 'careerLattice.indexing',
  /** The first index build is done (until then the views' welcome content would be wrong). */
  ready: 'careerLattice.ready',
  /** The harvest view has drafts to review. */
  hasDrafts: 'careerLattice.hasDrafts',
} as const;

export const Settings = {
  section: 'careerLattice',
  notesFolder: 'notesFolder',
  track: 'track',
  currentLevel: 'currentLevel',
  targetLevel: 'targetLevel',
  ladderFile: 'ladderFile',
  staleAfterMonths: 'staleAfterMonths',
  autoTag: 'autoTag',
  nudgeAfterCommit: 'nudgeAfterCommit',
  reviewReminders: 'reviewReminders',
  authorEmails: 'authorEmails',
  repositories: 'repositories',
  weeklyHarvest: 'weeklyHarvest',
  reviewPeriodStart: 'reviewPeriodStart',
  reviewPeriodEnd: 'reviewPeriodEnd',
} as const;

export const WebviewTypes = {
  evidence: 'careerLattice.evidence',
} as const;

export const LANGUAGE_SCHEME = 'career-lattice';
