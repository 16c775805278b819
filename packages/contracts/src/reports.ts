/** Report requests (issue #15 item 7: Mẫu 01/02 of a survey campaign as the first kinds; issue #16
 * adds periodic and ad hoc kinds on the same routes): the request, the matrix of units asked, one
 * unit's report (computed tables, typed sections and figures, attachments) and its transitions. */
import { LIMITS, PERIOD_KINDS, REPORT_STATES, REPORT_STATUSES, SURVEY_REPORT_KINDS } from '@chiso/domain';
import { z } from 'zod';
import { IsoDate, IsoDateText, text } from './fields.ts';
import type { SurveyCampaignList } from './surveys.ts';

const Id = z.string().uuid();

export const ReportRequestCreateBody = z.object({
  kind: z.enum(SURVEY_REPORT_KINDS),
  campaignId: Id,
  title: text('Tên báo cáo', LIMITS.label, { min: 1 }).optional(),
  /** Default: the campaign's deadline of the kind ("mau01", "mau02"), due on that day included. */
  dueOn: IsoDate.optional(),
  /** Default: the campaign's owner. */
  receivingUnitId: Id.optional(),
  /** Default: the surveyed units at the level directly under the owner. */
  unitIds: z.array(Id).min(1).max(2000).optional(),
});

/** The sections of an outline (đề cương), in order: their titles. */
const OutlineIn = z
  .array(
    z.union([
      text('Mục của đề cương', LIMITS.criterionTitle, { min: 1 }),
      z.object({
        title: text('Mục của đề cương', LIMITS.criterionTitle, { min: 1 }),
        guide: text('Hướng dẫn của mục', LIMITS.note, { multiline: true }).optional(),
      }),
    ]),
  )
  .min(1, 'Đề cương phải có ít nhất một mục.')
  .max(40);

/** What periodic and ad hoc requests share: who asks, who receives, who is asked, the outline. */
const RequestOfUnits = z.object({
  title: text('Tên báo cáo', LIMITS.label, { min: 1 }),
  ownerUnitId: Id,
  /** Default: the owner (seed 004: Phòng Nội vụ receives for UBND huyện). */
  receivingUnitId: Id.optional(),
  unitIds: z.array(Id).min(1, 'Chưa chọn đơn vị nào phải báo cáo.').max(2000),
  outline: OutlineIn,
  /** The plan asking for the reports (82/KH-CAH's outline; Hà Quảng's quarterly reports). */
  planId: Id.optional(),
});

/** A periodic report: one request per period of the years, due by the rule (seed 004: quarterly, day 3
 * of the quarter's last month; yearly, 15/11). */
export const ReportSeriesCreateBody = RequestOfUnits.extend({
  periodKind: z.enum(PERIOD_KINDS),
  yearFrom: z.number().int().min(2000).max(2100),
  yearTo: z.number().int().min(2000).max(2100),
  due: z.object({
    day: z.number().int().min(1).max(31),
    month: z.union([z.enum(['last', 'next']), z.number().int().min(1).max(12)]),
  }),
  cutoff: z
    .object({ day: z.number().int().min(1).max(31), month: z.enum(['last', 'before_last']) })
    .optional(),
});

/** An ad hoc request with an outline (seed 000: "ĐỀ CƯƠNG BÁO CÁO", due before 02/8/2024). */
export const ReportAdHocCreateBody = RequestOfUnits.extend({
  dueOn: IsoDate,
  periodFrom: IsoDate.optional(),
  periodTo: IsoDate.optional(),
});

export const ReportRequestSummary = z.object({
  id: Id,
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  campaignId: Id.nullable(),
  campaignName: z.string().nullable(),
  ownerUnitId: Id,
  ownerUnitName: z.string(),
  receivingUnitId: Id.nullable(),
  receivingUnitName: z.string().nullable(),
  dueOn: IsoDateText,
  seriesId: Id.nullable(),
  periodLabel: z.string().nullable(),
  planId: Id.nullable(),
  planNumber: z.string().nullable(),
  /** Whether the reader follows every unit (requester or receiver) or only its own. */
  role: z.enum(['requester', 'asked']),
  asked: z.number().int(),
  sent: z.number().int(),
  late: z.number().int(),
  /** The reader's own units' reports (asked): their state. */
  own: z.array(
    z.object({ unitId: Id, unitName: z.string(), state: z.enum(REPORT_STATES), label: z.string() }),
  ),
  createdAt: z.string(),
});
export const ReportRequestList = z.object({ items: z.array(ReportRequestSummary) });

export const ReportMatrixRow = z.object({
  unitId: Id,
  unitName: z.string(),
  status: z.enum(REPORT_STATUSES),
  state: z.enum(REPORT_STATES),
  /** "Chưa gửi", "Đã gửi đúng hạn", "Gửi muộn 2 ngày", "Quá hạn chưa gửi (3 ngày)". */
  label: z.string(),
  days: z.number().int(),
  sentAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export const ReportRequestDetail = ReportRequestSummary.extend({
  canManage: z.boolean(),
  outline: z.array(z.object({ code: z.string(), title: z.string(), guide: z.string().optional() })),
  rows: z.array(ReportMatrixRow),
});

const SeriesCell = z.object({
  requestId: Id,
  state: z.enum(REPORT_STATES),
  label: z.string(),
  days: z.number().int(),
  sentAt: z.string().nullable(),
});
export const ReportSeriesSummary = z.object({
  id: Id,
  title: z.string(),
  periodKind: z.enum(PERIOD_KINDS),
  periodKindLabel: z.string(),
  /** "ngày 03 của tháng cuối kỳ". */
  dueRuleText: z.string(),
  yearFrom: z.number().int(),
  yearTo: z.number().int(),
  ownerUnitId: Id,
  ownerUnitName: z.string(),
  receivingUnitName: z.string().nullable(),
  planId: Id.nullable(),
  planNumber: z.string().nullable(),
  role: z.enum(['requester', 'asked']),
});
export const ReportSeriesList = z.object({ items: z.array(ReportSeriesSummary) });
/** The matrix of a periodic report: units × periods, on time, late, missing. */
export const ReportSeriesDetail = ReportSeriesSummary.extend({
  canManage: z.boolean(),
  periods: z.array(
    z.object({ requestId: Id, label: z.string(), from: IsoDateText, to: IsoDateText, dueOn: IsoDateText }),
  ),
  rows: z.array(z.object({ unitId: Id, unitName: z.string(), cells: z.array(SeriesCell) })),
  counts: z.object({
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    waiting: z.number().int(),
  }),
});
export const ConsolidatedQuery = z.object({ format: z.enum(['docx', 'pdf']).default('docx') });

const Section = z.object({ code: z.string(), title: z.string(), guide: z.string().optional() });
const Mau01Row = z.object({
  unitId: Id,
  unitName: z.string(),
  fieldCode: z.string(),
  fieldName: z.string(),
  target: z.number().int().nullable(),
  issued: z.number().int().nullable(),
  issuedKey: z.string(),
  returned: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  index: z.number().int().nullable(),
});
const Mau02Row = z.object({
  unitId: Id,
  unitName: z.string(),
  invitations: z.number().int(),
  answers: z.number().int(),
  valid: z.number().int(),
  elements: z.record(z.string(), z.number().int().nullable()),
  index: z.number().int().nullable(),
});
const Totals = z.object({
  issued: z.number().int().nullable(),
  returned: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  index: z.number().int().nullable(),
});

export const ReportSubmissionView = z.object({
  requestId: Id,
  kind: z.string(),
  title: z.string(),
  dueOn: IsoDateText,
  receivingUnitName: z.string(),
  unitId: Id,
  unitName: z.string(),
  status: z.enum(REPORT_STATUSES),
  state: z.enum(REPORT_STATES),
  label: z.string(),
  sentAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  revision: z.number().int(),
  /** The computed part is frozen when the report is sent. */
  frozen: z.boolean(),
  outline: z.array(Section),
  sections: z.record(z.string(), z.string()),
  mau01: z.object({ rows: z.array(Mau01Row), totals: Totals }).nullable(),
  mau02: z
    .object({ elements: z.array(z.object({ code: z.string(), name: z.string() })), rows: z.array(Mau02Row) })
    .nullable(),
  files: z.array(z.object({ sha256: z.string(), name: z.string() })),
  problems: z.array(z.string()),
  canWrite: z.boolean(),
  canSubmit: z.boolean(),
});

export const ReportSaveBody = z.object({
  baseRevision: z.number().int().min(1),
  sections: z.record(
    z.string().max(LIMITS.criterionCode),
    text('Nội dung', LIMITS.note, { multiline: true }),
  ),
  figures: z.record(z.string().max(200), z.number().int().min(0).max(100_000_000)),
});
export const ReportActionBody = z.object({ baseRevision: z.number().int().min(1) });

export const ReportUnitParams = z.object({ id: Id, unitId: Id });
export const ReportFileParams = ReportUnitParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/u) });
export const ReportDocumentQuery = z.object({
  format: z.enum(['docx', 'pdf', 'xlsx']).default('docx'),
  signer: z
    .string()
    .regex(/^(head|deputy-\d{1,2})$/u, 'Người ký phải là “head” hoặc “deputy-<số thứ tự>”.')
    .optional(),
});

// types for the web app (it imports types only)
export type ReportRequestCreateBodyT = z.input<typeof ReportRequestCreateBody>;
export type ReportSeriesCreateBodyT = z.input<typeof ReportSeriesCreateBody>;
export type ReportAdHocCreateBodyT = z.input<typeof ReportAdHocCreateBody>;
export type ReportSeriesListT = z.infer<typeof ReportSeriesList>;
export type ReportSeriesDetailT = z.infer<typeof ReportSeriesDetail>;
export type ReportRequestListT = z.infer<typeof ReportRequestList>;
export type ReportRequestDetailT = z.infer<typeof ReportRequestDetail>;
export type ReportSubmissionViewT = z.infer<typeof ReportSubmissionView>;
export type ReportSaveBodyT = z.input<typeof ReportSaveBody>;
/** The campaigns a coordinator may ask a report of (the survey list, as the surveys area sends it). */
export type ReportCampaignListT = z.infer<typeof SurveyCampaignList>;
