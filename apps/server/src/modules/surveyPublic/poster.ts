/** QR codes and the printable A4 poster of a unit (staff): one QR code per field, each encoding
 * `${PUBLIC_URL or the request's origin}/s/<token>`. The poster is a print-ready HTML page (inline SVG
 * codes; the browser prints it on A4), which keeps the codes vector-sharp at any size. */
import QRCode from 'qrcode';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { loadCampaign, targetsOf } from '../surveys/campaigns.ts';
import { esc, fieldLine } from './render.ts';

/** The campaign's targets on one unit that the reader may print: the unit lies in the reader's
 * survey.manage or survey.enter scope (404 otherwise, as for a campaign not seen). */
async function printable(db: Db, actor: Actor, campaignId: string, unitId: string) {
  const scopes = [scopeOf(actor, 'survey.manage'), scopeOf(actor, 'survey.enter')];
  if (scopes.every(scopeIsEmpty)) throw new AppError('FORBIDDEN');
  const j = await loadCampaign(db, campaignId);
  if (!j) throw new AppError('NOT_FOUND');
  const targets = (await targetsOf(db, campaignId)).filter((t) => t.t.unitId === unitId);
  if (!targets.length || !scopes.some((s) => pathInScope(s, targets[0]!.unitPath)))
    throw new AppError('NOT_FOUND');
  return { c: j.c, targets };
}

const svgOf = (url: string) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

/** GET /api/survey-campaigns/:id/qr?unitId=&fieldCode= */
export async function qrSvg(
  db: Db,
  actor: Actor,
  origin: string,
  id: string,
  unitId: string,
  fieldCode: string,
) {
  const { targets } = await printable(db, actor, id, unitId);
  const t = targets.find((x) => x.t.fieldCode === fieldCode);
  if (!t) throw new AppError('NOT_FOUND');
  return svgOf(`${origin}/s/${t.t.linkToken}`);
}

const POSTER_CSS = `@page{size:A4;margin:12mm}*{box-sizing:border-box}body{margin:0;font-family:"Times New Roman",Times,serif;color:#000;background:#fff}.sheet{width:186mm;min-height:270mm;margin:0 auto;padding:6mm 4mm;text-align:center}.top{font-size:12pt;text-transform:uppercase;margin:0}h1{font-size:22pt;margin:4mm 0 2mm;text-transform:uppercase;color:#0b3d6e}.call{font-size:20pt;font-weight:bold;margin:3mm 0 6mm}.grid{display:grid;grid-template-columns:repeat(var(--cols),1fr);gap:6mm}.card{border:1.5pt solid #0b3d6e;border-radius:4mm;padding:3mm;break-inside:avoid}.card svg{width:100%;max-width:var(--qr);height:auto;display:block;margin:0 auto}.card h2{font-size:13pt;margin:0 0 2mm;min-height:2.4em}.url{font-family:Arial,sans-serif;font-size:7.5pt;word-break:break-all;margin:1mm 0 0}.foot{font-size:11pt;margin-top:6mm}@media screen{body{background:#ddd}.sheet{background:#fff;margin:6mm auto;box-shadow:0 0 4mm #999}}`;

/** GET /api/survey-campaigns/:id/poster?unitId= — the A4 poster of one unit. */
export async function posterHtml(db: Db, actor: Actor, origin: string, id: string, unitId: string) {
  const { c, targets } = await printable(db, actor, id, unitId);
  const fieldName = new Map(c.fields.map((f) => [f.code, f.name]));
  const order = new Map(c.fields.map((f, i) => [f.code, i]));
  targets.sort((a, b) => (order.get(a.t.fieldCode) ?? 0) - (order.get(b.t.fieldCode) ?? 0));
  const cols = targets.length === 1 ? 1 : targets.length <= 4 ? 2 : 3;
  const qrSize = cols === 1 ? '120mm' : cols === 2 ? '70mm' : '52mm';
  const cards = await Promise.all(
    targets.map(async (t) => {
      const url = `${origin}/s/${t.t.linkToken}`;
      return `<div class="card"><h2>${esc(fieldLine(fieldName.get(t.t.fieldCode) ?? t.t.fieldCode))}</h2>${await svgOf(url)}<p class="url">${esc(url)}</p></div>`;
    }),
  );
  const unitName = targets[0]!.unitName;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(`Áp phích khảo sát — ${unitName}`)}</title><style>${POSTER_CSS}</style></head><body><div class="sheet" style="--cols:${cols};--qr:${qrSize}"><p class="top">${esc(c.name)}</p><h1>${esc(unitName)}</h1><p class="call">Quét mã để đánh giá sự hài lòng</p><div class="grid">${cards.join('')}</div><p class="foot">Ông/Bà dùng camera điện thoại quét mã QR của lĩnh vực vừa giải quyết hồ sơ. Phiếu không hỏi họ tên; chỉ mất khoảng 3 phút.</p></div></body></html>`;
}
