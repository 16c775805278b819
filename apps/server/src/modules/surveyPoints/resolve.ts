/** What a cycle member's survey leaf reads (issue #15, item 7; ADR 0017): the cycle binds the leaf to
 * a campaign code and an indicator; the campaign of that code whose owner is nearest at or above the
 * unit gives, once published, the unit's own index, else its subtree's, else "không áp dụng". A
 * recorded 'zero' decision (seed 002's sanction) makes the leaf count 0. Read by the cycles wing for
 * self-assessment, appraisal and finalisation; nobody types a survey index. */
import {
  formatPoints,
  leafIndex,
  leavesOf,
  type Criterion,
  type Framework,
  type LeafInput,
  type PublishedResults,
  type SurveyIndicator,
} from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { campaignsByCode } from '../surveys/campaigns.ts';
import { publishedResults } from '../surveys/published.ts';
import * as repo from './repository.ts';

export type SurveyLeafState = 'unbound' | 'no_campaign' | 'pending' | 'index' | 'not_applicable' | 'zero';

export interface SurveyLeafValue {
  code: string;
  state: SurveyLeafState;
  campaignCode: string | null;
  campaignName: string | null;
  campaignId: string | null;
  index: number | null;
  source: 'unit' | 'subtree' | null;
  /** What the screens show (Vietnamese). */
  text: string;
  /** What the engine counts: null while nothing can be counted (unbound, no campaign, not published). */
  input: LeafInput | null;
}

/** The survey leaves of a framework (rule type 'survey'). */
export function surveyLeaves(fw: Framework): Criterion[] {
  return leavesOf(fw).filter((l) => l.rule?.type === 'survey');
}

export const isSurveyLeaf = (leaf: Criterion) => leaf.rule?.type === 'survey';

export function indicatorText(i: SurveyIndicator): string {
  if (i.kind === 'overall') return 'Chỉ số hài lòng chung';
  if (i.kind === 'field') return `Lĩnh vực ${i.code}`;
  return `Yếu tố ${i.code}`;
}

const pct = (n: number) => `${formatPoints(n, { fixed: true })}%`;

type Campaign = Awaited<ReturnType<typeof campaignsByCode>>[number];

/** The campaign of a code whose owner is nearest at or above a unit, if any. */
export function nearestCampaign(campaigns: readonly Campaign[], unitPath: string): Campaign | undefined {
  let best: Campaign | undefined;
  for (const c of campaigns)
    if (unitPath.startsWith(c.ownerPath) && (!best || c.ownerPath.length > best.ownerPath.length)) best = c;
  return best;
}

/** Each member's survey leaves: unitId → code → value (empty when the framework has none). */
export async function surveyLeafValues(
  db: DbOrTx,
  cycle: { id: string; fw: Framework },
  units: readonly { unitId: string; unitPath: string }[],
): Promise<Map<string, Map<string, SurveyLeafValue>>> {
  const out = new Map<string, Map<string, SurveyLeafValue>>();
  const leaves = surveyLeaves(cycle.fw);
  if (!leaves.length || !units.length) return out;
  const bindings = new Map((await repo.bindingsOf(db, cycle.id)).map((b) => [b.code, b]));
  const sanctions = new Map((await repo.sanctionsOf(db, cycle.id)).map((s) => [s.s.unitId, s.s]));
  const byCode = new Map<string, Campaign[]>();
  for (const b of bindings.values())
    if (!byCode.has(b.campaignCode)) byCode.set(b.campaignCode, await campaignsByCode(db, b.campaignCode));
  const published = new Map<string, PublishedResults | undefined>();
  const resultsOf = async (id: string) => {
    if (!published.has(id)) published.set(id, await publishedResults(db, id));
    return published.get(id);
  };
  for (const u of units) {
    const m = new Map<string, SurveyLeafValue>();
    out.set(u.unitId, m);
    for (const leaf of leaves) {
      const b = bindings.get(leaf.code);
      const base = { code: leaf.code, index: null, source: null, input: null };
      if (!b) {
        m.set(leaf.code, {
          ...base,
          state: 'unbound',
          campaignCode: null,
          campaignName: null,
          campaignId: null,
          text: `Tiêu chí ${leaf.code} chưa gắn đợt khảo sát: cán bộ đầu mối của kỳ đánh giá gắn trước khi thẩm định.`,
        });
        continue;
      }
      const c = nearestCampaign(byCode.get(b.campaignCode) ?? [], u.unitPath);
      if (!c) {
        m.set(leaf.code, {
          ...base,
          state: 'no_campaign',
          campaignCode: b.campaignCode,
          campaignName: null,
          campaignId: null,
          text: `Chưa có đợt khảo sát ${b.campaignCode} của đơn vị hoặc cấp trên.`,
        });
        continue;
      }
      const named = { campaignCode: c.c.code, campaignName: c.c.name, campaignId: c.c.id };
      const p = await resultsOf(c.c.id);
      if (!p) {
        m.set(leaf.code, {
          ...base,
          ...named,
          state: 'pending',
          text: `Chờ công bố kết quả khảo sát đợt ${c.c.code} (${c.c.name}).`,
        });
        continue;
      }
      const li = leafIndex(p, u.unitId, b.indicator);
      if (li.kind === 'not_applicable') {
        m.set(leaf.code, {
          ...base,
          ...named,
          state: 'not_applicable',
          input: { na: true },
          text: `Không áp dụng: đơn vị và các đơn vị trực thuộc không được khảo sát trong đợt ${c.c.code}.`,
        });
        continue;
      }
      const whose = li.source === 'unit' ? 'của đơn vị' : 'của các đơn vị trực thuộc';
      const s = sanctions.get(u.unitId);
      if (s?.decision === 'zero') {
        m.set(leaf.code, {
          ...base,
          ...named,
          state: 'zero',
          index: li.index,
          source: li.source,
          input: { surveyIndex: 0 },
          text: `0 điểm theo quyết định của cán bộ đầu mối (báo cáo khảo sát trễ hạn hoặc sai mẫu): ${s.reason} — chỉ số ${whose} đợt ${c.c.code} là ${pct(li.index)}.`,
        });
        continue;
      }
      m.set(leaf.code, {
        ...base,
        ...named,
        state: 'index',
        index: li.index,
        source: li.source,
        input: { surveyIndex: li.index },
        text: `${indicatorText(b.indicator)} ${whose}: ${pct(li.index)} — kết quả đợt khảo sát ${c.c.code} đã công bố.`,
      });
    }
  }
  return out;
}

/** Why a survey leaf cannot be counted at finalisation (Vietnamese), or null. */
export function finalisationProblem(v: SurveyLeafValue): string | null {
  switch (v.state) {
    case 'unbound':
      return `tiêu chí ${v.code} chưa gắn đợt khảo sát.`;
    case 'no_campaign':
      return `tiêu chí ${v.code}: không có đợt khảo sát ${v.campaignCode} của đơn vị hoặc cấp trên.`;
    case 'pending':
      return `tiêu chí ${v.code}: đợt khảo sát ${v.campaignCode} (${v.campaignName}) chưa công bố kết quả.`;
    default:
      return null;
  }
}

/** The 409 message when someone tries to type a survey leaf. */
export function readonlyMessage(v: SurveyLeafValue | undefined, code: string): string {
  if (v?.campaignCode)
    return `Điểm tiêu chí ${code} lấy từ kết quả đợt khảo sát ${v.campaignCode}${v.campaignName ? ` (${v.campaignName})` : ''}; không chấm tay.`;
  return `Điểm tiêu chí ${code} lấy từ kết quả khảo sát (tiêu chí chưa gắn đợt khảo sát); không chấm tay.`;
}
