/** Campaign administration in Chromium on the demo (issue #15 item 2): the province coordinator opens a
 * campaign with the seed 002 preset of police fields and sets N for Cù Lao Dung; the Cù Lao Dung
 * coordinator copies it down to two commune police and allocates the province's target among them
 * in proportion to N (the parts add up to it exactly). Screenshots at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let province: Page;
let district: Page;
let campaignUrl = '';

async function shoot(p: Page, name: string) {
  await p.screenshot({ path: path.join(OUT, `${name}-1440.png`), fullPage: true });
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(300);
  await p.screenshot({ path: path.join(OUT, `${name}-390.png`), fullPage: true });
  await p.setViewportSize({ width: 1440, height: 900 });
}

/** Chooses an option of an antd Select found by its form label. */
async function choose(p: Page, label: string, option: string) {
  await p.getByLabel(label, { exact: true }).click();
  await p
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: option,
    })
    .first()
    .click();
}

const sumOf = async (p: Page, testIds: string[]) => {
  let s = 0;
  for (const id of testIds) s += Number((await p.getByTestId(id).innerText()).replace(/\D/g, ''));
  return s;
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  province = await loginPage(browser, server.url, 'dieuphoi.soctrang');
  district = await loginPage(browser, server.url, 'dieuphoi.culaodung');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('campaign administration', () => {
  it('the province coordinator opens a campaign with the police fields and sets N', async () => {
    await province.getByRole('menu').first().getByRole('menuitem', { name: 'Khảo sát' }).click();
    await province.getByTestId('campaign-create').click();
    await choose(province, 'Phiếu', 'Phiếu đo lường sự hài lòng');
    await province.getByTestId('campaign-code').fill('HL-2025');
    await province.getByTestId('campaign-name').fill('Đo lường sự hài lòng của người dân, tổ chức');
    await province.getByRole('button', { name: 'Mở đợt khảo sát' }).last().click();
    await province.getByTestId('campaign-title').waitFor();
    campaignUrl = new URL(province.url()).pathname;
    expect(await province.getByText('Phòng Quản lý xuất nhập cảnh').count()).toBeGreaterThan(0);
    await province.getByTestId('targets-edit').click();
    await province.getByTestId('n-CCCD-Công an huyện Cù Lao Dung').fill('1000');
    await province.getByTestId('targets-save').click();
    // n = ⌈1000/(1+1000·0,05²)⌉ = 286
    await expect
      .poll(() => province.getByTestId('target-CCCD-Công an huyện Cù Lao Dung').innerText())
      .toBe('286');
    await shoot(province, 'survey-campaign-province');
  });

  it('the Cù Lao Dung coordinator copies it down to two commune police and allocates exactly', async () => {
    await district.goto(server.url + campaignUrl);
    await district.getByTestId('campaign-title').waitFor();
    await district.getByTestId('campaign-copy-down').click();
    const units = district.getByLabel('Đơn vị cấp dưới được khảo sát');
    for (const name of ['An Thạnh 1', 'An Thạnh 2']) {
      await units.click();
      await units.fill(name);
      await district
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
          hasText: `Công an xã ${name}`,
        })
        .first()
        .click();
    }
    await district.getByRole('dialog').getByRole('button', { name: 'Giao xuống cấp dưới' }).click();
    await district.waitForURL((u) => u.pathname !== campaignUrl);
    await district.getByText('Giao xuống từ').waitFor();
    await district.getByTestId('targets-edit').click();
    await district.getByTestId('n-CCCD-Công an xã An Thạnh 1').fill('300');
    await district.getByTestId('n-CCCD-Công an xã An Thạnh 2').fill('100');
    await district.getByTestId('targets-save').click();
    await district.getByText('Đã lưu.').first().waitFor();
    await district.getByTestId('targets-allocate').click();
    await choose(district, 'Lĩnh vực', 'Cấp, quản lý Căn cước công dân');
    await district.getByRole('dialog').getByRole('button', { name: 'Phân bổ số phiếu' }).click();
    const ids = ['target-CCCD-Công an xã An Thạnh 1', 'target-CCCD-Công an xã An Thạnh 2'];
    // 286 × 300/400 = 214,5 and 286 × 100/400 = 71,5: the parts add up to 286 exactly
    await expect.poll(() => sumOf(district, ids)).toBe(286);
    expect(Number(await district.getByTestId(ids[0]!).innerText())).toBeGreaterThanOrEqual(214);
    await shoot(district, 'survey-campaign-copied');
    await district.goto(server.url + '/surveys');
    await district.getByText('Đo lường sự hài lòng của người dân, tổ chức').first().waitFor();
    await shoot(district, 'survey-campaign-list');
    await district.goto(server.url + '/surveys/forms');
    await district.getByText('nội dung ví dụ').first().waitFor();
    await district.getByRole('link', { name: /Phiếu đo lường sự hài lòng/ }).click();
    await district.getByText('Cách tổng hợp chỉ số theo cấp').waitFor();
    await shoot(district, 'survey-form');
  });
});
