/** Importing a unit tree from a table (CSV or a sheet): reading the rows, then planning the units to
 * create once the server has looked up the codes the file names. Pure: the server reads the file,
 * looks the codes up and creates the planned units. */
import { profileProblems, type Official, type UnitDocumentProfile } from './document/issuer.ts';
import { DATE_YEARS, LIMITS, quoteInput, textProblem } from './limits.ts';
import { formatDateVi, parseDateVi, searchKey } from './text.ts';
import { UNIT_CODE_RE, UNIT_KIND_LABELS, unitKindFromText, type UnitKind } from './units.ts';

/** A problem of the file, where the user sees it (row numbers count from 1, as in a spreadsheet). */
export interface UnitImportProblem {
  row: number;
  column: string;
  message: string;
}

/** One unit to create. `parentId` is an existing unit; `parentCode` names a unit of the same file
 * (or the existing parent, by its code). */
export interface UnitImportRow {
  line: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: string | null;
  parentCode: string | null;
  validFrom: string;
  /** What the unit's documents print (abbreviation, place name, head, deputies). */
  profile: Partial<UnitDocumentProfile>;
}

/** An open unit the server found for a code of the file. */
export interface KnownUnit {
  id: string;
  code: string;
  name: string;
  path: string;
  validFrom: string;
}

export interface UnitImportRead {
  rows: UnitImportRow[];
  problems: UnitImportProblem[];
  /** False when the header is missing or incomplete: nothing to look up, `problems` is final. */
  complete: boolean;
  /** Codes of the file (to find those already used by open units). */
  codes: string[];
  /** Parent codes not defined in the file (to find among open units). */
  parentCodes: string[];
}

const COLS = {
  code: { label: 'Mã đơn vị', keys: ['ma don vi', 'ma', 'code'] },
  name: { label: 'Tên đơn vị', keys: ['ten don vi', 'ten', 'name'] },
  shortName: { label: 'Tên viết tắt', keys: ['ten viet tat', 'viet tat', 'short name'] },
  kind: { label: 'Loại đơn vị', keys: ['loai don vi', 'loai', 'kind'] },
  parentCode: {
    label: 'Mã đơn vị cấp trên',
    keys: ['ma don vi cap tren', 'ma cap tren', 'don vi cap tren', 'parent code', 'parent'],
  },
  validFrom: {
    label: 'Hiệu lực từ ngày',
    keys: ['hieu luc tu ngay', 'hieu luc tu', 'ngay hieu luc', 'valid from'],
  },
  abbreviation: { label: 'Chữ viết tắt', keys: ['chu viet tat', 'viet tat trong ky hieu', 'abbreviation'] },
  placeName: { label: 'Địa danh', keys: ['dia danh', 'place name', 'place'] },
  headTitle: {
    label: 'Chức danh người đứng đầu',
    keys: ['chuc danh nguoi dung dau', 'chuc danh thu truong', 'head title'],
  },
  headRank: { label: 'Cấp hàm người đứng đầu', keys: ['cap ham nguoi dung dau', 'cap ham', 'head rank'] },
  headName: {
    label: 'Họ tên người đứng đầu',
    keys: ['ho ten nguoi dung dau', 'nguoi dung dau', 'thu truong', 'head name', 'head'],
  },
  deputies: {
    label: 'Cấp phó',
    keys: ['cap pho', 'cac cap pho', 'deputies'],
  },
} as const;

/** Deputies in one cell: "chức danh | cấp hàm | họ tên", one person after another, separated by ";"
 * (the rank may be left empty: "PHÓ CHỦ TỊCH | | Nông Văn B"). */
export function parseDeputiesCell(text: string): { deputies: Official[]; problem: string | null } {
  const deputies: Official[] = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const f = part.split('|').map((x) => x.trim());
    if (f.length !== 3 || !f[0] || !f[2])
      return {
        deputies,
        problem: `Cấp phó ${quoteInput(part)} phải có dạng “chức danh | cấp hàm | họ tên” (cấp hàm có thể để trống).`,
      };
    deputies.push({ title: f[0], ...(f[1] ? { rank: f[1] } : {}), name: f[2] });
  }
  return { deputies, problem: null };
}

/** Which column of the file a problem of the profile belongs to. */
function profileColumn(field: string): Col {
  if (field === 'abbreviation') return 'abbreviation';
  if (field === 'placeName') return 'placeName';
  if (field.startsWith('deputies')) return 'deputies';
  if (field === 'head.rank') return 'headRank';
  if (field === 'head.title') return 'headTitle';
  return 'headName';
}
type Col = keyof typeof COLS;

/** "Code taken" names the unit holding the code only when the reader may see that unit; otherwise
 * it says no more than that the code is used (codes are unique among open units, so that much is
 * unavoidable). */
export function unitCodeTakenMessage(code: string, holder: { name: string }, visible: boolean): string {
  return visible
    ? `Mã đơn vị ${quoteInput(code)} đã được dùng cho “${holder.name}”.`
    : `Mã đơn vị ${quoteInput(code)} đã được dùng cho một đơn vị khác đang hoạt động (ngoài phạm vi của bạn).`;
}

/** Read the rows of the file (the first non-empty row is the header; columns are found by their
 * Vietnamese or English names, diacritics ignored). `today` (yyyy-mm-dd) is the default start. */
export function readUnitImport(rows: string[][], today: string): UnitImportRead {
  const problems: UnitImportProblem[] = [];
  const incomplete = (): UnitImportRead => ({
    rows: [],
    problems,
    complete: false,
    codes: [],
    parentCodes: [],
  });
  const headerIdx = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIdx < 0) {
    problems.push({ row: 1, column: '', message: 'Tệp không có dữ liệu.' });
    return incomplete();
  }
  const header = rows[headerIdx]!.map((h) => searchKey(h));
  const colIndex = {} as Record<Col, number>;
  for (const [col, def] of Object.entries(COLS) as [Col, (typeof COLS)[Col]][]) {
    colIndex[col] = header.findIndex((h) => (def.keys as readonly string[]).includes(h));
  }
  for (const col of ['code', 'name', 'kind', 'parentCode'] as const) {
    if (colIndex[col] < 0)
      problems.push({
        row: headerIdx + 1,
        column: COLS[col].label,
        message: `Thiếu cột "${COLS[col].label}" ở dòng tiêu đề.`,
      });
  }
  if (problems.length) return incomplete();
  const get = (r: string[], c: Col) => (colIndex[c] >= 0 ? (r[colIndex[c]] ?? '').trim() : '');
  const plan: UnitImportRow[] = [];
  const seen = new Map<string, number>();
  for (let i = headerIdx + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.every((c) => c.trim() === '')) continue;
    const line = i + 1;
    const err = (c: Col, message: string) => problems.push({ row: line, column: COLS[c].label, message });
    const code = get(r, 'code');
    const name = get(r, 'name');
    const kindText = get(r, 'kind');
    const parentCode = get(r, 'parentCode');
    const dateText = get(r, 'validFrom');
    const codeOk = UNIT_CODE_RE.test(code);
    if (!code) err('code', 'Thiếu mã đơn vị.');
    else if (!codeOk)
      err(
        'code',
        `Mã ${quoteInput(code)} không hợp lệ: chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa ${LIMITS.unitCode} ký tự).`,
      );
    else if (seen.has(code)) err('code', `Mã ${quoteInput(code)} trùng với dòng ${seen.get(code)}.`);
    if (codeOk) seen.set(code, line);
    // the same rules as creating or renaming a unit by hand (the contracts' schemas)
    if (!name) err('name', 'Thiếu tên đơn vị.');
    else {
      const p = textProblem(name, { label: 'Tên đơn vị', max: LIMITS.unitName, min: 2 });
      if (p) err('name', p);
    }
    const shortName = get(r, 'shortName');
    const shortProblem = textProblem(shortName, { label: 'Tên viết tắt', max: LIMITS.shortName });
    if (shortProblem) err('shortName', shortProblem);
    if (parentCode && !UNIT_CODE_RE.test(parentCode))
      err('parentCode', `Mã đơn vị cấp trên ${quoteInput(parentCode)} không hợp lệ.`);
    const kind = kindText ? unitKindFromText(kindText, searchKey) : null;
    if (!kindText) err('kind', 'Thiếu loại đơn vị.');
    else if (!kind)
      err(
        'kind',
        `Loại đơn vị ${quoteInput(kindText)} không có trong danh mục (ví dụ: ${UNIT_KIND_LABELS.commune_police.vi}).`,
      );
    let validFrom = today;
    if (dateText) {
      const d = parseDateVi(dateText);
      if (!d)
        err(
          'validFrom',
          `Ngày ${quoteInput(dateText)} không hợp lệ (ngày có thật, dạng dd/mm/yyyy, năm ${DATE_YEARS.min}–${DATE_YEARS.max}).`,
        );
      else validFrom = d;
    }
    if (parentCode && parentCode === code) err('parentCode', 'Đơn vị không thể là cấp trên của chính nó.');
    const profile: Partial<UnitDocumentProfile> = {};
    const abbreviation = get(r, 'abbreviation');
    if (abbreviation) profile.abbreviation = abbreviation;
    const placeName = get(r, 'placeName');
    if (placeName) profile.placeName = placeName;
    const [headTitle, headRank, headName] = [get(r, 'headTitle'), get(r, 'headRank'), get(r, 'headName')];
    if (headTitle || headRank || headName)
      profile.head = { title: headTitle, ...(headRank ? { rank: headRank } : {}), name: headName };
    const deputiesText = get(r, 'deputies');
    if (deputiesText) {
      const d = parseDeputiesCell(deputiesText);
      if (d.problem) err('deputies', d.problem);
      else profile.deputies = d.deputies;
    }
    for (const p of profileProblems(profile)) err(profileColumn(p.field), p.message);
    plan.push({
      line,
      code: codeOk ? code : '',
      name,
      shortName: shortName || null,
      kind: kind ?? 'other',
      parentId: null,
      parentCode: parentCode && UNIT_CODE_RE.test(parentCode) ? parentCode : null,
      validFrom,
      profile,
    });
  }
  if (plan.length === 0 && problems.length === 0)
    problems.push({ row: headerIdx + 2, column: '', message: 'Tệp không có dòng dữ liệu nào.' });
  const fileCodes = new Set(plan.map((p) => p.code));
  return {
    rows: plan,
    problems,
    complete: true,
    codes: plan.map((p) => p.code).filter(Boolean),
    parentCodes: [
      ...new Set(plan.map((p) => p.parentCode).filter((c): c is string => !!c && !fileCodes.has(c))),
    ],
  };
}

/** What the importing user may do: create top-level units (system-wide right), create under a unit
 * (by its path), read a unit (to be told which unit holds a code). */
export interface UnitImportAccess {
  systemWide: boolean;
  mayImportUnder(path: string): boolean;
  mayRead(path: string): boolean;
}

/** Plan the import from what was read and the open units found for its codes (`taken`: units
 * holding a code of the file; `parents`: units holding a parent code not defined in the file):
 * every problem, sorted by row, and the units in an order that creates parents before children. */
export function planUnitImport(
  read: UnitImportRead,
  found: { taken: readonly KnownUnit[]; parents: readonly KnownUnit[] },
  access: UnitImportAccess,
): { plan: UnitImportRow[]; problems: UnitImportProblem[] } {
  const problems = [...read.problems];
  if (!read.complete) return { plan: [], problems };
  const plan = read.rows.map((p) => ({ ...p }));
  // codes already used by open units
  for (const e of found.taken) {
    const p = plan.find((x) => x.code === e.code)!;
    problems.push({
      row: p.line,
      column: COLS.code.label,
      message: unitCodeTakenMessage(e.code, e, access.mayRead(e.path)),
    });
  }
  // parents: in the file or an open unit in the user's scope
  const fileCodes = new Map(plan.map((p) => [p.code, p]));
  const outsideByCode = new Map(found.parents.map((u) => [u.code, u]));
  for (const p of plan) {
    if (!p.parentCode) {
      if (!access.systemWide)
        problems.push({
          row: p.line,
          column: COLS.parentCode.label,
          message: 'Thiếu mã đơn vị cấp trên (chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất).',
        });
      continue;
    }
    if (fileCodes.has(p.parentCode)) continue;
    const parent = outsideByCode.get(p.parentCode);
    // a parent outside the user's scope is answered as one that does not exist: its name stays hidden
    if (!parent || !access.mayImportUnder(parent.path))
      problems.push({
        row: p.line,
        column: COLS.parentCode.label,
        message: `Không tìm thấy đơn vị cấp trên có mã ${quoteInput(p.parentCode)} trong tệp hoặc trong phạm vi được phân quyền của bạn.`,
      });
    else {
      p.parentId = parent.id;
      if (p.validFrom < parent.validFrom)
        problems.push({
          row: p.line,
          column: COLS.validFrom.label,
          message: `Ngày hiệu lực sớm hơn ngày đơn vị cấp trên bắt đầu (${formatDateVi(parent.validFrom)}).`,
        });
    }
  }
  // order parents before children; detect cycles inside the file
  const ordered: UnitImportRow[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: UnitImportRow): boolean => {
    const s = state.get(p.code);
    if (s === 'done') return true;
    if (s === 'visiting') return false;
    state.set(p.code, 'visiting');
    const parent = p.parentCode ? fileCodes.get(p.parentCode) : undefined;
    if (parent && parent !== p && !visit(parent)) {
      problems.push({
        row: p.line,
        column: COLS.parentCode.label,
        message: 'Quan hệ cấp trên tạo thành vòng lặp trong tệp.',
      });
      state.set(p.code, 'done');
      return false;
    }
    state.set(p.code, 'done');
    ordered.push(p);
    return true;
  };
  for (const p of plan) if (p.code) visit(p);
  problems.sort((a, b) => a.row - b.row);
  return { plan: ordered, problems };
}
