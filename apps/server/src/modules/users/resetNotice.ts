/** Telling people that someone else changed how a user signs in or is reached. A password set by
 * someone else is told to the user (bell and e-mail, to the address
 * the account had before the reset), and the heads and leaders of the user's units — or, when there
 * is none other than the user and the one who reset it, those of the units above. An account taken
 * over inside a subtree never goes unnoticed. */
import { formatDateTimeVi } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import type { Actor } from '../auth/actor.ts';
import { notify } from '../notices/service.ts';
import * as repo from './repository.ts';

type GrantJoined = Awaited<ReturnType<typeof repo.grantsWithUnits>>[number];

const WATCHERS = ['unit_head', 'leader'];

export async function notifyReset(
  tx: DbOrTx,
  actor: Actor,
  user: { id: string; username: string; fullName: string },
  userGrants: GrantJoined[],
  at: Date,
  reason: string | null,
): Promise<void> {
  const when = formatDateTimeVi(at);
  const why = reason ? ` (lý do: ${reason})` : '';
  const own = userGrants.find((g) => g.grant.unitId);
  await notify(tx, {
    kind: 'password_reset',
    unitId: own?.grant.unitId ?? null,
    to: [{ people: [{ userId: user.id, unitId: own?.grant.unitId ?? null }] }],
    title: 'Mật khẩu của bạn đã được người khác đặt lại',
    body: `${actor.name} đã đặt lại mật khẩu tài khoản “${user.username}” lúc ${when}${why}. Nếu bạn không đề nghị việc này, hãy báo ngay lãnh đạo đơn vị hoặc quản trị hệ thống.`,
  });
  const units = userGrants.filter((g) => g.grant.unitId && g.unitPath);
  const others = (rows: Awaited<ReturnType<typeof repo.holdersOf>>) =>
    rows.filter((h) => h.id !== user.id && h.id !== actor.id);
  let watchers = others(
    await repo.holdersOf(
      tx,
      WATCHERS,
      units.map((g) => g.grant.unitId!),
    ),
  );
  if (!watchers.length) {
    // the units above ("/root/…/parent/unit/": the id before the unit's own)
    const parents = units
      .map((g) => g.unitPath!.split('/').filter(Boolean).slice(-2, -1)[0])
      .filter((p): p is string => !!p);
    watchers = others(await repo.holdersOf(tx, WATCHERS, [...new Set(parents)]));
  }
  if (!watchers.length) return;
  // one notice to every watcher, each with the unit it holds its role on (never a unit outside
  // the watcher's own)
  await notify(tx, {
    kind: 'password_reset',
    unitId: own?.grant.unitId ?? null,
    title: `Mật khẩu của ${user.fullName} đã được đặt lại`,
    body: `${actor.name} đã đặt lại mật khẩu tài khoản “${user.username}” (${user.fullName}) lúc ${when}${why}.`,
    to: [{ people: watchers.map((w) => ({ userId: w.id, unitId: w.unitId })) }],
  });
}

/** Someone else changed a user's e-mail address: the user is told (bell, and e-mail to the address
 * being replaced — call this before the change is written). */
export async function notifyEmailChange(
  tx: DbOrTx,
  actor: Actor,
  user: { id: string; username: string; email: string | null },
  next: string | null,
  unitId: string | null,
): Promise<void> {
  await notify(tx, {
    kind: 'password_reset',
    unitId,
    to: [{ people: [{ userId: user.id, unitId }] }],
    title: 'Địa chỉ thư điện tử của bạn đã được người khác đổi',
    body: `${actor.name} đã đổi địa chỉ thư điện tử của tài khoản “${user.username}” từ ${user.email ?? '(chưa có)'} thành ${next ?? '(bỏ trống)'} lúc ${formatDateTimeVi(new Date())}. Nếu bạn không đề nghị việc này, hãy báo ngay lãnh đạo đơn vị hoặc quản trị hệ thống.`,
  });
}
