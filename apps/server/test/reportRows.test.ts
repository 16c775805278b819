/** The rows of a cycle's documents, built from the views the screens show (pure, no database). */
import type { AppraisalView, AssessmentView, CycleRanking } from '@chiso/contracts';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { rankingData, selfReportData } from '../src/modules/documents/reportRows.ts';

const leaf = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  title: `Tiêu chí ${code}`,
  max: '2',
  points: '1,5',
  rule: '',
  explanation: '',
  inputText: '1,5',
  note: '',
  evidence: [] as { numberSymbol: string; issuedOn: string; locator: string }[],
  children: [],
  ...over,
});

function view(status: z.infer<typeof AssessmentView>['status']): z.infer<typeof AssessmentView> {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    cycle: { id: '00000000-0000-4000-8000-000000000002', name: 'Kỳ 2025', year: 2025, framework: 'X v1' },
    unit: { id: '00000000-0000-4000-8000-000000000003', name: 'Công an xã An Thạnh', code: 'CAX-AT' },
    status,
    returnReason: null,
    total: '3,5',
    applicableMax: '4',
    index: '87,50',
    band: 'Tốt',
    scored: 2,
    leaves: 2,
    cycleStatus: 'open',
    deadline: { dueOn: '2025-12-31', daysLeft: 3, state: 'open', writable: true, message: null },
    canEdit: false,
    canSubmit: false,
    canWithdraw: false,
    canAnswer: false,
    canAppraise: false,
    canReturn: false,
    appraiseBlocked: null,
    appraisingUnitName: 'Công an huyện Cù Lao Dung',
    heldBy: 'Công an huyện Cù Lao Dung',
    missing: [],
    tree: [
      {
        code: '1',
        title: 'Lĩnh vực 1',
        max: '4',
        points: '3,5',
        rule: '',
        explanation: '',
        children: [
          leaf('1.1', {
            evidence: [
              { numberSymbol: '12/KH-CAX', issuedOn: '2025-03-07', locator: 'trang 2' },
              { numberSymbol: '3/BC-CAX', issuedOn: '2025-11-20', locator: '' },
            ],
          }),
          leaf('1.2', { points: '2', inputText: 'Có', note: 'Sổ lưu tại đơn vị.' }),
        ],
      },
    ],
  } as z.infer<typeof AssessmentView>;
}

const appraisal = {
  appraisedTotal: '3',
  items: [
    { code: '1.1', appraisedPoints: '1', reason: 'Thiếu một văn bản.' },
    { code: '1.2', appraisedPoints: '2', reason: null },
  ],
} as z.infer<typeof AppraisalView>;

describe('selfReportData', () => {
  it('lists fields then leaves in tree order, evidence as "number ngày dd/mm/yyyy (where)"', () => {
    const d = selfReportData(view('submitted'), appraisal, '2025-12-01');
    expect(d.rows.map((r) => [r.code, r.depth, r.isLeaf])).toEqual([
      ['1', 0, false],
      ['1.1', 1, true],
      ['1.2', 1, true],
    ]);
    expect(d.rows[1]!.evidence).toEqual(['12/KH-CAX ngày 07/03/2025 (trang 2)', '3/BC-CAX ngày 20/11/2025']);
    expect(d.rows[2]).toMatchObject({ inputText: 'Có', note: 'Sổ lưu tại đơn vị.', selfPoints: '2' });
    expect(d).toMatchObject({
      unitName: 'Công an xã An Thạnh',
      year: 2025,
      total: '3,5',
      today: '2025-12-01',
    });
  });

  it('shows appraised points only once appraisal has started, and only on leaves', () => {
    const before = selfReportData(view('submitted'), appraisal, '2025-12-01');
    expect(before.appraisedTotal).toBeNull();
    expect(before.rows.every((r) => r.appraisedPoints === null)).toBe(true);
    const during = selfReportData(view('in_appraisal'), appraisal, '2025-12-01');
    expect(during.appraisedTotal).toBe('3');
    expect(during.rows.map((r) => r.appraisedPoints)).toEqual([null, '1', '2']);
    expect(during.rows[1]!.appraisalReason).toBe('Thiếu một văn bản.');
    expect(selfReportData(view('appraised'), appraisal, '2025-12-01').appraisedTotal).toBe('3');
  });
});

describe('rankingData', () => {
  const ranking = {
    cycleId: '00000000-0000-4000-8000-000000000002',
    status: 'published',
    decisionNumber: '15/QĐ-CAH',
    decisionDate: '2024-01-20',
    items: [
      {
        unitId: '00000000-0000-4000-8000-000000000003',
        unitName: 'Công an xã An Thạnh',
        total: '87.5',
        index: '87.50',
        bandLabel: 'Tốt',
        rank: 1,
        resultId: null,
        rankGroup: '',
        rankedOf: 1,
        movement: {
          kind: 'none',
          text: 'chưa có kết quả năm trước',
          places: null,
          previousRank: null,
          previousOf: null,
          previousTotal: null,
          previousRanking: null,
          sameSet: false,
        },
      },
    ],
    groups: [{ key: '', name: '', size: 1 }],
    amendments: [],
  } as z.infer<typeof CycleRanking>;
  const cycle = { name: 'Kỳ 2023', year: 2023, ownerUnitName: 'Công an huyện Cù Lao Dung' };

  it('writes the decision with its date in dd/mm/yyyy and figures with a decimal comma', () => {
    const d = rankingData(ranking, cycle, '2024-02-01');
    expect(d.decision).toBe('15/QĐ-CAH ngày 20/01/2024');
    // the document is dated on the publishing decision, not the day of download
    expect(d.documentDay).toBe('2024-01-20');
    expect(d.groups).toEqual([
      {
        name: '',
        rows: [{ rank: 1, unitName: 'Công an xã An Thạnh', total: '87,5', index: '87,50', band: 'Tốt' }],
      },
    ]);
    expect(d).toMatchObject({ cycleName: 'Kỳ 2023', year: 2023, ownerName: 'Công an huyện Cù Lao Dung' });
  });

  it('lists each group of the set under its name, in the set’s order, each ranked from 1', () => {
    const item = ranking.items[0]!;
    const d = rankingData(
      {
        ...ranking,
        items: [
          { ...item, unitName: 'UBND xã Trường Hà', rank: 1, rankGroup: 'commune_committee', rankedOf: 1 },
          { ...item, unitName: 'Phòng Nội vụ', rank: 1, rankGroup: 'office', rankedOf: 2 },
          { ...item, unitName: 'Phòng Tư pháp', rank: 2, rankGroup: 'office', rankedOf: 2 },
        ],
        groups: [
          { key: 'office', name: 'Các cơ quan chuyên môn thuộc UBND huyện', size: 2 },
          { key: 'commune_committee', name: 'UBND các xã, thị trấn', size: 1 },
        ],
      },
      cycle,
      '2024-02-01',
    );
    expect(d.groups.map((g) => [g.name, g.rows.map((r) => `${r.rank}. ${r.unitName}`)])).toEqual([
      ['Các cơ quan chuyên môn thuộc UBND huyện', ['1. Phòng Nội vụ', '2. Phòng Tư pháp']],
      ['UBND các xã, thị trấn', ['1. UBND xã Trường Hà']],
    ]);
  });

  it('has no decision before publication', () => {
    expect(
      rankingData({ ...ranking, decisionNumber: null, decisionDate: null }, cycle, '2024-02-01').decision,
    ).toBeNull();
    expect(
      rankingData({ ...ranking, decisionNumber: null, decisionDate: null }, cycle, '2024-02-01').documentDay,
    ).toBe('2024-02-01');
  });
});
