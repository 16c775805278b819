/** Issue #14, item 3, in the browser: Hà Quảng's published 2023 ranking shows each unit's place
 * against 2022 ("tăng 2 bậc", "giảm 1 bậc", "giữ nguyên", with last year's place), and the
 * publishing decision downloads from the ranking through the document dialog (Word). Screenshot in
 * e2e/out. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let coord: Page; // dieuphoi.haquang

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  coord = await loginPage(browser, server.url, 'dieuphoi.haquang');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the ranking against last year', () => {
  it('shows every unit’s movement and downloads the publishing decision', async () => {
    const p = coord;
    await p.getByRole('menuitem', { name: 'Kỳ đánh giá' }).click();
    await p.getByRole('link', { name: 'Chỉ số CCHC năm 2023', exact: false }).first().click();
    await p.getByRole('tab', { name: 'Kết quả, xếp hạng' }).click();
    const table = p.getByTestId('cycle-ranking').first();
    await table.waitFor();
    const moves = p.getByTestId('rank-movement');
    await moves.first().waitFor();
    const texts = await moves.allInnerTexts();
    expect(texts.length).toBeGreaterThan(3);
    for (const tx of texts) expect(tx).toMatch(/(tăng|giảm) \d+ bậc|giữ nguyên/u);
    expect(texts.join(' ')).toMatch(/năm trước \d+\/\d+/u);
    await p.screenshot({ path: path.join(OUT, 'decision-ranking-1440.png'), fullPage: true });
    await p.getByTestId('decision-download').click();
    const dialog = p.getByRole('dialog');
    await dialog.getByText('QĐ-UBND').first().waitFor();
    const [file] = await Promise.all([
      p.waitForEvent('download'),
      dialog.getByTestId('doc-download-docx').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^Quyết định 12 QĐ-UBND 2024-01-20\.docx$/u);
  });
});
