/**
 * Who issues a document and how it is printed (Nghị định 30/2020/NĐ-CP, Phụ lục I): the issuing-body
 * lines by unit kind, the number symbol, the place name and the signing block, from what a unit
 * records about itself (its abbreviation, place name, head and deputies, an optional override of the
 * issuing-body lines). Pure.
 */
import { textProblem } from '../limits.ts';
import type { UnitKind } from '../units.ts';
import type { Signature } from './model.ts';

/** A person who signs for a unit: the head or a deputy. */
export interface Official {
  /** Title as the documents print it: "TRƯỞNG CÔNG AN", "CHỦ TỊCH", "ĐỘI TRƯỞNG". */
  title: string;
  /** Rank, police only: "Thượng tá". */
  rank?: string | null;
  name: string;
  /** An acting head (signs "Q. TRƯỞNG CÔNG AN"). Heads only. */
  acting?: boolean;
}

/** The issuing-body lines of the header: the governing body (not bold) above the unit's own name
 * (bold), each line printed on its own. */
export interface IssuerLines {
  governing: string[];
  own: string[];
}

/** What a unit records for its documents. */
export interface UnitDocumentProfile {
  /** Abbreviation in number symbols: "CAH", "CAT", "UBND", "TH". */
  abbreviation: string | null;
  /** Place name (địa danh): "Cù Lao Dung". */
  placeName: string | null;
  head: Official | null;
  deputies: Official[];
  /** Replaces the issuing-body lines the unit's kind gives. */
  issuerLines: IssuerLines | null;
}

export const EMPTY_DOCUMENT_PROFILE: UnitDocumentProfile = {
  abbreviation: null,
  placeName: null,
  head: null,
  deputies: [],
  issuerLines: null,
};

/** The unit of a header: its name, kind and what it records. */
export interface IssuerUnit extends Partial<UnitDocumentProfile> {
  name: string;
  kind: UnitKind;
}

/** A line left blank to fill by hand. */
export const FILL_IN = '…………………';

export const DOCUMENT_LIMITS = {
  abbreviation: 20,
  placeName: 100,
  title: 100,
  rank: 50,
  personName: 100,
  deputies: 10,
  issuerLine: 100,
  issuerLines: 2,
} as const;

const COMMITTEES: readonly UnitKind[] = ['provincial_committee', 'district_committee', 'commune_committee'];
const COMMITTEE = 'ỦY BAN NHÂN DÂN';

/** People's Committees sign as a collective body ("TM. ỦY BAN NHÂN DÂN") and print no governing body. */
export function isCollectiveBody(kind: UnitKind): boolean {
  return COMMITTEES.includes(kind);
}

const upper = (s: string) => s.trim().replace(/\s+/gu, ' ').toLocaleUpperCase('vi');

/** "Ủy ban nhân dân huyện Hà Quảng" (or "UBND huyện Hà Quảng") → ["ỦY BAN NHÂN DÂN", "HUYỆN HÀ QUẢNG"]. */
export function committeeLines(name: string): string[] {
  const u = upper(name).replace(/^UBND(?=\s|$)/u, COMMITTEE);
  if (u.startsWith(`${COMMITTEE} `)) return [COMMITTEE, u.slice(COMMITTEE.length + 1)];
  return [u];
}

/** The name of a unit as one line ("ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG", "CÔNG AN TỈNH SÓC TRĂNG"). */
export function unitNameLine(name: string): string {
  return upper(name).replace(/^UBND(?=\s|$)/u, COMMITTEE);
}

/** The issuing-body lines the kind gives: a People's Committee prints its own name on two lines
 * split after "ỦY BAN NHÂN DÂN" and no governing body; every other unit under a parent prints the
 * parent's name above its own ("CÔNG AN TỈNH SÓC TRĂNG" over "CÔNG AN HUYỆN CÙ LAO DUNG",
 * "ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG" over "PHÒNG NỘI VỤ"). */
export function defaultIssuerLines(unit: IssuerUnit, parent: { name: string } | null): IssuerLines {
  if (isCollectiveBody(unit.kind)) return { governing: [], own: committeeLines(unit.name) };
  return { governing: parent ? [unitNameLine(parent.name)] : [], own: [unitNameLine(unit.name)] };
}

/** The lines printed: the unit's override, else those of its kind. */
export function issuerLinesOf(unit: IssuerUnit, parent: { name: string } | null): IssuerLines {
  const o = unit.issuerLines;
  const clean = (l: string[]) => l.map(upper).filter((x) => x.length > 0);
  if (o && clean(o.own).length > 0) return { governing: clean(o.governing), own: clean(o.own) };
  return defaultIssuerLines(unit, parent);
}

const KIND_ABBREVIATIONS: Partial<Record<UnitKind, string>> = {
  ministry: 'BCA',
  province_police: 'CAT',
  district_police: 'CAH',
  commune_police: 'CAX',
  provincial_committee: 'UBND',
  district_committee: 'UBND',
  commune_committee: 'UBND',
};

/** Initials of the words, capital, without diacritics except Đ ("Tổng hợp" → "TH"). */
export function initialsOf(text: string): string {
  return text
    .split(/[\s,.;:()–—-]+/u)
    .filter((w) => w.length > 0)
    .map((w) => {
      const first = w.normalize('NFC')[0]!.toLocaleUpperCase('vi');
      return first === 'Đ' ? 'Đ' : first.normalize('NFD')[0]!;
    })
    .filter((c) => /[A-ZĐ0-9]/u.test(c))
    .join('');
}

/** The unit's abbreviation, else one from its kind (CAH, CAT, UBND…), else the initials of its name
 * without the word that names its kind ("Phòng Nội vụ" → "NV", "Đội Tổng hợp" → "TH"). */
export function abbreviationOf(unit: IssuerUnit): string {
  const own = unit.abbreviation?.trim();
  if (own) return own;
  const byKind = KIND_ABBREVIATIONS[unit.kind];
  if (byKind) return byKind;
  const rest = unit.name.trim().replace(/^(phòng|đội|văn phòng|trung tâm|ban|chi cục|sở)\s+/iu, '');
  return initialsOf(rest) || initialsOf(unit.name) || 'VB';
}

/** Number symbol: [type-]issuer[-drafting unit] ("BC-CAH", "CAH-TH", "QĐ-UBND", "KH-CAT"). */
export function numberSymbol(parts: {
  type?: string | null;
  issuer: string;
  drafting?: string | null;
}): string {
  return [parts.type, parts.issuer, parts.drafting]
    .map((p) => p?.trim() ?? '')
    .filter((p) => p.length > 0)
    .join('-');
}

/** The place name of the nearest unit, from the unit up to the root, that records one. */
export function placeNameOf(chain: readonly { placeName?: string | null }[]): string | null {
  for (const u of chain) {
    const p = u.placeName?.trim();
    if (p) return p;
  }
  return null;
}

/** Who signs: the head, or the deputy at `index` of the unit's list. */
export type SignerChoice = { role: 'head' } | { role: 'deputy'; index: number };

/** "head", "deputy-0" (the form of the download parameter) → a choice; null when malformed. */
export function parseSignerChoice(text: string | undefined | null): SignerChoice | null {
  if (!text || text === 'head') return { role: 'head' };
  const m = /^deputy-(\d{1,2})$/u.exec(text);
  return m ? { role: 'deputy', index: Number(m[1]) } : null;
}

export function signerChoiceKey(choice: SignerChoice): string {
  return choice.role === 'head' ? 'head' : `deputy-${choice.index}`;
}

/** The signing block (NĐ 30, Phụ lục I, mục 8): "TM. ỦY BAN NHÂN DÂN" for a collective body, "KT."
 * when a deputy signs for the head, "Q." for an acting head; the titles as the unit writes them;
 * rank and name below. Without a recorded head or deputy the title and name are left to fill by hand. */
export function signingBlock(unit: IssuerUnit, choice: SignerChoice = { role: 'head' }): Signature {
  const head = unit.head ?? null;
  const collective = isCollectiveBody(unit.kind);
  const authority = collective ? `TM. ${COMMITTEE}` : undefined;
  const headTitle = head?.title.trim() ? upper(head.title) : null;
  const withAuthority = (s: Signature): Signature => (authority ? { authority, ...s } : s);
  if (choice.role === 'deputy') {
    const d = unit.deputies?.[choice.index];
    if (d) {
      const position = headTitle ? [`KT. ${headTitle}`, upper(d.title)] : [upper(d.title)];
      return withAuthority({
        position,
        name: d.name.trim(),
        ...(d.rank?.trim() ? { rank: d.rank.trim() } : {}),
      });
    }
  }
  if (!head || !headTitle) return withAuthority({ position: [FILL_IN], name: FILL_IN });
  return withAuthority({
    position: [head.acting ? `Q. ${headTitle}` : headTitle],
    name: head.name.trim() || FILL_IN,
    ...(head.rank?.trim() ? { rank: head.rank.trim() } : {}),
  });
}

/** A problem of a profile, with the field it belongs to. */
export interface ProfileProblem {
  field: string;
  message: string;
}

/** Abbreviation: capital letters without diacritics (and Đ), digits, "&" or "."; no hyphen (the
 * hyphen separates the parts of a symbol). */
export const ABBREVIATION_RE = /^[A-ZĐ0-9][A-ZĐ0-9&.]*$/u;

export function abbreviationProblem(value: string): string | null {
  const t = value.trim();
  if (t.length > DOCUMENT_LIMITS.abbreviation)
    return `Chữ viết tắt quá dài (tối đa ${DOCUMENT_LIMITS.abbreviation} ký tự).`;
  if (!ABBREVIATION_RE.test(t))
    return `Chữ viết tắt “${t}” chỉ gồm chữ in hoa không dấu (và Đ), chữ số, dấu & hoặc dấu chấm, không có gạch nối (ví dụ CAH, UBND, TH).`;
  return null;
}

function officialProblems(o: Official, where: string, field: string): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const p = (v: string | null | undefined, label: string, max: number, min: number, f: string) => {
    const m = textProblem(v ?? '', { label: `${label} (${where})`, max, min });
    if (m) out.push({ field: `${field}.${f}`, message: m });
  };
  p(o.title, 'Chức danh', DOCUMENT_LIMITS.title, 1, 'title');
  p(o.name, 'Họ tên', DOCUMENT_LIMITS.personName, 1, 'name');
  p(o.rank, 'Cấp hàm', DOCUMENT_LIMITS.rank, 0, 'rank');
  return out;
}

/** Every problem of a profile, in Vietnamese (empty when it is acceptable). */
export function profileProblems(p: Partial<UnitDocumentProfile>): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  if (p.abbreviation) {
    const m = abbreviationProblem(p.abbreviation);
    if (m) out.push({ field: 'abbreviation', message: m });
  }
  if (p.placeName) {
    const m = textProblem(p.placeName, { label: 'Địa danh', max: DOCUMENT_LIMITS.placeName, min: 2 });
    if (m) out.push({ field: 'placeName', message: m });
  }
  if (p.head) out.push(...officialProblems(p.head, 'người đứng đầu', 'head'));
  const deputies = p.deputies ?? [];
  if (deputies.length > DOCUMENT_LIMITS.deputies)
    out.push({ field: 'deputies', message: `Tối đa ${DOCUMENT_LIMITS.deputies} cấp phó.` });
  deputies.forEach((d, i) => out.push(...officialProblems(d, `cấp phó thứ ${i + 1}`, `deputies.${i}`)));
  if (deputies.some((d) => d.acting))
    out.push({ field: 'deputies', message: 'Chỉ người đứng đầu mới được ghi là quyền (Q.).' });
  if (deputies.length > 0 && !p.head)
    out.push({
      field: 'head',
      message: 'Có cấp phó thì phải ghi người đứng đầu (cấp phó ký thay “KT.” người đứng đầu).',
    });
  if (p.issuerLines) {
    const { governing, own } = p.issuerLines;
    const lines = (list: string[], label: string, field: string, min: number) => {
      const kept = list.filter((l) => l.trim());
      if (kept.length < min) out.push({ field, message: `${label}: cần ít nhất ${min} dòng.` });
      if (kept.length > DOCUMENT_LIMITS.issuerLines)
        out.push({ field, message: `${label}: tối đa ${DOCUMENT_LIMITS.issuerLines} dòng.` });
      kept.forEach((l) => {
        const m = textProblem(l, { label, max: DOCUMENT_LIMITS.issuerLine });
        if (m) out.push({ field, message: m });
      });
    };
    lines(governing, 'Tên cơ quan chủ quản', 'issuerLines.governing', 0);
    lines(own, 'Tên cơ quan ban hành', 'issuerLines.own', 1);
  }
  return out;
}

/** A legal-basis line marked as an example (its text says "ví dụ", or it ends with "(*)"): printed
 * as "Căn cứ …………………;" to fill by hand, never as written. */
export function isExampleBasis(line: string): boolean {
  return /(^|[\s(—–-])ví dụ(?=$|[\s,;.)])/iu.test(line) || /\(\*\)\s*[;.]?\s*$/u.test(line);
}
