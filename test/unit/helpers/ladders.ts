import { Ladder } from '../../../src/core/ladder/ladder';
import { LadderSchema, type LadderInput } from '../../../src/core/ladder/schema';

/** A small ladder for tests that must not depend on the built-in ladder's wording. */
export const TEST_LADDER_INPUT: LadderInput = {
  name: 'Test ladder',
  tracks: [
    {
      id: 'ic',
      title: 'Individual Contributor',
      levels: [
        {
          id: 'L4',
          title: 'Mid',
          aliases: ['E4'],
          criteria: [{ id: 'ic.L4.owns-features', area: 'execution', title: 'Owns features', signals: ['end to end'] }],
        },
        {
          id: 'L5',
          title: 'Senior',
          aliases: ['E5'],
          equivalent: 'EM',
          criteria: [
            { id: 'ic.L5.leads-projects', area: 'execution', title: 'Leads projects', signals: ['led the project'] },
            { id: 'ic.L5.mentoring', area: 'mentoring', title: 'Mentors engineers', signals: ['mentor'] },
          ],
        },
        {
          id: 'L6',
          title: 'Staff',
          aliases: ['E6'],
          equivalent: 'SEM',
          criteria: [
            { id: 'ic.L6.cross-team-direction', area: 'influence', title: 'Cross-team technical direction', signals: ['cross-team'] },
            { id: 'ic.L6.design-docs', area: 'communication', title: 'Design documents', signals: ['design doc'] },
            { id: 'ic.L6.standards', area: 'technical', title: 'Sets standards', signals: ['standard'] },
            { id: 'ic.L6.mentoring-seniors', area: 'mentoring', title: 'Mentors seniors', signals: ['mentor'] },
          ],
        },
      ],
    },
    {
      id: 'management',
      title: 'Management',
      levels: [
        {
          id: 'EM',
          title: 'Engineering Manager',
          equivalent: 'L5',
          criteria: [{ id: 'management.EM.hiring', area: 'hiring', title: 'Hires', signals: ['hiring'] }],
        },
        {
          id: 'SEM',
          title: 'Senior EM',
          equivalent: 'L6',
          criteria: [{ id: 'management.SEM.org-design', area: 'organization', title: 'Org design', signals: ['reorg'] }],
        },
      ],
    },
  ],
};

export function testLadder(): Ladder {
  return new Ladder(LadderSchema.parse(TEST_LADDER_INPUT));
}
