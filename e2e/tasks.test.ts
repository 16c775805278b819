/** Tasks in the web app: Cù Lao Dung gives a task (through the dialog) to "Công an các xã, thị trấn" with a due day in the
 * past; on the plan page one commune's instance shows "Quá hạn"; another commune's task is reported
 * done by the officer and accepted by the coordinator (the issuer). Screenshots at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let district: Page;
let officer: Page;
let planUrl = '';
const TASK = 'Báo cáo kết quả tự kiểm tra công tác cải cách hành chính tại Công an cấp xã';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  district = await loginPage(browser, server.url, 'dieuphoi.culaodung');
  officer = await loginPage(browser, server.url, 'canbo.culaodung');
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The row of the task in the plan's "Nhiệm vụ" section. */
const taskRow = (page: Page) => page.getByTestId('plan-tasks').getByRole('row').filter({ hasText: TASK });

describe('tasks', () => {
  it('a task for the commune police of Cù Lao Dung: one commune shows "Quá hạn" on the plan page', async () => {
    const plans = (await pageApi(district, 'GET', '/api/plans')).body as {
      items: { id: string; number: string }[];
    };
    const p82 = plans.items.find((p) => p.number === '82/KH-CAH')!;
    planUrl = `${server.url}/plans/${p82.id}`;
    await district.goto(planUrl);
    // the issuer gives the task through the "Giao nhiệm vụ" dialog
    await district.getByTestId('tk-add').click();
    const dialog = district.getByRole('dialog');
    await dialog.getByTestId('tk-add-section').fill('IV. Tổ chức thực hiện');
    await dialog.getByTestId('tk-add-content').fill(TASK);
    await dialog.getByText('Một nhóm đơn vị (mỗi đơn vị một nhiệm vụ)').click();
    await dialog.getByTestId('tk-add-group').fill('Công an các xã, thị trấn');
    await dialog.getByLabel('Các đơn vị loại').click();
    await district
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: 'Công an xã, phường, thị trấn',
      })
      .click();
    await dialog.getByTestId('tk-add-due').click();
    await district.keyboard.type('31/07/2024');
    await district.keyboard.press('Enter');
    await dialog.getByLabel('Chỉ tiêu').click();
    await district
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '=',
      })
      .click();
    await dialog.getByLabel('Giá trị', { exact: true }).fill('100');
    await dialog.getByLabel('Đơn vị tính').fill('%');
    await dialog.getByLabel('Nội dung đo').fill('tiêu chí được tự kiểm tra');
    await dialog.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await district.goto(planUrl);
    const row = taskRow(district);
    await row.waitFor();
    expect(await row.innerText()).toContain('= 100 % tiêu chí được tự kiểm tra');
    expect(await row.innerText()).toContain('31/07/2024');
    const at3 = row.getByTestId('task-instance').filter({ hasText: 'Công an xã An Thạnh 3' });
    expect(await at3.getByText('Quá hạn').count()).toBe(1);
    await district.screenshot({ path: path.join(OUT, 'tasks-plan-1440.png'), fullPage: true });
    await district.setViewportSize({ width: 390, height: 844 });
    await district.reload();
    await row.waitFor();
    expect(await district.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await district.screenshot({ path: path.join(OUT, 'tasks-plan-390.png'), fullPage: true });
    await district.setViewportSize({ width: 1440, height: 900 });
  });

  it('another commune reports it done and the issuer accepts it', async () => {
    await officer.goto(planUrl);
    await taskRow(officer).getByRole('link', { name: 'Công an xã An Thạnh Tây' }).click();
    await officer.getByTestId('tk-title').getByText('Công an xã An Thạnh Tây').waitFor();
    await officer.getByTestId('tk-value').fill('100');
    await officer.getByTestId('tk-note').fill('Đã tự kiểm tra đủ các tiêu chí, báo cáo số 12/BC-CAX.');
    await officer.getByTestId('tk-record').click();
    await officer.getByText('Đạt chỉ tiêu').waitFor();
    await officer.getByTestId('tk-declare').click();
    await officer.locator('[data-status="awaiting"]').getByText('Chờ xác nhận').waitFor();
    const url = officer.url();

    await district.goto(url);
    await district.getByTestId('tk-accept').click();
    await district.locator('[data-status="done_late"]').getByText('Hoàn thành muộn').waitFor();
    await district.screenshot({ path: path.join(OUT, 'tasks-instance-1440.png'), fullPage: true });
    await district.goto(planUrl);
    const done = taskRow(district)
      .getByTestId('task-instance')
      .filter({ hasText: 'Công an xã An Thạnh Tây' });
    await done.getByText('Hoàn thành muộn').waitFor();
  });

  it('"Đến hạn và còn thiếu" lists the communes still owing the task', async () => {
    await district.goto(`${server.url}/tasks`);
    await district.getByRole('tab', { name: 'Đến hạn và còn thiếu' }).click();
    const due = district.getByTestId('tk-due');
    await due.getByRole('row').filter({ hasText: TASK }).first().waitFor();
    const rows = due.getByRole('row').filter({ hasText: TASK });
    expect(await rows.count()).toBe(7); // eight communes, one done
    expect(await rows.filter({ hasText: 'Công an xã An Thạnh Tây' }).count()).toBe(0);
    await district.screenshot({ path: path.join(OUT, 'tasks-due-1440.png'), fullPage: true });
    await district.setViewportSize({ width: 390, height: 844 });
    await district.reload();
    await district.getByRole('tab', { name: 'Đến hạn và còn thiếu' }).click();
    await due.getByRole('row').filter({ hasText: TASK }).first().waitFor();
    expect(await district.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await district.screenshot({ path: path.join(OUT, 'tasks-due-390.png'), fullPage: true });
  });
});
