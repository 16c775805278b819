import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  countStatuses,
  decimalText,
  formatTarget,
  isDeclared,
  isDueOrMissing,
  parseTaskValue,
  targetMet,
  taskStatus,
  TASK_STATUSES,
  type TaskFacts,
} from '../src/tasks.ts';
import { parseDecimal } from '../src/points.ts';

const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
const aDay = fc.integer({ min: 0, max: 900 }).map(day);
const facts: fc.Arbitrary<TaskFacts> = fc.record({
  dueOn: fc.option(aDay, { nil: null }),
  hasProgress: fc.boolean(),
  declaredOn: fc.option(aDay, { nil: null }),
  accepted: fc.boolean(),
});

describe('task status', () => {
  it('by cases: the due day included, done on the day declared, late only when declared after the due day', () => {
    const base = { dueOn: '2024-08-02', hasProgress: false, declaredOn: null, accepted: false };
    expect(taskStatus(base, '2024-08-02')).toBe('not_started');
    expect(taskStatus({ ...base, hasProgress: true }, '2024-08-01')).toBe('in_progress');
    expect(taskStatus(base, '2024-08-03')).toBe('overdue');
    expect(taskStatus({ ...base, declaredOn: '2024-08-02' }, '2024-09-01')).toBe('awaiting');
    expect(taskStatus({ ...base, declaredOn: '2024-08-02', accepted: true }, '2024-09-01')).toBe('done');
    expect(taskStatus({ ...base, declaredOn: '2024-08-03', accepted: true }, '2024-08-03')).toBe('done_late');
    expect(taskStatus({ ...base, dueOn: null }, '2099-01-01')).toBe('not_started');
  });

  it('for any facts: a status of the list; overdue stays overdue as days pass; nothing is late without a due day', () => {
    fc.assert(
      fc.property(facts, aDay, fc.integer({ min: 0, max: 400 }), (f, today, later) => {
        const s = taskStatus(f, today);
        expect(TASK_STATUSES).toContain(s);
        expect(isDeclared(s)).toBe(f.declaredOn !== null);
        if (s === 'overdue') expect(taskStatus(f, day(900 + later))).toBe('overdue');
        if (f.dueOn === null) expect(['overdue', 'done_late']).not.toContain(s);
        // the due day itself is never overdue
        if (f.dueOn !== null) expect(taskStatus(f, f.dueOn)).not.toBe('overdue');
      }),
    );
  });

  it('for any facts: once accepted the status no longer depends on the day, and lateness only on the day declared', () => {
    fc.assert(
      fc.property(facts, aDay, aDay, (f, d1, d2) => {
        const g = { ...f, accepted: true, declaredOn: f.declaredOn ?? d1 };
        expect(taskStatus(g, d1)).toBe(taskStatus(g, d2));
        expect(taskStatus(g, d1) === 'done_late').toBe(g.dueOn !== null && g.declaredOn > g.dueOn);
      }),
    );
  });

  it('"đến hạn và còn thiếu": exactly the undeclared with a due day within N days, overdue ones always', () => {
    fc.assert(
      fc.property(facts, aDay, fc.integer({ min: 0, max: 60 }), (f, today, n) => {
        const hit = isDueOrMissing(f, today, n);
        if (taskStatus(f, today) === 'overdue') expect(hit).toBe(true);
        if (hit) expect(f.declaredOn === null && f.dueOn !== null).toBe(true);
        if (f.dueOn !== null && f.declaredOn === null && f.dueOn > day(900 + n)) expect(hit).toBe(false);
      }),
    );
  });

  it('counts every instance once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TASK_STATUSES)), (ss) => {
        const c = countStatuses(ss);
        expect(Object.values(c).reduce((a, b) => a + b, 0)).toBe(ss.length);
      }),
    );
  });
});

describe('targets', () => {
  it('are written as the plans write them', () => {
    expect(
      formatTarget({ metric: 'hồ sơ trực tuyến', comparator: 'gte', value: '40', valueTo: null, unit: '%' }),
    ).toBe('≥ 40 % hồ sơ trực tuyến');
    expect(
      formatTarget({ metric: 'mỗi đơn vị', comparator: 'range', value: '1', valueTo: '2', unit: 'tin, bài' }),
    ).toBe('1–2 tin, bài mỗi đơn vị');
    expect(
      formatTarget({ metric: '4 tại chỗ', comparator: 'gt', value: '50', valueTo: null, unit: '%' }),
    ).toBe('> 50 % 4 tại chỗ');
    expect(formatTarget({ metric: 'BCCI', comparator: 'gte', value: '0.5', valueTo: null, unit: '%' })).toBe(
      '≥ 0,5 % BCCI',
    );
  });

  it('are met exactly, without floating point', () => {
    const t = { metric: '', comparator: 'gte' as const, value: '20', valueTo: null, unit: '%' };
    expect(targetMet(t, '19.9999')).toBe(false);
    expect(targetMet(t, '20')).toBe(true);
    expect(targetMet({ ...t, comparator: 'gt', value: '0.3' }, '0.1')).toBe(false);
    // 0,1 + 0,2 is exactly 0,3 here
    expect(targetMet({ ...t, comparator: 'eq', value: '0.30' }, '0.3')).toBe(true);
    expect(targetMet({ ...t, comparator: 'range', value: '1', valueTo: '2' }, '2')).toBe(true);
    expect(targetMet({ ...t, comparator: 'range', value: '1', valueTo: '2' }, '2.0001')).toBe(false);
    expect(parseTaskValue('40,12345')).toBeNull();
    expect(decimalText(parseTaskValue('40,500')!)).toBe('40.5');
  });

  it('compare decimals as the integers they scale to', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), (a, b) => {
        const x = parseDecimal(
          `${a / 1e4 < 0 ? '-' : ''}${Math.floor(Math.abs(a) / 1e4)},${String(Math.abs(a) % 1e4).padStart(4, '0')}`,
        )!;
        const y = parseDecimal(
          `${b < 0 ? '-' : ''}${Math.floor(Math.abs(b) / 100)},${String(Math.abs(b) % 100).padStart(2, '0')}`,
        )!;
        expect(Math.sign(compareDecimal(x, y))).toBe(Math.sign(a - b * 100));
      }),
    );
  });
});
