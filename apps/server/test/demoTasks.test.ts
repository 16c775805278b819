/** The demo's tasks (issue #16 item 8): 82/KH-CAH (seed 000) gives the commune police their reports
 * through Đội Tham mưu by 02/8/2024 — one accepted on time, one late, one waiting, the others overdue —
 * and 91/CAH-TH (seed 001) carries its targets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let district: Client;
type Task = {
  content: string;
  planNumber: string;
  leadGroup: string | null;
  targetText: string | null;
  receivingUnitName: string;
  instances: { unitName: string; statusLabel: string; lastValue: string | null; targetMet: boolean | null }[];
};

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  district = await t.login('dieuphoi.culaodung');
}, 300_000);
afterAll(async () => t?.close());

describe('demo tasks', () => {
  it('82/KH-CAH: the commune police report through Đội Tham mưu by 02/8/2024', async () => {
    const items = ((await district.get('/api/tasks')).json() as { items: Task[] }).items;
    const reports = items.find(
      (x) => x.planNumber === '82/KH-CAH' && x.leadGroup === 'Công an các xã, thị trấn',
    )!;
    expect(reports.receivingUnitName).toBe('Đội Tham mưu');
    const by = Object.fromEntries(reports.instances.map((i) => [i.unitName, i.statusLabel]));
    expect(by).toMatchObject({
      'Công an thị trấn Cù Lao Dung': 'Hoàn thành',
      'Công an xã An Thạnh 1': 'Hoàn thành muộn',
      'Công an xã An Thạnh 2': 'Chờ xác nhận',
      'Công an xã Đại Ân 1': 'Quá hạn',
    });
    expect(reports.instances).toHaveLength(8);
  });

  it('91/CAH-TH: targets as the directive writes them, reached exactly', async () => {
    const items = ((await district.get('/api/tasks')).json() as { items: Task[] }).items.filter(
      (x) => x.planNumber === '91/CAH-TH',
    );
    expect(items.map((x) => x.targetText)).toEqual(
      expect.arrayContaining([
        '≥ 20 % hồ sơ trả kết quả qua dịch vụ bưu chính công ích',
        '1–2 tin, bài về CCHC mỗi đơn vị',
      ]),
    );
    const post = items.find((x) => x.instances.some((i) => i.lastValue !== null))!;
    expect(post.instances[0]).toMatchObject({
      lastValue: '21.3',
      targetMet: true,
      statusLabel: 'Hoàn thành',
    });
  });
});
