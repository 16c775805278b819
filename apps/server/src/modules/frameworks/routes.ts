import {
  ErrorResponse,
  FrameworkActionBody,
  FrameworkCloneBody,
  FrameworkDetail,
  FrameworkImportBody,
  FrameworkList,
  FrameworkSaved,
  FrameworkSummary,
  FrameworkUpdateBody,
  ExportQuery,
  Id,
  IdParams,
} from '@chiso/contracts';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors, sendFile, uploadedFile } from '../../http.ts';

const tags = ['Bộ tiêu chí'];
const errors = commonErrors;

export async function frameworkRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/frameworks',
    {
      config: { access: 'framework.read' },
      schema: {
        tags,
        summary: 'Danh sách bộ tiêu chí',
        response: { 200: FrameworkList, 403: ErrorResponse },
      },
    },
    async (req) => ({ items: await s.frameworks.list(actorOf(req)) }),
  );
  api.get(
    '/api/frameworks/:id',
    {
      config: { access: 'framework.read' },
      schema: {
        tags,
        summary: 'Bộ tiêu chí, định nghĩa và kết quả kiểm tra',
        params: IdParams,
        response: { 200: FrameworkDetail, ...errors },
      },
    },
    async (req) => s.frameworks.detail(actorOf(req), req.params.id),
  );
  api.post(
    '/api/frameworks/import',
    {
      config: { access: 'framework.write' },
      schema: {
        tags,
        summary: 'Nhập bộ tiêu chí (JSON) thành bản dự thảo mới',
        body: FrameworkImportBody,
        response: { 200: FrameworkSummary, ...errors },
      },
    },
    async (req) => s.frameworks.importJson(actorOf(req), req.body.ownerUnitId, req.body.definition),
  );
  api.post(
    '/api/frameworks/:id/publish',
    {
      config: { access: 'framework.write' },
      schema: {
        tags,
        summary: 'Ban hành (đóng băng) bộ tiêu chí',
        params: IdParams,
        body: FrameworkActionBody,
        response: { 200: FrameworkSummary, ...errors },
      },
    },
    async (req) => s.frameworks.publish(actorOf(req), req.params.id, req.body.reason),
  );
  api.post(
    '/api/frameworks/:id/retire',
    {
      config: { access: 'framework.write' },
      schema: {
        tags,
        summary: 'Ngừng áp dụng bộ tiêu chí',
        params: IdParams,
        body: FrameworkActionBody,
        response: { 200: FrameworkSummary, ...errors },
      },
    },
    async (req) => s.frameworks.retire(actorOf(req), req.params.id, req.body.reason),
  );
  api.post(
    '/api/frameworks/:id/clone',
    {
      config: { access: 'framework.write' },
      schema: {
        tags,
        summary: 'Sao chép bộ tiêu chí sang năm mới (dự thảo)',
        params: IdParams,
        body: FrameworkCloneBody,
        response: { 200: FrameworkSummary, ...errors },
      },
    },
    async (req) => s.frameworks.clone(actorOf(req), req.params.id, req.body.year, req.body.ownerUnitId),
  );
  api.put(
    '/api/frameworks/:id',
    {
      config: { access: 'framework.write' },
      schema: {
        tags,
        summary: 'Lưu bản dự thảo đã sửa (kiểm tra phiên bản sửa đổi, ghi nhật ký thay đổi)',
        params: IdParams,
        body: FrameworkUpdateBody,
        response: { 200: FrameworkSaved, ...errors },
      },
    },
    async (req) =>
      s.frameworks.update(
        actorOf(req),
        req.params.id,
        req.body.definition,
        req.body.baseRevision,
        req.body.reason,
      ),
  );
  api.get(
    '/api/frameworks/:id/export',
    {
      config: { access: 'framework.read' },
      schema: {
        tags,
        summary: 'Tải bộ tiêu chí dạng JSON hoặc Excel (nhập lại được, không mất dữ liệu)',
        params: IdParams,
        querystring: ExportQuery,
        produces: ['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      return sendFile(reply, await s.frameworks.exportFile(actorOf(req), req.params.id, req.query.format));
    },
  );
  api.post(
    '/api/frameworks/import-file',
    {
      config: { access: 'framework.write' },
      schema: {
        tags,
        summary: 'Nhập bộ tiêu chí từ tệp Excel (.xlsx) hoặc JSON thành bản dự thảo mới',
        consumes: ['multipart/form-data'],
        querystring: z.object({ ownerUnitId: Id.optional() }),
        response: { 200: FrameworkSummary, ...errors },
      },
    },
    async (req) => {
      const file = await uploadedFile(req);
      return s.frameworks.importFile(actorOf(req), req.query.ownerUnitId ?? null, file.name, file.bytes);
    },
  );
}
