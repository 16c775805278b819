/** "Việc của tôi" in SQL: a read model over the cycles wing (nothing here writes). The rows of the
 * open cycles whose units lie in the reader's grants, with what the view needs to say what waits:
 * the stages with the unit's extensions, the levels, the criteria typed and backed, the appraisal
 * decisions. Four statements whatever the number of units. */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/open.ts';
import {
  appraisalItems,
  assessmentItems,
  assessments,
  cycles,
  cycleUnits,
  evidenceLinks,
  frameworks,
  units,
} from '../../db/schema.ts';
import { pathColumnInScope } from '../../db/scope.ts';
import type { Scope } from '../auth/scope.ts';

const owner = alias(units, 'owner');

export interface StageJson {
  stage: string;
  dueOn: string;
  state: string;
  extendedTo: string | null;
}
export interface LevelJson {
  unitId: string;
  name: string;
  path: string;
  closed: boolean;
}

/** Every member of an open cycle whose unit lies in `scope`, with its cycle, owner and framework. */
export async function openMembers(db: DbOrTx, scope: Scope) {
  return db
    .select({
      a: assessments,
      unitName: units.name,
      unitPath: units.path,
      cycleId: cycles.id,
      cycleName: cycles.name,
      ownerUnitId: cycles.ownerUnitId,
      ownerName: owner.name,
      ownerPath: owner.path,
      frameworkId: cycles.frameworkId,
      levels: cycleUnits.levels,
      stages: sql<StageJson[]>`(
        select coalesce(json_agg(json_build_object('stage', s.stage, 'dueOn', s.due_on, 'state', s.state,
          'extendedTo', e.due_on)), '[]'::json)
        from cycle_stages s
        left join stage_extensions e on e.cycle_id = s.cycle_id and e.stage = s.stage and e.unit_id = ${assessments.unitId}
        where s.cycle_id = ${cycles.id})`,
      levelUnits: sql<LevelJson[]>`(
        select coalesce(json_agg(json_build_object('unitId', l.id, 'name', l.name, 'path', l.path,
          'closed', l.valid_to is not null)), '[]'::json)
        from units l where l.id in (select (jsonb_array_elements_text(${cycleUnits.levels}))::uuid))`,
    })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .innerJoin(units, eq(units.id, assessments.unitId))
    .innerJoin(owner, eq(owner.id, cycles.ownerUnitId))
    .innerJoin(
      cycleUnits,
      and(eq(cycleUnits.cycleId, assessments.cycleId), eq(cycleUnits.unitId, assessments.unitId)),
    )
    .where(and(eq(cycles.status, 'open'), pathColumnInScope(units.path, scope)))
    .orderBy(cycles.year, cycles.name, units.path);
}

/** The frameworks of those cycles (definitions, parsed by the caller). */
export async function frameworkRows(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: frameworks.id, definition: frameworks.definition })
    .from(frameworks)
    .where(inArray(frameworks.id, ids));
}

/** What was typed and backed per criterion of these self-assessments. */
export async function itemsOf(db: DbOrTx, assessmentIds: string[]) {
  if (!assessmentIds.length) return [];
  return db
    .select({
      assessmentId: assessmentItems.assessmentId,
      code: assessmentItems.code,
      scored: isNotNull(assessmentItems.input),
      explained: sql<boolean>`btrim(${assessmentItems.explanation}) <> ''`,
    })
    .from(assessmentItems)
    .where(inArray(assessmentItems.assessmentId, assessmentIds));
}

/** The criteria with evidence linked, per self-assessment. */
export async function linkedOf(db: DbOrTx, assessmentIds: string[]) {
  if (!assessmentIds.length) return [];
  return db
    .selectDistinct({ assessmentId: evidenceLinks.assessmentId, code: evidenceLinks.code })
    .from(evidenceLinks)
    .where(inArray(evidenceLinks.assessmentId, assessmentIds));
}

/** The appraisal decisions of these self-assessments. */
export async function decisionsOf(db: DbOrTx, assessmentIds: string[]) {
  if (!assessmentIds.length) return [];
  return db
    .select({
      assessmentId: appraisalItems.assessmentId,
      code: appraisalItems.code,
      state: appraisalItems.state,
      supplementDueOn: appraisalItems.supplementDueOn,
      supplementMessage: appraisalItems.supplementMessage,
    })
    .from(appraisalItems)
    .where(inArray(appraisalItems.assessmentId, assessmentIds));
}
