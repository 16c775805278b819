import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/modules/audit/repository.ts';
import ExcelJS from 'exceljs';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

const seedTable = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../packages/domain/test/checkTable/fixtures/seed004-table.csv'),
);
type Issue = { criterion: string; message: string; severity: string };

const civil = JSON.parse(
  fs.readFileSync(
    path.resolve(import.meta.dirname, '../../../content/frameworks/civil-district-2021.json'),
    'utf8',
  ),
) as Record<string, unknown>;
/** Hà Quảng's own copy: the shipped code belongs to the system-wide framework. */
const hqCivil: Record<string, unknown> = { ...civil, code: 'CCHC-HUYEN-HQ-2021' };

let t: TestApp;
let hq: Client;
let officer: Client;
let hqUnit: string;
beforeAll(async () => {
  t = await testApp();
  hq = await t.login('dieuphoi.haquang');
  officer = await t.login('canbo.culaodung');
  hqUnit = await unitIdByCode(t, 'UBND-HQ');
});
afterAll(async () => t?.close());

describe('frameworks', () => {
  it('import as draft → publish (frozen) → clone to a new year → retire, all audited', async () => {
    const imp = await hq.send('POST', '/api/frameworks/import', { ownerUnitId: hqUnit, definition: hqCivil });
    expect(imp.statusCode, imp.body).toBe(200);
    const fw = imp.json() as { id: string; status: string; totalMax: string; version: number };
    // a new code of Hà Quảng: its first version
    expect(fw).toMatchObject({ status: 'draft', totalMax: '99', version: 1 });
    // a draft is not visible to other units
    expect(
      ((await officer.get('/api/frameworks')).json() as { items: { id: string }[] }).items.some(
        (x) => x.id === fw.id,
      ),
    ).toBe(false);
    expect((await officer.get(`/api/frameworks/${fw.id}`)).statusCode).toBe(404);
    const pub = await hq.send('POST', `/api/frameworks/${fw.id}/publish`, {
      reason: 'Quyết định ban hành (ví dụ)',
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect((pub.json() as { status: string }).status).toBe('published');
    // published: readable by everyone, frozen
    const d = (await officer.get(`/api/frameworks/${fw.id}`)).json() as {
      definition: { totalMax: string };
      issues: { severity: string }[];
    };
    expect(d.definition.totalMax).toBe('99');
    expect(d.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((await hq.send('POST', `/api/frameworks/${fw.id}/publish`, {})).statusCode).toBe(409);
    const clone = await hq.send('POST', `/api/frameworks/${fw.id}/clone`, { year: 2022 });
    expect(clone.statusCode, clone.body).toBe(200);
    expect(clone.json()).toMatchObject({ code: 'CCHC-HUYEN-HQ-2022', status: 'draft', yearFrom: 2022 });
    const ret = await hq.send('POST', `/api/frameworks/${fw.id}/retire`, { reason: 'Thay bằng bộ năm 2022' });
    expect((ret.json() as { status: string }).status).toBe('retired');
    const audit = (await hq.get('/api/audit?entity=framework')).json() as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action)).toEqual([
      'framework.retire',
      'framework.create',
      'framework.publish',
      'framework.create',
    ]);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('a framework with errors is refused with messages naming the criterion code, and nothing is stored', async () => {
    const before = ((await hq.get('/api/frameworks')).json() as { items: unknown[] }).items.length;
    const bad = structuredClone(hqCivil) as { criteria: { code: string; max: string }[] };
    bad.criteria[0]!.max = '20';
    const r = await hq.send('POST', '/api/frameworks/import', { ownerUnitId: hqUnit, definition: bad });
    expect(r.statusCode).toBe(422);
    const issues = (r.json() as { error: { details: { issues: { criterion: string; message: string }[] } } })
      .error.details.issues;
    expect(issues.some((i) => i.criterion === '1' && i.message.includes('Tiêu chí 1'))).toBe(true);
    expect(((await hq.get('/api/frameworks')).json() as { items: unknown[] }).items.length).toBe(before);
  });
});

describe('editing a draft', () => {
  it('saves an edit with its revision, reports issues, refuses a stale edit and audits what changed', async () => {
    const imp = await hq.send('POST', '/api/frameworks/import', { ownerUnitId: hqUnit, definition: hqCivil });
    const id = (imp.json() as { id: string }).id;
    const d = (await hq.get(`/api/frameworks/${id}`)).json() as {
      revision: number;
      definition: { criteria: { code: string; max: string; children: { code: string; max: string }[] }[] };
    };
    expect(d.revision).toBe(1);
    const def = structuredClone(d.definition);
    def.criteria[0]!.children[0]!.max = String(Number(def.criteria[0]!.children[0]!.max) + 5);
    const saved = await hq.send('PUT', `/api/frameworks/${id}`, {
      definition: def,
      baseRevision: 1,
      reason: 'Sửa thử',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const body = saved.json() as { revision: number; issues: Issue[] };
    expect(body.revision).toBe(2);
    // children above the parent are capped: a warning naming criterion 1
    expect(body.issues.some((i) => i.criterion === '1' && i.severity === 'warning')).toBe(true);
    // a second edit from revision 1 is stale
    const stale = await hq.send('PUT', `/api/frameworks/${id}`, { definition: def, baseRevision: 1 });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { error: { code: string } }).error.code).toBe('FRAMEWORK_CONFLICT');
    // the code cannot change through an edit
    const renamed = await hq.send('PUT', `/api/frameworks/${id}`, {
      definition: { ...def, code: 'KHAC' },
      baseRevision: 2,
    });
    expect(renamed.statusCode).toBe(422);
    const audit = (await hq.get(`/api/audit?entity=framework`)).json() as {
      items: {
        action: string;
        entityId: string;
        before: { changes: { code: string; max: string }[] };
        after: { changes: { code: string; max: string }[] };
      }[];
    };
    const upd = audit.items.find((a) => a.action === 'framework.update' && a.entityId === id)!;
    const code = def.criteria[0]!.children[0]!.code;
    expect(upd.before.changes).toEqual([{ code, max: expect.any(String) }]);
    expect(upd.after.changes[0]!.code).toBe(code);
    expect(Number(upd.after.changes[0]!.max) - Number(upd.before.changes[0]!.max)).toBe(5);
    // published frameworks are frozen
    await hq.send('PUT', `/api/frameworks/${id}`, { definition: d.definition, baseRevision: 2 });
    expect((await hq.send('POST', `/api/frameworks/${id}/publish`, {})).statusCode).toBe(200);
    const frozen = await hq.send('PUT', `/api/frameworks/${id}`, {
      definition: d.definition,
      baseRevision: 3,
    });
    expect(frozen.statusCode).toBe(409);
    expect((frozen.json() as { error: { code: string } }).error.code).toBe('FRAMEWORK_STATE');
  });
});

describe('framework files', () => {
  it('exports JSON and Excel and imports both back losslessly', async () => {
    const imp = await hq.send('POST', '/api/frameworks/import', { ownerUnitId: hqUnit, definition: hqCivil });
    const id = (imp.json() as { id: string }).id;
    const original = ((await hq.get(`/api/frameworks/${id}`)).json() as { definition: unknown }).definition;
    const json = await hq.get(`/api/frameworks/${id}/export?format=json`);
    expect(json.headers['content-disposition']).toMatch(
      /attachment; filename="CCHC-HUYEN-HQ-2021-v\d+\.json"/,
    );
    const xlsx = await hq.get(`/api/frameworks/${id}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // the criteria sheet: one row per criterion, maxima as numbers
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thông tin chung', 'Tiêu chí', 'Xếp loại']);
    const crit = wb.getWorksheet('Tiêu chí')!;
    const headerRow = [...Array(crit.rowCount).keys()]
      .map((i) => i + 1)
      .find((r) => crit.getCell(r, 1).value === 'Mã tiêu chí')!;
    expect(crit.getCell(headerRow + 1, 1).value).toBe('1');
    expect(crit.getCell(headerRow + 1, 3).value).toBe(16);
    expect(crit.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    for (const [name, buf] of [
      ['khung.json', json.rawPayload],
      ['khung.xlsx', xlsx.rawPayload],
    ] as const) {
      const back = await hq.upload(`/api/frameworks/import-file?ownerUnitId=${hqUnit}`, name, buf);
      expect(back.statusCode, back.body).toBe(200);
      const def = (
        (await hq.get(`/api/frameworks/${(back.json() as { id: string }).id}`)).json() as {
          definition: unknown;
        }
      ).definition;
      expect(def, name).toEqual(original);
    }
  });

  it('a bad Excel file gets a report by sheet, row and column and stores nothing', async () => {
    const imp = await hq.send('POST', '/api/frameworks/import', { ownerUnitId: hqUnit, definition: hqCivil });
    const id = (imp.json() as { id: string }).id;
    const xlsx = await hq.get(`/api/frameworks/${id}/export?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const crit = wb.getWorksheet('Tiêu chí')!;
    let r1 = 0;
    crit.eachRow((row, n) => {
      if (row.getCell(1).value === '1.1') r1 = n;
    });
    crit.getCell(r1, 3).value = 'mười';
    crit.getCell(r1 + 1, 4).value = 'tỷ lệ theo bậc: 50% → 1';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const before = ((await hq.get('/api/frameworks')).json() as { items: unknown[] }).items.length;
    const r = await hq.upload(`/api/frameworks/import-file?ownerUnitId=${hqUnit}`, 'sai.xlsx', buf);
    expect(r.statusCode).toBe(422);
    const errs = (
      r.json() as {
        error: {
          code: string;
          details: { errors: { sheet: string; row: number; column: string; message: string }[] };
        };
      }
    ).error;
    expect(errs.code).toBe('IMPORT_INVALID');
    expect(errs.details.errors).toEqual([
      expect.objectContaining({
        sheet: 'Tiêu chí',
        row: r1,
        column: 'C',
        message: expect.stringContaining('"mười"'),
      }),
    ]);
    expect(((await hq.get('/api/frameworks')).json() as { items: unknown[] }).items.length).toBe(before);
    // once the cells parse, the tier gap is refused by validation, naming the criterion code
    crit.getCell(r1, 3).value = 2;
    crit.getCell(r1, 4).value = 'tỷ lệ theo bậc: 50% → 1 | 100% → 2';
    const gap = await hq.upload(
      `/api/frameworks/import-file?ownerUnitId=${hqUnit}`,
      'gap.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(gap.statusCode).toBe(422);
    const issues = (gap.json() as { error: { details: { issues: Issue[] } } }).error.details.issues;
    expect(issues.some((i) => i.criterion === '1.1' && /khoảng trống từ 0% đến 50%/.test(i.message))).toBe(
      true,
    );
  });
});

describe('checking a published table (API)', () => {
  it('the seed 004 table, transposed: totals 74,56 and 79,5, change 4,94, exactly two findings', async () => {
    const r = await officer.upload('/api/check-table?transpose=true', 'seed004-table.csv', seedTable);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as {
      rows: { label: string; total: string; change: string | null }[];
      findings: { code: string; row: string; stated: string; expected: string }[];
    };
    expect(v.rows.map((x) => x.total)).toEqual(['74,56', '79,5']);
    expect(v.rows[1]!.change).toBe('4,94');
    expect(v.findings.map((f) => f.code).sort()).toEqual(['CHANGE_MISMATCH', 'SCORE_EXCEEDS_MAX']);
    expect(r.body).not.toMatch(/\d\.\d{5,}/);
  });

  it('an unreadable file is a 422 with a Vietnamese message', async () => {
    const r = await officer.upload('/api/check-table', 'x.xlsx', Buffer.from('PK\u0003\u0004garbage'));
    expect(r.statusCode).toBe(422);
    expect((r.json() as { error: { message: string } }).error.message).toMatch(/Không đọc được tệp/);
  });
});

describe('documents over HTTP', () => {
  it('the decision issuing a published framework, as Word; the check report, as Excel', async () => {
    const list = (await officer.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
    const police = list.items.find((f) => f.code === 'TT27-CAH-2022')!;
    const docx = await officer.get(`/api/frameworks/${police.id}/decision?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const rep = await officer.upload(
      '/api/check-table/report?format=xlsx&transpose=true',
      'seed004.csv',
      seedTable,
    );
    expect(rep.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rep.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('Sai sót');
  });
});

describe('adapting a system-wide framework', () => {
  it('a district coordinator clones a shipped framework into a draft of its own unit', async () => {
    const list = (await hq.get('/api/frameworks')).json() as {
      items: { id: string; code: string; ownerUnitId: string | null }[];
    };
    const shipped = list.items.find((f) => f.code === 'CCHC-HUYEN-2021' && f.ownerUnitId === null)!;
    const r = await hq.send('POST', `/api/frameworks/${shipped.id}/clone`, { year: 2023 });
    expect(r.statusCode, r.body).toBe(200);
    // a code of its own: the shipped code followed by Hà Quảng's unit code
    expect(r.json()).toMatchObject({
      code: 'CCHC-HUYEN-2023-UBND-HQ',
      status: 'draft',
      ownerUnitId: hqUnit,
    });
    // the system-wide owner stays out of reach: asking for it explicitly is refused
    const sys = await hq.send('POST', `/api/frameworks/${shipped.id}/clone`, {
      year: 2024,
      ownerUnitId: null,
    });
    expect(sys.statusCode).toBe(403);
    // and the draft is Hà Quảng's own
    expect((await officer.get(`/api/frameworks/${(r.json() as { id: string }).id}`)).statusCode).toBe(404);
  });
});
