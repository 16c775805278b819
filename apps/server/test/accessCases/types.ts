/** The shape of access cases. `access.test.ts` loads every `*.cases.ts` file of this folder: a module
 * adds its routes' cases in a file of its own (and the data they need in `setup`), so that parallel
 * work on modules never edits the same file. */
import type { Client, TestApp } from '../helpers.ts';

export type Req = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  multipart?: { filename: string; content: string };
};

export interface Case {
  /** The request a Cù Lao Dung user makes against Hà Quảng (or with a role that lacks the right). */
  cross: () => Req;
  /** What the officer (unit_officer of Cù Lao Dung) must get. */
  officer: number | ((json: unknown) => void);
  /** What the coordinator of Cù Lao Dung must get. */
  coordinator: number | ((json: unknown) => void);
}

export type Cases = Record<string, Case | 'public' | 'self'>;

export interface AccessContext {
  t: TestApp;
  admin: Client;
  /** Ids shared by the cases (units of the demo: hq, hqNoiVu, hqXa1, hqXa2, cld, …); a setup adds its own. */
  ids: Record<string, string>;
}

export interface CasesModule {
  setup?: (ctx: AccessContext) => Promise<void>;
  cases: Cases;
}
