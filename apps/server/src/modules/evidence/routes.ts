import { EvidenceList, EvidenceUploaded, IdParams } from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { actorOf, commonErrors, multipartFailure, sendFile } from '../../http.ts';

const tags = ['Kỳ đánh giá'];

export async function evidenceRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/units/:id/evidence',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Tài liệu kiểm chứng của đơn vị',
        params: IdParams,
        response: { 200: EvidenceList, ...commonErrors },
      },
    },
    async (req) => ({ items: await s.evidence.list(actorOf(req), req.params.id) }),
  );
  api.post(
    '/api/units/:id/evidence',
    {
      config: { access: 'assessment.write' },
      schema: {
        tags,
        summary: 'Tải lên văn bản làm tài liệu kiểm chứng (kiểm tra theo nội dung, lưu một lần theo mã băm)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: EvidenceUploaded, ...commonErrors },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('VALIDATION', 'Hãy gửi văn bản trong trường “file” (multipart/form-data).');
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Buffer } | null = null;
      try {
        for await (const part of req.parts({
          preservePath: true,
          limits: { fileSize: s.config.uploadMaxBytes },
        })) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer().catch((e: unknown) => {
              throw (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
                ? new AppError(
                    'FILE_REFUSED',
                    `Tệp lớn hơn giới hạn ${Math.floor(s.config.uploadMaxBytes / 1024 / 1024)} MB.`,
                  )
                : e;
            });
            file = { name: part.filename, bytes };
          } else fields[part.fieldname] = String(part.value ?? '');
        }
      } catch (e) {
        throw multipartFailure(e); // a truncated or malformed form: a Vietnamese 400, not a 500
      }
      if (!file) throw new AppError('VALIDATION', 'Chưa chọn tệp.');
      return s.evidence.upload(
        actorOf(req),
        req.params.id,
        {
          numberSymbol: fields.numberSymbol ?? '',
          issuedOn: fields.issuedOn ?? '',
          issuer: fields.issuer ?? '',
          summary: fields.summary ?? '',
        },
        file.name,
        file.bytes,
      );
    },
  );
  api.get(
    '/api/evidence/:id/file',
    {
      config: { access: 'assessment.read' },
      schema: { tags, summary: 'Tệp của tài liệu kiểm chứng (xem trước PDF, ảnh)', params: IdParams },
    },
    async (req, reply) => {
      const f = await s.evidence.file(actorOf(req), req.params.id);
      const dot = f.fileName.lastIndexOf('.');
      // a stored file is shown as itself only: no sniffing, no caching, no script
      reply
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', 'sandbox');
      return sendFile(reply, {
        name: dot > 0 ? f.fileName.slice(0, dot) : f.fileName,
        ext: dot > 0 ? f.fileName.slice(dot + 1) : 'bin',
        mime: f.mime,
        body: f.body,
        inline: f.mime === 'application/pdf' || f.mime.startsWith('image/'),
      });
    },
  );
}
