/** The cycles' routes: cycles, their stages and extensions, assignments and the appraisal matrix,
 * finalisation, publication, ranking and amending decisions (a self-assessment's routes:
 * assessmentRoutes.ts; documents of a cycle: documents/routes.ts). */
import {
  AmendBody,
  AssignBody,
  AssignmentList,
  AppraisalMatrix,
  CycleCreateBody,
  CycleDetail,
  CycleList,
  CycleRanking,
  ExtensionBody,
  IdParams,
  PublishBody,
  ReasonBody,
  StageBody,
  StageParams,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';
import { assessmentRoutes } from './assessmentRoutes.ts';

const tags = ['Kỳ đánh giá'];

export async function cycleRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/cycles',
    {
      config: { access: 'assessment.read' },
      schema: { tags, summary: 'Các kỳ đánh giá của tôi', response: { 200: CycleList, ...commonErrors } },
    },
    async (req) => ({ items: await s.cycleViews.list(actorOf(req)) }),
  );
  api.post(
    '/api/cycles',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Mở kỳ đánh giá: năm, bộ tiêu chí đã ban hành, đơn vị (theo loại, trong cây), các giai đoạn',
        body: CycleCreateBody,
        response: { 200: CycleDetail, ...commonErrors },
      },
    },
    async (req) => s.cycles.create(actorOf(req), req.body),
  );
  api.get(
    '/api/cycles/:id',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Kỳ đánh giá: giai đoạn, thời hạn, đơn vị',
        params: IdParams,
        response: { 200: CycleDetail, ...commonErrors },
      },
    },
    async (req) => s.cycleViews.detail(actorOf(req), req.params.id),
  );
  api.delete(
    '/api/cycles/:id',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Xóa kỳ đánh giá tạo nhầm (khi chưa đơn vị nào nhập liệu; cần lý do)',
        params: IdParams,
        body: ReasonBody,
        response: { 200: z.object({ deleted: z.literal(true) }), ...commonErrors },
      },
    },
    async (req) => s.cycles.remove(actorOf(req), req.params.id, req.body.reason),
  );
  api.post(
    '/api/cycles/:id/stages/:stage',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Mở hoặc đóng một giai đoạn (có thể đổi hạn cuối)',
        params: StageParams,
        body: StageBody,
        response: { 200: CycleDetail, ...commonErrors },
      },
    },
    async (req) =>
      s.cycles.setStage(
        actorOf(req),
        req.params.id,
        req.params.stage,
        req.body.state,
        req.body.dueOn,
        req.body.reason,
      ),
  );
  api.post(
    '/api/cycles/:id/extensions',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Gia hạn một giai đoạn cho một đơn vị (cần lý do)',
        params: IdParams,
        body: ExtensionBody,
        response: { 200: CycleDetail, ...commonErrors },
      },
    },
    async (req) =>
      s.cycles.extend(
        actorOf(req),
        req.params.id,
        req.body.stage,
        req.body.unitId,
        req.body.dueOn,
        req.body.reason,
      ),
  );
  api.get(
    '/api/cycles/:id/assignments',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Phân công thẩm định',
        params: IdParams,
        response: { 200: AssignmentList, ...commonErrors },
      },
    },
    async (req) => ({ items: await s.cycleViews.assignments(actorOf(req), req.params.id) }),
  );
  api.post(
    '/api/cycles/:id/assignments',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Phân công một thành viên thẩm định theo lĩnh vực và đơn vị',
        params: IdParams,
        body: AssignBody,
        response: { 200: AssignmentList, ...commonErrors },
      },
    },
    async (req) => ({
      items: await s.appraisal.assign(
        actorOf(req),
        req.params.id,
        req.body.userId,
        req.body.fields,
        req.body.unitIds,
      ),
    }),
  );
  api.get(
    '/api/cycles/:id/matrix',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Ma trận đơn vị × lĩnh vực: đã thẩm định, chờ đơn vị, chờ quyết định, chưa thẩm định',
        params: IdParams,
        response: { 200: AppraisalMatrix, ...commonErrors },
      },
    },
    async (req) => s.cycleViews.matrix(actorOf(req), req.params.id),
  );
  api.post(
    '/api/cycles/:id/finalise',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Hoàn thiện: tính điểm, chỉ số, xếp loại, xếp hạng của mọi đơn vị',
        params: IdParams,
        response: { 200: CycleRanking, ...commonErrors },
      },
    },
    async (req) => s.finalisation.finalise(actorOf(req), req.params.id),
  );
  api.post(
    '/api/cycles/:id/publish',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Công bố kết quả theo quyết định (số, ngày)',
        params: IdParams,
        body: PublishBody,
        response: { 200: CycleRanking, ...commonErrors },
      },
    },
    async (req) =>
      s.finalisation.publish(actorOf(req), req.params.id, req.body.decisionNumber, req.body.decisionDate),
  );
  api.get(
    '/api/cycles/:id/ranking',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Bảng xếp hạng của kỳ (sau khi công bố: mọi đơn vị trong kỳ)',
        params: IdParams,
        response: { 200: CycleRanking, ...commonErrors },
      },
    },
    async (req) => s.cycleViews.ranking(actorOf(req), req.params.id),
  );
  api.post(
    '/api/cycles/:id/amend',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Sửa kết quả đã công bố bằng quyết định sửa đổi (có lý do); lịch sử giữ cả hai',
        params: IdParams,
        body: AmendBody,
        response: { 200: CycleRanking, ...commonErrors },
      },
    },
    async (req) => s.finalisation.amend(actorOf(req), req.params.id, req.body),
  );
  await assessmentRoutes(app, s);
}
