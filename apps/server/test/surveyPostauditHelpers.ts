/** Test helpers of the agency-opinion and post-audit tests: ballots inserted by SQL (the ballot entry
 * routes are another slice's), a campaign made and opened through the API, rows read back by SQL. */
import { sql } from 'drizzle-orm';
import { rawRows } from '../src/db/open.ts';
import type { Client, TestApp } from './helpers.ts';

export async function rows<T>(t: TestApp, q: ReturnType<typeof sql>): Promise<T[]> {
  return rawRows<T>(t.database.db, q);
}

/** Inserts `n` valid ballots of a campaign for a unit × field, with a phone (numbered from `phoneFrom`)
 * or without; returns their ids. */
export async function insertBallots(
  t: TestApp,
  campaignId: string,
  unitId: string,
  fieldCode: string,
  n: number,
  phoneFrom: number | null,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const phone = phoneFrom === null ? null : `09${String(phoneFrom + i).padStart(8, '0')}`;
    const r = await rows<{ id: number }>(
      t,
      sql`insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings, contact_phone)
          values (${campaignId}, ${unitId}, ${fieldCode}, 'paper', '{5,4,4,5}'::smallint[], ${phone})
          returning id`,
    );
    ids.push(Number(r[0]!.id));
  }
  return ids;
}

/** A campaign on the shipped form `formCode`, made by `client` for `ownerUnitId` over `targets`, opened. */
export async function openCampaign(
  client: Client,
  formCode: 'PL01a' | 'PL01b',
  code: string,
  ownerUnitId: string,
  targets: { unitId: string; fieldCode: string }[],
  closesOn = '2030-12-31',
): Promise<string> {
  const forms = (await client.get('/api/survey-forms')).json() as { items: { id: string; code: string }[] };
  const formId = forms.items.find((f) => f.code === formCode)!.id;
  const fields = [...new Set(targets.map((x) => x.fieldCode))].map((c) => ({
    code: c,
    name: `Lĩnh vực ${c}`,
  }));
  const r = await client.send('POST', '/api/survey-campaigns', {
    code,
    name: `Đợt ${code}`,
    year: 2024,
    formId,
    ownerUnitId,
    periodFrom: '2024-01-01',
    periodTo: '2024-12-31',
    opensOn: '2024-01-01',
    closesOn,
    fields,
    targets: targets.map((x) => ({ ...x, transactions: 100 })),
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  const id = (r.json() as { id: string }).id;
  const o = await client.send('POST', `/api/survey-campaigns/${id}/status`, { status: 'open' });
  if (o.statusCode !== 200) throw new Error(o.body);
  return id;
}
