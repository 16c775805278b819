/** Plans and reports in the web app (issue #16 acceptance): Hà Quảng's commune that never sent its
 * fourth-quarter report of 2022 sends it now, and the matrix shows it late; a report missing after its
 * due day raises notices to the unit and to the coordinators of the receiving unit; the draft
 * improvement plan of Hà Quảng from its 2021 result has seven sections with the leads of seed 004 and
 * downloads as Word. Screenshots at 1440 and 390 px. */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let coord: Page;

/** yyyy-mm-dd of today + n days in Asia/Ho_Chi_Minh. */
function isoDay(n: number): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUT, `${name}-1440.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(OUT, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The paragraphs of a Word file, one per line. */
async function wordText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .split(/<\/w:p>/u)
    .map((p) => p.replace(/<[^>]+>/gu, ''))
    .join('\n')
    .replace(/&amp;/gu, '&');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  coord = await loginPage(browser, server.url, 'dieuphoi.haquang');
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('periodic reports', () => {
  let unitUrl = '';

  it('the matrix shows Hà Quảng’s quarterly reports: late ones, and Nội Thôn’s fourth quarter missing', async () => {
    await coord.getByRole('menuitem', { name: /Báo cáo$/ }).click();
    await coord
      .getByTestId('rp-series-list')
      .getByRole('link', { name: 'Báo cáo định kỳ công tác cải cách hành chính' })
      .click();
    const matrix = coord.getByTestId('rp-series-matrix');
    const row = matrix.getByRole('row').filter({ hasText: 'Ủy ban nhân dân xã Nội Thôn' });
    await row.getByTestId('state-overdue').waitFor();
    expect(await matrix.getByTestId('state-late').count()).toBe(3);
    expect(await coord.getByTestId('rp-series-counts').innerText()).toContain('Gửi muộn 3');
    await coord.getByText('ngày 03 của tháng cuối kỳ').waitFor();
    await shot(coord, 'report-series-matrix');
    unitUrl = (await row.getByTestId('cell-3').getAttribute('href'))!;
    expect(unitUrl).toMatch(/^\/reports\/[0-9a-f-]{36}\?unit=[0-9a-f-]{36}$/u);
  });

  it('the commune’s report is written, approved and sent after its due day: accepted, marked late', async () => {
    const officer = await loginPage(browser, server.url, 'canbo.haquang');
    await officer.goto(server.url + unitUrl);
    await officer.getByTestId('rp-section-s1').fill('Đã hoàn thành các nhiệm vụ quý IV theo kế hoạch.');
    await officer.getByTestId('rp-save').click();
    await officer.getByText('Đã lưu.').waitFor();
    await officer.context().close();
    const head = await loginPage(browser, server.url, 'truong.haquang');
    await head.goto(server.url + unitUrl);
    await head.getByTestId('rp-approve').click();
    await head.getByRole('dialog').getByRole('button', { name: 'Duyệt báo cáo' }).click();
    await head.getByText('Đã duyệt báo cáo.').waitFor();
    await head.getByTestId('rp-send').click();
    await head.getByRole('dialog').getByRole('button', { name: 'Gửi báo cáo' }).click();
    await head.getByTestId('state-late').waitFor();
    await head.context().close();
    await coord.reload();
    const row = coord
      .getByTestId('rp-series-matrix')
      .getByRole('row')
      .filter({ hasText: 'Ủy ban nhân dân xã Nội Thôn' });
    await row.getByTestId('cell-3').getByTestId('state-late').waitFor();
    expect(await row.getByTestId('cell-3').innerText()).toMatch(/^Gửi muộn \d+ ngày$/u);
  });

  it('a report missing after its due day raises notices to the unit and to the receiving unit’s coordinators', async () => {
    const units = (await pageApi(coord, 'GET', '/api/units')).body as {
      items: { id: string; code: string }[];
    };
    const id = (c: string) => units.items.find((u) => u.code === c)!.id;
    const r = await pageApi(coord, 'POST', '/api/report-requests/ad-hoc', {
      title: 'Báo cáo tình hình thực hiện cơ chế một cửa',
      ownerUnitId: id('UBND-HQ'),
      receivingUnitId: id('HQ-NV'),
      unitIds: [id('HQ-CY')],
      dueOn: isoDay(-1),
      outline: ['Kết quả thực hiện'],
    });
    expect(r.status).toBe(200);
    // the job runs every few seconds in this server (JOBS_INTERVAL_SECONDS)
    const notices = async (page: Page) =>
      (
        (await pageApi(page, 'GET', '/api/notices')).body as {
          items: { title: string; body: string }[];
        }
      ).items.filter((n) => (n.title + n.body).includes('Báo cáo tình hình thực hiện cơ chế một cửa'));
    const overdue = (n: { title: string; body: string }) => /quá hạn|chưa gửi/iu.test(n.title + n.body);
    for (let i = 0; i < 40 && !(await notices(coord)).some(overdue); i++) await coord.waitForTimeout(500);
    expect((await notices(coord)).some(overdue)).toBe(true);
    const unitHead = await loginPage(browser, server.url, 'truong.haquang');
    expect((await notices(unitHead)).some(overdue)).toBe(true);
    await unitHead.context().close();
  });
});

describe('the improvement plan from a result', () => {
  it('Hà Quảng’s draft from its 2021 result has seven sections with the leads of seed 004, and downloads as Word', async () => {
    const fws = (await pageApi(coord, 'GET', '/api/frameworks')).body as {
      items: { id: string; code: string }[];
    };
    const fw = fws.items.find((f) => f.code === 'CCHC-HUYEN-2021')!;
    const results = (await pageApi(coord, 'GET', `/api/results?frameworkId=${fw.id}&year=2021`)).body as {
      items: { id: string; unitName: string }[];
    };
    const result = results.items.find((x) => x.unitName.includes('Hà Quảng'))!;
    await coord.goto(`${server.url}/plans/improvement/${result.id}`);
    const table = coord.getByTestId('im-fields');
    await table.getByText('7. Chính quyền điện tử, chính quyền số').waitFor();
    const leads: [string, string][] = [
      ['1', 'Phòng Nội vụ'],
      ['2', 'Phòng Tư pháp'],
      ['3', 'Văn phòng HĐND và UBND'],
      ['4', 'Phòng Nội vụ'],
      ['5', 'Phòng Nội vụ'],
      ['6', 'Phòng Tài chính - Kế hoạch'],
      ['7', 'Phòng Văn hóa - Thông tin'],
    ];
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(7);
    for (const [code, lead] of leads)
      expect(await coord.getByTestId(`im-lead-${code}`).innerText()).toContain(lead);
    await shot(coord, 'improvement-draft');
    await coord.getByTestId('im-number').fill('46/KH-UBND');
    await coord.getByTestId('im-create').click();
    await coord.waitForURL(/\/plans\/[0-9a-f-]{36}$/u);
    await coord.getByTestId('pt-view').getByText('II. NHIỆM VỤ VÀ TRÁCH NHIỆM THỰC HIỆN').waitFor();
    await shot(coord, 'improvement-plan');
    const downloaded = coord.waitForEvent('download', { timeout: 90_000 });
    await coord.getByTestId('pt-word').click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toMatch(/\.docx$/u);
    const saved = path.join(OUT, 'improvement-plan.docx');
    await file.saveAs(saved);
    const text = await wordText(saved);
    expect(text).toContain('Số: 46/KH-UBND');
    let at = text.indexOf('II. NHIỆM VỤ VÀ TRÁCH NHIỆM THỰC HIỆN');
    for (const [k, [, lead]] of leads.entries()) {
      const next = text.indexOf(`${k + 1}.3. Trách nhiệm thực hiện`, at);
      expect(next, `section ${k + 1}`).toBeGreaterThan(at);
      expect(text.slice(next, next + 200)).toContain(`Đơn vị chủ trì: ${lead}.`);
      at = next;
    }
  });
});
