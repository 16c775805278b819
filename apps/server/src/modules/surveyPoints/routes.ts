/** Routes of survey points in cycles: the survey leaves of a cycle with their bindings and each
 * member's values, binding a leaf to a campaign, the sanction decision per unit. */
import {
  IdParams,
  SurveyBindingBody,
  SurveyBindingParams,
  SurveyPointsView,
  SurveySanctionBody,
  SurveySanctionParams,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Điểm khảo sát'];

export async function surveyPointsRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/cycles/:id/survey-points',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Tiêu chí khảo sát của kỳ: đợt khảo sát gắn với tiêu chí, chỉ số và điểm của từng đơn vị',
        params: IdParams,
        response: { 200: SurveyPointsView, ...commonErrors },
      },
    },
    async (req) => s.surveyPoints.view(actorOf(req), req.params.id),
  );
  api.put(
    '/api/cycles/:id/survey-bindings/:code',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Gắn tiêu chí khảo sát với mã đợt khảo sát và chỉ số (trước khi mở thẩm định)',
        params: SurveyBindingParams,
        body: SurveyBindingBody,
        response: { 200: SurveyPointsView, ...commonErrors },
      },
    },
    async (req) => {
      await s.surveyPoints.bind(actorOf(req), req.params.id, req.params.code, req.body);
      return s.surveyPoints.view(actorOf(req), req.params.id);
    },
  );
  api.delete(
    '/api/cycles/:id/survey-bindings/:code',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Bỏ gắn tiêu chí khảo sát (trước khi mở thẩm định)',
        params: SurveyBindingParams,
        response: { 200: SurveyPointsView, ...commonErrors },
      },
    },
    async (req) => {
      await s.surveyPoints.unbind(actorOf(req), req.params.id, req.params.code);
      return s.surveyPoints.view(actorOf(req), req.params.id);
    },
  );
  api.put(
    '/api/cycles/:id/survey-sanctions/:unitId',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary:
          'Quyết định về điểm khảo sát của đơn vị báo cáo trễ hạn hoặc sai mẫu (0 điểm hoặc miễn), có lý do',
        params: SurveySanctionParams,
        body: SurveySanctionBody,
        response: { 200: SurveyPointsView, ...commonErrors },
      },
    },
    async (req) => {
      await s.surveyPoints.decide(actorOf(req), req.params.id, req.params.unitId, req.body);
      return s.surveyPoints.view(actorOf(req), req.params.id);
    },
  );
}
