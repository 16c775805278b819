/** Routes of activity records (issue #16 item 3) and of the count bindings of a cycle. */
import {
  ActivityBody,
  ActivityList,
  ActivityQuery,
  ActivityView,
  CountBindingBody,
  CountBindingParams,
  CountPointsView,
  IdParams,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Hoạt động'];

export async function activityRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/activities',
    {
      config: { access: 'activity.read' },
      schema: {
        tags,
        summary:
          'Hoạt động (kiểm tra, tin bài, hội thi, tập huấn, sáng kiến, đối thoại) của các đơn vị tôi theo dõi',
        querystring: ActivityQuery,
        response: { 200: ActivityList, ...commonErrors },
      },
    },
    async (req) => s.activities.list(actorOf(req), req.query),
  );
  api.get(
    '/api/activities/:id',
    {
      config: { access: 'activity.read' },
      schema: {
        tags,
        summary: 'Một hoạt động',
        params: IdParams,
        response: { 200: ActivityView, ...commonErrors },
      },
    },
    async (req) => s.activities.detail(actorOf(req), req.params.id),
  );
  api.post(
    '/api/activities',
    {
      config: { access: 'activity.write' },
      schema: {
        tags,
        summary: 'Ghi nhận một hoạt động của đơn vị',
        body: ActivityBody,
        response: { 200: ActivityView, ...commonErrors },
      },
    },
    async (req) => s.activities.create(actorOf(req), req.body),
  );
  api.put(
    '/api/activities/:id',
    {
      config: { access: 'activity.write' },
      schema: {
        tags,
        summary: 'Sửa một hoạt động',
        params: IdParams,
        body: ActivityBody,
        response: { 200: ActivityView, ...commonErrors },
      },
    },
    async (req) => s.activities.update(actorOf(req), req.params.id, req.body),
  );
  api.delete(
    '/api/activities/:id',
    {
      config: { access: 'activity.write' },
      schema: {
        tags,
        summary: 'Xóa một hoạt động',
        params: IdParams,
        response: { 200: z.object({ deleted: z.literal(true) }), ...commonErrors },
      },
    },
    async (req) => s.activities.remove(actorOf(req), req.params.id),
  );

  const ctags = ['Điểm từ số liệu'];
  api.get(
    '/api/cycles/:id/count-points',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags: ctags,
        summary:
          'Tiêu chí tính từ số liệu của kỳ: phép đếm gắn với tiêu chí, số liệu và điểm đề xuất của từng đơn vị',
        params: IdParams,
        response: { 200: CountPointsView, ...commonErrors },
      },
    },
    async (req) => s.countPoints.view(actorOf(req), req.params.id),
  );
  api.put(
    '/api/cycles/:id/count-bindings/:code',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags: ctags,
        summary: 'Gắn tiêu chí với một phép đếm (trước khi mở thẩm định)',
        params: CountBindingParams,
        body: CountBindingBody,
        response: { 200: CountPointsView, ...commonErrors },
      },
    },
    async (req) => {
      await s.countPoints.bind(actorOf(req), req.params.id, req.params.code, req.body);
      return s.countPoints.view(actorOf(req), req.params.id);
    },
  );
  api.delete(
    '/api/cycles/:id/count-bindings/:code',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags: ctags,
        summary: 'Bỏ gắn tiêu chí với phép đếm (trước khi mở thẩm định)',
        params: CountBindingParams,
        response: { 200: CountPointsView, ...commonErrors },
      },
    },
    async (req) => {
      await s.countPoints.unbind(actorOf(req), req.params.id, req.params.code);
      return s.countPoints.view(actorOf(req), req.params.id);
    },
  );
}
