/** The service fields of seed 002 (Kế hoạch 107/KH-CAT của Công an tỉnh Sóc Trăng, 2024) and which
 * units are surveyed on which: a preset the campaign screen offers and the demo loads. Data of one
 * plan, not a rule: a campaign's fields and targets are edited freely. */

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

/** The four provincial departments by unit code (seed 002, II.2.1.2.a). */
export const PRESET_107: Record<string, readonly string[]> = {
  PA08: ['XNC'],
  PC06: ['ANTT', 'CD', 'VK', 'CCCD'],
  PC07: ['PCCC'],
  PC08: ['DKX'],
};

/** Every district police over its six fields (seed 002, II.2.1.2.b). */
export const DISTRICT_POLICE_FIELDS = ['XNC', 'ANTT', 'CT', 'CCCD', 'PCCC', 'DKX'] as const;

/** The targets of the preset among units (by code and kind). */
export function presetTargets(under: readonly { id: string; code: string; kind: string }[]) {
  const out: { unitId: string; fieldCode: string }[] = [];
  for (const u of under) {
    const fields = PRESET_107[u.code] ?? (u.kind === 'district_police' ? DISTRICT_POLICE_FIELDS : undefined);
    for (const f of fields ?? []) out.push({ unitId: u.id, fieldCode: f });
  }
  return out;
}
