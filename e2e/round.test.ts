/** The round without friction (issue #13), in the browser: a district coordinator is told why it is
 * not offered to appraise (who opens the stage, and when); the province opens it and is told who was
 * notified; a unit answers a request for supplementation while appraisal is open; a refused
 * "Chấm lại" keeps its dialog and text; a published cycle shows every stage closed, and the
 * self-assessment page fits a 390 px phone. */
import path from 'node:path';
import { formatDateVi, leavesOf, parseFrameworkJson, type Criterion } from '@chiso/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../apps/server/src/lib/dates.ts';
import { demoInput } from '../apps/server/src/modules/system/seedCycles.ts';
import {
  launchBrowser,
  loginPage as login,
  OUT,
  pageApi as api,
  startServer,
  type Running,
} from './server.ts';

let server: Running;
let browser: Browser;
const pages: Record<string, Page> = {};
let cycleId = '';
let assessmentId = '';
let leaves: Criterion[] = [];
const today = todayVn();
const ST = 'Công an tỉnh Sóc Trăng';

const loginPage = (username: string) => login(browser, server.url, username);
const shot = (p: Page, name: string) => p.screenshot({ path: path.join(OUT, name), fullPage: true });
/** The page is no wider than its window (tables scroll inside their own box). */
const overflow = (p: Page) =>
  p.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;

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
  const p = pages.province!;
  const fws = (await api(p, 'GET', '/api/frameworks')).body as {
    items: { id: string; code: string; status: string }[];
  };
  const fwId = fws.items.find((f) => f.code === 'CCHC-CAX-MAU-2023' && f.status === 'published')!.id;
  const units = (await api(p, 'GET', '/api/units?q=CAT-ST')).body as {
    items: { id: string; code: string }[];
  };
  // appraisal planned in four days, supplementation after it
  const made = await api(p, 'POST', '/api/cycles', {
    name: 'Chỉ số CCHC năm 2025 — Công an cấp xã tỉnh Sóc Trăng',
    year: 2025,
    frameworkId: fwId,
    ownerUnitId: units.items.find((u) => u.code === 'CAT-ST')!.id,
    unitKinds: ['commune_police'],
    stages: [
      { stage: 'self_assessment', startsOn: addDays(today, -3), dueOn: addDays(today, 2) },
      { stage: 'appraisal', startsOn: addDays(today, 4), dueOn: addDays(today, 10) },
      { stage: 'supplementation', startsOn: addDays(today, 11), dueOn: addDays(today, 15) },
      { stage: 'finalisation', startsOn: addDays(today, 16), dueOn: addDays(today, 18) },
      { stage: 'publication', startsOn: addDays(today, 19), dueOn: addDays(today, 20) },
    ],
  });
  expect(made.status).toBe(200);
  const cycle = made.body as { id: string; units: { assessmentId: string }[] };
  cycleId = cycle.id;
  assessmentId = cycle.units[0]!.assessmentId;
  expect(
    (await api(p, 'POST', `/api/cycles/${cycleId}/stages/self_assessment`, { state: 'open' })).status,
  ).toBe(200);
  const fw = (await api(p, 'GET', `/api/frameworks/${fwId}`)).body as { definition: unknown };
  leaves = leavesOf(parseFrameworkJson(fw.definition).framework!);
  // survey leaves are never typed (they read a campaign's published index)
  for (const l of leaves.filter((x) => x.rule?.type !== 'survey'))
    expect(
      (
        await api(pages.officer!, 'PUT', `/api/assessments/${assessmentId}/items/${l.code}`, {
          text: demoInput(l, 0),
          note: 'Hồ sơ lưu tại đơn vị.',
        })
      ).status,
    ).toBe(200);
  expect((await api(pages.head!, 'POST', `/api/assessments/${assessmentId}/submit`, {})).status).toBe(200);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the round, in the browser', () => {
  it('a district coordinator sees why appraising is not offered: who opens the stage, and when', async () => {
    const d = pages.district!;
    await d.goto(`${server.url}/assessments/${assessmentId}`);
    const why = `Chờ ${ST} mở giai đoạn “Thẩm định”, dự kiến ${formatDateVi(addDays(today, 4))}.`;
    await d.getByTestId('blocked').getByText(why).waitFor();
    expect(await d.getByTestId(`accept-${leaves[0]!.code}`).count()).toBe(0);
    expect(await d.getByTestId('approve').count()).toBe(0);
    await shot(d, 'round-blocked-1440.png');
    await d.goto(`${server.url}/cycles/${cycleId}`);
    await d.getByTestId('cycle-waiting').getByText(why).waitFor();
  });

  it('the province opens appraisal and is told who was notified; the unit answers a request while appraisal is open', async () => {
    const p = pages.province!;
    await p.goto(`${server.url}/cycles/${cycleId}`);
    await p.getByTestId('open-appraisal').click();
    await p.getByText('Đã mở giai đoạn “Thẩm định” và báo cho', { exact: false }).waitFor();
    await p.getByTestId('stage-state-appraisal').getByText('Mở bởi', { exact: false }).waitFor();
    await shot(p, 'round-stage-opened-1440.png');

    const d = pages.district!;
    const code = leaves[0]!.code;
    await d.goto(`${server.url}/assessments/${assessmentId}`);
    await d.getByTestId(`supplement-${code}`).click();
    await d.getByTestId('appraise-message').fill('Bổ sung kế hoạch có chữ ký, đóng dấu.');
    await d
      .getByRole('dialog')
      .getByText(`Hạn giải trình trong khoảng ${formatDateVi(today)} – ${formatDateVi(addDays(today, 15))}`)
      .waitFor();
    await d.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
    await d.getByTestId(`appraisal-${code}`).getByText('Yêu cầu giải trình').first().waitFor();
    await d
      .getByTestId(`appraisal-${code}`)
      .getByText(formatDateVi(addDays(today, 5)), { exact: false })
      .waitFor();

    // the supplementation stage has not opened: the unit answers all the same
    const c = (await api(d, 'GET', `/api/cycles/${cycleId}`)).body as {
      stages: { stage: string; state: string }[];
    };
    expect(c.stages.find((s) => s.stage === 'supplementation')!.state).toBe('pending');
    const o = pages.officer!;
    await o.goto(`${server.url}/assessments/${assessmentId}`);
    await o.getByTestId('next-step').getByText('Có 1 yêu cầu giải trình', { exact: false }).waitFor();
    await o.getByTestId(`answer-${code}`).click();
    await o.getByTestId('answer-text').fill('Đã bổ sung Kế hoạch số 12/KH-CAX có chữ ký.');
    await o.getByRole('button', { name: 'Gửi giải trình' }).click();
    await o.getByTestId(`appraisal-${code}`).getByText('Đơn vị đã giải trình').waitFor();
    await shot(o, 'round-answered-1440.png');
  });

  it('a refused "Chấm lại" keeps its dialog and what was typed, and says why', async () => {
    const d = pages.district!;
    const code = leaves[1]!.code;
    await d.goto(`${server.url}/assessments/${assessmentId}`);
    await d.getByTestId(`set-${code}`).click();
    await d.getByTestId('appraise-text').fill('ba phẩy năm');
    await d.getByTestId('appraise-reason').fill('Thiếu một báo cáo quý.');
    await d.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
    const dialog = d.getByRole('dialog');
    await dialog.getByTestId('dialog-error').getByText(`Tiêu chí ${code}`, { exact: false }).waitFor();
    expect(await d.getByTestId('appraise-text').inputValue()).toBe('ba phẩy năm');
    expect(await d.getByTestId('appraise-reason').inputValue()).toBe('Thiếu một báo cáo quý.');
    await shot(d, 'round-set-refused-1440.png');
    // corrected in place, it saves
    await d.getByTestId('appraise-text').fill(demoInput(leaves[1]!, 0));
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await d.getByTestId(`appraisal-${code}`).getByText('Chấm lại').waitFor();
    await d.getByTestId('appraise-text').waitFor({ state: 'detached' });
  });

  it('the self-assessment fits a 390 px phone: no sideways scroll of the page', async () => {
    const o = pages.officer!;
    await o.setViewportSize({ width: 390, height: 844 });
    await o.goto(`${server.url}/assessments/${assessmentId}`);
    await o.getByTestId(`appraisal-${leaves[0]!.code}`).waitFor();
    expect(await overflow(o)).toBeLessThanOrEqual(0);
    await shot(o, 'round-assessment-390.png');
    await o.setViewportSize({ width: 1440, height: 900 });
  });

  it('a published cycle shows every stage closed, and the unit its published state', async () => {
    const o = pages.officer!;
    const list = (await api(o, 'GET', '/api/cycles')).body as {
      items: { id: string; status: string; myUnits: { assessmentId: string }[] }[];
    };
    const pub = list.items.find((c) => c.status === 'published' && c.myUnits.length)!;
    await o.goto(`${server.url}/cycles/${pub.id}`);
    await o.getByTestId('stage-state-publication').getByText('Đã đóng').waitFor();
    for (const s of ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'])
      expect(await o.getByTestId(`stage-state-${s}`).innerText()).toContain('Đã đóng');
    expect(await o.getByText('Đang mở', { exact: true }).count()).toBe(0);
    await shot(o, 'round-published-1440.png');
    await o.goto(`${server.url}/assessments/${pub.myUnits[0]!.assessmentId}`);
    await o.getByTestId('next-step').getByText('Kỳ đánh giá đã công bố kết quả').waitFor();
    expect(
      await o
        .getByText('còn', { exact: false })
        .filter({ hasText: /còn \d+ ngày/ })
        .count(),
    ).toBe(0);
    await o.setViewportSize({ width: 390, height: 844 });
    await o.reload();
    await o.getByTestId('next-step').waitFor();
    expect(await overflow(o)).toBeLessThanOrEqual(0);
    await shot(o, 'round-published-assessment-390.png');
    await o.setViewportSize({ width: 1440, height: 900 });
  });
});
