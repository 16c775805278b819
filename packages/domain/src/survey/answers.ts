/** One ballot's answers checked against its form: what every mode (web page, paper entry, import)
 * turns its input into before storing it. Input values are text as typed or posted ("4", "CN",
 * ["TG","HS"] for a multiple choice); the result is the `ratings` array in the order of the form's
 * scale questions (null: not answered) and the other answers by question code. Problems in
 * Vietnamese, each naming its question. */
import { formQuestions, ratingQuestions } from './form.ts';
import type { SurveyForm, SurveyQuestion } from './types.ts';

export type AnswerInput = Record<string, string | string[] | number | null | undefined>;

export interface AnswerIssue {
  code: string;
  message: string;
}

export interface CheckedBallot {
  ratings: (number | null)[];
  answers: Record<string, string | string[] | number>;
}

const MAX_TEXT = 2000;

function asText(v: AnswerInput[string]): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(',');
  return String(v).trim();
}

/** The problem with one question's answer (or null), and the value to store. */
function checkOne(
  q: SurveyQuestion,
  raw: AnswerInput[string],
): { issue?: string; value?: string | string[] | number } {
  const label = `Câu ${q.code}`;
  if (q.type === 'multi') {
    const list = (Array.isArray(raw) ? raw : asText(raw).split(/[,;]/))
      .map((x) => String(x).trim())
      .filter(Boolean);
    if (!list.length) return q.required ? { issue: `${label}: chưa chọn phương án nào.` } : {};
    const codes = new Set((q.options ?? []).map((o) => o.code));
    const bad = list.find((x) => !codes.has(x));
    if (bad !== undefined) return { issue: `${label}: "${bad}" không phải một phương án của câu hỏi.` };
    return { value: [...new Set(list)] };
  }
  if (Array.isArray(raw) && raw.length > 1) return { issue: `${label}: chỉ được chọn một phương án.` };
  const t = asText(raw);
  if (t === '') return q.required ? { issue: `${label}: chưa trả lời.` } : {};
  switch (q.type) {
    case 'scale': {
      if (!/^[1-5]$/.test(t)) return { issue: `${label}: mức đánh giá phải là một số từ 1 đến 5.` };
      return { value: Number(t) };
    }
    case 'number': {
      if (!/^-?\d{1,9}$/.test(t)) return { issue: `${label}: "${t.slice(0, 20)}" không phải số nguyên.` };
      const n = Number(t);
      if (q.min !== undefined && n < q.min) return { issue: `${label}: nhỏ nhất là ${q.min}.` };
      if (q.max !== undefined && n > q.max) return { issue: `${label}: lớn nhất là ${q.max}.` };
      return { value: n };
    }
    case 'text':
      if (t.length > MAX_TEXT) return { issue: `${label}: dài quá ${MAX_TEXT} ký tự.` };
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/.test(t))
        return { issue: `${label}: có ký tự điều khiển không được phép.` };
      return { value: t };
    case 'single':
    case 'profile': {
      if (!q.options?.length) {
        if (t.length > MAX_TEXT) return { issue: `${label}: dài quá ${MAX_TEXT} ký tự.` };
        return { value: t };
      }
      if (!q.options.some((o) => o.code === t))
        return { issue: `${label}: "${t.slice(0, 20)}" không phải một phương án của câu hỏi.` };
      return { value: t };
    }
  }
  return {};
}

/** Checks a ballot's answers against its form: the ballot to store, or every problem found. Answers
 * to codes the form does not have are refused (an import column that names no question). */
export function checkBallot(form: SurveyForm, input: AnswerInput): CheckedBallot | { issues: AnswerIssue[] } {
  const issues: AnswerIssue[] = [];
  const answers: CheckedBallot['answers'] = {};
  const known = new Set(formQuestions(form).map((q) => q.code));
  for (const k of Object.keys(input))
    if (!known.has(k) && input[k] !== undefined && input[k] !== null && asText(input[k]) !== '')
      issues.push({ code: k, message: `"${k}" không phải mã câu hỏi của phiếu ${form.code}.` });
  const scale = new Map<string, number>();
  for (const q of formQuestions(form)) {
    const r = checkOne(q, input[q.code]);
    if (r.issue) issues.push({ code: q.code, message: r.issue });
    else if (r.value !== undefined) {
      if (q.type === 'scale') scale.set(q.code, r.value as number);
      else answers[q.code] = r.value;
    }
  }
  if (issues.length) return { issues };
  return { ratings: ratingQuestions(form).map((q) => scale.get(q.code) ?? null), answers };
}

/** A Vietnamese mobile or landline number for the post-audit ("0912 345 678", "+84 912345678"),
 * normalised to digits starting with 0; null when it is not one. */
export function normalisePhone(text: string): string | null {
  const t = text.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)(\d{9,10})$/.exec(t);
  return m ? `0${m[1]}` : null;
}
