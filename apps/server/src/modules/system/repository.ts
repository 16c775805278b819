import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { appMeta, demoAccounts } from '../../db/schema.ts';

export type InstallationMode = 'demo' | 'real';

/** What app_meta holds under INSTALLATION_KEY: the mode, when the installation was made (or when its
 * mode was first recorded, for data made before modes were stored) and when a demo became real. */
export interface Installation {
  mode: InstallationMode;
  since: string;
  convertedAt?: string;
  /** Set when the mode was inferred from the data of an installation made before modes were stored. */
  inferred?: boolean;
}

export const INSTALLATION_KEY = 'installation';

export async function readInstallation(db: DbOrTx): Promise<Installation | null> {
  const r = await db.select().from(appMeta).where(eq(appMeta.key, INSTALLATION_KEY)).limit(1);
  const v = r[0]?.value as Partial<Installation> | undefined;
  if (!v || (v.mode !== 'demo' && v.mode !== 'real')) return null;
  return v as Installation;
}

/** Record the mode of a new installation: a plain insert, so that a second process seeding the same
 * empty database at the same moment fails instead of seeding twice. */
export async function insertInstallation(db: DbOrTx, value: Installation): Promise<void> {
  await db.insert(appMeta).values({ key: INSTALLATION_KEY, value });
}

export async function replaceInstallation(db: DbOrTx, value: Installation): Promise<void> {
  await db
    .insert(appMeta)
    .values({ key: INSTALLATION_KEY, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value } });
}

export async function listDemoAccounts(db: DbOrTx) {
  const rows = await db.select().from(demoAccounts).orderBy(asc(demoAccounts.username));
  return rows.map((r) => ({
    username: r.username,
    password: r.password,
    role: r.roleLabel,
    unit: r.unitName,
  }));
}

export async function countDemoAccounts(db: DbOrTx): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(demoAccounts);
  return Number(r[0]?.n ?? 0);
}

export async function insertDemoAccounts(
  db: DbOrTx,
  accounts: { username: string; password: string; role: string; unit: string }[],
): Promise<void> {
  await db.insert(demoAccounts).values(
    accounts.map((a) => ({
      username: a.username,
      password: a.password,
      roleLabel: a.role,
      unitName: a.unit,
    })),
  );
}

export async function deleteDemoAccounts(db: DbOrTx): Promise<void> {
  await db.delete(demoAccounts);
}

/** When the demo data was loaded (kept in app_meta). */
export async function markDemoSeeded(db: DbOrTx): Promise<void> {
  await db.insert(appMeta).values({ key: 'demo_seeded_at', value: sql`to_jsonb(now())` });
}
