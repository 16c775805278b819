/** The unit tree: listing, one unit with its history, changes and reorganisations, import. */
import type {
  ImportResultT,
  ReorgResultT,
  UnitAbolishBodyT,
  UnitAbolishLevelBodyT,
  UnitCreateBodyT,
  UnitDetailT,
  UnitListT,
  UnitMergeBodyT,
  UnitMoveBodyT,
  UnitUpdateBodyT,
  UnitViewT,
} from '@chiso/contracts';
import { get, qs, send, upload } from './http.ts';

/** Open units (and closed ones when asked), optionally those matching a search. */
export const listUnits = (filter: { q?: string; includeClosed?: boolean } = {}) =>
  get<UnitListT>(
    `/api/units${qs({ q: filter.q, includeClosed: filter.includeClosed === undefined ? undefined : String(filter.includeClosed) })}`,
  );
export const getUnit = (id: string) => get<UnitDetailT>(`/api/units/${id}`);
export const createUnit = (body: UnitCreateBodyT) => send<UnitViewT>('POST', '/api/units', body);
export const updateUnit = (id: string, body: UnitUpdateBodyT) =>
  send<UnitViewT>('PATCH', `/api/units/${id}`, body);
export const moveUnit = (id: string, body: UnitMoveBodyT) =>
  send<UnitViewT>('POST', `/api/units/${id}/move`, body);
export const mergeUnits = (body: UnitMergeBodyT) => send<ReorgResultT>('POST', '/api/units/merge', body);
export const abolishUnit = (id: string, body: UnitAbolishBodyT) =>
  send<ReorgResultT>('POST', `/api/units/${id}/abolish`, body);
export const abolishLevel = (body: UnitAbolishLevelBodyT) =>
  send<ReorgResultT>('POST', '/api/units/abolish-level', body);
export const importUnits = (file: File) => upload<ImportResultT>('/api/units/import', file);
export const UNIT_IMPORT_TEMPLATE_URL = '/api/units/import/template';
