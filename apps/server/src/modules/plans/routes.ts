/** Routes of plans as records (issue #16 item 1). */
import { IdParams, PlanBody, PlanDetail, PlanList } from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Kế hoạch'];

export async function planRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/plans',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary:
          'Kế hoạch, chỉ thị, công văn của các đơn vị tôi theo dõi và những văn bản yêu cầu đơn vị tôi',
        response: { 200: PlanList, ...commonErrors },
      },
    },
    async (req) => s.plans.list(actorOf(req)),
  );
  api.get(
    '/api/plans/:id',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: 'Một kế hoạch: kế hoạch cấp trên, các kế hoạch thực hiện, đơn vị đã gửi và chưa gửi',
        params: IdParams,
        response: { 200: PlanDetail, ...commonErrors },
      },
    },
    async (req) => s.plans.detail(actorOf(req), req.params.id),
  );
  api.post(
    '/api/plans',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary:
          'Ghi một kế hoạch (văn bản) của đơn vị, có thể thực hiện kế hoạch cấp trên và yêu cầu đơn vị cấp dưới gửi kế hoạch',
        body: PlanBody,
        response: { 200: z.object({ id: z.string().uuid() }), ...commonErrors },
      },
    },
    async (req) => s.plans.create(actorOf(req), req.body),
  );
}
