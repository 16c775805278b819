/** The computed part of a unit's Mẫu 01 / Mẫu 02: the campaign's indices from its ballots as they are
 * now (`computeCampaignIndices`), restricted to the reporting unit's subtree, with what the unit
 * typed ("phát ra"). Frozen into the report when it is sent. */
import {
  campaignIndices,
  issuedKey,
  mau01Table,
  mau02Rows,
  subtreeIndex,
  type Mau01Table,
  type Mau02Row,
  type SurveyForm,
} from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { loadCampaign } from '../surveys/campaigns.ts';
import { publishedForm } from '../surveys/forms.ts';
import { campaignInputs } from '../surveys/indices.ts';
import * as repo from './repository.ts';

export interface SurveyPart {
  mau01: {
    rows: (Mau01Table['rows'][number] & { issuedKey: string })[];
    totals: Mau01Table['totals'];
  } | null;
  mau02: { elements: { code: string; name: string }[]; rows: Mau02Row[] } | null;
}

export interface SurveyContext {
  campaignName: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  basis: string | null;
}

/** The computed tables of the report of the unit at `unitPath` for a request on campaign `campaignId`. */
export async function surveyPart(
  db: DbOrTx,
  kind: string,
  campaignId: string,
  unitPath: string,
  figures: Record<string, number>,
): Promise<SurveyPart & { context: SurveyContext }> {
  const c = await loadCampaign(db, campaignId);
  if (!c) throw new AppError('NOT_FOUND');
  const form = (await publishedForm(db, c.c.formId))?.definition as SurveyForm | undefined;
  if (!form) throw new AppError('NOT_FOUND');
  // only the cells of the unit's subtree
  const inputs = await campaignInputs(db, campaignId, unitPath);
  const indices = campaignIndices(inputs.form, inputs.cells, inputs.targets, inputs.fieldOrder);
  const under = await repo.unitNamesUnder(db, unitPath);
  const name = new Map(under.map((u) => [u.id, u.name]));
  const ids = new Set(name.keys());
  const units = indices.units.filter((u) => ids.has(u.unitId));
  const fieldName = new Map(c.c.fields.map((f) => [f.code, f.name]));
  const context = {
    campaignName: c.c.name,
    year: c.c.year,
    periodFrom: c.c.periodFrom,
    periodTo: c.c.periodTo,
    basis: c.c.basis,
  };
  const names = {
    unit: (id: string) => name.get(id) ?? id,
    field: (code: string) => fieldName.get(code) ?? code,
  };
  if (kind === 'survey_mau02') {
    const invitations = await repo.invitationCounts(db, campaignId);
    return {
      context,
      mau01: null,
      mau02: {
        elements: form.elements.map((e) => ({ code: e.code, name: e.name })),
        rows: mau02Rows(units, names.unit, invitations),
      },
    };
  }
  const total = subtreeIndex(form, inputs.cells, ids)?.index.index ?? null;
  const table = mau01Table(
    units.flatMap((u) => u.fields),
    names,
    figures,
    total,
  );
  return {
    context,
    mau02: null,
    mau01: { ...table, rows: table.rows.map((r) => ({ ...r, issuedKey: issuedKey(r.unitId, r.fieldCode) })) },
  };
}
