/** A ranking set (owner unit, framework code, year) belongs to at most one cycle and holds only that
 * cycle's units: a result entered outside the cycle must leave the set before the cycle is made,
 * and a result taken over by a cycle leaves the set it was in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let hq: Client; // coordinator, UBND huyện Hà Quảng
let admin: Client; // administrator (the level above everything)
let fw: string;
const u: Record<string, string> = {};

const STAGES = ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map(
  (stage) => ({ stage, startsOn: '2023-01-01', dueOn: '2030-12-31' }),
);
const fields = { '1': '12', '2': '8', '3': '14', '4': '6', '5': '10', '6': '8', '7': '12', '8': '30' };

beforeAll(async () => {
  t = await testApp();
  hq = await t.login('dieuphoi.haquang');
  admin = await t.login('quantri');
  for (const c of ['UBND-HQ', 'HQ-XH', 'HQ-NV', 'UBND-CB']) u[c] = await unitIdByCode(t, c);
  const list = (await hq.get('/api/frameworks')).json() as {
    items: { id: string; code: string; status: string }[];
  };
  fw = list.items.find((f) => f.code === 'CCHC-PHONG-XA-MAU-2023' && f.status === 'published')!.id;
});
afterAll(async () => t?.close());

const cycle = (kinds: string[]) =>
  hq.send('POST', '/api/cycles', {
    name: 'Chỉ số CCHC 2023',
    year: 2023,
    frameworkId: fw,
    ownerUnitId: u['UBND-HQ'],
    unitKinds: kinds,
    stages: STAGES,
  });

describe('ranking sets and cycles', () => {
  it('a cycle is refused while its set holds a result of a unit outside it; moving the result frees it', async () => {
    const entered = await hq.send('PUT', '/api/results', {
      frameworkId: fw,
      year: 2023,
      unitId: u['HQ-XH'],
      mode: 'fields',
      inputs: fields,
    });
    expect(entered.statusCode, entered.body).toBe(200);
    const r = (entered.json() as { result: { id: string; ownerUnitId: string; revision: number } }).result;
    expect(r.ownerUnitId).toBe(u['UBND-HQ']);
    const refused = await cycle(['office']);
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { error: { message: string } }).error.message).toContain(
      'Ủy ban nhân dân thị trấn Xuân Hòa',
    );
    const moved = await hq.send('PUT', '/api/results', {
      frameworkId: fw,
      year: 2023,
      unitId: u['HQ-XH'],
      mode: 'fields',
      inputs: fields,
      ownerUnitId: u['HQ-XH'],
      baseRevision: r.revision,
      reason: 'Xếp hạng riêng, ngoài kỳ đánh giá của các phòng',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const made = await cycle(['office']);
    expect(made.statusCode, made.body).toBe(200);
  });

  it('a second cycle of the same owner, framework and year is refused (one set, one cycle)', async () => {
    const second = await cycle(['commune_committee']);
    expect(second.statusCode).toBe(409);
    expect((second.json() as { error: { message: string } }).error.message).toMatch(/mỗi bảng xếp hạng/);
  });

  it('a set run by a cycle refuses results entered from outside it, even from the level above', async () => {
    const body = { frameworkId: fw, year: 2023, unitId: u['HQ-NV'], mode: 'fields', inputs: fields };
    // default owner: the nearest unit above (Hà Quảng), whose set is the cycle's
    const r = await admin.send('PUT', '/api/results', body);
    expect(r.statusCode).toBe(409);
    expect((r.json() as { error: { code: string } }).error.code).toBe('RESULT_SET_OF_CYCLE');
    // the province keeps a ranking of its own of the same units
    const own = await admin.send('PUT', '/api/results', { ...body, ownerUnitId: u['UBND-CB'] });
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as { result: { ownerUnitId: string } }).result.ownerUnitId).toBe(u['UBND-CB']);
  });
});
