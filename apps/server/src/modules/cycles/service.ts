/** Assessment cycles and self-assessment: a cycle binds a year, a published framework version and a
 * set of units with dated stages; each unit scores itself criterion by criterion (saved as typed),
 * backs its scores with evidence or an explanation, and its head submits. */
import { randomUUID } from 'node:crypto';
import {
  evidenceMetaProblem,
  appraisalLevels,
  canWriteInStage,
  checkUpload,
  daysLeft,
  evaluate,
  formatPoints,
  leavesOf,
  parseLeafInput,
  STAGE_LABELS,
  STAGES,
  type AssessmentStatus,
  type LeafInput,
  type NodeResult,
  type Stage,
} from '@chiso/domain';
import type { AssessmentNode } from '@chiso/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import type { FileStore } from '../../lib/fileStore.ts';
import { appendAudit } from '../audit/repository.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { getUnit, listUnits } from '../units/repository.ts';
import { getFramework } from '../frameworks/repository.ts';
import * as results from '../results/repository.ts';
import { notifyUnits } from '../notices/service.ts';
import { frameworkOf } from '../frameworks/compiled.ts';
import * as repo from './repository.ts';
import { levelUnits, mayAppraise, memberPosition, ownerLevel, positionOf } from './levels.ts';

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

export class CycleService {
  constructor(
    private db: Db,
    private files: FileStore,
    private uploadMaxBytes: number,
    private today: () => string = () => todayVn(),
  ) {}

  private frameworkOf(row: { id: string; definition: unknown }) {
    return frameworkOf(row);
  }

  // ---- cycles

  async create(actor: Actor, body: CycleCreate) {
    const owner = await getUnit(this.db, body.ownerUnitId);
    if (!owner) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'cycle.manage', owner.path);
    const fwRow = await getFramework(this.db, body.frameworkId);
    if (!fwRow) throw new AppError('FRAMEWORK_NOT_FOUND');
    if (fwRow.f.status !== 'published') throw new AppError('FRAMEWORK_NOT_PUBLISHED');
    const { fw } = this.frameworkOf(fwRow.f);
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
      const u = await getUnit(this.db, sid);
      // a unit outside the reader's grants does not exist for them (not even its name)
      if (!u || !pathInScope(scopeOf(actor, 'unit.read'), u.path)) throw new AppError('UNIT_NOT_FOUND');
      if (!u.path.startsWith(owner.path))
        throw new AppError('VALIDATION', `${u.name} không thuộc ${owner.name} (đơn vị chủ trì).`);
      subtrees.push(u);
    }
    const scopePaths = subtrees.length ? subtrees.map((u) => u.path) : [owner.path];
    const members = (
      await listUnits(this.db, { all: false, paths: scopePaths }, { includeClosed: false, words: [] })
    )
      .filter((u) => u.id !== owner.id || kinds.includes(u.kind))
      .filter((u) => kinds.includes(u.kind));
    if (!members.length)
      throw new AppError(
        'VALIDATION',
        'Không có đơn vị nào thuộc loại đã chọn (và bộ tiêu chí áp dụng) trong phạm vi của đơn vị chủ trì.',
      );
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      // a unit has one result per framework and year: it takes part in one cycle of them (checked
      // under a lock on the framework and year, so two cycles made at once cannot both pass)
      // the ranking set of the owner for this framework and year belongs to one cycle, and holds no
      // result of a unit outside it (it would be ranked with the cycle's units)
      const set = { ownerUnitId: owner.id, frameworkCode: fwRow.f.code, year: body.year };
      await results.lockRankSet(tx, set);
      await repo.lockFrameworkYear(tx, fwRow.f.id, body.year);
      const other = await results.cycleOfSet(tx, set);
      if (other)
        throw new AppError(
          'CYCLE_STATE',
          `${owner.name} đã có kỳ đánh giá “${other.name}” theo bộ tiêu chí này năm ${body.year}; mỗi bảng xếp hạng thuộc một kỳ (các nhóm đơn vị được xếp hạng riêng trong kỳ).`,
        );
      const memberIds = new Set(members.map((u) => u.id));
      const outside = (await results.resultsOfSet(tx, set)).filter((r) => !memberIds.has(r.unitId));
      if (outside.length)
        throw new AppError(
          'CYCLE_STATE',
          `Bảng xếp hạng năm ${body.year} của ${owner.name} đã có kết quả nhập ngoài kỳ của ${outside
            .slice(0, 5)
            .map((r) => r.unitName)
            .join(
              ', ',
            )}${outside.length > 5 ? ` và ${outside.length - 5} đơn vị khác` : ''}, không thuộc kỳ này: chuyển các kết quả đó sang bảng xếp hạng khác trước.`,
        );
      const taken = await repo.unitsInCyclesOf(
        tx,
        fwRow.f.id,
        body.year,
        members.map((u) => u.id),
      );
      if (taken.length)
        throw new AppError(
          'VALIDATION',
          `${taken
            .slice(0, 5)
            .map((t) => `${t.unitName} (${t.cycleName})`)
            .join(
              ', ',
            )}${taken.length > 5 ? ` và ${taken.length - 5} đơn vị khác` : ''} đã thuộc một kỳ đánh giá cùng bộ tiêu chí năm ${body.year}.`,
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
          state: 'pending',
        })),
        members.map((u) => ({ unitId: u.id, levels: appraisalLevels(owner.path, u.path) })),
        members.map(() => randomUUID()),
      );
      await appendAudit(tx, {
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
    return this.detail(actor, id);
  }

  /** Cycles the reader manages or in which a unit it covers takes part. */
  async list(actor: Actor) {
    const read = scopeOf(actor, 'assessment.read');
    const manage = scopeOf(actor, 'cycle.manage');
    if (scopeIsEmpty(read) && scopeIsEmpty(manage)) throw new AppError('FORBIDDEN');
    const out = [];
    for (const c of await repo.listCycles(this.db)) {
      const members = await repo.cycleMembers(this.db, c.c.id);
      const mine = members.filter((m) => pathInScope(read, m.unitPath));
      if (!pathInScope(manage, c.ownerPath) && !mine.length) continue;
      out.push({
        id: c.c.id,
        name: c.c.name,
        year: c.c.year,
        status: c.c.status,
        ownerUnitName: c.ownerName,
        units: members.length,
        myUnits: mine.map((m) => ({
          unitId: m.unitId,
          unitName: m.unitName,
          assessmentId: m.a.id,
          status: m.a.status,
        })),
      });
    }
    return out;
  }

  private async mustSee(actor: Actor, id: string) {
    const c = await repo.getCycle(this.db, id);
    if (!c) throw new AppError('CYCLE_NOT_FOUND');
    const manages = pathInScope(scopeOf(actor, 'cycle.manage'), c.ownerPath);
    const read = scopeOf(actor, 'assessment.read');
    const members = await repo.cycleMembers(this.db, id);
    const owner = ownerLevel(c);
    const units = await levelUnits(this.db, owner, members);
    const placed = members.map((m) => ({ ...m, pos: positionOf(actor, owner, units, m) }));
    const visible = manages
      ? placed
      : placed.filter((m) => m.pos.coordinates || pathInScope(read, m.unitPath));
    if (!manages && !visible.length) throw new AppError('CYCLE_NOT_FOUND');
    return { c, manages, members: visible };
  }

  async detail(actor: Actor, id: string) {
    const { c, manages, members } = await this.mustSee(actor, id);
    const stages = await repo.stagesOf(this.db, id);
    const today = this.today();
    const order = (s: string) => STAGES.indexOf(s as Stage);
    return {
      id: c.c.id,
      name: c.c.name,
      year: c.c.year,
      status: c.c.status,
      framework: { id: c.fw.id, code: c.fw.code, version: c.fw.version, name: c.fw.name },
      ownerUnitId: c.c.ownerUnitId,
      ownerUnitName: c.ownerName,
      manages,
      /** Coordinates the appraisal of some units (at their level or as the owner). */
      coordinates: members.some((m) => m.pos.coordinates),
      today,
      stages: stages
        .sort((a, b) => order(a.stage) - order(b.stage))
        .map((s) => ({
          stage: s.stage as Stage,
          label: STAGE_LABELS[s.stage as Stage],
          startsOn: s.startsOn,
          dueOn: s.dueOn,
          state: s.state as 'pending' | 'open' | 'closed',
          daysLeft: daysLeft(today, s.dueOn),
        })),
      units: members.map((m) => ({
        unitId: m.unitId,
        unitName: m.unitName,
        unitCode: m.unitCode,
        assessmentId: m.a.id,
        status: m.a.status,
        submittedAt: m.a.submittedAt ? m.a.submittedAt.toISOString() : null,
        appraisingUnitName: m.pos.appraising.name,
        heldBy: m.pos.holder.name,
        /** Appraises it (its appraising level's coordinator). */
        appraises: m.pos.appraises,
      })),
    };
  }

  private async requireManage(actor: Actor, id: string) {
    const c = await repo.getCycle(this.db, id);
    if (!c) throw new AppError('CYCLE_NOT_FOUND');
    if (!pathInScope(scopeOf(actor, 'cycle.manage'), c.ownerPath)) {
      // a reader of the cycle learns it exists but may not manage it; others do not learn that much
      const read = scopeOf(actor, 'assessment.read');
      const members = await repo.cycleMembers(this.db, id);
      if (members.some((m) => pathInScope(read, m.unitPath))) throw new AppError('FORBIDDEN');
      throw new AppError('CYCLE_NOT_FOUND');
    }
    return c;
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
    const c = await this.requireManage(actor, id);
    const stages = await repo.stagesOf(this.db, id);
    const s = stages.find((x) => x.stage === stage);
    if (!s) throw new AppError('VALIDATION');
    if (c.c.status === 'published' && state === 'open')
      throw new AppError('CYCLE_STATE', 'Kỳ đánh giá đã công bố kết quả; không mở lại giai đoạn nào.');
    if (dueOn !== undefined && (!ISO.test(dueOn) || dueOn < s.startsOn))
      throw new AppError('VALIDATION', 'Hạn cuối không hợp lệ.');
    await this.db.transaction(async (tx) => {
      if (!(await repo.shareLockCycle(tx, id))) throw new AppError('CYCLE_NOT_FOUND');
      await repo.setStage(tx, id, stage, {
        state,
        ...(state === 'open' ? { openedAt: new Date(), closedAt: null } : { closedAt: new Date() }),
        ...(dueOn ? { dueOn } : {}),
      });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: state === 'open' ? 'cycle.stage.open' : 'cycle.stage.close',
        entity: 'cycle',
        entityId: id,
        unitId: c.c.ownerUnitId,
        before: { stage, state: s.state, dueOn: s.dueOn },
        after: { stage, state, dueOn: dueOn ?? s.dueOn },
        reason: reason ?? null,
      });
      if (state === 'open') {
        const due = dueOn ?? s.dueOn;
        const members = await repo.cycleMembers(tx, id);
        await notifyUnits(
          tx,
          members.map((m) => m.unitId),
          {
            kind: 'stage_open',
            cycleId: id,
            title: `Mở giai đoạn "${STAGE_LABELS[stage]}" — ${c.c.name}`,
            body: `${c.ownerName} đã mở giai đoạn "${STAGE_LABELS[stage]}" của ${c.c.name}; hạn cuối ngày ${due.slice(8, 10)}/${due.slice(5, 7)}/${due.slice(0, 4)}.`,
            link: `/cycles/${id}`,
          },
        );
      }
    });
    return this.detail(actor, id);
  }

  /** Delete a cycle made by mistake, while no unit has put any work into it (nothing typed,
   * linked, appraised or submitted); the units are then free for another cycle of the same
   * framework and year. Audited with the reason. */
  async remove(actor: Actor, id: string, reason: string) {
    if (!reason.trim()) throw new AppError('REASON_REQUIRED', 'Xóa kỳ đánh giá cần ghi lý do.');
    const c = await this.requireManage(actor, id);
    const members = await repo.cycleMembers(this.db, id);
    await this.db.transaction(async (tx) => {
      await repo.lockCycle(tx, id);
      const now = await repo.getCycle(tx, id);
      if (!now) throw new AppError('CYCLE_NOT_FOUND');
      // every assessment locked before looking: no score can slip in between the check and the delete
      for (const a of members) await repo.lockAssessment(tx, a.a.id);
      const w = await repo.cycleWork(tx, id);
      if (now.c.status !== 'open' || w.items || w.links || w.appraised || w.moved)
        throw new AppError(
          'CYCLE_STATE',
          'Không xóa được: các đơn vị đã nhập liệu trong kỳ đánh giá này (điểm tự chấm, tài liệu kiểm chứng, thẩm định hoặc đã gửi). Hãy đóng các giai đoạn thay vì xóa.',
        );
      await repo.deleteCycle(tx, id);
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.delete',
        entity: 'cycle',
        entityId: id,
        unitId: c.c.ownerUnitId,
        before: {
          name: c.c.name,
          year: c.c.year,
          framework: `${c.fw.code} v${c.fw.version}`,
          units: members.map((m) => m.unitName),
        },
        after: null,
        reason: reason.trim(),
      });
    });
    return { deleted: true as const };
  }

  /** A later due date for one unit in one stage. */
  async extend(actor: Actor, id: string, stage: Stage, unitId: string, dueOn: string, reason: string) {
    const c = await this.requireManage(actor, id);
    const members = await repo.cycleMembers(this.db, id);
    if (!members.some((m) => m.unitId === unitId))
      throw new AppError('UNIT_NOT_FOUND', 'Đơn vị không thuộc kỳ đánh giá.');
    if (!ISO.test(dueOn)) throw new AppError('VALIDATION', 'Hạn mới không hợp lệ.');
    if (!reason.trim()) throw new AppError('REASON_REQUIRED');
    const before = await repo.extensionFor(this.db, id, stage, unitId);
    await this.db.transaction(async (tx) => {
      if (!(await repo.shareLockCycle(tx, id))) throw new AppError('CYCLE_NOT_FOUND');
      await repo.upsertExtension(tx, { cycleId: id, stage, unitId, dueOn, reason, createdBy: actor.id });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.extend',
        entity: 'cycle',
        entityId: id,
        unitId,
        before: before ? { stage, dueOn: before.dueOn } : null,
        after: { stage, dueOn },
        reason,
      });
    });
    return this.detail(actor, c.c.id);
  }

  // ---- self-assessment

  private async loadAssessment(
    actor: Actor,
    id: string,
    action: 'assessment.read' | 'assessment.write' | 'assessment.submit',
  ) {
    const a = await repo.getAssessment(this.db, id);
    if (!a) throw new AppError('ASSESSMENT_NOT_FOUND');
    const c = await repo.getCycle(this.db, a.a.cycleId);
    if (!c) throw new AppError('ASSESSMENT_NOT_FOUND');
    const readable =
      pathInScope(scopeOf(actor, 'assessment.read'), a.unitPath) ||
      pathInScope(scopeOf(actor, 'cycle.manage'), c.ownerPath);
    // outside the reader's grants a self-assessment does not exist for them
    if (!readable) throw new AppError('ASSESSMENT_NOT_FOUND');
    if (action !== 'assessment.read') requireInScope(actor, action, a.unitPath);
    return { a, c, ...this.frameworkOf(c.fw) };
  }

  private async writeCheck(cycleId: string, unitId: string, status: string) {
    if (status === 'returned') return; // returned by the coordinator: editable again
    const stages = await repo.stagesOf(this.db, cycleId);
    const s = stages.find((x) => x.stage === 'self_assessment')!;
    const ext = await repo.extensionFor(this.db, cycleId, 'self_assessment', unitId);
    const ok = canWriteInStage(
      { stage: 'self_assessment', startsOn: s.startsOn, dueOn: s.dueOn, state: s.state as 'open' },
      this.today(),
      ext?.dueOn ?? null,
    );
    if (!ok.ok)
      throw new AppError(ok.code === 'STAGE_NOT_OPEN' ? 'STAGE_NOT_OPEN' : 'STAGE_CLOSED', ok.message);
  }

  /** The self-assessment as a unit works through it: the tree, what was typed, points computed by
   * the rule with its explanation, evidence, what is missing, deadlines. */
  async view(actor: Actor, id: string) {
    const { a, c, fw } = await this.loadAssessment(actor, id, 'assessment.read');
    const compiled = this.frameworkOf(c.fw).compiled;
    const items = await repo.itemsOf(this.db, id);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const inputs: Record<string, LeafInput> = {};
    for (const i of items) if (i.input) inputs[i.code] = i.input as LeafInput;
    const res = evaluate(compiled, inputs);
    const links = await repo.linksOf(this.db, id);
    const shared = await repo.sharedFiles(
      this.db,
      a.a.unitId,
      links.map((l) => l.e.fileSha256),
    );
    const year = c.c.year;
    const readScope = scopeOf(actor, 'assessment.read');
    const evidenceView = (e: repo.EvidenceRow, locator: string) => {
      const flags: string[] = [];
      if (e.issuedOn < `${year}-01-01` || e.issuedOn > `${year}-12-31`)
        flags.push(
          `Văn bản ngày ${e.issuedOn.slice(8, 10)}/${e.issuedOn.slice(5, 7)}/${e.issuedOn.slice(0, 4)} nằm ngoài kỳ đánh giá năm ${year}.`,
        );
      // only units the reader may see: the flag is no oracle on files held elsewhere
      const others = shared
        .filter((s) => s.sha === e.fileSha256 && pathInScope(readScope, s.unitPath))
        .map((s) => s.unitName);
      if (others.length) flags.push(`Cùng một tệp cũng là tài liệu kiểm chứng của: ${others.join(', ')}.`);
      return {
        id: e.id,
        numberSymbol: e.numberSymbol,
        issuedOn: e.issuedOn,
        issuer: e.issuer,
        summary: e.summary,
        fileName: e.fileName,
        locator,
        flags,
      };
    };
    const leaves = new Map(leavesOf(fw).map((l) => [l.code, l]));
    const missing: { code: string; what: string }[] = [];
    const node = (n: NodeResult): z.infer<typeof AssessmentNode> => {
      const leaf = leaves.get(n.code);
      const item = byCode.get(n.code);
      const ev = links.filter((l) => l.l.code === n.code).map((l) => evidenceView(l.e, l.l.locator));
      if (leaf) {
        const problem =
          item && item.inputText.trim() && !item.input ? parseLeafInput(leaf, item.inputText) : null;
        if (!item?.input) missing.push({ code: n.code, what: 'Chưa chấm điểm' });
        else if (leaf.evidenceRequired && !ev.length && !item.explanation.trim())
          missing.push({ code: n.code, what: 'Thiếu tài liệu kiểm chứng hoặc giải trình' });
        return {
          code: n.code,
          title: n.title,
          guidance: leaf.guidance ?? '',
          max: formatPoints(n.max),
          points: formatPoints(n.points),
          rule: n.explanation.rule,
          explanation: [n.explanation.inputs, n.explanation.detail, n.explanation.tier]
            .filter(Boolean)
            .join(' — '),
          evidenceRequired: !!leaf.evidenceRequired,
          inputText: item?.inputText ?? '',
          inputProblem: problem && problem.error !== undefined ? problem.error : null,
          note: item?.explanation ?? '',
          revision: item?.revision ?? 0,
          evidence: ev,
          children: [],
        };
      }
      return {
        code: n.code,
        title: n.title,
        max: formatPoints(n.max),
        points: formatPoints(n.points),
        rule: n.explanation.rule,
        explanation: n.explanation.detail,
        children: n.children.map(node),
      };
    };
    const tree = res.tree.map(node);
    const stages = await repo.stagesOf(this.db, c.c.id);
    const sa = stages.find((s) => s.stage === 'self_assessment')!;
    const ext = await repo.extensionFor(this.db, c.c.id, 'self_assessment', a.a.unitId);
    const today = this.today();
    const writable = canWriteInStage(
      { stage: 'self_assessment', startsOn: sa.startsOn, dueOn: sa.dueOn, state: sa.state as 'open' },
      today,
      ext?.dueOn ?? null,
    );
    const pos = await memberPosition(this.db, actor, c, a);
    const inAppraisal = a.a.status === 'submitted' || a.a.status === 'in_appraisal';
    return {
      id: a.a.id,
      cycle: { id: c.c.id, name: c.c.name, year: c.c.year, framework: `${c.fw.code} v${c.fw.version}` },
      unit: { id: a.a.unitId, name: a.unitName, code: a.unitCode },
      status: a.a.status,
      returnReason: a.a.returnReason,
      total: formatPoints(res.total),
      applicableMax: formatPoints(res.applicableMax),
      index: formatPoints(res.index, { fixed: true }),
      band: res.band?.label ?? null,
      deadline: {
        dueOn: ext?.dueOn && ext.dueOn > sa.dueOn ? ext.dueOn : sa.dueOn,
        daysLeft: daysLeft(today, ext?.dueOn && ext.dueOn > sa.dueOn ? ext.dueOn : sa.dueOn),
        state: sa.state,
        writable: writable.ok || a.a.status === 'returned',
        message: writable.ok ? null : writable.message,
      },
      canEdit:
        (a.a.status === 'draft' || a.a.status === 'returned') &&
        (writable.ok || a.a.status === 'returned') &&
        pathInScope(scopeOf(actor, 'assessment.write'), a.unitPath),
      canSubmit:
        (a.a.status === 'draft' || a.a.status === 'returned') &&
        pathInScope(scopeOf(actor, 'assessment.submit'), a.unitPath),
      // withdrawing reopens editing: only while the unit could still submit again
      canWithdraw:
        a.a.status === 'submitted' &&
        !a.a.appraisalStartedAt &&
        writable.ok &&
        pathInScope(scopeOf(actor, 'assessment.submit'), a.unitPath),
      /** May answer supplementation requests (the unit's writers). */
      canAnswer: pathInScope(scopeOf(actor, 'assessment.write'), a.unitPath),
      /** May appraise (an appraiser over the unit, or who runs the cycle); the assignment by field is
       * checked on each appraisal. */
      canAppraise:
        inAppraisal &&
        !pos.approvals.length &&
        (pos.appraises || !!actor.system || mayAppraise(actor.grants, pos)),
      /** May return it to the unit (the appraising level's coordinator, before any approval). */
      canReturn: inAppraisal && !pos.approvals.length && pos.appraises,
      /** The unit that appraises it, and where it waits now. */
      appraisingUnitName: pos.appraising.name,
      heldBy: pos.holder.name,
      missing,
      tree,
    };
  }

  /** Save one criterion as typed (autosave). Text that does not parse is kept (nothing typed is
   * lost) and reported; the score counts only once it parses. */
  async saveItem(
    actor: Actor,
    id: string,
    code: string,
    body: { text?: string | undefined; note?: string | undefined; baseRevision?: number | undefined },
  ) {
    const { a, fw } = await this.loadAssessment(actor, id, 'assessment.write');
    const leaf = leavesOf(fw).find((l) => l.code === code);
    if (!leaf) throw new AppError('VALIDATION', `"${code}" không phải tiêu chí chấm điểm của bộ tiêu chí.`);
    if (a.a.status !== 'draft' && a.a.status !== 'returned')
      throw new AppError(
        'ASSESSMENT_STATE',
        'Bản tự đánh giá đã gửi; muốn sửa hãy rút lại (khi chưa thẩm định) hoặc chờ cán bộ đầu mối trả lại.',
      );
    await this.writeCheck(a.a.cycleId, a.a.unitId, a.a.status);
    return this.db.transaction(async (tx) => {
      await repo.lockAssessment(tx, id);
      await requireEditable(tx, id);
      const current = await repo.getItem(tx, id, code);
      if (body.baseRevision !== undefined && current && current.revision !== body.baseRevision)
        throw new AppError('ASSESSMENT_CONFLICT', undefined, {
          revision: current.revision,
          text: current.inputText,
        });
      const text = body.text ?? current?.inputText ?? '';
      const note = body.note ?? current?.explanation ?? '';
      const parsed = parseLeafInput(leaf, text);
      const input = parsed.error === undefined ? (parsed.input ?? null) : null;
      const row = await repo.upsertItem(tx, {
        assessmentId: id,
        code,
        inputText: text,
        input,
        explanation: note,
        updatedBy: actor.id,
      });
      await repo.addAuthor(tx, id, actor.id);
      if ((current?.inputText ?? '') !== text || (current?.explanation ?? '') !== note)
        await appendAudit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'assessment.score',
          entity: 'assessment',
          entityId: id,
          unitId: a.a.unitId,
          before: current ? { code, text: current.inputText, note: current.explanation } : null,
          after: { code, text, note },
          reason: null,
        });
      return {
        code,
        revision: row.revision,
        inputText: text,
        note,
        problem: parsed.error ?? null,
      };
    });
  }

  private async transition(
    actor: Actor,
    id: string,
    action: 'assessment.submit' | 'cycle.manage',
    from: AssessmentStatus[],
    to: AssessmentStatus,
    audit: string,
    reason: string | null,
    extra: Partial<repo.AssessmentRow> = {},
  ) {
    const { a, c } = await this.loadAssessment(
      actor,
      id,
      action === 'cycle.manage' ? 'assessment.read' : action,
    );
    if (action === 'cycle.manage') {
      // returned by the level that appraises it, before any level has approved its appraisal
      const pos = await memberPosition(this.db, actor, c, a);
      if (!pos.appraises)
        throw new AppError(
          'FORBIDDEN',
          pos.coordinates
            ? `${a.unitName} do ${pos.appraising.name} thẩm định; chỉ cấp đó trả lại bản tự đánh giá.`
            : undefined,
        );
      if (pos.approvals.length)
        throw new AppError(
          'ASSESSMENT_STATE',
          `Kết quả thẩm định đã được ${pos.approvals[0]!.unitName} duyệt; cấp trên cần trả lại trước.`,
        );
    }
    await this.db.transaction(async (tx) => {
      await repo.lockAssessment(tx, id);
      const now = (await repo.getAssessment(tx, id))!;
      if (!from.includes(now.a.status))
        throw new AppError(
          'ASSESSMENT_STATE',
          `Không thể thực hiện khi bản tự đánh giá đang ở trạng thái "${STATUS_LABELS[now.a.status] ?? now.a.status}".`,
        );
      if (to === 'returned' && now.a.approvals.length)
        throw new AppError('ASSESSMENT_STATE', 'Kết quả thẩm định vừa được duyệt; hãy tải lại.');
      if (to === 'draft' && now.a.appraisalStartedAt)
        throw new AppError(
          'ASSESSMENT_STATE',
          'Đã bắt đầu thẩm định; không thể rút lại. Đề nghị cán bộ đầu mối trả lại nếu cần sửa.',
        );
      await repo.setAssessment(tx, id, { status: to, ...extra });
      if (to === 'submitted') await repo.addAuthor(tx, id, actor.id);
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: audit,
        entity: 'assessment',
        entityId: id,
        unitId: a.a.unitId,
        before: { status: now.a.status },
        after: { status: to },
        reason,
      });
    });
    return this.view(actor, id);
  }

  async submit(actor: Actor, id: string) {
    const v = await this.view(actor, id);
    const { a } = await this.loadAssessment(actor, id, 'assessment.submit');
    await this.writeCheck(a.a.cycleId, a.a.unitId, a.a.status);
    if (v.missing.length) throw new AppError('ASSESSMENT_INCOMPLETE', undefined, { missing: v.missing });
    return this.transition(
      actor,
      id,
      'assessment.submit',
      ['draft', 'returned'],
      'submitted',
      'assessment.submit',
      null,
      {
        submittedAt: new Date(),
        submittedBy: actor.id,
        returnReason: null,
      },
    );
  }

  async withdraw(actor: Actor, id: string) {
    // withdrawing reopens editing: only while the unit could still submit again
    const { a } = await this.loadAssessment(actor, id, 'assessment.submit');
    await this.writeCheck(a.a.cycleId, a.a.unitId, 'draft');
    return this.transition(
      actor,
      id,
      'assessment.submit',
      ['submitted'],
      'draft',
      'assessment.withdraw',
      null,
    );
  }

  async returnToUnit(actor: Actor, id: string, reason: string) {
    if (!reason.trim()) throw new AppError('REASON_REQUIRED', 'Trả lại bản tự đánh giá cần ghi lý do.');
    return this.transition(
      actor,
      id,
      'cycle.manage',
      // before or during appraisal: after appraisal has started, only the coordinator can reopen it
      ['submitted', 'in_appraisal'],
      'returned',
      'assessment.return',
      reason,
      {
        returnReason: reason,
      },
    );
  }

  // ---- evidence

  /** Upload an official document as evidence of a unit. Checked by content; stored once per hash;
   * a refused file leaves nothing behind. */
  async uploadEvidence(
    actor: Actor,
    unitId: string,
    meta: { numberSymbol: string; issuedOn: string; issuer: string; summary: string },
    fileName: string,
    bytes: Buffer,
  ) {
    const unit = await getUnit(this.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'assessment.write', unit.path);
    const check = checkUpload(fileName, bytes, this.uploadMaxBytes);
    if (check.error !== undefined) throw new AppError('FILE_REFUSED', check.error);
    const missingMeta = [
      ['numberSymbol', 'số, ký hiệu'],
      ['issuer', 'cơ quan ban hành'],
      ['summary', 'trích yếu'],
    ].filter(([k]) => !meta[k as keyof typeof meta]?.trim());
    if (missingMeta.length)
      throw new AppError('VALIDATION', `Thiếu ${missingMeta.map(([, l]) => l).join(', ')} của văn bản.`);
    if (!ISO.test(meta.issuedOn))
      throw new AppError('VALIDATION', 'Ngày ban hành không hợp lệ (dd/mm/yyyy).');
    const metaProblem = evidenceMetaProblem(meta); // lengths, control characters, a real date
    if (metaProblem) throw new AppError('VALIDATION', metaProblem);
    const stored = await this.files.put(bytes);
    try {
      const row = await this.db.transaction(async (tx) => {
        await repo.insertFile(tx, { sha256: stored.sha256, size: bytes.length, mime: check.kind.mime });
        const e = await repo.insertEvidence(tx, {
          id: randomUUID(),
          unitId,
          numberSymbol: meta.numberSymbol.trim(),
          issuedOn: meta.issuedOn,
          issuer: meta.issuer.trim(),
          summary: meta.summary.trim(),
          fileSha256: stored.sha256,
          fileName,
          createdBy: actor.id,
        });
        await appendAudit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'evidence.upload',
          entity: 'evidence',
          entityId: e.id,
          unitId,
          after: { numberSymbol: e.numberSymbol, issuedOn: e.issuedOn, fileName, sha256: stored.sha256 },
          reason: null,
        });
        return e;
      });
      return { id: row.id, sha256: stored.sha256, mime: check.kind.mime };
    } catch (e) {
      // a file stored by this request and referenced by no row (a concurrent identical upload may
      // have committed one) is removed; a referenced one stays
      if (stored.created && !(await repo.fileReferenced(this.db, stored.sha256)))
        await this.files.remove(stored.sha256);
      throw e;
    }
  }

  async listEvidence(actor: Actor, unitId: string) {
    const unit = await getUnit(this.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'assessment.read', unit.path);
    return (await repo.evidenceOfUnit(this.db, unitId)).map((e) => ({
      id: e.id,
      numberSymbol: e.numberSymbol,
      issuedOn: e.issuedOn,
      issuer: e.issuer,
      summary: e.summary,
      fileName: e.fileName,
    }));
  }

  /** The file of an evidence document, only for readers whose grants cover its unit. */
  async evidenceFile(actor: Actor, evidenceId: string) {
    const e = await repo.getEvidence(this.db, evidenceId);
    if (!e || !pathInScope(scopeOf(actor, 'assessment.read'), e.unitPath)) throw new AppError('NOT_FOUND');
    return { fileName: e.e.fileName, mime: e.mime, body: await this.files.read(e.e.fileSha256) };
  }

  async linkEvidence(
    actor: Actor,
    id: string,
    code: string,
    evidenceId: string,
    locator: string,
    remove = false,
  ) {
    const { a, fw } = await this.loadAssessment(actor, id, 'assessment.write');
    if (!leavesOf(fw).some((l) => l.code === code))
      throw new AppError('VALIDATION', `"${code}" không phải tiêu chí chấm điểm của bộ tiêu chí.`);
    if (a.a.status !== 'draft' && a.a.status !== 'returned')
      throw new AppError('ASSESSMENT_STATE', 'Bản tự đánh giá đã gửi; không thể đổi tài liệu kiểm chứng.');
    await this.writeCheck(a.a.cycleId, a.a.unitId, a.a.status);
    const e = await repo.getEvidence(this.db, evidenceId);
    if (!e || e.e.unitId !== a.a.unitId)
      throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu kiểm chứng của đơn vị.');
    await this.db.transaction(async (tx) => {
      await repo.lockAssessment(tx, id);
      await requireEditable(tx, id);
      if (remove) await repo.unlink(tx, id, code, evidenceId);
      else await repo.link(tx, { assessmentId: id, code, evidenceId, locator: locator.trim() });
      await repo.addAuthor(tx, id, actor.id);
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: remove ? 'assessment.evidence.unlink' : 'assessment.evidence.link',
        entity: 'assessment',
        entityId: id,
        unitId: a.a.unitId,
        after: { code, evidence: e.e.numberSymbol, locator },
        reason: null,
      });
    });
    return this.view(actor, id);
  }
}

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Đang tự đánh giá',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  in_appraisal: 'Đang thẩm định',
  appraised: 'Đã có kết quả',
};

/** Inside a transaction, after the assessment's lock: the status as committed now. */
async function requireEditable(tx: DbOrTx, id: string) {
  const now = await repo.getAssessment(tx, id);
  if (!now || (now.a.status !== 'draft' && now.a.status !== 'returned'))
    throw new AppError(
      'ASSESSMENT_STATE',
      'Bản tự đánh giá vừa được gửi hoặc đang thẩm định; không thể sửa. Hãy tải lại trang.',
    );
}
