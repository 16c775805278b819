/** The cycle's "Khảo sát" tab in Chromium on the demo (issue #15 item 7): the province's coordinator
 * opens the 2024 cycle it runs for Cù Lao Dung, sees its survey criterion bound to HL-2024, unbinds it
 * and binds it again to the field CT through the dialog (an empty code and an unknown campaign are
 * refused, the dialog keeping what was typed); Cù Lao Dung's coordinator reads the tab without the
 * buttons. A commune whose Mẫu 01 is overdue (asked through the API by Cù Lao Dung, the owner of the
 * campaign the communes read: the demo has no flagged unit in this cycle) is flagged, and the
 * coordinator records "0 điểm" with a reason. Once the appraisal stage opens, the bindings are
 * frozen and the tab says why. Screenshots at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let province: Page;
let district: Page;
let cycleUrl = '';
let cycleId = '';
let leaf = ''; // the framework's survey criterion (6.2 of CCHC-CAX-MAU-2023)
const TOWN = 'Công an thị trấn Cù Lao Dung';

type View = {
  leaves: { code: string }[];
  units: { unitId: string; unitName: string }[];
};

/** yyyy-mm-dd of today + n days in Asia/Ho_Chi_Minh. */
function isoDay(n: number): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** How wide the page is (run in the page as plain JS: the tests are typed without the DOM). */
const pageWidth = (p: Page) => p.evaluate('document.documentElement.scrollWidth') as Promise<number>;

/** Screenshots at 1440 and 390 px (of the whole page, or of the screen for a dialog); at 390 the page itself never scrolls sideways (the
 * tables scroll inside their cards). */
async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: path.join(OUT, `${name}-1440.png`), fullPage });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  // (a dialog locks the page under its mask: antd's scroll lock, not the page, decides its width)
  if (!(await page.getByRole('dialog').count())) expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(OUT, `${name}-390.png`), fullPage });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The cycle page on its "Khảo sát" tab. */
async function openTab(page: Page) {
  await page.goto(cycleUrl);
  await page.getByRole('tab', { name: 'Khảo sát' }).click();
  await page.getByTestId('sp-units').getByText(TOWN).waitFor();
}

const unitRow = (page: Page, name: string) =>
  page.getByTestId('sp-units').getByRole('row').filter({ hasText: name });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  province = await loginPage(browser, server.url, 'dieuphoi.soctrang');
  district = await loginPage(browser, server.url, 'dieuphoi.culaodung');
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the Khảo sát tab of the 2024 cycle', () => {
  it('the province coordinator opens the cycle and sees the criterion bound to HL-2024', async () => {
    const p = province;
    await p.getByRole('menuitem', { name: 'Kỳ đánh giá' }).click();
    await p.getByRole('link', { name: /^Chỉ số CCHC năm 2024/ }).click();
    await p.waitForURL(/\/cycles\/[0-9a-f-]{36}$/);
    cycleUrl = p.url();
    cycleId = cycleUrl.split('/').pop()!;
    const view = (await pageApi(p, 'GET', `/api/cycles/${cycleId}/survey-points`)).body as View;
    leaf = view.leaves[0]!.code;
    await p.getByRole('tab', { name: 'Khảo sát' }).click();
    await expect
      .poll(() => p.getByTestId(`sp-binding-${leaf}`).innerText())
      .toBe('Đợt HL-2024 — Chỉ số hài lòng chung');
    // the communes read Cù Lao Dung's copy; the teams were not surveyed
    const town = unitRow(p, TOWN);
    await town
      .getByText(/^Chỉ số hài lòng chung của đơn vị: \d+,\d{2}% — kết quả đợt khảo sát HL-2024/)
      .waitFor();
    await town.getByText(/^\d+(,\d+)? điểm$/).waitFor();
    await unitRow(p, 'Đội Tham mưu')
      .getByText(/^Không áp dụng/)
      .waitFor();
    expect(await p.getByTestId('sp-flag').count()).toBe(0);
    await shot(p, 'survey-points-bound');
  });

  it('unbinds, then binds again to the field CT through the dialog', async () => {
    const p = province;
    await p.getByTestId(`sp-unbind-${leaf}`).click();
    await p
      .getByText(`Bỏ gắn tiêu chí ${leaf} khỏi đợt khảo sát HL-2024?`)
      .filter({ visible: true })
      .waitFor();
    await p.getByTestId('sp-unbind-ok').click();
    await p.getByText(`Đã bỏ gắn tiêu chí ${leaf}`).waitFor();
    await expect.poll(() => p.getByTestId(`sp-binding-${leaf}`).innerText()).toBe('Chưa gắn');
    await unitRow(p, TOWN)
      .getByText(/chưa gắn đợt khảo sát/)
      .waitFor();
    expect(await p.getByTestId(`sp-unbind-${leaf}`).count()).toBe(0);

    await p.getByTestId(`sp-bind-${leaf}`).click();
    const dlg = p.getByRole('dialog');
    await dlg.getByText(`Gắn đợt khảo sát — tiêu chí ${leaf}`).waitFor();
    // nothing typed: the form says what is missing, nothing is sent
    await p.getByTestId('sp-bind-save').click();
    await dlg.getByText('Nhập mã đợt khảo sát').waitFor();
    // a code no unit of the cycle (or above it) has: the server's message, in the dialog
    const code = dlg.getByRole('combobox');
    await code.fill('KHONG-CO');
    await dlg.getByText(`Gắn đợt khảo sát — tiêu chí ${leaf}`).click(); // closes the suggestions
    await p.getByTestId('sp-bind-save').click();
    await dlg
      .getByTestId('dialog-error')
      .getByText('Không có đợt khảo sát mã KHONG-CO của các đơn vị trong kỳ hoặc cấp trên của họ.')
      .waitFor();
    expect(await code.inputValue()).toBe('KHONG-CO');
    // the campaign picked from the suggestions, by field: the field's code is asked for
    await code.fill('HL-2024');
    expect(await dlg.getByTestId('dialog-error').count()).toBe(0); // the refusal was of what is no more
    await p.locator('.ant-select-item-option').filter({ hasText: 'Công an huyện Cù Lao Dung' }).click();
    expect(await code.inputValue()).toBe('HL-2024');
    await dlg.getByLabel('Theo lĩnh vực').check();
    await p.getByTestId('sp-bind-save').click();
    await dlg.getByText('Nhập mã lĩnh vực').waitFor();
    await p.getByTestId('sp-indicator-code').fill('CT');
    await dlg.getByText('Nhập mã lĩnh vực').waitFor({ state: 'detached' });
    await shot(p, 'survey-points-bind-dialog', false);
    await p.getByTestId('sp-bind-save').click();
    await p.getByText(`Đã gắn đợt khảo sát cho tiêu chí ${leaf}`).waitFor();
    await expect.poll(() => dlg.count()).toBe(0);
    await expect
      .poll(() => p.getByTestId(`sp-binding-${leaf}`).innerText())
      .toBe('Đợt HL-2024 — Lĩnh vực CT');
    await unitRow(p, TOWN)
      .getByText(/^Lĩnh vực CT của đơn vị: \d+,\d{2}%/)
      .waitFor();
    const view = (await pageApi(p, 'GET', `/api/cycles/${cycleId}/survey-points`)).body as {
      leaves: { binding: unknown }[];
    };
    expect(view.leaves[0]!.binding).toMatchObject({
      campaignCode: 'HL-2024',
      indicator: { kind: 'field', code: 'CT' },
    });
  });

  it("Cù Lao Dung's coordinator (not the owner) reads the tab without its buttons", async () => {
    const p = district;
    await openTab(p);
    await expect
      .poll(() => p.getByTestId(`sp-binding-${leaf}`).innerText())
      .toBe('Đợt HL-2024 — Lĩnh vực CT');
    expect(await p.getByTestId(`sp-bind-${leaf}`).count()).toBe(0);
    expect(await p.getByTestId(`sp-unbind-${leaf}`).count()).toBe(0);
    expect(await p.getByTestId('sp-bind-blocked').count()).toBe(0);
  });
});

describe('a unit whose survey report is overdue', () => {
  it('is flagged, and counts 0 once the coordinator records it with a reason', async () => {
    // Cù Lao Dung asks its communes' Mẫu 01 of its copy of HL-2024, due yesterday: the town has not sent
    const campaigns = (await pageApi(district, 'GET', '/api/survey-campaigns')).body as {
      items: { id: string; code: string; ownerUnitName: string }[];
    };
    const copy = campaigns.items.find(
      (c) => c.code === 'HL-2024' && c.ownerUnitName === 'Công an huyện Cù Lao Dung',
    )!;
    const view = (await pageApi(province, 'GET', `/api/cycles/${cycleId}/survey-points`)).body as View;
    const town = view.units.find((u) => u.unitName === TOWN)!;
    const due = isoDay(-1);
    const req = await pageApi(district, 'POST', '/api/report-requests', {
      kind: 'survey_mau01',
      campaignId: copy.id,
      dueOn: due,
      unitIds: [town.unitId],
    });
    expect(req.status, JSON.stringify(req.body)).toBe(200);

    const p = province;
    await openTab(p);
    const row = unitRow(p, TOWN);
    const flag = `Chưa gửi báo cáo Mẫu 01 (hạn ${due.split('-').reverse().join('/')})`;
    await row.getByTestId('sp-flag').getByText(flag).waitFor();
    expect(await p.getByTestId('sp-flag').count()).toBe(1);
    // the flag alone changes no points
    await row.getByText(/^\d+(,\d+)? điểm$/).waitFor();
    expect(await row.getByText(/^0 điểm$/).count()).toBe(0);

    // named above the table, whose flag column is off-screen on a phone
    await p.getByTestId('sp-undecided').getByText(TOWN).waitFor();

    await row.getByTestId('sp-zero').click();
    const dlg = p.getByRole('dialog');
    await dlg.getByText(`Tính 0 điểm khảo sát — ${TOWN}`).waitFor();
    await p.getByTestId('sp-decide-ok').click();
    await dlg.getByText('Nhập lý do quyết định').waitFor();
    await shot(p, 'survey-points-sanction-dialog', false);
    await p.getByTestId('sp-reason').fill('Mẫu 01 quá hạn, đơn vị không gửi và không có lý do chính đáng');
    await p.getByTestId('sp-decide-ok').click();
    await p.getByText(`Đã ghi quyết định về điểm khảo sát của ${TOWN}`).waitFor();
    await expect.poll(() => dlg.count()).toBe(0);
    const sanction = row.getByTestId('sp-sanction');
    await sanction.getByText('Tính 0 điểm').waitFor();
    await sanction
      .getByText('Lý do: Mẫu 01 quá hạn, đơn vị không gửi và không có lý do chính đáng')
      .waitFor();
    await sanction
      .getByText(/^Ghi nhận: Cán bộ đầu mối Công an tỉnh .*, \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/)
      .waitFor();
    await row.getByText(/^0 điểm$/).waitFor();
    await row.getByText(/^0 điểm theo quyết định của cán bộ đầu mối/).waitFor();
    expect(await p.getByTestId('sp-undecided').count()).toBe(0);
    await shot(p, 'survey-points-sanction');
    // on a phone the table scrolls sideways inside its card to the decision
    await p.setViewportSize({ width: 390, height: 844 });
    await p
      .getByTestId('sp-units')
      .locator('.ant-table-content')
      .evaluate((e) => (e.scrollLeft = e.scrollWidth));
    await row.getByTestId('sp-sanction').scrollIntoViewIfNeeded();
    expect(await pageWidth(p)).toBeLessThanOrEqual(390);
    await p.screenshot({ path: path.join(OUT, 'survey-points-sanction-scrolled-390.png') });
    await p.setViewportSize({ width: 1440, height: 900 });

    // Cù Lao Dung's coordinator reads the flag and the decision, and cannot decide
    await openTab(district);
    const theirs = unitRow(district, TOWN);
    await theirs.getByTestId('sp-sanction').getByText('Tính 0 điểm').waitFor();
    expect(await district.getByTestId('sp-zero').count()).toBe(0);
    expect(await district.getByTestId('sp-waive').count()).toBe(0);
  });
});

describe('once the appraisal stage opens', () => {
  it('the bindings are frozen: the tab says why and offers no buttons', async () => {
    const p = province;
    for (const [stage, state] of [
      ['self_assessment', 'closed'],
      ['appraisal', 'open'],
    ] as const) {
      const r = await pageApi(p, 'POST', `/api/cycles/${cycleId}/stages/${stage}`, { state });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    await openTab(p);
    await p
      .getByTestId('sp-bind-blocked')
      .getByText('Giai đoạn thẩm định đã mở: không thay đổi được việc gắn đợt khảo sát cho tiêu chí.')
      .waitFor();
    expect(await p.getByTestId(`sp-bind-${leaf}`).count()).toBe(0);
    expect(await p.getByTestId(`sp-unbind-${leaf}`).count()).toBe(0);
    // the sanction is still the coordinator's to change while the cycle is open
    expect(await unitRow(p, TOWN).getByTestId('sp-waive').count()).toBe(1);
    await shot(p, 'survey-points-frozen');
  });
});
