/** Security issue #11, findings 1, 2 and 8, replayed over HTTP against the real app and database:
 * a sparse spreadsheet no longer freezes the server, a sheet past its bound and a zip bomb are refused
 * before they are parsed, a CSV past the row cap is refused, and the server answers while a large table
 * is checked (the reading and the check run in the upload worker). */
import { once } from 'node:events';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTabular } from '../src/lib/tabular.ts';
import {
  closeUploadWorkers,
  configureUploads,
  UPLOAD_WORKER_HEAP_MB,
  uploadStats,
} from '../src/lib/uploadPool.ts';
import { readSheets } from '../src/lib/xlsx.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let officer: Client;
let coordinator: Client;
let hq: Client;
let hqUnit: string;
beforeAll(async () => {
  t = await testApp();
  officer = await t.login('canbo.culaodung');
  coordinator = await t.login('dieuphoi.culaodung');
  hq = await t.login('dieuphoi.haquang');
  hqUnit = await unitIdByCode(t, 'UBND-HQ');
});
afterAll(async () => t?.close());

type ErrorJson = { error: { code: string; message: string } };
const error = (r: { json(): unknown }) => (r.json() as ErrorJson).error;

async function xlsx(cells: Record<string, string | number>, name = 'Kết quả'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  for (const [address, value] of Object.entries(cells)) ws.getCell(address).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `bytes` bytes of one repeated letter, deflated as a stream (the test never holds them). */
async function deflatedRun(bytes: number): Promise<Buffer> {
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(1 << 20, 0x61);
  for (let i = 0; i < bytes / chunk.length; i++) if (!d.write(chunk)) await once(d, 'drain');
  d.end();
  await once(d, 'end');
  return Buffer.concat(out);
}

/** A zip archive of deflated entries whose central directory declares `size` for each. */
function zipOf(entries: { name: string; deflated: Buffer; size: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const rssMb = () => process.memoryUsage().rss / 1048576;

describe('finding 1: a sparse spreadsheet', () => {
  it('A1 and A12000: read at once, row positions kept, two meaningful rows', async () => {
    const buf = await xlsx({ A1: 'Đơn vị', A12000: 'Sở Nội vụ' });
    expect(buf.length).toBeLessThan(10_000);
    const rows = await readTabular(buf, 'thua.xlsx', 'tableCheck');
    expect(rows).toHaveLength(12_000);
    expect(rows.filter((r) => r.length > 0)).toEqual([['Đơn vị'], ['Sở Nội vụ']]);
    expect(rows[11_999]).toEqual(['Sở Nội vụ']);

    const r = await officer.upload('/api/check-table', 'thua.xlsx', buf);
    expect(r.statusCode, r.body).toBe(200);
    // a label and nothing else: read, and nothing could be checked (said, not "no findings")
    const checked = r.json() as { findings: unknown[]; checks: Record<string, number> };
    expect(checked.findings).toEqual([]);
    expect(Object.values(checked.checks).every((n) => n === 0)).toBe(true);
    // the unit import reads it too, and reports the row by its number in the sheet
    const imp = await coordinator.upload('/api/units/import', 'thua.xlsx', buf);
    expect(imp.statusCode).toBe(422);
  });

  it('a value at XFD1048576 is refused with the bound, for the check and for each import', async () => {
    const buf = await xlsx({ A1: 'Đơn vị', XFD1048576: 'x' });
    const r = await officer.upload('/api/check-table', 'xfd.xlsx', buf);
    expect(r.statusCode).toBe(413);
    expect(error(r)).toEqual({
      code: 'FILE_TOO_LARGE',
      message:
        'Tệp quá lớn hoặc quá phức tạp để đọc: trang tính “Kết quả” có dữ liệu đến dòng 1.048.576 và đến cột XFD (cột thứ 16.384), vượt giới hạn 50.000 dòng × 200 cột cho kiểm tra bảng kết quả.',
    });
    const units = await coordinator.upload('/api/units/import', 'xfd.xlsx', buf);
    expect(units.statusCode).toBe(413);
    expect(error(units).message).toMatch(/vượt giới hạn 20\.000 dòng × 500 cột cho nhập cây đơn vị\.$/);
    const fw = await hq.upload(`/api/frameworks/import-file?ownerUnitId=${hqUnit}`, 'khung.xlsx', buf);
    expect(fw.statusCode).toBe(413);
    expect(error(fw).message).toMatch(/cho nhập bộ tiêu chí\.$/);
    const rep = await officer.upload('/api/check-table/report?format=xlsx', 'xfd.xlsx', buf);
    expect(rep.statusCode).toBe(413);
  });

  it('a wide sheet within the rows is refused on its columns alone', async () => {
    const buf = await xlsx({ A1: 'Đơn vị', GS2: '1' });
    const r = await officer.upload('/api/check-table', 'rong.xlsx', buf);
    expect(r.statusCode).toBe(413);
    expect(error(r).message).toContain('có dữ liệu đến cột GS (cột thứ 201), vượt giới hạn');
    expect(error(r).message).not.toContain('đến dòng');
  });
});

describe('finding 8: decompression is bounded before parsing', () => {
  it('a zip bomb (200 MB of one letter in 0,2 MB) is refused by its ratio; memory does not jump', async () => {
    const deflated = await deflatedRun(200 * 1048576);
    const bomb = zipOf([
      { name: '[Content_Types].xml', deflated: zlib.deflateRawSync('<Types/>'), size: 8 },
      { name: 'xl/worksheets/sheet1.xml', deflated, size: 200 * 1048576 },
    ]);
    expect(bomb.length).toBeLessThan(400_000);
    await officer.upload('/api/check-table', 'nho.csv', 'a,b\n1,2\n'); // the worker is warm
    const before = rssMb();
    const r = await officer.upload('/api/check-table', 'bom.xlsx', bomb);
    expect(r.statusCode).toBe(413);
    expect(error(r).message).toMatch(
      /^Tệp quá lớn hoặc quá phức tạp để đọc: nội dung nén của tệp giãn ra gấp [\d.]+ lần kích thước tệp, vượt giới hạn 100 : 1\.$/,
    );
    expect(rssMb() - before).toBeLessThan(100);
    // the framework import reads every sheet: the same bound
    const fw = await hq.upload(`/api/frameworks/import-file?ownerUnitId=${hqUnit}`, 'bom.xlsx', bomb);
    expect(fw.statusCode).toBe(413);
    await expect(readSheets(bomb, 'frameworkImport')).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('a central directory that lies about the size: inflation stops at the declared size', async () => {
    const deflated = await deflatedRun(200 * 1048576);
    const liar = zipOf([{ name: 'xl/worksheets/sheet1.xml', deflated, size: 1_000_000 }]);
    const before = rssMb();
    const r = await officer.upload('/api/check-table', 'doi.xlsx', liar);
    expect(r.statusCode).toBe(413);
    expect(error(r).message).toMatch(/lớn hơn kích thước khai báo trong tệp/);
    expect(rssMb() - before).toBeLessThan(100);
  });

  it('a declared expansion past 20 × UPLOAD_MAX_MB is refused without inflating anything', async () => {
    const big = zipOf([
      { name: 'xl/worksheets/sheet1.xml', deflated: Buffer.alloc(50_000), size: 0xfffffff0 },
    ]);
    const r = await officer.upload('/api/check-table', 'lon.xlsx', big);
    expect(r.statusCode).toBe(413);
    expect(error(r).message).toBe(
      'Tệp quá lớn hoặc quá phức tạp để đọc: nội dung nén của tệp giãn ra 4.096 MB, vượt giới hạn 400 MB.',
    );
  });

  it('what is not a zip gets a Vietnamese message, never the library one', async () => {
    // no end of central directory; an end of central directory cut short
    for (const body of [
      Buffer.from('PK\u0003\u0004garbage'),
      Buffer.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0, 0]),
    ]) {
      const r = await officer.upload('/api/check-table', 'hong.xlsx', body);
      expect(r.statusCode).toBe(422);
      expect(error(r)).toEqual({
        code: 'FILE_UNREADABLE',
        message:
          'Không đọc được tệp “hong.xlsx”: tệp không phải là tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng.',
      });
    }
    const empty = await officer.upload('/api/check-table', 'rong.xlsx', zipOf([]));
    expect(error(empty).message).toBe('Không đọc được tệp “rong.xlsx”: tệp Excel không có trang tính nào.');
    const fw = await hq.upload(
      `/api/frameworks/import-file?ownerUnitId=${hqUnit}`,
      'khung.json',
      '{"a": 1,}',
    );
    expect(error(fw).message).toMatch(/^Tệp “khung\.json” không phải JSON hợp lệ/);
    const csv = await officer.upload('/api/check-table', 'sai.csv', 'a,b\n"x,1\n');
    expect(csv.statusCode).toBe(422);
    expect(error(csv).message).toMatch(/^Không đọc được tệp “sai\.csv”: tệp CSV không đúng định dạng/);
  });
});

describe('CSV bounds', () => {
  it('a CSV past the row cap of its kind is refused', async () => {
    const lines = ['Đơn vị,Điểm (10)'];
    for (let i = 1; i <= 50_000; i++) lines.push(`Đơn vị ${i},5`);
    const r = await officer.upload('/api/check-table', 'dai.csv', lines.join('\n'));
    expect(r.statusCode).toBe(413);
    expect(error(r).message).toBe(
      'Tệp quá lớn hoặc quá phức tạp để đọc: tệp CSV có dữ liệu đến dòng 50.001, vượt giới hạn 50.000 dòng × 200 cột cho kiểm tra bảng kết quả.',
    );
    const units = await coordinator.upload('/api/units/import', 'dai.csv', lines.slice(0, 20_002).join('\n'));
    expect(units.statusCode).toBe(413);
    expect(error(units).message).toContain('đến dòng 20.001, vượt giới hạn 20.000 dòng');
    // trailing empty cells do not count as columns
    const ok = await officer.upload(
      '/api/check-table',
      'rong.csv',
      `Đơn vị,Điểm (10)${','.repeat(300)}\nA,5\n`,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const wide = await officer.upload('/api/check-table', 'rong.csv', `${'x,'.repeat(201)}\n`);
    expect(wide.statusCode).toBe(413);
  });
});

describe('finding 2: the server answers while a large table is checked', () => {
  it('health returns while a 20 000-row check runs in the worker', async () => {
    const lines = ['Đơn vị,Điểm (100),Tổng điểm,Xếp hạng'];
    for (let i = 0; i < 20_000; i++) lines.push(`Đơn vị ${i},${(i % 1000) / 10},${(i % 1000) / 10},1`);
    const order: string[] = [];
    const check = officer.upload('/api/check-table', 'lon.csv', lines.join('\n')).then((r) => {
      order.push('check');
      return r;
    });
    // wait until the check is in the worker, then ask for health
    while (uploadStats().busy === 0) await new Promise((r) => setTimeout(r, 1));
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    order.push('health');
    expect(health.statusCode).toBe(200);
    const r = await check;
    expect(order).toEqual(['health', 'check']);
    expect(r.statusCode).toBe(200);
    const v = r.json() as { rows: unknown[]; findings: { code: string }[] };
    expect(v.rows).toHaveLength(20_000);
    expect(v.findings.length).toBeGreaterThan(19_000);
  });
});

describe('a worker past its limits', () => {
  it('past the time limit the worker is stopped, the upload refused, the next one served', async () => {
    // a cold worker cannot even start within 1 ms: the limit is certainly passed
    await closeUploadWorkers();
    configureUploads({ timeLimitMs: 1 });
    try {
      const r = await officer.upload('/api/check-table', 'cham.csv', 'a,b\n1,2\n');
      expect(r.statusCode).toBe(413);
      expect(error(r).message).toBe(
        'Tệp quá lớn hoặc quá phức tạp để đọc (vượt giới hạn thời gian 1 mili giây cho kiểm tra bảng kết quả).',
      );
    } finally {
      configureUploads({ timeLimitMs: null });
    }
    const ok = await officer.upload('/api/check-table', 'nho.csv', 'Đơn vị,Điểm (10)\nA,5\n');
    expect(ok.statusCode).toBe(200);
  });

  it('past the heap limit the worker dies, the upload is refused in Vietnamese, the server goes on', async () => {
    configureUploads({ heapMb: 8 });
    try {
      const r = await officer.upload('/api/check-table', 'nang.csv', 'a,b\n1,2\n');
      expect(r.statusCode).toBe(413);
      expect(error(r).message).toBe('Tệp quá lớn hoặc quá phức tạp để đọc (vượt giới hạn bộ nhớ 8 MB).');
    } finally {
      configureUploads({ heapMb: UPLOAD_WORKER_HEAP_MB });
    }
    const ok = await officer.upload('/api/check-table', 'nho.csv', 'Đơn vị,Điểm (10)\nA,5\n');
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
