/** The JSON form of a survey form (files under content/surveys, import, the draft editor): parsed with
 * the shared text rules, then checked as a whole (codes unique, every scale question in a known
 * element, options where a choice needs them). Messages in Vietnamese, naming the question. */
import { z } from 'zod';
import { LIMITS, jsonDeeperThan, textProblem } from '../limits.ts';
import { zodMessageVi } from '../zodVi.ts';
import {
  AGGREGATIONS,
  MEASURES,
  QUESTION_TYPES,
  RESPONDENT_KINDS,
  type SurveyForm,
  type SurveyQuestion,
} from './types.ts';

const text = (label: string, max: number, min = 0) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const p = textProblem(v, { label, max, min, multiline: false });
      if (p) ctx.addIssue({ code: 'custom', message: p, params: { labelled: true } });
    });

const Code = text('Mã', LIMITS.criterionCode, 1).refine((v) => /^[\p{L}\p{N}._-]+$/u.test(v), {
  message: 'Mã chỉ gồm chữ, số và các dấu . _ -',
});

const Option = z.object({ code: Code, label: text('Nhãn', LIMITS.label, 1) });

const Question = z.object({
  code: Code,
  text: text('Câu hỏi', LIMITS.criterionTitle, 1),
  type: z.enum(QUESTION_TYPES),
  element: Code.optional(),
  measure: z.enum(MEASURES).optional(),
  required: z.boolean().optional(),
  options: z.array(Option).max(50).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
});

const Level = z.enum(AGGREGATIONS);

const FormJson = z.object({
  code: Code,
  name: text('Tên phiếu', LIMITS.frameworkName, 1),
  respondentKind: z.enum(RESPONDENT_KINDS),
  scale: z.tuple([
    text('Mức 1', LIMITS.label, 1),
    text('Mức 2', LIMITS.label, 1),
    text('Mức 3', LIMITS.label, 1),
    text('Mức 4', LIMITS.label, 1),
    text('Mức 5', LIMITS.label, 1),
  ]),
  satisfiedFrom: z.number().int().min(2).max(5).optional(),
  elements: z.array(z.object({ code: Code, name: text('Tên yếu tố', LIMITS.label, 1) })).max(50),
  sections: z
    .array(
      z.object({
        code: Code,
        title: text('Tên phần', LIMITS.label, 1),
        note: text('Hướng dẫn', LIMITS.guidance).optional(),
        questions: z.array(Question).max(200),
      }),
    )
    .min(1)
    .max(30),
  aggregation: z.object({ element: Level, field: Level, unit: Level, overall: Level }),
  overallQuestion: Code.optional(),
  isExample: z.boolean().optional(),
  basis: text('Căn cứ', LIMITS.label).optional(),
});

export interface FormIssue {
  /** The question or section concerned, when there is one. */
  code?: string;
  message: string;
}

const questionsOf = new WeakMap<SurveyForm, { all: SurveyQuestion[]; rated: SurveyQuestion[] }>();

/** A form's questions, worked out once per form object (a form version never changes; every citizen
 * submission reads them). The arrays are frozen: copy before changing. */
function questions(form: SurveyForm) {
  let q = questionsOf.get(form);
  if (!q) {
    const all = Object.freeze(form.sections.flatMap((s) => s.questions)) as SurveyQuestion[];
    q = { all, rated: Object.freeze(all.filter((x) => x.type === 'scale')) as SurveyQuestion[] };
    questionsOf.set(form, q);
  }
  return q;
}

/** Every question of a form, in order. */
export function formQuestions(form: SurveyForm): SurveyQuestion[] {
  return questions(form).all;
}

/** The scale questions, in the order of a ballot's `ratings` array. */
export function ratingQuestions(form: SurveyForm): SurveyQuestion[] {
  return questions(form).rated;
}

/** The lowest rating counted as satisfied. */
export function satisfiedFrom(form: SurveyForm): number {
  return form.satisfiedFrom ?? 4;
}

/** What is wrong with a parsed form as a whole (empty when none). */
export function formProblems(form: SurveyForm): FormIssue[] {
  const issues: FormIssue[] = [];
  const elements = new Set<string>();
  for (const e of form.elements) {
    if (elements.has(e.code)) issues.push({ code: e.code, message: `Mã yếu tố "${e.code}" bị trùng.` });
    elements.add(e.code);
  }
  const codes = new Set<string>();
  for (const s of form.sections) {
    if (codes.has(s.code)) issues.push({ code: s.code, message: `Mã "${s.code}" bị trùng.` });
    codes.add(s.code);
    for (const q of s.questions) {
      if (codes.has(q.code)) issues.push({ code: q.code, message: `Mã câu hỏi "${q.code}" bị trùng.` });
      codes.add(q.code);
      const isOverall = q.code === form.overallQuestion;
      if (q.type === 'scale' && !isOverall && !q.element)
        issues.push({ code: q.code, message: `Câu ${q.code}: câu hỏi thang 5 mức phải thuộc một yếu tố.` });
      if (q.element && !elements.has(q.element))
        issues.push({ code: q.code, message: `Câu ${q.code}: yếu tố "${q.element}" không có trong phiếu.` });
      if ((q.type === 'single' || q.type === 'multi') && !(q.options && q.options.length >= 2))
        issues.push({ code: q.code, message: `Câu ${q.code}: câu hỏi lựa chọn cần ít nhất hai phương án.` });
      if (q.options) {
        const seen = new Set<string>();
        for (const o of q.options) {
          if (seen.has(o.code))
            issues.push({ code: q.code, message: `Câu ${q.code}: phương án "${o.code}" bị trùng.` });
          seen.add(o.code);
        }
      }
      if (q.min !== undefined && q.max !== undefined && q.min > q.max)
        issues.push({ code: q.code, message: `Câu ${q.code}: giá trị nhỏ nhất lớn hơn giá trị lớn nhất.` });
    }
  }
  if (form.overallQuestion) {
    const q = formQuestions(form).find((x) => x.code === form.overallQuestion);
    if (!q || q.type !== 'scale')
      issues.push({
        code: form.overallQuestion,
        message: `Câu hài lòng chung "${form.overallQuestion}" phải là một câu hỏi thang 5 mức của phiếu.`,
      });
  }
  if (ratingQuestions(form).length === 0)
    issues.push({ message: 'Phiếu chưa có câu hỏi thang 5 mức nào để tính chỉ số hài lòng.' });
  return issues;
}

/** Parses the JSON form of a survey form: the form, or the problems found (Vietnamese). */
export function parseSurveyForm(json: unknown): { form: SurveyForm } | { issues: FormIssue[] } {
  if (jsonDeeperThan(json, LIMITS.jsonDepth)) return { issues: [{ message: 'Tệp lồng nhau quá sâu.' }] };
  const parsed = FormJson.safeParse(json);
  if (!parsed.success)
    return {
      issues: parsed.error.issues.map((i) => ({
        message: `${i.path.length ? i.path.join('.') + ': ' : ''}${zodMessageVi(i)}`,
      })),
    };
  const form = parsed.data as SurveyForm;
  const issues = formProblems(form);
  return issues.length ? { issues } : { form };
}
