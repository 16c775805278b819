/** The demo's tasks (issue #16 item 8): 82/KH-CAH (seed 000) gives the commune police their reports
 * through Đội Tham mưu by 02/8/2024 — reported done on the day each report was sent, the last one
 * waiting for acceptance, the two that sent nothing overdue — and 91/CAH-TH (seed 001) carries its
 * targets. */
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
    expect(reports.instances).toHaveLength(8);
    // as the report request of the same outline says: who sent reported the task done, who did not is overdue
    const requests = (
      (await district.get('/api/report-requests')).json() as {
        items: { id: string; planNumber: string | null }[];
      }
    ).items;
    const request = requests.find((r) => r.planNumber === '82/KH-CAH')!;
    const rows = (
      (await district.get(`/api/report-requests/${request.id}`)).json() as {
        rows: { unitName: string; status: string }[];
      }
    ).rows;
    const communes = rows.filter(
      (r) => r.unitName.startsWith('Công an xã') || r.unitName.startsWith('Công an thị trấn'),
    );
    expect(communes).toHaveLength(8);
    for (const r of communes)
      expect(r.status === 'sent' ? ['Hoàn thành', 'Chờ xác nhận'] : ['Quá hạn'], r.unitName).toContain(
        by[r.unitName],
      );
    expect(Object.values(by).filter((s) => s === 'Chờ xác nhận')).toHaveLength(1);
    expect(Object.values(by).filter((s) => s === 'Quá hạn').length).toBeGreaterThan(0);
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
