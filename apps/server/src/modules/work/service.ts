/** "Việc của tôi": what waits on the signed-in person, with its due date, from their grants and
 * scope. For an officer, the units to fill and what is missing; for a head, what is ready to send;
 * for appraisers and coordinators, what waits for appraisal, approval or an answer, and what is
 * overdue; for the level above, its cycles with the state of their units. Read only; every right is
 * the one the action itself checks (the list offers nothing the server would refuse to show). */
import type { MyWorkT } from '@chiso/contracts';
import { isAwaitingDecision, isEditable, isUnderAppraisal, leavesOf, type Framework } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { todayVn } from '../../lib/dates.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { approvedByActor, isAuthor, levelMap, ownerLevel, positionOf } from '../cycles/levels.ts';
import { frameworkOf } from '../frameworks/compiled.ts';
import * as repo from './repository.ts';

type Member = Awaited<ReturnType<typeof repo.openMembers>>[number];

/** The last day of a stage for a member (its extension counted), and whether the stage is open. */
function stageOf(m: Member, name: string) {
  const s = m.stages.find((x) => x.stage === name);
  if (!s) return { dueOn: null, open: false };
  const dueOn = s.extendedTo && s.extendedTo > s.dueOn ? s.extendedTo : s.dueOn;
  return { dueOn, open: s.state === 'open' };
}

const groupBy = <T extends { assessmentId: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.assessmentId, [...(m.get(r.assessmentId) ?? []), r]);
  return m;
};

export async function myWork(db: Db, actor: Actor, today: string): Promise<MyWorkT> {
  const write = scopeOf(actor, 'assessment.write');
  const submit = scopeOf(actor, 'assessment.submit');
  const manage = scopeOf(actor, 'cycle.manage');
  const members = await repo.openMembers(db, scopeOf(actor, 'unit.read'));
  const fws = new Map<string, Framework>();
  for (const f of await repo.frameworkRows(db, [...new Set(members.map((m) => m.frameworkId))]))
    fws.set(f.id, frameworkOf(f).fw);
  const editable = members.filter((m) => isEditable(m.a.status) && pathInScope(write, m.unitPath));
  const under = members.filter((m) => isUnderAppraisal(m.a.status));
  const ids = (ms: Member[]) => ms.map((m) => m.a.id);
  const items = groupBy(await repo.itemsOf(db, ids(editable)));
  const linked = groupBy(await repo.linkedOf(db, ids(editable)));
  const decisions = groupBy(await repo.decisionsOf(db, ids(under)));
  const overdue = (due: string | null) => !!due && today > due;
  const leads = (path: string) =>
    actor.grants.some((g) => g.role === 'leader' && (g.unitId === null || path.startsWith(g.unitPath)));
  const out: MyWorkT = { today, toFill: [], toSend: [], toAnswer: [], toAppraise: [], cycles: [] };

  for (const m of members) {
    const fw = fws.get(m.frameworkId);
    if (!fw) continue;
    const leaves = leavesOf(fw);
    const title = new Map(leaves.map((l) => [l.code, l.title]));
    const target = {
      assessmentId: m.a.id,
      cycleId: m.cycleId,
      cycleName: m.cycleName,
      unitId: m.a.unitId,
      unitName: m.unitName,
    };
    if (editable.includes(m)) {
      const typed = new Map((items.get(m.a.id) ?? []).map((i) => [i.code, i]));
      const backed = new Set((linked.get(m.a.id) ?? []).map((l) => l.code));
      const missing: MyWorkT['toFill'][number]['missing'] = [];
      for (const l of leaves) {
        // survey leaves read the bound campaign's index: nothing for the unit to type (issue #15)
        if (l.rule?.type === 'survey') continue;
        const i = typed.get(l.code);
        if (!i?.scored) missing.push({ code: l.code, title: l.title, what: 'Chưa chấm điểm' });
        else if (l.evidenceRequired && !backed.has(l.code) && !i.explained)
          missing.push({ code: l.code, title: l.title, what: 'Thiếu tài liệu kiểm chứng hoặc giải trình' });
      }
      const st = stageOf(m, 'self_assessment');
      // a returned self-assessment is editable whatever the stage
      const stageOpen = st.open || m.a.status === 'returned';
      const due = { dueOn: st.dueOn, overdue: overdue(st.dueOn) };
      if (!missing.length && pathInScope(submit, m.unitPath)) out.toSend.push({ ...target, ...due });
      else
        out.toFill.push({
          ...target,
          ...due,
          status: m.a.status,
          stageOpen,
          total: leaves.length,
          missing,
        });
    }
    if (!isUnderAppraisal(m.a.status)) continue;
    const ds = decisions.get(m.a.id) ?? [];
    if (pathInScope(write, m.unitPath))
      for (const d of ds.filter((x) => x.state === 'supplement'))
        out.toAnswer.push({
          ...target,
          dueOn: d.supplementDueOn,
          overdue: overdue(d.supplementDueOn),
          code: d.code,
          title: title.get(d.code) ?? '',
          message: d.supplementMessage ?? '',
        });
    const own = ownerLevel({ ownerUnitId: m.ownerUnitId }, m.ownerName, m.ownerPath);
    const pos = positionOf(actor, own, levelMap(own, m.levelUnits), {
      levels: m.levels ?? [],
      a: m.a,
    });
    if (pos.complete || isAuthor(actor, m.a)) continue;
    const decided = new Set(ds.map((d) => d.code));
    const pending = leaves.filter((l) => !decided.has(l.code)).length;
    const answered = ds.filter((d) => d.state === 'answered').length;
    const asked = ds.filter((d) => d.state === 'supplement');
    const appraisal = stageOf(m, 'appraisal');
    const due = { dueOn: appraisal.dueOn, overdue: overdue(appraisal.dueOn) };
    if (pos.appraises && !pos.approvals.length) {
      if (pending) out.toAppraise.push({ ...target, ...due, what: 'appraise', count: pending });
      if (answered) out.toAppraise.push({ ...target, ...due, what: 'decide', count: answered });
      if (asked.length) {
        const first = asked.map((d) => d.supplementDueOn ?? '').sort()[0] || null;
        out.toAppraise.push({
          ...target,
          dueOn: first,
          overdue: overdue(first),
          what: 'awaiting_answer',
          count: asked.length,
        });
      }
    }
    const open = pending || ds.some((d) => isAwaitingDecision(d.state));
    if (pos.holds && !open && !approvedByActor(actor, m.a.approvals))
      out.toAppraise.push({ ...target, ...due, what: 'approve', count: 0 });
  }

  // the level above: the cycles it runs or coordinates, with where their units stand
  const byCycle = new Map<string, MyWorkT['cycles'][number]>();
  for (const m of members) {
    const own = ownerLevel({ ownerUnitId: m.ownerUnitId }, m.ownerName, m.ownerPath);
    const runs = pathInScope(manage, m.ownerPath) || leads(m.unitPath);
    const coordinates =
      runs ||
      positionOf(actor, own, levelMap(own, m.levelUnits), { levels: m.levels ?? [], a: m.a }).coordinates;
    if (!coordinates) continue;
    const c = byCycle.get(m.cycleId) ?? {
      cycleId: m.cycleId,
      cycleName: m.cycleName,
      units: 0,
      drafting: 0,
      underAppraisal: 0,
      appraised: 0,
    };
    c.units++;
    if (isEditable(m.a.status)) c.drafting++;
    else if (isUnderAppraisal(m.a.status)) c.underAppraisal++;
    else c.appraised++;
    byCycle.set(m.cycleId, c);
  }
  out.cycles = [...byCycle.values()];
  const byDue = (a: { dueOn: string | null }, b: { dueOn: string | null }) =>
    (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999');
  out.toFill.sort(byDue);
  out.toSend.sort(byDue);
  out.toAnswer.sort(byDue);
  out.toAppraise.sort(byDue);
  return out;
}

export class WorkService {
  constructor(
    private db: Db,
    private today: () => string = () => todayVn(),
  ) {}

  of(actor: Actor): Promise<MyWorkT> {
    return myWork(this.db, actor, this.today());
  }
}
