/** The field → unit mapping of improvement plans in SQL (issue #16 item 4). */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { fieldLeads, units } from '../../db/schema.ts';

export async function leadsOf(db: DbOrTx, ownerUnitId: string, frameworkCode: string) {
  return db
    .select({
      fieldCode: fieldLeads.fieldCode,
      leadUnitId: fieldLeads.leadUnitId,
      leadUnitName: units.name,
      coordinating: fieldLeads.coordinating,
    })
    .from(fieldLeads)
    .leftJoin(units, eq(units.id, fieldLeads.leadUnitId))
    .where(and(eq(fieldLeads.ownerUnitId, ownerUnitId), eq(fieldLeads.frameworkCode, frameworkCode)));
}

export async function saveLeads(
  db: DbOrTx,
  ownerUnitId: string,
  frameworkCode: string,
  items: { fieldCode: string; leadUnitId: string | null; coordinating: string }[],
  by: string | null,
) {
  await db
    .delete(fieldLeads)
    .where(and(eq(fieldLeads.ownerUnitId, ownerUnitId), eq(fieldLeads.frameworkCode, frameworkCode)));
  if (items.length)
    await db
      .insert(fieldLeads)
      .values(items.map((i) => ({ ownerUnitId, frameworkCode, ...i, updatedBy: by })));
}
