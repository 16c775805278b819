import {
  IdParams,
  SurveyExternalBody,
  SurveyExternalDeleteBody,
  SurveyExternalList,
  SurveyPublishBody,
  SurveyResultsView,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors, sendFile } from '../../http.ts';
import { resultsXlsx } from './xlsx.ts';

const tags = ['Khảo sát'];
const Done = z.object({ id: z.string(), status: z.string() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function surveyResultRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/survey-campaigns/:id/results',
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary:
          'Kết quả đợt khảo sát: chỉ số theo câu hỏi, yếu tố, đơn vị × lĩnh vực, đơn vị, khối và toàn đợt (tạm tính khi chưa công bố)',
        params: IdParams,
        response: { 200: SurveyResultsView, ...commonErrors },
      },
    },
    async (req) => s.surveyResults.view(actorOf(req), req.params.id),
  );
  api.get(
    '/api/survey-campaigns/:id/results.xlsx',
    {
      config: { access: 'survey.read' },
      schema: { tags, summary: 'Kết quả đợt khảo sát (Excel)', params: IdParams, produces: [XLSX] },
    },
    async (req, reply) => {
      const v = await s.surveyResults.view(actorOf(req), req.params.id);
      reply.header('cache-control', 'no-store');
      return sendFile(reply, {
        name: `Kết quả khảo sát ${v.campaign.code} ${v.campaign.year}`,
        ext: 'xlsx',
        mime: XLSX,
        body: await resultsXlsx(v),
      });
    },
  );
  api.get(
    '/api/survey-campaigns/:id/external-indices',
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Chỉ số hài lòng công bố ngoài hệ thống (VNeID…) theo đơn vị × lĩnh vực',
        params: IdParams,
        response: { 200: SurveyExternalList, ...commonErrors },
      },
    },
    async (req) => ({ items: await s.surveyResults.listExternal(actorOf(req), req.params.id) }),
  );
  api.put(
    '/api/survey-campaigns/:id/external-indices',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Nhập hoặc thay chỉ số công bố ngoài hệ thống của một đơn vị × lĩnh vực (trước khi công bố)',
        params: IdParams,
        body: SurveyExternalBody,
        response: { 200: Done, ...commonErrors },
      },
    },
    async (req) => s.surveyResults.putExternal(actorOf(req), req.params.id, req.body),
  );
  api.delete(
    '/api/survey-campaigns/:id/external-indices',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Xóa chỉ số công bố ngoài hệ thống của một đơn vị × lĩnh vực (cần lý do)',
        params: IdParams,
        body: SurveyExternalDeleteBody,
        response: { 200: Done, ...commonErrors },
      },
    },
    async (req) =>
      s.surveyResults.deleteExternal(
        actorOf(req),
        req.params.id,
        req.body.unitId,
        req.body.fieldCode,
        req.body.reason,
      ),
  );
  api.post(
    '/api/survey-campaigns/:id/publish-results',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Công bố kết quả đợt khảo sát (sau khi dừng thu phiếu; từ đây kết quả không đổi)',
        params: IdParams,
        body: SurveyPublishBody,
        response: { 200: Done, ...commonErrors },
      },
    },
    async (req) => s.surveyResults.publish(actorOf(req), req.params.id, req.body.reason),
  );
}
