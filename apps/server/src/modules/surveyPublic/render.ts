/** Server-rendered HTML of the public survey pages (citizen QR page, agency one-time link): no script at
 * all, one inline style allowed by its hash, large tap targets, Vietnamese. The same renderer serves
 * both: a form is data (packages/domain/src/survey), and this turns it into fieldsets. */
import { createHash } from 'node:crypto';
import type { SurveyForm, SurveyQuestion } from '@chiso/domain';

const CSS = `*{box-sizing:border-box}body{margin:0;font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;background:#eef2f6}main{max-width:46rem;margin:0 auto;padding:1rem .8rem 2rem}h1{font-size:1.3rem;line-height:1.3;margin:.3rem 0 .4rem;color:#0b3d6e}h2{font-size:1.1rem;margin:1.5rem 0 .3rem}.sub,.note{color:#3d4650;margin:.2rem 0 .6rem}.note{font-size:.92rem}fieldset{border:1px solid #c6d0da;border-radius:8px;background:#fff;margin:0 0 .8rem;padding:.5rem .7rem .7rem;min-width:0}legend{font-weight:600;padding:0 .3rem}.s{display:grid;grid-template-columns:repeat(5,1fr);gap:.3rem;margin-top:.3rem}label{display:block;position:relative}.c input{position:absolute;opacity:0;width:1px;height:1px}.c span{display:flex;align-items:center;min-height:2.9rem;padding:.3rem .6rem;border:2px solid #8795a3;border-radius:6px;margin:.3rem 0 0;cursor:pointer;background:#fff}.s span{flex-direction:column;justify-content:center;text-align:center;min-height:3.6rem;padding:.2rem;margin:0;font-size:.78rem;line-height:1.15}.s b{font-size:1.25rem}input:checked+span{background:#0b5394;border-color:#0b5394;color:#fff}input:focus-visible+span{outline:3px solid #e69500;outline-offset:2px}.bad{border-color:#b00020}.err{color:#b00020;font-weight:600;margin:.2rem 0 .3rem}.t{width:100%;font:inherit;min-height:2.9rem;padding:.4rem .6rem;border:2px solid #8795a3;border-radius:6px;background:#fff}textarea.t{min-height:6rem}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}button{width:100%;min-height:3.3rem;margin-top:.6rem;font:inherit;font-weight:700;background:#0b5394;color:#fff;border:0;border-radius:8px;cursor:pointer}.box{background:#fff;border-radius:8px;padding:1rem;border:1px solid #c6d0da}.sum{border-color:#b00020}.sum a{color:#b00020}`;

/** The page's Content-Security-Policy: nothing but its own hashed style and posting to itself. */
export const PUBLIC_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** "Cấp, quản lý Căn cước công dân" → "Lĩnh vực cấp, quản lý Căn cước công dân". */
export function fieldLine(name: string) {
  if (/^lĩnh vực/i.test(name)) return name;
  return `Lĩnh vực ${name.charAt(0).toLocaleLowerCase('vi')}${name.slice(1)}`;
}

/** yyyy-mm-dd → dd/mm/yyyy. */
export const vnDate = (iso: string) => iso.split('-').reverse().join('/');

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`;
}

/** A page that only says something (closed campaign, unknown link, limit reached, thank-you). */
export function messagePage(heading: string, lines: string[], sub?: string): string {
  return page(
    heading,
    `${sub ? `<p class="sub">${esc(sub)}</p>` : ''}<div class="box"><h1>${esc(heading)}</h1>${lines
      .map((l) => `<p>${esc(l)}</p>`)
      .join('')}</div>`,
  );
}

export type Values = Record<string, string | string[]>;

export interface FormView {
  /** "Công an huyện Cù Lao Dung — Lĩnh vực cấp, quản lý Căn cước công dân" */
  heading: string;
  /** The campaign's name, above the heading. */
  campaign: string;
  form: SurveyForm;
  action: string;
  formToken: string;
  values: Values;
  /** Problems by question code (or "phone", "dossier"), and those that name no question. */
  issues: Map<string, string>;
  other: string[];
  /** Citizen page: the optional phone and dossier number. */
  contact: boolean;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** The message of a problem without its "Câu X: " prefix, capitalised (it sits at the question). */
function atQuestion(message: string) {
  const m = message.replace(/^Câu [^:]+: /, '');
  return m.charAt(0).toLocaleUpperCase('vi') + m.slice(1);
}

function choice(
  type: 'radio' | 'checkbox',
  name: string,
  value: string,
  label: string,
  on: boolean,
  req: boolean,
) {
  return `<label><input type="${type}" name="${name}" value="${esc(value)}"${on ? ' checked' : ''}${req ? ' required' : ''}><span>${label}</span></label>`;
}

function question(q: SurveyQuestion, n: number, form: SurveyForm, v: Values, issue: string | undefined) {
  const name = `q_${q.code}`;
  const id = `q-${q.code}`;
  const val = v[name];
  const err = issue ? `<p class="err" id="${id}-e">${esc(atQuestion(issue))}</p>` : '';
  const described = issue ? ` aria-describedby="${id}-e"` : '';
  const legend = `<legend>${n}. ${esc(q.text)}${q.required ? '' : ' <small>(không bắt buộc)</small>'}</legend>`;
  let inner = '';
  if (q.type === 'scale') {
    inner = `<div class="s c">${form.scale
      .map((label, i) =>
        choice(
          'radio',
          name,
          String(i + 1),
          `<b>${i + 1}</b>${esc(label)}`,
          one(val) === String(i + 1),
          !!q.required,
        ),
      )
      .join('')}</div>`;
  } else if (q.options?.length) {
    const multi = q.type === 'multi';
    const chosen = new Set(Array.isArray(val) ? val : val ? [val] : []);
    inner = `<div class="c">${q.options
      .map((o) =>
        choice(
          multi ? 'checkbox' : 'radio',
          name,
          o.code,
          esc(o.label),
          chosen.has(o.code),
          !multi && !!q.required,
        ),
      )
      .join('')}</div>`;
  } else if (q.type === 'number') {
    inner = `<label><span class="note">Nhập một số${q.min !== undefined ? ` từ ${q.min}` : ''}${q.max !== undefined ? ` đến ${q.max}` : ''}</span><input class="t${issue ? ' bad' : ''}" name="${name}" inputmode="numeric" value="${esc(one(val))}"${described}></label>`;
  } else {
    inner = `<textarea class="t${issue ? ' bad' : ''}" name="${name}" maxlength="2000" aria-label="${esc(q.text)}"${described}>${esc(one(val))}</textarea>`;
  }
  return `<fieldset id="${id}"${issue ? ' class="bad"' : ''}${described}>${legend}${err}${inner}</fieldset>`;
}

/** The form page; `issues` re-renders it after a refused post with the typed answers kept. */
export function formPage(f: FormView): string {
  const parts: string[] = [];
  const count = f.issues.size + f.other.length;
  if (count) {
    const links = [...f.issues.entries()].map(
      ([code, m]) =>
        `<li><a href="#${code === 'phone' || code === 'dossier' ? code : `q-${esc(code)}`}">${esc(m)}</a></li>`,
    );
    parts.push(
      `<div class="box sum" role="alert"><p class="err">Phiếu chưa gửi được: còn ${count} chỗ cần xem lại.</p><ul>${[
        ...links,
        ...f.other.map((m) => `<li>${esc(m)}</li>`),
      ].join('')}</ul></div>`,
    );
  }
  let n = 0;
  for (const s of f.form.sections) {
    parts.push(`<h2>${esc(s.title)}</h2>${s.note ? `<p class="note">${esc(s.note)}</p>` : ''}`);
    for (const q of s.questions) parts.push(question(q, ++n, f.form, f.values, f.issues.get(q.code)));
  }
  if (f.contact) {
    const pe = f.issues.get('phone');
    const de = f.issues.get('dossier');
    parts.push(
      `<h2>Thông tin thêm (không bắt buộc)</h2><fieldset><legend>Số điện thoại</legend><p class="note">Chỉ để cán bộ hậu kiểm gọi xác nhận; không bắt buộc; không công khai.</p>${pe ? `<p class="err" id="phone-e">${esc(pe)}</p>` : ''}<input class="t${pe ? ' bad' : ''}" id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" aria-label="Số điện thoại (không bắt buộc)" value="${esc(one(f.values.phone))}"></fieldset><fieldset><legend>Mã hồ sơ</legend><p class="note">Mã trên giấy tiếp nhận hồ sơ, nếu Ông/Bà muốn ghi.</p>${de ? `<p class="err">${esc(de)}</p>` : ''}<input class="t${de ? ' bad' : ''}" id="dossier" name="dossier" maxlength="40" aria-label="Mã hồ sơ (không bắt buộc)" value="${esc(one(f.values.dossier))}"></fieldset>`,
    );
  }
  parts.push(
    `<div class="hp" aria-hidden="true"><label>Để trống ô này <input name="website" tabindex="-1" autocomplete="off"></label></div><input type="hidden" name="_t" value="${esc(f.formToken)}"><button type="submit">Gửi phiếu</button><p class="note">Phiếu không hỏi họ tên. Câu trả lời chỉ dùng để tổng hợp.</p>`,
  );
  return page(
    f.heading,
    `<p class="sub">${esc(f.campaign)}</p><h1>${esc(f.heading)}</h1><p class="note">${esc(f.form.name)}</p><form method="post" action="${esc(f.action)}">${parts.join('')}</form>`,
  );
}
