import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/modules/audit/repository.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let admin: Client;
let cldCoordinator: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.login('quantri');
  cldCoordinator = await t.login('dieuphoi.culaodung');
});
afterAll(async () => t?.close());

describe('units', () => {
  it('search ignores diacritics and case, and keeps ancestors', async () => {
    const res = await admin.get('/api/units?q=' + encodeURIComponent('cu lao dung'));
    expect(res.statusCode).toBe(200);
    const names = (res.json() as { items: { name: string }[] }).items.map((u) => u.name);
    expect(names).toContain('Công an huyện Cù Lao Dung');
    expect(names).toContain('Công an tỉnh Sóc Trăng');
    expect(names).not.toContain('Ủy ban nhân dân huyện Hà Quảng');
    const r2 = await admin.get('/api/units?q=' + encodeURIComponent('DAI AN'));
    expect((r2.json() as { items: { name: string }[] }).items.map((u) => u.name)).toContain(
      'Công an xã Đại Ân 1',
    );
  });

  it('lists in Vietnamese order (Đ after D)', async () => {
    const parent = await unitIdByCode(t, 'HQ-NV');
    for (const [code, name] of [
      ['X-D1', 'Tổ Dân'],
      ['X-DD', 'Tổ Đông'],
      ['X-E', 'Tổ Em'],
    ] as const) {
      const r = await admin.send('POST', '/api/units', { code, name, kind: 'other', parentId: parent });
      expect(r.statusCode, r.body).toBe(200);
    }
    const r = await admin.get('/api/units?q=' + encodeURIComponent('to '));
    const names = (r.json() as { items: { name: string; parentId: string | null }[] }).items
      .filter((u) => u.parentId === parent)
      .map((u) => u.name);
    expect(names).toEqual(['Tổ Dân', 'Tổ Đông', 'Tổ Em']);
  });

  it('a district coordinator creates, renames and moves inside its subtree, with history and audit', async () => {
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const created = await cldCoordinator.send('POST', '/api/units', {
      code: 'CLD-TEST',
      name: 'Tổ công tác thử',
      kind: 'team',
      parentId: cld,
      validFrom: '2024-01-01',
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as { id: string }).id;
    const renamed = await cldCoordinator.send('PATCH', `/api/units/${id}`, {
      name: 'Tổ công tác đặc biệt',
      effectiveDate: '2024-06-01',
      reason: 'Đổi tên theo quyết định',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const detail = (await cldCoordinator.get(`/api/units/${id}`)).json() as {
      history: { name: string; validFrom: string; validTo: string | null }[];
    };
    expect(detail.history).toEqual([
      expect.objectContaining({ name: 'Tổ công tác thử', validFrom: '2024-01-01', validTo: '2024-05-31' }),
      expect.objectContaining({ name: 'Tổ công tác đặc biệt', validFrom: '2024-06-01', validTo: null }),
    ]);
    const team = await unitIdByCode(t, 'CLD-TM');
    const moved = await cldCoordinator.send('POST', `/api/units/${id}/move`, {
      parentId: team,
      reason: 'Tổ chức lại',
      effectiveDate: '2024-07-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as { parentId: string }).parentId).toBe(team);
    const audit = (await admin.get(`/api/audit?unitId=${id}`)).json() as {
      items: { action: string; reason: string | null }[];
    };
    expect(audit.items.map((a) => a.action)).toEqual(['unit.move', 'unit.update', 'unit.create']);
    expect(audit.items[1]!.reason).toBe('Đổi tên theo quyết định');
  });

  it('refuses moving a unit under its own descendant and duplicate active codes, changing nothing', async () => {
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const tm = await unitIdByCode(t, 'CLD-TM');
    const r = await cldCoordinator.send('POST', `/api/units/${cld}/move`, { parentId: tm, reason: 'x' });
    expect(r.statusCode).toBe(403); // CLD itself is its coordinator's root: moving it needs the parent's scope
    const r2 = await admin.send('POST', `/api/units/${cld}/move`, { parentId: tm, reason: 'x' });
    expect(r2.statusCode).toBe(409);
    expect((r2.json() as { error: { code: string } }).error.code).toBe('UNIT_MOVE_CYCLE');
    const dup = await cldCoordinator.send('POST', '/api/units', {
      code: 'CLD-TM',
      name: 'Trùng mã',
      kind: 'team',
      parentId: cld,
    });
    expect(dup.statusCode).toBe(409);
    expect((dup.json() as { error: { message: string } }).error.message).toContain('Đội Tham mưu');
  });

  it('merging two communes into a new one keeps both old units, their history and grants explicit', async () => {
    const a = await unitIdByCode(t, 'CLD-AT1');
    const b = await unitIdByCode(t, 'CLD-AT2');
    const cld = await unitIdByCode(t, 'CAH-CLD');
    // a commune officer on An Thạnh 1
    const u = await admin.send('POST', '/api/users', {
      username: 'canbo.anthanh1',
      fullName: 'Cán bộ An Thạnh 1 (mẫu)',
      password: 'MatKhau-2024-an',
      role: 'unit_officer',
      unitId: a,
    });
    expect(u.statusCode, u.body).toBe(200);
    const userId = (u.json() as { id: string }).id;
    const m = await cldCoordinator.send('POST', '/api/units/merge', {
      sourceIds: [a, b],
      target: {
        code: 'CLD-AT12',
        name: 'Công an xã An Thạnh (sáp nhập)',
        kind: 'commune_police',
        parentId: cld,
      },
      effectiveDate: '2025-07-01',
      decision: 'Quyết định số 01/QĐ-VD (ví dụ)',
      reason: 'Sắp xếp đơn vị hành chính cấp xã',
    });
    expect(m.statusCode, m.body).toBe(200);
    const merged = m.json() as { unit: { id: string }; closedUnitIds: string[] };
    expect(merged.closedUnitIds.sort()).toEqual([a, b].sort());
    const old = (await admin.get(`/api/units/${a}`)).json() as {
      unit: { closed: boolean; validTo: string };
      history: unknown[];
      lineage: { type: string; toUnitId: string }[];
    };
    expect(old.unit.closed).toBe(true);
    expect(old.unit.validTo).toBe('2025-06-30');
    expect(old.history.length).toBeGreaterThanOrEqual(1);
    expect(old.lineage).toEqual([expect.objectContaining({ type: 'merge', toUnitId: merged.unit.id })]);
    // closed units are hidden by default and listed on request
    const open = (await admin.get('/api/units')).json() as { items: { id: string }[] };
    expect(open.items.some((x) => x.id === a)).toBe(false);
    const all = (await admin.get('/api/units?includeClosed=true')).json() as { items: { id: string }[] };
    expect(all.items.some((x) => x.id === a)).toBe(true);
    // the officer keeps the grant on the old unit only; nothing is carried implicitly
    let grants = ((await admin.get(`/api/grants?userId=${userId}`)).json() as { items: { unitId: string }[] })
      .items;
    expect(grants.map((g) => g.unitId)).toEqual([a]);
    const officer = await t.login('canbo.anthanh1', 'MatKhau-2024-an').catch(() => null);
    expect(officer).not.toBeNull();
    expect((await officer!.get(`/api/units/${merged.unit.id}`)).statusCode).toBe(403);
    // explicit, audited carry
    const c = await cldCoordinator.send('POST', '/api/grants/carry', {
      fromUnitId: a,
      toUnitId: merged.unit.id,
      reason: 'Cán bộ tiếp tục công tác tại xã mới',
    });
    expect(c.statusCode, c.body).toBe(200);
    grants = ((await admin.get(`/api/grants?userId=${userId}`)).json() as { items: { unitId: string }[] })
      .items;
    expect(grants.map((g) => g.unitId).sort()).toEqual([a, merged.unit.id].sort());
    const carriedAudit = (await admin.get('/api/audit?action=grant.carry')).json() as {
      items: { reason: string }[];
    };
    expect(carriedAudit.items[0]?.reason).toBe('Cán bộ tiếp tục công tác tại xã mới');
    // a closed unit cannot be changed
    const r = await admin.send('PATCH', `/api/units/${a}`, { name: 'Đổi tên sau sáp nhập' });
    expect(r.statusCode).toBe(409);
  });

  it('abolishing a level moves its children to the successor and keeps lineage', async () => {
    const province = await unitIdByCode(t, 'CAT-ST');
    const district = await unitIdByCode(t, 'CAH-TDE');
    const child = await admin.send('POST', '/api/units', {
      code: 'TDE-X1',
      name: 'Công an xã ví dụ Trần Đề',
      kind: 'commune_police',
      parentId: district,
      validFrom: '2024-01-01',
    });
    const childId = (child.json() as { id: string }).id;
    const r = await admin.send('POST', `/api/units/${district}/abolish`, {
      successorId: province,
      effectiveDate: '2025-07-01',
      reason: 'Kết thúc hoạt động Công an cấp huyện',
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = (await admin.get(`/api/units/${childId}`)).json() as {
      unit: { parentId: string };
      history: { parentId: string; validTo: string | null }[];
    };
    expect(d.unit.parentId).toBe(province);
    expect(d.history.map((h) => [h.parentId, h.validTo])).toEqual([
      [district, '2025-06-30'],
      [province, null],
    ]);
    const verify = await verifyChain(t.database.db);
    expect(verify.ok).toBe(true);
  });

  it('abolishing the district level from 01/7/2025 moves teams and communes up, keeping the old units', async () => {
    const province = await unitIdByCode(t, 'CAT-ST');
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const commune = await unitIdByCode(t, 'CLD-DA1');
    const coord = await t.login('dieuphoi.soctrang');
    const r = await coord.send('POST', '/api/units/abolish-level', {
      rootId: province,
      kind: 'district_police',
      effectiveDate: '2025-07-01',
      decision: 'Kết thúc hoạt động Công an cấp huyện',
      reason: 'Tổ chức chính quyền địa phương hai cấp',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { closedUnitIds: string[] }).closedUnitIds).toContain(cld);
    const c = (await coord.get(`/api/units/${commune}`)).json() as {
      unit: { parentId: string };
      path: { name: string }[];
    };
    expect(c.unit.parentId).toBe(province);
    const d = (await coord.get(`/api/units/${cld}`)).json() as {
      unit: { closed: boolean; validTo: string };
      lineage: { type: string; toUnitId: string }[];
    };
    expect(d.unit).toMatchObject({ closed: true, validTo: '2025-06-30' });
    expect(d.lineage.at(-1)).toMatchObject({ type: 'abolish', toUnitId: province });
    // the district coordinator still reads its old unit (history), and only that
    expect((await cldCoordinator.get(`/api/units/${cld}`)).statusCode).toBe(200);
    expect((await cldCoordinator.get(`/api/units/${commune}`)).statusCode).toBe(403);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('a merged unit may keep the code of one of the merged units', async () => {
    const a = await unitIdByCode(t, 'HQ-SH');
    const b = await unitIdByCode(t, 'HQ-QQ');
    const hq = await unitIdByCode(t, 'UBND-HQ');
    const r = await admin.send('POST', '/api/units/merge', {
      sourceIds: [a, b],
      target: {
        code: 'HQ-SH',
        name: 'Ủy ban nhân dân xã Sóc Hà (sau sáp nhập, ví dụ)',
        kind: 'commune_committee',
        parentId: hq,
      },
      effectiveDate: '2025-07-01',
      reason: 'Sắp xếp đơn vị hành chính cấp xã',
    });
    expect(r.statusCode, r.body).toBe(200);
    const merged = (r.json() as { unit: { id: string; code: string } }).unit;
    expect(merged.code).toBe('HQ-SH');
    const old = (await admin.get(`/api/units/${a}`)).json() as {
      unit: { code: string; closed: boolean };
      history: { code: string }[];
    };
    expect(old.unit).toMatchObject({ code: 'HQ-SH', closed: true });
    expect(old.history.map((h) => h.code)).toEqual(['HQ-SH']);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});
