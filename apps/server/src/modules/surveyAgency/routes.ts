import {
  IdParams,
  SurveyBody,
  SurveyBodyCreateBody,
  SurveyBodyList,
  SurveyBodyPresetBody,
  SurveyBodyPresetResult,
  SurveyBodyQuery,
  SurveyBodyUpdateBody,
  SurveyInvitationCreateBody,
  SurveyInvitationLinks,
  SurveyInvitationRemindBody,
  SurveyInvitationView,
} from '@chiso/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Lấy ý kiến cơ quan'];
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export async function surveyAgencyRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/survey-bodies',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Danh sách cơ quan được lấy ý kiến của một đơn vị',
        querystring: SurveyBodyQuery,
        response: { 200: SurveyBodyList, ...commonErrors },
      },
    },
    async (req) => ({ items: await s.surveyAgency.listBodies(actorOf(req), req.query.unitId) }),
  );
  api.post(
    '/api/survey-bodies',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Thêm cơ quan được lấy ý kiến',
        body: SurveyBodyCreateBody,
        response: { 200: SurveyBody, ...commonErrors },
      },
    },
    async (req) => s.surveyAgency.createBody(actorOf(req), req.body),
  );
  api.post(
    '/api/survey-bodies/preset',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Thêm bốn cơ quan cấp tỉnh theo Kế hoạch 107/KH-CAT',
        body: SurveyBodyPresetBody,
        response: { 200: SurveyBodyPresetResult, ...commonErrors },
      },
    },
    async (req) => s.surveyAgency.preset(actorOf(req), req.body.ownerUnitId),
  );
  api.patch(
    '/api/survey-bodies/:id',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Sửa cơ quan được lấy ý kiến (tên, loại, thư điện tử, đơn vị được đánh giá)',
        params: IdParams,
        body: SurveyBodyUpdateBody,
        response: { 200: SurveyBody, ...commonErrors },
      },
    },
    async (req) => s.surveyAgency.updateBody(actorOf(req), req.params.id, req.body),
  );
  api.delete(
    '/api/survey-bodies/:id',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Xóa cơ quan chưa được mời',
        params: IdParams,
        response: { 200: z.object({ id: z.string(), status: z.string() }), ...commonErrors },
      },
    },
    async (req) => s.surveyAgency.deleteBody(actorOf(req), req.params.id),
  );
  api.get(
    '/api/survey-campaigns/:id/invitations',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Lời mời lấy ý kiến của đợt khảo sát: đã gửi, đã nhắc, đã trả lời',
        params: IdParams,
        response: { 200: SurveyInvitationView, ...commonErrors },
      },
    },
    async (req) => s.surveyAgency.invitations(actorOf(req), req.params.id),
  );
  api.post(
    '/api/survey-campaigns/:id/invitations',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Mời cơ quan cho ý kiến (đường dẫn dùng một lần, chỉ hiện một lần)',
        params: IdParams,
        body: SurveyInvitationCreateBody,
        response: { 200: SurveyInvitationLinks, ...commonErrors },
      },
    },
    async (req) => s.surveyAgency.invite(actorOf(req), req.params.id, req.body.bodyIds, originOf(req)),
  );
  api.post(
    '/api/survey-campaigns/:id/invitations/remind',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Nhắc cơ quan chưa trả lời (cấp đường dẫn mới, đường dẫn cũ hết hiệu lực)',
        params: IdParams,
        body: SurveyInvitationRemindBody,
        response: { 200: SurveyInvitationLinks, ...commonErrors },
      },
    },
    async (req) => s.surveyAgency.remind(actorOf(req), req.params.id, req.body.invitationId, originOf(req)),
  );
}
