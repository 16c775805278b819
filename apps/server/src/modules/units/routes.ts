import {
  ErrorResponse,
  IdParams,
  ImportFailure,
  ImportResult,
  ReorgResult,
  UnitAbolishBody,
  UnitAbolishLevelBody,
  UnitCreateBody,
  UnitDetail,
  UnitList,
  UnitListQuery,
  UnitMergeBody,
  UnitMoveBody,
  UnitUpdateBody,
  UnitView,
} from '@chiso/contracts';
import { UNIT_KIND_LABELS } from '@chiso/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors, sendFile, uploadedFile } from '../../http.ts';
import { readTabular } from '../../lib/tabular.ts';

const tags = ['Đơn vị'];
const errors = commonErrors;

export async function unitRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/units',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: 'Danh sách đơn vị trong phạm vi (tìm không dấu)',
        querystring: UnitListQuery,
        response: { 200: UnitList, 403: ErrorResponse },
      },
    },
    async (req) => ({
      items: await s.units.list(actorOf(req), req.query.q, req.query.includeClosed === 'true'),
    }),
  );

  api.get(
    '/api/units/import/template',
    { config: { access: 'unit.import' }, schema: { tags, summary: 'Tệp mẫu CSV để nhập cây đơn vị' } },
    async (_req, reply) => {
      const lines = [
        [
          'Mã đơn vị',
          'Tên đơn vị',
          'Tên viết tắt',
          'Loại đơn vị',
          'Mã đơn vị cấp trên',
          'Hiệu lực từ ngày',
          'Chữ viết tắt',
          'Địa danh',
          'Chức danh người đứng đầu',
          'Cấp hàm người đứng đầu',
          'Họ tên người đứng đầu',
          'Cấp phó',
        ].join(','),
        [
          'VD-01',
          'Đội ví dụ (thay bằng đơn vị thật)',
          'Đội VD',
          UNIT_KIND_LABELS.team.vi,
          'MÃ-CẤP-TRÊN',
          '01/01/2025',
          'VD',
          'Cù Lao Dung',
          'ĐỘI TRƯỞNG',
          'Thiếu tá',
          'Nguyễn Văn A',
          '"PHÓ ĐỘI TRƯỞNG | Đại úy | Trần Văn B; PHÓ ĐỘI TRƯỞNG | | Lê Thị C"',
        ].join(','),
      ];
      return sendFile(reply, {
        name: 'mau-nhap-don-vi',
        ext: 'csv',
        mime: 'text/csv; charset=utf-8',
        body: '\uFEFF' + lines.join('\r\n') + '\r\n',
      });
    },
  );

  api.get(
    '/api/units/:id',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: 'Chi tiết, lịch sử và nguồn gốc đơn vị',
        params: IdParams,
        response: { 200: UnitDetail, ...errors },
      },
    },
    async (req) => s.units.detail(actorOf(req), req.params.id),
  );

  api.post(
    '/api/units',
    {
      config: { access: 'unit.write' },
      schema: { tags, summary: 'Tạo đơn vị', body: UnitCreateBody, response: { 200: UnitView, ...errors } },
    },
    async (req) => s.units.create(actorOf(req), req.body),
  );

  api.patch(
    '/api/units/:id',
    {
      config: { access: 'unit.write' },
      schema: {
        tags,
        summary: 'Đổi tên, mã, loại đơn vị (có lịch sử)',
        params: IdParams,
        body: UnitUpdateBody,
        response: { 200: UnitView, ...errors },
      },
    },
    async (req) => s.units.update(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/api/units/:id/move',
    {
      config: { access: 'unit.write' },
      schema: {
        tags,
        summary: 'Chuyển đơn vị sang đơn vị cấp trên khác',
        params: IdParams,
        body: UnitMoveBody,
        response: { 200: UnitView, ...errors },
      },
    },
    async (req) => s.reorg.move(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/api/units/merge',
    {
      config: { access: 'unit.reorganise' },
      schema: {
        tags,
        summary: 'Sáp nhập các đơn vị thành một đơn vị mới',
        body: UnitMergeBody,
        response: { 200: ReorgResult, ...errors },
      },
    },
    async (req) => s.reorg.merge(actorOf(req), req.body),
  );

  api.post(
    '/api/units/:id/abolish',
    {
      config: { access: 'unit.reorganise' },
      schema: {
        tags,
        summary: 'Giải thể đơn vị từ một ngày; đơn vị trực thuộc chuyển sang đơn vị kế thừa',
        params: IdParams,
        body: UnitAbolishBody,
        response: { 200: ReorgResult, ...errors },
      },
    },
    async (req) => s.reorg.abolish(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/api/units/abolish-level',
    {
      config: { access: 'unit.reorganise' },
      schema: {
        tags,
        summary: 'Giải thể cả một cấp đơn vị từ một ngày (đơn vị trực thuộc chuyển lên cấp trên)',
        body: UnitAbolishLevelBody,
        response: { 200: ReorgResult, ...errors },
      },
    },
    async (req) => s.reorg.abolishLevel(actorOf(req), req.body),
  );

  api.post(
    '/api/units/import',
    {
      config: { access: 'unit.import' },
      schema: {
        tags,
        summary: 'Nhập cây đơn vị từ Excel/CSV (tất cả hoặc không dòng nào)',
        consumes: ['multipart/form-data'],
        response: {
          200: ImportResult,
          422: ImportFailure.or(ErrorResponse),
          400: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const file = await uploadedFile(req);
      const rows = await readTabular(file.bytes, file.name, 'unitImport');
      return s.units.importRows(actor, rows);
    },
  );
}
