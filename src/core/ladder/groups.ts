/**
 * Criteria in sections by their optional `group` (a pillar above the competency `area`), for the views
 * that show a level's criteria: the ladder tree and the evidence view. A ladder without groups gives
 * one section with no group, so it looks exactly as it did before groups existed.
 */
export interface GroupSection<T> {
  /** The group's name, or undefined for the criteria that have none. */
  readonly group: string | undefined;
  readonly items: readonly T[];
}

/**
 * Sections in the order each group first appears; the items without a group come last, in one section
 * whose `group` is undefined. Items keep their order within a section. Linear in the number of items.
 */
export function byGroup<T>(items: readonly T[], groupOf: (item: T) => string | undefined): GroupSection<T>[] {
  const sections = new Map<string, T[]>();
  const ungrouped: T[] = [];
  for (const item of items) {
    const group = groupOf(item);
    if (group === undefined || group === '') {
      ungrouped.push(item);
      continue;
    }
    const list = sections.get(group);
    if (list) list.push(item);
    else sections.set(group, [item]);
  }
  const out: GroupSection<T>[] = [...sections].map(([group, list]) => ({ group, items: list }));
  if (ungrouped.length > 0 || out.length === 0) out.push({ group: undefined, items: ungrouped });
  return out;
}

/** True when at least one of the criteria names a group (then the views show group headings). */
export function hasGroups(criteria: ReadonlyArray<{ readonly group?: string | undefined }>): boolean {
  return criteria.some((c) => c.group !== undefined && c.group !== '');
}
