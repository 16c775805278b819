/** The data of a cycle's documents, from the views the screens show (pure): the rows of a unit's
 * self-assessment report, with the appraised points beside them once appraisal has started, and the
 * rows of the cycle's ranking. The documents themselves: cycleReports.ts. */
import type { AppraisalView, AssessmentNode, AssessmentView, CycleRanking } from '@chiso/contracts';
import { formatDateVi, hasAppraisal } from '@chiso/domain';
import type { z } from 'zod';
import type { RankingData, ReportLeaf, SelfReportData } from './cycleReports.ts';

type Node = z.infer<typeof AssessmentNode>;

/** The report of a self-assessment: one row per criterion in tree order (fields bold, leaves with
 * what was typed, the explanation and the evidence "number ngày dd/mm/yyyy (where)"). */
export function selfReportData(
  view: z.infer<typeof AssessmentView>,
  appraisal: z.infer<typeof AppraisalView>,
  today: string,
): SelfReportData {
  const appraised = hasAppraisal(view.status);
  const byCode = new Map(appraisal.items.map((i) => [i.code, i]));
  const rows: ReportLeaf[] = [];
  const walk = (nodes: readonly Node[], depth: number) => {
    for (const n of nodes) {
      const isLeaf = n.children.length === 0;
      const p = byCode.get(n.code);
      rows.push({
        code: n.code,
        title: n.title,
        max: n.max,
        selfPoints: n.points,
        inputText: n.inputText ?? '',
        note: n.note ?? '',
        evidence: (n.evidence ?? []).map(
          (e) => `${e.numberSymbol} ngày ${formatDateVi(e.issuedOn)}${e.locator ? ` (${e.locator})` : ''}`,
        ),
        appraisedPoints: appraised && isLeaf && p ? p.appraisedPoints : null,
        appraisalReason: p?.reason ?? null,
        depth,
        isLeaf,
      });
      walk(n.children as Node[], depth + 1);
    }
  };
  walk(view.tree, 0);
  return {
    unitName: view.unit.name,
    parentName: null,
    cycleName: view.cycle.name,
    year: view.cycle.year,
    framework: view.cycle.framework,
    total: view.total,
    applicableMax: view.applicableMax,
    index: view.index,
    band: view.band,
    appraisedTotal: appraised ? appraisal.appraisedTotal : null,
    rows,
    today,
  };
}

/** The ranking of a cycle as its report lists it: one table per group of the set, in the set's
 * order, each ranked from 1 (figures with a decimal comma). A set without groups is one table. */
export function rankingData(
  ranking: z.infer<typeof CycleRanking>,
  cycle: { name: string; year: number; ownerUnitName: string },
  today: string,
): RankingData {
  return {
    cycleName: cycle.name,
    year: cycle.year,
    ownerName: cycle.ownerUnitName,
    decision: ranking.decisionNumber
      ? `${ranking.decisionNumber} ngày ${ranking.decisionDate ? formatDateVi(ranking.decisionDate) : ''}`
      : null,
    today,
    groups: ranking.groups.map((g) => ({
      name: g.name,
      rows: ranking.items
        .filter((i) => i.rankGroup === g.key)
        .map((i) => ({
          rank: i.rank,
          unitName: i.unitName,
          total: i.total.replace('.', ','),
          index: i.index.replace('.', ','),
          band: i.bandLabel,
        })),
    })),
  };
}
