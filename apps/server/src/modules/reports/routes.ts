/** Report requests and the units' reports (issue #15 item 7; issue #16 extends the same routes). */
import {
  ConsolidatedQuery,
  IdParams,
  ReportAdHocCreateBody,
  ReportSeriesCreateBody,
  ReportSeriesDetail,
  ReportSeriesList,
  ReportActionBody,
  ReportDocumentQuery,
  ReportFileParams,
  ReportRequestCreateBody,
  ReportRequestDetail,
  ReportRequestList,
  ReportSaveBody,
  ReportSubmissionView,
  ReportUnitParams,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors, sendFile, uploadedFile } from '../../http.ts';
import { consolidatedDownload, letterDownload, reportDownload } from './download.ts';

const tags = ['Báo cáo'];
const Changed = z.object({ revision: z.number().int(), status: z.string() });
const Files = z.object({
  revision: z.number().int(),
  files: z.array(z.object({ sha256: z.string(), name: z.string() })),
});
const Sent = Changed.extend({ late: z.boolean(), days: z.number().int(), sentAt: z.string() });

export async function reportRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/report-requests',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: 'Yêu cầu báo cáo đơn vị đã giao hoặc được giao, với hạn và tình trạng',
        response: { 200: ReportRequestList, ...commonErrors },
      },
    },
    async (req) => ({ items: await s.reports.list(actorOf(req)) }),
  );
  api.post(
    '/api/report-requests',
    {
      config: { access: 'report.manage' },
      schema: {
        tags,
        summary: 'Yêu cầu báo cáo Mẫu 01 hoặc Mẫu 02 của một đợt khảo sát',
        body: ReportRequestCreateBody,
        response: { 200: z.object({ id: z.string() }), ...commonErrors },
      },
    },
    async (req) => s.reports.create(actorOf(req), req.body),
  );
  api.post(
    '/api/report-requests/ad-hoc',
    {
      config: { access: 'report.manage' },
      schema: {
        tags,
        summary: 'Yêu cầu báo cáo theo đề cương (đột xuất), hạn gửi tính cả ngày hạn',
        body: ReportAdHocCreateBody,
        response: { 200: z.object({ id: z.string() }), ...commonErrors },
      },
    },
    async (req) => s.reportSeries.createAdHoc(actorOf(req), req.body),
  );
  api.get(
    '/api/report-series',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: 'Báo cáo định kỳ (quý, 6 tháng, 9 tháng, năm) đơn vị đã giao hoặc được giao',
        response: { 200: ReportSeriesList, ...commonErrors },
      },
    },
    async (req) => ({ items: await s.reportSeries.list(actorOf(req)) }),
  );
  api.post(
    '/api/report-series',
    {
      config: { access: 'report.manage' },
      schema: {
        tags,
        summary: 'Giao báo cáo định kỳ: kỳ báo cáo, quy tắc hạn gửi và ngày chốt số liệu là dữ liệu',
        body: ReportSeriesCreateBody,
        response: { 200: z.object({ id: z.string(), requests: z.number().int() }), ...commonErrors },
      },
    },
    async (req) => s.reportSeries.createSeries(actorOf(req), req.body),
  );
  api.get(
    '/api/report-series/:id',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: 'Bảng theo dõi báo cáo định kỳ: đơn vị × kỳ, đúng hạn, muộn, chưa gửi',
        params: IdParams,
        response: { 200: ReportSeriesDetail, ...commonErrors },
      },
    },
    async (req) => s.reportSeries.detail(actorOf(req), req.params.id),
  );
  api.get(
    '/api/report-requests/:id/letter',
    {
      config: { access: 'report.read' },
      schema: {
        tags: [...tags, 'Văn bản'],
        summary: 'Công văn yêu cầu báo cáo (V/v, Kính gửi các đơn vị, hạn gửi), kèm đề cương (Word, PDF)',
        params: IdParams,
        querystring: ConsolidatedQuery,
      },
    },
    async (req, reply) => letterDownload(s, actorOf(req), req.params.id, req.query.format, reply),
  );
  api.get(
    '/api/report-requests/:id/consolidated',
    {
      config: { access: 'report.read' },
      schema: {
        tags: [...tags, 'Văn bản'],
        summary: 'Báo cáo tổng hợp: ghép nội dung các đơn vị đã gửi theo từng mục của đề cương (Word, PDF)',
        params: IdParams,
        querystring: ConsolidatedQuery,
      },
    },
    async (req, reply) => consolidatedDownload(s, actorOf(req), req.params.id, req.query.format, reply),
  );
  api.get(
    '/api/report-requests/:id',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: 'Một yêu cầu báo cáo và bảng theo dõi đơn vị đã gửi, gửi muộn, chưa gửi',
        params: IdParams,
        response: { 200: ReportRequestDetail, ...commonErrors },
      },
    },
    async (req) => s.reports.detail(actorOf(req), req.params.id),
  );
  api.get(
    '/api/report-requests/:id/units/:unitId',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: 'Báo cáo của một đơn vị: phần tính từ phiếu, phần đơn vị nhập, tệp đính kèm',
        params: ReportUnitParams,
        response: { 200: ReportSubmissionView, ...commonErrors },
      },
    },
    async (req) => s.reportSubmissions.view(actorOf(req), req.params.id, req.params.unitId),
  );
  api.put(
    '/api/report-requests/:id/units/:unitId',
    {
      config: { access: 'report.write' },
      schema: {
        tags,
        summary: 'Lưu phần đơn vị nhập (số phiếu phát ra, đánh giá, kiến nghị)',
        params: ReportUnitParams,
        body: ReportSaveBody,
        response: { 200: Changed, ...commonErrors },
      },
    },
    async (req) => s.reportSubmissions.save(actorOf(req), req.params.id, req.params.unitId, req.body),
  );
  api.post(
    '/api/report-requests/:id/units/:unitId/approve',
    {
      config: { access: 'report.submit' },
      schema: {
        tags,
        summary: 'Lãnh đạo đơn vị duyệt báo cáo',
        params: ReportUnitParams,
        body: ReportActionBody,
        response: { 200: Changed, ...commonErrors },
      },
    },
    async (req) =>
      s.reportSubmissions.approve(actorOf(req), req.params.id, req.params.unitId, req.body.baseRevision),
  );
  api.post(
    '/api/report-requests/:id/units/:unitId/send',
    {
      config: { access: 'report.submit' },
      schema: {
        tags,
        summary: 'Gửi báo cáo đã duyệt (ghi nhận gửi muộn khi sau hạn)',
        params: ReportUnitParams,
        body: ReportActionBody,
        response: { 200: Sent, ...commonErrors },
      },
    },
    async (req) =>
      s.reportSubmissions.send(actorOf(req), req.params.id, req.params.unitId, req.body.baseRevision),
  );
  api.post(
    '/api/report-requests/:id/units/:unitId/files',
    {
      config: { access: 'report.write' },
      schema: {
        tags,
        summary: 'Đính kèm bản quét phiếu giấy (PDF, JPG, PNG; kiểm tra theo nội dung)',
        consumes: ['multipart/form-data'],
        params: ReportUnitParams,
        response: { 200: Files, ...commonErrors },
      },
    },
    async (req) => {
      const file = await uploadedFile(req);
      return s.reportSubmissions.attach(
        actorOf(req),
        req.params.id,
        req.params.unitId,
        file.name,
        file.bytes,
      );
    },
  );
  api.get(
    '/api/report-requests/:id/units/:unitId/files/:sha256',
    {
      config: { access: 'report.read' },
      schema: { tags, summary: 'Tệp đính kèm của báo cáo', params: ReportFileParams },
    },
    async (req, reply) => {
      const p = req.params;
      const f = await s.reportSubmissions.file(actorOf(req), p.id, p.unitId, p.sha256);
      const dot = f.fileName.lastIndexOf('.');
      reply
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', 'sandbox');
      return sendFile(reply, {
        name: dot > 0 ? f.fileName.slice(0, dot) : f.fileName,
        ext: dot > 0 ? f.fileName.slice(dot + 1) : 'bin',
        mime: f.mime,
        body: f.body,
        inline: true,
      });
    },
  );
  api.delete(
    '/api/report-requests/:id/units/:unitId/files/:sha256',
    {
      config: { access: 'report.write' },
      schema: {
        tags,
        summary: 'Gỡ tệp đính kèm (trước khi gửi)',
        params: ReportFileParams,
        response: { 200: Files, ...commonErrors },
      },
    },
    async (req) => {
      const p = req.params;
      return s.reportSubmissions.detach(actorOf(req), p.id, p.unitId, p.sha256);
    },
  );
  api.get(
    '/api/report-requests/:id/units/:unitId/document',
    {
      config: { access: 'report.read' },
      schema: {
        tags: [...tags, 'Văn bản'],
        summary: 'Báo cáo của đơn vị (Word, PDF, Excel) theo thể thức Nghị định 30/2020/NĐ-CP',
        params: ReportUnitParams,
        querystring: ReportDocumentQuery,
      },
    },
    async (req, reply) => reportDownload(s, actorOf(req), req.params, req.query, reply),
  );
}
