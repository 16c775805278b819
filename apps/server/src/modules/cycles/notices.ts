/** What the self-assessment steps tell people (through the notices service, ADR 0015): a sent
 * self-assessment waits on the level that appraises it; a returned one is the unit's work again. */
import { type AssessmentStatus } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import type { Actor } from '../auth/actor.ts';
import { notify, unitWork, waitingOn } from '../notices/service.ts';
import type { AssessmentContext } from './context.ts';

export async function notifyTransition(
  tx: DbOrTx,
  actor: Actor,
  ctx: AssessmentContext,
  to: AssessmentStatus,
  reason: string | null,
): Promise<void> {
  const base = {
    unitId: ctx.a.unitId,
    cycleId: ctx.cycle.id,
    link: `/assessments/${ctx.a.id}`,
    actorId: actor.id,
  };
  if (to === 'submitted')
    await notify(tx, {
      ...base,
      kind: 'submitted',
      title: `${ctx.unit.name} đã gửi bản tự đánh giá — ${ctx.cycle.name}`,
      body: `${actor.name} đã duyệt và gửi bản tự đánh giá của ${ctx.unit.name}; chờ ${ctx.pos.appraising.name} thẩm định.`,
      to: [waitingOn([ctx.pos.appraising.unitId])],
    });
  else if (to === 'returned')
    await notify(tx, {
      ...base,
      kind: 'returned',
      title: `Bản tự đánh giá của ${ctx.unit.name} bị trả lại — ${ctx.cycle.name}`,
      body: `${ctx.pos.appraising.name} trả lại bản tự đánh giá để sửa. Lý do: ${reason ?? ''}`,
      to: [unitWork([ctx.a.unitId])],
    });
}
