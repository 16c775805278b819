/** The calendar page: a unit officer sees the deadlines of their units by month, makes a calendar
 * link (shown once) that a calendar application reads as ICS, then revokes it. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await loginPage(browser, server.url, 'canbo.culaodung');
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('calendar', () => {
  it("lists the deadlines of the officer's units by month", async () => {
    await page.getByRole('menuitem', { name: 'Lịch công tác' }).click();
    await page.getByText('Lịch các hạn của tôi').waitFor();
    const item = page
      .getByTestId('cal-item')
      .filter({ hasText: 'Hạn cuối giai đoạn tự đánh giá — Chỉ số CCHC năm 2024' });
    await item.first().waitFor();
    expect(await item.first().innerText()).toContain('Kỳ đánh giá');
    expect(await page.getByText('Hà Quảng').count()).toBe(0);
    await page.screenshot({ path: path.join(OUT, 'calendar-1440.png'), fullPage: true });
  });

  it('makes a calendar link shown once, which serves ICS until revoked', async () => {
    await page.getByTestId('cal-feed-make').click();
    const url = await page.getByTestId('cal-feed-url').inputValue();
    expect(url).toMatch(/\/ics\/[A-Za-z0-9_-]{32}$/);
    const r = await fetch(url.replace(/^https?:\/\/[^/]+/, server.url));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/calendar');
    const text = (await r.text()).replace(/\r\n /g, '');
    expect(text).toContain('SUMMARY:Hạn cuối giai đoạn tự đánh giá — Chỉ số CCHC năm 2024');
    await page.getByTestId('cal-feed-state').getByText('Đang dùng một đường dẫn lịch').waitFor();
    await page.getByTestId('cal-feed-revoke').click();
    await page.getByRole('button', { name: /OK|Đồng ý/ }).click();
    await page.getByText('Đã thu hồi đường dẫn lịch.').waitFor();
    await page.getByTestId('cal-feed-state').getByText('Chưa có đường dẫn lịch nào đang dùng.').waitFor();
    expect((await fetch(url.replace(/^https?:\/\/[^/]+/, server.url))).status).toBe(404);
  });

  it('fits a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('cal-item').first().waitFor();
    const wide = await page.evaluate('document.documentElement.scrollWidth');
    expect(wide).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(OUT, 'calendar-390.png'), fullPage: true });
  });
});
