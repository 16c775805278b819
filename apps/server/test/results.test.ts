/** Results per unit and year: entry with text inputs read by each leaf's rule, the engine's figures
 * stored exactly, ranks with ties across the set, the result card (lost points, change), import
 * from a sheet (all or nothing), and who may see and change what. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/modules/audit/repository.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let province: Client; // coordinator, Công an tỉnh Sóc Trăng
let cldCoord: Client; // coordinator, Công an huyện Cù Lao Dung
let cldOfficer: Client;
let caobang: Client; // leader, UBND tỉnh Cao Bằng (covers Hà Quảng)
let police: string;
let civil: string;
const u: Record<string, string> = {};

type Card = {
  result: {
    id: string;
    total: string;
    index: string;
    bandLabel: string | null;
    rank: number;
    revision: number;
  };
  rankedOf: number;
  lost: { code: string; lost: string }[];
  tree: {
    code: string;
    points: string;
    explanation: string;
    children: { code: string; points: string; explanation: string; input: string }[];
  }[];
  previous: null | {
    year: number;
    totalChange: string;
    indexChange: string;
    fields: { code: string; change: string | null }[];
  };
};

/** A full set of police inputs, as typed. */
const inputs = (over: Record<string, string> = {}) => ({
  '1.1': '45/50',
  '1.2': '1',
  '1.3': '10/10',
  '1.4': '1,75',
  '2': '7,5',
  '3.1': '97/100',
  '3.2': '30/100',
  '4': '8',
  '5.1': '0',
  '5.2': '5,25',
  '6': '6',
  '7': '12,5',
  '8.1': '96,4',
  ...over,
});

beforeAll(async () => {
  t = await testApp();
  province = await t.login('dieuphoi.soctrang');
  cldCoord = await t.login('dieuphoi.culaodung');
  cldOfficer = await t.login('canbo.culaodung');
  caobang = await t.login('lanhdao.caobang');
  for (const c of ['CAH-CLD', 'CAH-VCH', 'CAH-NNA', 'CAH-KSA', 'UBND-HQ', 'HQ-NV'])
    u[c] = await unitIdByCode(t, c);
  const list = (await province.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
  police = list.items.find((f) => f.code === 'TT27-CAH-2022')!.id;
  civil = list.items.find((f) => f.code === 'CCHC-HUYEN-2021')!.id;
});
afterAll(async () => t?.close());

const enter = (
  c: Client,
  unit: string,
  year: number,
  over: Record<string, string> = {},
  extra: object = {},
) =>
  c.send('PUT', '/api/results', {
    frameworkId: police,
    year,
    unitId: u[unit],
    mode: 'leaves',
    inputs: inputs(over),
    ...extra,
  });

describe('the demo result of Hà Quảng, 2021 (seed 004, by field)', () => {
  it('total 79,5 of 99, index 80,30, lost points largest first', async () => {
    const list = (await caobang.get(`/api/results?frameworkId=${civil}&year=2021`)).json() as {
      items: { id: string; total: string; index: string; rank: number; applicableMax: string }[];
    };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ total: '79.5', applicableMax: '99', index: '80.30', rank: 1 });
    const card = (await caobang.get(`/api/results/${list.items[0]!.id}`)).json() as Card;
    expect(card.lost.map((l) => [l.code, l.lost])).toEqual([
      ['3', '8'],
      ['5', '6'],
      ['1', '3'],
      ['7', '2.5'],
    ]);
    expect(card.previous).toBeNull();
  });
});

describe('entering results', () => {
  it('computes exactly from typed inputs and explains each number', async () => {
    const r = await enter(province, 'CAH-CLD', 2023);
    expect(r.statusCode, r.body).toBe(200);
    const card = r.json() as Card;
    // 1.1: 45/50 = 90 % of 4 = 3,6; 1.2: 3 − 0,5 = 2,5; 1.3: 3; 1.4: 1,75 → field 1 = 10,85
    const f1 = card.tree.find((n) => n.code === '1')!;
    expect(f1.points).toBe('10.85');
    expect(f1.children.find((c) => c.code === '1.1')).toMatchObject({ points: '3.6', input: '45/50' });
    expect(f1.children.find((c) => c.code === '1.1')!.explanation).toMatch(/45/);
    // 8.1: 96,4 % of 18 = 17,352 → 17,35 (half-up)
    expect(card.tree.find((n) => n.code === '8')!.points).toBe('17.35');
    expect(r.body).not.toMatch(/\d\.\d*(0000|9999)\d/);
    expect(card.tree.find((n) => n.code === '1')!.children[0]!.explanation).not.toMatch(/làm tròn/);
    expect(card.result.bandLabel).toBeTruthy();
  });

  it('ranks ties equally and skips the next rank', async () => {
    expect((await enter(province, 'CAH-VCH', 2023)).statusCode).toBe(200);
    expect((await enter(province, 'CAH-NNA', 2023, { '7': '10' })).statusCode).toBe(200);
    const list = (await province.get(`/api/results?frameworkId=${police}&year=2023`)).json() as {
      items: { unitName: string; index: string; rank: number }[];
      rankedOf: number;
    };
    expect(list.rankedOf).toBe(3);
    expect(list.items.map((i) => i.rank)).toEqual([1, 1, 3]);
    expect(list.items[2]!.unitName).toBe('Công an thị xã Ngã Năm');
  });

  it('refuses bad input with Vietnamese messages naming the criterion, storing nothing', async () => {
    const before = (
      (await province.get(`/api/results?frameworkId=${police}&year=2023`)).json() as { items: unknown[] }
    ).items.length;
    const r = await enter(province, 'CAH-KSA', 2023, { '2': '9', '3.1': '101/100', '9.9': '1' });
    expect(r.statusCode).toBe(422);
    const errs = (
      r.json() as { error: { code: string; details: { errors: { code: string; message: string }[] } } }
    ).error;
    expect(errs.code).toBe('RESULT_INVALID');
    expect(errs.details.errors.map((e) => e.code).sort()).toEqual(['2', '3.1', '9.9']);
    expect(errs.details.errors.find((e) => e.code === '2')!.message).toMatch(
      /Tiêu chí 2: 9 điểm nằm ngoài khoảng 0–8/,
    );
    expect(
      ((await province.get(`/api/results?frameworkId=${police}&year=2023`)).json() as { items: unknown[] })
        .items,
    ).toHaveLength(before);
    // a framework that does not apply to the unit's kind, a year outside the framework
    const kind = await province.send('PUT', '/api/results', {
      frameworkId: civil,
      year: 2021,
      unitId: u['CAH-KSA'],
      mode: 'fields',
      inputs: {},
    });
    expect(kind.statusCode).toBe(422);
    expect((kind.json() as { error: { code: string } }).error.code).toBe('FRAMEWORK_NOT_APPLICABLE');
    const year = await enter(province, 'CAH-KSA', 2019);
    expect(year.statusCode).toBe(400);
    expect((year.json() as { error: { message: string } }).error.message).toMatch(
      /không áp dụng cho năm 2019/,
    );
  });

  it('a correction needs the current revision and a reason, and the audit keeps before and after', async () => {
    const first = (await province.get(`/api/results?frameworkId=${police}&year=2023`)).json() as {
      items: { id: string; unitId: string; revision: number; total: string }[];
    };
    const cld = first.items.find((i) => i.unitId === u['CAH-CLD'])!;
    const noRev = await enter(province, 'CAH-CLD', 2023, { '2': '8' }, { reason: 'Bổ sung minh chứng' });
    expect(noRev.statusCode).toBe(409);
    const noReason = await enter(province, 'CAH-CLD', 2023, { '2': '8' }, { baseRevision: cld.revision });
    expect(noReason.statusCode).toBe(422);
    const ok = await enter(
      province,
      'CAH-CLD',
      2023,
      { '2': '8' },
      { baseRevision: cld.revision, reason: 'Bổ sung minh chứng' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const card = ok.json() as Card;
    expect(Number(card.result.total) - Number(cld.total)).toBeCloseTo(0.5, 10);
    expect(card.result.rank).toBe(1);
    const audit = (await province.get('/api/audit?entity=unit_result')).json() as {
      items: {
        action: string;
        entityId: string;
        before: { inputs: Record<string, string> };
        after: { inputs: Record<string, string> };
        reason: string;
      }[];
    };
    const upd = audit.items.find((a) => a.action === 'result.update' && a.entityId === cld.id)!;
    expect(upd.before.inputs['2']).toBe('7,5');
    expect(upd.after.inputs['2']).toBe('8');
    expect(upd.reason).toBe('Bổ sung minh chứng');
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('the next year shows the change per field and overall', async () => {
    const r = await enter(province, 'CAH-CLD', 2024, { '2': '6' });
    const card = r.json() as Card;
    expect(card.previous).toMatchObject({ year: 2023, totalChange: '-2' });
    expect(card.previous!.fields.find((f) => f.code === '2')!.change).toBe('-2');
    expect(card.previous!.fields.find((f) => f.code === '1')!.change).toBe('0');
  });
});

describe('who sees and changes results', () => {
  it('a district sees its own result, not another district’s; it cannot enter results', async () => {
    const list = (await cldOfficer.get(`/api/results?frameworkId=${police}&year=2023`)).json() as {
      items: { id: string; unitId: string }[];
      rankedOf: number;
    };
    expect(list.items.map((i) => i.unitId)).toEqual([u['CAH-CLD']]);
    expect(list.rankedOf).toBe(3);
    const all = (await province.get(`/api/results?frameworkId=${police}&year=2023`)).json() as {
      items: { id: string; unitId: string }[];
    };
    const vch = all.items.find((i) => i.unitId === u['CAH-VCH'])!;
    expect((await cldOfficer.get(`/api/results/${vch.id}`)).statusCode).toBe(404);
    expect((await cldOfficer.get(`/api/results/${list.items[0]!.id}`)).statusCode).toBe(200);
    expect((await enter(cldOfficer, 'CAH-CLD', 2023)).statusCode).toBe(403);
    const cross = await enter(cldCoord, 'CAH-VCH', 2023, {}, { baseRevision: 1, reason: 'x' });
    expect(cross.statusCode).toBe(403);
  });
});

describe('ranking sets', () => {
  type List = {
    sets: { ownerUnitId: string; count: number }[];
    ownerUnitId: string | null;
    rankedOf: number;
    items: { unitId: string; rank: number; rankedOf: number; ownerName: string }[];
  };
  it('a result joins the ranking of the unit chosen on entry; ranks and k/N count that set only', async () => {
    const a = await enter(province, 'CAH-CLD', 2022);
    expect(a.statusCode, a.body).toBe(200);
    // default owner: the nearest unit above within the writer's scope (the province)
    expect((a.json() as { result: { ownerName: string } }).result.ownerName).toBe('Công an tỉnh Sóc Trăng');
    expect((await enter(province, 'CAH-VCH', 2022, { '7': '10' })).statusCode).toBe(200);
    // the same writer may keep a unit's result in a ranking of its own (here the unit itself)
    const own = await enter(province, 'CAH-NNA', 2022, { '7': '5' }, { ownerUnitId: u['CAH-NNA'] });
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as { result: { rank: number; rankedOf: number } }).result).toMatchObject({
      rank: 1,
      rankedOf: 1,
    });
    const l = (await province.get(`/api/results?frameworkId=${police}&year=2022`)).json() as List;
    expect(l.sets.map((x) => x.count).sort()).toEqual([1, 2]);
    expect(l.rankedOf).toBe(2);
    expect(l.items.map((i) => [i.rank, i.rankedOf])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const other = (
      await province.get(`/api/results?frameworkId=${police}&year=2022&ownerUnitId=${u['CAH-NNA']}`)
    ).json() as List;
    expect(other.items.map((i) => i.unitId)).toEqual([u['CAH-NNA']]);
  });

  it('a ranking outside the writer’s units is refused; a lower level cannot change a higher level’s set', async () => {
    const before = (await province.get(`/api/results?frameworkId=${police}&year=2022`)).json() as List;
    const out = await enter(province, 'CAH-KSA', 2022, {}, { ownerUnitId: u['UBND-HQ'] });
    expect(out.statusCode).toBe(400);
    expect(out.body).not.toContain('Hà Quảng');
    // Cù Lao Dung's coordinator may write its own unit, but the result sits in the province's ranking
    const cld = before.items.find((i) => i.unitId === u['CAH-CLD'])! as unknown as { revision: number };
    const low = await enter(
      cldCoord,
      'CAH-CLD',
      2022,
      { '2': '8' },
      { baseRevision: cld.revision, reason: 'x' },
    );
    expect(low.statusCode).toBe(403);
    expect((await province.get(`/api/results?frameworkId=${police}&year=2022`)).json()).toEqual(before);
  });
});

describe('importing results from a sheet', () => {
  it('the template lists the writer’s units; a filled template imports; a bad cell changes nothing', async () => {
    const tpl = await province.get(`/api/results/template?frameworkId=${police}&year=2025&mode=leaves`);
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'Mã đơn vị') header = n;
    });
    const codes: string[] = [];
    for (let r = header + 1; r <= ws.rowCount; r++) codes.push(String(ws.getCell(r, 1).value));
    expect(codes).toContain('CAH-CLD');
    expect(codes).toHaveLength(11); // the eleven district police of Sóc Trăng, nothing else
    // the district's coordinator sees only its own district in its template
    const own = await cldCoord.get(`/api/results/template?frameworkId=${police}&year=2025&mode=leaves`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    const ws2 = wb2.worksheets[0]!;
    expect(ws2.getCell(ws2.rowCount, 1).value).toBe('CAH-CLD');
    expect(ws2.rowCount).toBe(header + 1);

    const headerCells = (ws.getRow(header).values as unknown[]).slice(1).map(String);
    const col = (code: string) => headerCells.findIndex((h) => h.startsWith(code + ' ')) + 1;
    const fill = (row: number, values: Record<string, string>) => {
      for (const [code, v] of Object.entries(values)) ws.getCell(row, col(code)).value = v;
    };
    fill(header + 1, inputs());
    fill(header + 2, inputs({ '1.1': '50/50' }));
    ws.getCell(header + 3, col('3.1')).value = 'chín mươi';
    const bad = await province.upload(
      `/api/results/import?frameworkId=${police}&year=2025&mode=leaves`,
      'ket-qua.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(bad.statusCode).toBe(422);
    const errors = (
      bad.json() as { error: { details: { errors: { row: number; column: string; message: string }[] } } }
    ).error.details.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: header + 3 });
    expect(errors[0]!.message).toMatch(/Tiêu chí 3.1: ghi tỷ lệ dạng "tử số\/mẫu số"/);
    expect(
      ((await province.get(`/api/results?frameworkId=${police}&year=2025`)).json() as { items: unknown[] })
        .items,
    ).toEqual([]);
    ws.getCell(header + 3, col('3.1')).value = null;
    const good = await province.upload(
      `/api/results/import?frameworkId=${police}&year=2025&mode=leaves`,
      'ket-qua.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(good.statusCode, good.body).toBe(200);
    // rows left empty leave their units as they are (an empty row never wipes a result)
    expect(good.json()).toEqual({ saved: 2, unchanged: 0, skipped: 9 });
    const list = (await province.get(`/api/results?frameworkId=${police}&year=2025`)).json() as {
      items: { unitCode: string; rank: number; rankedOf: number; missing: number; total: string }[];
    };
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toMatchObject({ rank: 1, rankedOf: 2, missing: 0 });
  });

  it('a file with no criterion column is refused and changes nothing', async () => {
    const url = `/api/results?frameworkId=${police}&year=2025`;
    const before = (await province.get(url)).json() as unknown;
    const r = await province.upload(
      `/api/results/import?frameworkId=${police}&year=2025&mode=leaves`,
      'kq.csv',
      'Mã đơn vị,Tên đơn vị\nCAH-CLD,Công an huyện Cù Lao Dung\nCAH-VCH,Vĩnh Châu\n',
    );
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Không có cột tiêu chí nào');
    expect((await province.get(url)).json()).toEqual(before);
  });

  it('changing existing results needs the revision of the template and a reason; a stale file is refused', async () => {
    const url = `/api/results?frameworkId=${police}&year=2025`;
    const importUrl = `/api/results/import?frameworkId=${police}&year=2025&mode=leaves`;
    const stored = (await province.get(url)).json() as {
      items: { unitCode: string; unitId: string; total: string; revision: number }[];
    };
    const target = stored.items[0]!;
    // a hand-made file without revisions cannot overwrite what exists
    const header = 'Mã đơn vị,Tên đơn vị,' + Object.keys(inputs()).join(',');
    const row = (over: Record<string, string> = {}) =>
      `${target.unitCode},x,` +
      Object.values(inputs(over))
        .map((v) => `"${v}"`)
        .join(',');
    const blind = await province.upload(importUrl, 'kq.csv', `${header}\n${row({ '2': '1' })}\n`);
    expect(blind.statusCode).toBe(422);
    expect(blind.body).toContain('Phiên bản');
    // the template carries each result's revision
    const tpl = await province.get(`/api/results/template?frameworkId=${police}&year=2025&mode=leaves`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let h = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === 'Mã đơn vị') h = n;
    });
    const headers = (ws.getRow(h).values as unknown[]).slice(1).map(String);
    const revCol = headers.indexOf('Phiên bản') + 1;
    expect(revCol).toBeGreaterThan(2);
    let line = 0;
    for (let r = h + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === target.unitCode) line = r;
    expect(Number(ws.getCell(line, revCol).value)).toBe(target.revision);
    const col2 = headers.findIndex((x) => x.startsWith('2 ')) + 1;
    ws.getCell(line, col2).value = '1';
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const noReason = await province.upload(importUrl, 'kq.xlsx', file);
    expect(noReason.statusCode).toBe(422);
    expect((noReason.json() as { error: { code: string } }).error.code).toBe('REASON_REQUIRED');
    expect((await province.get(url)).json()).toEqual(stored);
    const ok = await province.upload(
      `${importUrl}&reason=${encodeURIComponent('Đính chính số liệu')}`,
      'kq.xlsx',
      file,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ saved: 1, unchanged: 1 });
    const audit = (await province.get('/api/audit?entity=unit_result&limit=5')).json() as {
      items: { action: string; entityId: string; reason: string }[];
    };
    expect(audit.items[0]).toMatchObject({ action: 'result.update', reason: 'Đính chính số liệu' });
    // the same file again: its revision is now stale
    const stale = await province.upload(`${importUrl}&reason=lai`, 'kq.xlsx', file);
    expect(stale.statusCode).toBe(422);
    expect(stale.body).toContain('đã được sửa sau khi tải tệp mẫu');
  });

  it('recomputing a whole set from stored inputs gives the same figures and ranks', async () => {
    const url = `/api/results?frameworkId=${police}&year=2023`;
    const before = (await province.get(url)).json() as { items: unknown[] };
    const n = await t.app.services.results.recomputeAll(police, 2023);
    expect(n).toBe(3);
    const after = (await province.get(url)).json() as { items: { updatedAt: string }[] };
    const strip = (xs: unknown[]) => xs.map((x) => ({ ...(x as object), updatedAt: '' }));
    expect(strip(after.items)).toEqual(strip(before.items));
  });
});
