import { IdParams, NoticeList, NoticeListQuery } from '@chiso/contracts';
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
        summary: 'Thông báo gửi tôi (mới nhất trước), số chưa đọc',
        querystring: NoticeListQuery,
        response: { 200: NoticeList, ...commonErrors },
      },
    },
    async (req) =>
      s.notices.list(actorOf(req), {
        unread: req.query.unread === 'true',
        ...(req.query.limit !== undefined ? { limit: req.query.limit } : {}),
        ...(req.query.offset !== undefined ? { offset: req.query.offset } : {}),
      }),
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
  api.post(
    '/api/notices/read-all',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: 'Đánh dấu đã đọc tất cả',
        response: { 200: NoticeList, ...commonErrors },
      },
    },
    async (req) => s.notices.markAllRead(actorOf(req)),
  );
}
