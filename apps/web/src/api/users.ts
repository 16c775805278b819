/** Users and their grants (roles on units). */
import type {
  GrantCarryBodyT,
  GrantCreateBodyT,
  GrantDeleteBodyT,
  GrantViewT,
  UserCreateBodyT,
  UserListT,
  UserUpdateBodyT,
  UserViewT,
} from '@chiso/contracts';
import { get, qs, send } from './http.ts';

export const listUsers = (filter: { q?: string; unitId?: string } = {}) =>
  get<UserListT>(`/api/users${qs(filter)}`);
export const createUser = (body: UserCreateBodyT) => send<UserViewT>('POST', '/api/users', body);
export const updateUser = (id: string, body: UserUpdateBodyT) =>
  send<UserViewT>('PATCH', `/api/users/${id}`, body);
export const createGrant = (body: GrantCreateBodyT) => send<GrantViewT>('POST', '/api/grants', body);
export const revokeGrant = (id: string, body: GrantDeleteBodyT) =>
  send('POST', `/api/grants/${id}/revoke`, body);
/** Grants on a closed unit carried to its successor (after a merge or an abolition). */
export const carryGrants = (body: GrantCarryBodyT) => send('POST', '/api/grants/carry', body);
