/** Drizzle schema: the one source of the data model. Migrations in apps/server/drizzle are generated
 * from it (`npx drizzle-kit generate` in apps/server) plus hand-written SQL for extensions and triggers. */
import {
  ACTIVITY_KINDS,
  APPRAISAL_STATES,
  type CountRule,
  type CounterId,
  BALLOT_MODES,
  CAMPAIGN_STATUSES,
  FORM_STATUSES,
  POSTAUDIT_OUTCOMES,
  REPORT_STATUSES,
  RESPONDENT_KINDS,
  type BallotMode,
  type CampaignDeadline,
  type CampaignSettings,
  type CampaignStatus,
  type FormStatus,
  type PostauditOutcome,
  type ReportStatus,
  type RespondentKind,
  type ServiceField,
  type SurveyForm,
  type SurveyIndicator,
  ASSESSMENT_STATUSES,
  CYCLE_STATUSES,
  STAGE_STATES,
  TARGET_COMPARATORS,
  TASK_RECURRENCES,
  type AppraisalState,
  type AssessmentStatus,
  type CycleStatus,
  type IssuerLines,
  type Official,
  type StageState,
  type CutoffRule,
  type DueRule,
  type PlanBlock,
} from '@chiso/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A text column holding one value of a domain union: typed in TypeScript, and a CHECK constraint
 * in the database lists the values (no PostgreSQL enum types: a value is added by a migration
 * that replaces the constraint). */
const oneOf = (column: { name: string }, values: readonly string[]) =>
  sql.raw(`"${column.name}" in (${values.map((v) => `'${v}'`).join(', ')})`);

/** The current state of every unit, open or closed. History is in unit_history. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    parentId: uuid('parent_id'),
    /** What the unit's documents print (NĐ 30/2020): abbreviation in number symbols, place name,
     * head and deputies (title, rank, name), an override of the issuing-body lines. */
    abbreviation: text('abbreviation'),
    placeName: text('place_name'),
    head: jsonb('head').$type<Official | null>(),
    deputies: jsonb('deputies').$type<Official[]>().notNull().default([]),
    issuerLines: jsonb('issuer_lines').$type<IssuerLines | null>(),
    /** Materialised path "/root-id/…/own-id/" for subtree checks. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Last day the unit existed (inclusive); null while it exists. */
    validTo: date('valid_to', { mode: 'string' }),
    /** Lower-case, diacritics removed: the key that search matches against. */
    searchKey: text('search_key').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_code_open_uq')
      .on(t.code)
      .where(sql`${t.validTo} is null`),
    index('units_parent_idx').on(t.parentId),
    index('units_path_idx').on(t.path),
    index('units_search_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
  ],
);

/** One row per period of a unit's attributes (slowly changing dimension, inclusive dates). */
export const unitHistory = pgTable(
  'unit_history',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    parentId: uuid('parent_id'),
    abbreviation: text('abbreviation'),
    placeName: text('place_name'),
    head: jsonb('head').$type<Official | null>(),
    deputies: jsonb('deputies').$type<Official[]>().notNull().default([]),
    issuerLines: jsonb('issuer_lines').$type<IssuerLines | null>(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [index('unit_history_unit_idx').on(t.unitId, t.validFrom)],
);

/** A reorganisation: merge, abolition of a level, a move. */
export const reorgEvents = pgTable('reorg_events', {
  id: uuid('id').primaryKey(),
  type: text('type').notNull(),
  effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
  decision: text('decision'),
  reason: text('reason').notNull(),
  actorId: uuid('actor_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Which unit became which: past results stay on the old unit, the lineage tells where it went. */
export const unitLineage = pgTable(
  'unit_lineage',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => reorgEvents.id),
    type: text('type').notNull(),
    fromUnitId: uuid('from_unit_id')
      .notNull()
      .references(() => units.id),
    toUnitId: uuid('to_unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [index('unit_lineage_from_idx').on(t.fromUnitId), index('unit_lineage_to_idx').on(t.toUnitId)],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  fullName: text('full_name').notNull(),
  email: text('email'),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  /** Set when someone else set this user's password: shown to the user at the next login. */
  passwordResetAt: ts('password_reset_at'),
  passwordResetByName: text('password_reset_by_name'),
  searchKey: text('search_key').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A role on a subtree (unit_id null: the whole system, administrators only). Revoked grants stay. */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by'),
    revokeReason: text('revoke_reason'),
    /** Set when this grant was carried from a merged or abolished unit's grant by an explicit step. */
    carriedFrom: uuid('carried_from'),
  },
  (t) => [index('grants_user_idx').on(t.userId), index('grants_unit_idx').on(t.unitId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a stolen table does not give live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed logins counted per account and client address: a wrong password from one address locks
 * the account for that address only, so nobody can lock someone else out from elsewhere. */
export const loginFailures = pgTable(
  'login_failures',
  {
    username: text('username').notNull(),
    address: text('address').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: ts('locked_until'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.username, t.address] })],
);

/** Append-only, hash-chained audit trail (UPDATE and DELETE are refused by a trigger). */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    unitId: uuid('unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_unit_idx').on(t.unitId), index('audit_entity_idx').on(t.entity, t.entityId)],
);

/** Demo accounts shown on the login page in demo mode only (the users' hashes are in users). */
export const demoAccounts = pgTable('demo_accounts', {
  username: text('username').primaryKey(),
  password: text('password').notNull(),
  roleLabel: text('role_label').notNull(),
  unitName: text('unit_name').notNull(),
});

/** Small key/value facts about this installation (e.g. when the demo was seeded). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/** Versioned criteria frameworks. The definition (criteria tree, rules, bands) is the JSON form of
 * packages/domain/src/framework; a published version is frozen, results keep the version they used. */
export const frameworks = pgTable(
  'frameworks',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    yearFrom: integer('year_from').notNull(),
    yearTo: integer('year_to'),
    status: text('status').notNull(),
    totalMax: numeric('total_max', { precision: 7, scale: 2 }).notNull(),
    definition: jsonb('definition').notNull(),
    /** The unit whose coordinators own it (null: system-wide, administrators). */
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    publishedAt: ts('published_at'),
    retiredAt: ts('retired_at'),
    /** Incremented by every edit of a draft; an edit based on an older revision is refused. */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [uniqueIndex('frameworks_code_version_uq').on(t.code, t.version)],
);

/** A unit's result for a year under one framework version: the computed figures (exact numerics)
 * and the field subtotals. Entered or imported for now; assessment cycles will write them too.
 * `mode` says what the inputs are: leaf inputs (`leaves`) or points per field (`fields`, for
 * historical results known only by field, as in the tables of seed 004). */
export const unitResults = pgTable(
  'unit_results',
  {
    id: uuid('id').primaryKey(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id),
    year: integer('year').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    mode: text('mode').notNull(),
    source: text('source').notNull(),
    total: numeric('total', { precision: 9, scale: 2 }).notNull(),
    applicableMax: numeric('applicable_max', { precision: 9, scale: 2 }).notNull(),
    /** Index in percent, two decimals. */
    indexValue: numeric('index_value', { precision: 7, scale: 2 }).notNull(),
    bandCode: text('band_code'),
    bandLabel: text('band_label'),
    rank: integer('rank'),
    /** [{ code, title, points, max }] with points as decimal strings. */
    fields: jsonb('fields').notNull(),
    missing: integer('missing').notNull().default(0),
    /** Set when the result comes from an assessment cycle; such a result, once published, changes
     * only through an amending decision. */
    cycleId: uuid('cycle_id'),
    /** The ranking set: results are ranked within (owner unit, framework code, year, group). A
     * cycle's results belong to the cycle's owner; a result entered or imported outside a cycle to
     * the unit chosen on entry among those where the enterer may write results. */
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    /** The group inside the set ('' = the whole set). */
    rankGroup: text('rank_group').notNull().default(''),
    revision: integer('revision').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('unit_results_fw_year_unit_uq').on(t.frameworkId, t.year, t.unitId),
    index('unit_results_unit_idx').on(t.unitId, t.year),
    index('unit_results_set_idx').on(t.ownerUnitId, t.year),
  ],
);

/** The groups of a ranking set (owner unit, framework code, year), as districts publish their
 * rankings: [{ name, kinds }] in the order they are printed. Each result's `rank_group` is the key
 * of the group declaring its unit's kind (`rankGroupKey`, domain); results are ranked per group. */
export const rankGroups = pgTable(
  'rank_groups',
  {
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    frameworkCode: text('framework_code').notNull(),
    year: integer('year').notNull(),
    groups: jsonb('groups').notNull(),
    revision: integer('revision').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.ownerUnitId, t.frameworkCode, t.year] })],
);

/** The inputs of a result, one row per criterion code (a leaf, or a field in `fields` mode). */
export const resultInputs = pgTable(
  'result_inputs',
  {
    resultId: uuid('result_id')
      .notNull()
      .references(() => unitResults.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    input: jsonb('input').notNull(),
  },
  (t) => [primaryKey({ columns: [t.resultId, t.code] })],
);

// ---- assessment cycles

/** A cycle binds a year, a published framework version and a set of units, with dated stages. */
export const cycles = pgTable(
  'cycles',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id),
    /** The unit whose coordinators run the cycle. */
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    unitKinds: jsonb('unit_kinds').notNull(),
    /** open → finalised → published */
    status: text('status').$type<CycleStatus>().notNull(),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date', { mode: 'string' }),
    publishedAt: ts('published_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [check('cycles_status_check', oneOf(t.status, CYCLE_STATUSES))],
);

export const cycleUnits = pgTable(
  'cycle_units',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The appraisal levels of the unit, nearest first: the units of the tree strictly between the
     * cycle's owner and the unit, fixed when the cycle is made. The first appraises; each approves
     * in turn before the result moves up; empty: the owner appraises. (ADR 0012) */
    levels: jsonb('levels').$type<string[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId] }), index('cycle_units_unit_idx').on(t.unitId)],
);

/** Stages: self_assessment, appraisal, supplementation, finalisation, publication. Dates are
 * calendar dates in Asia/Ho_Chi_Minh; the due date is included. */
export const cycleStages = pgTable(
  'cycle_stages',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    stage: text('stage').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** pending → open → closed (the coordinator opens and closes; deadlines do not close). */
    state: text('state').$type<StageState>().notNull(),
    openedAt: ts('opened_at'),
    /** Who opened it last (shown beside the stage; the audit trail keeps every opening). */
    openedBy: uuid('opened_by').references(() => users.id),
    closedAt: ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.stage] }),
    check('cycle_stages_state_check', oneOf(t.state, STAGE_STATES)),
  ],
);

/** A later due date for one unit in one stage. */
export const stageExtensions = pgTable(
  'stage_extensions',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    stage: text('stage').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.stage, t.unitId] })],
);

/** A unit's self-assessment in a cycle. Status: draft → submitted → (appraisal) …; returned by the
 * coordinator with a reason goes back to editable. */
/** One level's approval of an appraisal. */
export interface Approval {
  unitId: string;
  unitName: string;
  by: string | null;
  byName: string;
  at: string;
  note: string | null;
}

export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').$type<AssessmentStatus>().notNull(),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by'),
    /** The authors of this self-assessment: every user who saved a score or an explanation, linked
     * evidence or submitted it. None of them may appraise or approve it (separation of duties). */
    scoredBy: jsonb('scored_by').$type<string[]>().notNull().default([]),
    returnReason: text('return_reason'),
    /** Set when an appraiser first touches it: from then on the unit cannot withdraw. */
    appraisalStartedAt: ts('appraisal_started_at'),
    /** Approvals of the appraisal by the unit's levels, in order (one level at a time). */
    approvals: jsonb('approvals').$type<Approval[]>().notNull().default([]),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessments_cycle_unit_uq').on(t.cycleId, t.unitId),
    check('assessments_status_check', oneOf(t.status, ASSESSMENT_STATUSES)),
  ],
);

/** One criterion of a self-assessment: what was typed (text, read by the rule), the parsed input,
 * the written explanation. Saved as typed (autosave), one row per criterion. */
export const assessmentItems = pgTable(
  'assessment_items',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    code: text('code').notNull(),
    inputText: text('input_text').notNull().default(''),
    input: jsonb('input'),
    explanation: text('explanation').notNull().default(''),
    /** A counted leaf typed other than the count offered (issue #16 item 3): why. */
    offerReason: text('offer_reason'),
    revision: integer('revision').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.code] })],
);

/** Stored files, once per content hash. */
export const files = pgTable('files', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** An official document offered as evidence by a unit: number and symbol, date, issuing body,
 * summary, and its file. One document can back several criteria. */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    numberSymbol: text('number_symbol').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuer: text('issuer').notNull(),
    summary: text('summary').notNull(),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => files.sha256),
    fileName: text('file_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('evidence_unit_idx').on(t.unitId), index('evidence_file_idx').on(t.fileSha256)],
);

export const evidenceLinks = pgTable(
  'evidence_links',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    code: text('code').notNull(),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id),
    /** The page or section that proves the point. */
    locator: text('locator').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.code, t.evidenceId] })],
);

/** Who appraises what: an appraiser, a field (top-level criterion code) and a unit of a cycle. */
export const appraisalAssignments = pgTable(
  'appraisal_assignments',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    fieldCode: text('field_code').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.userId, t.fieldCode, t.unitId] })],
);

/** The appraisal of one criterion of a self-assessment: accepted, set to another score (with a
 * reason), or sent back for supplementation with a deadline and the unit's answer. */
export const appraisalItems = pgTable(
  'appraisal_items',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    code: text('code').notNull(),
    /** accepted | changed | supplement | answered */
    state: text('state').$type<AppraisalState>().notNull(),
    inputText: text('input_text'),
    input: jsonb('input'),
    reason: text('reason'),
    supplementMessage: text('supplement_message'),
    supplementDueOn: date('supplement_due_on', { mode: 'string' }),
    answer: text('answer'),
    answeredAt: ts('answered_at'),
    appraiserId: uuid('appraiser_id'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.code] }),
    check('appraisal_items_state_check', oneOf(t.state, APPRAISAL_STATES)),
  ],
);

/** A change of a published result through an amending decision. */
export const cycleAmendments = pgTable('cycle_amendments', {
  id: uuid('id').primaryKey(),
  cycleId: uuid('cycle_id')
    .notNull()
    .references(() => cycles.id),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  decisionNumber: text('decision_number').notNull(),
  decisionDate: date('decision_date', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
  changes: jsonb('changes').notNull(),
  before: jsonb('before').notNull(),
  after: jsonb('after').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

/** Notices: one row per event (a stage opens, a deadline nears, supplementation is asked or
 * answered, a result is sent, approved, sent back or published, an account changed), about one unit
 * (the cycle's owner for an event of a whole cycle; none for an account). Who reads it is in
 * notice_recipients: one row per person (ADR 0015). */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey(),
    /** The unit the notice is about (null for a notice about the person's account only). */
    unitId: uuid('unit_id').references(() => units.id),
    cycleId: uuid('cycle_id'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    /** Same key, same notice: reminders are not repeated (the key names its unit or person). */
    dedupeKey: text('dedupe_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('notices_unit_idx').on(t.unitId, t.createdAt),
    uniqueIndex('notices_dedupe_key_uq').on(t.dedupeKey),
  ],
);

/** Who a notice is for: one row per person, with the unit through which the person holds the right
 * the event concerns (shown when the notice's own unit lies outside the person's grants; null for
 * an account notice) and when the person read it. */
export const noticeRecipients = pgTable(
  'notice_recipients',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id').references(() => units.id),
    readAt: ts('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.userId] }),
    index('notice_recipients_user_idx').on(t.userId, t.readAt),
  ],
);

/** E-mails to send (when SMTP is configured); kept until sent, retried. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey(),
    noticeId: uuid('notice_id').references(() => notices.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.createdAt)],
);

// ---- surveys (issue #15, ADR 0017): forms, campaigns, ballots, post-audit, report requests

/** A survey form version (the JSON form of packages/domain/src/survey). Draft → published (frozen)
 * → retired, as frameworks. */
export const surveyForms = pgTable(
  'survey_forms',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    respondentKind: text('respondent_kind').$type<RespondentKind>().notNull(),
    status: text('status').$type<FormStatus>().notNull(),
    definition: jsonb('definition').$type<SurveyForm>().notNull(),
    isExample: boolean('is_example').notNull().default(false),
    /** The unit whose coordinators own it (null: system-wide, administrators). */
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    revision: integer('revision').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    publishedAt: ts('published_at'),
    retiredAt: ts('retired_at'),
  },
  (t) => [
    uniqueIndex('survey_forms_code_version_uq').on(t.code, t.version),
    check('survey_forms_status_check', oneOf(t.status, FORM_STATUSES)),
    check('survey_forms_kind_check', oneOf(t.respondentKind, RESPONDENT_KINDS)),
  ],
);

/** A campaign: a published form version measured for a year by an owning unit over a period, with
 * dated windows and due dates. A campaign received from above is copied down (`parent_id`) and may
 * only narrow its parent. `code` is what a cycle's survey leaf binds to. */
export const surveyCampaigns = pgTable(
  'survey_campaigns',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    formId: uuid('form_id')
      .notNull()
      .references(() => surveyForms.id),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    parentId: uuid('parent_id'),
    /** The period measured (seed 002: opinions from 15/9/2023 to 14/9/2024), inclusive. */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** The collection window (ballots accepted from … to …, both included, Asia/Ho_Chi_Minh). */
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    status: text('status').$type<CampaignStatus>().notNull(),
    /** The service fields surveyed, in print order. */
    fields: jsonb('fields').$type<ServiceField[]>().notNull().default([]),
    deadlines: jsonb('deadlines').$type<CampaignDeadline[]>().notNull().default([]),
    settings: jsonb('settings').$type<CampaignSettings>().notNull(),
    /** The plan that orders it (seed 002: "107/KH-CAT"). */
    basis: text('basis'),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by'),
    revision: integer('revision').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('survey_campaigns_owner_code_uq').on(t.ownerUnitId, t.code),
    index('survey_campaigns_parent_idx').on(t.parentId),
    check('survey_campaigns_status_check', oneOf(t.status, CAMPAIGN_STATUSES)),
  ],
);

/** A surveyed unit × service field of a campaign: the transactions of the period (N), the target
 * (typed, n = ⌈N/(1+N·e²)⌉, or allocated from a total) and the public link token of its QR code. */
export const surveyTargets = pgTable(
  'survey_targets',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    fieldCode: text('field_code').notNull(),
    transactions: integer('transactions'),
    target: integer('target'),
    /** formula | allocated | typed */
    targetSource: text('target_source'),
    /** The public link's token (random, unguessable); the QR code encodes /s/<token>. */
    linkToken: text('link_token').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.unitId, t.fieldCode] }),
    uniqueIndex('survey_targets_link_uq').on(t.linkToken),
    index('survey_targets_unit_idx').on(t.unitId),
  ],
);

/** One ballot, whatever its mode. Ratings of the form's scale questions are a smallint array in the
 * order of `ratingQuestions(form)` (null: not answered); the other answers are in `answers`. A ballot
 * is never dropped: flags mark what needs a look, and a coordinator invalidates with a reason. */
export const surveyBallots = pgTable(
  'survey_ballots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    fieldCode: text('field_code').notNull(),
    mode: text('mode').$type<BallotMode>().notNull(),
    ratings: smallint('ratings').array().notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    /** Paper ballot serial, unique per campaign. */
    serial: text('serial'),
    /** Mã hồ sơ, when given. */
    dossierNo: text('dossier_no'),
    /** Optional phone for the post-audit; seen only by assigned post-auditors; erased after. */
    contactPhone: text('contact_phone'),
    /** The form token of a web submission: a retry or a double post never counts twice. */
    submitToken: text('submit_token'),
    /** Seconds from opening the form to posting it (web). */
    durationSeconds: integer('duration_seconds'),
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    invalidReason: text('invalid_reason'),
    invalidatedAt: ts('invalidated_at'),
    invalidatedBy: uuid('invalidated_by'),
    batchId: uuid('batch_id'),
    invitationId: uuid('invitation_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('survey_ballots_campaign_idx').on(t.campaignId, t.unitId, t.fieldCode),
    uniqueIndex('survey_ballots_serial_uq').on(t.campaignId, t.serial),
    uniqueIndex('survey_ballots_token_uq').on(t.campaignId, t.submitToken),
    index('survey_ballots_dossier_idx').on(t.campaignId, t.dossierNo),
    check('survey_ballots_mode_check', oneOf(t.mode, BALLOT_MODES)),
  ],
);

/** A batch of ballots that came in together: an imported file, or a day of web submissions of a
 * campaign (the audit trail records batches, not each citizen's ballot). */
export const surveyBatches = pgTable(
  'survey_batches',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id),
    mode: text('mode').$type<BallotMode>().notNull(),
    /** Where results collected elsewhere come from ("Bưu điện tỉnh", "VNeID"). */
    source: text('source'),
    fileName: text('file_name'),
    fileSha256: text('file_sha256'),
    rows: integer('rows').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('survey_batches_campaign_idx').on(t.campaignId)],
);

/** Respondent bodies outside the unit tree (VP UBND tỉnh, Sở Nội vụ, UBND cấp huyện…), registered by
 * a unit, each rating one unit of the tree (data the owner edits). */
export const surveyBodies = pgTable(
  'survey_bodies',
  {
    id: uuid('id').primaryKey(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    /** provincial | district_committee | commune_committee | other */
    kind: text('kind').notNull(),
    email: text('email'),
    ratesUnitId: uuid('rates_unit_id').references(() => units.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('survey_bodies_owner_idx').on(t.ownerUnitId)],
);

/** A one-time invitation of a body to an agency-opinion campaign: the hash of its link token, when it
 * was sent and reminded, and when it was answered (answered once). */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => surveyBodies.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    tokenHash: text('token_hash').notNull(),
    sentAt: ts('sent_at'),
    remindedAt: ts('reminded_at'),
    answeredAt: ts('answered_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_invitations_token_uq').on(t.tokenHash),
    uniqueIndex('survey_invitations_body_uq').on(t.campaignId, t.bodyId, t.unitId),
  ],
);

/** The post-audit of a campaign: stored seed, share and minimum per unit, failure threshold, state,
 * and when contacts are erased. */
export const surveyPostaudits = pgTable('survey_postaudits', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => surveyCampaigns.id),
  seed: text('seed').notNull(),
  sharePercent: numeric('share_percent', { precision: 5, scale: 2 }).notNull(),
  minPerUnit: integer('min_per_unit').notNull(),
  failurePercent: numeric('failure_percent', { precision: 5, scale: 2 }).notNull(),
  eraseAfterDays: integer('erase_after_days').notNull(),
  /** open | closed */
  state: text('state').notNull().default('open'),
  closedAt: ts('closed_at'),
  contactsErasedAt: ts('contacts_erased_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

/** A sampled ballot and its outcome. */
export const surveyPostauditItems = pgTable(
  'survey_postaudit_items',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id),
    ballotId: bigint('ballot_id', { mode: 'number' }).notNull(),
    outcome: text('outcome').$type<PostauditOutcome>(),
    note: text('note'),
    recordedAt: ts('recorded_at'),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.ballotId] }),
    check(
      'survey_postaudit_items_outcome_check',
      sql`"outcome" is null or ${oneOf(t.outcome, POSTAUDIT_OUTCOMES)}`,
    ),
  ],
);

/** Who may see contacts and record outcomes: assigned by the campaign owner's coordinator, per unit. */
export const surveyPostauditAssignments = pgTable(
  'survey_postaudit_assignments',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId, t.unitId] })],
);

/** An index published outside Chiso (VNeID since 16/9/2025), entered by the campaign owner per unit ×
 * field with its counts and the publishing document. */
export const surveyExternalResults = pgTable(
  'survey_external_results',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    fieldCode: text('field_code').notNull(),
    indexValue: numeric('index_value', { precision: 5, scale: 2 }).notNull(),
    issued: integer('issued'),
    returned: integer('returned'),
    valid: integer('valid'),
    document: text('document').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId, t.fieldCode] })],
);

/** A campaign's published results, frozen at publication: indices per question, element, field, unit,
 * subtree and overall with their counts (what self-assessment, appraisal and finalisation read). */
export const surveyResults = pgTable('survey_results', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => surveyCampaigns.id),
  results: jsonb('results').notNull(),
  publishedAt: ts('published_at').notNull().defaultNow(),
  publishedBy: uuid('published_by'),
});

/** A cycle binds a survey leaf to a campaign code and an indicator (published frameworks are frozen,
 * so the binding lives on the cycle), set by the cycle's owner before appraisal. */
export const surveyBindings = pgTable(
  'survey_bindings',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    code: text('code').notNull(),
    campaignCode: text('campaign_code').notNull(),
    indicator: jsonb('indicator').$type<SurveyIndicator>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.code] })],
);

/** Seed 002's sanction: a unit whose report came late or off-template gets no points on the survey
 * criteria — a decision the coordinator records with a reason (the system only raises the flag). */
export const surveySanctions = pgTable(
  'survey_sanctions',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** zero: the survey leaves count 0; waived: points kept. */
    decision: text('decision').notNull(),
    reason: text('reason').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId] })],
);

/** A report request: what a level asks of the units below, by when, received by which unit. Mẫu 01 and
 * Mẫu 02 of a campaign are the first kinds; issue #16 adds periodic and ad hoc requests here. */
export const reportRequests = pgTable(
  'report_requests',
  {
    id: uuid('id').primaryKey(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    /** The unit that receives the reports (seed 002: Đội Pháp chế và Quản lý khoa học/PV01). */
    receivingUnitId: uuid('receiving_unit_id').references(() => units.id),
    kind: text('kind').notNull(),
    campaignId: uuid('campaign_id').references(() => surveyCampaigns.id),
    title: text('title').notNull(),
    /** The period reported on, inclusive. */
    periodFrom: date('period_from', { mode: 'string' }),
    periodTo: date('period_to', { mode: 'string' }),
    /** Due on this day, included (ADR 0017). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** Sections to fill, in order. */
    outline: jsonb('outline').notNull().default([]),
    /** A periodic request belongs to a series (one request per period): "Quý I năm 2022". */
    seriesId: uuid('series_id').references(() => reportSeries.id),
    periodLabel: text('period_label'),
    /** The plan asking for it (seed 000: the outline annexed to 82/KH-CAH; seed 004: the quarterly
     * reports of Hà Quảng's plan). */
    planId: uuid('plan_id').references(() => plans.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('report_requests_owner_idx').on(t.ownerUnitId),
    index('report_requests_campaign_idx').on(t.campaignId),
    index('report_requests_series_idx').on(t.seriesId),
    index('report_requests_plan_idx').on(t.planId),
  ],
);

/** A periodic report (issue #16 item 5; DOMAIN §5.1): the kind of period, its due rule and data
 * cut-off as data (seed 004: quarterly "trước ngày 03 hàng quý" → day 3 of the quarter's last month),
 * over a span of years; one report request per period carries the units' reports. */
export const reportSeries = pgTable('report_series', {
  id: uuid('id').primaryKey(),
  ownerUnitId: uuid('owner_unit_id')
    .notNull()
    .references(() => units.id),
  receivingUnitId: uuid('receiving_unit_id').references(() => units.id),
  title: text('title').notNull(),
  periodKind: text('period_kind').notNull(),
  dueRule: jsonb('due_rule').$type<DueRule>().notNull(),
  cutoffRule: jsonb('cutoff_rule').$type<CutoffRule>().notNull(),
  yearFrom: integer('year_from').notNull(),
  yearTo: integer('year_to').notNull(),
  planId: uuid('plan_id').references(() => plans.id),
  outline: jsonb('outline').notNull().default([]),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

/** Which units a request asks (one row per unit) and what each sent: filled content, approval by the
 * head, sending (stamped late when after the due date: accepted, marked). */
export const reportSubmissions = pgTable(
  'report_submissions',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => reportRequests.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').$type<ReportStatus>().notNull().default('draft'),
    content: jsonb('content').notNull().default({}),
    /** Attached files (scans of paper ballots…): sha256 and name. */
    files: jsonb('files').$type<{ sha256: string; name: string }[]>().notNull().default([]),
    approvedAt: ts('approved_at'),
    approvedBy: uuid('approved_by'),
    sentAt: ts('sent_at'),
    sentBy: uuid('sent_by'),
    late: boolean('late'),
    revision: integer('revision').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.unitId] }),
    index('report_submissions_unit_idx').on(t.unitId),
    check('report_submissions_status_check', oneOf(t.status, REPORT_STATUSES)),
  ],
);

/** A user's calendar feed (ICS, issue #16 item 7): the SHA-256 of its secret URL token. The token grants
 * the feed only; a new one replaces the old, revoking ends it. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: ts('created_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
});

/** Plans as records (issue #16 item 1): a kế hoạch, chỉ thị, công văn or quyết định of a unit, the plan
 * it implements ("Thực hiện Kế hoạch số 215/KH-CAT"), its period and budget, and its own document (an
 * evidence row of the issuing unit). */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    /** Số, ký hiệu: "82/KH-CAH". */
    number: text('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuingUnitId: uuid('issuing_unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    periodFrom: date('period_from', { mode: 'string' }),
    periodTo: date('period_to', { mode: 'string' }),
    budgetLine: text('budget_line'),
    budgetUnitId: uuid('budget_unit_id').references(() => units.id),
    parentId: uuid('parent_id'),
    evidenceId: uuid('evidence_id').references(() => evidence.id),
    /** The day (included) by which the units asked must send their implementing plans. */
    askedDueOn: date('asked_due_on', { mode: 'string' }),
    /** The text of the document as blocks (headings, paragraphs, bullets), "Kính gửi" of a công văn
     * and "Nơi nhận" (issue #16 item 6): what its Word and PDF print. */
    body: jsonb('body').$type<PlanBlock[]>().notNull().default([]),
    addressees: jsonb('addressees').$type<string[]>().notNull().default([]),
    recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [
    uniqueIndex('plans_unit_number_uq').on(t.issuingUnitId, t.number),
    index('plans_parent_idx').on(t.parentId),
    check('plans_kind_check', sql`${t.kind} in ('ke_hoach', 'chi_thi', 'cong_van', 'quyet_dinh')`),
  ],
);

/** The units a plan asks to send a plan implementing it (seed 001: "một số đơn vị chưa gửi"). */
export const planAskedUnits = pgTable(
  'plan_asked_units',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.planId, t.unitId] })],
);

/** Tasks of a plan (issue #16 item 2): content under a section of the plan ("1. Công tác chỉ đạo điều
 * hành"), a lead unit or a group of units ("Công an các xã, thị trấn": one instance per unit), the
 * coordinating units, a due day (included) or a recurrence, a target where there is one (exact
 * decimals), and the unit that receives the results (whose coordinators are told of what is overdue). */
export const planTasks = pgTable(
  'plan_tasks',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    ordinal: integer('ordinal').notNull(),
    section: text('section'),
    content: text('content').notNull(),
    /** The lead unit, for a task given to one unit. */
    leadUnitId: uuid('lead_unit_id').references(() => units.id),
    /** The group a task is given to, as the plan names it ("Công an các xã, thị trấn"). */
    leadGroup: text('lead_group'),
    /** Coordinating bodies the plan names without a unit of the tree ("các phòng, ban liên quan"). */
    coordinatingText: text('coordinating_text'),
    dueOn: date('due_on', { mode: 'string' }),
    recurrence: text('recurrence'),
    targetMetric: text('target_metric'),
    targetComparator: text('target_comparator'),
    targetValue: numeric('target_value', { precision: 18, scale: 4 }),
    targetValueTo: numeric('target_value_to', { precision: 18, scale: 4 }),
    targetUnit: text('target_unit'),
    receivingUnitId: uuid('receiving_unit_id')
      .notNull()
      .references(() => units.id),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plan_tasks_plan_ordinal_uq').on(t.planId, t.ordinal),
    check(
      'plan_tasks_recurrence_check',
      sql`${t.recurrence} is null or ${oneOf(t.recurrence, TASK_RECURRENCES)}`,
    ),
    check('plan_tasks_due_or_recurrence_check', sql`(${t.dueOn} is null) <> (${t.recurrence} is null)`),
    check(
      'plan_tasks_comparator_check',
      sql`${t.targetComparator} is null or ${oneOf(t.targetComparator, TARGET_COMPARATORS)}`,
    ),
    check('plan_tasks_target_check', sql`(${t.targetComparator} is null) = (${t.targetValue} is null)`),
  ],
);

/** Coordinating units of a task (đơn vị phối hợp). */
export const planTaskCoordinators = pgTable(
  'plan_task_coordinators',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.unitId] }),
    index('plan_task_coordinators_unit_idx').on(t.unitId),
  ],
);

/** One task for one unit: its declaration (the day it counts as done), the issuer's acceptance or the
 * last return with its reason. The status is computed (domain `taskStatus`), never stored. */
export const planTaskInstances = pgTable(
  'plan_task_instances',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    declaredOn: date('declared_on', { mode: 'string' }),
    declaredAt: ts('declared_at'),
    declaredBy: uuid('declared_by'),
    declaredNote: text('declared_note'),
    acceptedAt: ts('accepted_at'),
    acceptedBy: uuid('accepted_by'),
    returnedAt: ts('returned_at'),
    returnedBy: uuid('returned_by'),
    returnReason: text('return_reason'),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [
    uniqueIndex('plan_task_instances_task_unit_uq').on(t.taskId, t.unitId),
    index('plan_task_instances_unit_idx').on(t.unitId),
    check('plan_task_instances_accept_check', sql`${t.acceptedAt} is null or ${t.declaredOn} is not null`),
  ],
);

/** Progress reported on an instance: a value (exact), a note, a document of the unit. */
export const planTaskProgress = pgTable(
  'plan_task_progress',
  {
    id: uuid('id').primaryKey(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => planTaskInstances.id),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    value: numeric('value', { precision: 18, scale: 4 }),
    note: text('note').notNull(),
    evidenceId: uuid('evidence_id').references(() => evidence.id),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('plan_task_progress_instance_idx').on(t.instanceId)],
);

/** Who leads and who coordinates each field of a framework for an owner (issue #16 item 4; seed 004:
 * Phòng Nội vụ for fields 1, 4, 5, Phòng Tư pháp for 2…): the suggestion of an improvement plan. */
export const fieldLeads = pgTable(
  'field_leads',
  {
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    frameworkCode: text('framework_code').notNull(),
    fieldCode: text('field_code').notNull(),
    leadUnitId: uuid('lead_unit_id').references(() => units.id),
    /** The coordinating units as the plan words them ("Các phòng, ban liên quan; UBND các xã, thị trấn"). */
    coordinating: text('coordinating').notNull().default(''),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.ownerUnitId, t.frameworkCode, t.fieldCode] })],
);

/** Activity records that targets count (issue #16 item 3): inspections (planned or not, done, issues
 * found and resolved), news articles (outlet, link), contests and conferences (a date window, the
 * lead unit and coordinating units), training against a quota, initiatives, dialogues with citizens.
 * The unit is the one that carried it out (the lead unit of an event); a record may implement a plan
 * and cite a document of the evidence registry. Figures are integers. */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    /** Inspections: in the year's inspection plan; done (a planned one may still be to do). */
    planned: boolean('planned').notNull().default(false),
    done: boolean('done').notNull().default(true),
    /** What or whom it concerns: the unit inspected (a unit of the tree, or named), the outlet. */
    subject: text('subject').notNull().default(''),
    subjectUnitId: uuid('subject_unit_id').references(() => units.id),
    link: text('link'),
    coordinatingUnitIds: uuid('coordinating_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    issuesFound: integer('issues_found'),
    issuesResolved: integer('issues_resolved'),
    quota: integer('quota'),
    trained: integer('trained'),
    participants: integer('participants'),
    planId: uuid('plan_id').references(() => plans.id),
    evidenceId: uuid('evidence_id').references(() => evidence.id),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [
    index('activities_unit_idx').on(t.unitId, t.kind, t.startsOn),
    check('activities_kind_check', oneOf(t.kind, ACTIVITY_KINDS)),
    check(
      'activities_figures_check',
      sql`coalesce(${t.issuesResolved}, 0) >= 0 and coalesce(${t.issuesFound}, 0) >= 0 and coalesce(${t.quota}, 0) >= 0 and coalesce(${t.trained}, 0) >= 0 and coalesce(${t.participants}, 0) >= 0`,
    ),
  ],
);

/** A cycle binds a leaf to a counter (published frameworks are frozen): the count of the unit (or its
 * subtree) in the cycle's year is offered in self-assessment, its points by the stored rule. */
export const countBindings = pgTable(
  'count_bindings',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    code: text('code').notNull(),
    counter: text('counter').$type<CounterId>().notNull(),
    subtree: boolean('subtree').notNull().default(false),
    rule: jsonb('rule').$type<CountRule>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.code] })],
);
