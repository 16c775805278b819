/** The whole journey of a cycle in the browser: a coordinator opens a cycle; a unit officer fills
 * three criteria (one by ratio, one with evidence uploaded, one with an explanation instead) and
 * the head submits; an appraiser changes one score with a reason and asks supplementation on
 * another; the unit answers; the coordinator finalises and publishes with a decision number; the
 * unit sees its rank and lost points. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginPage as login, OUT, pageApi, startServer, type Running } from './server.ts';

let server: Running;
let browser: Browser;
const pages: Record<string, Page> = {};
let cycleUrl = '';
let assessmentUrl = '';

const loginPage = (username: string) => login(browser, server.url, username);
const api = pageApi;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const [k, u] of Object.entries({
    coord: 'dieuphoi.culaodung',
    officer: 'canbo.culaodung',
    head: 'truong.culaodung',
    appraiser: 'thamdinh.soctrang',
  }))
    pages[k] = await loginPage(u);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an assessment cycle, end to end in the browser', () => {
  it('the coordinator opens a cycle and its self-assessment stage', async () => {
    const p = pages.coord!;
    await p.getByRole('menuitem', { name: 'Kỳ đánh giá' }).click();
    await p.getByTestId('cycle-create').click();
    const dlg = p.getByRole('dialog');
    await dlg.getByLabel('Tên kỳ đánh giá').fill('Chỉ số CCHC năm 2025');
    const year = dlg.getByLabel('Năm đánh giá');
    await year.fill('2025');
    await dlg.getByLabel('Bộ tiêu chí (đã ban hành)').click();
    await p.getByTitle('Thông tư 27/2022/TT-BCA', { exact: false }).first().click();
    await dlg.getByLabel('Công an huyện, thị xã, thành phố').check();
    await dlg.getByRole('button', { name: 'Mở kỳ' }).click();
    await p.getByText('Đã mở kỳ đánh giá').waitFor();
    await p.getByTestId('open-self_assessment').click();
    await p.getByText('Đang mở').first().waitFor();
    cycleUrl = p.url();
    // nobody types a survey index (issue #15): the cycle binds 8.1 to the district's campaign, whose
    // index was published outside Chiso (VNeID) as 96,40 % and entered by its coordinator
    const units = (await api(p, 'GET', '/api/units?q=CAH-CLD')).body as {
      items: { id: string; code: string }[];
    };
    const cld = units.items.find((u) => u.code === 'CAH-CLD')!.id;
    const forms = (await api(p, 'GET', '/api/survey-forms')).body as {
      items: { id: string; code: string }[];
    };
    const made = await api(p, 'POST', '/api/survey-campaigns', {
      code: 'HL-2025',
      name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2025',
      year: 2025,
      formId: forms.items.find((f) => f.code === 'PL01a')!.id,
      ownerUnitId: cld,
      periodFrom: '2024-09-15',
      periodTo: '2025-09-14',
      opensOn: '2025-01-01',
      closesOn: '2025-06-30',
      fields: [{ code: 'CT', name: 'Đăng ký, quản lý cư trú' }],
      targets: [{ unitId: cld, fieldCode: 'CT', target: 200 }],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const campaign = (made.body as { id: string }).id;
    for (const status of ['open', 'closed'])
      expect((await api(p, 'POST', `/api/survey-campaigns/${campaign}/status`, { status })).status).toBe(200);
    const ext = await api(p, 'PUT', `/api/survey-campaigns/${campaign}/external-indices`, {
      unitId: cld,
      fieldCode: 'CT',
      index: '96,40',
      issued: 220,
      returned: 210,
      valid: 205,
      document: 'Thông báo kết quả đánh giá trên VNeID năm 2025',
    });
    expect(ext.status, JSON.stringify(ext.body)).toBe(200);
    expect((await api(p, 'POST', `/api/survey-campaigns/${campaign}/publish-results`, {})).status).toBe(200);
    const bound = await api(p, 'PUT', `/api/cycles/${cycleUrl.split('/').pop()}/survey-bindings/8.1`, {
      campaignCode: 'HL-2025',
      indicator: { kind: 'overall' },
    });
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    await p.getByRole('tab', { name: 'Đơn vị' }).waitFor();
    assessmentUrl =
      server.url +
      ((await p.getByRole('link', { name: 'Công an huyện Cù Lao Dung' }).getAttribute('href')) ?? '');
    await p.screenshot({ path: path.join(OUT, 'cycle-opened.png'), fullPage: true });
  });

  it('the officer fills three criteria (ratio, evidence, explanation) and the head submits', async () => {
    const p = pages.officer!;
    const id = assessmentUrl.split('/').pop()!;
    // the other ten criteria were filled earlier (same form, through the API)
    const others: Record<string, string> = {
      '1.2': '1',
      '1.3': '10/10',
      '1.4': '1,75',
      '3.2': '30/100',
      '4': '8',
      '5.1': '0',
      '5.2': '5,25',
      '6': '6',
      '7': '12,5',
    };
    for (const [code, text] of Object.entries(others))
      expect(
        (await api(p, 'PUT', `/api/assessments/${id}/items/${code}`, { text, note: 'Hồ sơ lưu tại đơn vị.' }))
          .status,
      ).toBe(200);
    await p.goto(assessmentUrl);
    // the survey criterion is read-only: the campaign's published index, never typed (the API says 409)
    const typed = await api(p, 'PUT', `/api/assessments/${id}/items/8.1`, { text: '99', note: '' });
    expect(typed.status).toBe(409);
    expect(JSON.stringify(typed.body)).toContain('HL-2025');
    const survey = p.getByTestId('survey-8.1');
    await survey.getByText('Lấy từ kết quả khảo sát').waitFor();
    await survey.getByText('96,40', { exact: false }).waitFor();
    expect(await p.getByTestId('input-8.1').count()).toBe(0);
    await survey.screenshot({ path: path.join(OUT, 'self-assessment-survey-leaf.png') });
    // 3.1 by ratio: numerator and denominator
    await p.getByTestId('input-3.1-num').fill('97');
    await p.getByTestId('input-3.1-den').fill('100');
    await p.getByTestId('input-3.1-den').blur();
    await p.getByTestId('input-3.1-state').getByText('Đã lưu').waitFor();
    await p.getByTestId('points-3.1').getByText('6/10', { exact: true }).waitFor();
    await p.getByTestId('note-3.1').fill('Số liệu lấy từ sổ theo dõi hồ sơ một cửa năm 2025.');
    await p.getByTestId('note-3.1').blur();
    await p.getByTestId('note-3.1-state').getByText('Đã lưu').waitFor();
    // 1.1 with evidence uploaded
    await p.getByTestId('input-1.1-num').fill('45');
    await p.getByTestId('input-1.1-den').fill('50');
    await p.getByTestId('input-1.1-den').blur();
    await p.getByTestId('input-1.1-state').getByText('Đã lưu').waitFor();
    await p.getByTestId('evidence-1.1').click();
    const dlg = p.getByRole('dialog');
    await dlg.getByLabel('Số, ký hiệu').fill('12/KH-CAH');
    await dlg.getByLabel('Ngày ban hành').fill('15/03/2025');
    await dlg.getByLabel('Ngày ban hành').press('Enter');
    await dlg.getByLabel('Cơ quan ban hành').fill('Công an huyện Cù Lao Dung');
    await dlg.getByLabel('Trích yếu').fill('Kế hoạch cải cách hành chính năm 2025');
    await dlg.locator('input[type=file]').setInputFiles({
      name: 'ke-hoach-cchc-2025.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% Kế hoạch CCHC 2025\n%%EOF\n'),
    });
    await dlg.getByTestId('evidence-locator').fill('Mục II, trang 3');
    await p.locator('#evidence-save').click();
    await p.getByText('Đã gắn tài liệu kiểm chứng').waitFor();
    await p.getByRole('link', { name: '12/KH-CAH' }).waitFor();
    // 2 with an explanation instead of evidence
    await p.getByTestId('input-2').fill('7,5');
    await p.getByTestId('input-2-state').getByText('Đã lưu').waitFor();
    await p
      .getByTestId('note-2')
      .fill('Văn bản nội bộ đã ban hành đủ; bản gốc lưu tại Đội Tham mưu, sẽ xuất trình khi thẩm định.');
    await p.getByTestId('note-2').blur();
    await p.getByTestId('note-2-state').getByText('Đã lưu').waitFor();
    await p.screenshot({ path: path.join(OUT, 'self-assessment.png'), fullPage: true });

    const h = pages.head!;
    await h.goto(assessmentUrl);
    await h.getByTestId('submit').click();
    // asked first: what sending means
    await h.getByRole('dialog').getByRole('button', { name: 'Duyệt và gửi' }).click();
    await h.getByText('Đã gửi', { exact: true }).first().waitFor();
    await h.getByText('86,95/100').waitFor();
  });

  it('an appraiser changes one score with a reason and asks supplementation on another; the unit answers', async () => {
    const c = pages.coord!;
    await c.goto(cycleUrl);
    await c.getByTestId('open-appraisal').click();
    await c.getByText('Đã lưu').first().waitFor();
    const cycleId = cycleUrl.split('/').pop()!;
    const me = (await api(pages.appraiser!, 'GET', '/api/auth/session')).body as { user: { id: string } };
    const cld = (await api(c, 'GET', `/api/cycles/${cycleId}`)).body as { units: { unitId: string }[] };
    const asg = await api(c, 'POST', `/api/cycles/${cycleId}/assignments`, {
      userId: me.user.id,
      fields: ['1', '3'],
      unitIds: [cld.units[0]!.unitId],
    });
    expect(asg.status).toBe(200);

    const a = pages.appraiser!;
    await a.goto(assessmentUrl);
    await a.getByTestId('set-3.1').click();
    await a.getByTestId('appraise-text').fill('90/100');
    await a.getByTestId('appraise-reason').fill('Sổ theo dõi có 10 hồ sơ trễ hạn');
    await a.getByRole('button', { name: 'Lưu' }).click();
    await a.getByTestId('appraisal-3.1').getByText('Chấm lại').waitFor();
    await a.getByTestId('supplement-1.1').click();
    await a.getByTestId('appraise-message').fill('Bổ sung bản kế hoạch có chữ ký, đóng dấu');
    await a.getByRole('button', { name: 'Lưu' }).click();
    await a.getByTestId('appraisal-1.1').getByText('Yêu cầu giải trình').first().waitFor();
    await a.screenshot({ path: path.join(OUT, 'appraisal.png'), fullPage: true });

    await c.goto(cycleUrl);
    await c.getByTestId('open-supplementation').click();
    await c.getByText('Đã lưu').first().waitFor();
    const o = pages.officer!;
    await o.goto(assessmentUrl);
    await o.getByTestId('answer-1.1').click();
    await o.getByTestId('answer-text').fill('Đã bổ sung bản ký, đóng dấu (Kế hoạch số 12/KH-CAH).');
    await o.getByRole('button', { name: 'Gửi giải trình' }).click();
    await o.getByTestId('appraisal-1.1').getByText('Đơn vị đã giải trình').waitFor();
    await a.goto(assessmentUrl);
    await a.getByTestId('accept-1.1').click();
    await a.getByTestId('appraisal-1.1').getByText('Chấp nhận', { exact: true }).first().waitFor();
  });

  it('the coordinator finalises and publishes with a decision number; the unit sees its rank and lost points', async () => {
    const c = pages.coord!;
    await c.goto(cycleUrl);
    await c.getByTestId('open-finalisation').click();
    await c.getByText('Đã lưu').first().waitFor();
    await c.getByTestId('cycle-finalise').click();
    await c.getByRole('dialog').getByRole('button', { name: 'Hoàn thiện kết quả' }).click();
    await c.getByText('Đã hoàn thiện kết quả').first().waitFor();
    await c.getByTestId('open-publication').click();
    await c.getByText('Đã lưu').first().waitFor();
    await c.getByTestId('cycle-publish').click();
    await c.getByTestId('publish-number').fill('90/QĐ-CAH');
    await c.getByRole('button', { name: 'Công bố', exact: true }).click();
    await c.getByText('Đã công bố').first().waitFor();

    const o = pages.officer!;
    await o.goto(cycleUrl);
    await o.getByRole('tab', { name: 'Kết quả, xếp hạng' }).click();
    await o.getByText('Công bố theo Quyết định số 90/QĐ-CAH', { exact: false }).waitFor();
    const row = o.getByTestId('cycle-ranking').locator('tbody tr').first();
    expect(await row.innerText()).toMatch(/^1\/\d+\s+Công an huyện Cù Lao Dung/);
    await o.getByRole('menuitem', { name: 'Kết quả & xếp hạng' }).click();
    await o.getByTestId('res-framework').click();
    await o.getByTitle('Thông tư 27/2022/TT-BCA', { exact: false }).first().click();
    // the year defaults to the framework's last year, 2025
    await o.getByTestId('res-table').getByText('Công an huyện Cù Lao Dung').click();
    const card = o.getByTestId('result-card');
    await card.waitFor();
    const lost = card.getByTestId('res-lost');
    expect(await lost.locator('tbody tr').first().innerText()).toMatch(/^3\.1/);
    await o.screenshot({ path: path.join(OUT, 'cycle-result-card.png'), fullPage: true });
    // the unit was told in the app
    await o.keyboard.press('Escape');
    await o.getByTestId('notices').click();
    await o.getByText('Công bố kết quả — Chỉ số CCHC năm 2025').waitFor();
  });
});
