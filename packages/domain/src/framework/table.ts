/** The spreadsheet form of a framework, kept pure: three sheets of text cells (general information,
 * one row per criterion, classification bands). The server writes and reads them with a workbook
 * library; everything about their meaning is here, so that a round trip is exact and every error
 * names its sheet, row and column. */
import { formatPoints, parsePoints } from '../points.ts';
import { searchKey } from '../text.ts';
import { formatRule, parseRule } from './ruleText.ts';
import { bandKey, findBand, KNOWN_BANDS } from './bands.ts';
import type { Band, Criterion, Framework } from './types.ts';

export const SHEET_INFO = 'Thông tin chung';
export const SHEET_CRITERIA = 'Tiêu chí';
export const SHEET_BANDS = 'Xếp loại';

export const CRITERIA_COLUMNS = [
  'Mã tiêu chí',
  'Tên tiêu chí',
  'Điểm tối đa',
  'Quy tắc chấm',
  'Hướng dẫn',
  'Yêu cầu tài liệu kiểm chứng',
  'Được xác định không áp dụng',
  'Khối điểm',
  'Dữ liệu ví dụ',
] as const;
export const BAND_COLUMNS = ['Mã', 'Xếp loại', 'Chỉ số từ', 'Dữ liệu ví dụ'] as const;
const INFO_KEYS = {
  code: 'Mã bộ tiêu chí',
  name: 'Tên bộ tiêu chí',
  yearFrom: 'Năm bắt đầu',
  yearTo: 'Năm kết thúc',
  legalBasis: 'Căn cứ pháp lý',
  appliesTo: 'Áp dụng cho loại đơn vị',
  totalMax: 'Tổng điểm tối đa',
  allowNegativeTotal: 'Cho phép tổng điểm âm',
  isExample: 'Dữ liệu ví dụ',
  notes: 'Ghi chú',
  comparesWith: 'So sánh với bộ tiêu chí (mã)',
  mapping: 'Tương ứng mã tiêu chí (mới=cũ)',
} as const;
/** Columns of the criteria sheet holding points (written as numbers). */
export const CRITERIA_NUMERIC = new Set([2]);
export const BAND_NUMERIC = new Set([2]);

export interface FrameworkSheets {
  info: string[][];
  criteria: string[][];
  bands: string[][];
}

export interface SheetError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? 'Có' : 'Không');
const BLOCK_TEXT = { bonus: 'Điểm thưởng', penalty: 'Điểm trừ' } as const;

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Header rows first in each sheet (the writer may put a title block above them). */
export function frameworkToSheets(fw: Framework): FrameworkSheets {
  const info: string[][] = [
    ['Thông tin', 'Giá trị'],
    [INFO_KEYS.code, fw.code],
    [INFO_KEYS.name, fw.name],
    [INFO_KEYS.yearFrom, String(fw.yearFrom)],
    [INFO_KEYS.yearTo, fw.yearTo == null ? '' : String(fw.yearTo)],
    [INFO_KEYS.legalBasis, fw.legalBasis.join('\n')],
    [INFO_KEYS.appliesTo, fw.appliesTo.join(', ')],
    [INFO_KEYS.totalMax, formatPoints(fw.totalMax)],
    [INFO_KEYS.allowNegativeTotal, fw.allowNegativeTotal ? 'Có' : 'Không'],
    [INFO_KEYS.isExample, fw.isExample ? 'Có' : 'Không'],
    [INFO_KEYS.notes, fw.notes ?? ''],
    [INFO_KEYS.comparesWith, fw.comparesWith?.frameworkCode ?? ''],
    [
      INFO_KEYS.mapping,
      fw.comparesWith
        ? Object.entries(fw.comparesWith.mapping)
            .map(([now, before]) => `${now}=${before ?? ''}`)
            .join('; ')
        : '',
    ],
  ];
  const criteria: string[][] = [[...CRITERIA_COLUMNS]];
  const visit = (c: Criterion) => {
    criteria.push([
      c.code,
      c.title,
      formatPoints(c.max),
      c.rule ? formatRule(c.rule) : '',
      c.guidance ?? '',
      yesNo(c.evidenceRequired),
      yesNo(c.mayBeNotApplicable),
      c.block ? BLOCK_TEXT[c.block] : '',
      c.isExample ? 'Có' : '',
    ]);
    for (const k of c.children ?? []) visit(k);
  };
  fw.criteria.forEach(visit);
  const bands: string[][] = [
    [...BAND_COLUMNS],
    ...fw.bands.map((b) => [b.code, b.label, formatPoints(b.minIndex), b.isExample ? 'Có' : '']),
  ];
  return { info, criteria, bands };
}

/** Index of the header row: the first row whose first cell is `first` (diacritics ignored). */
function headerRow(rows: string[][], first: string): number {
  const k = searchKey(first);
  return rows.findIndex((r) => searchKey(r[0] ?? '') === k);
}

function parseYesNo(v: string): boolean | undefined | null {
  const k = searchKey(v);
  if (k === '') return undefined;
  if (['co', 'x', 'yes', 'true', '1'].includes(k)) return true;
  if (['khong', 'no', 'false', '0'].includes(k)) return false;
  return null;
}

/** Read the three sheets back into a framework. Nothing is half-read: either a framework or the list
 * of every error found, by sheet, row (as numbered in the sheet) and column. */
export function sheetsToFramework(
  sheets: Partial<FrameworkSheets>,
): { framework: Framework; errors?: undefined } | { framework?: undefined; errors: SheetError[] } {
  const errors: SheetError[] = [];
  const e = (sheet: string, row: number, col: number, message: string) =>
    errors.push({ sheet, row: row + 1, column: col < 0 ? '' : columnLetter(col), message });

  // --- information
  const info = sheets.info ?? [];
  const meta: Record<string, { value: string; row: number }> = {};
  if (!sheets.info) e(SHEET_INFO, -1, -1, `Thiếu trang tính "${SHEET_INFO}".`);
  for (let r = 0; r < info.length; r++) {
    const key = searchKey(info[r]![0] ?? '');
    for (const [field, label] of Object.entries(INFO_KEYS))
      if (key === searchKey(label)) meta[field] = { value: (info[r]![1] ?? '').trim(), row: r };
  }
  const need = (field: keyof typeof INFO_KEYS) => {
    const m = meta[field];
    if (!m || !m.value) {
      if (sheets.info) e(SHEET_INFO, m ? m.row : -1, 1, `Thiếu "${INFO_KEYS[field]}".`);
      return '';
    }
    return m.value;
  };
  const year = (field: 'yearFrom' | 'yearTo', v: string): number | null => {
    if (!v) return null;
    if (!/^\d{4}$/.test(v)) {
      e(SHEET_INFO, meta[field]!.row, 1, `"${INFO_KEYS[field]}" phải là năm bốn chữ số, không phải "${v}".`);
      return null;
    }
    return Number(v);
  };
  const code = need('code');
  const name = need('name');
  const yearFrom = year('yearFrom', need('yearFrom'));
  const yearTo = year('yearTo', meta.yearTo?.value ?? '');
  const totalText = need('totalMax');
  const totalMax = totalText ? parsePoints(totalText) : null;
  if (totalText && totalMax === null)
    e(SHEET_INFO, meta.totalMax!.row, 1, `Tổng điểm tối đa "${totalText}" không phải số hợp lệ.`);
  const flag = (field: 'allowNegativeTotal' | 'isExample') => {
    const m = meta[field];
    if (!m) return false;
    const v = parseYesNo(m.value);
    if (v === null) e(SHEET_INFO, m.row, 1, `"${INFO_KEYS[field]}" phải là "Có" hoặc "Không".`);
    return v === true;
  };
  const allowNegativeTotal = flag('allowNegativeTotal');
  const isExample = flag('isExample');
  const lines = (v: string | undefined, sep: RegExp) =>
    (v ?? '')
      .split(sep)
      .map((s) => s.trim())
      .filter(Boolean);

  let comparesWith: Framework['comparesWith'];
  const cw = meta.comparesWith?.value;
  if (cw) {
    const mapping: Record<string, string | null> = {};
    for (const part of (meta.mapping?.value ?? '')
      .split(/[;\n]/)
      .map((x) => x.trim())
      .filter(Boolean)) {
      const m = /^([^=]+)=(.*)$/.exec(part);
      if (!m) {
        e(
          SHEET_INFO,
          meta.mapping!.row,
          1,
          `"${part}" phải viết "mã mới=mã cũ" (để trống mã cũ nếu không có).`,
        );
        continue;
      }
      mapping[m[1]!.trim()] = m[2]!.trim() || null;
    }
    comparesWith = { frameworkCode: cw, mapping };
  }

  // --- criteria
  const rows = sheets.criteria ?? [];
  const criteria: Criterion[] = [];
  if (!sheets.criteria) e(SHEET_CRITERIA, -1, -1, `Thiếu trang tính "${SHEET_CRITERIA}".`);
  else {
    const h = headerRow(rows, CRITERIA_COLUMNS[0]);
    if (h < 0) e(SHEET_CRITERIA, 0, 0, `Không tìm thấy dòng tiêu đề bắt đầu bằng "${CRITERIA_COLUMNS[0]}".`);
    else {
      const byCode = new Map<string, Criterion>();
      for (let r = h + 1; r < rows.length; r++) {
        const row = rows[r]!.map((v) => (v ?? '').trim());
        if (row.every((v) => v === '')) continue;
        const [cCode, title, maxText, ruleText, guidance, ev, na, block, example] = row;
        if (!cCode) {
          e(SHEET_CRITERIA, r, 0, 'Thiếu mã tiêu chí.');
          continue;
        }
        if (byCode.has(cCode)) e(SHEET_CRITERIA, r, 0, `Mã tiêu chí ${cCode} bị trùng.`);
        if (!title) e(SHEET_CRITERIA, r, 1, `Tiêu chí ${cCode}: thiếu tên.`);
        const max = parsePoints(maxText ?? '');
        if (max === null)
          e(SHEET_CRITERIA, r, 2, `Tiêu chí ${cCode}: điểm tối đa "${maxText ?? ''}" không phải số hợp lệ.`);
        const c: Criterion = { code: cCode, title: title ?? '', max: max ?? 0 };
        if (ruleText) {
          const pr = parseRule(ruleText);
          if (pr.error !== undefined) e(SHEET_CRITERIA, r, 3, `Tiêu chí ${cCode}: ${pr.error}`);
          else c.rule = pr.rule;
        }
        if (guidance) c.guidance = guidance;
        const evv = parseYesNo(ev ?? '');
        if (evv === null) e(SHEET_CRITERIA, r, 5, `Tiêu chí ${cCode}: ghi "Có", "Không" hoặc để trống.`);
        else if (evv !== undefined) c.evidenceRequired = evv;
        const nav = parseYesNo(na ?? '');
        if (nav === null) e(SHEET_CRITERIA, r, 6, `Tiêu chí ${cCode}: ghi "Có", "Không" hoặc để trống.`);
        else if (nav !== undefined) c.mayBeNotApplicable = nav;
        if (block) {
          const k = searchKey(block);
          if (k === searchKey(BLOCK_TEXT.bonus)) c.block = 'bonus';
          else if (k === searchKey(BLOCK_TEXT.penalty)) c.block = 'penalty';
          else
            e(
              SHEET_CRITERIA,
              r,
              7,
              `Tiêu chí ${cCode}: khối điểm là "Điểm thưởng", "Điểm trừ" hoặc để trống.`,
            );
        }
        const exv = parseYesNo(example ?? '');
        if (exv === null) e(SHEET_CRITERIA, r, 8, `Tiêu chí ${cCode}: ghi "Có" hoặc để trống.`);
        else if (exv) c.isExample = true;
        // parent: the longest code already read that prefixes this one
        let parent: Criterion | undefined;
        const parts = cCode.split('.');
        for (let k = parts.length - 1; k > 0 && !parent; k--)
          parent = byCode.get(parts.slice(0, k).join('.'));
        if (parts.length > 1 && !parent)
          e(
            SHEET_CRITERIA,
            r,
            0,
            `Tiêu chí ${cCode}: không có tiêu chí cha ${parts.slice(0, -1).join('.')} ở các dòng phía trên.`,
          );
        if (parent) (parent.children ??= []).push(c);
        else criteria.push(c);
        if (!byCode.has(cCode)) byCode.set(cCode, c);
      }
    }
  }

  // --- bands
  const bands: Band[] = [];
  const bandRows = new Map<string, number>();
  if (sheets.bands) {
    const b = sheets.bands;
    const h = headerRow(b, BAND_COLUMNS[0]);
    if (h < 0) e(SHEET_BANDS, 0, 0, `Không tìm thấy dòng tiêu đề bắt đầu bằng "${BAND_COLUMNS[0]}".`);
    else
      for (let r = h + 1; r < b.length; r++) {
        const row = b[r]!.map((v) => (v ?? '').trim());
        if (row.every((v) => v === '')) continue;
        const [typedCode, label, minText, example] = row;
        // a known band typed without its code ("Không hoàn thành nhiệm vụ") takes the shipped code
        const bCode = typedCode || (label ? findBand(KNOWN_BANDS, label)?.code : undefined);
        if (!bCode) e(SHEET_BANDS, r, 0, 'Thiếu mã mức xếp loại.');
        if (!label) e(SHEET_BANDS, r, 1, 'Thiếu tên mức xếp loại.');
        const same = label ? bandRows.get(bandKey(label)) : undefined;
        if (same !== undefined)
          e(
            SHEET_BANDS,
            r,
            1,
            `Mức xếp loại "${label}" trùng với mức ở dòng ${same + 1} ("không hoàn thành nhiệm vụ" và "chưa hoàn thành nhiệm vụ" là cùng một mức).`,
          );
        else if (label) bandRows.set(bandKey(label), r);
        const min = parsePoints(minText ?? '');
        if (min === null) e(SHEET_BANDS, r, 2, `Ngưỡng "${minText ?? ''}" không phải số hợp lệ.`);
        const exv = parseYesNo(example ?? '');
        if (exv === null) e(SHEET_BANDS, r, 3, 'Ghi "Có" hoặc để trống.');
        bands.push({
          code: bCode ?? '',
          label: label ?? '',
          minIndex: min ?? 0,
          ...(exv ? { isExample: true } : {}),
        });
      }
  }

  if (errors.length) return { errors };
  const fw: Framework = {
    code,
    name,
    yearFrom: yearFrom!,
    ...(yearTo !== null ? { yearTo } : {}),
    legalBasis: lines(meta.legalBasis?.value, /\n/),
    appliesTo: lines(meta.appliesTo?.value, /[,;\n]/),
    totalMax: totalMax!,
    bands,
    ...(allowNegativeTotal ? { allowNegativeTotal } : {}),
    ...(isExample ? { isExample } : {}),
    ...(meta.notes?.value ? { notes: meta.notes.value } : {}),
    ...(comparesWith ? { comparesWith } : {}),
    criteria,
  };
  return { framework: fw };
}
