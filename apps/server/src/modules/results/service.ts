/** Results per unit and year under a published framework version: entered or imported (assessment
 * cycles will write them too), computed by the scoring engine, ranked across the set, shown as a
 * unit's result card with lost points and the change from its previous result. */
import { randomUUID } from 'node:crypto';
import {
  compare,
  evaluate,
  evaluateFast,
  fieldsOnly,
  formatLeafInput,
  formatPoints,
  formatRule,
  leavesOf,
  lostPoints,
  parseFrameworkJson,
  parseLeafInput,
  searchKey,
  toDbNumeric,
  toDecimalString,
  fromDbNumeric,
  classify,
  columnLetter,
  divRoundHalfUp,
  type Compiled,
  type Framework,
  type LeafInput,
  type NodeResult,
  type Result,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { addSheet, newWorkbook, workbookBuffer } from '../../lib/xlsx.ts';
import { appendAudit } from '../audit/repository.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { compiledFor } from '../frameworks/compiled.ts';
import * as fwRepo from '../frameworks/repository.ts';
import { summary } from '../frameworks/service.ts';
import { listUnits, getUnit, getUnitsByIds, type UnitRow } from '../units/repository.ts';
import * as repo from './repository.ts';

export type Mode = 'leaves' | 'fields';

interface NodeView {
  code: string;
  title: string;
  max: string;
  points: string;
  applicable: boolean;
  missing: boolean;
  input: string;
  rule: string;
  explanation: string;
  children: NodeView[];
}

/** Decimal string with a point, without trailing zeros ("7.82", "9.5", "14"). */
const dec = toDecimalString;
const decNumeric = (text: string) => dec(fromDbNumeric(text));

interface LoadedFramework {
  row: NonNullable<Awaited<ReturnType<typeof fwRepo.getFramework>>>;
  fw: Framework;
}

export class ResultService {
  constructor(private db: Db) {}

  private compiledFor(frameworkId: string, fw: Framework, mode: Mode): Compiled {
    return compiledFor(frameworkId, fw, mode);
  }

  private async loadFramework(frameworkId: string, opts: { forWrite: boolean }): Promise<LoadedFramework> {
    const row = await fwRepo.getFramework(this.db, frameworkId);
    if (!row || row.f.status === 'draft') {
      if (row && opts.forWrite) throw new AppError('FRAMEWORK_NOT_PUBLISHED');
      throw new AppError('FRAMEWORK_NOT_FOUND');
    }
    if (opts.forWrite && row.f.status !== 'published') throw new AppError('FRAMEWORK_NOT_PUBLISHED');
    const fw = parseFrameworkJson(row.f.definition).framework;
    if (!fw) throw new AppError('FRAMEWORK_INVALID');
    return { row, fw };
  }

  private checkYear(fw: Framework, year: number) {
    if (year < fw.yearFrom || (fw.yearTo != null && year > fw.yearTo))
      throw new AppError(
        'VALIDATION',
        `Bộ tiêu chí áp dụng cho năm ${fw.yearFrom}${fw.yearTo != null && fw.yearTo !== fw.yearFrom ? `–${fw.yearTo}` : ''}, không áp dụng cho năm ${year}.`,
      );
  }

  private checkKind(fw: Framework, unit: UnitRow) {
    if (fw.appliesTo.length && !fw.appliesTo.includes(unit.kind))
      throw new AppError(
        'FRAMEWORK_NOT_APPLICABLE',
        `Bộ tiêu chí "${fw.name}" không áp dụng cho đơn vị "${unit.name}" (loại đơn vị khác).`,
      );
  }

  /** Criteria a unit types for in this mode. */
  private entryCriteria(fw: Framework, mode: Mode) {
    return mode === 'fields' ? fieldsOnly(fw).criteria : leavesOf(fw);
  }

  /** Parse the texts typed per code. Errors name the criterion. */
  private parseInputs(fw: Framework, mode: Mode, texts: Record<string, string>) {
    const crit = new Map(this.entryCriteria(fw, mode).map((c) => [c.code, c]));
    const errors: { code: string; message: string }[] = [];
    const inputs: Record<string, LeafInput> = {};
    for (const [code, text] of Object.entries(texts)) {
      const c = crit.get(code);
      if (!c) {
        errors.push({
          code,
          message:
            mode === 'fields'
              ? `"${code}" không phải mã lĩnh vực của bộ tiêu chí.`
              : `"${code}" không phải mã tiêu chí chấm điểm (tiêu chí lá) của bộ tiêu chí.`,
        });
        continue;
      }
      const r = parseLeafInput(c, text);
      if (r.error !== undefined) errors.push({ code, message: r.error });
      else if (r.input) inputs[code] = r.input;
    }
    return { inputs, errors };
  }

  private figures(c: Compiled, inputs: Record<string, LeafInput>) {
    const res = evaluate(c, inputs);
    return {
      res,
      total: toDbNumeric(res.total),
      applicableMax: toDbNumeric(res.applicableMax),
      indexValue: toDbNumeric(res.index),
      bandCode: res.band?.code ?? null,
      bandLabel: res.band?.label ?? null,
      fields: res.tree.map((n) => ({
        code: n.code,
        title: n.title,
        points: dec(n.points),
        max: dec(n.applicableMax),
      })),
      missing: res.missingLeaves.length,
    };
  }

  /** Units where a writer may place the ranking set of a unit's result: the unit and the units
   * above it that lie within the writer's result scope, nearest first. The default is the nearest
   * one above the unit (the unit itself only when nothing above is within the writer's scope). */
  private async ownerOptions(db: DbOrTx, actor: Actor, unit: UnitRow) {
    const scope = scopeOf(actor, 'result.write');
    const ids = unit.path.split('/').filter(Boolean);
    const byId = new Map((await getUnitsByIds(db, ids)).map((u) => [u.id, u]));
    const options = ids
      .map((id) => byId.get(id))
      .filter((u): u is UnitRow => !!u && pathInScope(scope, u.path))
      .reverse();
    return { options, default: options.find((u) => u.id !== unit.id) ?? options[0] ?? null };
  }

  /** The owner of a result's ranking set: the one asked for (among the options), else the current
   * owner of an existing result, else the default. Writing into a set needs the right on its owner,
   * and a set run by a cycle changes only through that cycle. */
  private async chooseOwner(
    tx: DbOrTx,
    actor: Actor,
    unit: UnitRow,
    frameworkCode: string,
    year: number,
    asked: string | undefined,
    existingOwner: string | undefined,
  ): Promise<UnitRow> {
    const { options, default: def } = await this.ownerOptions(tx, actor, unit);
    if (existingOwner && !options.some((o) => o.id === existingOwner))
      throw new AppError(
        'FORBIDDEN_UNIT',
        `Kết quả của “${unit.name}” thuộc bảng xếp hạng của cấp trên; chỉ cấp đó sửa được.`,
      );
    const owner = asked
      ? options.find((o) => o.id === asked)
      : (options.find((o) => o.id === existingOwner) ?? def ?? undefined);
    if (!owner)
      throw new AppError(
        'VALIDATION',
        `Bảng xếp hạng của kết quả phải thuộc “${unit.name}” hoặc một đơn vị cấp trên trong phạm vi bạn được nhập kết quả.`,
      );
    const cycle = await repo.cycleOfSet(tx, { ownerUnitId: owner.id, frameworkCode, year });
    if (cycle)
      throw new AppError(
        'RESULT_SET_OF_CYCLE',
        `Bảng xếp hạng năm ${year} của “${owner.name}” theo bộ tiêu chí này thuộc kỳ đánh giá “${cycle.name}”; kết quả chỉ thay đổi qua kỳ đánh giá (sau khi công bố: bằng quyết định sửa đổi).`,
      );
    return owner;
  }

  /** A unit is ranked once a year per framework code: a result under another version is refused. */
  private async requireOneVersion(
    tx: DbOrTx,
    row: LoadedFramework['row'],
    year: number,
    unit: UnitRow,
  ): Promise<void> {
    const other = await repo.resultOfCode(tx, row.f.code, year, unit.id);
    if (other && other.frameworkId !== row.f.id)
      throw new AppError(
        'RESULT_CONFLICT',
        `“${unit.name}” đã có kết quả năm ${year} theo phiên bản ${other.version} của bộ tiêu chí này.`,
      );
  }

  /** Write one result (insert or update, its inputs, its audit entry) in the caller's transaction;
   * the caller holds the set locks and re-ranks afterwards. */
  private async writeResult(
    tx: DbOrTx,
    actor: Actor,
    w: {
      row: LoadedFramework['row'];
      year: number;
      unit: UnitRow;
      owner: UnitRow;
      mode: Mode;
      source: 'entered' | 'imported';
      fig: ReturnType<ResultService['figures']>;
      inputs: Record<string, LeafInput>;
      existing: Awaited<ReturnType<typeof repo.getResult>>;
      reason: string | null;
    },
  ): Promise<string> {
    const { row, year, unit, owner, fig, existing } = w;
    const values = {
      mode: w.mode,
      source: w.source,
      total: fig.total,
      applicableMax: fig.applicableMax,
      indexValue: fig.indexValue,
      bandCode: fig.bandCode,
      bandLabel: fig.bandLabel,
      fields: fig.fields,
      missing: fig.missing,
      ownerUnitId: owner.id,
      updatedBy: actor.id,
    };
    let resultId: string;
    let before: unknown = null;
    if (existing) {
      const old = await repo.inputsOf(tx, existing.r.id);
      before = {
        total: decNumeric(existing.r.total),
        index: decNumeric(existing.r.indexValue),
        band: existing.r.bandLabel,
        mode: existing.r.mode,
        owner: existing.ownerName,
        inputs: Object.fromEntries(old.map((i) => [i.code, formatLeafInput(i.input as LeafInput)])),
      };
      const u = await repo.updateResult(tx, existing.r.id, existing.r.revision, values);
      if (!u) throw new AppError('RESULT_CONFLICT');
      resultId = existing.r.id;
    } else {
      resultId = (
        await repo.insertResult(tx, {
          id: randomUUID(),
          frameworkId: row.f.id,
          year,
          unitId: unit.id,
          ...values,
        })
      ).id;
    }
    await repo.replaceInputs(
      tx,
      resultId,
      Object.entries(w.inputs).map(([code, input]) => ({ code, input })),
    );
    await appendAudit(tx, {
      actorId: actor.id,
      actorName: actor.name,
      action: existing ? 'result.update' : 'result.create',
      entity: 'unit_result',
      entityId: resultId,
      unitId: unit.id,
      before,
      after: {
        framework: `${row.f.code} v${row.f.version}`,
        year,
        total: dec(fig.res.total),
        index: dec(fig.res.index),
        band: fig.bandLabel,
        mode: w.mode,
        owner: owner.name,
        inputs: Object.fromEntries(Object.entries(w.inputs).map(([k, v]) => [k, formatLeafInput(v)])),
      },
      reason: w.reason,
    });
    return resultId;
  }

  /** Enter (or correct) a unit's result for a year. Audited with before and after; the ranks of the
   * result's set (and of the set it left, if its owner changed) follow in the same transaction. */
  async enter(
    actor: Actor,
    body: {
      frameworkId: string;
      year: number;
      unitId: string;
      mode: Mode;
      inputs: Record<string, string>;
      ownerUnitId?: string | undefined;
      baseRevision?: number | undefined;
      reason?: string | undefined;
    },
  ) {
    const unit = await getUnit(this.db, body.unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'result.write', unit.path);
    const { row, fw } = await this.loadFramework(body.frameworkId, { forWrite: true });
    this.checkYear(fw, body.year);
    this.checkKind(fw, unit);
    const { inputs, errors } = this.parseInputs(fw, body.mode, body.inputs);
    if (errors.length) throw new AppError('RESULT_INVALID', undefined, { errors });
    const c = this.compiledFor(row.f.id, fw, body.mode);
    const fig = this.figures(c, inputs);
    const id = await this.db.transaction(async (tx) => {
      const found = await repo.getResult(tx, row.f.id, body.year, unit.id);
      if (found?.r.cycleId) throw new AppError('RESULT_FROM_CYCLE');
      if (found) {
        if (body.baseRevision === undefined || body.baseRevision !== found.r.revision)
          throw new AppError('RESULT_CONFLICT', undefined, { revision: found.r.revision });
        if (!body.reason?.trim()) throw new AppError('REASON_REQUIRED', 'Sửa kết quả đã có cần ghi lý do.');
      }
      await this.requireOneVersion(tx, row, body.year, unit);
      const owner = await this.chooseOwner(
        tx,
        actor,
        unit,
        row.f.code,
        body.year,
        body.ownerUnitId,
        found?.r.ownerUnitId,
      );
      const set = { ownerUnitId: owner.id, frameworkCode: row.f.code, year: body.year };
      const left =
        found && found.r.ownerUnitId !== owner.id ? { ...set, ownerUnitId: found.r.ownerUnitId } : null;
      // both sets at once, in key order; then what was checked must still hold
      await repo.lockRankSets(tx, left ? [set, left] : [set]);
      const existing = await repo.getResult(tx, row.f.id, body.year, unit.id);
      if ((existing?.r.revision ?? null) !== (found?.r.revision ?? null))
        throw new AppError('RESULT_CONFLICT', undefined, { revision: existing?.r.revision ?? null });
      const resultId = await this.writeResult(tx, actor, {
        row,
        year: body.year,
        unit,
        owner,
        mode: body.mode,
        source: 'entered',
        fig,
        inputs,
        existing,
        reason: body.reason?.trim() || null,
      });
      await repo.updateRanks(tx, set);
      if (left) await repo.updateRanks(tx, left);
      return resultId;
    });
    return this.card(actor, id);
  }

  /** For the entry form: the unit's stored result of the year (if any) and where a writer may place
   * its ranking set. */
  async entryOf(actor: Actor, frameworkId: string, year: number, unitId: string) {
    const unit = await getUnit(this.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'result.write', unit.path);
    const { options, default: def } = await this.ownerOptions(this.db, actor, unit);
    return {
      existing: await this.find(actor, frameworkId, year, unitId),
      owners: options.map((o) => ({ unitId: o.id, name: o.name, isDefault: o.id === def?.id })),
    };
  }

  /** A result of a cycle is seen only once the cycle is published, except by those who run it. */
  private visible(actor: Actor, j: { cycleStatus: string | null; cycleOwnerPath: string | null }) {
    return (
      j.cycleStatus === null ||
      j.cycleStatus === 'published' ||
      (j.cycleOwnerPath !== null && pathInScope(scopeOf(actor, 'cycle.manage'), j.cycleOwnerPath))
    );
  }

  private rowView(j: NonNullable<Awaited<ReturnType<typeof repo.getResultById>>>, rankedOf: number) {
    const r = j.r;
    return {
      id: r.id,
      unitId: r.unitId,
      unitName: j.unitName,
      unitCode: j.unitCode,
      year: r.year,
      mode: r.mode as Mode,
      total: decNumeric(r.total),
      applicableMax: decNumeric(r.applicableMax),
      index: toDbNumeric(fromDbNumeric(r.indexValue)),
      bandCode: r.bandCode,
      bandLabel: r.bandLabel,
      rank: r.rank,
      rankedOf,
      ownerUnitId: r.ownerUnitId,
      ownerName: j.ownerName,
      rankGroup: r.rankGroup,
      fields: r.fields as { code: string; title: string; points: string; max: string }[],
      missing: r.missing,
      revision: r.revision,
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  /** The rankings (sets) of a framework and year that the reader can see, and one of them: the one
   * asked for, else the one with the most results the reader sees. Ranks and "k/N" count the set
   * and group; the items are limited to the units the reader's grants cover. */
  async list(actor: Actor, frameworkId: string, year: number, ownerUnitId?: string) {
    const scope = scopeOf(actor, 'result.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const { row } = await this.loadFramework(frameworkId, { forWrite: false });
    const visible = (await repo.listResults(this.db, frameworkId, year, scope)).filter((j) =>
      this.visible(actor, j),
    );
    const counts = new Map<string, { name: string; n: number }>();
    for (const j of visible) {
      const c = counts.get(j.r.ownerUnitId) ?? { name: j.ownerName, n: 0 };
      c.n++;
      counts.set(j.r.ownerUnitId, c);
    }
    const sets = [...counts.entries()]
      .map(([id, c]) => ({ ownerUnitId: id, ownerName: c.name, count: c.n }))
      .sort((x, y) => y.count - x.count || vnCollator.compare(x.ownerName, y.ownerName));
    const chosen = (ownerUnitId && sets.find((x) => x.ownerUnitId === ownerUnitId)) || sets[0];
    const sizes = chosen
      ? await repo.groupSizes(this.db, { ownerUnitId: chosen.ownerUnitId, frameworkCode: row.f.code, year })
      : new Map<string, number>();
    const items = chosen
      ? visible
          .filter((j) => j.r.ownerUnitId === chosen.ownerUnitId)
          .map((j) => this.rowView(j, sizes.get(j.r.rankGroup) ?? 0))
      : [];
    const idx = items.map((i) => fromDbNumeric(i.index));
    // the mean of integers (hundredths of a percent), rounded half-up: exact
    const meanExact = idx.length
      ? divRoundHalfUp(
          idx.reduce((a, b) => a + b, 0),
          idx.length,
        )
      : null;
    return {
      framework: frameworkSummary(row),
      year,
      sets,
      ownerUnitId: chosen?.ownerUnitId ?? null,
      items,
      meanIndex: meanExact === null ? null : toDbNumeric(meanExact),
      rankedOf: [...sizes.values()].reduce((a, b) => a + b, 0),
    };
  }

  private async mustRead(actor: Actor, id: string) {
    const j = await repo.getResultById(this.db, id);
    if (!j) throw new AppError('RESULT_NOT_FOUND');
    const scope = scopeOf(actor, 'result.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    // Outside the reader's grants a result does not exist for them (no oracle on ids), nor does a
    // cycle's result before publication (except for those who run the cycle).
    if (!pathInScope(scope, j.unitPath) || !this.visible(actor, j)) throw new AppError('RESULT_NOT_FOUND');
    return j;
  }

  private async evaluateStored(frameworkId: string, fw: Framework, mode: Mode, resultId: string) {
    const rows = await repo.inputsOf(this.db, resultId);
    const inputs = Object.fromEntries(rows.map((r) => [r.code, r.input as LeafInput]));
    return { res: evaluate(this.compiledFor(frameworkId, fw, mode), inputs), inputs };
  }

  /** A unit's result card: fields, points, index, class, rank, lost points, change, and every number explained. */
  async card(actor: Actor, id: string) {
    const j = await this.mustRead(actor, id);
    const { row, fw } = await this.loadFramework(j.r.frameworkId, { forWrite: false });
    const mode = j.r.mode as Mode;
    const { res, inputs } = await this.evaluateStored(row.f.id, fw, mode, id);
    const nodeView = (n: NodeResult): NodeView => ({
      code: n.code,
      title: n.title,
      max: dec(n.max),
      points: dec(n.points),
      applicable: n.applicable,
      missing: n.missing,
      input: formatLeafInput(inputs[n.code]),
      rule: n.explanation.rule,
      explanation: [n.explanation.inputs, n.explanation.detail, n.explanation.tier, n.explanation.problem]
        .filter(Boolean)
        .join(' — '),
      children: n.children.map(nodeView),
    });
    const lost = lostPoints(res, { leaves: mode === 'leaves' }).map((l) => ({
      code: l.code,
      title: l.title,
      max: dec(l.max),
      points: dec(l.points),
      lost: dec(l.lost),
    }));
    let previous = null;
    const prev = await repo.previousResult(this.db, j.r.unitId, j.r.year);
    if (prev) {
      const pfw = parseFrameworkJson(prev.fw.definition).framework;
      if (pfw) {
        const before = (await this.evaluateStored(prev.fw.id, pfw, prev.r.mode as Mode, prev.r.id)).res;
        // through the framework's declared correspondence when it follows the earlier one
        const mapping = fw.comparesWith?.frameworkCode === prev.fw.code ? fw.comparesWith.mapping : undefined;
        const cmp = compare(res, before, mapping);
        previous = {
          year: prev.r.year,
          frameworkCode: prev.fw.code,
          frameworkVersion: prev.fw.version,
          total: dec(before.total),
          index: toDbNumeric(before.index),
          totalChange: dec(cmp.total.change),
          indexChange: toDbNumeric(cmp.index.change),
          fields: cmp.fields.map((f) => ({
            code: f.code,
            title: f.title,
            previousCode: f.previousCode,
            now: dec(f.now),
            before: f.before === null ? null : dec(f.before),
            change: f.change === null ? null : dec(f.change),
          })),
          unmatchedBefore: cmp.unmatchedBefore.map((u) => ({
            code: u.code,
            title: u.title,
            points: dec(u.points),
          })),
          explanation: cmp.explanation,
        };
      }
    }
    const sizes = await repo.groupSizes(this.db, {
      ownerUnitId: j.r.ownerUnitId,
      frameworkCode: row.f.code,
      year: j.r.year,
    });
    const rankedOf = sizes.get(j.r.rankGroup) ?? 0;
    return {
      result: this.rowView(j, rankedOf),
      framework: frameworkSummary(row),
      rankedOf,
      explanation: res.explanation,
      tree: res.tree.map(nodeView),
      lost,
      previous,
    };
  }

  /** An Excel template for entry: one row per unit in the writer's scope the framework applies to,
   * one column per criterion (leaf or field), prefilled with what is stored. */
  async template(actor: Actor, frameworkId: string, year: number, mode: Mode) {
    const scope = scopeOf(actor, 'result.write');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const { row, fw } = await this.loadFramework(frameworkId, { forWrite: true });
    this.checkYear(fw, year);
    const all = await listUnits(this.db, scope, { includeClosed: false, words: [] });
    const unitsList = all.filter((u) => !fw.appliesTo.length || fw.appliesTo.includes(u.kind));
    const crit = this.entryCriteria(fw, mode);
    const existing = new Map(
      (await repo.listResults(this.db, frameworkId, year, scope)).map((x) => [x.r.unitId, x.r]),
    );
    const rows: (string | number)[][] = [];
    for (const u of unitsList) {
      const r = existing.get(u.id);
      const inputs =
        r && r.mode === mode
          ? new Map((await repo.inputsOf(this.db, r.id)).map((i) => [i.code, i.input as LeafInput]))
          : null;
      rows.push([
        u.code,
        u.name,
        ...crit.map((c) => (inputs ? formatLeafInput(inputs.get(c.code)) : '')),
        // the revision the file was made from: an import that changes a result needs it (as PUT does)
        r ? r.revision : '',
      ]);
    }
    const wb = newWorkbook();
    addSheet(
      wb,
      {
        name: `Kết quả ${year}`,
        title: [
          `NHẬP KẾT QUẢ NĂM ${year}`,
          `${fw.name} (mã ${row.f.code}, phiên bản ${row.f.version}) — ${mode === 'fields' ? 'điểm theo lĩnh vực' : 'dữ liệu từng tiêu chí'}`,
          'Cách ghi: số điểm "7,5"; tỷ lệ "45/50"; mức theo mã; "Có"/"Không"; số vụ việc; chỉ số khảo sát "96,4"; "KAD" nếu không áp dụng.',
        ],
        columns: [
          { header: 'Mã đơn vị', width: 14 },
          { header: 'Tên đơn vị', width: 40 },
          ...crit.map((c) => ({
            header: `${c.code} — ${c.title} (tối đa ${formatPoints(c.max)}${c.rule && mode === 'leaves' ? `; ${formatRule(c.rule)}` : ''})`,
            width: 18,
          })),
          { header: REVISION_HEADER, width: 12, type: 'int' as const },
        ],
      },
      rows,
    );
    return {
      fileName: `ket-qua-${row.f.code}-${year}.xlsx`.replace(/[^A-Za-z0-9._-]/g, '_'),
      body: await workbookBuffer(wb),
    };
  }

  /** Import a sheet of results (units in rows, criterion codes in the header): all rows or none.
   * A row that changes an existing result must carry the revision it was made from (the template's
   * "Phiên bản" column) and the import then needs a reason, as a correction by hand does; a row
   * whose criterion cells are all empty leaves its unit as it is. */
  async importRows(
    actor: Actor,
    frameworkId: string,
    year: number,
    mode: Mode,
    rows: string[][],
    opts: { ownerUnitId?: string | undefined; reason?: string | undefined } = {},
  ) {
    const scope = scopeOf(actor, 'result.write');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const { row, fw } = await this.loadFramework(frameworkId, { forWrite: true });
    this.checkYear(fw, year);
    const errors: { row: number; column: string; message: string }[] = [];
    const invalid = () => new AppError('IMPORT_INVALID', undefined, { errors });
    const h = rows.findIndex((r) => searchKey(r[0] ?? '') === 'ma don vi');
    if (h < 0) {
      errors.push({ row: 1, column: 'A', message: 'Không tìm thấy dòng tiêu đề bắt đầu bằng “Mã đơn vị”.' });
      throw invalid();
    }
    const crit = new Map(this.entryCriteria(fw, mode).map((c) => [c.code, c]));
    const header = rows[h]!;
    let revisionCol = -1;
    const colCode: (string | null)[] = header.map((cell, i) => {
      if (i < 2) return null;
      if (searchKey(cell ?? '').startsWith(searchKey(REVISION_HEADER))) {
        revisionCol = i;
        return null;
      }
      const code = (cell ?? '').trim().split(/[\s—–-]+/)[0] ?? '';
      if (!code) return null;
      if (!crit.has(code)) {
        errors.push({
          row: h + 1,
          column: columnLetter(i),
          message: `“${code}” không phải mã tiêu chí của bộ tiêu chí.`,
        });
        return null;
      }
      return code;
    });
    if (!errors.length && !colCode.some((c) => c !== null))
      errors.push({
        row: h + 1,
        column: columnLetter(2),
        message: `Không có cột tiêu chí nào: tiêu đề mỗi cột điểm bắt đầu bằng mã ${mode === 'fields' ? 'lĩnh vực' : 'tiêu chí'} (như trong tệp mẫu).`,
      });
    if (errors.length) throw invalid();
    const all = await listUnits(this.db, scope, { includeClosed: false, words: [] });
    const byCode = new Map(all.map((u) => [searchKey(u.code), u]));
    interface Planned {
      line: number;
      unit: UnitRow;
      inputs: Record<string, LeafInput>;
      revision: number | null;
    }
    const parsed: Planned[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (let r = h + 1; r < rows.length; r++) {
      const cells = rows[r]!;
      if (cells.every((v) => !(v ?? '').trim())) continue;
      const code = (cells[0] ?? '').trim();
      // a unit outside the writer's scope is "not found": its name is not disclosed
      const unit = byCode.get(searchKey(code));
      if (!unit) {
        errors.push({
          row: r + 1,
          column: 'A',
          message: `Không có đơn vị đang hoạt động mã “${code}” trong phạm vi bạn được nhập kết quả.`,
        });
        continue;
      }
      if (fw.appliesTo.length && !fw.appliesTo.includes(unit.kind)) {
        errors.push({
          row: r + 1,
          column: 'A',
          message: `Bộ tiêu chí không áp dụng cho đơn vị “${unit.name}”.`,
        });
        continue;
      }
      if (seen.has(unit.id)) {
        errors.push({ row: r + 1, column: 'A', message: `Đơn vị “${unit.name}” xuất hiện hai lần.` });
        continue;
      }
      seen.add(unit.id);
      if (colCode.every((cc, i) => !cc || !(cells[i] ?? '').trim())) {
        skipped++;
        continue;
      }
      const inputs: Record<string, LeafInput> = {};
      colCode.forEach((cc, i) => {
        if (!cc) return;
        const text = (cells[i] ?? '').trim();
        const p = parseLeafInput(crit.get(cc)!, text);
        if (p.error !== undefined) errors.push({ row: r + 1, column: columnLetter(i), message: p.error });
        else if (p.input) inputs[cc] = p.input;
      });
      let revision: number | null = null;
      const revText = revisionCol >= 0 ? (cells[revisionCol] ?? '').trim() : '';
      if (revText) {
        if (!/^\d{1,9}$/.test(revText))
          errors.push({
            row: r + 1,
            column: columnLetter(revisionCol),
            message: `“${revText}” không phải số phiên bản.`,
          });
        else revision = Number(revText);
      }
      parsed.push({ line: r + 1, unit, inputs, revision });
    }
    if (errors.length) throw invalid();
    const c = this.compiledFor(row.f.id, fw, mode);
    const reason = opts.reason?.trim() || null;
    const outcome = await this.db.transaction(async (tx) => {
      // plan: the owner of each result's set, what changes; then lock every set touched, in order
      const plans: (Planned & {
        owner: UnitRow;
        found: Awaited<ReturnType<typeof repo.getResult>>;
      })[] = [];
      for (const p of parsed) {
        const found = await repo.getResult(tx, row.f.id, year, p.unit.id);
        try {
          if (found?.r.cycleId)
            throw new AppError(
              'RESULT_FROM_CYCLE',
              `Kết quả của “${p.unit.name}” thuộc kỳ đánh giá; chỉ sửa bằng quyết định sửa đổi.`,
            );
          await this.requireOneVersion(tx, row, year, p.unit);
          const owner = await this.chooseOwner(
            tx,
            actor,
            p.unit,
            row.f.code,
            year,
            opts.ownerUnitId,
            found?.r.ownerUnitId,
          );
          if (found) {
            if (p.revision === null)
              throw new AppError(
                'RESULT_CONFLICT',
                `“${p.unit.name}” đã có kết quả (phiên bản ${found.r.revision}): sửa bằng tệp mẫu mới tải, có cột “${REVISION_HEADER}”.`,
              );
            if (p.revision !== found.r.revision)
              throw new AppError(
                'RESULT_CONFLICT',
                `Kết quả của “${p.unit.name}” đã được sửa sau khi tải tệp mẫu (phiên bản hiện tại ${found.r.revision}, tệp ghi ${p.revision}): tải lại tệp mẫu.`,
              );
          }
          plans.push({ ...p, owner, found });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          errors.push({ row: p.line, column: 'A', message: e.message });
        }
      }
      if (errors.length) throw invalid();
      const changed = await Promise.all(
        plans.map(async (p) => {
          if (!p.found) return true;
          if (p.found.r.mode !== mode || p.found.r.ownerUnitId !== p.owner.id) return true;
          const old = new Map(
            (await repo.inputsOf(tx, p.found.r.id)).map((i) => [
              i.code,
              formatLeafInput(i.input as LeafInput),
            ]),
          );
          const now = Object.entries(p.inputs);
          return old.size !== now.length || now.some(([k, v]) => old.get(k) !== formatLeafInput(v));
        }),
      );
      const writes = plans.filter((_, i) => changed[i]);
      const corrections = writes.filter((p) => p.found);
      if (corrections.length && !reason)
        throw new AppError(
          'REASON_REQUIRED',
          `Tệp sửa kết quả đã có của ${corrections.length} đơn vị (${corrections
            .slice(0, 3)
            .map((p) => p.unit.name)
            .join(', ')}${corrections.length > 3 ? '…' : ''}): cần ghi lý do.`,
        );
      const sets = new Map<string, repo.RankSet>();
      for (const p of writes) {
        sets.set(p.owner.id, { ownerUnitId: p.owner.id, frameworkCode: row.f.code, year });
        if (p.found)
          sets.set(p.found.r.ownerUnitId, {
            ownerUnitId: p.found.r.ownerUnitId,
            frameworkCode: row.f.code,
            year,
          });
      }
      await repo.lockRankSets(tx, [...sets.values()]);
      for (const p of writes) {
        const existing = await repo.getResult(tx, row.f.id, year, p.unit.id);
        if ((existing?.r.revision ?? null) !== (p.found?.r.revision ?? null))
          throw new AppError(
            'RESULT_CONFLICT',
            `Kết quả của “${p.unit.name}” vừa được người khác sửa: tải lại tệp mẫu.`,
          );
        await this.writeResult(tx, actor, {
          row,
          year,
          unit: p.unit,
          owner: p.owner,
          mode,
          source: 'imported',
          fig: this.figures(c, p.inputs),
          inputs: p.inputs,
          existing,
          reason: reason ?? 'Nhập kết quả từ tệp',
        });
      }
      for (const set of sets.values()) await repo.updateRanks(tx, set);
      return { saved: writes.length, unchanged: plans.length - writes.length };
    });
    return { ...outcome, skipped };
  }

  /** Recompute every result of a framework version and year from its stored inputs: one read, the
   * fast engine, one write of the figures and field subtotals, ranks in SQL per set. Results of
   * cycles are left as their cycle wrote them (a published result changes only by decision).
   * Returns how many results were written. */
  async recomputeAll(frameworkId: string, year: number): Promise<number> {
    const { row, fw } = await this.loadFramework(frameworkId, { forWrite: false });
    const results = await repo.setModes(this.db, frameworkId, year);
    const modeOf = new Map(results.map((r) => [r.id, r.mode as Mode]));
    const inputs = await repo.allInputs(this.db, frameworkId, year);
    const out: Parameters<typeof repo.writeComputed>[1] = [];
    const compiledBy = {
      leaves: this.compiledFor(row.f.id, fw, 'leaves'),
      fields: this.compiledFor(row.f.id, fw, 'fields'),
    };
    const flush = (id: string, mode: Mode, byCode: Map<string, LeafInput>) => {
      const c = compiledBy[mode];
      const aligned = c.leafIndex.map((i) => byCode.get(c.nodes[i]!.code));
      const scratch = { pts: new Float64Array(c.nodes.length), amax: new Float64Array(c.nodes.length) };
      const r = evaluateFast(c, aligned, scratch);
      const band = classify(c.bands, r.index);
      const fields: string[] = [];
      for (let i = 0; i < c.nodes.length; i++)
        if (c.parent[i] === -1)
          fields.push(
            `{"code":${JSON.stringify(c.nodes[i]!.code)},"title":${JSON.stringify(c.nodes[i]!.title)},"points":"${dec(scratch.pts[i]!)}","max":"${dec(scratch.amax[i]!)}"}`,
          );
      let missing = 0;
      for (const v of aligned) if (v === undefined) missing++;
      out.push({
        id,
        total: toDbNumeric(r.total),
        applicableMax: toDbNumeric(r.applicableMax),
        index: toDbNumeric(r.index),
        bandCode: band?.code ?? null,
        bandLabel: band?.label ?? null,
        fields: `[${fields.join(',')}]`,
        missing,
      });
    };
    let current: string | null = null;
    let byCode = new Map<string, LeafInput>();
    for (const i of inputs) {
      if (i.result_id !== current) {
        if (current) flush(current, modeOf.get(current) ?? 'leaves', byCode);
        current = i.result_id;
        byCode = new Map();
      }
      byCode.set(i.code, (typeof i.input === 'string' ? JSON.parse(i.input) : i.input) as LeafInput);
    }
    if (current) flush(current, modeOf.get(current) ?? 'leaves', byCode);
    const withInputs = new Set(out.map((o) => o.id));
    for (const r of results) if (!withInputs.has(r.id)) flush(r.id, r.mode as Mode, new Map());
    const sets = [...new Set(results.map((r) => r.ownerUnitId))].map((ownerUnitId) => ({
      ownerUnitId,
      frameworkCode: row.f.code,
      year,
    }));
    await this.db.transaction(async (tx) => {
      await repo.lockRankSets(tx, sets);
      await repo.writeComputed(tx, out);
      for (const set of sets) await repo.updateRanks(tx, set);
    });
    return out.length;
  }

  /** The unit's own result: what a reader needs to know exists, without an id. */
  async find(actor: Actor, frameworkId: string, year: number, unitId: string) {
    const unit = await getUnit(this.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'result.read', unit.path);
    const j = await repo.getResult(this.db, frameworkId, year, unitId);
    if (!j || !this.visible(actor, j)) return null;
    const sizes = await repo.groupSizes(this.db, {
      ownerUnitId: j.r.ownerUnitId,
      frameworkCode: j.frameworkCode,
      year,
    });
    return this.rowView(j, sizes.get(j.r.rankGroup) ?? 0);
  }
}

const frameworkSummary = summary;

/** The template's column of the revision each row was made from. */
const REVISION_HEADER = 'Phiên bản';
const vnCollator = new Intl.Collator('vi');

export type { Result };
