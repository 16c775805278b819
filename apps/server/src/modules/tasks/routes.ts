/** Routes of plan tasks (issue #16 item 2). */
import {
  AcceptBody,
  DeclareBody,
  IdParams,
  ProgressBody,
  ReturnBody,
  TaskDueList,
  TaskDueQuery,
  TaskInstanceDetail,
  TaskList,
  TaskQuery,
  TasksBody,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Nhiệm vụ'];
const detail = { 200: TaskInstanceDetail, ...commonErrors };

export async function taskRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/plans/:id/tasks',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary:
          'Giao nhiệm vụ trong một kế hoạch: nội dung, đơn vị chủ trì hoặc nhóm đơn vị (mỗi đơn vị một nhiệm vụ), đơn vị phối hợp, hạn hoặc định kỳ, chỉ tiêu',
        params: IdParams,
        body: TasksBody,
        response: { 200: z.object({ ids: z.array(z.string().uuid()) }), ...commonErrors },
      },
    },
    async (req) => s.tasks.add(actorOf(req), req.params.id, req.body.tasks),
  );
  api.get(
    '/api/tasks',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary:
          'Nhiệm vụ theo kế hoạch hoặc theo đơn vị, với trạng thái của từng đơn vị thực hiện và số lượng',
        querystring: TaskQuery,
        response: { 200: TaskList, ...commonErrors },
      },
    },
    async (req) => s.tasks.list(actorOf(req), req.query),
  );
  api.get(
    '/api/tasks/due',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary:
          'Đến hạn và còn thiếu: nhiệm vụ chưa báo hoàn thành đã quá hạn hoặc đến hạn trong số ngày tới, theo đơn vị',
        querystring: TaskDueQuery,
        response: { 200: TaskDueList, ...commonErrors },
      },
    },
    async (req) => s.tasks.due(actorOf(req), req.query),
  );
  api.get(
    '/api/tasks/instances/:id',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: 'Nhiệm vụ của một đơn vị: tiến độ, báo hoàn thành, xác nhận',
        params: IdParams,
        response: detail,
      },
    },
    async (req) => s.taskInstances.detail(actorOf(req), req.params.id),
  );
  api.post(
    '/api/tasks/instances/:id/progress',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary: 'Cập nhật tiến độ (giá trị đạt được, ghi chú, tài liệu kiểm chứng) — đơn vị thực hiện',
        params: IdParams,
        body: ProgressBody,
        response: detail,
      },
    },
    async (req) => s.taskInstances.progress(actorOf(req), req.params.id, req.body),
  );
  api.post(
    '/api/tasks/instances/:id/declare',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary:
          'Báo hoàn thành nhiệm vụ — đơn vị thực hiện; tính hoàn thành từ ngày báo, chờ đơn vị ban hành xác nhận',
        params: IdParams,
        body: DeclareBody,
        response: detail,
      },
    },
    async (req) => s.taskInstances.declare(actorOf(req), req.params.id, req.body.note),
  );
  api.post(
    '/api/tasks/instances/:id/accept',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary: 'Xác nhận hoàn thành — đơn vị ban hành kế hoạch (không phải người đã báo hoàn thành)',
        params: IdParams,
        body: AcceptBody,
        response: detail,
      },
    },
    async (req) => s.taskInstances.accept(actorOf(req), req.params.id, req.body.note),
  );
  api.post(
    '/api/tasks/instances/:id/return',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary: 'Trả lại báo cáo hoàn thành, kèm lý do — đơn vị ban hành kế hoạch',
        params: IdParams,
        body: ReturnBody,
        response: detail,
      },
    },
    async (req) => s.taskInstances.giveBack(actorOf(req), req.params.id, req.body.reason),
  );
}
