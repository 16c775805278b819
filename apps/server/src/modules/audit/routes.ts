import { AuditList, AuditQuery, ErrorResponse } from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf } from '../../http.ts';

export async function auditRoutes(app: FastifyInstance, s: Services) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['Nhật ký hệ thống'],
        summary: 'Nhật ký thay đổi trong phạm vi',
        querystring: AuditQuery,
        response: { 200: AuditList, 403: ErrorResponse },
      },
    },
    async (req) => s.audit.list(actorOf(req), req.query),
  );
}
