/** A unit's report to download: Word (NĐ 30/2020), PDF made from it, or Excel; the issuer is the
 * reporting unit as it was on the report's day (the day it was sent, else today). */
import type { FastifyReply } from 'fastify';
import { renderDocx } from '../../lib/docx.ts';
import { todayVn } from '../../lib/dates.ts';
import { docxToPdf } from '../../lib/pdf.ts';
import { sendFile } from '../../http.ts';
import type { Services } from '../../services.ts';
import type { Actor } from '../auth/actor.ts';
import { BLANK_ISSUER, documentIssuer } from '../documents/issuer.ts';
import { consolidatedData, consolidatedDocument } from './consolidated.ts';
import { letterData, letterDocument } from './requestLetter.ts';
import { reportDocument, reportXlsx, type ReportDocData } from './documents.ts';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function reportDownload(
  s: Services,
  actor: Actor,
  p: { id: string; unitId: string },
  q: { format: 'docx' | 'pdf' | 'xlsx'; signer?: string | undefined },
  reply: FastifyReply,
) {
  const { j, sub, content, part, outline } = await s.reportSubmissions.data(actor, p.id, p.unitId);
  const day = sub.s.sentAt ? todayVn(sub.s.sentAt) : todayVn();
  const d: ReportDocData = {
    kind: j.r.kind,
    title: j.r.title,
    periodLabel: j.r.periodLabel,
    unitName: sub.unitName,
    receivingName: j.receivingName ?? j.ownerName,
    day,
    outline,
    sections: content.sections,
    part,
  };
  const label =
    j.r.kind === 'survey_mau02'
      ? 'Mẫu 02'
      : j.r.kind === 'survey_mau01'
        ? 'Mẫu 01'
        : `Báo cáo${j.r.periodLabel ? ` ${j.r.periodLabel}` : ''}`;
  const name = `${label} ${sub.unitName}`;
  let body: Buffer;
  if (q.format === 'xlsx') body = await reportXlsx(d);
  else {
    const chain = await s.units.issuerChain(p.unitId, day);
    const docx = await renderDocx(
      reportDocument(d, chain.length ? documentIssuer(chain, q.signer) : BLANK_ISSUER),
    );
    body = q.format === 'pdf' ? await docxToPdf(docx) : docx;
  }
  reply.header('cache-control', 'no-store');
  return sendFile(reply, { name, ext: q.format, mime: MIME[q.format], body });
}

/** The consolidated report of a request, issued by the lead (receiving) unit as it is today. */
export async function consolidatedDownload(
  s: Services,
  actor: Actor,
  requestId: string,
  format: 'docx' | 'pdf',
  reply: FastifyReply,
) {
  const d = await consolidatedData(s.database.db, actor, requestId);
  const chain = await s.units.issuerChain(d.leadUnitId, d.day);
  const docx = await renderDocx(
    consolidatedDocument(d, chain.length ? documentIssuer(chain, undefined) : BLANK_ISSUER),
  );
  const body = format === 'pdf' ? await docxToPdf(docx) : docx;
  reply.header('cache-control', 'no-store');
  const name = `Báo cáo tổng hợp ${d.title}${d.periodLabel ? ` ${d.periodLabel}` : ''}`.slice(0, 150);
  return sendFile(reply, { name, ext: format, mime: MIME[format], body });
}

/** The letter asking for a report (công văn of the requesting unit, the outline annexed). */
export async function letterDownload(
  s: Services,
  actor: Actor,
  requestId: string,
  format: 'docx' | 'pdf',
  reply: FastifyReply,
) {
  const d = await letterData(s.database.db, actor, requestId);
  const chain = await s.units.issuerChain(d.ownerUnitId, d.day);
  const docx = await renderDocx(
    letterDocument(d, chain.length ? documentIssuer(chain, undefined) : BLANK_ISSUER),
  );
  const body = format === 'pdf' ? await docxToPdf(docx) : docx;
  reply.header('cache-control', 'no-store');
  const name = `Công văn yêu cầu ${d.title}${d.periodLabel ? ` ${d.periodLabel}` : ''}`.slice(0, 150);
  return sendFile(reply, { name, ext: format, mime: MIME[format], body });
}
