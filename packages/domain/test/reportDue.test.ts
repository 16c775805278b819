/** Due dates of report requests (ADR 0017): due on X included, days in Asia/Ho_Chi_Minh, late reports
 * accepted and marked with the days late; the Mẫu 01 table's totals and its checks. */
import { describe, expect, it } from 'vitest';
import {
  defaultDueOn,
  formatIndexPercent,
  isLate,
  mau01Problems,
  mau01Table,
  sendingState,
  sendingStateLabel,
  type FieldResult,
} from '../src/index.ts';

describe('sending state', () => {
  it.each([
    // sent at (UTC)            due on        today         state       days  label
    ['2024-07-10T16:59:00Z', '2024-07-10', '2024-07-20', 'on_time', 0, 'Đã gửi đúng hạn'], // 23:59 in Vietnam
    ['2024-07-10T17:00:00Z', '2024-07-10', '2024-07-20', 'late', 1, 'Gửi muộn 1 ngày'], // 00:00 on 11/7
    ['2024-07-01T03:00:00Z', '2024-07-10', '2024-07-20', 'on_time', 0, 'Đã gửi đúng hạn'],
    ['2024-07-13T03:00:00Z', '2024-07-10', '2024-07-20', 'late', 3, 'Gửi muộn 3 ngày'],
    [null, '2024-07-10', '2024-07-10', 'not_sent', 0, 'Chưa gửi'],
    [null, '2024-07-10', '2024-07-12', 'overdue', 2, 'Quá hạn chưa gửi (2 ngày)'],
  ] as const)('sent %s, due %s, seen %s → %s', (sent, due, today, state, days, label) => {
    const s = sendingState(sent ? new Date(sent) : null, due, today);
    expect(s).toEqual({ state, days });
    expect(sendingStateLabel(s)).toBe(label);
    if (sent) expect(isLate(new Date(sent), due)).toBe(state === 'late');
  });

  it('takes the due day of its kind from the campaign', () => {
    const d = [
      { key: 'mau01', dueOn: '2024-07-10' },
      { key: 'mau02', dueOn: '2024-09-15' },
    ];
    expect(defaultDueOn('survey_mau01', d)).toBe('2024-07-10');
    expect(defaultDueOn('survey_mau02', d)).toBe('2024-09-15');
    expect(defaultDueOn('survey_mau02', [])).toBeNull();
  });
});

describe('Mẫu 01 table', () => {
  const cell = (unitId: string, fieldCode: string, returned: number, index: number | null): FieldResult => ({
    unitId,
    fieldCode,
    target: null,
    returned,
    valid: returned,
    invalid: 0,
    online: 0,
    belowTarget: false,
    questions: {},
    elements: {},
    index: { index, satisfied: 0, ratings: 0 },
  });
  const names = { unit: (id: string) => `Đơn vị ${id}`, field: (c: string) => `Lĩnh vực ${c}` };

  it('totals the counts; "phát ra" totals only when every row has it', () => {
    const cells = [cell('A', 'X', 10, 9645), cell('B', 'X', 4, 5000)];
    const some = mau01Table(cells, names, { 'issued:A:X': 12 }, 8000);
    expect(some.totals).toEqual({ issued: null, returned: 14, valid: 14, invalid: 0, index: 8000 });
    expect(mau01Problems(some, { requireAll: false })).toEqual([]);
    expect(mau01Problems(some, { requireAll: true })).toEqual([
      'Đơn vị B — Lĩnh vực X: chưa nhập số phiếu phát ra.',
    ]);
    const all = mau01Table(cells, names, { 'issued:A:X': 12, 'issued:B:X': 3 }, 8000);
    expect(all.totals.issued).toBe(15);
    expect(mau01Problems(all, { requireAll: true })).toEqual([
      'Đơn vị B — Lĩnh vực X: số phiếu phát ra (3) ít hơn số phiếu thu về (4).',
    ]);
  });

  it('prints the index with a decimal comma', () => {
    expect(formatIndexPercent(9645)).toBe('96,45%');
    expect(formatIndexPercent(10000)).toBe('100,00%');
    expect(formatIndexPercent(null)).toBe('—');
  });
});
