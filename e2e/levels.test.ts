/** Appraisal one level at a time, in the browser: in a cycle run by Công an tỉnh Sóc Trăng over
 * the commune police, Công an huyện Cù Lao Dung appraises a commune and approves it; the result
 * reaches the province, whose coordinator sends it back with a reason; the district is told. */
import path from 'node:path';
import { leavesOf, parseFrameworkJson } from '@chiso/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../apps/server/src/lib/dates.ts';
import { demoInput } from '../apps/server/src/modules/system/seedCycles.ts';
import { launchBrowser, loginPage as login, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
const pages: Record<string, Page> = {};
let cycleUrl = '';
let assessmentUrl = '';
let unitName = '';
const CLD = 'Công an huyện Cù Lao Dung';

const loginPage = (username: string) => login(browser, server.url, username);
const api = pageApi;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const [k, u] of Object.entries({
    province: 'dieuphoi.soctrang',
    district: 'dieuphoi.culaodung',
    officer: 'canbo.culaodung',
    head: 'truong.culaodung',
  }))
    pages[k] = await loginPage(u);
  // the cycle and one submitted self-assessment, prepared through the same API the screens use
  const p = pages.province!;
  const fws = (await api(p, 'GET', '/api/frameworks')).body as {
    items: { id: string; code: string; status: string }[];
  };
  const fwId = fws.items.find((f) => f.code === 'CCHC-CAX-MAU-2023' && f.status === 'published')!.id;
  const units = (await api(p, 'GET', '/api/units?q=CAT-ST')).body as {
    items: { id: string; code: string }[];
  };
  const st = units.items.find((u) => u.code === 'CAT-ST')!.id;
  const today = todayVn();
  const made = await api(p, 'POST', '/api/cycles', {
    name: 'Chỉ số CCHC năm 2025 — Công an cấp xã tỉnh Sóc Trăng',
    year: 2025,
    frameworkId: fwId,
    ownerUnitId: st,
    unitKinds: ['commune_police'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
      stage: s,
      startsOn: addDays(today, -3),
      dueOn: addDays(today, 7),
    })),
  });
  expect(made.status).toBe(200);
  const cycle = made.body as { id: string; units: { assessmentId: string; unitName: string }[] };
  cycleUrl = `${server.url}/cycles/${cycle.id}`;
  const first = cycle.units[0]!;
  unitName = first.unitName;
  assessmentUrl = `${server.url}/assessments/${first.assessmentId}`;
  expect(
    (await api(p, 'POST', `/api/cycles/${cycle.id}/stages/self_assessment`, { state: 'open' })).status,
  ).toBe(200);
  const fw = (await api(p, 'GET', `/api/frameworks/${fwId}`)).body as { definition: unknown };
  // survey leaves are never typed (they read a campaign's published index)
  for (const l of leavesOf(parseFrameworkJson(fw.definition).framework!).filter(
    (x) => x.rule?.type !== 'survey',
  ))
    expect(
      (
        await api(pages.officer!, 'PUT', `/api/assessments/${first.assessmentId}/items/${l.code}`, {
          text: demoInput(l, 0),
          note: 'Hồ sơ lưu tại đơn vị.',
        })
      ).status,
    ).toBe(200);
  expect((await api(pages.head!, 'POST', `/api/assessments/${first.assessmentId}/submit`, {})).status).toBe(
    200,
  );
  expect((await api(p, 'POST', `/api/cycles/${cycle.id}/stages/appraisal`, { state: 'open' })).status).toBe(
    200,
  );
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('appraisal one level at a time, in the browser', () => {
  it('the district appraises its commune and approves it; the result moves up to the province', async () => {
    const d = pages.district!;
    await d.goto(cycleUrl);
    await d.getByRole('tab', { name: 'Ma trận thẩm định' }).click();
    await d.getByTestId(`approval-${unitName}`).getByText(`Chờ ${CLD} duyệt`).waitFor();
    await d.goto(assessmentUrl);
    await d.getByTestId('approval').getByText(CLD).first().waitFor();
    await d.getByTestId('accept-1.1').click();
    await d.getByTestId('appraisal-1.1').getByText('Chấp nhận', { exact: true }).first().waitFor();
    await d.getByTestId('approve').click();
    await d.getByRole('dialog').getByRole('button', { name: 'Duyệt kết quả thẩm định' }).click();
    await d.getByText('Đã duyệt, chuyển lên cấp trên').first().waitFor();
    await d.getByTestId('approval').getByText('Công an tỉnh Sóc Trăng (đã duyệt đủ các cấp)').waitFor();
    // approved: no more appraising or approving at the district
    expect(await d.getByTestId('approve').count()).toBe(0);
    expect(await d.getByTestId('accept-1.1').count()).toBe(0);
    await d.screenshot({ path: path.join(OUT, 'levels-approved.png'), fullPage: true });
  });

  it('the province sees it arrive and sends it back with a reason; the district is told', async () => {
    const p = pages.province!;
    await p.goto(cycleUrl);
    await p.getByRole('tab', { name: 'Ma trận thẩm định' }).click();
    const cell = p.getByTestId(`approval-${unitName}`);
    await cell.getByText('Đã đến Công an tỉnh Sóc Trăng').waitFor();
    await cell.getByRole('button', { name: 'Trả lại cấp dưới' }).click();
    await p.getByPlaceholder('Lý do (cấp dưới sẽ thấy)').fill('Cần ghi căn cứ chấm tiêu chí 1.1.');
    await p.getByRole('dialog').getByRole('button', { name: 'Trả lại cấp dưới' }).click();
    await p.getByText('Đã trả lại cấp dưới').first().waitFor();
    await cell.getByText(`Chờ ${CLD} duyệt`).waitFor();
    await p.screenshot({ path: path.join(OUT, 'levels-sent-back.png'), fullPage: true });

    const d = pages.district!;
    await d.goto(assessmentUrl);
    await d.getByTestId('approve').waitFor();
    await d.getByTestId('notices').click();
    await d.getByText('trả lại kết quả thẩm định', { exact: false }).first().waitFor();
  });
});
