/** Rankings as districts publish them (issue #13, item 7): a ranking set declares groups by unit kind,
 * each group is ranked on its own ("xếp thứ k/N" counts the group), on screen and in the ranking
 * documents; the groups are edited by the owner's coordinators only, audited, and frozen once the
 * set's cycle is published. Hà Quảng's published 2023 demo ranking is split into its offices and
 * its communes. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { groupOfKind, rankByGroup } from '@chiso/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let hq: Client; // coordinator, UBND huyện Hà Quảng
let hqOfficer: Client;
let cld: Client; // coordinator, Công an huyện Cù Lao Dung (another tree)
let hqCycle2023: string;
const u: Record<string, string> = {};
const CODE = 'CCHC-PHONG-XA-MAU-2023';
const HQ_GROUPS = [
  { name: 'Các cơ quan chuyên môn thuộc UBND huyện', kinds: ['office'] },
  { name: 'UBND các xã, thị trấn', kinds: ['commune_committee'] },
];

interface Ranking {
  items: {
    unitId: string;
    unitName: string;
    rank: number | null;
    index: string;
    rankGroup: string;
    rankedOf: number;
  }[];
  groups: { key: string; name: string; size: number }[];
}

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  hq = await t.login('dieuphoi.haquang');
  hqOfficer = await t.login('canbo.haquang');
  cld = await t.login('dieuphoi.culaodung');
  for (const c of ['UBND-HQ', 'HQ-NV', 'HQ-TP', 'HQ-XH', 'HQ-TN']) u[c] = await unitIdByCode(t, c);
  const cycles = (await hq.get('/api/cycles')).json() as { items: { id: string; year: number }[] };
  hqCycle2023 = cycles.items.find((c) => c.year === 2023)!.id;
});
afterAll(async () => t?.close());

describe("Hà Quảng's published 2023 ranking, by group", () => {
  it('ranks the offices and the communes each from 1, counting each group', async () => {
    const r = (await hqOfficer.get(`/api/cycles/${hqCycle2023}/ranking`)).json() as Ranking;
    expect(r.groups.map((g) => [g.name, g.size])).toEqual([
      ['Các cơ quan chuyên môn thuộc UBND huyện', 6],
      ['UBND các xã, thị trấn', 8],
    ]);
    for (const g of r.groups) {
      const items = r.items.filter((i) => i.rankGroup === g.key);
      expect(items).toHaveLength(g.size);
      expect(Math.min(...items.map((i) => i.rank!))).toBe(1);
      expect(items.every((i) => i.rankedOf === g.size)).toBe(true);
    }
    // the stored ranks are the domain's rule, group by group (ties share a rank)
    const byDomain = rankByGroup(
      HQ_GROUPS as never,
      r.items.map((i) => ({
        id: i.unitName,
        label: i.unitName,
        index: Math.round(Number(i.index) * 100),
        group: i.rankGroup,
      })),
    );
    const expected = new Map(byDomain.flatMap((g) => g.items.map((i) => [i.id, i.rank] as const)));
    for (const i of r.items) expect(i.rank, i.unitName).toBe(expected.get(i.unitName));
    expect(groupOfKind(HQ_GROUPS as never, 'office')).toBe(r.groups[0]!.key);
  });

  it('prints one table per group in Excel, each under its heading and ranked from 1', async () => {
    const res = await hqOfficer.get(`/api/cycles/${hqCycle2023}/ranking/export?format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: (string | number | null)[][] = [];
    ws.eachRow((row) => rows.push([1, 2, 3].map((c) => row.getCell(c).value as string | number | null)));
    const h1 = rows.findIndex((r) => r[0] === 'I. Các cơ quan chuyên môn thuộc UBND huyện');
    const h2 = rows.findIndex((r) => r[0] === 'II. UBND các xã, thị trấn');
    expect(h1).toBeGreaterThan(0);
    expect(h2).toBe(h1 + 7);
    const offices = rows.slice(h1 + 1, h2);
    const communes = rows.slice(h2 + 1);
    expect(offices).toHaveLength(6);
    expect(communes).toHaveLength(8);
    expect(offices[0]![0]).toBe(1);
    expect(communes[0]![0]).toBe(1);
    expect(offices.every((r) => !String(r[1]).startsWith('Ủy ban nhân dân'))).toBe(true);
    expect(communes.every((r) => String(r[1]).startsWith('Ủy ban nhân dân'))).toBe(true);
  });

  it('prints the group headings in the Word document', async () => {
    const res = await hqOfficer.get(`/api/cycles/${hqCycle2023}/ranking/export?format=docx`);
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text.indexOf('I. Các cơ quan chuyên môn thuộc UBND huyện')).toBeGreaterThan(0);
    expect(text.indexOf('II. UBND các xã, thị trấn')).toBeGreaterThan(
      text.indexOf('I. Các cơ quan chuyên môn thuộc UBND huyện'),
    );
  });

  it('keeps the groups of a published ranking as published', async () => {
    const set = { ownerUnitId: u['UBND-HQ'], frameworkCode: CODE, year: 2023 };
    const v = (
      await hq.get(`/api/results/groups?ownerUnitId=${set.ownerUnitId}&frameworkCode=${CODE}&year=2023`)
    ).json() as {
      revision: number;
      frozen: boolean;
      groups: { name: string }[];
    };
    expect(v.frozen).toBe(true);
    expect(v.groups.map((g) => g.name)).toEqual(HQ_GROUPS.map((g) => g.name));
    const r = await hq.send('PUT', '/api/results/groups', { ...set, groups: [], baseRevision: v.revision });
    expect(r.statusCode).toBe(409);
    expect((r.json() as { error: { code: string } }).error.code).toBe('RANK_GROUPS_FROZEN');
  });
});

describe('declaring the groups of a set of entered results', () => {
  const fields = { '1': '12', '2': '8', '3': '14', '4': '6', '5': '10', '6': '8', '7': '12', '8': '30' };
  const set = () => ({ ownerUnitId: u['UBND-HQ'], frameworkCode: CODE, year: 2025 });
  const list = async () => {
    const fws = (await hq.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
    const fw = fws.items.find((f) => f.code === CODE)!.id;
    return (
      await hq.get(`/api/results?frameworkId=${fw}&year=2025&ownerUnitId=${u['UBND-HQ']}`)
    ).json() as Ranking & {
      items: { unitId: string }[];
    };
  };

  beforeAll(async () => {
    const fws = (await hq.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
    const fw = fws.items.find((f) => f.code === CODE)!.id;
    // the communes score higher than the offices
    const points: Record<string, string> = { 'HQ-NV': '20', 'HQ-TP': '25', 'HQ-XH': '30', 'HQ-TN': '28' };
    for (const [code, p] of Object.entries(points)) {
      const r = await hq.send('PUT', '/api/results', {
        frameworkId: fw,
        year: 2025,
        unitId: u[code],
        mode: 'fields',
        inputs: { ...fields, '8': p },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
  });

  it('ranks the whole set while it has no groups, then each group from 1 once they are declared', async () => {
    const before = await list();
    expect(before.groups).toEqual([{ key: '', name: '', size: 4 }]);
    expect(before.items.find((i) => i.unitId === u['HQ-TP'])!.rank).toBe(3);
    const saved = await hq.send('PUT', '/api/results/groups', {
      ...set(),
      groups: HQ_GROUPS,
      baseRevision: 0,
      reason: 'Xếp hạng theo nhóm như huyện công bố',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const v = saved.json() as { revision: number; kinds: { kind: string; count: number; group: string }[] };
    expect(v.revision).toBe(1);
    expect(v.kinds.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'commune_committee', count: 2, group: 'commune_committee' },
      { kind: 'office', count: 2, group: 'office' },
    ]);
    const after = await list();
    expect(after.groups.map((g) => [g.name, g.size])).toEqual([
      ['Các cơ quan chuyên môn thuộc UBND huyện', 2],
      ['UBND các xã, thị trấn', 2],
    ]);
    const rankOf = (code: string) => after.items.find((i) => i.unitId === u[code])!;
    expect([rankOf('HQ-TP').rank, rankOf('HQ-NV').rank, rankOf('HQ-XH').rank, rankOf('HQ-TN').rank]).toEqual([
      1, 2, 1, 2,
    ]);
    expect(rankOf('HQ-TP').rankedOf).toBe(2);
    // audited with before and after
    const audit = (await hq.get('/api/audit?entity=rank_groups')).json() as {
      items: { action: string; before: { revision: number }; after: { groups: { name: string }[] } }[];
    };
    const entry = audit.items.find((a) => a.action === 'result.groups');
    expect(entry?.before.revision).toBe(0);
    expect(entry?.after.groups.map((g) => g.name)).toEqual(HQ_GROUPS.map((g) => g.name));
  });

  it('refuses a kind in two groups with the problem in Vietnamese, and a stale revision; nothing changes', async () => {
    const bad = await hq.send('PUT', '/api/results/groups', {
      ...set(),
      groups: [...HQ_GROUPS, { name: 'Phòng và xã', kinds: ['office'] }],
      baseRevision: 1,
    });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { error: { message: string } }).error.message).toContain(
      '“Cơ quan chuyên môn, đơn vị trực thuộc” đã thuộc nhóm 1',
    );
    const stale = await hq.send('PUT', '/api/results/groups', { ...set(), groups: [], baseRevision: 0 });
    expect(stale.statusCode).toBe(409);
    expect((await list()).groups).toHaveLength(2);
  });

  it('another tree can neither read nor change the groups; an officer cannot change them', async () => {
    const q = `/api/results/groups?ownerUnitId=${u['UBND-HQ']}&frameworkCode=${CODE}&year=2025`;
    expect((await cld.get(q)).statusCode).toBe(403);
    const put = await cld.send('PUT', '/api/results/groups', { ...set(), groups: [], baseRevision: 1 });
    expect(put.statusCode).toBe(403);
    expect(
      (await hqOfficer.send('PUT', '/api/results/groups', { ...set(), groups: [], baseRevision: 1 }))
        .statusCode,
    ).toBe(403);
    expect((await list()).groups).toHaveLength(2);
  });
});
