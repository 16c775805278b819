/** The table check page as a user meets it: a real ranking with an STT column, checked, shows how many
 * checks were made by kind; a table with nothing to recompute says that nothing could be checked and
 * why, never "no findings"; the maximum of the total, typed in, makes the index checkable. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, launchBrowser, OUT, startServer, type Running } from './server.ts';

const fixture = (f: string) =>
  path.resolve(import.meta.dirname, '../packages/domain/test/checkTable/fixtures', f);

let server: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  await page.goto(server.url + '/login');
  await page.getByLabel('Tên đăng nhập').fill('dieuphoi.haquang');
  await page.getByLabel('Mật khẩu').fill(await demoPassword(server.url, 'dieuphoi.haquang'));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Quyền của tôi').waitFor();
  await page.getByRole('menuitem', { name: 'Kiểm tra bảng kết quả' }).click();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the table check page', () => {
  it('an index-and-rank ranking with the first place given to a lower index: counts and the finding', async () => {
    await page.locator('input[type=file]').setInputFiles(fixture('index-rank-error.csv'));
    await page.getByTestId('finding-RANK_MISMATCH').waitFor();
    expect(await page.getByTestId('finding-RANK_MISMATCH').textContent()).toBe(
      'Quảng Ninh có chỉ số 92,18 cao hơn Hải Phòng (91,87) nhưng xếp hạng 2, sau hạng 1.',
    );
    const counts = page.getByTestId('check-counts');
    expect(await counts.innerText()).toContain('Đã kiểm tra 5 nội dung:');
    expect(await page.getByTestId('check-count-ranks').textContent()).toBe('5 thứ hạng');
    // the row-number column is not read as the unit names
    await page.getByRole('cell', { name: 'Quảng Ninh', exact: true }).waitFor();
    await page.screenshot({ path: path.join(OUT, 'check-table-ranks.png'), fullPage: true });
  });

  it('labels and an index only: nothing could be checked, with the reason, and no "no findings"', async () => {
    await page.locator('input[type=file]').setInputFiles(fixture('labels-index-only.csv'));
    const nothing = page.getByTestId('check-nothing');
    await nothing.waitFor();
    expect(await nothing.innerText()).toContain('Không kiểm tra được nội dung nào của bảng');
    expect(await page.getByTestId('check-not-checked').innerText()).toContain(
      '3 chỉ số: bảng không có tổng điểm hay điểm thành phần để tính lại chỉ số',
    );
    expect(await page.locator('body').innerText()).not.toContain('Không phát hiện sai sót');
    await page.screenshot({ path: path.join(OUT, 'check-table-nothing.png'), fullPage: true });
  });

  it('the maximum of the total typed in makes the index checkable', async () => {
    const dir = fs.mkdtempSync(path.join(OUT, 'bang-'));
    const file = path.join(dir, 'tong-diem.csv');
    fs.writeFileSync(file, 'Đơn vị,Tổng điểm,Chỉ số\nHuyện A,45,90\nHuyện B,40,81\n');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('check-nothing').waitFor();
    await page.getByTestId('check-max').fill('50');
    await page.getByTestId('check-again').click();
    await page.getByTestId('check-count-indexes').waitFor();
    expect(await page.getByTestId('check-count-indexes').textContent()).toBe('2 chỉ số');
    expect(await page.getByTestId('finding-INDEX_MISMATCH').textContent()).toContain('Huyện B');
  });

  it('seed 004 without ticking "units in columns": turned by itself, the two findings', async () => {
    await page.getByTestId('check-max').fill('');
    await page.locator('input[type=file]').setInputFiles(fixture('seed004-table.csv'));
    await page.getByTestId('finding-CHANGE_MISMATCH').waitFor();
    await page.getByTestId('check-transposed').waitFor();
    expect(await page.getByTestId('finding-SCORE_EXCEEDS_MAX').textContent()).toContain('18');
    expect(await page.getByTestId('check-counts').innerText()).toContain('Đã kiểm tra 17 nội dung:');
  });
});
