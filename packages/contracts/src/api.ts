/** Request and response schemas shared by the server (validation, OpenAPI) and the web app. Every
 * text a person sends goes through `text()` (bounded, no control or bidirectional characters) and
 * every date through `IsoDate` (a real day); responses use the plain `IsoDateText`. */
import { z } from 'zod';
import {
  APPRAISAL_ITEM_STATES,
  ASSESSMENT_STATUSES,
  CYCLE_STATUSES,
  DOCUMENT_LIMITS,
  LIMITS,
  profileProblems,
  ROLES,
  STAGE_STATES,
  UNIT_KINDS,
} from '@chiso/domain';
import { IsoDate, IsoDateText, LABELLED, reason, SearchText, text } from './fields.ts';
import { Capabilities } from './work.ts';
import { RankedGroupHead } from './groups.ts';
import { SurveyLeafView } from './surveyPoints.ts';
import { CountLeafView } from './activities.ts';

export const Id = z.string().uuid();
export const IdParams = z.object({ id: Id });
export const Ok = z.object({ ok: z.literal(true) });

export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

// ---- auth
export const Role = z.enum(ROLES);
export const GrantView = z.object({
  id: Id,
  userId: Id,
  role: Role,
  /** null: the whole system (administrators only). */
  unitId: Id.nullable(),
  unitName: z.string(),
  unitClosed: z.boolean(),
  createdAt: z.string(),
});
export const Me = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  mustChangePassword: z.boolean(),
  /** Set when someone else set this user's password (until the user sets their own). */
  passwordReset: z.object({ at: z.string(), byName: z.string() }).nullable(),
  grants: z.array(GrantView),
  /** What the user may do, from its grants (the web app hides what it may not). */
  capabilities: Capabilities,
});
export const DemoAccount = z.object({
  username: z.string(),
  /** Given only to a browser on the server's own machine (loopback, no proxy); absent otherwise. */
  password: z.string().optional(),
  role: z.string(),
  unit: z.string(),
});
export const SessionResponse = z.object({
  user: Me.nullable(),
  csrfToken: z.string(),
  /** The demo accounts of a demo installation (every page says it is a demo); null on a real one. */
  demo: z.array(DemoAccount).nullable(),
  /** Whether `demo` carries the passwords (a client on the server's own machine). */
  demoPasswordsShown: z.boolean(),
});
const Password = (label: string) => text(label, LIMITS.password, { min: 1 });
export const LoginBody = z.object({
  username: text('Tên đăng nhập', 100, { min: 1 }),
  password: z.string().min(1).max(LIMITS.password),
});
export const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(LIMITS.password),
  newPassword: Password('Mật khẩu mới'),
});

// ---- units
export const UnitKind = z.enum(UNIT_KINDS);
/** A head or deputy as documents print them. */
export const OfficialView = z.object({
  title: z.string(),
  rank: z.string().nullable().optional(),
  name: z.string(),
  acting: z.boolean().optional(),
});
export const IssuerLinesView = z.object({ governing: z.array(z.string()), own: z.array(z.string()) });
/** What a unit records for its documents (NĐ 30/2020). */
export const UnitProfileView = z.object({
  abbreviation: z.string().nullable(),
  placeName: z.string().nullable(),
  head: OfficialView.nullable(),
  deputies: z.array(OfficialView),
  issuerLines: IssuerLinesView.nullable(),
});
const OfficialBody = z.object({
  title: text('Chức danh', DOCUMENT_LIMITS.title, { min: 1 }),
  rank: text('Cấp hàm', DOCUMENT_LIMITS.rank).nullable().optional(),
  name: text('Họ tên', DOCUMENT_LIMITS.personName, { min: 1 }),
  acting: z.boolean().optional(),
});
/** The document profile as a request sends it: each field optional (absent: unchanged), null clears. */
export const UnitProfileBody = z
  .object({
    abbreviation: z.string().trim().max(DOCUMENT_LIMITS.abbreviation).nullable().optional(),
    placeName: text('Địa danh', DOCUMENT_LIMITS.placeName).nullable().optional(),
    head: OfficialBody.nullable().optional(),
    deputies: z.array(OfficialBody).max(DOCUMENT_LIMITS.deputies).optional(),
    issuerLines: z
      .object({
        governing: z.array(text('Tên cơ quan chủ quản', DOCUMENT_LIMITS.issuerLine)).max(2),
        own: z.array(text('Tên cơ quan ban hành', DOCUMENT_LIMITS.issuerLine)).max(2),
      })
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    for (const p of profileProblems({
      abbreviation: v.abbreviation ?? null,
      placeName: v.placeName ?? null,
      head: v.head ?? null,
      deputies: v.deputies ?? [],
      issuerLines: v.issuerLines ?? null,
    })) {
      // "head required with deputies" is checked by the server against what the unit already has
      if (p.field === 'head' && v.head === undefined) continue;
      ctx.addIssue({ code: 'custom', message: p.message, path: p.field.split('.'), params: LABELLED });
    }
  });
export const UnitView = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: UnitKind,
  parentId: Id.nullable(),
  validFrom: IsoDateText,
  validTo: IsoDateText.nullable(),
  closed: z.boolean(),
  sortOrder: z.number().int(),
  ...UnitProfileView.shape,
});
export const UnitListQuery = z.object({
  q: SearchText.optional(),
  includeClosed: z.enum(['true', 'false']).optional(),
});
export const UnitList = z.object({ items: z.array(UnitView) });
export const UnitHistoryEntry = z.object({
  validFrom: IsoDateText,
  validTo: IsoDateText.nullable(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: UnitKind,
  parentId: Id.nullable(),
  parentName: z.string().nullable(),
  ...UnitProfileView.shape,
});
export const LineageEntry = z.object({
  eventId: Id,
  type: z.enum(['merge', 'abolish', 'split', 'move']),
  effectiveDate: IsoDateText,
  reason: z.string(),
  decision: z.string().nullable(),
  fromUnitId: Id,
  fromUnitName: z.string(),
  toUnitId: Id,
  toUnitName: z.string(),
});
export const UnitDetail = z.object({
  unit: UnitView,
  path: z.array(z.object({ id: Id, name: z.string() })),
  history: z.array(UnitHistoryEntry),
  lineage: z.array(LineageEntry),
});
const UnitName = text('Tên đơn vị', LIMITS.unitName, { min: 2 });
const ShortName = text('Tên viết tắt', LIMITS.shortName);
const Decision = text('Quyết định', LIMITS.decision);
export const UnitCreateBody = z.object({
  code: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/,
      'Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa 40 ký tự)',
    ),
  name: UnitName,
  shortName: ShortName.nullable().optional(),
  kind: UnitKind,
  parentId: Id.nullable(),
  validFrom: IsoDate.optional(),
  profile: UnitProfileBody.optional(),
});
export const UnitUpdateBody = z.object({
  code: UnitCreateBody.shape.code.optional(),
  name: UnitName.optional(),
  shortName: ShortName.nullable().optional(),
  kind: UnitKind.optional(),
  profile: UnitProfileBody.optional(),
  effectiveDate: IsoDate.optional(),
  reason: reason().optional(),
});
export const UnitMoveBody = z.object({
  parentId: Id,
  effectiveDate: IsoDate.optional(),
  reason: reason(LIMITS.reason, 1),
});
export const UnitMergeBody = z.object({
  sourceIds: z.array(Id).min(2, 'Cần chọn ít nhất hai đơn vị để sáp nhập').max(500),
  target: UnitCreateBody.omit({ validFrom: true }),
  effectiveDate: IsoDate,
  decision: Decision.optional(),
  reason: reason(LIMITS.reason, 1),
});
export const UnitAbolishBody = z.object({
  /** The unit that takes over the abolished unit's children (and, by an explicit step, its grants). */
  successorId: Id,
  effectiveDate: IsoDate,
  decision: Decision.optional(),
  reason: reason(LIMITS.reason, 1),
});
export const UnitAbolishLevelBody = z.object({
  /** The unit under which the level is abolished (e.g. Công an tỉnh Sóc Trăng). */
  rootId: Id,
  kind: UnitKind,
  effectiveDate: IsoDate,
  decision: Decision.optional(),
  reason: reason(LIMITS.reason, 1),
});
export const ReorgResult = z.object({ eventId: Id, unit: UnitView.nullable(), closedUnitIds: z.array(Id) });
export const ImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const ImportResult = z.object({ created: z.number().int(), units: z.array(UnitView) });
export const ImportFailure = z.object({
  error: z.object({
    code: z.literal('IMPORT_INVALID'),
    message: z.string(),
    details: z.object({ errors: z.array(ImportError) }),
  }),
});

// ---- users and grants
export const UserView = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  grants: z.array(GrantView),
});
export const UserList = z.object({ items: z.array(UserView) });
export const UserListQuery = z.object({ unitId: Id.optional(), q: SearchText.optional() });
export const UserCreateBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{3,50}$/, 'Tên đăng nhập 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch'),
  fullName: text('Họ tên', LIMITS.fullName, { min: 2 }),
  email: z.string().trim().max(LIMITS.email).email().nullable().optional(),
  password: Password('Mật khẩu'),
  role: Role,
  unitId: Id,
});
export const UserUpdateBody = z.object({
  fullName: text('Họ tên', LIMITS.fullName, { min: 2 }).optional(),
  email: z.string().trim().max(LIMITS.email).email().nullable().optional(),
  disabled: z.boolean().optional(),
  newPassword: Password('Mật khẩu mới').optional(),
  reason: reason().optional(),
});
export const GrantCreateBody = z.object({
  userId: Id,
  role: Role,
  unitId: Id.nullable(),
  reason: reason().optional(),
});
export const GrantDeleteBody = z.object({ reason: reason(LIMITS.reason, 1) });
export const GrantCarryBody = z.object({
  fromUnitId: Id,
  toUnitId: Id,
  reason: reason(LIMITS.reason, 1),
});
export const GrantCarryResult = z.object({ carried: z.array(GrantView) });
export const GrantList = z.object({ items: z.array(GrantView) });
export const GrantListQuery = z.object({ unitId: Id.optional(), userId: Id.optional() });

// ---- audit
export const AuditQuery = z.object({
  entity: text('Đối tượng', 50).optional(),
  action: text('Thao tác', 80).optional(),
  actor: text('Người thực hiện', 100).optional(),
  unitId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
});
export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  unitId: Id.nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export const AuditList = z.object({ items: z.array(AuditEntry), nextBeforeSeq: z.number().int().nullable() });

// ---- frameworks
export const FrameworkStatus = z.enum(['draft', 'published', 'retired']);
export const FrameworkSummary = z.object({
  id: Id,
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  yearFrom: z.number().int(),
  yearTo: z.number().int().nullable(),
  status: FrameworkStatus,
  /** Decimal string with a point ("99", "7.82"). */
  totalMax: z.string(),
  ownerUnitId: Id.nullable(),
  ownerUnitName: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export const FrameworkIssue = z.object({
  criterion: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export const FrameworkList = z.object({ items: z.array(FrameworkSummary) });
export const FrameworkDetail = z.object({
  framework: FrameworkSummary,
  revision: z.number().int(),
  definition: z.unknown(),
  issues: z.array(FrameworkIssue),
});
export const FrameworkImportBody = z.object({ ownerUnitId: Id.nullable(), definition: z.unknown() });
export const FrameworkActionBody = z.object({ reason: reason().optional() });
export const FrameworkCloneBody = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Owner of the copy; by default the source's owner when the caller may write it, else the
   * caller's own unit (a province adapts a system-wide framework as its own draft). */
  ownerUnitId: Id.nullable().optional(),
});
export const FrameworkUpdateBody = z.object({
  definition: z.unknown(),
  /** The revision the edit was made from; an older one is refused (409). */
  baseRevision: z.number().int().min(1),
  reason: reason().optional(),
});
export const FrameworkSaved = z.object({
  framework: FrameworkSummary,
  revision: z.number().int(),
  issues: z.array(FrameworkIssue),
});
export const SheetError = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});
export const ExportQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });

// ---- published-table check
/** Figures are shown as users read them: decimal comma, exact ("74,56"); null where not computable. */
const Shown = z.string().nullable();
export const CheckTableView = z.object({
  fileName: z.string(),
  columns: z.array(z.object({ label: z.string(), role: z.string(), max: Shown })),
  rows: z.array(
    z.object({
      label: z.string(),
      components: z.array(z.object({ column: z.string(), points: Shown, max: Shown })),
      total: Shown,
      maxTotal: Shown,
      index: Shown,
      rank: z.number().int().nullable(),
      change: Shown,
      stated: z.object({ total: Shown, index: Shown, rank: Shown, change: Shown }),
    }),
  ),
  findings: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      row: z.string(),
      column: z.string(),
      stated: z.string(),
      expected: z.string(),
      message: z.string(),
    }),
  ),
  notes: z.array(z.object({ row: z.string(), column: z.string(), message: z.string() })),
  mean: z.object({ total: Shown, index: Shown }),
  /** Checks made, by kind; and stated values that could not be checked, by kind and reason. */
  checks: z.object({
    sums: z.number().int(),
    indexes: z.number().int(),
    ranks: z.number().int(),
    changes: z.number().int(),
    maxima: z.number().int(),
  }),
  notChecked: z.array(
    z.object({
      kind: z.enum(['sums', 'indexes', 'ranks', 'changes', 'maxima']),
      reason: z.string(),
      count: z.number().int(),
    }),
  ),
  /** Units (or years) were in columns and the table was turned. */
  transposed: z.boolean(),
});

// ---- results (per unit and year, under a published framework version)
const CriterionCode = text('Mã tiêu chí', LIMITS.criterionCode, { min: 1 });
/** What is typed for one criterion. */
const InputText = text('Kết quả nhập', LIMITS.input);
export const ResultMode = z.enum(['leaves', 'fields']);
export const ResultField = z.object({
  code: z.string(),
  title: z.string(),
  points: z.string(),
  max: z.string(),
});
/** A unit's place against last year (`rankMovement` of the domain). */
export const RankMovementView = z.object({
  kind: z.enum(['up', 'down', 'same', 'other', 'none']),
  text: z.string(),
  /** Places moved (up, down, same), else null. */
  places: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  previousOf: z.number().int().nullable(),
  previousTotal: z.string().nullable(),
  /** The ranking the previous place is in, and whether it is this one's set of last year. */
  previousRanking: z.string().nullable(),
  sameSet: z.boolean(),
});

export const ResultRow = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  unitCode: z.string().nullable(),
  year: z.number().int(),
  mode: ResultMode,
  total: z.string(),
  applicableMax: z.string(),
  index: z.string(),
  bandCode: z.string().nullable(),
  bandLabel: z.string().nullable(),
  /** Rank within the result's ranking set and group ("xếp thứ rank/rankedOf"). */
  rank: z.number().int().nullable(),
  rankedOf: z.number().int(),
  /** The unit that owns the ranking set (a cycle's owner, or the unit chosen on entry). */
  ownerUnitId: Id,
  ownerName: z.string(),
  /** The group inside the set ('' = the whole set). */
  rankGroup: z.string(),
  fields: z.array(ResultField),
  missing: z.number().int(),
  revision: z.number().int(),
  updatedAt: z.string(),
  /** In a ranking's list: the unit's place against last year. */
  movement: RankMovementView.optional(),
});
export const ResultsQuery = z.object({ frameworkId: Id, year: z.coerce.number().int().min(2000).max(2100) });
export const ResultListQuery = ResultsQuery.extend({ ownerUnitId: Id.optional() });
export const ResultList = z.object({
  framework: FrameworkSummary,
  year: z.number().int(),
  /** The rankings of this framework and year the reader sees results of: one per owner unit. */
  sets: z.array(z.object({ ownerUnitId: Id, ownerName: z.string(), count: z.number().int() })),
  /** The ranking listed (asked for, else the one with the most results the reader sees). */
  ownerUnitId: Id.nullable(),
  items: z.array(ResultRow),
  /** Mean index of the listed units (percent, decimal string), null when none. */
  meanIndex: z.string().nullable(),
  /** Units ranked in the whole set (the ranking covers every unit with a result, not only those listed). */
  rankedOf: z.number().int(),
  /** The set's groups in their order, each ranked on its own (one group '' when the set has none). */
  groups: z.array(RankedGroupHead),
});
export const ResultEntryQuery = ResultsQuery.extend({ unitId: Id });
export const ResultEntry = z.object({
  /** The unit's stored result of the year under this framework version, if any. */
  existing: ResultRow.nullable(),
  /** Where the result's ranking set may be placed: the unit or one above it within the writer's scope. */
  owners: z.array(z.object({ unitId: Id, name: z.string(), isDefault: z.boolean() })),
});
export const ResultEnterBody = z.object({
  frameworkId: Id,
  year: z.number().int().min(2000).max(2100),
  unitId: Id,
  mode: ResultMode,
  /** The unit whose ranking the result joins: the unit or one above it within the writer's scope
   * (default: the nearest one above). */
  ownerUnitId: Id.optional(),
  /** Text per criterion code, as typed ("7,5", "45/50", "A", "Có", "KAD"). */
  inputs: z.record(CriterionCode, InputText),
  /** Revision the edit was made from (absent when creating). */
  baseRevision: z.number().int().min(1).optional(),
  reason: reason().optional(),
});
export const ResultNode = z.object({
  code: z.string(),
  title: z.string(),
  max: z.string(),
  points: z.string(),
  applicable: z.boolean(),
  missing: z.boolean(),
  input: z.string(),
  rule: z.string(),
  explanation: z.string(),
  children: z.array(z.lazy((): z.ZodType => ResultNode)),
});
export const ResultCard = z.object({
  result: ResultRow,
  framework: FrameworkSummary,
  rankedOf: z.number().int(),
  /** The unit's place against last year (as the ranking and the publishing decision show it). */
  movement: RankMovementView,
  explanation: z.string(),
  tree: z.array(ResultNode),
  lost: z.array(
    z.object({ code: z.string(), title: z.string(), max: z.string(), points: z.string(), lost: z.string() }),
  ),
  previous: z
    .object({
      year: z.number().int(),
      frameworkCode: z.string(),
      frameworkVersion: z.number().int(),
      total: z.string(),
      index: z.string(),
      totalChange: z.string(),
      indexChange: z.string(),
      fields: z.array(
        z.object({
          code: z.string(),
          title: z.string(),
          previousCode: z.string().nullable(),
          now: z.string(),
          before: z.string().nullable(),
          change: z.string().nullable(),
        }),
      ),
      unmatchedBefore: z.array(z.object({ code: z.string(), title: z.string(), points: z.string() })),
      explanation: z.string(),
    })
    .nullable(),
});
export const ResultImportQuery = ResultsQuery.extend({
  mode: ResultMode.default('leaves'),
  ownerUnitId: Id.optional(),
  /** Required when the file changes results that already exist. */
  reason: z.string().trim().max(1000).optional(),
});
export const ResultImportResult = z.object({
  /** Results created or changed. */
  saved: z.number().int(),
  /** Rows identical to what is stored. */
  unchanged: z.number().int(),
  /** Rows with every criterion cell empty (their units left as they are). */
  skipped: z.number().int(),
});
export const ResultImportFailure = z.object({
  error: z.object({
    code: z.literal('IMPORT_INVALID'),
    message: z.string(),
    details: z.object({ errors: z.array(ImportError) }),
  }),
});

// ---- assessment cycles
export const StageName = z.enum([
  'self_assessment',
  'appraisal',
  'supplementation',
  'finalisation',
  'publication',
]);
export const CycleCreateBody = z.object({
  name: text('Tên kỳ đánh giá', LIMITS.cycleName, { min: 1 }),
  year: z.number().int().min(2000).max(2100),
  frameworkId: Id,
  ownerUnitId: Id,
  unitKinds: z
    .array(text('Loại đơn vị', 50, { min: 1 }))
    .min(1)
    .max(50),
  /** Only the units under these (each within the owner's subtree); none: the owner's whole subtree. */
  subtreeUnitIds: z.array(Id).max(500).optional(),
  stages: z.array(z.object({ stage: StageName, startsOn: IsoDate, dueOn: IsoDate })).max(10),
});
export const CycleStatus = z.enum(CYCLE_STATUSES);
export const AssessmentStatus = z.enum(ASSESSMENT_STATUSES);
export const StageState = z.enum(STAGE_STATES);
export const AppraisalItemState = z.enum(APPRAISAL_ITEM_STATES);
export const CycleSummary = z.object({
  id: Id,
  name: z.string(),
  year: z.number().int(),
  status: CycleStatus,
  ownerUnitName: z.string(),
  units: z.number().int(),
  myUnits: z.array(
    z.object({ unitId: Id, unitName: z.string(), assessmentId: Id, status: AssessmentStatus }),
  ),
});
export const CycleList = z.object({ items: z.array(CycleSummary) });
export const CycleDetail = z.object({
  id: Id,
  name: z.string(),
  year: z.number().int(),
  status: CycleStatus,
  framework: z.object({ id: Id, code: z.string(), version: z.number().int(), name: z.string() }),
  ownerUnitId: Id,
  ownerUnitName: z.string(),
  manages: z.boolean(),
  coordinates: z.boolean(),
  today: IsoDateText,
  stages: z.array(
    z.object({
      stage: StageName,
      label: z.string(),
      startsOn: IsoDateText,
      dueOn: IsoDateText,
      state: StageState,
      daysLeft: z.number().int(),
      openedAt: z.string().nullable(),
      openedBy: z.string().nullable(),
      closedAt: z.string().nullable(),
    }),
  ),
  /** Why the reader's stage actions are not offered now ("Chờ … mở giai đoạn …, dự kiến …"). */
  waiting: z.array(z.string()),
  /** After opening a stage: how many notices were made, for which units. */
  notified: z
    .object({ count: z.number().int(), units: z.array(z.string()) })
    .nullable()
    .optional(),
  units: z.array(
    z.object({
      unitId: Id,
      unitName: z.string(),
      unitCode: z.string(),
      assessmentId: Id,
      status: AssessmentStatus,
      submittedAt: z.string().nullable(),
      appraisingUnitName: z.string(),
      heldBy: z.string(),
      appraises: z.boolean(),
    }),
  ),
});
export const StageParams = z.object({ id: Id, stage: StageName });
export const StageBody = z.object({
  state: z.enum(['open', 'closed']),
  dueOn: IsoDate.optional(),
  reason: reason().optional(),
});
export const ExtensionBody = z.object({
  stage: StageName,
  unitId: Id,
  dueOn: IsoDate,
  reason: reason(LIMITS.reason, 1),
});
export const EvidenceView = z.object({
  id: Id,
  numberSymbol: z.string(),
  issuedOn: IsoDateText,
  issuer: z.string(),
  summary: z.string(),
  fileName: z.string(),
  locator: z.string(),
  flags: z.array(z.string()),
});
export const AssessmentNode = z.object({
  code: z.string(),
  title: z.string(),
  guidance: z.string().optional(),
  max: z.string(),
  points: z.string(),
  rule: z.string(),
  explanation: z.string(),
  evidenceRequired: z.boolean().optional(),
  /** How the input is best typed: levels to choose from, Có/Không, a count, a ratio, points, %. */
  input: z
    .object({
      kind: z.enum(['levels', 'done', 'count', 'ratio', 'points', 'percent']),
      levels: z.array(z.object({ code: z.string(), label: z.string(), points: z.string() })).optional(),
    })
    .optional(),
  inputText: z.string().optional(),
  inputProblem: z.string().nullable().optional(),
  note: z.string().optional(),
  revision: z.number().int().optional(),
  evidence: z.array(EvidenceView).optional(),
  /** A survey leaf: read-only, its index from the bound campaign's published results. */
  survey: SurveyLeafView.optional(),
  /** A counted leaf: the value counted from the records, offered with links to them (issue #16). */
  count: CountLeafView.optional(),
  children: z.array(z.lazy((): z.ZodType => AssessmentNode)),
});
export const AssessmentView = z.object({
  id: Id,
  cycle: z.object({ id: Id, name: z.string(), year: z.number().int(), framework: z.string() }),
  unit: z.object({ id: Id, name: z.string(), code: z.string() }),
  status: AssessmentStatus,
  returnReason: z.string().nullable(),
  total: z.string(),
  applicableMax: z.string(),
  index: z.string(),
  band: z.string().nullable(),
  scored: z.number().int(),
  leaves: z.number().int(),
  cycleStatus: CycleStatus,
  deadline: z.object({
    dueOn: IsoDateText,
    daysLeft: z.number().int(),
    state: StageState,
    writable: z.boolean(),
    message: z.string().nullable(),
  }),
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canWithdraw: z.boolean(),
  canAnswer: z.boolean(),
  canAppraise: z.boolean(),
  canReturn: z.boolean(),
  appraiseBlocked: z.string().nullable(),
  appraisingUnitName: z.string(),
  heldBy: z.string(),
  missing: z.array(z.object({ code: z.string(), what: z.string() })),
  tree: z.array(AssessmentNode),
});
export const ItemParams = z.object({ id: Id, code: CriterionCode });
export const ItemSaveBody = z.object({
  text: InputText.optional(),
  note: text('Giải trình', LIMITS.note, { multiline: true }).optional(),
  /** Why a counted leaf is typed other than the value counted from the records (required then). */
  offerReason: text('Lý do khác số liệu đếm được', LIMITS.reason, { multiline: true }).optional(),
  baseRevision: z.number().int().min(0).optional(),
});
export const ItemSaved = z.object({
  code: z.string(),
  revision: z.number().int(),
  inputText: z.string(),
  note: z.string(),
  problem: z.string().nullable(),
});
export const ReasonBody = z.object({ reason: reason(LIMITS.reason, 1) });
export const EvidenceUploaded = z.object({ id: Id, sha256: z.string(), mime: z.string() });
export const EvidenceList = z.object({
  items: z.array(EvidenceView.omit({ locator: true, flags: true })),
});
export const LinkBody = z.object({
  evidenceId: Id,
  locator: text('Vị trí trong văn bản', LIMITS.locator).default(''),
  remove: z.boolean().default(false),
});

// ---- appraisal, finalisation, publication
export const AssignBody = z.object({
  userId: Id,
  fields: z
    .array(text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }))
    .min(1)
    .max(100),
  unitIds: z.array(Id).min(1).max(2000),
});
export const AssignmentList = z.object({
  items: z.array(z.object({ userId: Id, userName: z.string(), fieldCode: z.string(), unitId: Id })),
});
export const AppraiseBody = z.object({
  action: z.enum(['accept', 'set', 'supplement']),
  text: InputText.optional(),
  reason: reason(LIMITS.longReason).optional(),
  message: text('Nội dung yêu cầu bổ sung', LIMITS.longReason, { multiline: true }).optional(),
  dueOn: IsoDate.optional(),
  acceptWaiting: z.boolean().optional(),
});
export const AnswerBody = z.object({
  answer: text('Nội dung trả lời', LIMITS.answer, { min: 1, multiline: true }),
  evidenceId: Id.optional(),
});
/** Where an appraisal stands on its way up the tree (one level at a time). */
export const ApprovalView = z.object({
  appraisingUnitName: z.string(),
  holderUnitName: z.string(),
  complete: z.boolean(),
  levels: z.array(
    z.object({
      unitId: Id,
      unitName: z.string(),
      approvedBy: z.string().nullable(),
      approvedAt: z.string().nullable(),
    }),
  ),
  canApprove: z.boolean(),
  canSendBack: z.boolean(),
  approveBlocked: z.string().nullable(),
});
export const ApproveBody = z.object({
  note: text('Ghi chú', LIMITS.reason, { multiline: true }).optional(),
  /** Approve although criteria wait for the unit's answer (they are accepted, with `note` as reason). */
  acceptWaiting: z.boolean().optional(),
});
export const AppraisalView = z.object({
  id: Id,
  cycleId: Id,
  unitName: z.string(),
  status: AssessmentStatus,
  selfTotal: z.string(),
  appraisedTotal: z.string(),
  index: z.string(),
  approval: ApprovalView,
  waiting: z.array(z.object({ code: z.string(), text: z.string() })),
  supplementWindow: z.object({ from: IsoDateText, to: IsoDateText, defaultDueOn: IsoDateText }),
  items: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      max: z.string(),
      selfText: z.string(),
      selfPoints: z.string(),
      note: z.string(),
      state: AppraisalItemState,
      appraisedText: z.string().nullable(),
      appraisedPoints: z.string(),
      reason: z.string().nullable(),
      supplementMessage: z.string().nullable(),
      supplementDueOn: z.string().nullable(),
      answer: z.string().nullable(),
      canAnswer: z.boolean(),
      /** A survey leaf: read-only, its index from the bound campaign's published results. */
      survey: SurveyLeafView.optional(),
    }),
  ),
});
export const AppraisalMatrix = z.object({
  fields: z.array(z.object({ code: z.string(), title: z.string() })),
  rows: z.array(
    z.object({
      unitId: Id,
      unitName: z.string(),
      assessmentId: Id,
      status: AssessmentStatus,
      approval: ApprovalView,
      cells: z.array(
        z.object({
          field: z.string(),
          leaves: z.number().int(),
          appraised: z.number().int(),
          waiting: z.number().int(),
          answered: z.number().int(),
          pending: z.number().int(),
        }),
      ),
    }),
  ),
});
const DecisionNumber = text('Số quyết định', LIMITS.decisionNumber, { min: 1 });
export const PublishBody = z.object({
  decisionNumber: DecisionNumber,
  decisionDate: IsoDate,
});
export const AmendBody = z.object({
  unitId: Id,
  changes: z.record(CriterionCode, InputText),
  reason: reason(LIMITS.longReason, 1),
  decisionNumber: DecisionNumber,
  decisionDate: IsoDate,
});
export const CycleRanking = z.object({
  cycleId: Id,
  status: CycleStatus,
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  items: z.array(
    z.object({
      unitId: Id,
      unitName: z.string(),
      total: z.string(),
      index: z.string(),
      bandLabel: z.string().nullable(),
      rank: z.number().int().nullable(),
      resultId: Id.nullable(),
      /** The group the unit is ranked in, and its size ("xếp thứ rank/rankedOf"). */
      rankGroup: z.string(),
      rankedOf: z.number().int(),
      /** Last year's place ("tăng 2 bậc", "3/12 năm trước (…)", "chưa có kết quả năm trước"). */
      movement: RankMovementView,
    }),
  ),
  /** The set's groups in their order (one group '' when the set has none). */
  groups: z.array(RankedGroupHead),
  amendments: z.array(
    z.object({
      unitId: Id,
      decisionNumber: z.string(),
      decisionDate: z.string(),
      reason: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

// ---- notices
export const NoticeListQuery = z.object({
  /** Only the notices not read yet. */
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export const NoticeList = z.object({
  items: z.array(
    z.object({
      id: Id,
      unitName: z.string(),
      kind: z.string(),
      title: z.string(),
      body: z.string(),
      link: z.string().nullable(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
  /** The reader's unread notices, all of them (no cap). */
  unread: z.number().int(),
  /** The reader's notices, all of them. */
  total: z.number().int(),
});

// ---- health
export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['up', 'down']),
  engine: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export type UnitViewT = z.infer<typeof UnitView>;
export type UserViewT = z.infer<typeof UserView>;
export type GrantViewT = z.infer<typeof GrantView>;
export type MeT = z.infer<typeof Me>;
export type AuditEntryT = z.infer<typeof AuditEntry>;
export type ImportErrorT = z.infer<typeof ImportError>;
export type FrameworkSummaryT = z.infer<typeof FrameworkSummary>;
export type FrameworkIssueT = z.infer<typeof FrameworkIssue>;
export type ResultRowT = z.infer<typeof ResultRow>;
export type ResultCardT = z.infer<typeof ResultCard>;
export type CheckTableViewT = z.infer<typeof CheckTableView>;
export type ApprovalViewT = z.infer<typeof ApprovalView>;
export type SheetErrorT = z.infer<typeof SheetError>;

// ---- documents
/** What the download dialog shows before a document is made: the issuing unit as it will print,
 * who may sign (the head first), the legal-basis lines left to fill by hand. */
export const DocumentIssuerView = z.object({
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  issuingLines: z.array(z.string()),
  symbol: z.string(),
  place: z.string(),
  date: IsoDateText,
  signers: z.array(z.object({ key: z.string(), position: z.array(z.string()), name: z.string() })),
  defaultSigner: z.string().nullable(),
  exampleBasis: z.array(z.string()),
});
export const DecisionIssuerQuery = z.object({
  issuerUnitId: Id.optional(),
  date: IsoDate.optional(),
});
