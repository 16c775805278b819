import {
  ErrorResponse,
  IdParams,
  ResultCard,
  ResultEnterBody,
  ResultImportFailure,
  ResultImportQuery,
  ResultImportResult,
  ResultList,
  ResultListQuery,
  ResultEntry,
  ResultEntryQuery,
  RankGroupsBody,
  RankGroupsView,
  RankSetQuery,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors, uploadedFile } from '../../http.ts';
import { readTabular } from '../../lib/tabular.ts';

const tags = ['Kết quả'];

export async function resultRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/results',
    {
      config: { access: 'result.read' },
      schema: {
        tags,
        summary:
          'Bảng xếp hạng của một bộ tiêu chí trong một năm: các bảng (theo đơn vị xếp hạng) và một bảng (các đơn vị trong phạm vi được phân quyền)',
        querystring: ResultListQuery,
        response: { 200: ResultList, ...commonErrors },
      },
    },
    async (req) => s.results.list(actorOf(req), req.query.frameworkId, req.query.year, req.query.ownerUnitId),
  );
  api.get(
    '/api/results/entry',
    {
      config: { access: 'result.write' },
      schema: {
        tags,
        summary:
          'Để nhập kết quả một đơn vị: kết quả đã có của năm và các đơn vị có thể giữ bảng xếp hạng (đơn vị đó hoặc cấp trên trong phạm vi)',
        querystring: ResultEntryQuery,
        response: { 200: ResultEntry, ...commonErrors },
      },
    },
    async (req) => s.results.entryOf(actorOf(req), req.query.frameworkId, req.query.year, req.query.unitId),
  );
  api.get(
    '/api/results/groups',
    {
      // the owner's coordinators (cycle.manage for a cycle's set, result.write otherwise: checked on
      // the owner's subtree by the service)
      config: { access: 'result.write' },
      schema: {
        tags,
        summary: 'Các nhóm xếp hạng của một bảng xếp hạng (đơn vị xếp hạng, mã bộ tiêu chí, năm)',
        querystring: RankSetQuery,
        response: { 200: RankGroupsView, ...commonErrors },
      },
    },
    async (req) => s.rankGroups.view(actorOf(req), req.query),
  );
  api.put(
    '/api/results/groups',
    {
      config: { access: 'result.write' },
      schema: {
        tags,
        summary:
          'Khai báo các nhóm xếp hạng theo loại đơn vị (mỗi nhóm xếp hạng riêng); xếp lại bảng, ghi nhật ký',
        body: RankGroupsBody,
        response: { 200: RankGroupsView, ...commonErrors },
      },
    },
    async (req) => {
      const { ownerUnitId, frameworkCode, year, ...body } = req.body;
      return s.rankGroups.save(actorOf(req), { ownerUnitId, frameworkCode, year }, body);
    },
  );
  api.get(
    '/api/results/:id',
    {
      config: { access: 'result.read' },
      schema: {
        tags,
        summary: 'Phiếu kết quả của đơn vị: lĩnh vực, điểm, chỉ số, xếp loại, hạng, điểm bị mất, tăng/giảm',
        params: IdParams,
        response: { 200: ResultCard, ...commonErrors },
      },
    },
    async (req) => s.results.card(actorOf(req), req.params.id),
  );
  api.put(
    '/api/results',
    {
      config: { access: 'result.write' },
      schema: {
        tags,
        summary: 'Nhập hoặc sửa kết quả của một đơn vị trong một năm (sửa cần lý do; ghi nhật ký)',
        body: ResultEnterBody,
        response: { 200: ResultCard, ...commonErrors },
      },
    },
    async (req) => s.results.enter(actorOf(req), req.body),
  );
  api.post(
    '/api/results/import',
    {
      config: { access: 'result.write' },
      schema: {
        tags,
        summary: 'Nhập kết quả từ Excel/CSV (tất cả hoặc không dòng nào)',
        consumes: ['multipart/form-data'],
        querystring: ResultImportQuery,
        response: { ...commonErrors, 200: ResultImportResult, 422: ResultImportFailure.or(ErrorResponse) },
      },
    },
    async (req) => {
      const file = await uploadedFile(req);
      const rows = await readTabular(file.bytes, file.name, 'resultImport');
      return s.resultImport.importRows(
        actorOf(req),
        req.query.frameworkId,
        req.query.year,
        req.query.mode,
        rows,
        {
          ownerUnitId: req.query.ownerUnitId,
          reason: req.query.reason,
        },
      );
    },
  );
}
