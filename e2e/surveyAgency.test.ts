/** Agency opinion and post-audit pages (issue #15, items 5 and 6) in Chromium on the demo: the
 * coordinator adds the four provincial bodies, invites them and sees each link once; the post-audit
 * page is set up (seed shown, the sample empty without ballots) and the phone column never shows a
 * number to a coordinator. Screenshots at 1440 and 390 px. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
let coord: Page;
let agencyId: string;
let citizenId: string;

async function campaign(formCode: string, code: string) {
  const forms = (await pageApi(coord, 'GET', '/api/survey-forms')).body as {
    items: { id: string; code: string }[];
  };
  const units = (await pageApi(coord, 'GET', '/api/units?q=soc%20trang')).body as {
    items: { id: string; code: string }[];
  };
  const st = units.items.find((u) => u.code === 'CAT-ST')!.id;
  const r = await pageApi(coord, 'POST', '/api/survey-campaigns', {
    code,
    name: `Lấy ý kiến năm 2024 (${code})`,
    year: 2024,
    formId: forms.items.find((f) => f.code === formCode)!.id,
    ownerUnitId: st,
    periodFrom: '2024-01-01',
    periodTo: '2024-12-31',
    opensOn: '2024-01-01',
    closesOn: '2030-12-31',
    fields: [{ code: 'YK', name: 'Ý kiến' }],
    targets: [{ unitId: st, fieldCode: 'YK', transactions: 10 }],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const id = (r.body as { id: string }).id;
  await pageApi(coord, 'POST', `/api/survey-campaigns/${id}/status`, { status: 'open' });
  return id;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  coord = await loginPage(browser, server.url, 'dieuphoi.soctrang');
  agencyId = await campaign('PL01b', 'YK-E2E');
  citizenId = await campaign('PL01a', 'HL-E2E');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('agency opinion page', () => {
  it('adds the provincial bodies, invites them and shows each link once', async () => {
    await coord.goto(`${server.url}/surveys/${agencyId}/agency`);
    await coord.getByTestId('agency-preset').click();
    await coord.getByText('Sở Tư pháp').first().waitFor();
    await coord.getByTestId('agency-choose').click();
    for (const name of ['Sở Nội vụ', 'Sở Tư pháp']) await coord.getByTitle(new RegExp(name)).first().click();
    await coord.keyboard.press('Escape');
    await coord.getByTestId('agency-invite').click();
    const links = coord.getByTestId('agency-links');
    await links.waitFor();
    const values = await links
      .locator('input')
      .evaluateAll((xs) => xs.map((x) => (x as unknown as { value: string }).value));
    expect(values).toHaveLength(2);
    expect(values.every((v) => /\/y\/[A-Za-z0-9_-]{32}$/.test(v))).toBe(true);
    await coord.screenshot({ path: path.join(OUT, 'survey-agency-links-1440.png'), fullPage: true });
    await coord.getByTestId('agency-links-close').click();
    await coord.getByText('0/2 cơ quan đã trả lời').waitFor();
    await coord.screenshot({ path: path.join(OUT, 'survey-agency-1440.png'), fullPage: true });
    await coord.setViewportSize({ width: 390, height: 844 });
    await coord.screenshot({ path: path.join(OUT, 'survey-agency-390.png'), fullPage: true });
    await coord.setViewportSize({ width: 1440, height: 900 });
  });
});

describe('post-audit page', () => {
  it('is set up with the default figures and shows the stored seed', async () => {
    await coord.goto(`${server.url}/surveys/${citizenId}/postaudit`);
    await coord.getByTestId('postaudit-draw').click();
    await coord.getByTestId('postaudit-close').waitFor();
    await coord.getByText('Hạt giống', { exact: true }).waitFor();
    expect(await coord.locator('body').innerText()).not.toMatch(/09\d{8}/);
    await coord.screenshot({ path: path.join(OUT, 'survey-postaudit-1440.png'), fullPage: true });
    await coord.setViewportSize({ width: 390, height: 844 });
    await coord.screenshot({ path: path.join(OUT, 'survey-postaudit-390.png'), fullPage: true });
  });
});
