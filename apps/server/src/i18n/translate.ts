/** Messages in the reader's language. The server writes every message in Vietnamese; when the client
 * asks for English (the web sends its language setting as `x-chiso-lang`, any other client
 * `Accept-Language`), the error handler and the notices list pass their texts through `toEnglish`.
 * A message is matched against the catalogue's msgids (Vietnamese templates, messages.en.ts): the
 * values in its placeholders are taken from the message and put in the English template, translated
 * themselves when they are a known text (a stage name, an error of the catalogue). A message with no
 * match is sent as it is: Vietnamese first. */
import {
  ASSESSMENT_STATUS_LABELS,
  CYCLE_STATUS_LABELS,
  STAGE_LABELS,
  STAGE_STATE_LABELS,
} from '@chiso/domain';
import { ERRORS } from '@chiso/contracts';
import type { FastifyRequest } from 'fastify';
import { MESSAGES_EN } from './messages.en.ts';

export type Lang = 'vi' | 'en';

/** The header the web app sends with its language setting. */
export const LANG_HEADER = 'x-chiso-lang';

/** The reader's language: the app's own header, else the first of Accept-Language that we have. */
export function langOf(req: FastifyRequest): Lang {
  const own = req.headers[LANG_HEADER];
  if (own === 'en' || own === 'vi') return own;
  const accept = req.headers['accept-language'];
  if (typeof accept !== 'string') return 'vi';
  for (const part of accept.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}

/** The parts of a template as written in source: literal texts and `${…}` expressions between them. */
export function splitTemplate(t: string): { texts: string[]; exprs: string[] } {
  const texts: string[] = [];
  const exprs: string[] = [];
  let text = '';
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\\' && i + 1 < t.length) {
      const c = t[i + 1]!;
      text += c === 'n' ? '\n' : c === 't' ? '\t' : c;
      i++;
    } else if (t[i] === '$' && t[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < t.length && depth > 0; j++) {
        if (t[j] === '{') depth++;
        else if (t[j] === '}') depth--;
      }
      texts.push(text);
      text = '';
      exprs.push(t.slice(i + 2, j - 1).replace(/\s+/g, ''));
      i = j - 1;
    } else text += t[i];
  }
  texts.push(text);
  return { texts, exprs };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Entry {
  re: RegExp;
  exprs: string[];
  en: { texts: string[]; exprs: string[] };
}

/** Exact texts: messages without placeholders, the catalogue of errors, labels of the domain. */
const exact = new Map<string, string>();
const patterns: Entry[] = [];

const STAGE_EN: Record<keyof typeof STAGE_LABELS, string> = {
  self_assessment: 'Self-assessment',
  appraisal: 'Appraisal',
  supplementation: 'Explanation, supplement',
  finalisation: 'Finalising results',
  publication: 'Publication',
};
const ASSESSMENT_EN: Record<keyof typeof ASSESSMENT_STATUS_LABELS, string> = {
  draft: 'Self-assessing',
  submitted: 'Submitted',
  returned: 'Returned',
  in_appraisal: 'Under appraisal',
  appraised: 'Result ready',
};
const CYCLE_EN: Record<keyof typeof CYCLE_STATUS_LABELS, string> = {
  open: 'In progress',
  finalised: 'Results finalised',
  published: 'Published',
};
const STAGE_STATE_EN: Record<keyof typeof STAGE_STATE_LABELS, string> = {
  pending: 'Not open',
  open: 'Open',
  closed: 'Closed',
};

function addLabels<K extends string>(vi: Record<K, string>, en: Record<K, string>) {
  for (const k of Object.keys(vi) as K[]) if (en[k]) exact.set(vi[k], en[k]);
}

function compile() {
  for (const e of Object.values(ERRORS)) exact.set(e.vi, e.en);
  addLabels(STAGE_LABELS, STAGE_EN);
  addLabels(ASSESSMENT_STATUS_LABELS, ASSESSMENT_EN);
  addLabels(CYCLE_STATUS_LABELS, CYCLE_EN);
  addLabels(STAGE_STATE_LABELS, STAGE_STATE_EN);
  for (const [msgid, en] of Object.entries(MESSAGES_EN)) {
    const vi = splitTemplate(msgid);
    if (vi.exprs.length === 0) {
      exact.set(vi.texts[0]!, splitTemplate(en).texts[0]!);
      continue;
    }
    const source = vi.texts.map(escape).join('([\\s\\S]*?)');
    patterns.push({ re: new RegExp(`^${source}$`), exprs: vi.exprs, en: splitTemplate(en) });
  }
}
compile();

/** The English of a Vietnamese message of the server, or the message itself when it has none. */
export function toEnglish(message: string): string {
  const known = exact.get(message);
  if (known !== undefined) return known;
  for (const p of patterns) {
    const m = p.re.exec(message);
    if (!m) continue;
    const values = new Map(p.exprs.map((x, i) => [x, m[i + 1] ?? '']));
    let out = p.en.texts[0]!;
    p.en.exprs.forEach((x, i) => {
      const v = values.get(x) ?? '';
      out += (exact.get(v) ?? v) + p.en.texts[i + 1]!;
    });
    return out;
  }
  return message;
}

/** `message` in the language asked for. */
export function inLang(lang: Lang, message: string): string {
  return lang === 'en' ? toEnglish(message) : message;
}
