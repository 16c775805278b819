/** The demo cycles are built by the demo accounts of each role, so separation of duties holds for
 * the seeded data too: whoever scored or submitted a self-assessment neither appraised any of its
 * criteria nor approved it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/open.ts';
import { appraisalItems, assessmentItems, assessments, auditLog, cycles, users } from '../src/db/schema.ts';
import { FileStore } from '../src/lib/fileStore.ts';
import { seedDemo } from '../src/modules/system/seed.ts';
import { testDatabase } from './helpers.ts';

let database: Database;
let dir: string;
beforeAll(async () => {
  database = await testDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-duties-'));
  await seedDemo(database.db, { cyclesFiles: new FileStore(dir) });
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo seed and separation of duties', () => {
  it('no scorer or submitter of an assessment appraised or approved it; scorers are recorded', async () => {
    const db = database.db;
    const all = await db.select().from(assessments);
    expect(all.length).toBeGreaterThan(20);
    const names = new Map((await db.select().from(users)).map((u) => [u.id, u.username]));
    let appraised = 0;
    for (const a of all) {
      const items = await db.select().from(assessmentItems).where(eq(assessmentItems.assessmentId, a.id));
      const apps = await db.select().from(appraisalItems).where(eq(appraisalItems.assessmentId, a.id));
      const doers = new Set([...a.scoredBy, ...(a.submittedBy ? [a.submittedBy] : [])]);
      const label = `assessment ${a.id} (${a.status})`;
      // scored_by filled when there are scores, and only with real users (no duplicates)
      if (items.length) expect(a.scoredBy.length, label).toBeGreaterThan(0);
      expect(new Set(a.scoredBy).size, label).toBe(a.scoredBy.length);
      for (const id of a.scoredBy) expect(names.has(id), label).toBe(true);
      // every criterion's last writer is among the scorers
      for (const i of items) expect(a.scoredBy, `${label} ${i.code}`).toContain(i.updatedBy);
      if (a.status !== 'draft') expect(a.submittedBy, label).toBeTruthy();
      for (const p of apps) {
        expect(p.appraiserId, `${label} ${p.code}`).toBeTruthy();
        expect(doers.has(p.appraiserId!), `${label} ${p.code} appraised by a scorer/submitter`).toBe(false);
        appraised++;
      }
      for (const ap of a.approvals) {
        expect(ap.by, label).toBeTruthy();
        expect(doers.has(ap.by!), `${label} approved by a scorer/submitter`).toBe(false);
      }
    }
    // the demo has appraisals to check (one unit per 2023 cycle)
    expect(appraised).toBeGreaterThan(0);
  });

  it('each step is taken by the demo account of its role', async () => {
    const db = database.db;
    const byId = new Map((await db.select().from(users)).map((u) => [u.id, u.username]));
    const rows = await db
      .select({ a: assessments, year: cycles.year, name: cycles.name })
      .from(assessments)
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId));
    for (const r of rows) {
      const tree = r.name.includes('Hà Quảng') ? 'haquang' : 'culaodung';
      // the authors: the officer who scored and the head who submitted
      for (const id of r.a.scoredBy) expect([`canbo.${tree}`, `truong.${tree}`]).toContain(byId.get(id));
      if (r.a.submittedBy) expect(byId.get(r.a.submittedBy)).toBe(`truong.${tree}`);
      const apps = await db.select().from(appraisalItems).where(eq(appraisalItems.assessmentId, r.a.id));
      for (const p of apps)
        expect(byId.get(p.appraiserId!)).toBe(tree === 'haquang' ? 'dieuphoi.haquang' : 'thamdinh.soctrang');
    }
    // cycles made, finalised and published by the owner's coordinator (audited under their name)
    const made = await db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['cycle.create', 'cycle.finalise', 'cycle.publish']));
    expect(made.length).toBeGreaterThanOrEqual(8);
    for (const e of made) expect(byId.get(e.actorId ?? ''), `${e.action}`).toMatch(/^dieuphoi\./);
  });
});
