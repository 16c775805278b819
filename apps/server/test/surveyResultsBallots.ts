/** Ballots for results tests, written straight in SQL (the entry routes are built elsewhere): each
 * row repeated `times`, ratings in the order of the form's scale questions. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../src/db/open.ts';

export interface TestBallot {
  unitId: string;
  fieldCode: string;
  ratings: (number | null)[];
  mode?: 'qr' | 'paper' | 'import' | 'external' | 'agency';
  invalid?: string;
  phone?: string;
  times?: number;
}

/** A rating vector of `n` questions, all `v`, then `over` applied (position → rating). */
export const ratingsOf = (n: number, v: number, over: Record<number, number> = {}) =>
  Array.from({ length: n }, (_, i) => over[i] ?? v);

export async function insertBallots(db: DbOrTx, campaignId: string, ballots: TestBallot[]) {
  for (const b of ballots)
    for (let i = 0; i < (b.times ?? 1); i++) {
      const arr = `{${b.ratings.map((r) => (r === null ? 'NULL' : String(r))).join(',')}}`;
      await db.execute(sql`
        insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings, invalid_reason, invalidated_at, contact_phone)
        values (${campaignId}, ${b.unitId}, ${b.fieldCode}, ${b.mode ?? 'paper'}, ${arr}::smallint[],
          ${b.invalid ?? null}, ${b.invalid ? sql`now()` : null}, ${b.phone ?? null})`);
    }
}
