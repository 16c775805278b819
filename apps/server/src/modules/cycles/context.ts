/** The one loader of the cycles wing. A step names what it needs (`AssessmentNeed`, `CycleNeed`);
 * the loader reads everything in one statement — the assessment, its unit, the cycle and its owner,
 * the compiled framework, the stages with the unit's extensions, the appraisal levels — places the
 * actor on the member's levels, and checks, in one place and one order, who may see it, the right
 * the need takes, the criterion named, the gates of approval and the separation of duties. The
 * step then reads only what it changes, and its answer is built from what was loaded. */
import {
  assertNever,
  isUnderAppraisal,
  leavesOf,
  type Compiled,
  type Criterion,
  type Framework,
  type Stage,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { frameworkOf } from '../frameworks/compiled.ts';
import { stageGate } from './gates.ts';
import {
  levelMap,
  ownerLevel,
  positionOf,
  requireNotAuthor,
  type LevelUnit,
  type Position,
} from './levels.ts';
import * as repo from './repository.ts';

/** What the steps of the wing share: the database and the day (Asia/Ho_Chi_Minh, yyyy-mm-dd). */
export interface CycleDeps {
  db: Db;
  today: () => string;
}

/**
 * - `read`: the self-assessment — a reader of the unit, or who runs the cycle;
 * - `write`, `submit`: as `read`, and the unit's right to score (evidence) or to submit;
 * - `appraisal`: the appraisal — as `read`, or who coordinates one of the member's levels;
 * - `appraise`: as `appraisal`, and not one of its authors (separation of duties);
 * - `approve`: who coordinates one of its levels (others learn it exists only if they read the
 *   unit), in an open cycle, while it is under appraisal and appraisal or supplementation is open,
 *   not one of its authors;
 * - `sendBack`: as `approve`, without the authors' rule (sending back approves nothing).
 */
export type AssessmentNeed = 'read' | 'write' | 'submit' | 'appraisal' | 'appraise' | 'approve' | 'sendBack';

export interface AssessmentContext {
  a: repo.AssessmentRow;
  unit: { id: string; name: string; code: string; path: string };
  cycle: repo.CycleRow;
  owner: LevelUnit;
  fwRow: repo.FrameworkRow;
  fw: Framework;
  compiled: Compiled;
  /** The cycle's stages, each with the unit's extension (`extendedTo`). */
  stages: repo.StageRowJson[];
  /** Where the member's appraisal stands, seen by the actor. */
  pos: Position;
  /** The actor runs the cycle (cycle.manage over its owner). */
  manages: boolean;
}

export async function loadAssessment(
  deps: CycleDeps,
  actor: Actor,
  id: string,
  need: AssessmentNeed,
  code: string,
): Promise<AssessmentContext & { leaf: Criterion }>;
export async function loadAssessment(
  deps: CycleDeps,
  actor: Actor,
  id: string,
  need: AssessmentNeed,
): Promise<AssessmentContext>;
export async function loadAssessment(
  deps: CycleDeps,
  actor: Actor,
  id: string,
  need: AssessmentNeed,
  code?: string,
): Promise<AssessmentContext & { leaf?: Criterion }> {
  const row = await repo.assessmentContextRow(deps.db, id);
  if (!row) throw new AppError('ASSESSMENT_NOT_FOUND');
  const owner = ownerLevel(row.c, row.ownerName, row.ownerPath);
  const levels = row.levels ?? [];
  const pos = positionOf(actor, owner, levelMap(owner, row.levelUnits), { levels, a: row.a });
  const manages = pathInScope(scopeOf(actor, 'cycle.manage'), row.ownerPath);
  const reads = pathInScope(scopeOf(actor, 'assessment.read'), row.unitPath);
  // outside the reader's grants a self-assessment does not exist for them
  switch (need) {
    case 'read':
    case 'write':
    case 'submit':
      if (!reads && !manages) throw new AppError('ASSESSMENT_NOT_FOUND');
      if (need !== 'read')
        requireInScope(actor, need === 'write' ? 'assessment.write' : 'assessment.submit', row.unitPath);
      break;
    case 'appraisal':
    case 'appraise':
      if (!manages && !pos.coordinates && !reads) throw new AppError('ASSESSMENT_NOT_FOUND');
      break;
    case 'approve':
    case 'sendBack':
      if (!manages && !pos.coordinates) throw new AppError(reads ? 'FORBIDDEN' : 'ASSESSMENT_NOT_FOUND');
      break;
    default:
      assertNever(need);
  }
  const { fw, compiled } = frameworkOf(row.fw);
  const ctx: AssessmentContext = {
    a: row.a,
    unit: { id: row.a.unitId, name: row.unitName, code: row.unitCode, path: row.unitPath },
    cycle: row.c,
    owner,
    fwRow: row.fw,
    fw,
    compiled,
    stages: row.stages,
    pos,
    manages,
  };
  const leaf = code === undefined ? undefined : leafOf(fw, code);
  if (need === 'approve' || need === 'sendBack') {
    if (row.c.status !== 'open') throw new AppError('CYCLE_STATE', 'Kỳ đánh giá đã hoàn thiện kết quả.');
    if (!isUnderAppraisal(row.a.status))
      throw new AppError(
        'ASSESSMENT_STATE',
        'Đơn vị chưa gửi bản tự đánh giá (hoặc đang được trả lại để sửa).',
      );
    requireStage(ctx.stages, deps.today(), ['appraisal', 'supplementation'], owner.name);
  }
  if (need === 'appraise' || need === 'approve') requireNotAuthor(actor, row.a);
  return { ...ctx, leaf };
}

function leafOf(fw: Framework, code: string): Criterion {
  const leaf = leavesOf(fw).find((l) => l.code === code);
  if (!leaf) throw new AppError('VALIDATION', `"${code}" không phải tiêu chí chấm điểm của bộ tiêu chí.`);
  return leaf;
}

/** The one stage gate: a write is allowed when one of `names` is open and its due date (with the
 * unit's extension when `extension`) has not passed. Otherwise the first stage says why (gates.ts):
 * who opens it and when, or that it closed (a passed deadline counts as closed). */
export function requireStage(
  stages: readonly repo.StageRowJson[],
  today: string,
  names: readonly Stage[],
  ownerName: string,
  opts: { extension?: boolean } = {},
): void {
  const g = stageGate(stages, today, names, ownerName, opts);
  if (!g.ok) throw new AppError(g.code, g.message);
}

/**
 * - `see`: the cycle's screen — who runs it sees every member, others the members they read or
 *   coordinate (none: the cycle does not exist for them);
 * - `manage`: who runs it (a reader of a member learns it exists, others do not);
 * - `coordinate`: who coordinates a level of some members (or runs it): those members;
 * - `rank`: the ranking — who runs it, or reads one of its members.
 */
export type CycleNeed = 'see' | 'manage' | 'coordinate' | 'rank';

export type Member = Awaited<ReturnType<typeof repo.cycleMembers>>[number] & { pos: Position };

export interface CycleContext {
  cycle: repo.CycleRow;
  owner: LevelUnit;
  fwRow: repo.FrameworkRow;
  fw: Framework;
  compiled: Compiled;
  stages: repo.StageRowJson[];
  manages: boolean;
  /** Every member, placed for the actor. */
  all: Member[];
  /** The members the need covers: those seen (`see`), coordinated (`coordinate`), else all. */
  members: Member[];
}

export async function loadCycle(
  db: DbOrTx,
  actor: Actor,
  id: string,
  need: CycleNeed,
  unitId: string | null = null,
): Promise<CycleContext> {
  const row = await repo.cycleContextRow(db, id, unitId);
  if (!row) throw new AppError('CYCLE_NOT_FOUND');
  const owner = ownerLevel(row.c, row.ownerName, row.ownerPath);
  const units = levelMap(owner, row.levelUnits);
  const all = (await repo.cycleMembers(db, id)).map((m) => ({
    ...m,
    pos: positionOf(actor, owner, units, m),
  }));
  const manages = pathInScope(scopeOf(actor, 'cycle.manage'), row.ownerPath);
  const read = scopeOf(actor, 'assessment.read');
  const readsOne = () => all.some((m) => pathInScope(read, m.unitPath));
  let members = all;
  switch (need) {
    case 'see':
      if (manages) break;
      members = all.filter((m) => m.pos.coordinates || pathInScope(read, m.unitPath));
      if (!members.length) throw new AppError('CYCLE_NOT_FOUND');
      break;
    case 'manage':
      if (!manages) throw new AppError(readsOne() ? 'FORBIDDEN' : 'CYCLE_NOT_FOUND');
      break;
    case 'coordinate':
      members = all.filter((m) => m.pos.coordinates);
      if (!members.length) throw new AppError(readsOne() ? 'FORBIDDEN' : 'CYCLE_NOT_FOUND');
      break;
    case 'rank':
      if (!manages && !readsOne()) throw new AppError('CYCLE_NOT_FOUND');
      break;
    default:
      assertNever(need);
  }
  const { fw, compiled } = frameworkOf(row.fw);
  return { cycle: row.c, owner, fwRow: row.fw, fw, compiled, stages: row.stages, manages, all, members };
}
