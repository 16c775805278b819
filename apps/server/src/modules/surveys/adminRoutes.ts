/** Routes of campaign administration: editing a draft, targets (typed, imported from Excel,
 * allocated), copy-down to a unit below. */
import {
  IdParams,
  SurveyAllocateBody,
  SurveyCampaignUpdateBody,
  SurveyCopyDownBody,
  SurveyTargetsBody,
  SurveyTargetsResult,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors, sendFile, uploadedFile } from '../../http.ts';
import { readTabular } from '../../lib/tabular.ts';

const tags = ['Khảo sát'];

export async function surveyAdminRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.patch(
    '/api/survey-campaigns/:id',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Sửa đợt khảo sát khi còn là bản nháp (tên, ngày, lĩnh vực, mốc, thiết lập)',
        params: IdParams,
        body: SurveyCampaignUpdateBody,
        response: {
          200: z.object({ id: z.string(), status: z.string(), revision: z.number().int() }),
          ...commonErrors,
        },
      },
    },
    async (req) => s.surveyCampaignEdit.update(actorOf(req), req.params.id, req.body),
  );
  api.put(
    '/api/survey-campaigns/:id/targets',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Đặt chỉ tiêu: đơn vị × lĩnh vực, số giao dịch N hoặc số phiếu n nhập tay',
        params: IdParams,
        body: SurveyTargetsBody,
        response: { 200: SurveyTargetsResult, ...commonErrors },
      },
    },
    async (req) =>
      s.surveyCampaignEdit.setTargets(actorOf(req), req.params.id, req.body.revision, req.body.targets),
  );
  api.post(
    '/api/survey-campaigns/:id/allocate',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Phân bổ tổng số phiếu theo tỷ lệ N (phương pháp số dư lớn nhất)',
        params: IdParams,
        body: SurveyAllocateBody,
        response: { 200: SurveyTargetsResult, ...commonErrors },
      },
    },
    async (req) => s.surveyCampaignEdit.allocate(actorOf(req), req.params.id, req.body),
  );
  api.get(
    '/api/survey-campaigns/:id/targets/template',
    {
      config: { access: 'survey.manage' },
      schema: { tags, summary: 'Tệp mẫu Excel số giao dịch (N) theo đơn vị × lĩnh vực', params: IdParams },
    },
    async (req, reply) => {
      const f = await s.surveyTargetImport.template(actorOf(req), req.params.id);
      return sendFile(reply, {
        name: f.name,
        ext: 'xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: f.body,
      });
    },
  );
  api.post(
    '/api/survey-campaigns/:id/targets/import',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Nhập số giao dịch (N) từ Excel (tất cả hoặc không dòng nào)',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: SurveyTargetsResult, ...commonErrors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const file = await uploadedFile(req);
      const rows = await readTabular(file.bytes, file.name, 'targetImport');
      return s.surveyTargetImport.importRows(actor, req.params.id, rows, file.name);
    },
  );
  api.post(
    '/api/survey-campaigns/:id/copy-down',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Giao đợt khảo sát xuống đơn vị cấp dưới (chỉ được thu hẹp)',
        params: IdParams,
        body: SurveyCopyDownBody,
        response: { 200: z.object({ id: z.string() }), ...commonErrors },
      },
    },
    async (req) => s.surveyCopyDown.copyDown(actorOf(req), req.params.id, req.body),
  );
}
