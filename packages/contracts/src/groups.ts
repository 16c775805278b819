/** Groups of a ranking set (ADR 0013, issue #13): a set (owner unit, framework code, year) ranks its
 * results per group of unit kinds, as districts publish their rankings. */
import { z } from 'zod';
import { LIMITS, MAX_RANK_GROUPS, UNIT_KINDS } from '@chiso/domain';
import { reason, text } from './fields.ts';

const Uuid = z.string().uuid();
const Year = z.coerce.number().int().min(2000).max(2100);
const Code = text('Mã bộ tiêu chí', LIMITS.frameworkCode, { min: 1 });

/** Which set: its owner, framework code and year. */
export const RankSetQuery = z.object({ ownerUnitId: Uuid, frameworkCode: Code, year: Year });

export const RankGroupsBody = z.object({
  ownerUnitId: Uuid,
  frameworkCode: Code,
  year: z.number().int().min(2000).max(2100),
  groups: z
    .array(
      z.object({
        name: text('Tên nhóm', LIMITS.label, { min: 1 }),
        kinds: z.array(z.enum(UNIT_KINDS)).max(UNIT_KINDS.length),
      }),
    )
    .max(MAX_RANK_GROUPS),
  /** The revision the edit was made from (0: the set had no groups). */
  baseRevision: z.number().int().min(0),
  reason: reason().optional(),
});

export const RankGroupsView = z.object({
  ownerUnitId: Uuid,
  ownerName: z.string(),
  frameworkCode: z.string(),
  year: z.number().int(),
  groups: z.array(z.object({ key: z.string(), name: z.string(), kinds: z.array(z.string()) })),
  /** 0 while the set has no groups. */
  revision: z.number().int(),
  /** The set's results are published: its groups stay as published. */
  frozen: z.boolean(),
  /** The kinds of the units the set holds results of, how many, and the group each is ranked in. */
  kinds: z.array(z.object({ kind: z.string(), count: z.number().int(), group: z.string() })),
});

/** A group of a ranking as lists show it: its key (each row's `rankGroup`), name and size (the N of
 * "xếp thứ k/N"), in the order the set declares them. */
export const RankedGroupHead = z.object({ key: z.string(), name: z.string(), size: z.number().int() });

export type RankGroupsBodyT = z.input<typeof RankGroupsBody>;
export type RankGroupsViewT = z.infer<typeof RankGroupsView>;
export type RankedGroupHeadT = z.infer<typeof RankedGroupHead>;
