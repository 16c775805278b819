import { IdParams, NoticeList } from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Thông báo'];

export async function noticeRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/notices',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: 'Thông báo của các đơn vị tôi phụ trách (mới nhất trước)',
        response: { 200: NoticeList, ...commonErrors },
      },
    },
    async (req) => s.notices.list(actorOf(req)),
  );
  api.post(
    '/api/notices/:id/read',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: 'Đánh dấu đã đọc',
        params: IdParams,
        response: { 200: NoticeList, ...commonErrors },
      },
    },
    async (req) => s.notices.markRead(actorOf(req), req.params.id),
  );
}
