/** What a check made and could not make, in plain Vietnamese, for the command and the report. */
import { CHECK_KIND_LABELS, CHECK_KINDS, type CheckResult } from './types.ts';

export interface Summary {
  /** "Đã kiểm tra 16 nội dung: 2 tổng điểm, 14 điểm so với điểm tối đa." */
  checked: string;
  /** One line per reason: "Không kiểm tra được 3 chỉ số: bảng không ghi điểm tối đa …". */
  notChecked: string[];
  /** The conclusion: findings, none among the checks made, or nothing could be checked. */
  verdict: string;
  /** Checks made in all. */
  total: number;
}

export function summaryLines(r: Pick<CheckResult, 'checks' | 'notChecked' | 'findings'>): Summary {
  const total = CHECK_KINDS.reduce((n, k) => n + r.checks[k], 0);
  const parts = CHECK_KINDS.filter((k) => r.checks[k] > 0).map(
    (k) => `${r.checks[k]} ${CHECK_KIND_LABELS[k]}`,
  );
  const checked =
    total === 0
      ? 'Không kiểm tra được nội dung nào của bảng.'
      : `Đã kiểm tra ${total} nội dung: ${parts.join(', ')}.`;
  const notChecked = r.notChecked.map(
    (m) => `Không kiểm tra được ${m.count} ${CHECK_KIND_LABELS[m.kind]}: ${m.reason}.`,
  );
  const n = r.findings.length;
  const verdict =
    n > 0
      ? `Phát hiện ${n} sai sót.`
      : total === 0
        ? 'Bảng không có số liệu nào để đối chiếu (chỉ có tên đơn vị và các số không thể tính lại từ bảng), nên chưa thể kết luận bảng đúng hay sai.'
        : `Không phát hiện sai sót trong ${total} nội dung đã kiểm tra.`;
  return { checked, notChecked, verdict, total };
}
