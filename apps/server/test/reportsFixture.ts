/** Test data of the report tests: a survey campaign of Công an tỉnh Sóc Trăng made through the API,
 * and ballots inserted by SQL (the ballot entry routes are built by another slice). */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Client, TestApp } from './helpers.ts';

/** PL01a has 19 scale questions (18 in five elements, then the overall question HL). */
export const PL01A_RATINGS = 19;

/** Insert `count` valid paper ballots of one unit × field, every rating `rating`. */
export async function insertBallots(
  t: TestApp,
  campaignId: string,
  unitId: string,
  fieldCode: string,
  count: number,
  rating: number,
  mode: 'paper' | 'qr' | 'agency' = 'paper',
  ratings = PL01A_RATINGS,
) {
  const arr = `{${Array.from({ length: ratings }, () => rating).join(',')}}`;
  for (let i = 0; i < count; i++)
    await t.database.db.execute(
      sql`insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings)
          values (${campaignId}, ${unitId}, ${fieldCode}, ${mode}, ${arr}::smallint[])`,
    );
}

/** `count` agency invitations to rate `unitId`, one body each, registered by `ownerUnitId`. */
export async function insertInvitations(
  t: TestApp,
  campaignId: string,
  ownerUnitId: string,
  unitId: string,
  count: number,
) {
  for (let i = 0; i < count; i++) {
    const body = randomUUID();
    await t.database.db.execute(
      sql`insert into survey_bodies (id, owner_unit_id, name, kind, rates_unit_id)
          values (${body}, ${ownerUnitId}, ${`Cơ quan ${i + 1}`}, 'other', ${unitId})`,
    );
    await t.database.db.execute(
      sql`insert into survey_invitations (id, campaign_id, body_id, unit_id, token_hash)
          values (${randomUUID()}, ${campaignId}, ${body}, ${unitId}, ${randomUUID()})`,
    );
  }
}

export async function formId(c: Client, code: 'PL01a' | 'PL01b') {
  const forms = (await c.get('/api/survey-forms')).json() as { items: { id: string; code: string }[] };
  return forms.items.find((f) => f.code === code)!.id;
}

/** A citizen-satisfaction campaign of the province (seed 002's shape) over the given targets. */
export async function makeCampaign(
  c: Client,
  ownerUnitId: string,
  code: string,
  mau01DueOn: string,
  targets: { unitId: string; fieldCode: string; target?: number }[],
) {
  const r = await c.send('POST', '/api/survey-campaigns', {
    code,
    name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2024',
    year: 2024,
    formId: await formId(c, 'PL01a'),
    ownerUnitId,
    periodFrom: '2023-09-15',
    periodTo: '2024-09-14',
    opensOn: '2024-03-16',
    closesOn: '2024-07-01',
    basis: 'Kế hoạch số 107/KH-CAT ngày 13/3/2024 của Công an tỉnh Sóc Trăng',
    fields: [
      { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
      { code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' },
      { code: 'CT', name: 'Đăng ký, quản lý cư trú' },
    ],
    deadlines: [
      { key: 'mau01', label: 'Báo cáo Mẫu 01', dueOn: mau01DueOn },
      { key: 'mau02', label: 'Báo cáo Mẫu 02', dueOn: '2024-09-15' },
    ],
    targets,
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  return (r.json() as { id: string }).id;
}
