/** Activity records and a counted criterion in Chromium on the demo (issue #16 item 3): Cù Lao Dung's
 * officer records a planned inspection on "Hoạt động" beside the demo's three (two done); the
 * province's coordinator runs a TT27 cycle for the district police and binds its criterion 1.3 "Kiểm
 * tra CCHC" to inspections done ÷ planned on the cycle's "Tính từ số liệu" tab; Cù Lao Dung's
 * self-assessment offers 3/4 (2,25 points) with links to the four inspections, takes it in one click, and
 * a link opens the record. Screenshots at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let officer: Page;
let province: Page;
let cycleId = '';
let assessmentId = '';
let cldId = '';
const YEAR = 2024; // the framework TT27-CAH-2022 applies 2022–2025

/** yyyy-mm-dd of today + n days in Asia/Ho_Chi_Minh. */
function isoDay(n: number): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const pageWidth = (p: Page) => p.evaluate('document.documentElement.scrollWidth') as Promise<number>;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUT, `${name}-1440.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(OUT, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  officer = await loginPage(browser, server.url, 'canbo.culaodung');
  province = await loginPage(browser, server.url, 'dieuphoi.soctrang');
  const units = (await pageApi(province, 'GET', '/api/units?q=CAH-CLD')).body as {
    items: { id: string; code: string }[];
  };
  cldId = units.items.find((u) => u.code === 'CAH-CLD')!.id;
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('activities and a counted criterion', () => {
  it('Cù Lao Dung records an inspection of its plan beside those of the demo', async () => {
    await officer.getByRole('menuitem', { name: 'Hoạt động' }).click();
    const list = officer.getByTestId('ac-list');
    // the demo's: two inspections done, one still to do
    await list.getByText('Chưa thực hiện').waitFor();
    await officer.getByTestId('ac-create').click();
    const dialog = officer.getByRole('dialog');
    await dialog.getByTestId('ac-title').fill('Kiểm tra CCHC tại Đội Cảnh sát giao thông - Trật tự');
    await dialog.getByTestId('ac-date').click();
    await officer.keyboard.type(`09/09/${YEAR}`);
    await officer.keyboard.press('Enter');
    await dialog.getByTestId('ac-issuesFound').fill('3');
    await dialog.getByTestId('ac-issuesResolved').fill('2');
    await dialog.getByRole('button', { name: 'Ghi hoạt động' }).click();
    const row = list.getByRole('row').filter({ hasText: 'Đội Cảnh sát giao thông - Trật tự' });
    await row.waitFor();
    expect(await row.innerText()).toContain(`09/09/${YEAR}`);
    expect(await row.innerText()).toContain('Số tồn tại phát hiện: 3; Số tồn tại đã khắc phục: 2');
    expect(await list.getByRole('row').count()).toBe(5); // the header and four inspections
    await shot(officer, 'activities-list');
  });

  it('the province binds criterion 1.3 of its TT27 cycle to inspections done ÷ planned', async () => {
    const fws = (await pageApi(province, 'GET', '/api/frameworks')).body as {
      items: { id: string; code: string }[];
    };
    const units = (await pageApi(province, 'GET', '/api/units?q=CAT-ST')).body as {
      items: { id: string; code: string }[];
    };
    const made = await pageApi(province, 'POST', '/api/cycles', {
      name: `Chỉ số CCHC năm ${YEAR} — Công an cấp huyện`,
      year: YEAR,
      frameworkId: fws.items.find((f) => f.code === 'TT27-CAH-2022')!.id,
      ownerUnitId: units.items.find((u) => u.code === 'CAT-ST')!.id,
      unitKinds: ['district_police'],
      stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
        stage: s,
        startsOn: isoDay(-3),
        dueOn: isoDay(10),
      })),
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const c = made.body as { id: string; units: { unitId: string; assessmentId: string }[] };
    cycleId = c.id;
    assessmentId = c.units.find((u) => u.unitId === cldId)!.assessmentId;
    expect(
      (await pageApi(province, 'POST', `/api/cycles/${cycleId}/stages/self_assessment`, { state: 'open' }))
        .status,
    ).toBe(200);
    await province.goto(`${server.url}/cycles/${cycleId}`);
    await province.getByRole('tab', { name: 'Tính từ số liệu' }).click();
    await province.getByTestId('cp-bind-1.3').click();
    await province.getByTestId('cp-bind-ok').click();
    const row = province
      .getByTestId('cp-units')
      .getByRole('row')
      .filter({ hasText: 'Công an huyện Cù Lao Dung' });
    await row.getByText('3/4 cuộc kiểm tra').waitFor();
    expect(await row.innerText()).toContain('→ 3/4 (2,25 điểm)');
    await shot(province, 'activities-binding');
  });

  it('the self-assessment offers 3/4 (2,25 points) with links to the inspections; the unit takes it', async () => {
    await officer.goto(`${server.url}/assessments/${assessmentId}`);
    const text = officer.getByTestId('count-text-1.3');
    await text.waitFor();
    expect(await text.innerText()).toContain(
      `Theo số liệu của đơn vị năm ${YEAR}: 3/4 cuộc kiểm tra — đề xuất 3/4 (2,25 điểm).`,
    );
    const records = officer.getByTestId('count-records-1.3');
    expect(await records.getByRole('link').count()).toBe(4);
    await records.getByText('Chưa thực hiện').first().waitFor();
    await officer.getByTestId('count-use-1.3').click();
    await officer.getByTestId('points-1.3').getByText('2,25/3').first().waitFor();
    await officer.getByTestId('count-use-1.3').waitFor({ state: 'detached' });
    expect(await officer.getByTestId('input-1.3-num').inputValue()).toBe('3');
    expect(await officer.getByTestId('input-1.3-den').inputValue()).toBe('4');
    await officer.getByTestId('count-text-1.3').scrollIntoViewIfNeeded();
    await shot(officer, 'activities-offer');
    await records
      .getByRole('link', { name: 'Kiểm tra công tác cải cách hành chính tại Công an xã An Thạnh 1' })
      .click();
    await officer.getByTestId('ac-record-title').waitFor();
    await officer.getByText(`20/06/${YEAR}`).waitFor();
  });
});
