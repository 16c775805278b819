/** Targets of a campaign (units × service fields): checked against the owner's subtree and the
 * campaign's fields, with n = ⌈N/(1+N·e²)⌉ unless typed, and the public link of a pair kept when the
 * pair is kept. Shared by creation, editing, import and copy-down. */
import { randomBytes } from 'node:crypto';
import { sampleSize } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import * as repo from './repository.ts';

export interface TargetInput {
  unitId: string;
  fieldCode: string;
  transactions?: number | null | undefined;
  target?: number | null | undefined;
  /** Kept as given (allocation); otherwise derived from `target`/`transactions`. */
  targetSource?: string | null | undefined;
}

/** A target as stored, with its unit's name and path. */
export interface ResolvedTarget {
  unitId: string;
  unitName: string;
  unitPath: string;
  fieldCode: string;
  transactions: number | null;
  target: number | null;
  targetSource: string | null;
  linkToken: string;
}

/** A new public link token (unguessable; the QR code encodes /s/<token>). */
export const newLinkToken = () => randomBytes(18).toString('base64url');

/** The target of a unit × field: typed, else ⌈N/(1+N·e²)⌉ from the transactions, else none. */
export function targetOf(
  t: { transactions?: number | null | undefined; target?: number | null | undefined },
  marginPercent: number,
): { target: number | null; source: string | null } {
  if (t.target !== undefined && t.target !== null) return { target: t.target, source: 'typed' };
  if (t.transactions !== undefined && t.transactions !== null)
    return { target: sampleSize(t.transactions, marginPercent), source: 'formula' };
  return { target: null, source: null };
}

export const pairKey = (unitId: string, fieldCode: string) => `${unitId} ${fieldCode}`;

/** Checks target rows (row numbers in messages are 1-based) and resolves them: units open and inside
 * the owner, fields of the campaign, no pair twice. `tokens` keeps the links of existing pairs. */
export async function resolveTargets(
  db: DbOrTx,
  owner: { path: string; name: string },
  fieldCodes: ReadonlySet<string>,
  inputs: readonly TargetInput[],
  marginPercent: number,
  tokens: ReadonlyMap<string, string> = new Map(),
): Promise<ResolvedTarget[]> {
  const units = new Map(
    (await repo.unitsByIds(db, [...new Set(inputs.map((t) => t.unitId))])).map((u) => [u.id, u]),
  );
  const seen = new Set<string>();
  return inputs.map((t, i) => {
    const u = units.get(t.unitId);
    const row = i + 1;
    if (!u) throw new AppError('SURVEY_CAMPAIGN_INVALID', `Dòng chỉ tiêu ${row}: không tìm thấy đơn vị.`);
    if (u.validTo !== null)
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `Dòng chỉ tiêu ${row}: ${u.name} đã giải thể hoặc sáp nhập.`,
      );
    if (!u.path.startsWith(owner.path))
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `Dòng chỉ tiêu ${row}: ${u.name} không thuộc ${owner.name}.`,
      );
    if (!fieldCodes.has(t.fieldCode))
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `Dòng chỉ tiêu ${row}: lĩnh vực "${t.fieldCode}" không có trong đợt khảo sát.`,
      );
    const key = pairKey(t.unitId, t.fieldCode);
    if (seen.has(key))
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `Dòng chỉ tiêu ${row}: ${u.name} × "${t.fieldCode}" đã có.`,
      );
    seen.add(key);
    const tg = targetOf(t, marginPercent);
    return {
      unitId: t.unitId,
      unitName: u.name,
      unitPath: u.path,
      fieldCode: t.fieldCode,
      transactions: t.transactions ?? null,
      target: tg.target,
      targetSource: t.targetSource !== undefined && tg.target !== null ? t.targetSource : tg.source,
      linkToken: tokens.get(key) ?? newLinkToken(),
    };
  });
}

/** Stored rows of resolved targets. */
export const targetRows = (campaignId: string, rows: readonly ResolvedTarget[]) =>
  rows.map((r) => ({
    campaignId,
    unitId: r.unitId,
    fieldCode: r.fieldCode,
    transactions: r.transactions,
    target: r.target,
    targetSource: r.targetSource,
    linkToken: r.linkToken,
  }));

/** A short account of targets for the audit trail: pairs and their N and n. */
export const targetsForAudit = (
  rows: readonly {
    unitName: string;
    fieldCode: string;
    transactions: number | null;
    target: number | null;
    targetSource: string | null;
  }[],
) =>
  rows.map(
    (r) =>
      `${r.unitName} × ${r.fieldCode}: N=${r.transactions ?? '—'}, n=${r.target ?? '—'} (${r.targetSource ?? '—'})`,
  );
