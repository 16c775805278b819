/** The citizen's QR page in a real browser with JavaScript disabled (issue #15, acceptance): the
 * citizen answers, posts, goes back and posts again, and the ballot counts once (checked in the
 * database after the server stops). Screenshots at 390 and 1440 px, and the staff's A4 poster. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../apps/server/src/db/open.ts';
import { launchBrowser, loginPage, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running | null = null;
let browser: Browser | null = null;
let dataDir = '';
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const SCALE = ['TC1', 'TC2', 'TC3', 'TT1', 'TT2', 'TT3', 'TT4', 'CB1', 'CB2', 'CB3', 'CB4', 'CB5'].concat([
  'KQ1',
  'KQ2',
  'KQ3',
  'PA1',
  'PA2',
  'PA3',
  'HL',
]);

describe('citizen survey page without JavaScript', () => {
  it('answers, posts twice (submit, back, submit) and the ballot counts once', async () => {
    server = await startServer();
    dataDir = server.dataDir;
    browser = await launchBrowser();
    const staff = await loginPage(browser, server.url, 'dieuphoi.culaodung');
    const units = (await pageApi(staff, 'GET', '/api/units?q=CAH-CLD')).body as {
      items: { id: string; code: string }[];
    };
    const cld = units.items.find((u) => u.code === 'CAH-CLD')!.id;
    const forms = (await pageApi(staff, 'GET', '/api/survey-forms')).body as {
      items: { id: string; code: string }[];
    };
    const c = await pageApi(staff, 'POST', '/api/survey-campaigns', {
      code: 'HL-CLD-E2E',
      name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2026',
      year: 2026,
      formId: forms.items.find((f) => f.code === 'PL01a')!.id,
      ownerUnitId: cld,
      periodFrom: '2025-09-15',
      periodTo: '2026-09-14',
      opensOn: '2020-01-01',
      closesOn: '2099-12-31',
      fields: [
        { code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' },
        { code: 'CT', name: 'Cư trú' },
        { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
      ],
      targets: ['CCCD', 'CT', 'XNC'].map((fieldCode) => ({ unitId: cld, fieldCode, transactions: 800 })),
    });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const campaignId = (c.body as { id: string }).id;
    expect(
      (await pageApi(staff, 'POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'open' })).status,
    ).toBe(200);
    const detail = (await pageApi(staff, 'GET', `/api/survey-campaigns/${campaignId}`)).body as {
      targets: { fieldCode: string; link: string }[];
    };
    const link = detail.targets.find((t) => t.fieldCode === 'CCCD')!.link;

    // the staff's poster, looked at as printed (A4)
    await staff.goto(`${server.url}/api/survey-campaigns/${campaignId}/poster?unitId=${cld}`);
    await staff.getByText('Quét mã để đánh giá sự hài lòng').waitFor();
    await staff.emulateMedia({ media: 'print' });
    await staff.pdf({ path: path.join(OUT, 'survey-poster.pdf'), format: 'A4', printBackground: true });
    await staff.emulateMedia({ media: 'screen' });
    await staff.screenshot({ path: path.join(OUT, 'survey-poster.png'), fullPage: true });

    for (const width of [1440, 390]) {
      const ctx = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width, height: width === 390 ? 844 : 900 },
        locale: 'vi-VN',
      });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        // the refused post's 422 is logged by the browser; anything else (a CSP violation…) is a fault
        if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text());
      });
      await page.goto(server.url + link);
      await page
        .getByRole('heading', {
          name: 'Công an huyện Cù Lao Dung — Lĩnh vực cấp, quản lý Căn cước công dân',
        })
        .waitFor();
      await page.screenshot({ path: path.join(OUT, `survey-public-${width}.png`), fullPage: width === 390 });
      // an answer is a tap on the label (the radio itself is visually hidden), at least 44 px high
      const box = await page.locator('label:has(input[name="q_TC1"][value="4"]) span').boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      const answer = async () => {
        await page
          .getByRole('group', { name: /Ông\/Bà là/ })
          .getByText('Cá nhân')
          .click();
        for (const q of SCALE)
          await page.locator(`label:has(input[name="q_${q}"][value="${q === 'HL' ? 5 : 4}"]) span`).click();
        await page
          .getByRole('group', { name: /cải thiện/ })
          .getByText('Rút ngắn thời gian giải quyết')
          .click();
      };
      await answer();
      await page.getByLabel('Số điện thoại (không bắt buộc)').fill('0912 345 678');
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá' }).waitFor();
      await page.screenshot({ path: path.join(OUT, `survey-public-${width}-thanks.png`) });
      // back to the same form (same form token), and post again
      await page.goBack();
      await page.getByRole('button', { name: 'Gửi phiếu' }).waitFor();
      if (!(await page.locator('input[name="q_HL"][value="5"]').isChecked())) await answer();
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá' }).waitFor();
      if (width === 390) {
        // a wrong phone comes back with the answers kept and the message at the field
        await page.goto(server.url + link);
        await answer();
        await page.getByLabel('Số điện thoại (không bắt buộc)').fill('12ab');
        await page.getByRole('button', { name: 'Gửi phiếu' }).click();
        await page.getByText('Phiếu chưa gửi được: còn 1 chỗ cần xem lại.').waitFor();
        expect(await page.locator('input[name="q_CB3"][value="4"]').isChecked()).toBe(true);
        await page.screenshot({ path: path.join(OUT, 'survey-public-390-error.png') });
      }
      expect(errors).toEqual([]);
      await ctx.close();
    }
    await browser.close();
    browser = null;

    // the server stops; its database says: one ballot per citizen (two citizens, four posts)
    await server.kill();
    const database = await openDb({ dataDir, lock: false });
    try {
      const r = (await database.db.execute(
        sql`select count(*)::int as n, count(distinct submit_token)::int as tokens,
              bool_and(mode = 'qr') as qr, bool_and(contact_phone = '0912345678') as phone
            from survey_ballots where campaign_id = ${campaignId}`,
      )) as unknown as { rows: { n: number; tokens: number; qr: boolean; phone: boolean }[] };
      expect(r.rows[0]).toEqual({ n: 2, tokens: 2, qr: true, phone: true });
    } finally {
      await database.close();
    }
  }, 600_000);
});
