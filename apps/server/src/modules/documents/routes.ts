/** Every document the application gives to download, built here from what the services read (nothing
 * is stored): the decision issuing a framework (Word, PDF), the report of a table check (Word, PDF,
 * Excel), a unit's self-assessment report and a cycle's ranking (Word, PDF, Excel), and the Excel
 * template for entering results. Each route reads through the service that guards the data, so
 * the same rules decide who may download it as who may see it. */
import { type DocumentDate, type OfficialDocument } from '@chiso/domain';
import { Id, IdParams, ResultMode, ResultsQuery } from '@chiso/contracts';
import { ResultSetDecisionQuery } from './resultSetQuery.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { actorOf, sendFile, uploadedFile } from '../../http.ts';
import { renderDocx } from '../../lib/docx.ts';
import { docxToPdf } from '../../lib/pdf.ts';
import { checkUpload, parseMax } from '../checks/service.ts';
import { checkReportDocument, checkReportXlsx } from './checkReport.ts';
import { rankingDocument, rankingXlsx, selfAssessmentReport, selfAssessmentXlsx } from './cycleReports.ts';
import { frameworkDecision, type DocumentMetaInput } from './frameworkDecision.ts';
import { documentDate, issuerSymbol } from './issuer.ts';
import { issuerRoutes } from './issuerRoutes.ts';
import {
  checkReportSource,
  decisionSource,
  issuerOf,
  publishingSource,
  rankingSource,
  resultSetSource,
  selfReportSource,
  type IssuerSource,
} from './sources.ts';
import { publishingDecision } from './publishingDecision.ts';
import { resultTemplateXlsx } from './resultTemplate.ts';

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const text = (max: number) => z.string().trim().max(max).optional();
/** Người ký: "head" (người đứng đầu, mặc định) hoặc "deputy-0", "deputy-1"… (cấp phó theo thứ tự). */
const Signer = z
  .string()
  .regex(/^(head|deputy-\d{1,2})$/u, 'Người ký phải là “head” hoặc “deputy-<số thứ tự>”.')
  .optional();

/** Thông tin văn bản, đều không bắt buộc (thiếu thì lấy từ đơn vị ban hành, hoặc để trống điền tay). */
const MetaQuery = z.object({
  issuingParent: text(200),
  issuingBody: text(200),
  symbol: text(50),
  number: z
    .string()
    .trim()
    .regex(/^\d{0,9}$/u, 'Số văn bản phải là số Ả Rập.')
    .optional(),
  place: text(100),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/u, 'Ngày phải có dạng yyyy-mm-dd.')
    .optional(),
  signerAuthority: text(200),
  signerPosition: text(200),
  signerName: text(100),
  /** Nơi nhận, phân tách bằng dấu chấm phẩy hoặc xuống dòng. */
  recipients: text(2000),
  /** Đơn vị ban hành (trong phạm vi được xem); mặc định đơn vị chủ quản hoặc đơn vị của người tải. */
  issuerUnitId: Id.optional(),
  signer: Signer,
});

function parseDate(iso: string | undefined): DocumentDate | undefined {
  if (!iso) return undefined;
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    throw new AppError('VALIDATION', 'Ngày ban hành không hợp lệ.');
  return { day, month, year };
}

/** The document's header and signer: what the request sets, else what the issuing unit records. */
function metaFrom(q: z.infer<typeof MetaQuery>, source: IssuerSource): DocumentMetaInput {
  const issuer = issuerOf(source, q.signer);
  const custom = q.signerPosition || q.signerName;
  return {
    issuingParent: q.issuingParent || issuer.issuingParent,
    issuingBody: q.issuingBody || issuer.issuingBody,
    symbol: q.symbol || issuerSymbol(issuer, source.type),
    number: q.number,
    place: q.place || issuer.place,
    date: parseDate(q.date) ?? documentDate(source.day),
    signer: custom
      ? {
          authority: q.signerAuthority,
          // "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" có thể gửi dưới dạng "KT. CHỦ TỊCH; PHÓ CHỦ TỊCH".
          position: q.signerPosition?.split(/\s*[;\n]\s*/u).filter((s) => s.length > 0),
          name: q.signerName,
        }
      : issuer.signature,
    recipients: q.recipients?.split(/\s*[;\n]\s*/u).filter((s) => s.length > 0),
  };
}

/** Send a document to download: never cached (it reflects the data of the moment). */
function download(reply: FastifyReply, name: string, ext: keyof typeof CONTENT_TYPES, body: Buffer) {
  reply.header('cache-control', 'no-store');
  return sendFile(reply, { name, ext, mime: CONTENT_TYPES[ext], body });
}

/** A document's file name: its type, number (or "chưa số"), symbol and date. */
function documentName(doc: OfficialDocument): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${doc.date.year}-${pad(doc.date.month)}-${pad(doc.date.day)}`;
  const type = doc.type.charAt(0) + doc.type.slice(1).toLocaleLowerCase('vi');
  return [type, doc.number || 'chưa số', doc.symbol, date].filter((p) => p.trim()).join(' ');
}

/** Word, or PDF made from it. */
async function docxOrPdf(doc: OfficialDocument, format: 'docx' | 'pdf' | 'xlsx') {
  const docx = await renderDocx(doc);
  return format === 'pdf' ? docxToPdf(docx) : docx;
}

const FormatQuery = z.object({ format: z.enum(['docx', 'pdf', 'xlsx']).default('docx'), signer: Signer });

export async function documentRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  await issuerRoutes(app, s);
  api.get(
    '/api/frameworks/:id/decision',
    {
      config: { access: 'framework.read' },
      schema: {
        tags: ['Văn bản'],
        summary: 'Quyết định ban hành Bộ tiêu chí (Word hoặc PDF), theo thể thức Nghị định 30/2020/NĐ-CP',
        params: IdParams,
        querystring: MetaQuery.extend({ format: z.enum(['docx', 'pdf']).default('docx') }),
        produces: [CONTENT_TYPES.docx, CONTENT_TYPES.pdf],
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { framework, source } = await decisionSource(s, actorOf(req), req.params.id, q);
      const doc = frameworkDecision(framework, metaFrom(q, source));
      return download(reply, documentName(doc), q.format, await docxOrPdf(doc, q.format));
    },
  );
  api.post(
    '/api/check-table/report',
    {
      config: { access: 'framework.read' },
      schema: {
        tags: ['Kiểm tra bảng kết quả'],
        summary: 'Báo cáo kết quả kiểm tra bảng kết quả (Word, PDF hoặc Excel)',
        consumes: ['multipart/form-data'],
        querystring: MetaQuery.extend({
          format: z.enum(['docx', 'pdf', 'xlsx']).default('docx'),
          transpose: z.enum(['true', 'false', '1', '0']).optional(),
          max: z.string().max(20).optional(),
        }),
        produces: [CONTENT_TYPES.docx, CONTENT_TYPES.pdf, CONTENT_TYPES.xlsx],
      },
    },
    async (req, reply) => {
      const source = await checkReportSource(s, actorOf(req), req.query.issuerUnitId);
      const max = parseMax(req.query.max);
      const file = await uploadedFile(req);
      const transpose = req.query.transpose === 'true' || req.query.transpose === '1';
      const result = await checkUpload(file.bytes, file.name, { transpose, max });
      const format = req.query.format;
      const name = `Báo cáo kiểm tra ${file.name.replace(/\.[^.]*$/u, '') || 'bảng'}`;
      const body =
        format === 'xlsx'
          ? await checkReportXlsx(file.name, result)
          : await docxOrPdf(checkReportDocument(file.name, result, metaFrom(req.query, source)), format);
      return download(reply, name, format, body);
    },
  );
  api.get(
    '/api/assessments/:id/report',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags: ['Kỳ đánh giá'],
        summary: 'Báo cáo tự đánh giá của đơn vị (Word, PDF, Excel), kèm điểm thẩm định khi đã có',
        params: IdParams,
        querystring: FormatQuery,
      },
    },
    async (req, reply) => {
      const { view, data, source } = await selfReportSource(s, actorOf(req), req.params.id);
      const format = req.query.format;
      const body =
        format === 'xlsx'
          ? await selfAssessmentXlsx(data)
          : await docxOrPdf(selfAssessmentReport(data, issuerOf(source, req.query.signer)), format);
      return download(reply, `Báo cáo tự đánh giá ${view.unit.code} ${data.year}`, format, body);
    },
  );
  api.get(
    '/api/cycles/:id/ranking/export',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags: ['Kỳ đánh giá'],
        summary: 'Bảng xếp hạng của kỳ (Word, PDF, Excel), cùng quyền xem như bảng xếp hạng',
        params: IdParams,
        querystring: FormatQuery,
      },
    },
    async (req, reply) => {
      const { data, source } = await rankingSource(s, actorOf(req), req.params.id);
      const format = req.query.format;
      const body =
        format === 'xlsx'
          ? await rankingXlsx(data)
          : await docxOrPdf(rankingDocument(data, issuerOf(source, req.query.signer)), format);
      return download(reply, `Xếp hạng ${data.year}`, format, body);
    },
  );
  api.get(
    '/api/cycles/:id/ranking/decision',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags: ['Văn bản'],
        summary:
          'Quyết định phê duyệt và công bố Chỉ số CCHC của kỳ (Word hoặc PDF), phụ lục xếp hạng theo nhóm, so với năm trước',
        params: IdParams,
        querystring: MetaQuery.extend({ format: z.enum(['docx', 'pdf']).default('docx') }),
        produces: [CONTENT_TYPES.docx, CONTENT_TYPES.pdf],
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { data, source, number, symbol } = await publishingSource(s, actorOf(req), req.params.id);
      const meta = metaFrom({ ...q, number: q.number || number, symbol: q.symbol || symbol }, source);
      const doc = publishingDecision(data, meta);
      return download(reply, documentName(doc), q.format, await docxOrPdf(doc, q.format));
    },
  );
  api.get(
    '/api/results/decision',
    {
      config: { access: 'result.read' },
      schema: {
        tags: ['Văn bản'],
        summary:
          'Quyết định phê duyệt và công bố Chỉ số CCHC của một bảng xếp hạng kết quả đã nhập cho một năm (Word hoặc PDF)',
        querystring: MetaQuery.merge(ResultSetDecisionQuery),
        produces: [CONTENT_TYPES.docx, CONTENT_TYPES.pdf],
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { data, source } = await resultSetSource(s, actorOf(req), q);
      const doc = publishingDecision(data, metaFrom(q, source));
      return download(reply, documentName(doc), q.format, await docxOrPdf(doc, q.format));
    },
  );
  api.get(
    '/api/results/template',
    {
      config: { access: 'result.write' },
      schema: {
        tags: ['Kết quả'],
        summary: 'Tệp Excel mẫu để nhập kết quả (đơn vị × tiêu chí, điền sẵn dữ liệu đã có)',
        querystring: ResultsQuery.extend({ mode: ResultMode.default('leaves') }),
        produces: [CONTENT_TYPES.xlsx],
      },
    },
    async (req, reply) => {
      const q = req.query;
      const data = await s.results.templateData(actorOf(req), q.frameworkId, q.year, q.mode);
      const name = `Kết quả ${data.framework.code} ${data.year}`;
      return download(reply, name, 'xlsx', await resultTemplateXlsx(data));
    },
  );
}
