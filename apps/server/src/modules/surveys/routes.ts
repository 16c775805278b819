import {
  IdParams,
  SurveyCampaignCreateBody,
  SurveyCampaignDetail,
  SurveyCampaignList,
  SurveyCampaignStateBody,
  SurveyFormActionBody,
  SurveyFormDetail,
  SurveyFormImportBody,
  SurveyFormList,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';
import { surveyAdminRoutes } from './adminRoutes.ts';

const tags = ['Khảo sát'];
const Done = z.object({ id: z.string(), status: z.string() });

export async function surveyRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/survey-forms',
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Phiếu khảo sát (các phiên bản)',
        response: { 200: SurveyFormList, ...commonErrors },
      },
    },
    async (req) => ({ items: await s.surveyForms.list(actorOf(req)) }),
  );
  api.get(
    '/api/survey-forms/:id',
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Một phiên bản phiếu khảo sát',
        params: IdParams,
        response: { 200: SurveyFormDetail, ...commonErrors },
      },
    },
    async (req) => s.surveyForms.get(actorOf(req), req.params.id),
  );
  api.post(
    '/api/survey-forms',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Nhập một phiên bản phiếu khảo sát (bản nháp)',
        body: SurveyFormImportBody,
        response: { 200: z.object({ id: z.string(), version: z.number().int() }), ...commonErrors },
      },
    },
    async (req) => s.surveyForms.importForm(actorOf(req), req.body.ownerUnitId, req.body.definition),
  );
  for (const [verb, to, summary] of [
    ['publish', 'published', 'Ban hành phiếu khảo sát (từ đây không sửa được)'],
    ['retire', 'retired', 'Ngừng áp dụng phiếu khảo sát'],
  ] as const)
    api.post(
      `/api/survey-forms/:id/${verb}`,
      {
        config: { access: 'survey.manage' },
        schema: {
          tags,
          summary,
          params: IdParams,
          body: SurveyFormActionBody,
          response: { 200: Done, ...commonErrors },
        },
      },
      async (req) => s.surveyForms.transition(actorOf(req), req.params.id, to, req.body.reason),
    );
  api.get(
    '/api/survey-campaigns',
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Đợt khảo sát trong phạm vi',
        response: { 200: SurveyCampaignList, ...commonErrors },
      },
    },
    async (req) => ({ items: await s.surveyCampaigns.list(actorOf(req)) }),
  );
  api.post(
    '/api/survey-campaigns',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary:
          'Mở đợt khảo sát (bản nháp): phiếu, kỳ đo lường, thời gian thu phiếu, đơn vị × lĩnh vực, chỉ tiêu',
        body: SurveyCampaignCreateBody,
        response: { 200: z.object({ id: z.string() }), ...commonErrors },
      },
    },
    async (req) => s.surveyCampaigns.create(actorOf(req), req.body),
  );
  api.get(
    '/api/survey-campaigns/:id',
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Một đợt khảo sát',
        params: IdParams,
        response: { 200: SurveyCampaignDetail, ...commonErrors },
      },
    },
    async (req) => s.surveyCampaigns.get(actorOf(req), req.params.id),
  );
  api.post(
    '/api/survey-campaigns/:id/status',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Bắt đầu hoặc dừng thu phiếu',
        params: IdParams,
        body: SurveyCampaignStateBody,
        response: { 200: Done, ...commonErrors },
      },
    },
    async (req) => s.surveyCampaigns.setStatus(actorOf(req), req.params.id, req.body.status, req.body.reason),
  );
  await surveyAdminRoutes(app, s);
}
