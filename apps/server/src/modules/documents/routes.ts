/** Every document the application gives to download, built here from what the services read (nothing
 * is stored): the decision issuing a framework (Word, PDF), the report of a table check (Word, PDF,
 * Excel), a unit's self-assessment report and a cycle's ranking (Word, PDF, Excel), and the Excel
 * template for entering results. Each route reads through the service that guards the data, so
 * the same rules decide who may download it as who may see it. */
import { parseFrameworkJson, type DocumentDate, type OfficialDocument } from '@chiso/domain';
import { IdParams, ResultMode, ResultsQuery } from '@chiso/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { actorOf, sendFile, uploadedFile } from '../../http.ts';
import { todayVn } from '../../lib/dates.ts';
import { renderDocx } from '../../lib/docx.ts';
import { docxToPdf } from '../../lib/pdf.ts';
import { checkUpload, parseMax } from '../checks/service.ts';
import { checkReportDocument, checkReportXlsx } from './checkReport.ts';
import { rankingDocument, rankingXlsx, selfAssessmentReport, selfAssessmentXlsx } from './cycleReports.ts';
import { DEFAULT_ISSUING_BODY, frameworkDecision, type DocumentMetaInput } from './frameworkDecision.ts';
import { rankingData, selfReportData } from './reportRows.ts';
import { resultTemplateXlsx } from './resultTemplate.ts';

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const text = (max: number) => z.string().trim().max(max).optional();

/** Thông tin văn bản, đều không bắt buộc (thiếu thì dùng giá trị mặc định). */
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
});

function parseDate(iso: string | undefined): DocumentDate | undefined {
  if (!iso) return undefined;
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    throw new AppError('VALIDATION', 'Ngày ban hành không hợp lệ.');
  return { day, month, year };
}

function metaFrom(q: z.infer<typeof MetaQuery>, fallbackBody: string): DocumentMetaInput {
  return {
    issuingParent: q.issuingParent,
    issuingBody: q.issuingBody || fallbackBody,
    symbol: q.symbol,
    number: q.number,
    place: q.place,
    date: parseDate(q.date),
    signer: {
      authority: q.signerAuthority,
      // "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" có thể gửi dưới dạng "KT. CHỦ TỊCH; PHÓ CHỦ TỊCH".
      position: q.signerPosition?.split(/\s*[;\n]\s*/u).filter((s) => s.length > 0),
      name: q.signerName,
    },
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

const FormatQuery = z.object({ format: z.enum(['docx', 'pdf', 'xlsx']).default('docx') });

export async function documentRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
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
      const detail = await s.frameworks.detail(actorOf(req), req.params.id);
      const parsed = parseFrameworkJson(detail.definition);
      if (!parsed.framework) throw new AppError('FRAMEWORK_INVALID', undefined, parsed.errors);
      const owner = detail.framework.ownerUnitName?.trim();
      const fallback = owner ? owner.toLocaleUpperCase('vi') : DEFAULT_ISSUING_BODY;
      const doc = frameworkDecision(parsed.framework, metaFrom(req.query, fallback));
      const format = req.query.format;
      return download(reply, documentName(doc), format, await docxOrPdf(doc, format));
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
      const max = parseMax(req.query.max);
      const file = await uploadedFile(req);
      const transpose = req.query.transpose === 'true' || req.query.transpose === '1';
      const result = await checkUpload(file.bytes, file.name, { transpose, max });
      const format = req.query.format;
      const name = `Báo cáo kiểm tra ${file.name.replace(/\.[^.]*$/u, '') || 'bảng'}`;
      const body =
        format === 'xlsx'
          ? await checkReportXlsx(file.name, result)
          : await docxOrPdf(
              checkReportDocument(file.name, result, metaFrom(req.query, DEFAULT_ISSUING_BODY)),
              format,
            );
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
      const actor = actorOf(req);
      const view = await s.cycleViews.assessment(actor, req.params.id);
      const data = selfReportData(view, await s.cycleViews.appraisal(actor, req.params.id), todayVn());
      const format = req.query.format;
      const body =
        format === 'xlsx'
          ? await selfAssessmentXlsx(data)
          : await docxOrPdf(selfAssessmentReport(data), format);
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
      const actor = actorOf(req);
      const ranking = await s.cycleViews.ranking(actor, req.params.id);
      const data = rankingData(ranking, await s.cycleViews.detail(actor, req.params.id), todayVn());
      const format = req.query.format;
      const body =
        format === 'xlsx' ? await rankingXlsx(data) : await docxOrPdf(rankingDocument(data), format);
      return download(reply, `Xếp hạng ${data.year}`, format, body);
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
