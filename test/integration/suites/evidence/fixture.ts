// The evidence suite's fixture as the tests see it: the two fresh notes the suite writes (dated from
// today) and the hand-counted summary toward L6 (see test/fixtures/evidence/README.md).
import { addMonths, disk, note, today, type Summary } from '../../helpers/workspace';

export const FRESH = () => `career/brag/${today()}-aligned-three-teams.md`;
export const GREW = () => `career/brag/${addMonths(today(), -2)}-grew-two-seniors.md`;
/** A note title that is HTML: it must come out as text everywhere. */
export const HOSTILE_TITLE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

/** Writes the suite's two fresh notes (dated from today), outside VS Code. */
export function writeFreshNotes(): void {
  disk.write(
    FRESH(),
    note({
      type: 'brag',
      title: `'${HOSTILE_TITLE}'`,
      date: today(),
      criteria: ['ic.L6.cross-team-direction', 'ic.L6.alignment-without-authority'],
      impact: ['Three teams on one event schema'],
    }),
  );
  disk.write(GREW(), note({ type: 'brag', title: 'Grew two seniors', date: addMonths(today(), -2), criteria: ['ic.L6.grows-senior-engineers'] }));
}

/** The summary toward L6, counted by hand. */
export function expectedL6(): Summary {
  return {
    track: 'ic',
    currentLevel: 'L5',
    targetLevel: 'L6',
    period: null,
    covered: 3,
    total: 7,
    criteria: [
      {
        id: 'ic.L6.cross-team-direction',
        title: 'Sets technical direction across teams',
        area: 'influence',
        count: 2,
        latest: today(),
        stale: false,
        notes: [FRESH(), 'career/brag/2019-05-10-payments-migration.md'],
        earlier: [],
      },
      {
        id: 'ic.L6.cross-cutting-architecture',
        title: 'Designs cross-cutting systems',
        area: 'technical',
        count: 1,
        latest: '2019-09-12',
        stale: true,
        notes: ['career/design-doc/2019-09-12-event-pipeline.md'],
        earlier: [],
      },
      {
        id: 'ic.L6.engineering-standards',
        title: 'Establishes engineering standards',
        area: 'technical',
        count: 0,
        latest: null,
        stale: false,
        notes: [],
        earlier: [],
      },
      {
        id: 'ic.L6.alignment-without-authority',
        title: 'Aligns teams without authority',
        area: 'influence',
        count: 1,
        latest: today(),
        stale: false,
        notes: [FRESH()],
        earlier: [],
      },
      {
        id: 'ic.L6.solves-critical-problems',
        title: 'Unblocks critical problems',
        area: 'technical',
        count: 1,
        latest: null,
        stale: true,
        notes: ['career/notes/undated-idea.md'],
        earlier: [],
      },
      {
        id: 'ic.L6.presents-to-leadership',
        title: 'Presents technical strategy to leadership',
        area: 'communication',
        count: 1,
        latest: '2019-05-10',
        stale: true,
        notes: ['career/brag/2019-05-10-payments-migration.md'],
        earlier: [],
      },
      {
        id: 'ic.L6.grows-senior-engineers',
        title: 'Grows senior engineers',
        area: 'mentoring',
        count: 1,
        latest: addMonths(today(), -2),
        stale: false,
        notes: [GREW()],
        earlier: [],
      },
    ],
  };
}
