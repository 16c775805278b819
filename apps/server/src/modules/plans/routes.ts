/** Routes of plans as records (issue #16 item 1). */
import {
  IdParams,
  PlanBody,
  PlanDetail,
  PlanDocumentQuery,
  PlanList,
  PlanText,
  PlanTextBody,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';
import { planDownload } from './download.ts';

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
  api.get(
    '/api/plans/:id/text',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: 'Nội dung văn bản (các mục, đoạn, gạch đầu dòng), nơi gửi (Kính gửi) và nơi nhận',
        params: IdParams,
        response: { 200: PlanText, ...commonErrors },
      },
    },
    async (req) => s.planText.get(actorOf(req), req.params.id),
  );
  api.put(
    '/api/plans/:id/text',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary: 'Sửa nội dung văn bản, nơi gửi và nơi nhận (ghi nhật ký)',
        params: IdParams,
        body: PlanTextBody,
        response: { 200: z.object({ revision: z.number().int() }), ...commonErrors },
      },
    },
    async (req) => s.planText.set(actorOf(req), req.params.id, req.body),
  );
  api.get(
    '/api/plans/:id/document',
    {
      config: { access: 'plan.read' },
      schema: {
        tags: [...tags, 'Văn bản'],
        summary:
          'Văn bản theo thể thức NĐ 30/2020 (Word, PDF): kế hoạch kèm đề cương báo cáo, công văn có “V/v” và “Kính gửi”',
        params: IdParams,
        querystring: PlanDocumentQuery,
      },
    },
    async (req, reply) => planDownload(s, actorOf(req), req.params.id, req.query.format, reply),
  );
}
