/** TypeScript types of the schemas in `api.ts`, for the web app (which imports types only, never zod):
 * responses as the server sends them (`z.infer`), request bodies as a client writes them (`z.input`,
 * defaults optional). Recursive trees are typed here because a `z.lazy` child infers as `unknown`.
 * A page never writes its own copy of one of these. */
import type { z } from 'zod';
import type { FrameworkJson } from '@chiso/domain';
import type {
  AnswerBody,
  AppraisalMatrix,
  AppraisalView,
  AppraiseBody,
  ApproveBody,
  AssessmentNode,
  AssessmentView,
  AssignBody,
  AssignmentList,
  AuditList,
  AuditQuery,
  CycleCreateBody,
  CycleDetail,
  CycleList,
  CycleRanking,
  CycleSummary,
  EvidenceList,
  EvidenceUploaded,
  EvidenceView,
  FrameworkCloneBody,
  FrameworkDetail,
  FrameworkList,
  FrameworkSaved,
  GrantCarryBody,
  GrantCreateBody,
  GrantDeleteBody,
  ImportResult,
  ItemSaveBody,
  ItemSaved,
  LineageEntry,
  LinkBody,
  LoginBody,
  NoticeList,
  PasswordBody,
  PublishBody,
  ReasonBody,
  ReorgResult,
  ResultEnterBody,
  ResultEntry,
  ResultImportResult,
  ResultList,
  ResultNode,
  SessionResponse,
  StageBody,
  UnitAbolishBody,
  UnitAbolishLevelBody,
  UnitCreateBody,
  UnitDetail,
  UnitList,
  UnitMergeBody,
  UnitMoveBody,
  UnitUpdateBody,
  UnitProfileBody,
  DocumentIssuerView,
  UserCreateBody,
  UserList,
  UserUpdateBody,
} from './api.ts';

// ---- auth
export type SessionResponseT = z.infer<typeof SessionResponse>;
export type LoginBodyT = z.input<typeof LoginBody>;
export type PasswordBodyT = z.input<typeof PasswordBody>;

// ---- units
export type UnitListT = z.infer<typeof UnitList>;
export type UnitDetailT = z.infer<typeof UnitDetail>;
export type LineageEntryT = z.infer<typeof LineageEntry>;
export type ReorgResultT = z.infer<typeof ReorgResult>;
export type ImportResultT = z.infer<typeof ImportResult>;
export type UnitCreateBodyT = z.input<typeof UnitCreateBody>;
export type UnitUpdateBodyT = z.input<typeof UnitUpdateBody>;
export type UnitProfileBodyT = z.input<typeof UnitProfileBody>;
export type DocumentIssuerViewT = z.infer<typeof DocumentIssuerView>;
export type UnitMoveBodyT = z.input<typeof UnitMoveBody>;
export type UnitMergeBodyT = z.input<typeof UnitMergeBody>;
export type UnitAbolishBodyT = z.input<typeof UnitAbolishBody>;
export type UnitAbolishLevelBodyT = z.input<typeof UnitAbolishLevelBody>;

// ---- users and grants
export type UserListT = z.infer<typeof UserList>;
export type UserCreateBodyT = z.input<typeof UserCreateBody>;
export type UserUpdateBodyT = z.input<typeof UserUpdateBody>;
export type GrantCreateBodyT = z.input<typeof GrantCreateBody>;
export type GrantDeleteBodyT = z.input<typeof GrantDeleteBody>;
export type GrantCarryBodyT = z.input<typeof GrantCarryBody>;

// ---- audit
export type AuditListT = z.infer<typeof AuditList>;
export type AuditQueryT = z.input<typeof AuditQuery>;

// ---- frameworks
export type FrameworkListT = z.infer<typeof FrameworkList>;
/** A framework's JSON form as the server sends it and the editor edits it (`frameworkToJson`: points
 * as decimal strings). */
export type FrameworkJsonT = z.input<typeof FrameworkJson>;
export type CriterionJsonT = FrameworkJsonT['criteria'][number];
/** `definition` is the JSON form (the schema leaves it `unknown`: the domain validates it). */
export type FrameworkDetailT = Omit<z.infer<typeof FrameworkDetail>, 'definition'> & {
  definition: FrameworkJsonT;
};
export type FrameworkSavedT = z.infer<typeof FrameworkSaved>;
export type FrameworkCloneBodyT = z.input<typeof FrameworkCloneBody>;

// ---- results
export type ResultListT = z.infer<typeof ResultList>;
export type ResultEntryT = z.infer<typeof ResultEntry>;
export type ResultEnterBodyT = z.input<typeof ResultEnterBody>;
export type ResultImportResultT = z.infer<typeof ResultImportResult>;
export type ResultNodeT = Omit<z.infer<typeof ResultNode>, 'children'> & { children: ResultNodeT[] };

// ---- assessment cycles
export type CycleSummaryT = z.infer<typeof CycleSummary>;
export type CycleListT = z.infer<typeof CycleList>;
export type CycleDetailT = z.infer<typeof CycleDetail>;
export type CycleCreateBodyT = z.input<typeof CycleCreateBody>;
export type StageBodyT = z.input<typeof StageBody>;
export type EvidenceViewT = z.infer<typeof EvidenceView>;
export type EvidenceListT = z.infer<typeof EvidenceList>;
export type EvidenceUploadedT = z.infer<typeof EvidenceUploaded>;
export type AssessmentNodeT = Omit<z.infer<typeof AssessmentNode>, 'children'> & {
  children: AssessmentNodeT[];
};
export type AssessmentViewT = Omit<z.infer<typeof AssessmentView>, 'tree'> & { tree: AssessmentNodeT[] };
export type ItemSaveBodyT = z.input<typeof ItemSaveBody>;
export type ItemSavedT = z.infer<typeof ItemSaved>;
export type ReasonBodyT = z.input<typeof ReasonBody>;
export type LinkBodyT = z.input<typeof LinkBody>;

// ---- appraisal, finalisation, publication
export type AssignBodyT = z.input<typeof AssignBody>;
export type AssignmentListT = z.infer<typeof AssignmentList>;
export type AppraiseBodyT = z.input<typeof AppraiseBody>;
export type AnswerBodyT = z.input<typeof AnswerBody>;
export type ApproveBodyT = z.input<typeof ApproveBody>;
export type AppraisalViewT = z.infer<typeof AppraisalView>;
export type AppraisalItemT = AppraisalViewT['items'][number];
export type AppraisalMatrixT = z.infer<typeof AppraisalMatrix>;
export type PublishBodyT = z.input<typeof PublishBody>;
export type CycleRankingT = z.infer<typeof CycleRanking>;

// ---- notices
export type NoticeListT = z.infer<typeof NoticeList>;
