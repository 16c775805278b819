import { Health } from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';

export async function healthRoutes(app: FastifyInstance, s: Services) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Hệ thống'],
        summary: 'Tình trạng máy chủ và cơ sở dữ liệu',
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      const up = await s.database.ping();
      const body = {
        status: up ? ('ok' as const) : ('degraded' as const),
        db: up ? ('up' as const) : ('down' as const),
        engine: s.database.engine,
        version: '0.1.0',
      };
      return reply.status(up ? 200 : 503).send(body);
    },
  );
}
