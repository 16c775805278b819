/** Routes of improvement plans drafted from a result (issue #16 item 4). */
import {
  FieldLeadsBody,
  ImprovementDraft,
  ImprovementDraftQuery,
  ImprovementPlanBody,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Kế hoạch'];

export async function improvementRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/improvement/draft',
    {
      config: { access: 'result.read' },
      schema: {
        tags,
        summary:
          'Dự thảo kế hoạch nâng cao chỉ số từ kết quả một năm: từng lĩnh vực, điểm mất, đơn vị chủ trì và phối hợp gợi ý',
        querystring: ImprovementDraftQuery,
        response: { 200: ImprovementDraft, ...commonErrors },
      },
    },
    async (req) => s.improvement.draft(actorOf(req), req.query.resultId),
  );
  api.put(
    '/api/improvement/leads',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary:
          'Lưu phân công đơn vị chủ trì, phối hợp theo lĩnh vực của đơn vị (dùng cho các kế hoạch sau)',
        body: FieldLeadsBody,
        response: { 200: z.object({ ok: z.literal(true) }), ...commonErrors },
      },
    },
    async (req) =>
      s.improvement.saveLeads(actorOf(req), req.body.ownerUnitId, req.body.frameworkCode, req.body.items),
  );
  api.post(
    '/api/improvement/plans',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary:
          'Lập kế hoạch nâng cao chỉ số từ dự thảo (một mục cho mỗi lĩnh vực), sửa và tải Word như mọi kế hoạch',
        body: ImprovementPlanBody,
        response: { 200: z.object({ id: z.string().uuid() }), ...commonErrors },
      },
    },
    async (req) => s.improvement.createPlan(actorOf(req), req.body),
  );
}
