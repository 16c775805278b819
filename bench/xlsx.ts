/** Excel export throughput: a 10 000-row results sheet (STT, Mã đơn vị, Tên đơn vị, 8 point columns, Tổng,
 * Chỉ số, Xếp loại, Hạng) written through streamSheet, beside the same rows written as plain CSV text to a
 * Buffer (the baseline, same run). Target < 2 s. */
import { streamSheet, type CellIn, type ColumnSpec } from '../apps/server/src/lib/xlsx.ts';
import { formatPoints } from '../packages/domain/src/points.ts';

const ROWS = 10_000;
const POINT_COLUMNS = 8;
const TARGET_MS = 2000;

let seed = 42;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

const columns: ColumnSpec[] = [
  { header: 'STT', width: 6, type: 'int' },
  { header: 'Mã đơn vị', width: 14 },
  { header: 'Tên đơn vị', width: 40 },
  ...Array.from({ length: POINT_COLUMNS }, (_, i) => ({
    header: `Lĩnh vực ${i + 1}`,
    width: 10,
    type: 'points' as const,
  })),
  { header: 'Tổng', width: 10, type: 'points' },
  { header: 'Chỉ số', width: 10, type: 'percent' },
  { header: 'Xếp loại', width: 20 },
  { header: 'Hạng', width: 8, type: 'int' },
];
const BANDS = ['Xuất sắc', 'Tốt', 'Khá', 'Trung bình'];

/** Rows as the export holds them: points in hundredths (exact integers). */
const rows: CellIn[][] = Array.from({ length: ROWS }, (_, i) => {
  const pts = Array.from({ length: POINT_COLUMNS }, () => rnd(1251));
  const total = pts.reduce((a, b) => a + b, 0);
  const index = Math.round((total * 10000) / (POINT_COLUMNS * 1250));
  const band = BANDS[index >= 9000 ? 0 : index >= 8000 ? 1 : index >= 7000 ? 2 : 3]!;
  return [
    i + 1,
    `DV${String(i + 1).padStart(5, '0')}`,
    `Phòng Nội vụ số ${i + 1}`,
    ...pts,
    total,
    index,
    band,
    1 + rnd(ROWS),
  ];
});
const types = columns.map((c) => c.type ?? 'text');

const csvCell = (v: CellIn, i: number): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number')
    return types[i] === 'points' || types[i] === 'percent' ? formatPoints(v, { fixed: true }) : String(v);
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const spec = { name: 'Kết quả', title: ['KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH', 'Năm 2024'], columns };
async function runXlsx() {
  return (await streamSheet(spec, rows)).length;
}
function runCsv() {
  const lines = [columns.map((c) => c.header).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8').length;
}

// warm-up
await runXlsx();
runCsv();
const times: number[] = [];
const base: number[] = [];
let xlsxBytes = 0;
let csvBytes = 0;
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  xlsxBytes = await runXlsx();
  times.push(performance.now() - t);
  t = performance.now();
  csvBytes = runCsv();
  base.push(performance.now() - t);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${Math.round(n / 1024)} KB`;
console.log(
  `xlsx export: ${ROWS} rows × ${columns.length} columns (${POINT_COLUMNS} point columns) through streamSheet, median of 5`,
);
console.log(
  `  streamSheet ${med(times).toFixed(1)} ms, ${kb(xlsxBytes)} (target < ${TARGET_MS / 1000} s: ${med(times) < TARGET_MS ? 'met' : 'NOT met'})`,
);
console.log(
  `  baseline    ${med(base).toFixed(1)} ms, ${kb(csvBytes)} plain CSV text joined to a Buffer (same run)`,
);
console.log(`  ratio streamSheet/baseline: ${(med(times) / med(base)).toFixed(1)}×`);
