/** Separation of duties through an answer: whoever answers a supplementation request for the unit
 * becomes an author of its self-assessment, and may then neither appraise nor approve it (the review
 * of the security issue found an officer-and-coordinator doing all three). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let province: Client; // coordinator, Công an tỉnh Sóc Trăng (runs the cycle)
let district: Client; // coordinator, Công an huyện Cù Lao Dung (appraises its teams)
const today = todayVn();

beforeAll(async () => {
  t = await testApp();
  province = await t.login('dieuphoi.soctrang');
  district = await t.login('dieuphoi.culaodung');
});
afterAll(async () => t?.close());

const VALUES: Record<string, string> = {
  '1.1': 'Có',
  '1.2': '0',
  '1.3': '5',
  '2.1': 'Có',
  '2.2': 'A',
  '3.1': '96/100',
  '3.2': '40/100',
  '3.3': 'Có',
  '4.1': 'Có',
  '4.2': '5',
  '5.1': '0',
  '5.2': '9/10',
  '6.1': '95/100',
};

describe('an answer makes an author', () => {
  it('the person who answered for the unit may neither accept the criterion nor approve', async () => {
    const fws = (await province.get('/api/frameworks')).json() as {
      items: { id: string; code: string; status: string }[];
    };
    const fw = fws.items.find((f) => f.code === 'CCHC-CAX-MAU-2023' && f.status === 'published')!.id;
    const created = await province.send('POST', '/api/cycles', {
      name: 'Chỉ số CCHC 2025 của các Đội',
      year: 2025,
      frameworkId: fw,
      ownerUnitId: await unitIdByCode(t, 'CAT-ST'),
      unitKinds: ['team'],
      subtreeUnitIds: [await unitIdByCode(t, 'CAH-CLD')],
      stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map(
        (stage) => ({ stage, startsOn: addDays(today, -3), dueOn: addDays(today, 30) }),
      ),
    });
    expect(created.statusCode, created.body).toBe(200);
    const cyc = created.json() as { id: string; units: { unitId: string; assessmentId: string }[] };
    const team = cyc.units[0]!;
    const stage = (s: string, state: 'open' | 'closed') =>
      province.send('POST', `/api/cycles/${cyc.id}/stages/${s}`, { state });
    // the unit's officer scores, its head submits (neither is the person below)
    expect((await stage('self_assessment', 'open')).statusCode).toBe(200);
    const officer = await t.login('canbo.culaodung');
    for (const [code, text] of Object.entries(VALUES))
      expect(
        (
          await officer.send('PUT', `/api/assessments/${team.assessmentId}/items/${code}`, {
            text,
            note: 'Giải trình tại đơn vị.',
          })
        ).statusCode,
      ).toBe(200);
    const head = await t.login('truong.culaodung');
    expect((await head.send('POST', `/api/assessments/${team.assessmentId}/submit`)).statusCode).toBe(200);
    await stage('self_assessment', 'closed');
    expect((await stage('appraisal', 'open')).statusCode).toBe(200);
    const asked = await district.send('PUT', `/api/assessments/${team.assessmentId}/appraisal/1.1`, {
      action: 'supplement',
      message: 'Bổ sung kế hoạch CCHC năm có chữ ký',
      dueOn: addDays(today, 5),
    });
    expect(asked.statusCode, asked.body).toBe(200);
    await stage('supplementation', 'open');

    // one person: officer of the team and coordinator of the district above it
    const made = await province.send('POST', '/api/users', {
      username: 'hai.vai',
      fullName: 'Người hai vai',
      password: 'Mat-khau-ban-dau-2024',
      role: 'unit_officer',
      unitId: team.unitId,
    });
    expect(made.statusCode, made.body).toBe(200);
    const g = await province.send('POST', '/api/grants', {
      userId: (made.json() as { id: string }).id,
      role: 'coordinator',
      unitId: await unitIdByCode(t, 'CAH-CLD'),
    });
    expect(g.statusCode, g.body).toBe(200);
    const first = await t.login('hai.vai', 'Mat-khau-ban-dau-2024');
    expect(
      (
        await first.send('POST', '/api/auth/password', {
          currentPassword: 'Mat-khau-ban-dau-2024',
          newPassword: 'Hai-vai-mot-nguoi-2025',
        })
      ).statusCode,
    ).toBeLessThan(300);
    const two = await t.login('hai.vai', 'Hai-vai-mot-nguoi-2025');
    const answered = await two.send('POST', `/api/assessments/${team.assessmentId}/appraisal/1.1/answer`, {
      answer: 'Đã có kế hoạch, gửi kèm bản có chữ ký',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const accept = await two.send('PUT', `/api/assessments/${team.assessmentId}/appraisal/1.1`, {
      action: 'accept',
    });
    expect(accept.statusCode).toBe(403);
    expect((accept.json() as { error: { message: string } }).error.message).toMatch(/tách bạch nhiệm vụ/);
    const approve = await two.send('POST', `/api/assessments/${team.assessmentId}/approve`, {});
    expect(approve.statusCode).toBe(403);
  });
});
