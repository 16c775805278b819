/** A document takes seconds to make (a PDF through LibreOffice): while it is made the page says
 * "Đang tạo tệp…" with a spinner, a second click does not ask for it again, and the file arrives
 * under the server's name. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await loginPage(browser, server.url, 'canbo.culaodung');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('downloading a document', () => {
  it('shows progress while the PDF is made, once for a double click', async () => {
    const cycles = (await pageApi(page, 'GET', '/api/cycles')).body as {
      items: { myUnits: { assessmentId: string }[] }[];
    };
    const id = cycles.items.flatMap((c) => c.myUnits)[0]!.assessmentId;
    await page.goto(`${server.url}/assessments/${id}`);
    const requests: string[] = [];
    page.on('request', (r) => {
      // the document itself, not the dialog's look-up of its issuer
      if (r.url().includes('/report?')) requests.push(r.url());
    });
    await page.getByRole('button', { name: 'Báo cáo tự đánh giá' }).click();
    const pdf = page.getByTestId('doc-download-pdf');
    const downloaded = page.waitForEvent('download', { timeout: 90_000 });
    await pdf.click();
    await page.getByText('Đang tạo tệp…').waitFor({ timeout: 5_000 });
    await page.screenshot({ path: path.join(OUT, 'download-progress.png') });
    await pdf.click({ force: true });
    const file = await downloaded;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByText('Đã tải tệp về.').waitFor();
    expect(requests).toHaveLength(1);
  });
});
