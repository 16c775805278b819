/** What a reader sees of a campaign's results: names put on ids, and only the rows of their scope (a
 * surveyed unit sees its own subtree; readers of the owner see everything, with totals). */
import {
  ratingQuestions,
  satisfiedFrom,
  type GroupResult,
  type PublishedResults,
  type SurveyForm,
} from '@chiso/domain';
import type { z } from 'zod';
import type { SurveyResultsView } from '@chiso/contracts';
import type { loadCampaign } from '../surveys/campaigns.ts';

type CampaignJoined = NonNullable<Awaited<ReturnType<typeof loadCampaign>>>;

export type ResultsView = z.infer<typeof SurveyResultsView>;

export interface ViewInput {
  j: CampaignJoined;
  form: SurveyForm;
  results: PublishedResults;
  published: boolean;
  /** Units named by the results: name and path. */
  units: Map<string, { name: string; path: string }>;
  /** The reader reads the owner (sees everything). */
  full: boolean;
  visible: (path: string) => boolean;
  canManage: boolean;
  enteredAt: Map<string, string>;
}

const group = (g: GroupResult) => ({
  returned: g.returned,
  valid: g.valid,
  invalid: g.invalid,
  online: g.online,
  overallN: g.overallN,
  overallSatisfied: g.overallSatisfied,
  margin: g.margin,
  index: g.index,
  elements: g.elements,
});

export function resultsView(v: ViewInput): ResultsView {
  const { j, form, results } = v;
  const fieldName = new Map(j.c.fields.map((f) => [f.code, f.name]));
  const nameOf = (id: string) => v.units.get(id)?.name ?? id;
  const sees = (id: string) => {
    const u = v.units.get(id);
    return v.full || (!!u && v.visible(u.path));
  };
  const ownerDepth = j.ownerPath.split('/').filter(Boolean).length;
  return {
    campaign: {
      id: j.c.id,
      code: j.c.code,
      name: j.c.name,
      year: j.c.year,
      status: j.c.status,
      ownerUnitId: j.c.ownerUnitId,
      ownerUnitName: j.ownerName,
      canManage: v.canManage,
    },
    state: v.published ? 'published' : 'provisional',
    publishedAt: v.published ? results.publishedAt : null,
    satisfiedFrom: satisfiedFrom(form),
    elements: form.elements.map((e) => ({ code: e.code, name: e.name })),
    questions: ratingQuestions(form).map((q) => ({ code: q.code, text: q.text, element: q.element ?? null })),
    overallQuestion: form.overallQuestion ?? null,
    fields: j.c.fields.map((f) => ({ code: f.code, name: f.name })),
    units: results.indices.units
      .filter((u) => sees(u.unitId))
      .map((u) => ({
        ...group(u),
        unitId: u.unitId,
        unitName: nameOf(u.unitId),
        belowTarget: u.belowTarget,
        fields: u.fields.map((f) => ({
          fieldCode: f.fieldCode,
          fieldName: fieldName.get(f.fieldCode) ?? f.fieldCode,
          target: f.target,
          returned: f.returned,
          valid: f.valid,
          invalid: f.invalid,
          online: f.online,
          belowTarget: f.belowTarget,
          index: f.index,
          elements: f.elements,
          questions: f.questions,
          ...(f.external ? { external: f.external } : {}),
        })),
      })),
    subtrees: Object.entries(results.subtrees)
      .filter(([id]) => sees(id))
      .map(([id, g]) => ({
        ...group(g),
        unitId: id,
        unitName: nameOf(id),
        depth: (v.units.get(id)?.path.split('/').filter(Boolean).length ?? ownerDepth) - ownerDepth,
        path: v.units.get(id)?.path ?? '',
      }))
      .sort((a, b) => a.path.localeCompare(b.path))
      .map(({ path: _path, ...s }) => s),
    fieldTotals: v.full
      ? results.indices.fields.map((f) => ({
          ...group(f),
          fieldCode: f.fieldCode,
          fieldName: fieldName.get(f.fieldCode) ?? f.fieldCode,
        }))
      : null,
    overall: v.full ? group(results.indices.overall) : null,
    external: results.external
      .filter((x) => sees(x.unitId))
      .map((x) => ({
        ...x,
        unitName: nameOf(x.unitId),
        fieldName: fieldName.get(x.fieldCode) ?? x.fieldCode,
        enteredAt: v.enteredAt.get(`${x.unitId} ${x.fieldCode}`) ?? null,
      })),
  };
}
