/** Văn bản xuất ra: Quyết định ban hành Bộ tiêu chí (.docx/.pdf) và báo cáo kiểm tra bảng kết quả
 * (.docx/.pdf/.xlsx). Không lưu gì; quyền xem theo đúng quy tắc của bộ tiêu chí. */
import { parseFrameworkJson, type DocumentDate } from '@chiso/domain';
import { IdParams } from '@chiso/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { actorOf, uploadedFile } from '../../http.ts';
import { docxFileName, renderDocx } from '../../lib/docx.ts';
import { docxToPdf } from '../../lib/pdf.ts';
import { checkUpload } from '../checks/service.ts';
import { checkReportDocument, checkReportFileName, checkReportXlsx } from './checkReport.ts';
import { DEFAULT_ISSUING_BODY, frameworkDecision, type DocumentMetaInput } from './frameworkDecision.ts';

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

function sendFile(reply: FastifyReply, fileName: string, kind: keyof typeof CONTENT_TYPES, body: Buffer) {
  return reply
    .header('content-type', CONTENT_TYPES[kind])
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

const withExt = (name: string, ext: string) => name.replace(/\.docx$/u, `.${ext}`);

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
      const docx = await renderDocx(doc);
      const name = docxFileName(doc);
      if (req.query.format === 'pdf')
        return sendFile(reply, withExt(name, 'pdf'), 'pdf', await docxToPdf(docx));
      return sendFile(reply, name, 'docx', docx);
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
        }),
        produces: [CONTENT_TYPES.docx, CONTENT_TYPES.pdf, CONTENT_TYPES.xlsx],
      },
    },
    async (req, reply) => {
      const file = await uploadedFile(req);
      const transpose = req.query.transpose === 'true' || req.query.transpose === '1';
      const result = await checkUpload(file.bytes, file.name, transpose);
      const format = req.query.format;
      if (format === 'xlsx')
        return sendFile(
          reply,
          checkReportFileName(file.name, 'xlsx'),
          'xlsx',
          await checkReportXlsx(file.name, result),
        );
      const docx = await renderDocx(
        checkReportDocument(file.name, result, metaFrom(req.query, DEFAULT_ISSUING_BODY)),
      );
      if (format === 'pdf')
        return sendFile(reply, checkReportFileName(file.name, 'pdf'), 'pdf', await docxToPdf(docx));
      return sendFile(reply, checkReportFileName(file.name, 'docx'), 'docx', docx);
    },
  );
}
