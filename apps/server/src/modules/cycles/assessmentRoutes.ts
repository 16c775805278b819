/** A self-assessment's routes: the view, saving a criterion, linking evidence, submitting,
 * withdrawing and returning it; its appraisal, the unit's answers, approval and sending back. */
import {
  AnswerBody,
  ApproveBody,
  AppraisalView,
  AppraiseBody,
  AssessmentView,
  IdParams,
  ItemParams,
  ItemSaveBody,
  ItemSaved,
  LinkBody,
  ReasonBody,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const tags = ['Kỳ đánh giá'];

export async function assessmentRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/assessments/:id',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Bản tự đánh giá: cây tiêu chí, điểm tính theo quy tắc, tài liệu kiểm chứng, phần còn thiếu',
        params: IdParams,
        response: { 200: AssessmentView, ...commonErrors },
      },
    },
    async (req) => s.cycleViews.assessment(actorOf(req), req.params.id),
  );
  api.put(
    '/api/assessments/:id/items/:code',
    {
      config: { access: 'assessment.write' },
      schema: {
        tags,
        summary: 'Lưu một tiêu chí khi đang gõ (tự động lưu)',
        params: ItemParams,
        body: ItemSaveBody,
        response: { 200: ItemSaved, ...commonErrors },
      },
    },
    async (req) => s.selfAssessment.saveItem(actorOf(req), req.params.id, req.params.code, req.body),
  );
  api.post(
    '/api/assessments/:id/items/:code/evidence',
    {
      config: { access: 'assessment.write' },
      schema: {
        tags,
        summary: 'Gắn (hoặc gỡ) một tài liệu kiểm chứng cho tiêu chí',
        params: ItemParams,
        body: LinkBody,
        response: { 200: AssessmentView, ...commonErrors },
      },
    },
    async (req) =>
      s.selfAssessment.link(
        actorOf(req),
        req.params.id,
        req.params.code,
        req.body.evidenceId,
        req.body.locator,
        req.body.remove,
      ),
  );
  api.post(
    '/api/assessments/:id/submit',
    {
      config: { access: 'assessment.submit' },
      schema: {
        tags,
        summary: 'Thủ trưởng duyệt và gửi bản tự đánh giá',
        params: IdParams,
        response: { 200: AssessmentView, ...commonErrors },
      },
    },
    async (req) => s.selfAssessment.submit(actorOf(req), req.params.id),
  );
  api.post(
    '/api/assessments/:id/withdraw',
    {
      config: { access: 'assessment.submit' },
      schema: {
        tags,
        summary: 'Rút lại bản đã gửi (khi chưa thẩm định)',
        params: IdParams,
        response: { 200: AssessmentView, ...commonErrors },
      },
    },
    async (req) => s.selfAssessment.withdraw(actorOf(req), req.params.id),
  );
  api.post(
    '/api/assessments/:id/return',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Cán bộ đầu mối trả lại bản tự đánh giá để đơn vị sửa (cần lý do)',
        params: IdParams,
        body: ReasonBody,
        response: { 200: AssessmentView, ...commonErrors },
      },
    },
    async (req) => s.selfAssessment.returnToUnit(actorOf(req), req.params.id, req.body.reason),
  );
  api.get(
    '/api/assessments/:id/appraisal',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Tự đánh giá và thẩm định, từng tiêu chí',
        params: IdParams,
        response: { 200: AppraisalView, ...commonErrors },
      },
    },
    async (req) => s.cycleViews.appraisal(actorOf(req), req.params.id),
  );
  api.put(
    '/api/assessments/:id/appraisal/:code',
    {
      config: { access: 'appraisal.write' },
      schema: {
        tags,
        summary: 'Thẩm định một tiêu chí: chấp nhận, chấm lại (có lý do) hoặc yêu cầu giải trình, bổ sung',
        params: ItemParams,
        body: AppraiseBody,
        response: { 200: AppraisalView, ...commonErrors },
      },
    },
    async (req) => s.appraisal.appraise(actorOf(req), req.params.id, req.params.code, req.body),
  );
  api.post(
    '/api/assessments/:id/appraisal/accept-rest',
    {
      config: { access: 'appraisal.write' },
      schema: {
        tags,
        summary: 'Chấp nhận một lần mọi tiêu chí chưa thẩm định (ghi nhật ký từng tiêu chí)',
        params: IdParams,
        response: { 200: AppraisalView, ...commonErrors },
      },
    },
    async (req) => s.appraisal.acceptRest(actorOf(req), req.params.id),
  );
  api.post(
    '/api/assessments/:id/appraisal/:code/answer',
    {
      config: { access: 'assessment.write' },
      schema: {
        tags,
        summary: 'Đơn vị giải trình, bổ sung theo yêu cầu của thẩm định',
        params: ItemParams,
        body: AnswerBody,
        response: { 200: AppraisalView, ...commonErrors },
      },
    },
    async (req) =>
      s.appraisal.answer(actorOf(req), req.params.id, req.params.code, req.body.answer, req.body.evidenceId),
  );
  api.post(
    '/api/assessments/:id/approve',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Cấp đang giữ kết quả thẩm định duyệt và chuyển lên cấp trên (từng cấp một)',
        params: IdParams,
        body: ApproveBody,
        response: { 200: AppraisalView, ...commonErrors },
      },
    },
    async (req) => s.approval.approve(actorOf(req), req.params.id, req.body.note, req.body.acceptWaiting),
  );
  api.post(
    '/api/assessments/:id/send-back',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Trả kết quả thẩm định đã duyệt về cấp dưới (cần lý do)',
        params: IdParams,
        body: ReasonBody,
        response: { 200: AppraisalView, ...commonErrors },
      },
    },
    async (req) => s.approval.sendBack(actorOf(req), req.params.id, req.body.reason),
  );
}
