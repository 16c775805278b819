import { randomUUID } from 'node:crypto';
import {
  cloneFramework,
  frameworkToJson,
  parseFrameworkJson,
  toDbNumeric,
  validateFramework,
  type Framework,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { appendAudit } from '../audit/repository.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { getUnit } from '../units/repository.ts';
import * as repo from './repository.ts';

type Joined = NonNullable<Awaited<ReturnType<typeof repo.getFramework>>>;

function summary(j: Joined) {
  const f = j.f;
  return {
    id: f.id,
    code: f.code,
    version: f.version,
    name: f.name,
    yearFrom: f.yearFrom,
    yearTo: f.yearTo,
    status: f.status as 'draft' | 'published' | 'retired',
    totalMax: f.totalMax.replace(/\.?0+$/, ''),
    ownerUnitId: f.ownerUnitId,
    ownerUnitName: j.ownerName ?? null,
    publishedAt: f.publishedAt ? f.publishedAt.toISOString() : null,
  };
}

export class FrameworkService {
  constructor(private db: Db) {}

  /** Published and retired frameworks are read by every role that reads frameworks (they are issued
   * documents); drafts only by those who may write the owner's frameworks. */
  private canSeeDraft(actor: Actor, j: Joined): boolean {
    const scope = scopeOf(actor, 'framework.write');
    return j.f.ownerUnitId === null ? scope.all : pathInScope(scope, j.ownerPath ?? '');
  }

  private requireWrite(actor: Actor, ownerUnitId: string | null, ownerPath: string | null) {
    if (ownerUnitId === null) {
      if (!scopeOf(actor, 'framework.write').all)
        throw new AppError(
          'FORBIDDEN',
          'Chỉ quản trị hệ thống quản lý bộ tiêu chí dùng chung toàn hệ thống.',
        );
      return;
    }
    requireInScope(actor, 'framework.write', ownerPath ?? '');
  }

  async list(actor: Actor) {
    if (scopeIsEmpty(scopeOf(actor, 'framework.read'))) throw new AppError('FORBIDDEN');
    const rows = await repo.listFrameworks(this.db);
    return rows.filter((j) => j.f.status !== 'draft' || this.canSeeDraft(actor, j)).map(summary);
  }

  private async mustGet(id: string, actor: Actor) {
    const j = await repo.getFramework(this.db, id);
    if (!j || (j.f.status === 'draft' && !this.canSeeDraft(actor, j)))
      throw new AppError('FRAMEWORK_NOT_FOUND');
    return j;
  }

  async detail(actor: Actor, id: string) {
    const j = await this.mustGet(id, actor);
    const parsed = parseFrameworkJson(j.f.definition);
    return {
      framework: summary(j),
      definition: j.f.definition,
      issues: parsed.framework
        ? validateFramework(parsed.framework)
        : parsed.errors.map((m) => ({ criterion: '', message: m, severity: 'error' as const })),
    };
  }

  private async insertDraft(actor: Actor, fw: Framework, ownerUnitId: string | null, reason: string) {
    return this.db.transaction(async (tx) => {
      const version = await repo.nextVersion(tx, fw.code);
      const row = await repo.insertFramework(tx, {
        id: randomUUID(),
        code: fw.code,
        version,
        name: fw.name,
        yearFrom: fw.yearFrom,
        yearTo: fw.yearTo ?? null,
        status: 'draft',
        totalMax: toDbNumeric(fw.totalMax),
        definition: frameworkToJson(fw),
        ownerUnitId,
        createdBy: actor.id,
      });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'framework.create',
        entity: 'framework',
        entityId: row.id,
        unitId: ownerUnitId,
        after: { code: fw.code, version, name: fw.name, status: 'draft' },
        reason,
      });
      return (await repo.getFramework(tx, row.id))!;
    });
  }

  /** Import a framework (JSON form) as a new draft version; a framework with errors changes nothing. */
  async importJson(actor: Actor, ownerUnitId: string | null, definition: unknown) {
    const owner = ownerUnitId ? await getUnit(this.db, ownerUnitId) : null;
    if (ownerUnitId && !owner) throw new AppError('UNIT_NOT_FOUND');
    this.requireWrite(actor, ownerUnitId, owner?.path ?? null);
    const parsed = parseFrameworkJson(definition);
    if (!parsed.framework)
      throw new AppError('FRAMEWORK_INVALID', undefined, {
        issues: parsed.errors.map((m) => ({ criterion: '', message: m, severity: 'error' })),
      });
    const errors = validateFramework(parsed.framework).filter((i) => i.severity === 'error');
    if (errors.length) throw new AppError('FRAMEWORK_INVALID', undefined, { issues: errors });
    return summary(await this.insertDraft(actor, parsed.framework, ownerUnitId, 'Nhập bộ tiêu chí'));
  }

  async publish(actor: Actor, id: string, reason?: string) {
    const j = await this.mustGet(id, actor);
    this.requireWrite(actor, j.f.ownerUnitId, j.ownerPath);
    if (j.f.status !== 'draft')
      throw new AppError(
        'FRAMEWORK_STATE',
        'Chỉ bộ tiêu chí ở trạng thái dự thảo mới được ban hành; bản đã ban hành được giữ nguyên.',
      );
    const parsed = parseFrameworkJson(j.f.definition);
    const errors = parsed.framework
      ? validateFramework(parsed.framework).filter((i) => i.severity === 'error')
      : [{ criterion: '', message: 'Định nghĩa không hợp lệ', severity: 'error' as const }];
    if (errors.length) throw new AppError('FRAMEWORK_INVALID', undefined, { issues: errors });
    await this.db.transaction(async (tx) => {
      const r = await repo.setStatus(tx, id, 'draft', { status: 'published', publishedAt: new Date() });
      if (!r) throw new AppError('FRAMEWORK_STATE');
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'framework.publish',
        entity: 'framework',
        entityId: id,
        unitId: j.f.ownerUnitId,
        before: { status: 'draft' },
        after: { status: 'published', code: j.f.code, version: j.f.version },
        reason: reason ?? null,
      });
    });
    return summary((await repo.getFramework(this.db, id))!);
  }

  async retire(actor: Actor, id: string, reason?: string) {
    const j = await this.mustGet(id, actor);
    this.requireWrite(actor, j.f.ownerUnitId, j.ownerPath);
    if (j.f.status !== 'published')
      throw new AppError('FRAMEWORK_STATE', 'Chỉ bộ tiêu chí đang áp dụng mới được ngừng áp dụng.');
    await this.db.transaction(async (tx) => {
      const r = await repo.setStatus(tx, id, 'published', { status: 'retired', retiredAt: new Date() });
      if (!r) throw new AppError('FRAMEWORK_STATE');
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'framework.retire',
        entity: 'framework',
        entityId: id,
        unitId: j.f.ownerUnitId,
        before: { status: 'published' },
        after: { status: 'retired' },
        reason: reason ?? null,
      });
    });
    return summary((await repo.getFramework(this.db, id))!);
  }

  async clone(actor: Actor, id: string, year: number) {
    const j = await this.mustGet(id, actor);
    this.requireWrite(actor, j.f.ownerUnitId, j.ownerPath);
    const parsed = parseFrameworkJson(j.f.definition);
    if (!parsed.framework) throw new AppError('FRAMEWORK_INVALID');
    return summary(
      await this.insertDraft(
        actor,
        cloneFramework(parsed.framework, year),
        j.f.ownerUnitId,
        `Sao chép từ ${j.f.code} phiên bản ${j.f.version}`,
      ),
    );
  }
}
