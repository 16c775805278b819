import { MyWork } from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

export async function workRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/my-work',
    {
      config: { access: 'unit.read' },
      schema: {
        tags: ['Việc của tôi'],
        summary: 'Việc đang chờ tôi, với hạn (theo quyền và phạm vi của tôi)',
        response: { 200: MyWork, ...commonErrors },
      },
    },
    async (req) => s.work.of(actorOf(req)),
  );
}
