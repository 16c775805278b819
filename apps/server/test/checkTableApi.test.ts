/** POST /api/check-table on tables as officials receive them: the counts of checks made and not made
 * in the JSON, the maximum of the total as `max`, a wrong `max` refused in Vietnamese. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers.ts';

const fixture = (f: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../packages/domain/test/checkTable/fixtures', f));

let t: TestApp;
let officer: Client;

beforeAll(async () => {
  t = await testApp();
  officer = await t.login('canbo.culaodung');
});
afterAll(async () => t?.close());

interface View {
  findings: { code: string; row: string }[];
  checks: Record<string, number>;
  notChecked: { kind: string; reason: string; count: number }[];
  transposed: boolean;
}

describe('checking a published table (API): counts and the maximum of the total', () => {
  it('seed 004 without transpose: turned by itself, 17 checks, its two findings', async () => {
    const r = await officer.upload('/api/check-table', 'seed004-table.csv', fixture('seed004-table.csv'));
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as View;
    expect(v.transposed).toBe(true);
    expect(v.checks).toEqual({ sums: 2, indexes: 0, ranks: 0, changes: 1, maxima: 14 });
    expect(v.findings.map((f) => f.code)).toEqual(['SCORE_EXCEEDS_MAX', 'CHANGE_MISMATCH']);
  });

  it('labels and an index only: no check made, the reason counted', async () => {
    const r = await officer.upload('/api/check-table', 'bang.csv', fixture('labels-index-only.csv'));
    const v = r.json() as View;
    expect(v.checks).toEqual({ sums: 0, indexes: 0, ranks: 0, changes: 0, maxima: 0 });
    expect(v.notChecked).toEqual([
      { kind: 'indexes', reason: 'bảng không có tổng điểm hay điểm thành phần để tính lại chỉ số', count: 3 },
    ]);
  });

  it('max: the index is checked as total ÷ max × 100; a wrong max is a 400 in Vietnamese', async () => {
    const table = Buffer.from('Đơn vị,Tổng điểm,Chỉ số\nHuyện A,45,90\nHuyện B,40,81\n');
    const r = await officer.upload('/api/check-table?max=50', 'tong.csv', table);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as View;
    expect(v.checks.indexes).toBe(2);
    expect(v.findings.map((f) => [f.code, f.row])).toEqual([['INDEX_MISMATCH', 'Huyện B']]);
    const bad = await officer.upload('/api/check-table?max=-3', 'tong.csv', table);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toContain(
      'Điểm tối đa của tổng điểm “-3” không hợp lệ',
    );
  });
});
