/** Error text for users: the server's Vietnamese message (ApiError), else the error's own text. */
import { ApiError } from '../api/http.ts';

/** What the server lists after its message: the problems that block an action (`problems`, e.g.
 * finalising a cycle) or the items a self-assessment still lacks (`missing`, on submission). */
type Listed = 'problems' | 'missing';

export function errText(e: unknown, listed?: Listed): string {
  if (!(e instanceof ApiError)) return String(e);
  const d = e.details as { problems?: string[]; missing?: { code: string; what: string }[] } | undefined;
  switch (listed) {
    case undefined:
      return e.message;
    case 'problems':
      return d?.problems ? `${e.message} ${d.problems.join(' ')}` : e.message;
    case 'missing':
      return d?.missing
        ? `${e.message} ${d.missing.map((m) => `${m.code}: ${m.what}`).join('; ')}`
        : e.message;
  }
}

/** A form's own validation failure (antd `validateFields`): the form already shows it. */
export function isFormValidationError(e: unknown): boolean {
  return !!e && typeof e === 'object' && 'errorFields' in e;
}
