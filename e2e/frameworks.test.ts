import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, launchBrowser, OUT, startServer, type Running } from './server.ts';

const SEED_TABLE = path.resolve(
  import.meta.dirname,
  '../packages/domain/test/checkTable/fixtures/seed004-table.csv',
);

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
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('frameworks, table check and results in the web app', () => {
  it('opens a framework, edits a maximum, sees the parent total change and the validation message', async () => {
    await page.getByRole('menuitem', { name: 'Bộ tiêu chí' }).click();
    await page.getByRole('link', { name: 'CCHC-HUYEN-2021' }).click();
    await page.getByText('Tiêu chí (hợp lệ)').waitFor();
    // published frameworks are frozen: clone to a new year to edit a draft
    await page.getByTestId('fw-clone').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sao chép sang năm mới' }).click();
    await page.getByText('Dự thảo').first().waitFor();
    await page.getByText('CCHC-HUYEN-2022').first().waitFor();

    expect(await page.getByTestId('sum-1').textContent()).toBe('16');
    const max11 = page.getByTestId('max-1.1');
    await max11.fill('3,5');
    // live: the children of field 1 now add up to 17,5 against its maximum of 16
    await page.getByTestId('sum-1').getByText('17,5').waitFor();
    await page
      .getByTestId('issues-1')
      .getByText('Tiêu chí 1: tổng điểm tối đa các tiêu chí con (17,5) lớn hơn điểm tối đa (16)', {
        exact: false,
      })
      .waitFor();
    // the field's own maximum: the framework's total no longer matches
    await page.getByTestId('max-1').fill('17,5');
    await page
      .getByTestId('fw-general-issues')
      .getByText(
        'Tổng điểm tối đa các lĩnh vực (100,5) khác tổng điểm tối đa khai báo của bộ tiêu chí (99)',
        { exact: false },
      )
      .waitFor();
    expect(await page.getByTestId('fw-fields-sum').textContent()).toBe('100,5');
    expect(await page.getByTestId('issues-1').textContent()).toBe('');
    await page.screenshot({ path: path.join(OUT, 'framework-edit.png'), fullPage: true });
    // a bad number is reported on its criterion, not thrown away
    await max11.fill('ba');
    await page
      .getByTestId('issues-1.1')
      .getByText('điểm tối đa "ba" không phải số hợp lệ', { exact: false })
      .waitFor();
    await max11.fill('3,5');
    // a draft is saved only without errors: the declared total follows the fields
    await page.getByTestId('fw-total-max').fill('100,5');
    await page.getByTestId('fw-save').click();
    await page.getByText('Đã lưu').first().waitFor();
    // saved on the server with its new revision
    const id = page.url().split('/').pop()!;
    const d = await page.evaluate(
      async (fid) =>
        (await (await fetch(`/api/frameworks/${fid}`)).json()) as {
          revision: number;
          definition: { criteria: { max: string; children: { max: string }[] }[] };
        },
      id,
    );
    expect(d.revision).toBe(2);
    expect(d.definition.criteria[0]!.max).toBe('17.5');
    expect(d.definition.criteria[0]!.children[0]!.max).toBe('3.5');
  });

  it('uploads the seed 004 table to the check page and sees both findings beside the table', async () => {
    await page.getByRole('menuitem', { name: 'Kiểm tra bảng kết quả' }).click();
    await page.getByTestId('check-transpose').click();
    await page.locator('input[type=file]').setInputFiles(SEED_TABLE);
    const findings = page.getByTestId('check-findings');
    await findings.waitFor();
    await page.getByTestId('finding-SCORE_EXCEEDS_MAX').waitFor();
    await page.getByTestId('finding-CHANGE_MISMATCH').waitFor();
    expect(await page.getByTestId('finding-SCORE_EXCEEDS_MAX').textContent()).toContain('18');
    expect(await page.getByTestId('finding-CHANGE_MISMATCH').textContent()).toContain('4,94');
    await page.getByText('74,56').first().waitFor();
    await page.getByText('79,5').first().waitFor();
    expect(await page.getByTestId('finding-cell').count()).toBeGreaterThanOrEqual(2);
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/\d\.\d*(0000|9999)\d/);
    await page.screenshot({ path: path.join(OUT, 'check-table.png'), fullPage: true });
  });

  it('shows the ranking with its chart and a unit’s result card with lost points', async () => {
    await page.getByRole('menuitem', { name: 'Kết quả & xếp hạng' }).click();
    await page.getByTestId('res-framework').click();
    await page.getByTitle('Bộ tiêu chí Chỉ số CCHC cấp huyện năm 2021', { exact: false }).first().click();
    await page
      .getByTestId('res-table')
      .getByText('Ủy ban nhân dân huyện Hà Quảng', { exact: false })
      .waitFor();
    await page.getByTestId('res-chart').locator('canvas').waitFor();
    await page.getByTestId('res-table').getByText('79,5/99').click();
    const card = page.getByTestId('result-card');
    await card.waitFor();
    await card.getByText('80,30').first().waitFor();
    const lost = card.getByTestId('res-lost');
    expect(await lost.locator('tbody tr').first().innerText()).toContain('8');
    await page.screenshot({ path: path.join(OUT, 'result-card.png'), fullPage: true });
    expect(fs.existsSync(path.join(OUT, 'result-card.png'))).toBe(true);
  });
});
