import type { LadderInput } from './schema';

/** Placeholder: replaced by the full built-in ladder derived from the seed. */
export const BUILTIN_LADDER: LadderInput = {
  name: 'Dual-track engineering ladder',
  tracks: [
    {
      id: 'ic',
      title: 'Individual Contributor',
      levels: [
        { id: 'L5', title: 'Senior Engineer', aliases: ['E5'], equivalent: 'EM', criteria: [] },
        { id: 'L6', title: 'Staff Engineer', aliases: ['E6'], equivalent: 'SEM', criteria: [] },
      ],
    },
    {
      id: 'management',
      title: 'Management',
      levels: [
        { id: 'EM', title: 'Engineering Manager', equivalent: 'L5', criteria: [] },
        { id: 'SEM', title: 'Senior Engineering Manager', equivalent: 'L6', criteria: [] },
      ],
    },
  ],
};
