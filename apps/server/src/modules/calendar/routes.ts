/** Routes of the calendar: the reader's deadlines, their feed URL (made, shown once, revoked), and the
 * ICS feed itself at /ics/:token (outside /api: a calendar application sends no cookie). */
import { CalendarFeedView, CalendarQuery, CalendarView } from '@chiso/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Lịch'];

export async function calendarRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const origin = (req: FastifyRequest) => s.config.publicUrl ?? `${req.protocol}://${req.host}`;
  api.get(
    '/api/calendar',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: 'Lịch các hạn của tôi: giai đoạn kỳ đánh giá, báo cáo, khảo sát (theo quyền và phạm vi)',
        querystring: CalendarQuery,
        response: { 200: CalendarView, ...commonErrors },
      },
    },
    async (req) => s.calendar.events(actorOf(req), req.query),
  );
  api.get(
    '/api/calendar/feed',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Đường dẫn lịch (ICS) của tôi: đang dùng hay không',
        response: { 200: CalendarFeedView, ...commonErrors },
      },
    },
    async (req) => s.calendar.feed(actorOf(req)),
  );
  api.post(
    '/api/calendar/feed',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Tạo đường dẫn lịch (ICS) mới; đường dẫn cũ thôi dùng được. Chỉ hiện một lần.',
        response: { 200: CalendarFeedView, ...commonErrors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return s.calendar.newFeed(actorOf(req), origin(req));
    },
  );
  api.delete(
    '/api/calendar/feed',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Thu hồi đường dẫn lịch (ICS) của tôi',
        response: { 200: CalendarFeedView, ...commonErrors },
      },
    },
    async (req) => s.calendar.revokeFeed(actorOf(req)),
  );
  app.get<{ Params: { token: string } }>(
    '/ics/:token',
    { config: { access: 'public' } },
    async (req, reply) => {
      const text = await s.calendar.ics(req.params.token, origin(req));
      reply.header('cache-control', 'private, no-cache');
      if (text === null)
        return reply
          .status(404)
          .type('text/plain; charset=utf-8')
          .send('Không tìm thấy lịch: đường dẫn không đúng hoặc đã bị thu hồi.');
      return reply.type('text/calendar; charset=utf-8').send(text);
    },
  );
}
