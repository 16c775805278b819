/** Survey forms as data, versioned (draft → published → retired, as frameworks): import a version,
 * publish it (frozen from then on), retire it. Shipped forms (content/surveys) are installed published
 * and system-wide. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseSurveyForm, ratingQuestions, formQuestions, type SurveyForm } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, requireSystemWide, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { getUnit } from '../units/service.ts';
import * as repo from './repository.ts';

export const SURVEY_CONTENT_DIR = path.resolve(import.meta.dirname, '../../../../../content/surveys');

type Joined = NonNullable<Awaited<ReturnType<typeof repo.getForm>>>;

function summary(j: Joined) {
  const def = j.f.definition;
  return {
    id: j.f.id,
    code: j.f.code,
    version: j.f.version,
    name: j.f.name,
    respondentKind: j.f.respondentKind,
    status: j.f.status,
    isExample: j.f.isExample,
    ownerUnitId: j.f.ownerUnitId,
    ownerUnitName: j.ownerName ?? null,
    questionCount: formQuestions(def).length,
    revision: j.f.revision,
    publishedAt: j.f.publishedAt?.toISOString() ?? null,
  };
}

/** A published form version by id (for campaigns, ballots and results), or undefined. */
export async function publishedForm(db: DbOrTx, id: string) {
  const j = await repo.getForm(db, id);
  return j && j.f.status !== 'draft' ? j.f : undefined;
}

/** Installs the shipped forms that are not there yet, published and system-wide (first start, demo). */
export async function installShippedForms(db: DbOrTx): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const file of fs
    .readdirSync(SURVEY_CONTENT_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = parseSurveyForm(JSON.parse(fs.readFileSync(path.join(SURVEY_CONTENT_DIR, file), 'utf8')));
    if ('issues' in parsed) throw new Error(`${file}: ${parsed.issues.map((i) => i.message).join('; ')}`);
    const form = parsed.form;
    const existing = await repo.formsByCode(db, form.code);
    if (existing.length) {
      ids.set(form.code, existing[0]!.id);
      continue;
    }
    const row = await repo.insertForm(db, {
      id: randomUUID(),
      code: form.code,
      version: 1,
      name: form.name,
      respondentKind: form.respondentKind,
      status: 'published',
      definition: form,
      isExample: form.isExample ?? false,
      ownerUnitId: null,
      publishedAt: new Date(),
    });
    ids.set(form.code, row.id);
  }
  return ids;
}

export class SurveyFormService {
  constructor(private db: Db) {}

  private canManage(actor: Actor, j: Joined): boolean {
    const scope = scopeOf(actor, 'survey.manage');
    return j.f.ownerUnitId === null ? scope.all : pathInScope(scope, j.ownerPath ?? '');
  }

  private canRead(actor: Actor, j: Joined): boolean {
    if (j.f.status === 'draft') return this.canManage(actor, j);
    return !scopeIsEmpty(scopeOf(actor, 'survey.read'));
  }

  async list(actor: Actor) {
    if (scopeIsEmpty(scopeOf(actor, 'survey.read'))) throw new AppError('FORBIDDEN');
    return (await repo.listForms(this.db)).filter((j) => this.canRead(actor, j)).map(summary);
  }

  async get(actor: Actor, id: string) {
    const j = await repo.getForm(this.db, id);
    if (!j || !this.canRead(actor, j)) throw new AppError('NOT_FOUND');
    return { ...summary(j), definition: j.f.definition };
  }

  /** A new draft version of a form (version = last + 1 of its code), owned by a unit or system-wide. */
  async importForm(actor: Actor, ownerUnitId: string | null, definition: unknown) {
    if (ownerUnitId === null) requireSystemWide(actor, 'survey.manage');
    else {
      const unit = await getUnit(this.db, ownerUnitId);
      if (!unit) throw new AppError('UNIT_NOT_FOUND');
      requireInScope(actor, 'survey.manage', unit.path);
    }
    const parsed = parseSurveyForm(definition);
    if ('issues' in parsed)
      throw new AppError('SURVEY_FORM_INVALID', parsed.issues.map((i) => i.message).join(' '), {
        issues: parsed.issues,
      });
    const form: SurveyForm = parsed.form;
    return this.db.transaction(async (tx) => {
      const versions = await repo.formsByCode(tx, form.code);
      if (versions.some((v) => v.ownerUnitId !== ownerUnitId))
        throw new AppError(
          'SURVEY_FORM_INVALID',
          `Mã phiếu "${form.code}" đã thuộc về đơn vị khác (hoặc là phiếu dùng chung); hãy đặt mã khác.`,
        );
      const row = await repo.insertForm(tx, {
        id: randomUUID(),
        code: form.code,
        version: (versions[0]?.version ?? 0) + 1,
        name: form.name,
        respondentKind: form.respondentKind,
        status: 'draft',
        definition: form,
        isExample: form.isExample ?? false,
        ownerUnitId,
        createdBy: actor.id,
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.form.import',
        entity: 'survey_form',
        entityId: row.id,
        unitId: ownerUnitId,
        after: { code: row.code, version: row.version, questions: ratingQuestions(form).length },
        reason: null,
      });
      return { id: row.id, version: row.version };
    });
  }

  /** draft → published (frozen), published → retired. */
  async transition(actor: Actor, id: string, to: 'published' | 'retired', reason?: string) {
    return this.db.transaction(async (tx) => {
      const j = await repo.getForm(tx, id, true);
      if (!j || !this.canRead(actor, j)) throw new AppError('NOT_FOUND');
      if (!this.canManage(actor, j)) throw new AppError('FORBIDDEN_UNIT');
      const from = j.f.status;
      if ((to === 'published' && from !== 'draft') || (to === 'retired' && from !== 'published'))
        throw new AppError(
          'SURVEY_FORM_STATE',
          to === 'published' ? 'Phiếu này đã được ban hành.' : 'Chỉ ngừng áp dụng được phiếu đang ban hành.',
        );
      const now = new Date();
      await repo.updateForm(
        tx,
        id,
        to === 'published' ? { status: to, publishedAt: now } : { status: to, retiredAt: now },
      );
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: to === 'published' ? 'survey.form.publish' : 'survey.form.retire',
        entity: 'survey_form',
        entityId: id,
        unitId: j.f.ownerUnitId,
        before: { status: from },
        after: { status: to },
        reason: reason ?? null,
      });
      return { id, status: to };
    });
  }
}
