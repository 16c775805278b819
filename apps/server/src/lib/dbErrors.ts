/** Errors of the database as the services need to tell them apart. */
/** Whether an error of the database (PostgreSQL or PGlite, possibly wrapped by Drizzle) is a unique
 * violation of the named constraint: a write that lost a race to a concurrent one. */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 4; depth++) {
    const o = x as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (o.code === '23505' && (o.constraint === constraint || String(o.message ?? '').includes(constraint)))
      return true;
    x = o.cause;
  }
  return false;
}
