/** POST /api/check-table: check a published results table (CSV or XLSX upload); stateless, nothing
 * stored. Reading and checking run in the upload worker, which also builds the JSON body. */
import { CheckTableView, ErrorResponse, type CheckTableViewT } from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonErrors, uploadedFile } from '../../http.ts';
import { checkUploadJson, parseMax } from './service.ts';

export async function checkRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/check-table',
    {
      config: { access: 'framework.read' },
      schema: {
        tags: ['Kiểm tra bảng kết quả'],
        summary: 'Kiểm tra bảng kết quả đã công bố (CSV/XLSX): tính lại tổng, chỉ số, hạng, tăng/giảm',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          transpose: z.enum(['true', 'false', '1', '0']).optional(),
          /** Maximum of the total when the table prints none ("100", "99,5"). */
          max: z.string().max(20).optional(),
        }),
        response: {
          200: CheckTableView,
          ...commonErrors,
          413: ErrorResponse,
          422: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const max = parseMax(req.query.max);
      const file = await uploadedFile(req);
      const transpose = req.query.transpose === 'true' || req.query.transpose === '1';
      // built as CheckTableView and encoded in the worker: bytes with a JSON type are sent as they are
      // (a 20 000-row body is never built nor serialised on the event loop)
      const body = await checkUploadJson(file.bytes, file.name, { transpose, max });
      return reply.type('application/json; charset=utf-8').send(body as unknown as CheckTableViewT);
    },
  );
}
