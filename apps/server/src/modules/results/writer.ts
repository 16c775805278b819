/** The one writer of results. Every path that stores a result — entry by hand, import from a file, a
 * cycle's finalisation and its amending decisions — gives the inputs and where the result belongs;
 * the figures (points, index, class, field subtotals) are computed here by the scoring engine, the
 * row and its inputs written, and the ranking sets named by the caller re-ranked. Callers lock the
 * sets first (`lockRankSets`) and read what they compare under that lock.
 *
 * Also what other modules read of results under those locks: a set's holder and members, the
 * results of some units, a result's inputs. */
import { randomUUID } from 'node:crypto';
import {
  classify,
  evaluate,
  evaluateFast,
  toDbNumeric,
  toDecimalString,
  type Compiled,
  type LeafInput,
  type Result,
} from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import * as repo from './repository.ts';

export type { RankSet } from './repository.ts';
export type Mode = 'leaves' | 'fields';
export type ResultSource = 'entered' | 'imported' | 'cycle';

/** The engine's result for some inputs, and the figures as the columns store them. */
export function figuresOf(c: Compiled, inputs: Record<string, LeafInput>) {
  const res = evaluate(c, inputs);
  return {
    res,
    values: {
      total: toDbNumeric(res.total),
      applicableMax: toDbNumeric(res.applicableMax),
      indexValue: toDbNumeric(res.index),
      bandCode: res.band?.code ?? null,
      bandLabel: res.band?.label ?? null,
      fields: res.tree.map((n) => ({
        code: n.code,
        title: n.title,
        points: toDecimalString(n.points),
        max: toDecimalString(n.applicableMax),
      })),
      missing: res.missingLeaves.length,
    },
  };
}

/** The same figures by the fast engine, as one bulk write of a recomputation stores them (`fields`
 * as JSON text). */
export function fastFiguresOf(c: Compiled, byCode: ReadonlyMap<string, LeafInput>) {
  const aligned = c.leafIndex.map((i) => byCode.get(c.nodes[i]!.code));
  const scratch = { pts: new Float64Array(c.nodes.length), amax: new Float64Array(c.nodes.length) };
  const r = evaluateFast(c, aligned, scratch);
  const band = classify(c.bands, r.index);
  const fields: string[] = [];
  for (let i = 0; i < c.nodes.length; i++)
    if (c.parent[i] === -1)
      fields.push(
        `{"code":${JSON.stringify(c.nodes[i]!.code)},"title":${JSON.stringify(c.nodes[i]!.title)},"points":"${toDecimalString(scratch.pts[i]!)}","max":"${toDecimalString(scratch.amax[i]!)}"}`,
      );
  let missing = 0;
  for (const v of aligned) if (v === undefined) missing++;
  return {
    total: toDbNumeric(r.total),
    applicableMax: toDbNumeric(r.applicableMax),
    index: toDbNumeric(r.index),
    bandCode: band?.code ?? null,
    bandLabel: band?.label ?? null,
    fields: `[${fields.join(',')}]`,
    missing,
  };
}

export interface ResultWrite {
  frameworkId: string;
  year: number;
  unitId: string;
  /** The framework compiled for `mode`. */
  compiled: Compiled;
  mode: Mode;
  source: ResultSource;
  /** The cycle the result comes from (cycles only). */
  cycleId?: string | undefined;
  /** The owner of the result's ranking set. */
  ownerUnitId: string;
  inputs: Record<string, LeafInput>;
  /** The stored result as read under the set's lock (null: a new one): it is written only if it is
   * still at that revision (otherwise RESULT_CONFLICT). */
  existing: { id: string; revision: number } | null;
  updatedBy: string | null;
}

/** Write results (figures computed from their inputs), their inputs, then re-rank `rerank` (every
 * set the writes entered or left). Returns each result's id and the engine's result, in order. */
export async function writeResults(
  tx: DbOrTx,
  writes: readonly ResultWrite[],
  rerank: readonly repo.RankSet[],
): Promise<{ id: string; res: Result }[]> {
  const out: { id: string; res: Result }[] = [];
  for (const w of writes) {
    const { res, values } = figuresOf(w.compiled, w.inputs);
    const row = {
      ...values,
      mode: w.mode,
      source: w.source,
      ...(w.cycleId ? { cycleId: w.cycleId } : {}),
      ownerUnitId: w.ownerUnitId,
      updatedBy: w.updatedBy,
    };
    let id: string;
    if (w.existing) {
      if (!(await repo.updateResult(tx, w.existing.id, w.existing.revision, row)))
        throw new AppError('RESULT_CONFLICT');
      id = w.existing.id;
    } else
      id = (
        await repo.insertResult(tx, {
          id: randomUUID(),
          frameworkId: w.frameworkId,
          year: w.year,
          unitId: w.unitId,
          ...row,
        })
      ).id;
    await repo.replaceInputs(
      tx,
      id,
      Object.entries(w.inputs).map(([code, input]) => ({ code, input })),
    );
    out.push({ id, res });
  }
  for (const set of rerank) await repo.updateRanks(tx, set);
  return out;
}

// Locks and reads under them: serialise the writers of sets until the transaction ends (in key
// order: no deadlock); the cycle whose set it is; the results of a set.
export { lockRankSets, cycleOfSet, resultsOfSet, resultsOfCode } from './repository.ts';

/** The results of some units for a framework version and year, by unit. */
export async function resultsOfUnits(db: DbOrTx, frameworkId: string, year: number, unitIds: string[]) {
  const rows = await repo.resultsOfUnits(db, frameworkId, year, unitIds);
  return new Map(rows.map((r) => [r.unitId, r]));
}

/** The inputs stored with a result, by criterion code. */
export async function inputsOfResult(db: DbOrTx, resultId: string): Promise<Record<string, LeafInput>> {
  const rows = await repo.inputsOf(db, resultId);
  return Object.fromEntries(rows.map((r) => [r.code, r.input as LeafInput]));
}
