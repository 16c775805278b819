/** On a phone (390 × 844): the login page, the overview and a self-assessment fit the screen's width
 * (no sideways scrolling of the page; wide tables scroll inside their own box) and the bell stays
 * on screen. Screenshots at 390 and 1440 px of each in e2e/out. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, launchBrowser, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'vi-VN',
    isMobile: true,
    hasTouch: true,
  });
  page = await ctx.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** How far the page is wider than the screen, and the elements that stick out of it (not those
 * that scroll inside a box of their own). Run in the page (plain JS: the tests are typed without the
 * DOM). */
const OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (['auto', 'scroll', 'hidden'].includes(s.overflowX) && a.getBoundingClientRect().right <= width + 1) {
        clipped = true;
        break;
      }
    }
    if (!clipped) out.push(el.tagName.toLowerCase() + '.' + String(el.className).slice(0, 60) + ' → ' + Math.round(r.right));
  }
  return { extra: document.documentElement.scrollWidth - width, out: out.slice(0, 10) };
})()`;

/** Text boxes far taller than wide: a word broken one letter per line. */
const LETTER_COLUMNS = `(() => {
  const found = [];
  for (const el of document.querySelectorAll('td, th, .ant-typography, .ant-descriptions-item-content')) {
    const r = el.getBoundingClientRect();
    const text = (el.textContent || '').trim();
    if (text.length >= 6 && r.width > 0 && r.width < 24 && r.height > 80) found.push(text.slice(0, 40));
  }
  return found.slice(0, 5);
})()`;

const overflow = (p: Page) => p.evaluate(OVERFLOW) as Promise<{ extra: number; out: string[] }>;
const letterColumns = (p: Page) => p.evaluate(LETTER_COLUMNS) as Promise<string[]>;

async function shoot(name: string) {
  await page.screenshot({ path: path.join(OUT, `phone-${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `phone-${name}-1440.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
}

async function bellOnScreen() {
  const box = await page.getByTestId('notices').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(844);
}

describe('on a phone, 390 px wide', () => {
  it('the login page fits, its demo accounts included', async () => {
    await page.goto(server.url + '/login');
    await page.getByText('Tài khoản dùng thử').waitFor();
    await shoot('login');
    expect(await overflow(page)).toEqual({ extra: 0, out: [] });
    await page.getByLabel('Tên đăng nhập').fill('canbo.culaodung');
    await page.getByLabel('Mật khẩu').fill(await demoPassword(server.url, 'canbo.culaodung'));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Quyền của tôi').waitFor();
  });

  it('the overview fits and the bell is on screen', async () => {
    await page.waitForLoadState('networkidle');
    await shoot('overview');
    expect(await overflow(page)).toEqual({ extra: 0, out: [] });
    await bellOnScreen();
  });

  it('a self-assessment fits, reads in words, not letters, and the bell is on screen', async () => {
    const cycles = (await pageApi(page, 'GET', '/api/cycles')).body as {
      items: { myUnits: { assessmentId: string }[] }[];
    };
    const id = cycles.items.flatMap((c) => c.myUnits)[0]?.assessmentId;
    expect(id).toBeTruthy();
    await page.goto(`${server.url}/assessments/${id}`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await shoot('assessment');
    expect(await overflow(page)).toEqual({ extra: 0, out: [] });
    expect(await letterColumns(page)).toEqual([]);
    await bellOnScreen();
  });
});
