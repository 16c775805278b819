import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let coordinator: Client;
beforeAll(async () => {
  t = await testApp();
  coordinator = await t.login('dieuphoi.culaodung');
});
afterAll(async () => t?.close());

function upload(client: Client, filename: string, content: Buffer | string, type = 'text/csv') {
  const boundary = '----chiso' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return t.app.inject({
    method: 'POST',
    url: '/api/units/import',
    headers: {
      cookie: client.cookie,
      'x-csrf-token': client.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
  });
}

const count = async () =>
  ((await coordinator.get('/api/units?includeClosed=true')).json() as { items: unknown[] }).items.length;

describe('unit import', () => {
  it('one bad row: nothing is imported and the row, column and reason are reported in Vietnamese', async () => {
    const before = await count();
    const csv = [
      'Mã đơn vị;Tên đơn vị;Tên viết tắt;Loại đơn vị;Mã đơn vị cấp trên;Hiệu lực từ ngày',
      'CLD-T1;Tổ tuần tra số 1;;Đội;CAH-CLD;01/01/2024',
      'CLD-T2;Tổ tuần tra số 2;;Đội;CLD-T1;01/01/2024',
      'CLD-T3;Tổ tuần tra số 3;;Loại không tồn tại;CAH-CLD;31/02/2024',
      'CLD-T4;Tổ tuần tra số 4;;team;CLD-T2;',
    ].join('\n');
    const r = await upload(coordinator, 'don-vi.csv', '\uFEFF' + csv);
    expect(r.statusCode).toBe(422);
    const body = r.json() as {
      error: {
        code: string;
        message: string;
        details: { errors: { row: number; column: string; message: string }[] };
      };
    };
    expect(body.error.code).toBe('IMPORT_INVALID');
    expect(body.error.message).toContain('không có dòng nào được nhập');
    expect(body.error.details.errors).toEqual([
      { row: 4, column: 'Loại đơn vị', message: expect.stringContaining('Loại không tồn tại') },
      { row: 4, column: 'Hiệu lực từ ngày', message: expect.stringContaining('31/02/2024') },
    ]);
    expect(await count()).toBe(before);
  });

  it('a valid Excel file imports every row in tree order, in one step, audited', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đơn vị');
    ws.addRow([
      'Mã đơn vị',
      'Tên đơn vị',
      'Tên viết tắt',
      'Loại đơn vị',
      'Mã đơn vị cấp trên',
      'Hiệu lực từ ngày',
    ]);
    ws.addRow(['CLD-X2', 'Tổ con', '', 'team', 'CLD-X1', '02/01/2024']); // child before its parent
    ws.addRow(['CLD-X1', 'Tổ cha', 'TC', 'Đội', 'CAH-CLD', '01/01/2024']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await count();
    const r = await upload(
      coordinator,
      'don-vi.xlsx',
      buf,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.statusCode, r.body).toBe(200);
    const res = r.json() as {
      created: number;
      units: { code: string; parentId: string | null; id: string }[];
    };
    expect(res.created).toBe(2);
    const x1 = res.units.find((u) => u.code === 'CLD-X1')!;
    expect(res.units.find((u) => u.code === 'CLD-X2')!.parentId).toBe(x1.id);
    expect(await count()).toBe(before + 2);
  });

  it('duplicate and existing codes, cycles and unreadable files are refused', async () => {
    const csv = [
      'Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên',
      'CLD-TM,Trùng mã có sẵn,team,CAH-CLD',
      'CLD-Y1,Vòng 1,team,CLD-Y2',
      'CLD-Y2,Vòng 2,team,CLD-Y1',
      'CLD-Y3,Mã lặp,team,CAH-CLD',
      'CLD-Y3,Mã lặp,team,CAH-CLD',
    ].join('\n');
    const r = await upload(coordinator, 'x.csv', csv);
    expect(r.statusCode).toBe(422);
    const errs = (r.json() as { error: { details: { errors: { row: number; message: string }[] } } }).error
      .details.errors;
    expect(errs.find((e) => e.row === 2)?.message).toContain('đã được dùng');
    expect(errs.some((e) => (e.row === 3 || e.row === 4) && e.message.includes('vòng lặp'))).toBe(true);
    expect(errs.find((e) => e.row === 6)?.message).toContain('trùng với dòng 5');
    const bad = await upload(
      coordinator,
      'x.xlsx',
      Buffer.from('PK\u0003\u0004 not really a zip'),
      'application/octet-stream',
    );
    expect(bad.statusCode, bad.body).toBe(422);
    expect((bad.json() as { error: { code: string } }).error.code).toBe('FILE_UNREADABLE');
  });

  it('serves a CSV template', async () => {
    const r = await coordinator.get('/api/units/import/template');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Mã đơn vị cấp trên');
  });
});
