/** The screens' views of one self-assessment, built from a loaded context and the rows read with it
 * (no query here): the self-assessment as the unit works through it, the appraisal beside it, and
 * where its approval stands. Steps answer with these views from what they loaded. */
import {
  assertNever,
  canWriteInStage,
  daysLeft,
  evaluate,
  formatDateVi,
  formatPoints,
  isAwaitingDecision,
  isEditable,
  isUnderAppraisal,
  leavesOf,
  parseLeafInput,
  sameLeafInput,
  type AppraisalItemState,
  type AssessmentStatus,
  type Criterion,
  type CycleStatus,
  type LeafInput,
  type NodeResult,
  type Result,
} from '@chiso/domain';
import type { AssessmentNode } from '@chiso/contracts';
import type { z } from 'zod';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import type { SurveyLeafValue } from '../surveyPoints/resolve.ts';
import type { CountLeafValue } from '../activities/counted.ts';
import type { AssessmentContext } from './context.ts';
import { answerDue, cycleClosedText, gateText, stageGate, supplementWindow } from './gates.ts';
import { approvedByActor, isAuthor, mayAppraise, type Position } from './levels.ts';
import type * as repo from './repository.ts';

/** What the self-assessment view shows besides the context: the scores as typed, the evidence
 * linked, and the units sharing a linked file. */
export interface SelfAssessmentRows {
  items: repo.ItemRow[];
  links: { l: { code: string; locator: string }; e: repo.EvidenceRow }[];
  shared: { sha: string; unitName: string; unitPath: string }[];
  /** The survey leaves as they read now (never typed: the bound campaign's published index). */
  survey: Map<string, SurveyLeafValue>;
  /** The counted leaves (issue #16 item 3): the count offered, the records counted. */
  count?: Map<string, CountLeafValue>;
}

/** A counted leaf as the screens show it, beside what the unit typed. */
export function countLeafView(v: CountLeafValue, item: repo.ItemRow | undefined) {
  const typed = item?.input as LeafInput | null | undefined;
  const differs = !!typed && !!v.offer && !sameLeafInput(typed, v.offer.input);
  return {
    counter: v.counter,
    counterLabel: v.counterLabel,
    subtree: v.subtree,
    ruleText: v.ruleText,
    valueText: v.valueText,
    offerText: v.offer?.text ?? null,
    offerPoints: v.offer?.points ?? null,
    text: v.text,
    records: v.records,
    differs,
    reason: differs ? (item?.offerReason ?? null) : null,
  };
}

/** A survey leaf as the screens show it. */
export function surveyLeafView(v: SurveyLeafValue) {
  return {
    state: v.state,
    campaignCode: v.campaignCode,
    campaignName: v.campaignName,
    index: v.index,
    source: v.source,
    text: v.text,
  };
}

/** The inputs with the survey leaves' values in place of anything typed. */
export function withSurvey(
  inputs: Record<string, LeafInput>,
  survey: ReadonlyMap<string, SurveyLeafValue>,
): Record<string, LeafInput> {
  const out = { ...inputs };
  for (const [code, v] of survey) {
    if (v.input) out[code] = v.input;
    else delete out[code];
  }
  return out;
}

/** The self-assessment as a unit works through it: the tree, what was typed, points computed by the
 * rule with its explanation, evidence, what is missing, deadlines, what the reader may do. */
export function assessmentView(
  actor: Actor,
  ctx: AssessmentContext,
  rows: SelfAssessmentRows,
  today: string,
) {
  const { a, cycle, fw, pos } = ctx;
  const byCode = new Map(rows.items.map((i) => [i.code, i]));
  const typed: Record<string, LeafInput> = {};
  for (const i of rows.items) if (i.input) typed[i.code] = i.input as LeafInput;
  const res = evaluate(ctx.compiled, withSurvey(typed, rows.survey));
  const year = cycle.year;
  const readScope = scopeOf(actor, 'assessment.read');
  const evidenceView = (e: repo.EvidenceRow, locator: string) => {
    const flags: string[] = [];
    if (e.issuedOn < `${year}-01-01` || e.issuedOn > `${year}-12-31`)
      flags.push(`Văn bản ngày ${formatDateVi(e.issuedOn)} nằm ngoài kỳ đánh giá năm ${year}.`);
    // only units the reader may see: the flag is no oracle on files held elsewhere
    const others = rows.shared
      .filter((s) => s.sha === e.fileSha256 && pathInScope(readScope, s.unitPath))
      .map((s) => s.unitName);
    if (others.length) flags.push(`Cùng một tệp cũng là tài liệu kiểm chứng của: ${others.join(', ')}.`);
    return {
      id: e.id,
      numberSymbol: e.numberSymbol,
      issuedOn: e.issuedOn,
      issuer: e.issuer,
      summary: e.summary,
      fileName: e.fileName,
      locator,
      flags,
    };
  };
  const leaves = new Map(leavesOf(fw).map((l) => [l.code, l]));
  const missing: { code: string; what: string }[] = [];
  const node = (n: NodeResult): z.infer<typeof AssessmentNode> => {
    const leaf = leaves.get(n.code);
    const item = byCode.get(n.code);
    const ev = rows.links.filter((l) => l.l.code === n.code).map((l) => evidenceView(l.e, l.l.locator));
    const survey = rows.survey.get(n.code);
    if (leaf && survey)
      // read-only: the unit has nothing to type, whatever the campaign's state
      return {
        code: n.code,
        title: n.title,
        guidance: leaf.guidance ?? '',
        max: formatPoints(n.max),
        points: formatPoints(n.points),
        rule: n.explanation.rule,
        explanation: survey.input
          ? [n.explanation.inputs, n.explanation.detail].filter(Boolean).join(' — ')
          : survey.text,
        evidenceRequired: false,
        input: inputKind(leaf),
        inputText: survey.index !== null ? formatPoints(survey.index, { fixed: true }) : '',
        inputProblem: null,
        note: '',
        revision: 0,
        evidence: ev,
        survey: surveyLeafView(survey),
        children: [],
      };
    const counted = rows.count?.get(n.code);
    if (leaf) {
      const problem =
        item && item.inputText.trim() && !item.input ? parseLeafInput(leaf, item.inputText) : null;
      if (!item?.input) missing.push({ code: n.code, what: NOT_SCORED });
      else if (leaf.evidenceRequired && !ev.length && !item.explanation.trim())
        missing.push({ code: n.code, what: 'Thiếu tài liệu kiểm chứng hoặc giải trình' });
      return {
        code: n.code,
        title: n.title,
        guidance: leaf.guidance ?? '',
        max: formatPoints(n.max),
        points: formatPoints(n.points),
        rule: n.explanation.rule,
        explanation: [n.explanation.inputs, n.explanation.detail, n.explanation.tier]
          .filter(Boolean)
          .join(' — '),
        evidenceRequired: !!leaf.evidenceRequired,
        input: inputKind(leaf),
        inputText: item?.inputText ?? '',
        inputProblem: problem && problem.error !== undefined ? problem.error : null,
        note: item?.explanation ?? '',
        revision: item?.revision ?? 0,
        evidence: ev,
        ...(counted ? { count: countLeafView(counted, item) } : {}),
        children: [],
      };
    }
    return {
      code: n.code,
      title: n.title,
      max: formatPoints(n.max),
      points: formatPoints(n.points),
      rule: n.explanation.rule,
      explanation: n.explanation.detail,
      children: n.children.map(node),
    };
  };
  const tree = res.tree.map(node);
  const sa = ctx.stages.find((s) => s.stage === 'self_assessment')!;
  const due = sa.extendedTo && sa.extendedTo > sa.dueOn ? sa.extendedTo : sa.dueOn;
  const writable = canWriteInStage(sa, today, sa.extendedTo);
  const editable = isEditable(a.status);
  const submits = pathInScope(scopeOf(actor, 'assessment.submit'), ctx.unit.path);
  const inAppraisal = isUnderAppraisal(a.status);
  const published = cycle.status === 'published';
  // a survey leaf waiting for its campaign (unbound, unpublished) is not scored, yet asks nothing of the unit
  const surveyWaiting = [...rows.survey.values()].filter((v) => !v.input).length;
  const unscored = missing.filter((m) => m.what === NOT_SCORED).length + surveyWaiting;
  // an appraiser of the unit (by role) may appraise only while the stage is open: otherwise the
  // screen says who opens it and when
  const appraiser =
    inAppraisal &&
    !pos.approvals.length &&
    (pos.appraises || !!actor.system || mayAppraise(actor.grants, pos));
  const appraiseGate =
    cycleClosedText(cycle.status) ??
    gateText(stageGate(ctx.stages, today, ['appraisal', 'supplementation'], ctx.owner.name));
  return {
    id: a.id,
    cycle: {
      id: cycle.id,
      name: cycle.name,
      year: cycle.year,
      framework: `${ctx.fwRow.code} v${ctx.fwRow.version}`,
    },
    unit: { id: a.unitId, name: ctx.unit.name, code: ctx.unit.code },
    status: a.status,
    returnReason: a.returnReason,
    total: formatPoints(res.total),
    applicableMax: formatPoints(res.applicableMax),
    index: formatPoints(res.index, { fixed: true }),
    /** The class, once every criterion is scored (before, it would mislead). */
    band: unscored ? null : (res.band?.label ?? null),
    scored: leaves.size - unscored,
    leaves: leaves.size,
    cycleStatus: cycle.status,
    deadline: {
      dueOn: due,
      daysLeft: daysLeft(today, due),
      state: published ? ('closed' as const) : sa.state,
      writable: !published && (writable.ok || a.status === 'returned'),
      message: published
        ? cycleClosedText(cycle.status)
        : writable.ok
          ? null
          : gateText(stageGate(ctx.stages, today, ['self_assessment'], ctx.owner.name, { extension: true })),
    },
    canEdit:
      editable &&
      (writable.ok || a.status === 'returned') &&
      pathInScope(scopeOf(actor, 'assessment.write'), ctx.unit.path),
    canSubmit: editable && submits,
    // withdrawing reopens editing: only while the unit could still submit again
    canWithdraw: a.status === 'submitted' && !a.appraisalStartedAt && writable.ok && submits,
    /** May answer supplementation requests (the unit's writers). */
    canAnswer: pathInScope(scopeOf(actor, 'assessment.write'), ctx.unit.path),
    /** May appraise (an appraiser over the unit, or who runs the cycle); the assignment by field is
     * checked on each appraisal. */
    canAppraise: appraiser && !appraiseGate,
    /** Why an appraiser of the unit cannot appraise now (who opens the stage, and when). */
    appraiseBlocked: appraiser ? appraiseGate : null,
    /** May return it to the unit (the appraising level's coordinator, before any approval). */
    canReturn: inAppraisal && !pos.approvals.length && pos.appraises,
    /** The unit that appraises it, and where it waits now. */
    appraisingUnitName: pos.appraising.name,
    heldBy: pos.holder.name,
    missing,
    tree,
  };
}

const NOT_SCORED = 'Chưa chấm điểm';

/** How a criterion's input is best typed on screen: a choice of levels, Có/Không, a count of
 * incidents, numerator and denominator, or points (the text stays what is stored). */
function inputKind(leaf: Criterion) {
  const rule = leaf.rule ?? { type: 'manual' as const };
  switch (rule.type) {
    case 'levels':
      return {
        kind: 'levels' as const,
        levels: rule.levels.map((l) => ({
          code: l.code,
          label: l.label,
          points: formatPoints(l.points),
        })),
      };
    case 'done':
      return { kind: 'done' as const };
    case 'deduction':
      return { kind: 'count' as const };
    case 'ratio_tiers':
    case 'ratio_proportional':
      return { kind: 'ratio' as const };
    case 'survey':
      return { kind: 'percent' as const };
    case 'manual':
      return { kind: 'points' as const };
    default:
      return assertNever(rule);
  }
}

/** The inputs that count once appraised: the unit's own, overridden where the appraiser changed them. */
export function finalInputs(
  items: readonly { code: string; input: unknown }[],
  appraisal: readonly { code: string; state: AppraisalItemState; input: unknown }[],
): Record<string, LeafInput> {
  const inputs: Record<string, LeafInput> = {};
  for (const i of items) if (i.input) inputs[i.code] = i.input as LeafInput;
  for (const p of appraisal) if (p.state === 'changed' && p.input) inputs[p.code] = p.input as LeafInput;
  return inputs;
}

/** A waiting criterion in a few words, after its code ("6.1 đang chờ giải trình"). */
export function awaitingShort(s: AppraisalItemState): string {
  return s === 'supplement' ? 'đang chờ giải trình' : 'chờ quyết định sau giải trình';
}

/** Points of every node of a result, by code. */
export function pointsByCode(r: Result): Map<string, number> {
  const m = new Map<string, number>();
  const walk = (ns: readonly NodeResult[]) => ns.forEach((n) => (m.set(n.code, n.points), walk(n.children)));
  walk(r.tree);
  return m;
}

/** Self-assessment and appraisal side by side, per leaf, with where the approval stands. */
export function appraisalView(
  actor: Actor,
  ctx: AssessmentContext,
  items: readonly repo.ItemRow[],
  appraisal: readonly repo.AppraisalRow[],
  today: string,
  survey: ReadonlyMap<string, SurveyLeafValue> = new Map(),
) {
  const { a, compiled } = ctx;
  const byCode = new Map(items.map((i) => [i.code, i]));
  const app = new Map(appraisal.map((i) => [i.code, i]));
  const selfInputs: Record<string, LeafInput> = {};
  for (const i of items) if (i.input) selfInputs[i.code] = i.input as LeafInput;
  const selfRes = evaluate(compiled, withSurvey(selfInputs, survey));
  const finalRes = evaluate(compiled, withSurvey(finalInputs(items, appraisal), survey));
  const sp = pointsByCode(selfRes);
  const fp = pointsByCode(finalRes);
  const gate =
    cycleClosedText(ctx.cycle.status) ??
    gateText(stageGate(ctx.stages, today, ['appraisal', 'supplementation'], ctx.owner.name));
  const writes = pathInScope(scopeOf(actor, 'assessment.write'), ctx.unit.path);
  const waiting = appraisal.filter((x) => isAwaitingDecision(x.state));
  return {
    id: a.id,
    cycleId: ctx.cycle.id,
    unitName: ctx.unit.name,
    status: a.status,
    selfTotal: formatPoints(selfRes.total),
    appraisedTotal: formatPoints(finalRes.total),
    index: formatPoints(finalRes.index, { fixed: true }),
    approval: approvalView(actor, ctx.pos, a, ctx.cycle.status, gate),
    /** Criteria that hold up approval ("6.1 đang chờ giải trình"). */
    waiting: waiting.map((x) => ({ code: x.code, text: `${x.code} ${awaitingShort(x.state)}` })),
    /** Where a request's due date may fall (from today to the end of the supplementation stage). */
    supplementWindow: supplementWindow(ctx.stages, today),
    items: leavesOf(ctx.fw).map((l) => {
      const i = byCode.get(l.code);
      const p = app.get(l.code);
      const state: AppraisalItemState = p?.state ?? 'pending';
      const sv = survey.get(l.code);
      return {
        ...(sv ? { survey: surveyLeafView(sv) } : {}),
        code: l.code,
        title: l.title,
        max: formatPoints(l.max),
        selfText: sv
          ? sv.index !== null
            ? formatPoints(sv.index, { fixed: true })
            : ''
          : (i?.inputText ?? ''),
        selfPoints: formatPoints(sp.get(l.code) ?? 0),
        note: i?.explanation ?? '',
        state,
        appraisedText: p?.inputText ?? null,
        appraisedPoints: formatPoints(fp.get(l.code) ?? 0),
        reason: p?.reason ?? null,
        supplementMessage: p?.supplementMessage ?? null,
        supplementDueOn: p?.supplementDueOn ?? null,
        answer: p?.answer ?? null,
        /** The unit may answer now: from the request until its due date, whatever stage is open,
         * while the cycle is open. */
        canAnswer:
          writes &&
          state === 'supplement' &&
          ctx.cycle.status === 'open' &&
          today <= answerDue(ctx.stages, p?.supplementDueOn ?? null),
      };
    }),
  };
}

/** Where an appraisal stands on its way up (one level at a time) and what the reader may do. */
export function approvalView(
  actor: Actor,
  pos: Position,
  a: { status: AssessmentStatus; scoredBy: string[]; submittedBy: string | null },
  cycleStatus: CycleStatus,
  /** Why approving cannot succeed today (the stage), or null. */
  gate: string | null,
) {
  const inAppraisal = cycleStatus === 'open' && isUnderAppraisal(a.status);
  const approver =
    inAppraisal &&
    !pos.complete &&
    pos.holds &&
    !approvedByActor(actor, pos.approvals) &&
    !isAuthor(actor, a);
  return {
    appraisingUnitName: pos.appraising.name,
    holderUnitName: pos.holder.name,
    complete: pos.complete,
    levels: pos.chain.slice(0, -1).map((u) => {
      const ap = pos.approvals.find((x) => x.unitId === u.unitId);
      return {
        unitId: u.unitId,
        unitName: u.closed ? `${u.name} (không còn; cấp trên duyệt thay)` : u.name,
        approvedBy: ap?.byName ?? null,
        approvedAt: ap?.at ?? null,
      };
    }),
    /** The actor may approve it now (acts at the level that holds it, below the owner). */
    canApprove: approver && !gate,
    /** The actor may send it back to the level below (acts where it is held, after an approval). */
    canSendBack: inAppraisal && pos.approvals.length > 0 && pos.holds && !gate,
    /** Why the level holding it cannot approve or send back now (who opens the stage, and when). */
    approveBlocked: approver ? gate : null,
  };
}
