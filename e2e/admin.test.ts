import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, launchBrowser, OUT, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('admin web app', () => {
  it('shows the Vietnamese login page with the demo accounts', async () => {
    await page.goto(server.url + '/');
    await page.waitForURL('**/login');
    await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeTruthy();
    await page.getByText('Tài khoản dùng thử').waitFor();
    await page.getByText('quantri', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(OUT, 'login.png'), fullPage: true });
  });

  it('logs in, creates a unit, finds it by a search typed without diacritics', async () => {
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill(await demoPassword(server.url, 'quantri'));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Quyền của tôi').waitFor();
    await page.getByRole('menuitem', { name: 'Đơn vị' }).click();
    await page.getByText('Công an tỉnh Sóc Trăng').first().waitFor();

    await page.getByTestId('create-unit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mã').fill('CLD-E2E');
    await dialog.getByLabel('Tên', { exact: true }).fill('Tổ công tác Đặng Thị Ưng Hòa');
    await dialog.getByLabel('Loại').click();
    await page.getByTitle('Đội', { exact: true }).click();
    await dialog.getByLabel('Đơn vị cấp trên').fill('cu lao dung');
    await page.getByTitle('Công an huyện Cù Lao Dung (CAH-CLD)').click();
    await dialog.getByRole('button', { name: /Lưu/ }).click();
    await page.getByText('Đã lưu').waitFor();

    const search = page.getByPlaceholder('Tìm kiếm (không cần dấu)');
    await search.fill('dang thi ung hoa');
    await search.press('Enter');
    const hit = page.getByTestId('unit-CLD-E2E');
    await hit.waitFor();
    expect(await hit.textContent()).toContain('Tổ công tác Đặng Thị Ưng Hòa');
    // the search keeps the ancestors and drops other branches
    await page.getByTestId('unit-CAH-CLD').waitFor();
    expect(await page.getByTestId('unit-UBND-HQ').count()).toBe(0);
    await hit.click();
    await page
      .getByText('Bộ Công an › Công an tỉnh Sóc Trăng › Công an huyện Cù Lao Dung', { exact: false })
      .waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(OUT, 'units-search.png'), fullPage: true });
  });

  it('shows an import error report and changes nothing', async () => {
    await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
    const input = page.locator('input[type=file]');
    await input.setInputFiles({
      name: 'don-vi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\nE2E-1,Tổ một,Đội,CAH-CLD\nE2E-2,Tổ hai,Loại lạ,CAH-CLD\n',
      ),
    });
    await page.getByText('Loại đơn vị “Loại lạ” không có trong danh mục', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(OUT, 'units-import-errors.png') });
    await page.keyboard.press('Escape');
    const r = await page.evaluate(
      async () => (await (await fetch('/api/units?q=to%20mot')).json()) as { items: { code: string }[] },
    );
    expect(r.items.some((u) => u.code === 'E2E-1')).toBe(false);
  });

  it('lists the audit trail with the unit just created', async () => {
    await page.getByRole('menuitem', { name: 'Nhật ký hệ thống' }).click();
    await page.getByText('Tạo đơn vị').first().waitFor();
    expect(await page.getByText('Quản trị hệ thống (tài khoản mẫu)').count()).toBeGreaterThan(0);
  });
});
