/** The survey model (issue #15, seed 002, DOMAIN §3–§4): forms as data, versioned; campaigns; ballots
 * from every mode; post-audit; results. Pure types and the value lists that the database's CHECK
 * constraints repeat. Functions live beside this file, one concern a file. */

/** Who answers a form. */
export const RESPONDENT_KINDS = ['citizen', 'agency', 'official'] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];
export const RESPONDENT_KIND_LABELS: Record<RespondentKind, string> = {
  citizen: 'Người dân, tổ chức',
  agency: 'Cơ quan, tổ chức (lấy ý kiến)',
  official: 'Cán bộ, chiến sĩ',
};

/** A form version's life, as a framework's: a published version is frozen; ballots are collected only
 * on a published version. */
export const FORM_STATUSES = ['draft', 'published', 'retired'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

/** Kinds of question. `scale`: 1–5 with the form's labels; `profile`: a respondent-profile question
 * (single choice or text, never rated). */
export const QUESTION_TYPES = ['scale', 'single', 'multi', 'number', 'text', 'profile'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What a question measures (SIPAS: perception, satisfaction, expectation). */
export const MEASURES = ['perception', 'satisfaction', 'expectation'] as const;
export type Measure = (typeof MEASURES)[number];

/** How an index at one level is made from the level below: `pool` counts every rating below it
 * (Gia Lai: satisfied ratings ÷ all ratings), `mean` averages the indices below it (SIPAS). */
export const AGGREGATIONS = ['pool', 'mean'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** The levels an index is reported at, from the question up. */
export const INDEX_LEVELS = ['element', 'field', 'unit', 'overall'] as const;
export type IndexLevel = (typeof INDEX_LEVELS)[number];

export interface ChoiceOption {
  code: string;
  label: string;
}

export interface SurveyQuestion {
  /** Stable across versions: results, imports and bindings name it. */
  code: string;
  text: string;
  type: QuestionType;
  /** The element it belongs to (`SurveyForm.elements[].code`); scale questions must have one. */
  element?: string;
  measure?: Measure;
  required?: boolean;
  /** single, multi, profile (choice). */
  options?: ChoiceOption[];
  /** number: bounds. */
  min?: number;
  max?: number;
}

export interface SurveySection {
  code: string;
  title: string;
  /** Shown under the title (instructions). */
  note?: string;
  questions: SurveyQuestion[];
}

export interface SurveyElement {
  code: string;
  name: string;
}

export interface SurveyForm {
  code: string;
  name: string;
  respondentKind: RespondentKind;
  /** Labels of the 5-point scale, 1 → 5 ("Rất không hài lòng" … "Rất hài lòng"). */
  scale: [string, string, string, string, string];
  /** The lowest rating counted as satisfied (default 4: "hài lòng" and "rất hài lòng"). */
  satisfiedFrom?: number;
  elements: SurveyElement[];
  sections: SurveySection[];
  /** For each level, whether its index pools the ratings below it or averages the indices below it. */
  aggregation: Record<IndexLevel, Aggregation>;
  /** The question whose answers give the margin of error (the overall satisfaction question); when
   * absent, a respondent counts as satisfied when the mean of their ratings is at least `satisfiedFrom`. */
  overallQuestion?: string;
  /** Content DOMAIN.md marks unconfirmed (the annexes of 1178/QĐ-BCA-V03 were not found). */
  isExample?: boolean;
  /** Where the content comes from. */
  basis?: string;
}

/** How a ballot came in. One ballot set across modes. */
export const BALLOT_MODES = ['qr', 'paper', 'import', 'external', 'agency'] as const;
export type BallotMode = (typeof BALLOT_MODES)[number];
export const BALLOT_MODE_LABELS: Record<BallotMode, string> = {
  qr: 'Trực tuyến (mã QR)',
  paper: 'Phiếu giấy',
  import: 'Nhập từ tệp',
  external: 'Thu thập bên ngoài (bưu chính, ứng dụng)',
  agency: 'Lấy ý kiến cơ quan',
};

/** Why a ballot is looked at twice; flags never drop a ballot. */
export const BALLOT_FLAGS = ['too_fast', 'duplicate_dossier', 'duplicate_phone', 'postaudit_failed'] as const;
export type BallotFlag = (typeof BALLOT_FLAGS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A service field surveyed (seed 002: "Lĩnh vực quản lý xuất nhập cảnh"). */
export interface ServiceField {
  code: string;
  name: string;
}

/** A dated milestone of a campaign ("trước ngày X" stored as due on X, included — ADR 0017). */
export interface CampaignDeadline {
  key: string;
  label: string;
  dueOn: string;
}

/** Settings of a campaign; every number configurable (DOMAIN §4). */
export interface CampaignSettings {
  /** Margin e of n = ⌈N / (1 + N·e²)⌉, in percent (default 5). */
  marginPercent: number;
  /** Citizen page: submissions per client address per hour (one-stop counters sit behind one NAT). */
  perAddressPerHour: number;
  /** Citizen page: submissions per device cookie per unit × field per day. */
  perDevicePerDay: number;
  /** A ballot completed faster than this is flagged `too_fast`. */
  minSeconds: number;
}

export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = {
  marginPercent: 5,
  perAddressPerHour: 600,
  perDevicePerDay: 5,
  minSeconds: 20,
};

export const POSTAUDIT_OUTCOMES = ['confirmed', 'denied', 'unreachable', 'differs'] as const;
export type PostauditOutcome = (typeof POSTAUDIT_OUTCOMES)[number];
export const POSTAUDIT_OUTCOME_LABELS: Record<PostauditOutcome, string> = {
  confirmed: 'Xác nhận đã trả lời',
  denied: 'Không thừa nhận đã trả lời',
  unreachable: 'Không liên lạc được',
  differs: 'Câu trả lời khác với phiếu',
};

/** What a cycle's survey leaf reads from a campaign's results. */
export type SurveyIndicator =
  { kind: 'overall' } | { kind: 'field'; code: string } | { kind: 'element'; code: string };

/** Report requests (Mẫu 01/02 first; issue #16 adds periodic and ad hoc kinds to the same tables). */
export const REPORT_KINDS = ['survey_mau01', 'survey_mau02', 'periodic', 'ad_hoc'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
/** The kinds asked of a survey campaign (Mẫu 01, Mẫu 02). */
export const SURVEY_REPORT_KINDS = ['survey_mau01', 'survey_mau02'] as const;
export type SurveyReportKind = (typeof SURVEY_REPORT_KINDS)[number];
export const REPORT_STATUSES = ['draft', 'approved', 'sent'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
