/** Plans in the web app: the province sees which district police have sent a plan implementing
 * 215/KH-CAT (Cù Lao Dung's 82/KH-CAH) and which are missing; Cù Lao Dung records a document through
 * the form. Screenshots at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let province: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  province = await loginPage(browser, server.url, 'dieuphoi.soctrang');
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('plans', () => {
  it('the province sees who has sent a plan implementing 215/KH-CAT', async () => {
    await province.getByRole('menuitem', { name: 'Kế hoạch' }).click();
    const row = province
      .getByTestId('pl-list')
      .getByRole('row')
      .filter({ has: province.getByRole('link', { name: 'Kế hoạch số 215/KH-CAT' }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('1/11');
    await row.getByRole('link').click();
    const asked = province.getByTestId('pl-asked');
    await asked
      .getByRole('row')
      .filter({ hasText: 'Công an huyện Cù Lao Dung' })
      .getByText('Đã gửi kế hoạch')
      .waitFor();
    expect(
      await asked
        .getByRole('row')
        .filter({ hasText: 'Công an huyện Mỹ Tú' })
        .getByText('Chưa gửi (quá hạn)')
        .count(),
    ).toBe(1);
    await province.getByText('82/KH-CAH').first().waitFor();
    await province.screenshot({ path: path.join(OUT, 'plans-215-1440.png'), fullPage: true });
    await province.setViewportSize({ width: 390, height: 844 });
    await province.reload();
    await asked.waitFor();
    expect(await province.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await province.screenshot({ path: path.join(OUT, 'plans-215-390.png'), fullPage: true });
  });

  it('Cù Lao Dung records a document implementing the province’s plan', async () => {
    const d = await loginPage(browser, server.url, 'dieuphoi.culaodung');
    await d.goto(server.url + '/plans');
    await d.getByTestId('pl-create').click();
    const dialog = d.getByRole('dialog');
    await dialog.getByTestId('pl-number').fill('84/KH-CAH');
    await dialog.getByTestId('pl-issued').click();
    await d.keyboard.type('22/05/2024');
    await d.keyboard.press('Enter');
    await dialog.getByLabel('Đơn vị ban hành').click();
    await d.keyboard.type('Cu Lao Dung');
    await d
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: 'CAH-CLD',
      })
      .click();
    await dialog.getByTestId('pl-subject').fill('Tổ chức Hội nghị sơ kết Thông tư số 27/2022/TT-BCA');
    await dialog.getByLabel('Thực hiện văn bản').click();
    await d
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '215/KH-CAT',
      })
      .click();
    await dialog.getByRole('button', { name: 'Ghi văn bản mới' }).click();
    await d.getByTestId('pl-title').getByText('Kế hoạch số 84/KH-CAH').waitFor();
    await d.getByText('Kế hoạch số 215/KH-CAT ngày 15/05/2024 của Công an tỉnh Sóc Trăng').waitFor();
    await d.screenshot({ path: path.join(OUT, 'plans-new-1440.png'), fullPage: true });
  });
});
