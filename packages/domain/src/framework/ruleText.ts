/** A scoring rule written as one line of Vietnamese text, for the "Quy tắc chấm" column of the Excel
 * form of a framework. `formatRule` and `parseRule` are inverse: parseRule(formatRule(r)) equals r.
 *
 *   thủ công                                  thủ công; bước 0,25
 *   đạt/không đạt
 *   mức: A: Tốt = 2 | B: Khá = 1 | C: Chưa đạt = 0
 *   tỷ lệ theo bậc: 0% → 0 | 80% → 1 | 100% → 2; không có mẫu số: không áp dụng
 *   tỷ lệ thuận; trần 100%; sàn 50%; không có mẫu số: đủ điểm
 *   trừ điểm: khởi điểm 2; mỗi vụ việc 0,5; sàn 0
 *   khảo sát                                  khảo sát: SIPAS
 */
import { formatPoints, parsePoints } from '../points.ts';
import { searchKey } from '../text.ts';
import type { Rule } from './types.ts';

type NoDen = 'not_applicable' | 'full' | 'zero';
const NO_DEN_TEXT: Record<NoDen, string> = {
  not_applicable: 'không áp dụng',
  full: 'đủ điểm',
  zero: 'không điểm',
};

export const RULE_TEXT_HELP =
  'Quy tắc chấm viết một trong các dạng: "thủ công" (có thể thêm "; bước 0,25"), "đạt/không đạt", ' +
  '"mức: A: Tốt = 2 | B: Khá = 1", "tỷ lệ theo bậc: 0% → 0 | 80% → 1 | 100% → 2", ' +
  '"tỷ lệ thuận; trần 100%; sàn 50%", "trừ điểm: khởi điểm 2; mỗi vụ việc 0,5; sàn 0", "khảo sát: SIPAS".';

const f = (h: number) => formatPoints(h);

export function formatRule(r: Rule): string {
  const noDen = (w?: NoDen) => (w ? `; không có mẫu số: ${NO_DEN_TEXT[w]}` : '');
  switch (r.type) {
    case 'manual':
      return r.step === undefined ? 'thủ công' : `thủ công; bước ${f(r.step)}`;
    case 'done':
      return 'đạt/không đạt';
    case 'levels':
      return `mức: ${r.levels.map((l) => `${l.code}: ${l.label} = ${f(l.points)}`).join(' | ')}`;
    case 'ratio_tiers':
      return `tỷ lệ theo bậc: ${r.tiers.map((t) => `${f(t.minPercent)}% → ${f(t.points)}`).join(' | ')}${noDen(r.whenNoDenominator)}`;
    case 'ratio_proportional':
      return `tỷ lệ thuận${r.capPercent !== undefined ? `; trần ${f(r.capPercent)}%` : ''}${r.floorPercent !== undefined ? `; sàn ${f(r.floorPercent)}%` : ''}${noDen(r.whenNoDenominator)}`;
    case 'deduction':
      return `trừ điểm: khởi điểm ${f(r.start)}; mỗi vụ việc ${f(r.perIncident)}; sàn ${f(r.floor)}`;
    case 'survey':
      return r.surveyCode ? `khảo sát: ${r.surveyCode}` : 'khảo sát';
  }
}

export type RuleParse = { rule: Rule; error?: undefined } | { rule?: undefined; error: string };

const num = (s: string, what: string): number => {
  const v = parsePoints(s.trim().replace(/%$/, '').trim());
  if (v === null) throw new Error(`${what} "${s.trim()}" không phải số hợp lệ (tối đa hai chữ số thập phân)`);
  return v;
};

function noDenOf(part: string): NoDen {
  const k = searchKey(part);
  for (const [key, text] of Object.entries(NO_DEN_TEXT) as [NoDen, string][])
    if (searchKey(text) === k) return key;
  throw new Error(`"không có mẫu số" phải là "không áp dụng", "đủ điểm" hoặc "không điểm"`);
}

/** Parse the text form. Keys are matched without diacritics and case ("ty le theo bac" works). */
export function parseRule(text: string): RuleParse {
  const t = text.normalize('NFC').trim();
  try {
    const colon = t.indexOf(':');
    const firstPart = (colon >= 0 ? t.slice(0, colon) : t).split(';')[0]!;
    const head = searchKey(firstPart);
    if (head === 'thu cong') {
      const parts = t.split(';').slice(1);
      if (parts.length === 0) return { rule: { type: 'manual' } };
      if (parts.length !== 1 || !searchKey(parts[0]!).startsWith('buoc '))
        throw new Error('sau "thủ công" chỉ có thể là "; bước <số>"');
      return { rule: { type: 'manual', step: num(parts[0]!.trim().slice(5), 'Bước') } };
    }
    if (head === 'dat/khong dat' || head === 'dat / khong dat') return { rule: { type: 'done' } };
    if (head === 'muc') {
      const body = t.slice(colon + 1);
      const levels = body.split('|').map((seg) => {
        const eq = seg.lastIndexOf('=');
        const c = seg.indexOf(':');
        if (eq < 0 || c < 0 || c > eq) throw new Error(`mức "${seg.trim()}" phải viết "mã: tên = điểm"`);
        const code = seg.slice(0, c).trim();
        const label = seg.slice(c + 1, eq).trim();
        if (!code || !label) throw new Error(`mức "${seg.trim()}" thiếu mã hoặc tên`);
        return { code, label, points: num(seg.slice(eq + 1), 'Điểm') };
      });
      return { rule: { type: 'levels', levels } };
    }
    if (head === 'ty le theo bac') {
      const [tiersText, ...rest] = t.slice(colon + 1).split(';');
      const tiers = tiersText!.split('|').map((seg) => {
        const m = /^(.*?)(?:→|->)(.*)$/.exec(seg);
        if (!m) throw new Error(`bậc "${seg.trim()}" phải viết "từ % → điểm", ví dụ "80% → 1"`);
        return { minPercent: num(m[1]!, 'Tỷ lệ'), points: num(m[2]!, 'Điểm') };
      });
      const rule: Rule = { type: 'ratio_tiers', tiers };
      for (const p of rest) {
        const [k, v] = p.split(':');
        if (searchKey(k ?? '') !== 'khong co mau so' || v === undefined)
          throw new Error(`không hiểu "${p.trim()}"`);
        rule.whenNoDenominator = noDenOf(v);
      }
      return { rule };
    }
    if (head === 'ty le thuan') {
      const rule: { type: 'ratio_proportional' } & Partial<{
        capPercent: number;
        floorPercent: number;
        whenNoDenominator: NoDen;
      }> = { type: 'ratio_proportional' };
      for (const p of t.split(';').slice(1)) {
        const k = searchKey(p);
        if (k.startsWith('tran ')) rule.capPercent = num(p.trim().slice(5), 'Mức trần');
        else if (k.startsWith('san ')) rule.floorPercent = num(p.trim().slice(4), 'Ngưỡng sàn');
        else if (k.startsWith('khong co mau so:')) rule.whenNoDenominator = noDenOf(p.split(':')[1]!);
        else throw new Error(`không hiểu "${p.trim()}"`);
      }
      return { rule };
    }
    if (head === 'tru diem') {
      const parts = t.slice(colon + 1).split(';');
      const vals: Record<string, number> = {};
      for (const p of parts) {
        const m = /^(.*?)\s+([-\d.,]+)\s*$/.exec(p.trim());
        if (!m) throw new Error(`không hiểu "${p.trim()}"`);
        const k = searchKey(m[1]!);
        const key =
          k === 'khoi diem'
            ? 'start'
            : k === 'moi vu viec' || k === 'moi vu'
              ? 'per'
              : k === 'san'
                ? 'floor'
                : null;
        if (!key) throw new Error(`không hiểu "${m[1]!.trim()}" (cần "khởi điểm", "mỗi vụ việc", "sàn")`);
        vals[key] = num(m[2]!, m[1]!.trim());
      }
      if (vals.start === undefined || vals.per === undefined)
        throw new Error('trừ điểm cần "khởi điểm" và "mỗi vụ việc"');
      return {
        rule: { type: 'deduction', start: vals.start, perIncident: vals.per, floor: vals.floor ?? 0 },
      };
    }
    if (head === 'khao sat') {
      const code = colon >= 0 ? t.slice(colon + 1).trim() : '';
      return { rule: code ? { type: 'survey', surveyCode: code } : { type: 'survey' } };
    }
    throw new Error(`không nhận ra quy tắc "${t}". ${RULE_TEXT_HELP}`);
  } catch (e) {
    return { error: (e as Error).message };
  }
}
