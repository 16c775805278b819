/** The cycle itself: made for a year, a published framework version and the units of chosen kinds
 * under the owner, with dated stages; stages opened and closed by the owner's coordinator (deadlines
 * do not close them), a later due date for one unit, and deletion while nobody has worked in it. */
import { randomUUID } from 'node:crypto';
import { appraisalLevels, formatDateVi, STAGE_LABELS, STAGES, type Stage } from '@chiso/domain';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { frameworkOf } from '../frameworks/compiled.ts';
import { getFramework } from '../frameworks/service.ts';
import { notify, unitWork, waitingOn } from '../notices/service.ts';
import { cycleOfSet, lockRankSets, resultsOfCode, resultsOfSet } from '../results/writer.ts';
import { getUnit, listUnits } from '../units/service.ts';
import { loadCycle, type CycleDeps } from './context.ts';
import { detailView } from './queries.ts';
import * as repo from './repository.ts';

export interface CycleCreate {
  name: string;
  year: number;
  frameworkId: string;
  ownerUnitId: string;
  unitKinds: string[];
  /** Only the units under these (each within the owner's subtree); none: the whole subtree. */
  subtreeUnitIds?: string[] | undefined;
  stages: { stage: Stage; startsOn: string; dueOn: string }[];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The first few names of a list, and how many more. */
const someOf = (names: string[]) =>
  `${names.slice(0, 5).join(', ')}${names.length > 5 ? ` và ${names.length - 5} đơn vị khác` : ''}`;

export class CycleService {
  constructor(private deps: CycleDeps) {}

  async create(actor: Actor, body: CycleCreate) {
    const db = this.deps.db;
    const owner = await getUnit(db, body.ownerUnitId);
    if (!owner) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'cycle.manage', owner.path);
    const fwRow = await getFramework(db, body.frameworkId);
    if (!fwRow) throw new AppError('FRAMEWORK_NOT_FOUND');
    if (fwRow.f.status !== 'published') throw new AppError('FRAMEWORK_NOT_PUBLISHED');
    const { fw } = frameworkOf(fwRow.f);
    if (body.year < fw.yearFrom || (fw.yearTo != null && body.year > fw.yearTo))
      throw new AppError('VALIDATION', `Bộ tiêu chí "${fw.name}" không áp dụng cho năm ${body.year}.`);
    const seen = new Set<string>();
    for (const s of body.stages) {
      if (seen.has(s.stage))
        throw new AppError('VALIDATION', `Giai đoạn "${STAGE_LABELS[s.stage]}" khai báo hai lần.`);
      seen.add(s.stage);
      if (!ISO.test(s.startsOn) || !ISO.test(s.dueOn) || s.dueOn < s.startsOn)
        throw new AppError(
          'VALIDATION',
          `Giai đoạn "${STAGE_LABELS[s.stage]}": hạn cuối phải sau ngày bắt đầu.`,
        );
    }
    for (const st of STAGES)
      if (!seen.has(st))
        throw new AppError('VALIDATION', `Thiếu thời hạn của giai đoạn "${STAGE_LABELS[st]}".`);
    const kinds = body.unitKinds.filter((k) => !fw.appliesTo.length || fw.appliesTo.includes(k));
    const subtrees: { id: string; name: string; path: string }[] = [];
    for (const sid of new Set(body.subtreeUnitIds ?? [])) {
      const u = await getUnit(db, sid);
      // a unit outside the reader's grants does not exist for them (not even its name)
      if (!u || !pathInScope(scopeOf(actor, 'unit.read'), u.path)) throw new AppError('UNIT_NOT_FOUND');
      if (!u.path.startsWith(owner.path))
        throw new AppError('VALIDATION', `${u.name} không thuộc ${owner.name} (đơn vị chủ trì).`);
      subtrees.push(u);
    }
    const scopePaths = subtrees.length ? subtrees.map((u) => u.path) : [owner.path];
    const members = (
      await listUnits(db, { all: false, paths: scopePaths }, { includeClosed: false, words: [] })
    ).filter((u) => kinds.includes(u.kind));
    if (!members.length)
      throw new AppError(
        'VALIDATION',
        'Không có đơn vị nào thuộc loại đã chọn (và bộ tiêu chí áp dụng) trong phạm vi của đơn vị chủ trì.',
      );
    const id = randomUUID();
    await db.transaction(async (tx) => {
      // a unit has one result per framework and year: it takes part in one cycle of them (checked
      // under a lock on the framework and year, so two cycles made at once cannot both pass);
      // the ranking set of the owner for this framework and year belongs to one cycle, and holds no
      // result of a unit outside it (it would be ranked with the cycle's units)
      const set = { ownerUnitId: owner.id, frameworkCode: fwRow.f.code, year: body.year };
      await lockRankSets(tx, [set]);
      await repo.lockFrameworkYear(tx, fwRow.f.code, body.year);
      const other = await cycleOfSet(tx, set);
      if (other)
        throw new AppError(
          'CYCLE_STATE',
          `${owner.name} đã có kỳ đánh giá “${other.name}” theo bộ tiêu chí này năm ${body.year}; mỗi bảng xếp hạng thuộc một kỳ (các nhóm đơn vị được xếp hạng riêng trong kỳ).`,
        );
      const memberIds = new Set(members.map((u) => u.id));
      const outside = (await resultsOfSet(tx, set)).filter((r) => !memberIds.has(r.unitId));
      if (outside.length)
        throw new AppError(
          'CYCLE_STATE',
          `Bảng xếp hạng năm ${body.year} của ${owner.name} đã có kết quả nhập ngoài kỳ của ${someOf(outside.map((r) => namedIfSeen(actor, r)))}, không thuộc kỳ này: chuyển các kết quả đó sang bảng xếp hạng khác trước.`,
        );
      // a unit is ranked once a year per framework code: not under another version too
      const otherVersion = (await resultsOfCode(tx, fwRow.f.code, body.year, [...memberIds])).filter(
        (r) => r.frameworkId !== fwRow.f.id,
      );
      if (otherVersion.length)
        throw new AppError(
          'CYCLE_STATE',
          `${someOf(otherVersion.map((r) => `${r.unitName} (phiên bản ${r.version})`))} đã có kết quả năm ${body.year} theo phiên bản khác của bộ tiêu chí này.`,
        );
      const taken = await repo.unitsInCyclesOf(
        tx,
        fwRow.f.code,
        body.year,
        members.map((u) => u.id),
      );
      if (taken.length)
        throw new AppError(
          'VALIDATION',
          `${someOf(taken.map((t) => `${t.unitName} (${t.cycleName})`))} đã thuộc một kỳ đánh giá cùng bộ tiêu chí năm ${body.year}.`,
        );
      await repo.insertCycle(
        tx,
        {
          id,
          name: body.name.trim(),
          year: body.year,
          frameworkId: fwRow.f.id,
          ownerUnitId: owner.id,
          unitKinds: kinds,
          status: 'open',
          createdBy: actor.id,
        },
        body.stages.map((s) => ({
          cycleId: id,
          stage: s.stage,
          startsOn: s.startsOn,
          dueOn: s.dueOn,
          state: 'pending' as const,
        })),
        members.map((u) => ({ unitId: u.id, levels: appraisalLevels(owner.path, u.path) })),
        members.map(() => randomUUID()),
      );
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.create',
        entity: 'cycle',
        entityId: id,
        unitId: owner.id,
        after: {
          name: body.name,
          year: body.year,
          framework: `${fwRow.f.code} v${fwRow.f.version}`,
          units: members.length,
          within: subtrees.length ? subtrees.map((u) => u.name) : null,
          stages: body.stages,
        },
        reason: null,
      });
    });
    return detailView(await loadCycle(db, actor, id, 'see'), this.deps.today());
  }

  /** Open or close a stage (the coordinator decides; deadlines do not close stages). */
  async setStage(
    actor: Actor,
    id: string,
    stage: Stage,
    state: 'open' | 'closed',
    dueOn?: string,
    reason?: string,
  ) {
    const ctx = await loadCycle(this.deps.db, actor, id, 'manage');
    const s = ctx.stages.find((x) => x.stage === stage);
    if (!s) throw new AppError('VALIDATION');
    if (ctx.cycle.status === 'published' && state === 'open')
      throw new AppError('CYCLE_STATE', 'Kỳ đánh giá đã công bố kết quả; không mở lại giai đoạn nào.');
    if (dueOn !== undefined && (!ISO.test(dueOn) || dueOn < s.startsOn))
      throw new AppError('VALIDATION', 'Hạn cuối không hợp lệ.');
    const due = dueOn ?? s.dueOn;
    const notified = await this.deps.db.transaction(async (tx) => {
      if (!(await repo.shareLockCycle(tx, id))) throw new AppError('CYCLE_NOT_FOUND');
      await repo.setStage(tx, id, stage, {
        state,
        ...(state === 'open'
          ? { openedAt: new Date(), openedBy: actor.id, closedAt: null }
          : { closedAt: new Date() }),
        ...(dueOn ? { dueOn } : {}),
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: state === 'open' ? 'cycle.stage.open' : 'cycle.stage.close',
        entity: 'cycle',
        entityId: id,
        unitId: ctx.cycle.ownerUnitId,
        before: { stage, state: s.state, dueOn: s.dueOn },
        after: { stage, state, dueOn: due },
        reason: reason ?? null,
      });
      if (state !== 'open') return null;
      // who was told: the units' officers and heads; from appraisal on, also who appraises each unit
      const told = await notify(tx, {
        kind: 'stage_open',
        unitId: ctx.cycle.ownerUnitId,
        cycleId: id,
        title: `Mở giai đoạn "${STAGE_LABELS[stage]}" — ${ctx.cycle.name}`,
        body: `${ctx.owner.name} đã mở giai đoạn "${STAGE_LABELS[stage]}" của ${ctx.cycle.name}; hạn cuối ngày ${formatDateVi(due)}.`,
        link: `/cycles/${id}`,
        to: [
          unitWork(ctx.all.map((m) => m.unitId)),
          ...(stage === 'self_assessment' ? [] : [waitingOn(ctx.all.map((m) => m.pos.appraising.unitId))]),
        ],
        actorId: actor.id,
      });
      return { count: told.recipients, units: ctx.all.map((m) => m.unitName) };
    });
    const stages = ctx.stages.map((x) =>
      x.stage === stage
        ? {
            ...x,
            state,
            dueOn: due,
            ...(state === 'open'
              ? { openedAt: new Date().toISOString(), openedBy: actor.name, closedAt: null }
              : { closedAt: new Date().toISOString() }),
          }
        : x,
    );
    return { ...detailView({ ...ctx, stages }, this.deps.today()), notified };
  }

  /** Delete a cycle made by mistake, while no unit has put any work into it (nothing typed,
   * linked, appraised or submitted); the units are then free for another cycle of the same
   * framework and year. Audited with the reason. */
  async remove(actor: Actor, id: string, reason: string) {
    if (!reason.trim()) throw new AppError('REASON_REQUIRED', 'Xóa kỳ đánh giá cần ghi lý do.');
    const ctx = await loadCycle(this.deps.db, actor, id, 'manage');
    await this.deps.db.transaction(async (tx) => {
      const status = await repo.lockCycle(tx, id);
      if (!status) throw new AppError('CYCLE_NOT_FOUND');
      // every assessment locked before looking: no score can slip in between the check and the delete
      await repo.lockAssessmentsOf(tx, id);
      const w = await repo.cycleWork(tx, id);
      if (status !== 'open' || w.items || w.links || w.appraised || w.moved)
        throw new AppError(
          'CYCLE_STATE',
          'Không xóa được: các đơn vị đã nhập liệu trong kỳ đánh giá này (điểm tự chấm, tài liệu kiểm chứng, thẩm định hoặc đã gửi). Hãy đóng các giai đoạn thay vì xóa.',
        );
      await repo.deleteCycle(tx, id);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.delete',
        entity: 'cycle',
        entityId: id,
        unitId: ctx.cycle.ownerUnitId,
        before: {
          name: ctx.cycle.name,
          year: ctx.cycle.year,
          framework: `${ctx.fwRow.code} v${ctx.fwRow.version}`,
          units: ctx.all.map((m) => m.unitName),
        },
        after: null,
        reason: reason.trim(),
      });
    });
    return { deleted: true as const };
  }

  /** A later due date for one unit in one stage. */
  async extend(actor: Actor, id: string, stage: Stage, unitId: string, dueOn: string, reason: string) {
    // the stages with this unit's extensions
    const ctx = await loadCycle(this.deps.db, actor, id, 'manage', unitId);
    if (!ctx.all.some((m) => m.unitId === unitId))
      throw new AppError('UNIT_NOT_FOUND', 'Đơn vị không thuộc kỳ đánh giá.');
    if (!ISO.test(dueOn)) throw new AppError('VALIDATION', 'Hạn mới không hợp lệ.');
    if (!reason.trim()) throw new AppError('REASON_REQUIRED');
    const before = ctx.stages.find((s) => s.stage === stage)?.extendedTo ?? null;
    await this.deps.db.transaction(async (tx) => {
      if (!(await repo.shareLockCycle(tx, id))) throw new AppError('CYCLE_NOT_FOUND');
      await repo.upsertExtension(tx, { cycleId: id, stage, unitId, dueOn, reason, createdBy: actor.id });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.extend',
        entity: 'cycle',
        entityId: id,
        unitId,
        before: before ? { stage, dueOn: before } : null,
        after: { stage, dueOn },
        reason,
      });
    });
    return detailView(ctx, this.deps.today());
  }
}

/** A unit's name for a message, when the reader may see it (a unit moved out of the tree since is
 * "một đơn vị khác"). */
function namedIfSeen(actor: Actor, u: { unitName: string; unitPath: string }): string {
  return pathInScope(scopeOf(actor, 'unit.read'), u.unitPath) ? u.unitName : 'một đơn vị khác';
}
