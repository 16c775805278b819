/** Paper ballots in Chromium (issue #15, acceptance): an officer of Cù Lao Dung chooses the unit and
 * field once with the mouse, then types 3 paper ballots with the keyboard only (1–5 moves on, option
 * numbers, Enter saves, the next ballot ready at once); an Excel file with one bad row imports
 * nothing and the dialog names the row and column. Screenshots at 1440 and 390 px. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let officer: Page;
let campaignId: string;

const SCALE_COUNT = 19; // PL01a's rated questions

async function ballotCount(page: Page) {
  const r = await pageApi(page, 'GET', `/api/survey-campaigns/${campaignId}/ballots?pageSize=1`);
  return (r.body as { total: number }).total;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const province = await loginPage(browser, server.url, 'dieuphoi.soctrang');
  const forms = (await pageApi(province, 'GET', '/api/survey-forms')).body as {
    items: { id: string; code: string }[];
  };
  const units = (await pageApi(province, 'GET', '/api/units')).body as {
    items: { id: string; code: string }[];
  };
  const unit = (code: string) => units.items.find((u) => u.code === code)!.id;
  const c = await pageApi(province, 'POST', '/api/survey-campaigns', {
    code: 'HL-NHAP-E2E',
    name: 'Đo lường sự hài lòng năm 2024',
    year: 2024,
    formId: forms.items.find((f) => f.code === 'PL01a')!.id,
    ownerUnitId: unit('CAT-ST'),
    periodFrom: '2024-01-01',
    periodTo: '2024-06-30',
    opensOn: '2024-03-16',
    closesOn: '2030-07-01',
    fields: [{ code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' }],
    targets: [
      { unitId: unit('PA08'), fieldCode: 'CCCD', transactions: 1000 },
      { unitId: unit('CAH-CLD'), fieldCode: 'CCCD', transactions: 100 },
    ],
  });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  campaignId = (c.body as { id: string }).id;
  const o = await pageApi(province, 'POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'open' });
  expect(o.status).toBe(200);
  await province.context().close();
  officer = await loginPage(browser, server.url, 'canbo.culaodung');
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('paper ballots', () => {
  it('staff type 3 paper ballots with the keyboard only', async () => {
    await officer.goto(`${server.url}/surveys/${campaignId}/entry`);
    // the only mouse use: choosing the unit and field, once
    await officer.getByTestId('entry-target').click();
    await officer.locator('.ant-select-item-option').filter({ hasText: 'Cù Lao Dung' }).first().click();
    await officer.getByTestId('entry-start').click();
    const form = officer.getByTestId('ballot-form');
    await form.waitFor();
    expect(await officer.getByTestId('ballot-serial').inputValue()).toBe('0001');
    await officer.screenshot({ path: path.join(OUT, 'survey-entry-1440.png'), fullPage: true });
    const k = officer.keyboard;
    for (let b = 1; b <= 3; b++) {
      // focus is on the first question: DT, GT, TUOI, HT by option number (each moves on)
      await expect
        .poll(() => officer.evaluate('document.activeElement && document.activeElement.id'))
        .toBe('q-DT');
      await k.type(`${1 + (b % 2)}${b}21`);
      await k.type('2'); // SOLAN: a number, Tab moves on
      await k.press('Tab');
      await k.type(String(b + 2).repeat(SCALE_COUNT)); // 19 ratings, each moving on
      await k.type('13'); // MD: options 1 and 3
      await k.press('Enter');
      await officer.getByTestId('ballot-note').getByText(`Đã lưu phiếu số 000${b}`).waitFor();
      expect(await officer.getByTestId('ballot-serial').inputValue()).toBe(`000${b + 1}`);
    }
    expect(await ballotCount(officer)).toBe(3);
    const today = officer.getByTestId('today-ballots');
    await today.getByText('0003').waitFor();
    const detail = await pageApi(officer, 'GET', `/api/survey-campaigns/${campaignId}/ballots?pageSize=3`);
    const items = (detail.body as { items: { id: number; serial: string; mode: string }[] }).items;
    expect(items.map((x) => `${x.serial} ${x.mode}`)).toEqual(['0003 paper', '0002 paper', '0001 paper']);
    const one = (await pageApi(officer, 'GET', `/api/survey-campaigns/${campaignId}/ballots/${items[0]!.id}`))
      .body as { answers: Record<string, unknown> };
    expect(one.answers).toMatchObject({
      DT: 'TC',
      GT: 'KHAC',
      TUOI: '25-40',
      HT: 'TRUCTIEP',
      SOLAN: 2,
      TC1: 5,
      HL: 5,
      MD: ['TG', 'TD'],
    });
    await officer.screenshot({ path: path.join(OUT, 'survey-entry-saved-1440.png'), fullPage: true });
    await officer.setViewportSize({ width: 390, height: 844 });
    await officer.screenshot({ path: path.join(OUT, 'survey-entry-390.png'), fullPage: true });
    await officer.setViewportSize({ width: 1440, height: 900 });
  }, 120_000);

  it('an Excel import with one bad row changes nothing and names the row and column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Phiếu');
    const scale = ['TC1', 'TC2', 'TC3', 'TT1', 'TT2', 'TT3', 'TT4', 'CB1', 'CB2', 'CB3', 'CB4', 'CB5'];
    const rest = ['KQ1', 'KQ2', 'KQ3', 'PA1', 'PA2', 'PA3', 'HL'];
    ws.addRow(['Mã đơn vị', 'Mã lĩnh vực', 'Số phiếu', ...scale, ...rest]);
    for (let i = 1; i <= 5; i++)
      ws.addRow([
        'CAH-CLD',
        'CCCD',
        `X-${i}`,
        ...scale.map((c) => (i === 3 && c === 'CB3' ? '8' : '4')),
        ...rest.map(() => '5'),
      ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await ballotCount(officer);
    await officer.getByTestId('open-import').click();
    await officer.getByTestId('import-file').setInputFiles({
      name: 'phieu-buu-dien.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    await officer.getByTestId('import-run').click();
    const errors = officer.getByTestId('import-errors');
    await errors.waitFor({ timeout: 60_000 });
    const text = await errors.innerText();
    expect(text).toContain('Dòng 4, cột “CB3”: mức đánh giá phải là một số từ 1 đến 5');
    expect(text).toContain('không có dòng nào được nhập');
    expect(await ballotCount(officer)).toBe(before);
    await officer.screenshot({ path: path.join(OUT, 'survey-import-errors-1440.png'), fullPage: true });
    await officer.setViewportSize({ width: 390, height: 844 });
    await officer.screenshot({ path: path.join(OUT, 'survey-import-errors-390.png'), fullPage: true });
  }, 120_000);
});
