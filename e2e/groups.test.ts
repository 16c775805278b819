/** Issue #13 in the browser: the framework editor refuses to save an invalid maximum and keeps the
 * text; Hà Quảng's published 2023 ranking, split into its offices and its communes, ranks each group
 * from 1 on screen and in Excel; the appraisal matrix names its field columns. Screenshots at 1440
 * and 390 px in e2e/out. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let coord: Page; // dieuphoi.haquang
let officer: Page; // canbo.haquang

const OFFICES = 'Các cơ quan chuyên môn thuộc UBND huyện';
const COMMUNES = 'UBND các xã, thị trấn';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  coord = await loginPage(browser, server.url, 'dieuphoi.haquang');
  officer = await loginPage(browser, server.url, 'canbo.haquang');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Both widths of a page, full length. */
async function shots(p: Page, name: string) {
  await p.screenshot({ path: path.join(OUT, `${name}-1440.png`), fullPage: true });
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(300);
  await p.screenshot({ path: path.join(OUT, `${name}-390.png`), fullPage: true });
  await p.setViewportSize({ width: 1440, height: 900 });
}

/** The cycle of 2023 of Hà Quảng, opened on its ranking. */
async function openRanking(p: Page) {
  await p.getByRole('menuitem', { name: 'Kỳ đánh giá' }).click();
  await p.getByRole('link', { name: 'Chỉ số CCHC năm 2023', exact: false }).first().click();
  await p.getByRole('tab', { name: 'Kết quả, xếp hạng' }).click();
}

describe('framework editor', () => {
  it('refuses to save a maximum "ba", lists the errors and keeps the text', async () => {
    const p = coord;
    await p.getByRole('menuitem', { name: 'Bộ tiêu chí' }).click();
    await p.getByRole('link', { name: 'CCHC-HUYEN-2021' }).click();
    await p.getByTestId('fw-clone').click();
    await p.getByRole('dialog').getByRole('button', { name: 'Sao chép sang năm mới' }).click();
    await p.getByText('Dự thảo').first().waitFor();
    const id = p.url().split('/').pop()!;
    const revisionOf = () =>
      p.evaluate(
        async (fid) =>
          (await (await fetch(`/api/frameworks/${fid}`)).json()) as {
            revision: number;
            definition: { criteria: { children: { max: string }[] }[] };
          },
        id,
      );
    const before = await revisionOf();
    // the clone's own "Đã lưu" toast goes first, so that a later one would be the save's
    await expect.poll(() => p.getByText('Đã lưu').count(), { timeout: 15_000 }).toBe(0);
    const max11 = p.getByTestId('max-1.1');
    const typed = await max11.inputValue();
    await max11.fill('ba');
    await p.getByTestId('fw-save').click();
    const refused = p.getByTestId('fw-save-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Chưa lưu');
    expect(await refused.innerText()).toContain('Tiêu chí 1.1');
    expect(await refused.innerText()).toContain('"ba"');
    // the text stays as typed, nothing reached the server
    expect(await max11.inputValue()).toBe('ba');
    expect(await p.getByText('Đã lưu').count()).toBe(0);
    const after = await revisionOf();
    expect(after.revision).toBe(before.revision);
    expect(after.definition.criteria[0]!.children[0]!.max).toBe(
      before.definition.criteria[0]!.children[0]!.max,
    );
    await shots(p, 'framework-refused');
    // corrected, it saves; the name is edited in the app as well
    await max11.fill(typed);
    await p.getByTestId('fw-name').fill('Bộ tiêu chí Chỉ số CCHC cấp huyện năm 2022 (dự thảo)');
    await p.getByTestId('fw-save').click();
    await p.getByText('Đã lưu').first().waitFor();
    const saved = await p.evaluate(
      async (fid) =>
        (await (await fetch(`/api/frameworks/${fid}`)).json()) as {
          revision: number;
          definition: { name: string };
        },
      id,
    );
    expect(saved.revision).toBe(before.revision + 1);
    expect(saved.definition.name).toBe('Bộ tiêu chí Chỉ số CCHC cấp huyện năm 2022 (dự thảo)');
  });
});

describe("Hà Quảng's 2023 ranking by group", () => {
  it('shows the offices and the communes each ranked from 1, "k/N" counting the group', async () => {
    const p = officer;
    await openRanking(p);
    const offices = p.getByTestId('cycle-ranking-group-office');
    const communes = p.getByTestId('cycle-ranking-group-commune_committee');
    await offices.waitFor();
    expect(await offices.getByRole('heading').innerText()).toContain(OFFICES);
    expect(await communes.getByRole('heading').innerText()).toContain(COMMUNES);
    const ranks = async (g: typeof offices) =>
      (await g.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t')[0]!.trim());
    const o = await ranks(offices);
    const c = await ranks(communes);
    expect(o).toHaveLength(6);
    expect(c).toHaveLength(8);
    expect(o[0]).toBe('1/6');
    expect(c[0]).toBe('1/8');
    expect(o.every((r) => r.endsWith('/6'))).toBe(true);
    expect(c.every((r) => r.endsWith('/8'))).toBe(true);
    await shots(p, 'ranking-groups');
  });

  it('shows the same groups on the results page, each ranked from 1', async () => {
    const p = officer;
    const back = p.url();
    await p.getByRole('menuitem', { name: 'Kết quả & xếp hạng' }).click();
    const pick = async (testId: string, option: string) => {
      await p.getByTestId(testId).click();
      await p.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    };
    await pick('res-framework', 'phòng chuyên môn và UBND cấp xã');
    await pick('res-year', '2023');
    const offices = p.getByTestId('res-group-office');
    const communes = p.getByTestId('res-group-commune_committee');
    await offices.waitFor();
    expect(await offices.getByRole('heading').innerText()).toContain(OFFICES);
    expect(await communes.getByRole('heading').innerText()).toContain(COMMUNES);
    expect((await offices.locator('tbody tr').first().innerText()).startsWith('1/6')).toBe(true);
    expect((await communes.locator('tbody tr').first().innerText()).startsWith('1/8')).toBe(true);
    await shots(p, 'results-groups');
    await p.goto(back);
  });

  it('prints each group under its heading in Excel, ranked from 1', async () => {
    const p = officer;
    const cycleId = p.url().split('/').filter(Boolean).pop()!.split('?')[0]!;
    const b64 = await p.evaluate(async (cid) => {
      const buf = new Uint8Array(
        await (await fetch(`/api/cycles/${cid}/ranking/export?format=xlsx`)).arrayBuffer(),
      );
      let s = '';
      for (const x of buf) s += String.fromCharCode(x);
      return btoa(s);
    }, cycleId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push([r.getCell(1).value, r.getCell(2).value]));
    const h1 = rows.findIndex((r) => r[0] === `I. ${OFFICES}`);
    const h2 = rows.findIndex((r) => r[0] === `II. ${COMMUNES}`);
    expect(h1).toBeGreaterThan(0);
    expect(rows[h1 + 1]![0]).toBe(1);
    expect(rows[h2 + 1]![0]).toBe(1);
    expect(h2 - h1 - 1).toBe(6);
    expect(rows.length - h2 - 1).toBe(8);
  });

  it('the coordinator sees the groups declared, frozen once published, and the matrix names its fields', async () => {
    const p = coord;
    await openRanking(p);
    await p.getByTestId('cycle-groups').click();
    const dlg = p.getByRole('dialog');
    await dlg.getByText('Bảng xếp hạng đã công bố').waitFor();
    expect(await dlg.getByTestId('rg-name-0').inputValue()).toBe(OFFICES);
    expect(await dlg.getByTestId('rg-name-1').inputValue()).toBe(COMMUNES);
    await shots(p, 'ranking-groups-dialog');
    await dlg.getByRole('button', { name: 'Hủy' }).click();
    await p.getByRole('tab', { name: 'Ma trận thẩm định' }).click();
    const f1 = p.getByTestId('matrix-field-1').first();
    await f1.waitFor();
    expect((await f1.innerText()).length).toBeGreaterThan(5);
    expect(await f1.innerText()).toMatch(/^1\. \S/);
    await shots(p, 'matrix-fields');
  });
});
