/** Journeys of the security issue in the browser: the ranking screen shows one ranking set at a
 * time and lets the reader switch; the entry form offers where a result is ranked; a password
 * set by someone else is shown to its user at the next login. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function shoot(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: path.join(OUT, `security-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

describe('ranking sets on screen', () => {
  it('a coordinator sees each ranking on its own and chooses where a result is ranked', async () => {
    const page = await loginPage(browser, server.url, 'dieuphoi.soctrang');
    const fws = (await pageApi(page, 'GET', '/api/frameworks')).body as {
      items: { id: string; code: string; status: string; name: string }[];
    };
    const police = fws.items.find((f) => f.code === 'TT27-CAH-2022' && f.status === 'published')!;
    const units = (await pageApi(page, 'GET', '/api/units?q=CAH')).body as {
      items: { id: string; code: string; name: string }[];
    };
    const unit = (code: string) => units.items.find((u) => u.code === code)!;
    const inputs = { '1': '11', '2': '7', '3': '18', '4': '7', '5': '10', '6': '5', '7': '12', '8': '15' };
    for (const [code, owner, field2] of [
      ['CAH-CLD', null, '7'],
      ['CAH-VCH', null, '6'],
      ['CAH-NNA', 'CAH-NNA', '8'],
    ] as const) {
      const r = await pageApi(page, 'PUT', '/api/results', {
        frameworkId: police.id,
        year: 2023,
        unitId: unit(code).id,
        mode: 'fields',
        inputs: { ...inputs, '2': field2 },
        ...(owner ? { ownerUnitId: unit(owner).id } : {}),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    await page.getByRole('menuitem', { name: 'Kết quả & xếp hạng' }).click();
    await pick(page, 'res-framework', police.name);
    await pick(page, 'res-year', '2023');
    // the province's own ranking first (two units), ranked 1 and 2 of 2
    await page.getByTestId('res-set').waitFor();
    await page.getByText('Bảng xếp hạng của Công an tỉnh Sóc Trăng.', { exact: false }).waitFor();
    await page.getByText('Xếp hạng trong 2 đơn vị có kết quả.', { exact: false }).waitFor();
    expect(await page.getByTestId('res-table').locator('tbody tr').count()).toBe(2);
    await shoot(page, 'ranking-sets');
    await pick(page, 'res-set', unit('CAH-NNA').name);
    await page.getByText('Xếp hạng trong 1 đơn vị có kết quả.', { exact: false }).waitFor();
    expect(await page.getByTestId('res-table').locator('tbody tr').count()).toBe(1);

    // the entry form: where the result is ranked, the nearest unit above by default
    await page.getByTestId('res-enter').click();
    await page.getByTestId('entry-unit').click();
    await page.keyboard.type('Cù Lao Dung');
    await page.locator('.ant-select-item-option').filter({ hasText: 'CAH-CLD' }).first().click();
    await page.getByTestId('entry-owner').waitFor();
    expect(await page.getByTestId('entry-owner').textContent()).toContain('Công an tỉnh Sóc Trăng');
    await page.getByTestId('entry-reason').waitFor(); // a stored result: a correction needs a reason
    await shoot(page, 'entry-owner');
    await page.context().close();
  });
});

describe('a password set by someone else', () => {
  it('is shown to its user at the next login, with who and when', async () => {
    const coord = await loginPage(browser, server.url, 'dieuphoi.culaodung');
    const users = (await pageApi(coord, 'GET', '/api/users?q=truong.culaodung')).body as {
      items: { id: string; username: string }[];
    };
    const head = users.items.find((u) => u.username === 'truong.culaodung')!;
    const r = await pageApi(coord, 'PATCH', `/api/users/${head.id}`, {
      newPassword: 'Dat-lai-boi-dieu-phoi-9',
      reason: 'Thủ trưởng quên mật khẩu',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await coord.context().close();

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await page.goto(server.url + '/login');
    await page.getByLabel('Tên đăng nhập').fill('truong.culaodung');
    await page.getByLabel('Mật khẩu').fill('Dat-lai-boi-dieu-phoi-9');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // in the password dialog the user must fill first, and on the page behind it
    const notice = page.getByTestId('password-reset-alert');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /Mật khẩu của bạn đã được Cán bộ Đội Tham mưu Cù Lao Dung \(tài khoản mẫu\) đặt lại lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/,
    );
    expect(await page.getByTestId('password-reset-notice').textContent()).toContain('đặt lại lúc');
    await shoot(page, 'password-reset');
    await ctx.close();
  });
});
