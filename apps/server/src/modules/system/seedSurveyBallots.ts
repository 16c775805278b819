/** Demo ballots (seed 002's 2024 campaign): a fixed pseudo-random sequence so that every installation
 * holds the same ballots, one respondent's answers to the citizen form, and ballots typed into the
 * campaign's Excel template and imported through the import service. */
import { formQuestions, type AnswerInput, type SurveyForm } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { addSheet, newWorkbook, workbookBuffer, type CellIn } from '../../lib/xlsx.ts';
import type { Actor } from '../auth/actor.ts';
import { ballotColumns, SurveyBallotImportService } from '../surveyBallots/importer.ts';

/** A fixed pseudo-random sequence (mulberry32): the same demo ballots on every installation. */
export function sequence(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One respondent's answers to the citizen form: ratings around the cell's `quality` (the share of
 * satisfied ratings it tends to), a profile, sometimes an expectation and a remark. */
export function answersOf(
  form: SurveyForm,
  rnd: () => number,
  quality: number,
  online: boolean,
): AnswerInput {
  const out: AnswerInput = {};
  for (const q of formQuestions(form)) {
    const u = rnd();
    switch (q.type) {
      case 'scale':
        out[q.code] = u < quality ? (u < quality * 0.45 ? 5 : 4) : u < quality + (1 - quality) * 0.6 ? 3 : 2;
        break;
      case 'profile':
      case 'single': {
        const opts = q.options ?? [];
        if (q.code === 'HT') out[q.code] = online ? 'TRUCTUYEN' : u < 0.85 ? 'TRUCTIEP' : 'BUUCHINH';
        else if (opts.length) out[q.code] = opts[Math.floor(u * opts.length)]!.code;
        break;
      }
      case 'number':
        out[q.code] = 1 + Math.floor(u * 3);
        break;
      case 'multi': {
        const opts = q.options ?? [];
        if (u < 0.4 && opts.length) out[q.code] = [opts[Math.floor(rnd() * opts.length)]!.code];
        break;
      }
      case 'text':
        if (u < 0.08) out[q.code] = 'Cán bộ hướng dẫn tận tình, mong bố trí thêm chỗ ngồi chờ.';
        break;
    }
  }
  return out;
}

export const phoneOf = (rnd: () => number) => `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;

/** A paper ballot as typed into a row of the campaign's Excel template. */
export interface DemoPaperRow {
  unitCode: string;
  fieldCode: string;
  serial: string | null;
  dossier: string | null;
  phone: string | null;
  answers: AnswerInput;
}

/** Ballots typed into the campaign's Excel template and imported (one file). */
export async function importFile(
  db: Db,
  actor: Actor,
  campaignId: string,
  form: SurveyForm,
  name: string,
  rows: DemoPaperRow[],
  source: string | null,
) {
  const questions = formQuestions(form);
  const wb = newWorkbook();
  addSheet(
    wb,
    {
      name: 'Phiếu',
      columns: ballotColumns(questions),
    },
    rows.map((r): CellIn[] => [
      r.unitCode,
      r.fieldCode,
      r.serial ?? '',
      r.dossier ?? '',
      r.phone ?? '',
      ...questions.map((q) => {
        const v = r.answers[q.code];
        return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
      }),
    ]),
  );
  await new SurveyBallotImportService(db).importFile(
    actor,
    campaignId,
    { name, bytes: await workbookBuffer(wb) },
    source,
  );
}
