/** Framework validation: every message in Vietnamese and pointing at the criterion code. */
import { LIMITS } from '../limits.ts';
import { formatPoints } from '../points.ts';
import type { Criterion, Framework, Tier } from './types.ts';

export interface Issue {
  /** Criterion code, or "" for the framework itself. */
  criterion: string;
  message: string;
  severity: 'error' | 'warning';
}

const CODE_RE = /^[0-9A-Za-zĐđ]+(\.[0-9A-Za-zĐđ]+)*$/;

function tierIssues(code: string, tiers: Tier[], max: number): Issue[] {
  const out: Issue[] = [];
  const sorted = [...tiers].sort((a, b) => a.minPercent - b.minPercent);
  if (sorted.length === 0)
    out.push({ criterion: code, severity: 'error', message: `Tiêu chí ${code}: bảng bậc tỷ lệ trống.` });
  if (sorted[0] && sorted[0].minPercent !== 0)
    out.push({
      criterion: code,
      severity: 'error',
      message: `Tiêu chí ${code}: bảng bậc có khoảng trống từ 0% đến ${formatPoints(sorted[0].minPercent)}% (cần một bậc bắt đầu từ 0%).`,
    });
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.minPercent === sorted[i - 1]!.minPercent)
      out.push({
        criterion: code,
        severity: 'error',
        message: `Tiêu chí ${code}: hai bậc cùng bắt đầu từ ${formatPoints(sorted[i]!.minPercent)}% (chồng lấn).`,
      });
    else if (sorted[i]!.points < sorted[i - 1]!.points)
      out.push({
        criterion: code,
        severity: 'warning',
        message: `Tiêu chí ${code}: bậc từ ${formatPoints(sorted[i]!.minPercent)}% cho ít điểm hơn bậc thấp hơn.`,
      });
  }
  for (const t of tiers) {
    if (t.minPercent < 0 || t.minPercent > 10000)
      out.push({
        criterion: code,
        severity: 'error',
        message: `Tiêu chí ${code}: bậc ${formatPoints(t.minPercent)}% nằm ngoài 0–100%.`,
      });
    if (t.points > max)
      out.push({
        criterion: code,
        severity: 'error',
        message: `Tiêu chí ${code}: bậc từ ${formatPoints(t.minPercent)}% cho ${formatPoints(t.points)} điểm, vượt điểm tối đa ${formatPoints(max)}.`,
      });
  }
  return out;
}

export function validateFramework(fw: Framework): Issue[] {
  const issues: Issue[] = [];
  const err = (criterion: string, message: string) => issues.push({ criterion, message, severity: 'error' });
  if (!fw.code.trim()) err('', 'Thiếu mã bộ tiêu chí.');
  if (!fw.name.trim()) err('', 'Thiếu tên bộ tiêu chí.');
  if (fw.yearTo != null && fw.yearTo < fw.yearFrom)
    err('', `Năm kết thúc ${fw.yearTo} trước năm bắt đầu ${fw.yearFrom}.`);
  if (fw.criteria.length === 0) err('', 'Bộ tiêu chí chưa có tiêu chí nào.');
  const seen = new Set<string>();
  const visit = (c: Criterion, parentCode: string | null, level: number) => {
    const code = c.code;
    if (level > LIMITS.criteriaDepth) {
      // refused before going any deeper, so a tree nested thousands of levels never exhausts the stack
      err(
        code,
        `Tiêu chí ${code} nằm ở cấp thứ ${level}; bộ tiêu chí chỉ được có tối đa ${LIMITS.criteriaDepth} cấp tiêu chí.`,
      );
      return;
    }
    if (!CODE_RE.test(code)) err(code, `Mã tiêu chí "${code}" không hợp lệ (ví dụ: 1, 1.2, 1.2.3).`);
    if (seen.has(code)) err(code, `Mã tiêu chí ${code} bị trùng.`);
    seen.add(code);
    if (parentCode !== null && !code.startsWith(parentCode + '.'))
      err(
        code,
        `Tiêu chí ${code} nằm dưới tiêu chí ${parentCode} nhưng mã không bắt đầu bằng "${parentCode}.".`,
      );
    if (!c.title.trim()) err(code, `Tiêu chí ${code}: thiếu tên.`);
    if (c.max < 0) err(code, `Tiêu chí ${code}: điểm tối đa âm.`);
    const kids = c.children ?? [];
    if (kids.length) {
      if (c.rule) err(code, `Tiêu chí ${code} có tiêu chí con nên không được có quy tắc chấm riêng.`);
      const sum = kids.reduce((s, k) => s + k.max, 0);
      if (sum < c.max)
        err(
          code,
          `Tiêu chí ${code}: tổng điểm tối đa các tiêu chí con (${formatPoints(sum)}) nhỏ hơn điểm tối đa của nó (${formatPoints(c.max)}); không thể đạt đủ điểm.`,
        );
      if (sum > c.max)
        issues.push({
          criterion: code,
          severity: 'warning',
          message: `Tiêu chí ${code}: tổng điểm tối đa các tiêu chí con (${formatPoints(sum)}) lớn hơn điểm tối đa (${formatPoints(c.max)}); điểm sẽ bị giới hạn ở ${formatPoints(c.max)}.`,
        });
      for (const k of kids) visit(k, code, level + 1);
      return;
    }
    const r = c.rule;
    if (!r) return; // manual by default
    switch (r.type) {
      case 'manual':
        if (r.step !== undefined && (r.step <= 0 || c.max % r.step !== 0))
          err(
            code,
            `Tiêu chí ${code}: bước chấm ${formatPoints(r.step)} không chia hết điểm tối đa ${formatPoints(c.max)}.`,
          );
        break;
      case 'levels': {
        if (r.levels.length === 0) err(code, `Tiêu chí ${code}: chưa có mức nào.`);
        const codes = new Set<string>();
        for (const l of r.levels) {
          if (codes.has(l.code)) err(code, `Tiêu chí ${code}: mức "${l.code}" bị trùng.`);
          codes.add(l.code);
          if (l.points > c.max)
            err(
              code,
              `Tiêu chí ${code}: mức "${l.label}" được ${formatPoints(l.points)} điểm, vượt điểm tối đa ${formatPoints(c.max)}.`,
            );
          if (l.points < 0) err(code, `Tiêu chí ${code}: mức "${l.label}" có điểm âm.`);
        }
        break;
      }
      case 'ratio_tiers':
        issues.push(...tierIssues(code, r.tiers, c.max));
        break;
      case 'ratio_proportional':
        if (r.capPercent !== undefined && (r.capPercent <= 0 || r.capPercent > 10000))
          err(code, `Tiêu chí ${code}: mức trần ${formatPoints(r.capPercent)}% phải trong khoảng (0; 100%].`);
        if (r.floorPercent !== undefined && r.capPercent !== undefined && r.floorPercent > r.capPercent)
          err(code, `Tiêu chí ${code}: ngưỡng sàn lớn hơn mức trần.`);
        break;
      case 'deduction':
        if (r.start > c.max)
          err(
            code,
            `Tiêu chí ${code}: điểm khởi đầu ${formatPoints(r.start)} vượt điểm tối đa ${formatPoints(c.max)}.`,
          );
        if (r.floor > r.start) err(code, `Tiêu chí ${code}: điểm sàn lớn hơn điểm khởi đầu.`);
        if (r.perIncident <= 0) err(code, `Tiêu chí ${code}: điểm trừ mỗi vụ việc phải dương.`);
        break;
      default:
        break;
    }
  };
  for (const c of fw.criteria) visit(c, null, 1);
  const topSum = fw.criteria.filter((c) => !c.block).reduce((s, c) => s + c.max, 0);
  if (topSum !== fw.totalMax)
    err(
      '',
      `Tổng điểm tối đa các lĩnh vực (${formatPoints(topSum)}) khác tổng điểm tối đa khai báo của bộ tiêu chí (${formatPoints(fw.totalMax)}).`,
    );
  if (fw.comparesWith)
    for (const code of Object.keys(fw.comparesWith.mapping))
      if (!seen.has(code))
        err(code, `Bảng tương ứng mã tiêu chí nhắc tới ${code}, nhưng bộ tiêu chí không có tiêu chí này.`);
  const bandMins = new Set<number>();
  for (const b of fw.bands) {
    if (bandMins.has(b.minIndex)) err('', `Hai mức xếp loại cùng ngưỡng ${formatPoints(b.minIndex)}.`);
    bandMins.add(b.minIndex);
    if (b.minIndex < 0 || b.minIndex > 10000)
      err('', `Mức xếp loại "${b.label}": ngưỡng ${formatPoints(b.minIndex)} ngoài 0–100.`);
  }
  if (fw.bands.length && !bandMins.has(0))
    issues.push({
      criterion: '',
      severity: 'warning',
      message: 'Không có mức xếp loại bắt đầu từ 0: đơn vị dưới ngưỡng thấp nhất sẽ không được xếp loại.',
    });
  return issues;
}
