/** A campaign's results page in Chromium on the demo (issue #15 item 7): the province's coordinator
 * opens /surveys/:id/results, sees "Tạm tính", the table of units × fields with "Chưa đủ mẫu", enters
 * an external index (VNeID) through the dialog, publishes with confirmation and sees "Đã công bố
 * dd/mm/yyyy". Screenshots at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let page: Page;
let id: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await loginPage(browser, server.url, 'dieuphoi.soctrang');
  const units = (await pageApi(page, 'GET', '/api/units')).body as { items: { id: string; code: string }[] };
  const u = (code: string) => units.items.find((x) => x.code === code)!.id;
  const forms = (await pageApi(page, 'GET', '/api/survey-forms')).body as {
    items: { id: string; code: string }[];
  };
  const c = await pageApi(page, 'POST', '/api/survey-campaigns', {
    code: 'HL-KQ-E2E',
    name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2024',
    year: 2024,
    formId: forms.items.find((f) => f.code === 'PL01a')!.id,
    ownerUnitId: u('CAT-ST'),
    periodFrom: '2023-09-15',
    periodTo: '2024-09-14',
    opensOn: '2024-03-16',
    closesOn: '2024-07-01',
    fields: [
      { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
      { code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' },
      { code: 'CT', name: 'Đăng ký, quản lý cư trú' },
    ],
    targets: [
      { unitId: u('PA08'), fieldCode: 'XNC', transactions: 4200 },
      { unitId: u('PC06'), fieldCode: 'CCCD', transactions: 9000 },
      { unitId: u('CAH-CLD'), fieldCode: 'CT', transactions: 800 },
      { unitId: u('CAH-CLD'), fieldCode: 'CCCD', transactions: 600 },
    ],
  });
  if (c.status !== 200) throw new Error(JSON.stringify(c.body));
  id = (c.body as { id: string }).id;
  for (const [unit, field, index, valid] of [
    ['PA08', 'XNC', '96,45', 380],
    ['PC06', 'CCCD', '88,1', 290],
  ] as const) {
    const r = await pageApi(page, 'PUT', `/api/survey-campaigns/${id}/external-indices`, {
      unitId: u(unit),
      fieldCode: field,
      index,
      issued: valid + 40,
      returned: valid + 10,
      valid,
      document: 'Thông báo 25/TB-V03 ngày 20/6/2024 (VNeID)',
    });
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('survey results page', () => {
  it('shows provisional results, enters an external index, publishes with confirmation', async () => {
    await page.goto(`${server.url}/surveys/${id}/results`);
    await page.getByTestId('sr-table').waitFor();
    expect(await page.getByTestId('sr-state').innerText()).toBe('Tạm tính');
    const table = await page.getByTestId('sr-table').innerText();
    expect(table).toContain('96,45 %');
    expect(table).toContain('Chưa đủ mẫu');
    expect(await page.getByText('± ').count()).toBe(0); // no respondents yet: no margin
    await page.screenshot({ path: path.join(OUT, 'survey-results-1440.png'), fullPage: true });
    // an external index for Cù Lao Dung × cư trú through the dialog
    await page.getByTestId('sr-external').click();
    await page.getByTestId('sr-ext-cell').click();
    await page.keyboard.type('Cù Lao Dung — Đăng ký');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('sr-external-dialog').innerText()).toContain(
      'Công an huyện Cù Lao Dung — Đăng ký, quản lý cư trú',
    );
    await page.getByTestId('sr-ext-index').fill('91,255');
    await page.getByTestId('sr-ext-document').fill('Thông báo 25/TB-V03');
    await page.getByTestId('sr-ext-save').click();
    expect(await page.getByTestId('dialog-error').innerText()).toContain('tối đa hai chữ số thập phân');
    await page.getByTestId('sr-ext-index').fill('91,25');
    await page.getByTestId('sr-ext-save').click();
    await page.getByTestId('sr-external-dialog').getByText('91,25 %').waitFor();
    await page.screenshot({ path: path.join(OUT, 'survey-results-external-1440.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('sr-table').getByText('91,25 %').first().waitFor();
    const cld = page.getByTestId('sr-table').getByRole('row').filter({ hasText: 'Đăng ký, quản lý cư trú' });
    expect(await cld.innerText()).toContain('91,25 %');
    const pc06 = page
      .getByTestId('sr-table')
      .getByRole('row')
      .filter({ hasText: 'Cấp, quản lý Căn cước công dân' });
    expect(await pc06.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('88,10 %')]));
    // publication is refused while the campaign is a draft, then done once collection stopped
    await page.getByTestId('sr-publish').click();
    await page.getByRole('button', { name: 'Công bố kết quả' }).last().click();
    await page.getByText('Hãy dừng thu phiếu trước khi công bố kết quả.').waitFor();
    await page.getByRole('button', { name: 'Hủy' }).last().click();
    for (const status of ['open', 'closed'])
      expect((await pageApi(page, 'POST', `/api/survey-campaigns/${id}/status`, { status })).status).toBe(
        200,
      );
    await page.getByTestId('sr-publish').click();
    await page.getByRole('button', { name: 'Công bố kết quả' }).last().click();
    await page.getByText(/^Đã công bố \d\d\/\d\d\/\d{4}$/).waitFor();
    expect(await page.getByTestId('sr-publish').count()).toBe(0);
    expect(await cld.innerText()).toContain('91,25 %');
    await page.screenshot({ path: path.join(OUT, 'survey-results-published-1440.png'), fullPage: true });
  });

  it('at 390 px', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'vi-VN',
      storageState: await page.context().storageState(),
    });
    const phone = await ctx.newPage();
    await phone.goto(`${server.url}/surveys/${id}/results`);
    await phone.getByTestId('sr-table').waitFor();
    await phone.screenshot({ path: path.join(OUT, 'survey-results-390.png'), fullPage: true });
    await ctx.close();
  });
});
