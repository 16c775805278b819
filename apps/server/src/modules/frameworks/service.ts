import { randomUUID } from 'node:crypto';
import {
  cloneFramework,
  CRITERIA_NUMERIC,
  BAND_NUMERIC,
  formatRule,
  frameworkToJson,
  LIMITS,
  quoteInput,
  frameworkToSheets,
  parseFrameworkJson,
  parsePoints,
  roleAllows,
  sheetsToFramework,
  SHEET_BANDS,
  SHEET_CRITERIA,
  SHEET_INFO,
  toDbNumeric,
  validateFramework,
  type Criterion,
  type Framework,
} from '@chiso/domain';
import { addSheet, newWorkbook, readSheets, workbookBuffer, type CellIn } from '../../lib/xlsx.ts';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { getUnit } from '../units/service.ts';
import * as repo from './repository.ts';

/** What other modules may read of frameworks (they do not reach into this module's repository). */
export { getFramework, listFrameworks } from './repository.ts';
export type { FrameworkRow } from './repository.ts';

type Joined = NonNullable<Awaited<ReturnType<typeof repo.getFramework>>>;

export function summary(j: Joined) {
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

/** What changed between two versions of a draft, criterion by criterion (for the audit trail). */
export function diffFrameworks(a: Framework, b: Framework) {
  const flat = (fw: Framework) => {
    const m = new Map<string, Criterion>();
    const visit = (c: Criterion) => {
      m.set(c.code, c);
      c.children?.forEach(visit);
    };
    fw.criteria.forEach(visit);
    return m;
  };
  const view = (c: Criterion) => ({
    title: c.title,
    max: toDbNumeric(c.max),
    rule: c.rule ? formatRule(c.rule) : '',
    guidance: c.guidance ?? '',
    evidenceRequired: c.evidenceRequired ?? null,
    mayBeNotApplicable: c.mayBeNotApplicable ?? null,
    block: c.block ?? null,
  });
  const A = flat(a);
  const B = flat(b);
  const changes: { code: string; before: unknown; after: unknown }[] = [];
  for (const [code, c] of A) {
    const d = B.get(code);
    if (!d) changes.push({ code, before: view(c), after: null });
    else {
      const va = view(c);
      const vb = view(d);
      const keys = (Object.keys(va) as (keyof typeof va)[]).filter((k) => va[k] !== vb[k]);
      if (keys.length)
        changes.push({
          code,
          before: Object.fromEntries(keys.map((k) => [k, va[k]])),
          after: Object.fromEntries(keys.map((k) => [k, vb[k]])),
        });
    }
  }
  for (const [code, d] of B) if (!A.has(code)) changes.push({ code, before: null, after: view(d) });
  const head: Record<string, [unknown, unknown]> = {};
  const ja = frameworkToJson({ ...a, criteria: [] }) as Record<string, unknown>;
  const jb = frameworkToJson({ ...b, criteria: [] }) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ja), ...Object.keys(jb)]))
    if (JSON.stringify(ja[k]) !== JSON.stringify(jb[k])) head[k] = [ja[k], jb[k]];
  return { criteria: changes, framework: head };
}

/** A sheet's text rows as cells: points columns become numbers (hundredths), the rest stays text. */
function typedRows(rows: string[][], numeric: Set<number>): CellIn[][] {
  return rows.map((r) =>
    r.map((v, i) => {
      if (!numeric.has(i)) return v;
      const h = parsePoints(v);
      return h === null ? v : h;
    }),
  );
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
      revision: j.f.revision,
      definition: j.f.definition,
      issues: parsed.framework ? validateFramework(parsed.framework) : parsed.issues,
    };
  }

  /** A code belongs to the owner of its first version (system-wide codes to administrators):
   * another owner gets FRAMEWORK_CODE_TAKEN, naming the owner only when the actor may see it. */
  private async requireCodeOwner(tx: DbOrTx, actor: Actor, code: string, ownerUnitId: string | null) {
    const owner = await repo.codeOwner(tx, code);
    if (!owner || owner.ownerUnitId === ownerUnitId) return;
    const seen =
      owner.ownerUnitId === null
        ? 'là mã của bộ tiêu chí dùng chung toàn hệ thống'
        : pathInScope(scopeOf(actor, 'unit.read'), owner.ownerPath ?? '')
          ? `đã thuộc về “${owner.ownerName}”`
          : null;
    throw new AppError(
      'FRAMEWORK_CODE_TAKEN',
      seen
        ? `Mã bộ tiêu chí ${quoteInput(code, LIMITS.frameworkCode)} ${seen}; hãy đặt mã khác cho bộ tiêu chí của đơn vị bạn.`
        : undefined,
    );
  }

  private async insertDraft(actor: Actor, fw: Framework, ownerUnitId: string | null, reason: string) {
    return this.db.transaction(async (tx) => {
      await repo.lockCode(tx, fw.code);
      await this.requireCodeOwner(tx, actor, fw.code, ownerUnitId);
      // versions are numbered within the code, all of one owner
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
      await audit(tx, {
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
    if (!parsed.framework) throw new AppError('FRAMEWORK_INVALID', undefined, { issues: parsed.issues });
    const errors = validateFramework(parsed.framework).filter((i) => i.severity === 'error');
    if (errors.length) throw new AppError('FRAMEWORK_INVALID', undefined, { issues: errors });
    return summary(await this.insertDraft(actor, parsed.framework, ownerUnitId, 'Nhập bộ tiêu chí'));
  }

  /** Save an edited draft exactly as typed, or not at all: a value that is not what it claims to be
   * (a maximum "ba") or any other error is refused with every problem listed by criterion code, and
   * nothing is stored (warnings do not block). The code cannot change; an edit from an older
   * revision is refused; a published version stays frozen. */
  async update(actor: Actor, id: string, definition: unknown, baseRevision: number, reason?: string) {
    const j = await this.mustGet(id, actor);
    this.requireWrite(actor, j.f.ownerUnitId, j.ownerPath);
    if (j.f.status !== 'draft')
      throw new AppError(
        'FRAMEWORK_STATE',
        'Bộ tiêu chí đã ban hành được giữ nguyên; hãy sao chép thành bản dự thảo mới để sửa.',
      );
    const parsed = parseFrameworkJson(definition);
    if (!parsed.framework) throw new AppError('FRAMEWORK_INVALID', undefined, { issues: parsed.issues });
    const fw = parsed.framework;
    if (fw.code !== j.f.code)
      throw new AppError('FRAMEWORK_INVALID', undefined, {
        issues: [
          {
            criterion: '',
            severity: 'error',
            message: `Không đổi được mã bộ tiêu chí (${j.f.code}) khi sửa; hãy nhập thành bộ tiêu chí mới.`,
          },
        ],
      });
    const refused = validateFramework(fw).filter((i) => i.severity === 'error');
    if (refused.length) throw new AppError('FRAMEWORK_INVALID', undefined, { issues: refused });
    const before = parseFrameworkJson(j.f.definition).framework;
    const diff = before ? diffFrameworks(before, fw) : null;
    const revision = await this.db.transaction(async (tx) => {
      const r = await repo.updateDraft(tx, id, baseRevision, {
        name: fw.name,
        yearFrom: fw.yearFrom,
        yearTo: fw.yearTo ?? null,
        totalMax: toDbNumeric(fw.totalMax),
        definition: frameworkToJson(fw),
      });
      if (!r) {
        const now = await repo.getFramework(tx, id);
        if (now?.f.status !== 'draft') throw new AppError('FRAMEWORK_STATE');
        throw new AppError('FRAMEWORK_CONFLICT', undefined, { revision: now.f.revision });
      }
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'framework.update',
        entity: 'framework',
        entityId: id,
        unitId: j.f.ownerUnitId,
        before: {
          revision: baseRevision,
          changes: diff?.criteria.map((c) => ({ code: c.code, ...(c.before as object) })),
          framework: diff
            ? Object.fromEntries(Object.entries(diff.framework).map(([k, v]) => [k, v[0]]))
            : null,
        },
        after: {
          revision: r.revision,
          changes: diff?.criteria.map((c) => ({ code: c.code, ...(c.after as object) })),
          framework: diff
            ? Object.fromEntries(Object.entries(diff.framework).map(([k, v]) => [k, v[1]]))
            : null,
        },
        reason: reason ?? 'Sửa bản dự thảo',
      });
      return r.revision;
    });
    return {
      framework: summary((await repo.getFramework(this.db, id))!),
      revision,
      issues: validateFramework(fw),
    };
  }

  /** The framework as a file: its JSON form, or the workbook (information, criteria, bands). */
  async exportFile(actor: Actor, id: string, format: 'json' | 'xlsx') {
    const j = await this.mustGet(id, actor);
    const name = `${j.f.code}-v${j.f.version}`.replace(/[^A-Za-z0-9._-]/g, '_');
    if (format === 'json')
      return {
        name,
        ext: 'json',
        mime: 'application/json; charset=utf-8',
        body: Buffer.from(JSON.stringify(j.f.definition, null, 2) + '\n', 'utf8'),
      };
    const parsed = parseFrameworkJson(j.f.definition);
    if (!parsed.framework) throw new AppError('FRAMEWORK_INVALID');
    const fw = parsed.framework;
    const sheets = frameworkToSheets(fw);
    const wb = newWorkbook();
    const title = [fw.name.toLocaleUpperCase('vi'), `Mã ${fw.code}, phiên bản ${j.f.version}`];
    addSheet(
      wb,
      {
        name: SHEET_INFO,
        title,
        columns: [
          { header: sheets.info[0]![0]!, width: 30 },
          { header: sheets.info[0]![1]!, width: 90 },
        ],
      },
      sheets.info.slice(1),
    );
    const widths = [10, 60, 10, 50, 50, 14, 14, 12, 10];
    addSheet(
      wb,
      {
        name: SHEET_CRITERIA,
        title,
        columns: sheets.criteria[0]!.map((h, i) => ({
          header: h,
          width: widths[i],
          type: CRITERIA_NUMERIC.has(i) ? ('points' as const) : ('text' as const),
        })),
      },
      typedRows(sheets.criteria.slice(1), CRITERIA_NUMERIC),
    );
    addSheet(
      wb,
      {
        name: SHEET_BANDS,
        title,
        columns: sheets.bands[0]!.map((h, i) => ({
          header: h,
          width: i === 1 ? 40 : 14,
          type: BAND_NUMERIC.has(i) ? ('points' as const) : ('text' as const),
        })),
      },
      typedRows(sheets.bands.slice(1), BAND_NUMERIC),
    );
    return {
      name,
      ext: 'xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await workbookBuffer(wb),
    };
  }

  /** Import a framework file (.json or .xlsx) as a new draft; a bad file changes nothing and gets a
   * report by sheet, row and column (Excel) or by criterion code. */
  async importFile(actor: Actor, ownerUnitId: string | null, fileName: string, buf: Buffer) {
    const lower = fileName.toLowerCase();
    if (lower.endsWith('.json')) {
      // JSON.parse does not recurse (any depth is fine); parseFrameworkJson then bounds the nesting
      // without recursion, naming the criterion. The parser's own English message is not shown.
      let value: unknown;
      try {
        value = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
      } catch {
        throw new AppError(
          'FILE_UNREADABLE',
          `Tệp ${quoteInput(fileName)} không phải JSON hợp lệ (thiếu dấu ngoặc, dấu phẩy hoặc dấu nháy?). Hãy mở bằng trình soạn thảo và kiểm tra lại.`,
        );
      }
      return this.importJson(actor, ownerUnitId, value);
    }
    if (!(buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b))
      throw new AppError('FILE_UNREADABLE', 'Hãy dùng tệp bộ tiêu chí dạng Excel (.xlsx) hoặc JSON.');
    let sheets: Map<string, string[][]>;
    try {
      sheets = await readSheets(buf, 'frameworkImport', fileName);
    } catch (e) {
      if (e instanceof AppError) throw e;
      // the workbook library's message is English and technical: the user gets what to do
      throw new AppError(
        'FILE_UNREADABLE',
        `Không đọc được tệp ${quoteInput(fileName)}: tệp không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.`,
      );
    }
    const find = (name: string) => {
      for (const [k, v] of sheets) if (k.normalize('NFC').toLowerCase() === name.toLowerCase()) return v;
      return undefined;
    };
    const r = sheetsToFramework({
      info: find(SHEET_INFO),
      criteria: find(SHEET_CRITERIA),
      bands: find(SHEET_BANDS),
    });
    if (r.errors) throw new AppError('IMPORT_INVALID', undefined, { errors: r.errors });
    return this.importJson(actor, ownerUnitId, frameworkToJson(r.framework));
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
      await audit(tx, {
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
      await audit(tx, {
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

  async clone(actor: Actor, id: string, year: number, ownerUnitId?: string | null) {
    const j = await this.mustGet(id, actor);
    let owner: string | null;
    if (ownerUnitId !== undefined) owner = ownerUnitId;
    else if (j.f.ownerUnitId === null ? scopeOf(actor, 'framework.write').all : this.canSeeDraft(actor, j))
      owner = j.f.ownerUnitId;
    else owner = actor.grants.find((g) => roleAllows(g.role, 'framework.write'))?.unitId ?? null;
    const ownerRow = owner ? await getUnit(this.db, owner) : null;
    if (owner && !ownerRow) throw new AppError('UNIT_NOT_FOUND');
    this.requireWrite(actor, owner, ownerRow?.path ?? null);
    const parsed = parseFrameworkJson(j.f.definition);
    if (!parsed.framework) throw new AppError('FRAMEWORK_INVALID');
    // a copy for another owner gets a code of its own (the source's code belongs to its owner):
    // the year's code followed by the new owner's unit code
    const copy = cloneFramework(parsed.framework, year);
    const code =
      owner !== j.f.ownerUnitId && ownerRow
        ? `${copy.code}-${ownerRow.code}`.slice(0, LIMITS.frameworkCode)
        : copy.code;
    return summary(
      await this.insertDraft(
        actor,
        { ...copy, code },
        owner,
        `Sao chép từ ${j.f.code} phiên bản ${j.f.version}`,
      ),
    );
  }
}
