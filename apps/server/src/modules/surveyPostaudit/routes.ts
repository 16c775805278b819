import {
  BallotParams,
  IdParams,
  SurveyPostauditAssignable,
  SurveyPostauditAssignBody,
  SurveyPostauditCloseBody,
  SurveyPostauditContact,
  SurveyPostauditDraw,
  SurveyPostauditInvalidateBody,
  SurveyPostauditOutcomeBody,
  SurveyPostauditSetupBody,
  SurveyPostauditView,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Hậu kiểm khảo sát'];

export async function surveyPostauditRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/survey-campaigns/:id/postaudit';
  api.get(
    base,
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Hậu kiểm của đợt khảo sát: thiết lập, mẫu theo đơn vị, kết quả, đơn vị bị đánh dấu',
        params: IdParams,
        response: { 200: SurveyPostauditView, ...commonErrors },
      },
    },
    async (req) => s.surveyPostaudit.view(actorOf(req), req.params.id),
  );
  api.post(
    base,
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Thiết lập hậu kiểm và chọn mẫu (hạt giống lưu lại, chọn lại cho cùng kết quả)',
        params: IdParams,
        body: SurveyPostauditSetupBody,
        response: { 200: SurveyPostauditDraw, ...commonErrors },
      },
    },
    async (req) => s.surveyPostaudit.setup(actorOf(req), req.params.id, req.body),
  );
  api.post(
    `${base}/draw`,
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Chọn mẫu lại từ hạt giống đã lưu (khi chưa ghi kết quả nào)',
        params: IdParams,
        response: { 200: SurveyPostauditDraw, ...commonErrors },
      },
    },
    async (req) => s.surveyPostaudit.redraw(actorOf(req), req.params.id),
  );
  api.get(
    `${base}/assignable`,
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Người có quyền hậu kiểm trong phạm vi đơn vị chủ trì',
        params: IdParams,
        response: { 200: SurveyPostauditAssignable, ...commonErrors },
      },
    },
    async (req) => s.surveyPostaudit.assignable(actorOf(req), req.params.id),
  );
  for (const [path, remove, summary] of [
    ['assignments', false, 'Phân công người hậu kiểm một đơn vị'],
    ['assignments/remove', true, 'Bỏ phân công người hậu kiểm'],
  ] as const)
    api.post(
      `${base}/${path}`,
      {
        config: { access: 'survey.manage' },
        schema: {
          tags,
          summary,
          params: IdParams,
          body: SurveyPostauditAssignBody,
          response: { 200: SurveyPostauditView, ...commonErrors },
        },
      },
      async (req) =>
        s.surveyPostaudit.assign(actorOf(req), req.params.id, req.body.userId, req.body.unitId, remove),
    );
  api.get(
    `${base}/items/:ballotId/contact`,
    {
      config: { access: 'survey.postaudit' },
      schema: {
        tags,
        summary:
          'Số điện thoại của một phiếu trong mẫu (chỉ người được phân công; mỗi lần xem được ghi nhật ký)',
        params: BallotParams,
        response: { 200: SurveyPostauditContact, ...commonErrors },
      },
    },
    async (req) => s.surveyPostaudit.contact(actorOf(req), req.params.id, req.params.ballotId),
  );
  api.post(
    `${base}/items/:ballotId/outcome`,
    {
      config: { access: 'survey.postaudit' },
      schema: {
        tags,
        summary: 'Ghi kết quả hậu kiểm một phiếu',
        params: BallotParams,
        body: SurveyPostauditOutcomeBody,
        response: { 200: z.object({ ballotId: z.number().int(), outcome: z.string() }), ...commonErrors },
      },
    },
    async (req) =>
      s.surveyPostaudit.outcome(
        actorOf(req),
        req.params.id,
        req.params.ballotId,
        req.body.outcome,
        req.body.note,
      ),
  );
  api.post(
    `${base}/items/:ballotId/invalidate`,
    {
      config: { access: 'survey.postaudit' },
      schema: {
        tags,
        summary: 'Hủy phiếu không đạt hậu kiểm (kèm lý do)',
        params: BallotParams,
        body: SurveyPostauditInvalidateBody,
        response: {
          200: z.object({ ballotId: z.number().int(), invalidReason: z.string() }),
          ...commonErrors,
        },
      },
    },
    async (req) =>
      s.surveyPostaudit.invalidate(actorOf(req), req.params.id, req.params.ballotId, req.body.reason),
  );
  api.post(
    `${base}/close`,
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Kết thúc hậu kiểm (số điện thoại được xóa sau số ngày đã đặt)',
        params: IdParams,
        body: SurveyPostauditCloseBody,
        response: { 200: z.object({ id: z.string(), status: z.string() }), ...commonErrors },
      },
    },
    async (req) => s.surveyPostaudit.close(actorOf(req), req.params.id, req.body.reason),
  );
}
