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
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { addSheet, newWorkbook, workbookBuffer } from '../../lib/xlsx.ts';
import { appendAudit } from '../audit/repository.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { compiledFor } from '../frameworks/compiled.ts';
import * as fwRepo from '../frameworks/repository.ts';
import { summary } from '../frameworks/service.ts';
import { listUnits, getUnit, type UnitRow } from '../units/repository.ts';
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

  /** Enter (or correct) a unit's result for a year. Audited with before and after; ranks of the
   * whole set follow in the same transaction. */
  async enter(
    actor: Actor,
    body: {
      frameworkId: string;
      year: number;
      unitId: string;
      mode: Mode;
      inputs: Record<string, string>;
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
      await repo.lockRankSet(tx, row.f.id, body.year);
      const existing = await repo.getResult(tx, row.f.id, body.year, unit.id);
      const values = {
        mode: body.mode,
        source: 'entered',
        total: fig.total,
        applicableMax: fig.applicableMax,
        indexValue: fig.indexValue,
        bandCode: fig.bandCode,
        bandLabel: fig.bandLabel,
        fields: fig.fields,
        missing: fig.missing,
        updatedBy: actor.id,
      };
      let resultId: string;
      let before: unknown = null;
      if (existing?.r.cycleId) throw new AppError('RESULT_FROM_CYCLE');
      if (existing) {
        if (body.baseRevision === undefined || body.baseRevision !== existing.r.revision)
          throw new AppError('RESULT_CONFLICT', undefined, { revision: existing.r.revision });
        if (!body.reason?.trim()) throw new AppError('REASON_REQUIRED', 'Sửa kết quả đã có cần ghi lý do.');
        const old = await repo.inputsOf(tx, existing.r.id);
        before = {
          total: decNumeric(existing.r.total),
          index: decNumeric(existing.r.indexValue),
          band: existing.r.bandLabel,
          mode: existing.r.mode,
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
            year: body.year,
            unitId: unit.id,
            ownerUnitId: unit.parentId ?? unit.id,
            ...values,
          })
        ).id;
      }
      await repo.replaceInputs(
        tx,
        resultId,
        Object.entries(inputs).map(([code, input]) => ({ code, input })),
      );
      await repo.updateRanks(tx, row.f.id, body.year);
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
          year: body.year,
          total: dec(fig.res.total),
          index: dec(fig.res.index),
          band: fig.bandLabel,
          mode: body.mode,
          inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, formatLeafInput(v)])),
        },
        reason: body.reason ?? null,
      });
      return resultId;
    });
    return this.card(actor, id);
  }

  /** A result of a cycle is seen only once the cycle is published, except by those who run it. */
  private visible(actor: Actor, j: { cycleStatus: string | null; cycleOwnerPath: string | null }) {
    return (
      j.cycleStatus === null ||
      j.cycleStatus === 'published' ||
      (j.cycleOwnerPath !== null && pathInScope(scopeOf(actor, 'cycle.manage'), j.cycleOwnerPath))
    );
  }

  private rowView(j: NonNullable<Awaited<ReturnType<typeof repo.getResultById>>>) {
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
      fields: r.fields as { code: string; title: string; points: string; max: string }[],
      missing: r.missing,
      revision: r.revision,
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  /** The ranking of a set, limited to the units the reader's grants cover. */
  async list(actor: Actor, frameworkId: string, year: number) {
    const scope = scopeOf(actor, 'result.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const { row } = await this.loadFramework(frameworkId, { forWrite: false });
    const items = (await repo.listResults(this.db, frameworkId, year, scope))
      .filter((j) => this.visible(actor, j))
      .map((j) => this.rowView(j));
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
      items,
      meanIndex: meanExact === null ? null : toDbNumeric(meanExact),
      rankedOf: await repo.countResults(this.db, frameworkId, year),
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
    return {
      result: this.rowView(j),
      framework: frameworkSummary(row),
      rankedOf: await repo.countResults(this.db, row.f.id, j.r.year),
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
      (await repo.listResults(this.db, frameworkId, year, scope))
        .filter((x) => x.r.mode === mode)
        .map((x) => [x.r.unitId, x.r.id]),
    );
    const rows: string[][] = [];
    for (const u of unitsList) {
      const rid = existing.get(u.id);
      const inputs = rid
        ? new Map((await repo.inputsOf(this.db, rid)).map((i) => [i.code, i.input as LeafInput]))
        : null;
      rows.push([u.code, u.name, ...crit.map((c) => (inputs ? formatLeafInput(inputs.get(c.code)) : ''))]);
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
        ],
      },
      rows,
    );
    return {
      fileName: `ket-qua-${row.f.code}-${year}.xlsx`.replace(/[^A-Za-z0-9._-]/g, '_'),
      body: await workbookBuffer(wb),
    };
  }

  /** Import a sheet of results (units in rows, criterion codes in the header): all rows or none. */
  async importRows(actor: Actor, frameworkId: string, year: number, mode: Mode, rows: string[][]) {
    const scope = scopeOf(actor, 'result.write');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const { row, fw } = await this.loadFramework(frameworkId, { forWrite: true });
    this.checkYear(fw, year);
    const errors: { row: number; column: string; message: string }[] = [];
    const h = rows.findIndex((r) => searchKey(r[0] ?? '') === 'ma don vi');
    if (h < 0)
      throw new AppError('IMPORT_INVALID', undefined, {
        errors: [{ row: 1, column: 'A', message: 'Không tìm thấy dòng tiêu đề bắt đầu bằng "Mã đơn vị".' }],
      });
    const crit = new Map(this.entryCriteria(fw, mode).map((c) => [c.code, c]));
    const header = rows[h]!;
    const colCode: (string | null)[] = header.map((cell, i) => {
      if (i < 2) return null;
      const code = (cell ?? '').trim().split(/[\s—–-]+/)[0] ?? '';
      if (!code) return null;
      if (!crit.has(code)) {
        errors.push({
          row: h + 1,
          column: columnLetter(i),
          message: `"${code}" không phải mã tiêu chí của bộ tiêu chí.`,
        });
        return null;
      }
      return code;
    });
    const all = await listUnits(this.db, { all: true, paths: [] }, { includeClosed: false, words: [] });
    const byCode = new Map(all.map((u) => [searchKey(u.code), u]));
    const parsed: { unit: UnitRow; inputs: Record<string, LeafInput>; texts: Record<string, string> }[] = [];
    const seen = new Set<string>();
    for (let r = h + 1; r < rows.length; r++) {
      const cells = rows[r]!;
      if (cells.every((v) => !(v ?? '').trim())) continue;
      const code = (cells[0] ?? '').trim();
      const unit = byCode.get(searchKey(code));
      if (!unit) {
        errors.push({ row: r + 1, column: 'A', message: `Không có đơn vị đang hoạt động mã "${code}".` });
        continue;
      }
      if (!pathInScope(scope, unit.path)) {
        errors.push({
          row: r + 1,
          column: 'A',
          message: `Đơn vị "${unit.name}" nằm ngoài phạm vi được phân quyền.`,
        });
        continue;
      }
      if (fw.appliesTo.length && !fw.appliesTo.includes(unit.kind)) {
        errors.push({
          row: r + 1,
          column: 'A',
          message: `Bộ tiêu chí không áp dụng cho đơn vị "${unit.name}".`,
        });
        continue;
      }
      if (seen.has(unit.id)) {
        errors.push({ row: r + 1, column: 'A', message: `Đơn vị "${unit.name}" xuất hiện hai lần.` });
        continue;
      }
      seen.add(unit.id);
      const inputs: Record<string, LeafInput> = {};
      const texts: Record<string, string> = {};
      colCode.forEach((cc, i) => {
        if (!cc) return;
        const text = (cells[i] ?? '').trim();
        const p = parseLeafInput(crit.get(cc)!, text);
        if (p.error !== undefined) errors.push({ row: r + 1, column: columnLetter(i), message: p.error });
        else if (p.input) {
          inputs[cc] = p.input;
          texts[cc] = text;
        }
      });
      parsed.push({ unit, inputs, texts });
    }
    if (errors.length) throw new AppError('IMPORT_INVALID', undefined, { errors });
    const c = this.compiledFor(row.f.id, fw, mode);
    await this.db.transaction(async (tx) => {
      await repo.lockRankSet(tx, row.f.id, year);
      for (const p of parsed) {
        const fig = this.figures(c, p.inputs);
        const existing = await repo.getResult(tx, row.f.id, year, p.unit.id);
        if (existing?.r.cycleId)
          throw new AppError(
            'RESULT_FROM_CYCLE',
            `${p.unit.name}: kết quả thuộc kỳ đánh giá; chỉ sửa bằng quyết định sửa đổi.`,
          );
        const values = {
          mode,
          source: 'imported',
          total: fig.total,
          applicableMax: fig.applicableMax,
          indexValue: fig.indexValue,
          bandCode: fig.bandCode,
          bandLabel: fig.bandLabel,
          fields: fig.fields,
          missing: fig.missing,
          updatedBy: actor.id,
        };
        let id: string;
        if (existing) {
          const u = await repo.updateResult(tx, existing.r.id, existing.r.revision, values);
          if (!u) throw new AppError('RESULT_CONFLICT');
          id = existing.r.id;
        } else
          id = (
            await repo.insertResult(tx, {
              id: randomUUID(),
              frameworkId: row.f.id,
              year,
              unitId: p.unit.id,
              ownerUnitId: p.unit.parentId ?? p.unit.id,
              ...values,
            })
          ).id;
        await repo.replaceInputs(
          tx,
          id,
          Object.entries(p.inputs).map(([code, input]) => ({ code, input })),
        );
        await appendAudit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: existing ? 'result.update' : 'result.create',
          entity: 'unit_result',
          entityId: id,
          unitId: p.unit.id,
          before: existing
            ? {
                total: decNumeric(existing.r.total),
                index: decNumeric(existing.r.indexValue),
                band: existing.r.bandLabel,
              }
            : null,
          after: {
            framework: `${row.f.code} v${row.f.version}`,
            year,
            total: dec(fig.res.total),
            index: dec(fig.res.index),
            band: fig.bandLabel,
            mode,
            inputs: p.texts,
          },
          reason: 'Nhập kết quả từ tệp',
        });
      }
      await repo.updateRanks(tx, row.f.id, year);
    });
    return { saved: parsed.length };
  }

  /** Recompute every result of a set from its stored inputs: one read, the fast engine, one write
   * of the figures and field subtotals, ranks in SQL. Returns how many results were written. */
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
    await this.db.transaction(async (tx) => {
      await repo.lockRankSet(tx, frameworkId, year);
      await repo.writeComputed(tx, out);
      await repo.updateRanks(tx, frameworkId, year);
    });
    return out.length;
  }

  /** The unit's own result: what a reader needs to know exists, without an id. */
  async find(actor: Actor, frameworkId: string, year: number, unitId: string) {
    const unit = await getUnit(this.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'result.read', unit.path);
    const j = await repo.getResult(this.db, frameworkId, year, unitId);
    return j ? this.rowView(j) : null;
  }
}

const frameworkSummary = summary;

export type { Result };
