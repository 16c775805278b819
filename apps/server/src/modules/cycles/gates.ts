/** Stage gates said in words: whether an action that depends on a stage can succeed today, and if
 * not, why and who can change it ("Chờ Công an tỉnh Sóc Trăng mở giai đoạn “Thẩm định”, dự kiến
 * 13/12/2026"). The screens offer an action only when its gate is open and show the sentence
 * otherwise; the steps refuse with the same sentence (`requireStage`). */
import { canWriteInStage, formatDateVi, STAGE_LABELS, type CycleStatus, type Stage } from '@chiso/domain';
import { addDays } from '../../lib/dates.ts';
import type * as repo from './repository.ts';

export type Gate = { ok: true } | { ok: false; code: 'STAGE_NOT_OPEN' | 'STAGE_CLOSED'; message: string };

const OPEN: Gate = { ok: true };

/** Why a cycle at this status takes no more work, or null while it is open. */
export function cycleClosedText(status: CycleStatus): string | null {
  switch (status) {
    case 'open':
      return null;
    case 'finalised':
      return 'Kỳ đánh giá đã hoàn thiện kết quả; không nhận thêm thay đổi.';
    case 'published':
      return 'Kỳ đánh giá đã công bố kết quả; các giai đoạn đã đóng.';
  }
}

/** The gate of an action allowed while one of `names` is open (and its due date, with the unit's
 * extension when `extension`, has not passed). When none is, the first stage says why: who opens
 * it and when it is planned, or that it closed. */
export function stageGate(
  stages: readonly repo.StageRowJson[],
  today: string,
  names: readonly Stage[],
  ownerName: string,
  opts: { extension?: boolean } = {},
): Gate {
  const checks = names.map((name) => {
    const s = stages.find((x) => x.stage === name)!;
    return { s, c: canWriteInStage(s, today, opts.extension ? s.extendedTo : null) };
  });
  if (checks.some((x) => x.c.ok)) return OPEN;
  const { s, c } = checks[0]!;
  if (c.ok) return OPEN;
  if (c.code === 'STAGE_NOT_OPEN') {
    const when = s.startsOn > today ? `, dự kiến ${formatDateVi(s.startsOn)}` : '';
    return {
      ok: false,
      code: names.length === 1 ? 'STAGE_NOT_OPEN' : 'STAGE_CLOSED',
      message: `Chờ ${ownerName} mở giai đoạn “${STAGE_LABELS[s.stage]}”${when}.`,
    };
  }
  return { ok: false, code: 'STAGE_CLOSED', message: c.message };
}

/** The message of a closed gate, or null when open. */
export const gateText = (g: Gate): string | null => (g.ok ? null : g.message);

/** The last day a unit may answer a request for supplementation made in this cycle: the end of the
 * supplementation stage, the unit's extension counted. */
export function supplementationEnd(stages: readonly repo.StageRowJson[]): string {
  const s = stages.find((x) => x.stage === 'supplementation')!;
  return s.extendedTo && s.extendedTo > s.dueOn ? s.extendedTo : s.dueOn;
}

/** The last day a unit may answer a request due on `dueOn`: that day, or the unit's extension of
 * the supplementation stage when later (a request without a date: the end of the stage). */
export function answerDue(stages: readonly repo.StageRowJson[], dueOn: string | null): string {
  const ext = stages.find((x) => x.stage === 'supplementation')?.extendedTo ?? null;
  if (!dueOn) return supplementationEnd(stages);
  return ext && ext > dueOn ? ext : dueOn;
}

/** Days a unit is given to answer by default. */
export const ANSWER_DAYS = 5;

/** Where a request's due date may fall: from the day of the request to the end of the
 * supplementation stage; by default five days on, within that range. */
export function supplementWindow(stages: readonly repo.StageRowJson[], today: string) {
  const to = supplementationEnd(stages);
  const five = addDays(today, ANSWER_DAYS);
  return { from: today, to, defaultDueOn: to < today ? today : five < to ? five : to };
}

/** Refusal text of a due date outside the window, or null. */
export function dueOnProblem(dueOn: string, w: { from: string; to: string }): string | null {
  if (w.to < w.from)
    return `Giai đoạn “Giải trình, bổ sung” đã hết hạn ngày ${formatDateVi(w.to)}; gia hạn cho đơn vị trước khi yêu cầu giải trình.`;
  if (dueOn < w.from)
    return `Hạn giải trình ${formatDateVi(dueOn)} không được trước ngày yêu cầu (${formatDateVi(w.from)}).`;
  if (dueOn > w.to)
    return `Hạn giải trình ${formatDateVi(dueOn)} phải trong giai đoạn “Giải trình, bổ sung” (đến hết ngày ${formatDateVi(w.to)}).`;
  return null;
}
