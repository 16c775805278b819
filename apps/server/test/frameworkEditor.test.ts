/** The framework draft editor (issue #13, item 2): a draft is saved exactly as typed or not at all —
 * a maximum "ba" is refused with every problem listed by criterion code, and nothing is stored; a
 * draft's name, legal basis (with lines marked as examples), classes and list of criteria are edited
 * through the API the editor uses, each save audited; a published version stays frozen; another
 * unit cannot change a framework it does not own. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

interface Criterion {
  code: string;
  title: string;
  max: string;
  children?: Criterion[];
}
interface Def {
  name: string;
  legalBasis: string[];
  totalMax: string;
  bands: { code: string; label: string; minIndex: string; isExample?: boolean }[];
  criteria: Criterion[];
}
type Issue = { criterion: string; message: string; severity: string };

const civil = JSON.parse(
  fs.readFileSync(
    path.resolve(import.meta.dirname, '../../../content/frameworks/civil-district-2021.json'),
    'utf8',
  ),
) as Record<string, unknown>;

let t: TestApp;
let hq: Client; // coordinator, Hà Quảng
let cld: Client; // coordinator, Cù Lao Dung
let id: string;
let systemFw: string;

const detail = async () =>
  (await hq.get(`/api/frameworks/${id}`)).json() as { revision: number; definition: Def };

beforeAll(async () => {
  t = await testApp();
  hq = await t.login('dieuphoi.haquang');
  cld = await t.login('dieuphoi.culaodung');
  const imp = await hq.send('POST', '/api/frameworks/import', {
    ownerUnitId: await unitIdByCode(t, 'UBND-HQ'),
    definition: { ...civil, code: 'CCHC-HQ-SUA-2021' },
  });
  id = (imp.json() as { id: string }).id;
  const list = (await hq.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
  systemFw = list.items.find((f) => f.code === 'CCHC-HUYEN-2021')!.id;
});
afterAll(async () => t?.close());

describe('saving a draft as typed, or not at all', () => {
  it('refuses a maximum "ba" with each problem named by criterion code, and stores nothing', async () => {
    const before = await detail();
    const def = structuredClone(before.definition);
    def.criteria[0]!.children![0]!.max = 'ba';
    const r = await hq.send('PUT', `/api/frameworks/${id}`, {
      definition: def,
      baseRevision: before.revision,
    });
    expect(r.statusCode).toBe(422);
    const err = (r.json() as { error: { code: string; message: string; details: { issues: Issue[] } } })
      .error;
    expect(err.code).toBe('FRAMEWORK_INVALID');
    expect(err.message).toContain('chưa có gì được lưu');
    const code = def.criteria[0]!.children![0]!.code;
    expect(
      err.details.issues.some((i) => i.criterion === code && i.message.includes(`Tiêu chí ${code}`)),
    ).toBe(true);
    expect(err.details.issues.some((i) => i.message.includes('“ba”'))).toBe(true);
    const after = await detail();
    expect(after.revision).toBe(before.revision);
    expect(after.definition).toEqual(before.definition);
  });

  it('refuses a framework whose fields no longer add up to its total, listing every error', async () => {
    const before = await detail();
    const def = structuredClone(before.definition);
    def.criteria[0]!.max = String(Number(def.criteria[0]!.max) + 1);
    def.criteria[1]!.children![0]!.max = '-1';
    const r = await hq.send('PUT', `/api/frameworks/${id}`, {
      definition: def,
      baseRevision: before.revision,
    });
    expect(r.statusCode).toBe(422);
    const issues = (r.json() as { error: { details: { issues: Issue[] } } }).error.details.issues;
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
    expect(issues.map((i) => i.message).join('\n')).toContain('khác tổng điểm tối đa khai báo');
    expect(issues.some((i) => i.criterion === def.criteria[1]!.children![0]!.code)).toBe(true);
    expect((await detail()).revision).toBe(before.revision);
  });

  it('saves the name, legal basis with an example line, classes and a changed list of criteria, audited', async () => {
    const before = await detail();
    const def = structuredClone(before.definition);
    def.name = 'Bộ tiêu chí CCHC huyện Hà Quảng (dự thảo sửa)';
    def.legalBasis = [...def.legalBasis, 'Quyết định số …/QĐ-UBND của UBND tỉnh Cao Bằng (*)'];
    def.bands = [...def.bands, { code: 'MOI', label: 'Mức mới', minIndex: '95,5', isExample: true }];
    // field 1 gets a new criterion 1.9 worth 1 point, taken from its first criterion
    const f1 = def.criteria[0]!;
    const first = f1.children![0]!;
    first.max = String(Number(first.max) - 1);
    f1.children = [
      { code: `${f1.code}.9`, title: 'Tiêu chí mới thêm trên màn hình', max: '1' },
      ...f1.children!,
    ];
    const r = await hq.send('PUT', `/api/frameworks/${id}`, {
      definition: def,
      baseRevision: before.revision,
      reason: 'Sửa trên màn hình',
    });
    expect(r.statusCode, r.body).toBe(200);
    const after = await detail();
    expect(after.revision).toBe(before.revision + 1);
    expect(after.definition.name).toBe(def.name);
    expect(after.definition.legalBasis.at(-1)).toBe('Quyết định số …/QĐ-UBND của UBND tỉnh Cao Bằng (*)');
    expect(after.definition.bands.at(-1)).toEqual({
      code: 'MOI',
      label: 'Mức mới',
      minIndex: '95.5',
      isExample: true,
    });
    expect(after.definition.criteria[0]!.children![0]).toMatchObject({ code: `${f1.code}.9`, max: '1' });
    const audit = (await hq.get('/api/audit?entity=framework')).json() as {
      items: {
        action: string;
        entityId: string;
        reason: string;
        after: { changes: { code: string }[]; framework: Record<string, unknown> };
      }[];
    };
    const entry = audit.items.find((a) => a.action === 'framework.update' && a.entityId === id)!;
    expect(entry.reason).toBe('Sửa trên màn hình');
    expect(entry.after.changes.map((c) => c.code)).toContain(`${f1.code}.9`);
    expect(Object.keys(entry.after.framework)).toEqual(
      expect.arrayContaining(['name', 'legalBasis', 'bands']),
    );
  });

  it('keeps a published version frozen', async () => {
    const d = (await hq.get(`/api/frameworks/${systemFw}`)).json() as { revision: number; definition: Def };
    const admin = await t.login('quantri');
    const r = await admin.send('PUT', `/api/frameworks/${systemFw}`, {
      definition: { ...d.definition, name: 'Đổi tên bản đã ban hành' },
      baseRevision: d.revision,
    });
    expect(r.statusCode).toBe(409);
    expect((r.json() as { error: { code: string } }).error.code).toBe('FRAMEWORK_STATE');
  });

  it('another unit cannot change a framework it does not own', async () => {
    const before = await detail();
    const mine = await cld.send('PUT', `/api/frameworks/${id}`, {
      definition: { ...before.definition, name: 'Sửa trái phép' },
      baseRevision: before.revision,
    });
    // Hà Quảng's draft does not exist for Cù Lao Dung
    expect(mine.statusCode).toBe(404);
    const sys = (await cld.get(`/api/frameworks/${systemFw}`)).json() as {
      revision: number;
      definition: Def;
    };
    const shared = await cld.send('PUT', `/api/frameworks/${systemFw}`, {
      definition: { ...sys.definition, name: 'Sửa trái phép' },
      baseRevision: sys.revision,
    });
    expect(shared.statusCode).toBe(403);
    expect((await detail()).definition.name).toBe(before.definition.name);
  });
});
