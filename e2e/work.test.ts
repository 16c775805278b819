/** Each role sees its work; notices people read (issue #13, items 4 and 5), in Chromium on the demo:
 * the officer's overview lists its unfinished criteria with their due dates; the officer is not
 * shown menus and buttons it cannot use (the coordinator is); one event is one notice in a
 * person's bell and notices page, and "Đánh dấu đã đọc tất cả" empties the count. Screenshots of
 * the overview and the notices page at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let officer: Page;

const STAGE_2024 =
  'Mở giai đoạn “Tự đánh giá” — Chỉ số CCHC năm 2024 — các Đội và Công an cấp xã huyện Cù Lao Dung — Công an tỉnh Sóc Trăng';

/** dd/mm/yyyy of today + n days in Asia/Ho_Chi_Minh (the demo's 2024 self-assessment ends at +14). */
function dayVi(n: number): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  const [y, m, day] = d.toISOString().slice(0, 10).split('-');
  return `${day}/${m}/${y}`;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  officer = await loginPage(browser, server.url, 'canbo.culaodung');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('each role sees its work', () => {
  it('the officer’s overview lists its unfinished criteria with their due dates', async () => {
    const work = officer.getByTestId('my-work');
    await work.waitFor();
    const toFill = officer.getByTestId('work-to-fill');
    await toFill.waitFor();
    const missing = toFill.getByTestId('work-missing').first();
    await missing.waitFor();
    const text = await missing.innerText();
    expect(text).toContain('Chưa chấm điểm');
    expect(text).toContain(`Hạn ${dayVi(14)}`);
    // a criterion line: its code, its title, what is missing, the due date
    expect(text).toMatch(/\d+(\.\d+)+\s/);
    expect(await toFill.innerText()).toMatch(/còn \d+\/\d+ tiêu chí chưa xong/);
    await officer.screenshot({ path: path.join(OUT, 'work-overview-1440.png'), fullPage: true });
  });

  it('the officer is not shown menus and buttons it cannot use; the coordinator is', async () => {
    const menu = officer.getByRole('menu').first();
    await menu.getByRole('menuitem', { name: 'Đơn vị' }).waitFor();
    expect(await menu.getByRole('menuitem', { name: 'Người dùng & phân quyền' }).count()).toBe(0);
    expect(await menu.getByRole('menuitem', { name: /Nhật ký/ }).count()).toBe(0);
    await menu.getByRole('menuitem', { name: 'Đơn vị' }).click();
    await officer.getByTestId('unit-CAH-CLD').click();
    await officer.getByText('Lịch sử', { exact: false }).first().waitFor();
    expect(await officer.getByTestId('unit-actions').count()).toBe(0);
    for (const name of ['Sửa', 'Sáp nhập', 'Giải thể', 'Tạo mới', 'Nhập từ tệp'])
      expect(await officer.getByRole('button', { name, exact: true }).count(), name).toBe(0);

    const coord = await loginPage(browser, server.url, 'dieuphoi.culaodung');
    const cmenu = coord.getByRole('menu').first();
    await cmenu.getByRole('menuitem', { name: 'Người dùng & phân quyền' }).waitFor();
    await cmenu.getByRole('menuitem', { name: /Nhật ký/ }).waitFor();
    await cmenu.getByRole('menuitem', { name: 'Đơn vị' }).click();
    await coord.getByTestId('unit-CAH-CLD').click();
    const actions = coord.getByTestId('unit-actions');
    await actions.waitFor();
    for (const name of ['Sửa', 'Sáp nhập', 'Giải thể'])
      await actions.getByRole('button', { name, exact: true }).waitFor();
    await coord.context().close();
  });
});

describe('notices people read', () => {
  it('one event is one notice for the person; read all empties the count', async () => {
    await officer.goto(server.url + '/notices');
    const list = officer.getByTestId('notices-list');
    await list.waitFor();
    await list.getByText(STAGE_2024).first().waitFor();
    expect(await officer.getByTestId('notice-item').filter({ hasText: STAGE_2024 }).count()).toBe(1);
    const count = await officer.getByTestId('notices-count').innerText();
    const unread = Number(/^(\d+) chưa đọc/.exec(count)![1]);
    expect(unread).toBeGreaterThan(0);
    // the bell counts the same unread notices
    expect(await officer.getByTestId('notices-unread').innerText()).toContain(String(unread));
    await officer.screenshot({ path: path.join(OUT, 'work-notices-1440.png'), fullPage: true });
    // the unread filter
    await officer.getByTestId('notices-filter').getByText('Chưa đọc').click();
    await officer.getByTestId('notice-item').first().waitFor();
    expect(await officer.getByTestId('notice-item').count()).toBe(Math.min(unread, 20));
    await officer.getByTestId('notices-read-all').click();
    await officer.getByText('0 chưa đọc', { exact: false }).waitFor();
    await officer.getByText('Chưa có thông báo').first().waitFor();
    // the bell follows (its count refetched)
    await expect
      .poll(async () => (await officer.getByTestId('notices-unread').innerText()).trim(), { timeout: 15_000 })
      .toBe('');
  });

  it('at 390 px: the overview and the notices page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const phone = await ctx.newPage();
    // the same session (cookies) in a phone-sized window
    await ctx.addCookies(await officer.context().cookies());
    await phone.goto(server.url + '/');
    await phone.getByTestId('work-to-fill').waitFor();
    await phone.screenshot({ path: path.join(OUT, 'work-overview-390.png'), fullPage: true });
    await phone.goto(server.url + '/notices');
    await phone.getByTestId('notices-list').waitFor();
    await phone.getByTestId('notice-item').first().waitFor();
    await phone.screenshot({ path: path.join(OUT, 'work-notices-390.png'), fullPage: true });
    await ctx.close();
  });
});
