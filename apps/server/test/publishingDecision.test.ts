/** The publishing decision (issue #14, item 3): "Quyết định … phê duyệt và công bố Chỉ số cải cách
 * hành chính năm 2023" of the demo's finished cycle, read back from the PDF (pdftotext) and the Word
 * file: the title, every unit of the annex with its place against 2022, in the Nghị định 30 layout;
 * the ranking screen's previous rank; another tree cannot download it. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleRanking } from '@chiso/contracts';
import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import { pdfAvailable } from '../src/lib/pdf.ts';
import { previousPlaces } from '../src/modules/results/service.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

const run = promisify(execFile);
const pdfOk = await pdfAvailable();
const OUT = path.resolve(import.meta.dirname, 'out');
const TITLE = 'Phê duyệt và công bố Chỉ số cải cách hành chính năm 2023';

let t: TestApp;
let hq: Client; // coordinator of UBND huyện Hà Quảng
let cld: Client; // coordinator of Công an huyện Cù Lao Dung
let cycle: string;
let ranking: z.infer<typeof CycleRanking>;

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  hq = await t.login('dieuphoi.haquang');
  cld = await t.login('dieuphoi.culaodung');
  const list = (await hq.get('/api/cycles')).json() as { items: { id: string; year: number }[] };
  cycle = list.items.find((c) => c.year === 2023)!.id;
  ranking = (await hq.get(`/api/cycles/${cycle}/ranking`)).json() as z.infer<typeof CycleRanking>;
}, 600_000);
afterAll(async () => t?.close());

/** Words as pdftotext gives them, whitespace folded (table cells may wrap). */
const fold = (s: string) => s.replace(/\s+/gu, ' ');

describe('the ranking compares with 2022', () => {
  it('gives every unit its place last year in the same set, with a movement', () => {
    expect(ranking.status).toBe('published');
    expect(ranking.items.length).toBeGreaterThan(3);
    for (const i of ranking.items) {
      expect(i.movement.sameSet).toBe(true);
      expect(i.movement.previousRank).not.toBeNull();
      expect(i.movement.previousOf).toBe(i.rankedOf);
      expect(['up', 'down', 'same']).toContain(i.movement.kind);
    }
    // the demo's 2022 results differ from 2023: some units move
    expect(ranking.items.some((i) => i.movement.kind === 'up')).toBe(true);
    expect(ranking.items.some((i) => i.movement.kind === 'down')).toBe(true);
    const down = ranking.items.find((i) => i.movement.kind === 'down')!;
    expect(down.movement.places).toBe(down.rank! - down.movement.previousRank!);
    expect(down.movement.text).toBe(`giảm ${down.rank! - down.movement.previousRank!} bậc`);
  });
});

describe.skipIf(!pdfOk)('the publishing decision as PDF', () => {
  it('reads as a decision with the annex of every unit and their movement', async () => {
    const res = await hq.get(`/api/cycles/${cycle}/ranking/decision?format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    fs.mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, 'publishing-decision-2023.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = fold((await run('pdftotext', ['-layout', file, '-'])).stdout);
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain(TITLE);
    expect(text).toContain('Số: 12/QĐ-UBND');
    expect(text).toContain('ngày 20 tháng 01 năm 2024');
    expect(text).toMatch(/Điều 1\..*Điều 2\..*Điều 3\./u);
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('PHỤ LỤC');
    // a row of the annex for every unit: its name, whose words may wrap inside the cell
    // (pdftotext then puts the row's figures between them)
    const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    for (const i of ranking.items) {
      const words = i.unitName.split(/\s+/u).map(esc).join('(?:\\s|\\s[\\s\\S]{0,120}?\\s)');
      expect(text).toMatch(new RegExp(words, 'u'));
    }
    expect(text).toMatch(/(tăng|giảm) \d+ bậc/u);
    expect(text).not.toMatch(/ví dụ/iu);
    expect(text).not.toContain('CƠ QUAN BAN HÀNH');
  });
});

describe('the publishing decision as Word', () => {
  it('opens, and carries the title, the signer chosen and every unit', async () => {
    const res = await hq.get(`/api/cycles/${cycle}/ranking/decision?format=docx&signer=head`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/gu, '');
    expect(text).toContain(TITLE);
    for (const i of ranking.items) expect(text).toContain(i.unitName.replace(/&/gu, '&amp;'));
    expect(text).toMatch(/(tăng|giảm) \d+ bậc|giữ nguyên/u);
  });

  it('refuses a signer who is not the head or a deputy, in Vietnamese', async () => {
    const res = await hq.get(`/api/cycles/${cycle}/ranking/decision?format=docx&signer=deputy-9`);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/Người ký/u);
  });

  it('prepares the download as the decision prints: its symbol, date and signers', async () => {
    const res = await hq.get(`/api/cycles/${cycle}/ranking/decision/issuer`);
    expect(res.statusCode).toBe(200);
    const v = res.json() as { symbol: string; date: string; signers: { key: string }[] };
    expect(v).toMatchObject({ symbol: 'QĐ-UBND', date: '2024-01-20' });
    expect(v.signers[0]?.key).toBe('head');
  });

  it('is not given to another tree', async () => {
    expect((await cld.get(`/api/cycles/${cycle}/ranking/decision?format=docx`)).statusCode).toBe(404);
    expect((await cld.get(`/api/cycles/${cycle}/ranking/decision/issuer`)).statusCode).toBe(404);
  });
});

describe('the result card', () => {
  it('shows the same place against last year as the ranking', async () => {
    const item = ranking.items.find((i) => i.resultId !== null && i.movement.kind !== 'none')!;
    const card = (await hq.get(`/api/results/${item.resultId}`)).json() as {
      movement: (typeof item)['movement'];
    };
    expect(card.movement).toEqual(item.movement);
  });
});

describe('the publishing decision of a ranking set of entered results', () => {
  it('is made for the owner’s 2022 set, which has no year before it', async () => {
    const u = ranking.items[0]!;
    const card = (await hq.get(`/api/results/${u.resultId}`)).json() as {
      result: { ownerUnitId: string };
      framework: { id: string };
    };
    const url = `/api/results/decision?frameworkId=${card.framework.id}&year=2022&ownerUnitId=${card.result.ownerUnitId}`;
    const res = await hq.get(`${url}&format=docx&date=2023-01-20&number=9`);
    expect(res.statusCode, res.body).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/gu, '');
    expect(text).toContain('Phê duyệt và công bố Chỉ số cải cách hành chính năm 2022');
    expect(text).toContain('Số: 9/QĐ-UBND');
    expect(text).toContain('chưa có kết quả năm trước');
    for (const i of ranking.items) expect(text).toContain(i.unitName);
    // another tree does not find the set
    expect((await cld.get(`${url}&format=docx`)).statusCode).toBe(404);
  });
});

describe('the previous place through the unit’s lineage', () => {
  it('a unit that came from a ranked one inherits its place; in another group it is another set', async () => {
    const db = t.database.db;
    const from = ranking.items[0]!;
    const to = await unitIdByCode(t, 'UBND-HQ'); // ranked in no 2022 set of its own
    const owner = ((await hq.get(`/api/cycles/${cycle}`)).json() as { ownerUnitId: string }).ownerUnitId;
    const event = crypto.randomUUID();
    await db.execute(
      sql`insert into reorg_events (id, type, effective_date, reason) values (${event}, 'merge', '2023-06-01', 'thử')`,
    );
    await db.execute(
      sql`insert into unit_lineage (id, event_id, type, from_unit_id, to_unit_id)
          values (${crypto.randomUUID()}, ${event}, 'merge', ${from.unitId}, ${to})`,
    );
    const set = { ownerUnitId: owner, frameworkCodes: ['CCHC-PHONG-XA-MAU-2023'], year: 2023 };
    const same = await previousPlaces(db, set, [{ unitId: to, rankGroup: from.rankGroup }]);
    expect(same.get(to)).toMatchObject({
      rank: from.movement.previousRank,
      of: from.movement.previousOf,
      sameSet: true,
    });
    const other = await previousPlaces(db, set, [{ unitId: to, rankGroup: 'nhóm khác' }]);
    expect(other.get(to)).toMatchObject({ sameSet: false, rank: from.movement.previousRank });
    expect(other.get(to)?.rankingName).toContain('năm 2022');
    const none = await previousPlaces(db, { ...set, year: 2021 }, [{ unitId: to, rankGroup: '' }]);
    expect(none.get(to)).toBeNull();
  });
});
