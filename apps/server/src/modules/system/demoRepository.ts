import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { demoAccounts } from '../../db/schema.ts';

export async function listDemoAccounts(db: DbOrTx) {
  const rows = await db.select().from(demoAccounts).orderBy(asc(demoAccounts.username));
  return rows.map((r) => ({
    username: r.username,
    password: r.password,
    role: r.roleLabel,
    unit: r.unitName,
  }));
}
