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

/** Service fields of seed 002. */
export const POLICE_FIELDS = [
  { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
  { code: 'ANTT', name: 'Quản lý ngành, nghề đầu tư, kinh doanh có điều kiện về an ninh, trật tự' },
  { code: 'CD', name: 'Đăng ký, quản lý con dấu' },
  { code: 'VK', name: 'Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo' },
  { code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' },
  { code: 'CT', name: 'Đăng ký, quản lý cư trú' },
  { code: 'PCCC', name: 'Phòng cháy, chữa cháy' },
  { code: 'DKX', name: 'Đăng ký, quản lý phương tiện giao thông cơ giới đường bộ' },
] as const;

/** Which units are surveyed on which fields in seed 002: the four provincial departments by code, and
 * every district police over its six fields. */
export const PRESET_107: Record<string, readonly string[]> = {
  PA08: ['XNC'],
  PC06: ['ANTT', 'CD', 'VK', 'CCCD'],
  PC07: ['PCCC'],
  PC08: ['DKX'],
};
export const DISTRICT_POLICE_FIELDS = ['XNC', 'ANTT', 'CT', 'CCCD', 'PCCC', 'DKX'] as const;

/** The targets of the preset among the units under the owner. */
export function presetTargets(under: readonly UnitViewT[]) {
  const out: { unitId: string; fieldCode: string }[] = [];
  for (const u of under) {
    const fields = PRESET_107[u.code] ?? (u.kind === 'district_police' ? DISTRICT_POLICE_FIELDS : undefined);
    for (const f of fields ?? []) out.push({ unitId: u.id, fieldCode: f });
  }
  return out;
}
