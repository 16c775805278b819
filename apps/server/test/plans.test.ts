/** Plans as records (issue #16 item 1): 82/KH-CAH implements 215/KH-CAT; the province sees which
 * district police have sent their implementing plan and which have not; a unit sees its own row; no
 * other tree sees any of it; what is wrong is refused in Vietnamese and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let province: Client;
let district: Client;
let officer: Client;
let hq: Client;
const ids: Record<string, string> = {};

type Ref = { id: string; number: string; issuingUnitName: string; kindLabel: string };
type Detail = Ref & {
  parent: Ref | null;
  parentNumber: string | null;
  children: Ref[];
  asked: { unitName: string; state: string; stateLabel: string; plan: Ref | null }[];
  askedDueOn: string | null;
  periodFrom: string | null;
  periodTo: string | null;
};
const list = async (c: Client) =>
  ((await c.get('/api/plans')).json() as { items: (Ref & { asked: number; sent: number })[] }).items;
const detail = async (c: Client, id: string) => {
  const r = await c.get(`/api/plans/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Detail;
};

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  province = await t.login('dieuphoi.soctrang');
  district = await t.login('dieuphoi.culaodung');
  officer = await t.login('canbo.culaodung');
  hq = await t.login('dieuphoi.haquang');
  for (const c of ['CAT-ST', 'CAH-CLD', 'CAH-MTU', 'CLD-TT', 'UBND-HQ']) ids[c] = await unitIdByCode(t, c);
}, 300_000);
afterAll(async () => t?.close());

describe('plans as records', () => {
  it('82/KH-CAH implements 215/KH-CAT; the province sees Cù Lao Dung’s as sent and the others as missing', async () => {
    const p215 = (await list(province)).find((p) => p.number === '215/KH-CAT')!;
    expect(p215).toMatchObject({
      kindLabel: 'Kế hoạch',
      issuingUnitName: 'Công an tỉnh Sóc Trăng',
      asked: 11,
      sent: 1,
    });
    const d = await detail(province, p215.id);
    expect(d.askedDueOn).toBe('2024-05-25');
    const by = Object.fromEntries(d.asked.map((a) => [a.unitName, a]));
    expect(by['Công an huyện Cù Lao Dung']).toMatchObject({ state: 'sent', plan: { number: '82/KH-CAH' } });
    expect(by['Công an huyện Mỹ Tú']).toMatchObject({
      state: 'missing',
      stateLabel: 'Chưa gửi (quá hạn)',
      plan: null,
    });
    expect(d.asked.filter((a) => a.state === 'missing')).toHaveLength(10);
    expect(d.children.map((c) => c.number)).toEqual(['82/KH-CAH']);
    const p82 = await detail(district, d.children[0]!.id);
    expect(p82).toMatchObject({
      parentNumber: '215/KH-CAT',
      parent: { number: '215/KH-CAT', issuingUnitName: 'Công an tỉnh Sóc Trăng' },
      periodFrom: '2022-08-01',
      periodTo: '2024-08-01',
    });
  });

  it('a unit asked sees the plan above and only its own row; another tree sees nothing', async () => {
    const p215 = (await list(officer)).find((p) => p.number === '215/KH-CAT')!;
    expect(p215).toMatchObject({ asked: 1, sent: 1 });
    const d = await detail(officer, p215.id);
    expect(d.asked.map((a) => a.unitName)).toEqual(['Công an huyện Cù Lao Dung']);
    const theirs = await list(hq);
    expect(theirs.some((p) => p.issuingUnitName.includes('Công an'))).toBe(false);
    expect((await hq.get(`/api/plans/${p215.id}`)).statusCode).toBe(404);
  });

  it('a plan recorded for another district turns it sent; what is wrong is refused and changes nothing', async () => {
    const p215 = (await list(province)).find((p) => p.number === '215/KH-CAT')!;
    const body = {
      kind: 'ke_hoach',
      number: '40/KH-CAH',
      issuedOn: '2024-05-22',
      issuingUnitId: ids['CAH-MTU'],
      subject: 'Sơ kết Thông tư số 27/2022/TT-BCA tại Công an huyện Mỹ Tú',
      implementsPlanId: p215.id,
    };
    // Cù Lao Dung cannot record Mỹ Tú's plan
    expect((await district.send('POST', '/api/plans', body)).statusCode).toBe(403);
    const before = (await list(province)).length;
    for (const [over, text] of [
      [
        { askedUnitIds: [ids['CAH-CLD']], askedDueOn: '2024-06-01' },
        'không phải đơn vị cấp dưới của Công an huyện Mỹ Tú',
      ],
      [{ askedUnitIds: [ids['CAH-CLD']] }, 'không phải đơn vị cấp dưới'],
      [{ periodFrom: '2024-08-01', periodTo: '2022-08-01' }, 'ngày bắt đầu sau ngày kết thúc'],
    ] as [Record<string, unknown>, string][]) {
      const r = await province.send('POST', '/api/plans', { ...body, ...over });
      expect(r.statusCode, JSON.stringify(over)).toBe(422);
      expect(r.json().error.message).toContain(text);
    }
    const dup = await district.send('POST', '/api/plans', {
      ...body,
      issuingUnitId: ids['CAH-CLD'],
      number: '82/KH-CAH',
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.message).toContain('Công an huyện Cù Lao Dung đã có văn bản số 82/KH-CAH');
    expect((await list(province)).length).toBe(before); // nothing was made
    const ok = await province.send('POST', '/api/plans', body);
    expect(ok.statusCode, ok.body).toBe(200);
    const d = await detail(province, p215.id);
    expect(d.asked.find((a) => a.unitName === 'Công an huyện Mỹ Tú')).toMatchObject({
      state: 'sent',
      plan: { number: '40/KH-CAH' },
    });
    const trail = (await (await t.login('quantri')).get('/api/audit?action=plan.create')).json() as {
      items: unknown[];
    };
    expect(trail.items.length).toBe(6); // the demo's five (with Hà Quảng's 2022 plan) and this one
  });
});
