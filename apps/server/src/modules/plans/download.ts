/** A plan's Word or PDF, issued by its unit as it was on the day of issue. */
import type { FastifyReply } from 'fastify';
import { renderDocx } from '../../lib/docx.ts';
import { docxToPdf } from '../../lib/pdf.ts';
import { sendFile } from '../../http.ts';
import type { Services } from '../../services.ts';
import type { Actor } from '../auth/actor.ts';
import { BLANK_ISSUER, documentIssuer } from '../documents/issuer.ts';
import { planDocument } from './document.ts';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export async function planDownload(
  s: Services,
  actor: Actor,
  id: string,
  format: 'docx' | 'pdf',
  reply: FastifyReply,
) {
  const d = await s.planText.documentData(actor, id);
  const chain = await s.units.issuerChain(d.j.p.issuingUnitId, d.j.p.issuedOn);
  const docx = await renderDocx(
    planDocument(d, chain.length ? documentIssuer(chain, undefined) : BLANK_ISSUER),
  );
  const body = format === 'pdf' ? await docxToPdf(docx) : docx;
  reply.header('cache-control', 'no-store');
  return sendFile(reply, { name: d.j.p.number.replace(/\//gu, '-'), ext: format, mime: MIME[format], body });
}
