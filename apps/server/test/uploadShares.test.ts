/** What one user can take of the upload workers: a table long and wide at once is refused by its
 * cell count before it is built (memory), and one user has at most UPLOADS_PER_USER files read at
 * once (the queue stays open to others). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOADS_PER_USER } from '../src/http.ts';
import { uploadStats } from '../src/lib/uploadPool.ts';
import { testApp, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let officer: Client;
let other: Client;

beforeAll(async () => {
  t = await testApp();
  officer = await t.login('canbo.culaodung');
  other = await t.login('canbo.haquang');
});
afterAll(async () => t?.close());

const error = (r: { json(): unknown }) => (r.json() as { error: { code: string; message: string } }).error;

function bigTable(rows: number): string {
  const lines = ['Đơn vị,Điểm (100),Tổng điểm,Xếp hạng'];
  for (let i = 0; i < rows; i++) lines.push(`Đơn vị ${i},${(i % 1000) / 10},${(i % 1000) / 10},1`);
  return lines.join('\n');
}

describe('upload shares', () => {
  it('a table within the rows and within the columns but past the cells is refused before it is built', async () => {
    // 50 000 rows × 41 columns: each bound holds, the product (2 050 000 cells) does not
    const row = Array.from({ length: 41 }, (_, i) => (i === 0 ? 'Đơn vị' : '1')).join(',');
    const csv = [row, ...Array.from({ length: 50_000 }, () => row)].join('\n');
    const r = await officer.upload('/api/check-table', 'rong-va-dai.csv', csv);
    expect(r.statusCode).toBe(413);
    expect(error(r).message).toMatch(/có hơn 2\.000\.000 ô/);
  });

  it('one user has at most two files read at once; another user is still served', async () => {
    const csv = bigTable(20_000);
    const mine = Array.from({ length: UPLOADS_PER_USER + 1 }, () =>
      officer.upload('/api/check-table', 'lon.csv', csv),
    );
    // while the officer's files are being read, someone else's upload goes through
    while (uploadStats().busy === 0) await new Promise((r) => setTimeout(r, 1));
    const theirs = await other.upload('/api/check-table', 'nho.csv', bigTable(10));
    expect(theirs.statusCode).toBe(200);
    const codes = (await Promise.all(mine)).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 429]);
    // the slots come back once the responses are sent
    const again = await officer.upload('/api/check-table', 'nho.csv', bigTable(10));
    expect(again.statusCode).toBe(200);
  });
});
