import {
  ApproveBody,
  AmendBody,
  AnswerBody,
  AppraisalMatrix,
  AppraisalView,
  AppraiseBody,
  AssignBody,
  AssignmentList,
  CycleRanking,
  PublishBody,
  AssessmentView,
  CycleCreateBody,
  CycleDetail,
  CycleList,
  EvidenceList,
  EvidenceUploaded,
  ExtensionBody,
  IdParams,
  ItemParams,
  ItemSaveBody,
  ItemSaved,
  LinkBody,
  ReasonBody,
  StageBody,
  StageParams,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { actorOf, commonErrors, multipartFailure } from '../../http.ts';
import { z } from 'zod';
import { todayVn } from '../../lib/dates.ts';
import { renderDocx } from '../../lib/docx.ts';
import { docxToPdf } from '../../lib/pdf.ts';
import {
  rankingDocument,
  rankingXlsx,
  selfAssessmentReport,
  selfAssessmentXlsx,
  type ReportLeaf,
} from '../documents/cycleReports.ts';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
const FormatQuery = z.object({ format: z.enum(['docx', 'pdf', 'xlsx']).default('docx') });
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

const tags = ['Kỳ đánh giá'];
const errors = commonErrors;

export async function cycleRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/cycles',
    {
      config: { access: 'assessment.read' },
      schema: { tags, summary: 'Các kỳ đánh giá của tôi', response: { 200: CycleList, ...errors } },
    },
    async (req) => ({ items: await s.cycles.list(actorOf(req)) }),
  );
  api.post(
    '/api/cycles',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Mở kỳ đánh giá: năm, bộ tiêu chí đã ban hành, đơn vị (theo loại, trong cây), các giai đoạn',
        body: CycleCreateBody,
        response: { 200: CycleDetail, ...errors },
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
        response: { 200: CycleDetail, ...errors },
      },
    },
    async (req) => s.cycles.detail(actorOf(req), req.params.id),
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
        response: { 200: z.object({ deleted: z.literal(true) }), ...errors },
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
        response: { 200: CycleDetail, ...errors },
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
        response: { 200: CycleDetail, ...errors },
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
    '/api/assessments/:id',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Bản tự đánh giá: cây tiêu chí, điểm tính theo quy tắc, tài liệu kiểm chứng, phần còn thiếu',
        params: IdParams,
        response: { 200: AssessmentView, ...errors },
      },
    },
    async (req) => s.cycles.view(actorOf(req), req.params.id),
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
        response: { 200: ItemSaved, ...errors },
      },
    },
    async (req) => s.cycles.saveItem(actorOf(req), req.params.id, req.params.code, req.body),
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
        response: { 200: AssessmentView, ...errors },
      },
    },
    async (req) =>
      s.cycles.linkEvidence(
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
        response: { 200: AssessmentView, ...errors },
      },
    },
    async (req) => s.cycles.submit(actorOf(req), req.params.id),
  );
  api.post(
    '/api/assessments/:id/withdraw',
    {
      config: { access: 'assessment.submit' },
      schema: {
        tags,
        summary: 'Rút lại bản đã gửi (khi chưa thẩm định)',
        params: IdParams,
        response: { 200: AssessmentView, ...errors },
      },
    },
    async (req) => s.cycles.withdraw(actorOf(req), req.params.id),
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
        response: { 200: AssessmentView, ...errors },
      },
    },
    async (req) => s.cycles.returnToUnit(actorOf(req), req.params.id, req.body.reason),
  );
  api.get(
    '/api/units/:id/evidence',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Tài liệu kiểm chứng của đơn vị',
        params: IdParams,
        response: { 200: EvidenceList, ...errors },
      },
    },
    async (req) => ({ items: await s.cycles.listEvidence(actorOf(req), req.params.id) }),
  );
  api.post(
    '/api/units/:id/evidence',
    {
      config: { access: 'assessment.write' },
      schema: {
        tags,
        summary: 'Tải lên văn bản làm tài liệu kiểm chứng (kiểm tra theo nội dung, lưu một lần theo mã băm)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: EvidenceUploaded, ...errors },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('VALIDATION', 'Hãy gửi văn bản trong trường "file" (multipart/form-data).');
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Buffer } | null = null;
      try {
        for await (const part of req.parts({
          preservePath: true,
          limits: { fileSize: s.config.uploadMaxBytes },
        })) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer().catch((e: unknown) => {
              throw (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
                ? new AppError(
                    'FILE_REFUSED',
                    `Tệp lớn hơn giới hạn ${Math.floor(s.config.uploadMaxBytes / 1024 / 1024)} MB.`,
                  )
                : e;
            });
            file = { name: part.filename, bytes };
          } else fields[part.fieldname] = String(part.value ?? '');
        }
      } catch (e) {
        throw multipartFailure(e); // a truncated or malformed form: a Vietnamese 400, not a 500
      }
      if (!file) throw new AppError('VALIDATION', 'Chưa chọn tệp.');
      return s.cycles.uploadEvidence(
        actorOf(req),
        req.params.id,
        {
          numberSymbol: fields.numberSymbol ?? '',
          issuedOn: fields.issuedOn ?? '',
          issuer: fields.issuer ?? '',
          summary: fields.summary ?? '',
        },
        file.name,
        file.bytes,
      );
    },
  );
  api.get(
    '/api/evidence/:id/file',
    {
      config: { access: 'assessment.read' },
      schema: { tags, summary: 'Tệp của tài liệu kiểm chứng (xem trước PDF, ảnh)', params: IdParams },
    },
    async (req, reply) => {
      const f = await s.cycles.evidenceFile(actorOf(req), req.params.id);
      const inline = f.mime === 'application/pdf' || f.mime.startsWith('image/');
      const ascii = f.fileName
        .normalize('NFD')
        .replace(/[^\x20-\x7e]/g, '_')
        .replace(/"/g, '_');
      return reply
        .header('content-type', f.mime)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', 'sandbox')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
        )
        .send(f.body);
    },
  );
  api.get(
    '/api/cycles/:id/assignments',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Phân công thẩm định',
        params: IdParams,
        response: { 200: AssignmentList, ...errors },
      },
    },
    async (req) => ({ items: await s.appraisal.assignments(actorOf(req), req.params.id) }),
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
        response: { 200: AssignmentList, ...errors },
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
        response: { 200: AppraisalMatrix, ...errors },
      },
    },
    async (req) => s.appraisal.matrix(actorOf(req), req.params.id),
  );
  api.get(
    '/api/assessments/:id/appraisal',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Tự đánh giá và thẩm định, từng tiêu chí',
        params: IdParams,
        response: { 200: AppraisalView, ...errors },
      },
    },
    async (req) => s.appraisal.appraisalView(actorOf(req), req.params.id),
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
        response: { 200: AppraisalView, ...errors },
      },
    },
    async (req) => s.appraisal.appraise(actorOf(req), req.params.id, req.params.code, req.body),
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
        response: { 200: AppraisalView, ...errors },
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
        response: { 200: AppraisalView, ...errors },
      },
    },
    async (req) => s.appraisal.approve(actorOf(req), req.params.id, req.body.note),
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
        response: { 200: AppraisalView, ...errors },
      },
    },
    async (req) => s.appraisal.sendBack(actorOf(req), req.params.id, req.body.reason),
  );
  api.post(
    '/api/cycles/:id/finalise',
    {
      config: { access: 'cycle.manage' },
      schema: {
        tags,
        summary: 'Hoàn thiện: tính điểm, chỉ số, xếp loại, xếp hạng của mọi đơn vị',
        params: IdParams,
        response: { 200: CycleRanking, ...errors },
      },
    },
    async (req) => s.appraisal.finalise(actorOf(req), req.params.id),
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
        response: { 200: CycleRanking, ...errors },
      },
    },
    async (req) =>
      s.appraisal.publish(actorOf(req), req.params.id, req.body.decisionNumber, req.body.decisionDate),
  );
  api.get(
    '/api/cycles/:id/ranking',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Bảng xếp hạng của kỳ (sau khi công bố: mọi đơn vị trong kỳ)',
        params: IdParams,
        response: { 200: CycleRanking, ...errors },
      },
    },
    async (req) => s.appraisal.ranking(actorOf(req), req.params.id),
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
        response: { 200: CycleRanking, ...errors },
      },
    },
    async (req) => s.appraisal.amend(actorOf(req), req.params.id, req.body),
  );
  api.get(
    '/api/assessments/:id/report',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Báo cáo tự đánh giá của đơn vị (Word, PDF, Excel), kèm điểm thẩm định khi đã có',
        params: IdParams,
        querystring: FormatQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = await s.cycles.view(actor, req.params.id);
      const ap = await s.appraisal.appraisalView(actor, req.params.id);
      const apBy = new Map(ap.items.map((i) => [i.code, i]));
      const appraised = v.status === 'in_appraisal' || v.status === 'appraised';
      const rows: ReportLeaf[] = [];
      type N = (typeof v.tree)[number];
      const walk = (ns: N[], depth: number) => {
        for (const n of ns) {
          const isLeaf = n.children.length === 0;
          const p = apBy.get(n.code);
          rows.push({
            code: n.code,
            title: n.title,
            max: n.max,
            selfPoints: n.points,
            inputText: n.inputText ?? '',
            note: n.note ?? '',
            evidence: (n.evidence ?? []).map(
              (e) =>
                `${e.numberSymbol} ngày ${e.issuedOn.slice(8, 10)}/${e.issuedOn.slice(5, 7)}/${e.issuedOn.slice(0, 4)}${e.locator ? ` (${e.locator})` : ''}`,
            ),
            appraisedPoints: appraised && isLeaf && p ? p.appraisedPoints : null,
            appraisalReason: p?.reason ?? null,
            depth,
            isLeaf,
          });
          walk(n.children as N[], depth + 1);
        }
      };
      walk(v.tree, 0);
      const data = {
        unitName: v.unit.name,
        parentName: null,
        cycleName: v.cycle.name,
        year: v.cycle.year,
        framework: v.cycle.framework,
        total: v.total,
        applicableMax: v.applicableMax,
        index: v.index,
        band: v.band,
        appraisedTotal: appraised ? ap.appraisedTotal : null,
        rows,
        today: todayVn(),
      };
      const name = `bao-cao-tu-danh-gia-${ascii(v.unit.code)}-${v.cycle.year}`;
      const f = req.query.format;
      const body =
        f === 'xlsx'
          ? await selfAssessmentXlsx(data)
          : f === 'pdf'
            ? await docxToPdf(await renderDocx(selfAssessmentReport(data)))
            : await renderDocx(selfAssessmentReport(data));
      return reply
        .header('content-type', MIME[f])
        .header('content-disposition', `attachment; filename="${name}.${f}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
  api.get(
    '/api/cycles/:id/ranking/export',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: 'Bảng xếp hạng của kỳ (Word, PDF, Excel), cùng quyền xem như bảng xếp hạng',
        params: IdParams,
        querystring: FormatQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await s.appraisal.ranking(actor, req.params.id);
      const c = await s.cycles.detail(actor, req.params.id).catch(() => null);
      const dmy = (iso: string | null) =>
        iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
      const data = {
        cycleName: c?.name ?? '',
        year: c?.year ?? 0,
        ownerName: c?.ownerUnitName ?? '',
        decision: r.decisionNumber ? `${r.decisionNumber} ngày ${dmy(r.decisionDate)}` : null,
        today: todayVn(),
        rows: r.items.map((i) => ({
          rank: i.rank,
          unitName: i.unitName,
          total: i.total.replace('.', ','),
          index: i.index.replace('.', ','),
          band: i.bandLabel,
        })),
      };
      const f = req.query.format;
      const body =
        f === 'xlsx'
          ? await rankingXlsx(data)
          : f === 'pdf'
            ? await docxToPdf(await renderDocx(rankingDocument(data)))
            : await renderDocx(rankingDocument(data));
      return reply
        .header('content-type', MIME[f])
        .header('content-disposition', `attachment; filename="xep-hang-${data.year}.${f}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
