/** What the signed-in user may do, as the server computed it from the user's grants (the session's
 * `capabilities`): menus and buttons a role cannot use are not shown. The server still checks
 * every request; this only spares people actions that would end in "Bạn không có quyền". */
import type { Action } from '@chiso/domain';
import type { Session } from '../api/auth.ts';

/** The user holds `action` somewhere; with `unitIds` (a unit and its ancestors, e.g. a unit's
 * path), on that unit: over the whole system or through a grant on one of those units. */
export function can(session: Session, action: Action, unitIds?: readonly string[]): boolean {
  const c = session.user?.capabilities[action];
  if (!c) return false;
  if (!unitIds || c.all) return true;
  return unitIds.some((id) => c.unitIds.includes(id));
}
