/** Report requests in Chromium on the demo (issue #15 item 7): the province's coordinator asks for Mẫu
 * 01 of a campaign due yesterday; Cù Lao Dung's officer types "phát ra" and its remarks, the head
 * approves and sends it — late, accepted — and the province's matrix shows "Gửi muộn 1 ngày".
 * Screenshots of the matrix and the unit's report at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let province: Page;
let requestId = '';
let cldId = '';

/** yyyy-mm-dd of today + n days in Asia/Ho_Chi_Minh. */
function isoDay(n: number): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUT, `${name}-1440.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  province = await loginPage(browser, server.url, 'dieuphoi.soctrang');
  const units = (await pageApi(province, 'GET', '/api/units')).body as {
    items: { id: string; code: string }[];
  };
  const id = (code: string) => units.items.find((u) => u.code === code)!.id;
  cldId = id('CAH-CLD');
  const forms = (await pageApi(province, 'GET', '/api/survey-forms')).body as {
    items: { id: string; code: string }[];
  };
  const c = await pageApi(province, 'POST', '/api/survey-campaigns', {
    code: 'HL-2024-E2E',
    name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2024',
    year: 2024,
    formId: forms.items.find((f) => f.code === 'PL01a')!.id,
    ownerUnitId: id('CAT-ST'),
    periodFrom: '2023-09-15',
    periodTo: '2024-09-14',
    opensOn: '2024-03-16',
    closesOn: '2024-07-01',
    basis: 'Kế hoạch số 107/KH-CAT ngày 13/3/2024 của Công an tỉnh Sóc Trăng',
    fields: [
      { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
      { code: 'CT', name: 'Đăng ký, quản lý cư trú' },
    ],
    deadlines: [{ key: 'mau01', label: 'Báo cáo Mẫu 01', dueOn: isoDay(-1) }],
    targets: [
      { unitId: id('PA08'), fieldCode: 'XNC', transactions: 4200 },
      { unitId: cldId, fieldCode: 'CT', transactions: 300 },
      { unitId: id('CLD-AT1'), fieldCode: 'CT', transactions: 80 },
    ],
  });
  if (c.status !== 200) throw new Error(JSON.stringify(c.body));
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Mẫu 01: requested, filled, approved, sent late', () => {
  it('the coordinator asks for Mẫu 01 from the reports page', async () => {
    await province.getByRole('menuitem', { name: /Báo cáo$/ }).click();
    await province.getByTestId('rp-create').click();
    await province.getByTestId('rp-new-survey').click();
    await province.getByTestId('rp-campaign').click();
    await province
      .getByText(/HL-2024-E2E/)
      .last()
      .click();
    await province.getByRole('button', { name: 'Yêu cầu báo cáo' }).last().click();
    await province.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    requestId = province.url().split('/').pop()!;
    const matrix = province.getByTestId('rp-matrix');
    await matrix.getByText('Công an huyện Cù Lao Dung').waitFor();
    expect(await matrix.getByText('Quá hạn chưa gửi (1 ngày)').count()).toBe(2);
  });

  it("the district's officer types what is not computed and attaches nothing yet", async () => {
    const officer = await loginPage(browser, server.url, 'canbo.culaodung');
    await officer.getByRole('menuitem', { name: /Báo cáo$/ }).click();
    // the demo's own Mẫu 01 of 2024 is listed too: this request is the one due yesterday
    const due = isoDay(-1).split('-').reverse().join('/');
    await officer
      .getByTestId('rp-list')
      .getByRole('row')
      .filter({ hasText: due })
      .getByRole('link', { name: 'Công an huyện Cù Lao Dung' })
      .click();
    const table = officer.getByTestId('rp-mau01');
    await table.getByText('Công an xã An Thạnh 1').waitFor();
    const inputs = table.locator('input');
    expect(await inputs.count()).toBe(2);
    await inputs.nth(0).fill('30');
    await inputs.nth(1).fill('12');
    await officer.getByTestId('rp-section-assessment').fill('Người dân đánh giá cao thái độ phục vụ.');
    await officer
      .getByTestId('rp-section-proposals')
      .fill('Đề nghị trang bị thêm máy tính cho bộ phận một cửa.');
    await officer.getByTestId('rp-save').click();
    await officer.getByText('Đã lưu.').waitFor();
    expect(await officer.getByTestId('rp-approve').count()).toBe(0); // the head approves
    await shot(officer, 'reports-unit-officer');
    await officer.context().close();
  });

  it('the head approves and sends after the due day: accepted and marked late', async () => {
    const head = await loginPage(browser, server.url, 'truong.culaodung');
    await head.goto(`${server.url}/reports/${requestId}?unit=${cldId}`);
    await head.getByTestId('rp-approve').click();
    await head.getByRole('dialog').getByRole('button', { name: 'Duyệt báo cáo' }).click();
    await head.getByText('Đã duyệt báo cáo.').waitFor();
    await head.getByTestId('rp-send').click();
    const dialog = head.getByRole('dialog');
    await dialog.getByText(/báo cáo vẫn được nhận nhưng ghi nhận gửi muộn/).waitFor();
    await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await head.getByText('Đã gửi báo cáo (muộn 1 ngày).').waitFor();
    await head.getByTestId('state-late').waitFor();
    expect(await head.getByTestId('rp-save').count()).toBe(0);
    await head.context().close();
  });

  it("the province's matrix shows the late report and the missing one", async () => {
    await province.reload();
    const matrix = province.getByTestId('rp-matrix');
    await matrix.getByText('Gửi muộn 1 ngày').waitFor();
    expect(await matrix.getByText('Quá hạn chưa gửi (1 ngày)').count()).toBe(1);
    await shot(province, 'reports-matrix');
    await matrix.getByRole('link', { name: 'Công an huyện Cù Lao Dung' }).click();
    await province.getByTestId('rp-mau01').getByText('30').waitFor();
    await shot(province, 'reports-unit-sent');
  });
});
