/** Survey ballots (issue #15, item 4): paper entry, the list of a campaign's ballots, imports from
 * Excel/CSV (all or nothing, problems by row and column), duplicates flagged across modes and the
 * decisions a coordinator takes on one ballot (invalidate, restore, "không trùng"). A phone number
 * never leaves the server here: a ballot only says whether it has one. */
import { BALLOT_MODES, LIMITS } from '@chiso/domain';
import { z } from 'zod';
import { reason, text } from './fields.ts';

const Id = z.string().uuid();

/** Flags a person may resolve as "không trùng"; the resolution is kept as `not_<flag>` in the flags. */
export const DUPLICATE_FLAGS = ['duplicate_dossier', 'duplicate_phone'] as const;
export type DuplicateFlag = (typeof DUPLICATE_FLAGS)[number];

const Answer = z.union([z.string().max(2000), z.number(), z.array(z.string().max(200)).max(50), z.null()]);

export const SurveyBallotEnterBody = z.object({
  unitId: Id,
  fieldCode: text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }),
  serial: text('Số phiếu', 40, { min: 1 }),
  dossierNo: text('Mã hồ sơ', 60).optional(),
  phone: text('Số điện thoại', 30).optional(),
  /** By question code: "4", ["TG","HS"], "CN"… (checked against the campaign's form). */
  answers: z.record(z.string().max(60), Answer),
});

export const SurveyBallotCreated = z.object({
  id: z.number().int(),
  serial: z.string(),
  flags: z.array(z.string()),
});

/** A yes/no filter of a query string ("true" or "false"), refused in Vietnamese otherwise. */
const bool = z
  .string()
  .refine((v) => v === 'true' || v === 'false', { message: 'Bộ lọc phiếu đã hủy chỉ nhận có hoặc không.' })
  .transform((v) => v === 'true');

export const SurveyBallotListQuery = z.object({
  unitId: Id.optional(),
  fieldCode: z.string().max(60).optional(),
  mode: z.enum(BALLOT_MODES).optional(),
  /** A flag the ballot carries (too_fast, duplicate_dossier, duplicate_phone, postaudit_failed). */
  flag: z.string().max(60).optional(),
  invalid: bool.optional(),
  /** Only the reader's own ballots (the entry screen's list of today's ballots). */
  mine: bool.optional(),
  /** Entered on or after this day (yyyy-mm-dd, Asia/Ho_Chi_Minh). */
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const SurveyBallotView = z.object({
  id: z.number().int(),
  unitId: Id,
  unitName: z.string(),
  fieldCode: z.string(),
  mode: z.enum(BALLOT_MODES),
  serial: z.string().nullable(),
  dossierNo: z.string().nullable(),
  /** Whether the respondent left a phone (the number itself is only for assigned post-auditors). */
  hasContact: z.boolean(),
  flags: z.array(z.string()),
  invalidReason: z.string().nullable(),
  invalidatedAt: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  source: z.string().nullable(),
  /** The reader may invalidate, restore and resolve (survey.manage on the ballot's unit). */
  canDecide: z.boolean(),
});

export const SurveyBallotList = z.object({
  items: z.array(SurveyBallotView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const SurveyBallotDetail = SurveyBallotView.extend({
  /** Every answer by question code (scale questions as 1–5). */
  answers: z.record(z.string(), z.unknown()),
});

export const SurveyBallotParams = z.object({ id: Id, ballotId: z.coerce.number().int().min(1) });

export const SurveyBallotDecisionBody = z.object({ reason: reason(LIMITS.reason, 1) });
export const SurveyBallotResolveBody = z.object({
  flag: z.enum(DUPLICATE_FLAGS),
  reason: reason(LIMITS.reason, 1),
});

export const SurveyBallotImportQuery = z.object({
  /** Results collected elsewhere ("Bưu điện tỉnh", "Ứng dụng VNeID"): mode 'external'. May also be sent
   * as the multipart field `source`. */
  source: text('Nguồn', LIMITS.label).optional(),
});

export const SurveyBallotImportResult = z.object({
  batchId: Id,
  mode: z.enum(['import', 'external']),
  rows: z.number().int(),
  /** Ballots of the campaign carrying a duplicate flag after the import. */
  duplicates: z.number().int(),
});

export type SurveyBallotEnterBodyT = z.input<typeof SurveyBallotEnterBody>;
export type SurveyBallotCreatedT = z.infer<typeof SurveyBallotCreated>;
export type SurveyBallotViewT = z.infer<typeof SurveyBallotView>;
export type SurveyBallotListT = z.infer<typeof SurveyBallotList>;
export type SurveyBallotDetailT = z.infer<typeof SurveyBallotDetail>;
export type SurveyBallotImportResultT = z.infer<typeof SurveyBallotImportResult>;
