import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/modules/audit/repository.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

const civil = JSON.parse(
  fs.readFileSync(
    path.resolve(import.meta.dirname, '../../../content/frameworks/civil-district-2021.json'),
    'utf8',
  ),
) as Record<string, unknown>;

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
    const imp = await hq.send('POST', '/api/frameworks/import', { ownerUnitId: hqUnit, definition: civil });
    expect(imp.statusCode, imp.body).toBe(200);
    const fw = imp.json() as { id: string; status: string; totalMax: string; version: number };
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
    expect(clone.json()).toMatchObject({ code: 'CCHC-HUYEN-2022', status: 'draft', yearFrom: 2022 });
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
    const bad = structuredClone(civil) as { criteria: { code: string; max: string }[] };
    bad.criteria[0]!.max = '20';
    const r = await hq.send('POST', '/api/frameworks/import', { ownerUnitId: hqUnit, definition: bad });
    expect(r.statusCode).toBe(422);
    const issues = (r.json() as { error: { details: { issues: { criterion: string; message: string }[] } } })
      .error.details.issues;
    expect(issues.some((i) => i.criterion === '1' && i.message.includes('Tiêu chí 1'))).toBe(true);
    expect(((await hq.get('/api/frameworks')).json() as { items: unknown[] }).items.length).toBe(before);
  });
});
