/** The unit tree as the survey pages need it: the units under one, a unit's ancestors, and the service
 * fields of seed 002 (Kế hoạch 107/KH-CAT) with which units are surveyed on which. */
import type { UnitViewT } from '@chiso/contracts';

/** The units under `rootId` (not itself), depth first. */
export function unitsUnder(items: readonly UnitViewT[], rootId: string | undefined): UnitViewT[] {
  const children = new Map<string, UnitViewT[]>();
  for (const u of items) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const out: UnitViewT[] = [];
  const walk = (id: string) =>
    (children.get(id) ?? []).forEach((c) => {
      out.push(c);
      walk(c.id);
    });
  if (rootId) walk(rootId);
  return out;
}

/** The unit and its ancestors' ids (for `can(session, action, ids)`). */
export function selfAndAncestors(items: readonly UnitViewT[], id: string): string[] {
  const byId = new Map(items.map((u) => [u.id, u]));
  const out: string[] = [];
  for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) out.push(u.id);
  return out;
}

export { DISTRICT_POLICE_FIELDS, POLICE_FIELDS, PRESET_107, presetTargets } from '@chiso/domain';
