/** A unit's name as it was in a year (ADR 0006, issue #16 item 8): documents and rankings of a year print
 * the name valid then — Cù Lao Dung's Đội Tổng hợp in 2023, the same team as Đội Tham mưu in 2024. The
 * name of the last period of the unit's history begun by the year's last day (a unit closed during the
 * year keeps its last name), else its current name. For repositories' queries. */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export function nameInYear(unitId: AnyPgColumn | SQL, year: AnyPgColumn | SQL): SQL<string> {
  return sql<string>`coalesce(
    (select h.name from unit_history h
      where h.unit_id = ${unitId} and h.valid_from <= make_date(${year}::int, 12, 31)
      order by h.valid_from desc limit 1),
    (select u_now.name from units u_now where u_now.id = ${unitId}))`;
}
