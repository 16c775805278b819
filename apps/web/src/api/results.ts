/** Results per unit and year under a published framework version: ranking lists, a unit's card,
 * entry (with where its ranking is kept) and import. */
import type {
  RankGroupsBodyT,
  RankGroupsViewT,
  ResultCardT,
  ResultEnterBodyT,
  ResultEntryT,
  ResultImportResultT,
  ResultListT,
} from '@chiso/contracts';
import { get, qs, send, upload } from './http.ts';

export type ResultMode = ResultEnterBodyT['mode'];

/** The ranking of a framework and year: of `ownerUnitId`'s set, else the one the reader sees most of. */
export const listResults = (q: { frameworkId: string; year: number; ownerUnitId?: string | null }) =>
  get<ResultListT>(`/api/results${qs(q)}`);
/** A unit's stored result, if any, and the units whose ranking it may join. */
export const getResultEntry = (q: { frameworkId: string; year: number; unitId: string }) =>
  get<ResultEntryT>(`/api/results/entry${qs(q)}`);
export const getResult = (id: string) => get<ResultCardT>(`/api/results/${id}`);
export const enterResult = (body: ResultEnterBodyT) => send<ResultCardT>('PUT', '/api/results', body);
/** A sheet of results; `reason` is required when it changes results already stored. */
export const importResults = (
  file: File,
  q: { frameworkId: string; year: number; mode: ResultMode; reason?: string },
) => upload<ResultImportResultT>(`/api/results/import${qs(q)}`, file);
export const resultTemplateUrl = (q: { frameworkId: string; year: number; mode: ResultMode }) =>
  `/api/results/template${qs(q)}`;

/** The publishing decision of a ranking set of entered results (Word, PDF), and its issuer. */
export const resultSetDecisionUrl = (
  q: { frameworkId: string; year: number; ownerUnitId: string },
  format: 'docx' | 'pdf',
) => `/api/results/decision${qs({ ...q, format })}`;
export const resultSetIssuerUrl = (q: { frameworkId: string; year: number; ownerUnitId: string }) =>
  `/api/results/decision/issuer${qs(q)}`;

/** A ranking set: its owner, framework code and year. */
export interface RankSetRef {
  ownerUnitId: string;
  frameworkCode: string;
  year: number;
}
/** The groups of a ranking set (for those who run it). */
export const getRankGroups = (set: RankSetRef) =>
  get<RankGroupsViewT>(`/api/results/groups${qs({ ...set })}`);
/** Declare a set's groups, made from revision `baseRevision` (0: none yet); the set is re-ranked. */
export const saveRankGroups = (body: RankGroupsBodyT) =>
  send<RankGroupsViewT>('PUT', '/api/results/groups', body);
