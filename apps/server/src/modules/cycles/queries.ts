/** The read-only views of the cycles wing (nothing here writes): the cycles of a reader, a cycle's
 * screen, a self-assessment, its appraisal, the appraisal matrix, the assignments and the ranking.
 * Each loads its context once (context.ts) and what the view adds; steps that change something build
 * their answer with the same builders from what they already loaded. */
import {
  assertNever,
  daysLeft,
  fromDbNumeric,
  leavesOf,
  STAGE_LABELS,
  STAGES,
  toDecimalString,
} from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { filesSharedWith } from '../evidence/service.ts';
import { groupHeads, movementView, previousPlaces, resultsOfCycle } from '../results/service.ts';
import { surveyLeafValues, type SurveyLeafValue } from '../surveyPoints/resolve.ts';
import { countLeafValues, type CountLeafValue } from '../activities/counted.ts';
import { todayVn } from '../../lib/dates.ts';
import {
  loadAssessment,
  loadCycle,
  type AssessmentContext,
  type CycleContext,
  type CycleDeps,
} from './context.ts';
import { cycleClosedText, gateText, stageGate } from './gates.ts';
import * as repo from './repository.ts';
import { appraisalView, approvalView, assessmentView, type SelfAssessmentRows } from './views.ts';

/** The rows of the self-assessment view (scores, links, files shared with other units). */
export async function readSelfAssessment(db: DbOrTx, ctx: AssessmentContext): Promise<SelfAssessmentRows> {
  const items = await repo.itemsOf(db, ctx.a.id);
  const links = await repo.linksOf(db, ctx.a.id);
  const shared = await filesSharedWith(
    db,
    ctx.a.unitId,
    links.map((l) => l.e.fileSha256),
  );
  return { items, links, shared, survey: await surveyOf(db, ctx), count: await countOf(db, ctx) };
}

/** A member's counted leaves as the records count them now (code → value, issue #16 item 3). */
export async function countOf(
  db: DbOrTx,
  ctx: AssessmentContext,
  today = todayVn(),
): Promise<Map<string, CountLeafValue>> {
  return (
    (
      await countLeafValues(
        db,
        { id: ctx.cycle.id, year: ctx.cycle.year, fw: ctx.fw, compiled: ctx.compiled },
        [{ unitId: ctx.unit.id, unitPath: ctx.unit.path }],
        today,
      )
    ).get(ctx.unit.id) ?? new Map()
  );
}

/** A member's survey leaves as they read now (code → value). */
export async function surveyOf(db: DbOrTx, ctx: AssessmentContext): Promise<Map<string, SurveyLeafValue>> {
  return (
    (
      await surveyLeafValues(db, { id: ctx.cycle.id, fw: ctx.fw }, [
        { unitId: ctx.unit.id, unitPath: ctx.unit.path },
      ])
    ).get(ctx.unit.id) ?? new Map()
  );
}

/** A cycle's screen: stages and deadlines, the members seen with where each appraisal stands. */
export function detailView(ctx: CycleContext, today: string) {
  const order = (s: (typeof STAGES)[number]) => STAGES.indexOf(s);
  const { cycle, fwRow } = ctx;
  return {
    id: cycle.id,
    name: cycle.name,
    year: cycle.year,
    status: cycle.status,
    framework: { id: fwRow.id, code: fwRow.code, version: fwRow.version, name: fwRow.name },
    ownerUnitId: cycle.ownerUnitId,
    ownerUnitName: ctx.owner.name,
    manages: ctx.manages,
    /** Coordinates the appraisal of some units (at their level or as the owner). */
    coordinates: ctx.members.some((m) => m.pos.coordinates),
    today,
    stages: [...ctx.stages]
      .sort((a, b) => order(a.stage) - order(b.stage))
      .map((s) => ({
        stage: s.stage,
        label: STAGE_LABELS[s.stage],
        startsOn: s.startsOn,
        dueOn: s.dueOn,
        // a published cycle has ended: every stage reads closed (published before stages were
        // closed at publication, too)
        state: cycle.status === 'published' ? ('closed' as const) : s.state,
        daysLeft: daysLeft(today, s.dueOn),
        openedAt: s.openedAt ? new Date(s.openedAt).toISOString() : null,
        openedBy: s.openedBy,
        closedAt: s.closedAt ? new Date(s.closedAt).toISOString() : null,
      })),
    /** Why the reader's stage actions are not offered now (who opens the stage, and when). */
    waiting: waitingTexts(ctx, today),
    units: ctx.members.map((m) => ({
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

/** What the reader's work in the cycle waits for: appraisers and coordinators of some members the
 * appraisal stage, nothing for who runs the cycle (they open the stages). */
function waitingTexts(ctx: CycleContext, today: string): string[] {
  const closed = cycleClosedText(ctx.cycle.status);
  if (closed) return ctx.cycle.status === 'published' || !ctx.manages ? [closed] : [];
  if (ctx.manages || !ctx.members.some((m) => m.pos.coordinates)) return [];
  const g = gateText(stageGate(ctx.stages, today, ['appraisal', 'supplementation'], ctx.owner.name));
  return g ? [g] : [];
}

/** The ranking of a finalised or published cycle, with its amending decisions. */
export async function rankingView(db: DbOrTx, actor: Actor, ctx: CycleContext) {
  const { cycle, manages } = ctx;
  const results = await resultsOfCycle(db, cycle.id);
  const readResults = scopeOf(actor, 'result.read');
  // the cycle's set: its groups, each ranked on its own ("xếp thứ k/N" counts the group)
  const { heads, sizes } = await groupHeads(db, {
    ownerUnitId: cycle.ownerUnitId,
    frameworkCode: ctx.fwRow.code,
    year: cycle.year,
  });
  const codes = [ctx.fwRow.code, ...(ctx.fw.comparesWith ? [ctx.fw.comparesWith.frameworkCode] : [])];
  const places = await previousPlaces(
    db,
    { ownerUnitId: cycle.ownerUnitId, frameworkCodes: codes, year: cycle.year },
    results.map((r) => ({ unitId: r.r.unitId, rankGroup: r.r.rankGroup })),
  );
  return {
    cycleId: cycle.id,
    status: cycle.status,
    decisionNumber: cycle.decisionNumber,
    decisionDate: cycle.decisionDate,
    items: results.map((r) => ({
      unitId: r.r.unitId,
      unitName: r.unitName,
      total: toDecimalString(fromDbNumeric(r.r.total)),
      index: r.r.indexValue,
      bandLabel: r.r.bandLabel,
      rank: r.r.rank,
      // the result card only for those whose grants cover the unit
      resultId: manages || pathInScope(readResults, r.unitPath) ? r.r.id : null,
      rankGroup: r.r.rankGroup,
      rankedOf: sizes.get(r.r.rankGroup) ?? 0,
      movement: movementView(r.r.rank, places.get(r.r.unitId) ?? null),
    })),
    groups: heads,
    amendments: (await repo.amendmentsOf(db, cycle.id)).map((x) => ({
      unitId: x.unitId,
      decisionNumber: x.decisionNumber,
      decisionDate: x.decisionDate,
      reason: x.reason,
      before: x.before,
      after: x.after,
    })),
  };
}

export class CycleQueries {
  constructor(private deps: CycleDeps) {}

  /** Cycles the reader manages or in which a unit it covers takes part. */
  async list(actor: Actor) {
    const read = scopeOf(actor, 'assessment.read');
    const manage = scopeOf(actor, 'cycle.manage');
    if (scopeIsEmpty(read) && scopeIsEmpty(manage)) throw new AppError('FORBIDDEN');
    const byCycle = new Map<string, Awaited<ReturnType<typeof repo.cycleMembers>>>();
    for (const m of await repo.cycleMembers(this.deps.db)) {
      const list = byCycle.get(m.cycleId);
      if (list) list.push(m);
      else byCycle.set(m.cycleId, [m]);
    }
    const out = [];
    for (const c of await repo.listCycles(this.deps.db)) {
      const members = byCycle.get(c.c.id) ?? [];
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

  async detail(actor: Actor, id: string) {
    return detailView(await loadCycle(this.deps.db, actor, id, 'see'), this.deps.today());
  }

  async assessment(actor: Actor, id: string) {
    const ctx = await loadAssessment(this.deps, actor, id, 'read');
    return assessmentView(actor, ctx, await readSelfAssessment(this.deps.db, ctx), this.deps.today());
  }

  async appraisal(actor: Actor, id: string) {
    const ctx = await loadAssessment(this.deps, actor, id, 'appraisal');
    const items = await repo.itemsOf(this.deps.db, id);
    return appraisalView(
      actor,
      ctx,
      items,
      await repo.appraisalOf(this.deps.db, id),
      this.deps.today(),
      await surveyOf(this.deps.db, ctx),
    );
  }

  /** Units × fields: how much is appraised, waiting for the unit, answered (to decide) or pending. */
  async matrix(actor: Actor, cycleId: string) {
    const ctx = await loadCycle(this.deps.db, actor, cycleId, 'coordinate');
    const apps = await repo.appraisalsOfCycle(this.deps.db, cycleId);
    const leaves = leavesOf(ctx.fw);
    const byUnit = new Map<string, Map<string, (typeof apps)[number]['state']>>();
    for (const x of apps) {
      let m = byUnit.get(x.unitId);
      if (!m) byUnit.set(x.unitId, (m = new Map()));
      m.set(x.code, x.state);
    }
    const gate =
      cycleClosedText(ctx.cycle.status) ??
      gateText(stageGate(ctx.stages, this.deps.today(), ['appraisal', 'supplementation'], ctx.owner.name));
    const fields = ctx.fw.criteria.filter((f) => !f.block).map((f) => ({ code: f.code, title: f.title }));
    // the leaves of each field, computed once
    const fieldLeaves = fields.map((f) =>
      leaves.filter((l) => l.code === f.code || l.code.startsWith(f.code + '.')).map((l) => l.code),
    );
    return {
      fields,
      rows: ctx.members.map((m) => {
        const states = byUnit.get(m.unitId);
        return {
          unitId: m.unitId,
          unitName: m.unitName,
          assessmentId: m.a.id,
          status: m.a.status,
          approval: approvalView(actor, m.pos, m.a, ctx.cycle.status, gate),
          cells: fields.map((f, k) => {
            const cell = {
              field: f.code,
              leaves: fieldLeaves[k]!.length,
              appraised: 0,
              waiting: 0,
              answered: 0,
              pending: 0,
            };
            for (const code of fieldLeaves[k]!) {
              const st = states?.get(code) ?? 'pending';
              switch (st) {
                case 'accepted':
                case 'changed':
                  cell.appraised++;
                  break;
                case 'supplement':
                  cell.waiting++;
                  break;
                case 'answered':
                  cell.answered++;
                  break;
                case 'pending':
                  cell.pending++;
                  break;
                default:
                  assertNever(st);
              }
            }
            return cell;
          }),
        };
      }),
    };
  }

  /** The assignments over the members the reader coordinates. */
  async assignments(actor: Actor, cycleId: string) {
    const ctx = await loadCycle(this.deps.db, actor, cycleId, 'coordinate');
    return assignmentsView(this.deps.db, ctx);
  }

  /** The ranking of the cycle: every unit of the cycle sees it once published (a published
   * decision); the coordinator from finalisation on. */
  async ranking(actor: Actor, cycleId: string) {
    const ctx = await loadCycle(this.deps.db, actor, cycleId, 'rank');
    requireRankingVisible(ctx);
    return rankingView(this.deps.db, actor, ctx);
  }
}

export function requireRankingVisible(ctx: CycleContext) {
  const status = ctx.cycle.status;
  switch (status) {
    case 'open':
      throw new AppError('CYCLE_STATE', 'Kết quả của kỳ đánh giá chưa được công bố.');
    case 'finalised':
      if (!ctx.manages) throw new AppError('CYCLE_STATE', 'Kết quả của kỳ đánh giá chưa được công bố.');
      return;
    case 'published':
      return;
    default:
      assertNever(status);
  }
}

export async function assignmentsView(db: DbOrTx, ctx: CycleContext) {
  const mine = new Set(ctx.members.map((m) => m.unitId));
  return (await repo.assignmentsOf(db, ctx.cycle.id))
    .filter((x) => mine.has(x.a.unitId))
    .map((x) => ({ userId: x.a.userId, userName: x.userName, fieldCode: x.a.fieldCode, unitId: x.a.unitId }));
}
