/** Report requests (issue #15 item 7: Mẫu 01/02 of a survey campaign as the first kinds; issue #16
 * adds periodic and ad hoc kinds on the same routes): the request, the matrix of units asked, one
 * unit's report (computed tables, typed sections and figures, attachments) and its transitions. */
import { LIMITS, REPORT_KINDS, REPORT_STATES, REPORT_STATUSES } from '@chiso/domain';
import { z } from 'zod';
import { IsoDate, IsoDateText, text } from './fields.ts';
import type { SurveyCampaignList } from './surveys.ts';

const Id = z.string().uuid();

export const ReportRequestCreateBody = z.object({
  kind: z.enum(REPORT_KINDS),
  campaignId: Id,
  title: text('Tên báo cáo', LIMITS.label, { min: 1 }).optional(),
  /** Default: the campaign's deadline of the kind ("mau01", "mau02"), due on that day included. */
  dueOn: IsoDate.optional(),
  /** Default: the campaign's owner. */
  receivingUnitId: Id.optional(),
  /** Default: the surveyed units at the level directly under the owner. */
  unitIds: z.array(Id).min(1).max(2000).optional(),
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
  rows: z.array(ReportMatrixRow),
});

const Section = z.object({ code: z.string(), title: z.string() });
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
export type ReportRequestListT = z.infer<typeof ReportRequestList>;
export type ReportRequestDetailT = z.infer<typeof ReportRequestDetail>;
export type ReportSubmissionViewT = z.infer<typeof ReportSubmissionView>;
export type ReportSaveBodyT = z.input<typeof ReportSaveBody>;
/** The campaigns a coordinator may ask a report of (the survey list, as the surveys area sends it). */
export type ReportCampaignListT = z.infer<typeof SurveyCampaignList>;
