/** Results per unit and year under a published framework version: entered (or imported, see
 * importer.ts; cycles write theirs through the same writer), ranked across their set, shown as a
 * unit's result card with lost points and the change from its previous result. */
import {
  compare,
  evaluate,
  formatLeafInput,
  lostPoints,
  parseFrameworkJson,
  toDbNumeric,
  fromDbNumeric,
  divRoundHalfUp,
  type Framework,
  type LeafInput,
  type NodeResult,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { compiledFor } from '../frameworks/compiled.ts';
import { summary as frameworkSummary } from '../frameworks/service.ts';
import { getUnit, listUnits } from '../units/service.ts';
import * as repo from './repository.ts';
import {
  auditWrite,
  beforeWrite,
  checkKind,
  checkYear,
  chooseOwner,
  dec,
  decNumeric,
  entryCriteria,
  loadFramework,
  ownerOptions,
  parseInputs,
  requireNoCycle,
  requireOneVersion,
} from './rules.ts';
import { groupHeads } from './groups.ts';
import { movementView, previousPlaces } from './previousRank.ts';
import { fastFiguresOf, writeResults, type Mode } from './writer.ts';

export type { Mode };

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

/** The results of a cycle, ranked (for the cycle's ranking), and a set's groups as lists show them. */
export { resultsOfCycle } from './repository.ts';
export { groupHeads } from './groups.ts';
export { movementView, placeOfView, previousPlaces } from './previousRank.ts';

/** A stored field of a result: points and maximum as decimal strings. */
export interface ResultField {
  code: string;
  title: string;
  points: string;
  max: string;
}

export class ResultService {
  constructor(private db: Db) {}

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
    const { row, fw } = await loadFramework(this.db, body.frameworkId, { forWrite: true });
    checkYear(fw, body.year);
    checkKind(fw, unit);
    const { inputs, errors } = parseInputs(fw, body.mode, body.inputs);
    if (errors.length) throw new AppError('RESULT_INVALID', undefined, { errors });
    const id = await this.db.transaction(async (tx) => {
      const found = await repo.getResult(tx, row.f.id, body.year, unit.id);
      if (found?.r.cycleId) throw new AppError('RESULT_FROM_CYCLE');
      if (found) {
        if (body.baseRevision === undefined || body.baseRevision !== found.r.revision)
          throw new AppError('RESULT_CONFLICT', undefined, { revision: found.r.revision });
        if (!body.reason?.trim()) throw new AppError('REASON_REQUIRED', 'Sửa kết quả đã có cần ghi lý do.');
      }
      await requireOneVersion(tx, row, body.year, unit);
      const owner = await chooseOwner(
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
      await requireNoCycle(tx, set, owner.name);
      const existing = await repo.getResult(tx, row.f.id, body.year, unit.id);
      if ((existing?.r.revision ?? null) !== (found?.r.revision ?? null))
        throw new AppError('RESULT_CONFLICT', undefined, { revision: existing?.r.revision ?? null });
      const before = existing ? await beforeWrite(tx, existing) : null;
      const [written] = await writeResults(
        tx,
        [
          {
            frameworkId: row.f.id,
            year: body.year,
            unitId: unit.id,
            compiled: compiledFor(row.f.id, fw, body.mode),
            mode: body.mode,
            source: 'entered',
            ownerUnitId: owner.id,
            inputs,
            existing: existing ? { id: existing.r.id, revision: existing.r.revision } : null,
            updatedBy: actor.id,
          },
        ],
        left ? [set, left] : [set],
      );
      await auditWrite(tx, actor, {
        resultId: written!.id,
        row,
        year: body.year,
        unit,
        owner,
        mode: body.mode,
        inputs,
        res: written!.res,
        before,
        reason: body.reason?.trim() || null,
      });
      return written!.id;
    });
    return this.card(actor, id);
  }

  /** For the entry form: the unit's stored result of the year (if any) and where a writer may place
   * its ranking set. */
  async entryOf(actor: Actor, frameworkId: string, year: number, unitId: string) {
    const unit = await getUnit(this.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'result.write', unit.path);
    const { options, default: def } = await ownerOptions(this.db, actor, unit);
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
    const { row, fw } = await loadFramework(this.db, frameworkId, { forWrite: false });
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
    const { heads, sizes } = chosen
      ? await groupHeads(this.db, { ownerUnitId: chosen.ownerUnitId, frameworkCode: row.f.code, year })
      : { heads: [], sizes: new Map<string, number>() };
    const mine = chosen ? visible.filter((j) => j.r.ownerUnitId === chosen.ownerUnitId) : [];
    const codes = [row.f.code, ...(fw.comparesWith ? [fw.comparesWith.frameworkCode] : [])];
    const places = chosen
      ? await previousPlaces(
          this.db,
          { ownerUnitId: chosen.ownerUnitId, frameworkCodes: codes, year },
          mine.map((j) => ({ unitId: j.r.unitId, rankGroup: j.r.rankGroup })),
        )
      : new Map<string, null>();
    const items = mine.map((j) => ({
      ...this.rowView(j, sizes.get(j.r.rankGroup) ?? 0),
      movement: movementView(j.r.rank, places.get(j.r.unitId) ?? null),
    }));
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
      groups: heads,
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
    return { res: evaluate(compiledFor(frameworkId, fw, mode), inputs), inputs };
  }

  /** The points by field of a cycle's results, for the annex of its publishing decision (the caller
   * has read the cycle's ranking, which decides who may see them). */
  async fieldsOfCycle(cycleId: string): Promise<Map<string, ResultField[]>> {
    const rows = await repo.resultsOfCycle(this.db, cycleId);
    return new Map(rows.map((r) => [r.r.unitId, (r.r.fields ?? []) as ResultField[]]));
  }

  /** A unit's result card: fields, points, index, class, rank, lost points, change, and every number explained. */
  async card(actor: Actor, id: string) {
    const j = await this.mustRead(actor, id);
    const { row, fw } = await loadFramework(this.db, j.r.frameworkId, { forWrite: false });
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
    // the previous result the reader may see (an unpublished cycle's result is not shown through it)
    const prev = (await repo.previousResults(this.db, j.r.unitId, j.r.year)).find((p) =>
      this.visible(actor, p),
    );
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
    const codes = [row.f.code, ...(fw.comparesWith ? [fw.comparesWith.frameworkCode] : [])];
    const set = { ownerUnitId: j.r.ownerUnitId, frameworkCodes: codes, year: j.r.year };
    const place = await previousPlaces(this.db, set, [{ unitId: j.r.unitId, rankGroup: j.r.rankGroup }]);
    return {
      result: this.rowView(j, rankedOf),
      framework: frameworkSummary(row),
      rankedOf,
      movement: movementView(j.r.rank, place.get(j.r.unitId) ?? null),
      explanation: res.explanation,
      tree: res.tree.map(nodeView),
      lost,
      previous,
    };
  }

  /** What the entry template holds: one row per unit in the writer's scope the framework applies
   * to, one column per criterion (leaf or field), prefilled with what is stored, and the revision
   * each row is made from (an import that changes a result needs it, as PUT does). The workbook is
   * built with the documents (documents/resultTemplate.ts). */
  async templateData(actor: Actor, frameworkId: string, year: number, mode: Mode) {
    const scope = scopeOf(actor, 'result.write');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const { row, fw } = await loadFramework(this.db, frameworkId, { forWrite: true });
    checkYear(fw, year);
    const all = await listUnits(this.db, scope, { includeClosed: false, words: [] });
    const unitsList = all.filter((u) => !fw.appliesTo.length || fw.appliesTo.includes(u.kind));
    const criteria = entryCriteria(fw, mode);
    // results entered or imported (a cycle's result changes only through its cycle: not prefilled,
    // and nothing of an unpublished one shows through the template)
    const existing = new Map(
      (await repo.listResults(this.db, frameworkId, year, scope))
        .filter((x) => x.r.cycleId === null)
        .map((x) => [x.r.unitId, x.r]),
    );
    const rows: { code: string; name: string; inputs: string[]; revision: number | null }[] = [];
    for (const u of unitsList) {
      const r = existing.get(u.id);
      const inputs =
        r && r.mode === mode
          ? new Map((await repo.inputsOf(this.db, r.id)).map((i) => [i.code, i.input as LeafInput]))
          : null;
      rows.push({
        code: u.code,
        name: u.name,
        inputs: criteria.map((c) => (inputs ? formatLeafInput(inputs.get(c.code)) : '')),
        revision: r ? r.revision : null,
      });
    }
    return {
      framework: { name: fw.name, code: row.f.code, version: row.f.version },
      year,
      mode,
      criteria,
      rows,
    };
  }

  /** Recompute every result of a framework version and year from its stored inputs: one read, the
   * fast engine, one write of the figures and field subtotals, ranks in SQL per set. Results of
   * cycles are left as their cycle wrote them (a published result changes only by decision).
   * Returns how many results were written. */
  async recomputeAll(frameworkId: string, year: number): Promise<number> {
    const { row, fw } = await loadFramework(this.db, frameworkId, { forWrite: false });
    const results = await repo.setModes(this.db, frameworkId, year);
    const modeOf = new Map(results.map((r) => [r.id, r.mode as Mode]));
    const inputs = await repo.allInputs(this.db, frameworkId, year);
    const out: Parameters<typeof repo.writeComputed>[1] = [];
    const compiledBy = {
      leaves: compiledFor(row.f.id, fw, 'leaves'),
      fields: compiledFor(row.f.id, fw, 'fields'),
    };
    const flush = (id: string, mode: Mode, byCode: Map<string, LeafInput>) =>
      out.push({ id, ...fastFiguresOf(compiledBy[mode], byCode) });
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

const vnCollator = new Intl.Collator('vi');
