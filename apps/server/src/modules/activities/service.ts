/** Activity records (issue #16 item 3): what a unit did that targets count — inspections (planned or
 * not, done, issues found and resolved), news articles, contests and conferences, training against a
 * quota, initiatives, dialogues with citizens. A reader sees the records of the units in its subtree,
 * nothing of another tree; a unit's officers, head and coordinators record, correct and remove them;
 * every change is audited. A record may implement a plan (of the unit or a level above) and cite a
 * document of the unit's evidence registry. */
import { randomUUID } from 'node:crypto';
import type { ActivityBodyT } from '@chiso/contracts';
import {
  ACTIVITY_FIGURES,
  ACTIVITY_KIND_LABELS,
  activityProblem,
  type ActivityFigure,
  type ActivityKind,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { unitEvidence } from '../evidence/service.ts';
import { planRef } from '../plans/service.ts';
import { getUnit, listUnits } from '../units/service.ts';
import * as repo from './repository.ts';

type Input = ActivityBodyT;

/** What is audited of a record (before and after a change). */
function snapshot(a: repo.ActivityRow) {
  return {
    unitId: a.unitId,
    kind: a.kind,
    title: a.title,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    planned: a.planned,
    done: a.done,
    subject: a.subject,
    subjectUnitId: a.subjectUnitId,
    coordinatingUnitIds: a.coordinatingUnitIds,
    link: a.link,
    note: a.note,
    ...Object.fromEntries(ACTIVITY_FIGURES.map((f) => [f, a[f]])),
    planId: a.planId,
    evidenceId: a.evidenceId,
  };
}

export class ActivityService {
  constructor(private db: Db) {}

  async list(
    actor: Actor,
    q: { unitId?: string | undefined; kind?: ActivityKind | undefined; year?: number | undefined },
  ) {
    const scope = scopeOf(actor, 'activity.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    let underPath: string | undefined;
    if (q.unitId) {
      const u = await getUnit(this.db, q.unitId);
      if (!u || !pathInScope(scope, u.path)) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị.');
      underPath = u.path;
    }
    const rows = await repo.listActivities(this.db, scope, {
      ...(underPath ? { underPath } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.year ? { year: q.year } : {}),
    });
    const names = await repo.unitNames(this.db, [...new Set(rows.flatMap((r) => r.a.coordinatingUnitIds))]);
    const writeScope = scopeOf(actor, 'activity.write');
    const writable = scopeIsEmpty(writeScope)
      ? []
      : await listUnits(this.db, writeScope, { includeClosed: false, words: [] });
    return {
      items: rows.map((r) => this.view(r, names, pathInScope(writeScope, r.unitPath))),
      writableUnits: writable.slice(0, 500).map((u) => ({ id: u.id, name: u.name })),
    };
  }

  async detail(actor: Actor, id: string) {
    const r = await repo.getActivity(this.db, id);
    if (!r || !pathInScope(scopeOf(actor, 'activity.read'), r.unitPath)) throw new AppError('NOT_FOUND');
    const names = await repo.unitNames(this.db, r.a.coordinatingUnitIds);
    return this.view(r, names, pathInScope(scopeOf(actor, 'activity.write'), r.unitPath));
  }

  private view(r: repo.ActivityJoined, names: Map<string, string>, canWrite: boolean) {
    const a = r.a;
    return {
      id: a.id,
      unitId: a.unitId,
      unitName: r.unitName,
      kind: a.kind as ActivityKind,
      kindLabel: ACTIVITY_KIND_LABELS[a.kind as ActivityKind],
      title: a.title,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      planned: a.planned,
      done: a.done,
      subject: a.subject,
      subjectUnitId: a.subjectUnitId,
      subjectUnitName: r.subjectUnitName,
      link: a.link,
      coordinatingUnits: a.coordinatingUnitIds.map((id) => ({ id, name: names.get(id) ?? '' })),
      issuesFound: a.issuesFound,
      issuesResolved: a.issuesResolved,
      quota: a.quota,
      trained: a.trained,
      participants: a.participants,
      plan: a.planId && r.planNumber ? { id: a.planId, number: r.planNumber } : null,
      evidence:
        a.evidenceId && r.evidenceNumber ? { id: a.evidenceId, numberSymbol: r.evidenceNumber } : null,
      note: a.note,
      canWrite,
    };
  }

  /** The row a valid input makes (checked against the unit, the plan, the evidence, the units named). */
  private async row(actor: Actor, input: Input) {
    const unit = await getUnit(this.db, input.unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'activity.write', unit.path);
    const figures: Partial<Record<ActivityFigure, number>> = {};
    for (const f of ACTIVITY_FIGURES) if (input[f] !== undefined) figures[f] = input[f];
    const problem = activityProblem({
      kind: input.kind,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      figures,
    });
    if (problem) throw new AppError('ACTIVITY_INVALID', problem);
    if (input.planId) {
      const p = await planRef(this.db, input.planId);
      if (!p || !unit.path.startsWith(p.issuingUnitPath))
        throw new AppError(
          'ACTIVITY_INVALID',
          'Kế hoạch được thực hiện phải là kế hoạch của đơn vị hoặc của cấp trên.',
        );
    }
    if (input.evidenceId && !(await unitEvidence(this.db, unit.id, input.evidenceId)))
      throw new AppError('ACTIVITY_INVALID', `Văn bản dẫn chứng phải là tài liệu của ${unit.name}.`);
    const readScope = scopeOf(actor, 'unit.read');
    const named = [...new Set(input.coordinatingUnitIds ?? [])];
    for (const id of [...named, ...(input.subjectUnitId ? [input.subjectUnitId] : [])]) {
      const u = await getUnit(this.db, id);
      if (!u || !pathInScope(readScope, u.path))
        throw new AppError('ACTIVITY_INVALID', 'Không tìm thấy đơn vị được nêu trong hoạt động.');
    }
    return {
      unit,
      row: {
        unitId: unit.id,
        kind: input.kind,
        title: input.title.trim(),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        planned: input.kind === 'inspection' ? (input.planned ?? false) : false,
        done: input.done ?? true,
        subject: input.subject?.trim() ?? '',
        subjectUnitId: input.subjectUnitId ?? null,
        link: input.link ?? null,
        coordinatingUnitIds: named,
        ...Object.fromEntries(ACTIVITY_FIGURES.map((f) => [f, figures[f] ?? null])),
        planId: input.planId ?? null,
        evidenceId: input.evidenceId ?? null,
        note: input.note?.trim() ?? '',
      },
    };
  }

  async create(actor: Actor, input: Input) {
    const { unit, row } = await this.row(actor, input);
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await repo.insertActivity(tx, { id, ...row, createdBy: actor.id });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'activity.create',
        entity: 'activity',
        entityId: id,
        unitId: unit.id,
        after: snapshot({ ...(await repo.lockActivity(tx, id))! }),
        reason: null,
      });
    });
    return this.detail(actor, id);
  }

  async update(actor: Actor, id: string, input: Input) {
    const before = await repo.getActivity(this.db, id);
    if (!before || !pathInScope(scopeOf(actor, 'activity.read'), before.unitPath))
      throw new AppError('NOT_FOUND');
    requireInScope(actor, 'activity.write', before.unitPath);
    const { unit, row } = await this.row(actor, input);
    await this.db.transaction(async (tx) => {
      const now = await repo.lockActivity(tx, id);
      if (!now) throw new AppError('NOT_FOUND');
      await repo.updateActivity(tx, id, row);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'activity.update',
        entity: 'activity',
        entityId: id,
        unitId: unit.id,
        before: snapshot(now),
        after: snapshot((await repo.lockActivity(tx, id))!),
        reason: null,
      });
    });
    return this.detail(actor, id);
  }

  async remove(actor: Actor, id: string) {
    const before = await repo.getActivity(this.db, id);
    if (!before || !pathInScope(scopeOf(actor, 'activity.read'), before.unitPath))
      throw new AppError('NOT_FOUND');
    requireInScope(actor, 'activity.write', before.unitPath);
    await this.db.transaction(async (tx) => {
      const now = await repo.lockActivity(tx, id);
      if (!now) throw new AppError('NOT_FOUND');
      await repo.deleteActivity(tx, id);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'activity.delete',
        entity: 'activity',
        entityId: id,
        unitId: now.unitId,
        before: snapshot(now),
        after: null,
        reason: null,
      });
    });
    return { deleted: true as const };
  }
}
