/** Sign-in, the session and one's own password. */
import type { LoginBodyT, PasswordBodyT, SessionResponseT } from '@chiso/contracts';
import { get, send } from './http.ts';

export type Session = SessionResponseT;

export const getSession = () => get<Session>('/api/auth/session');
export const login = (body: LoginBodyT) => send<Session>('POST', '/api/auth/login', body);
export const logout = () => send('POST', '/api/auth/logout');
export const changePassword = (body: PasswordBodyT) => send('POST', '/api/auth/password', body);
