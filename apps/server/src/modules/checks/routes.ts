/** POST /api/check-table: check a published results table (CSV or XLSX upload); stateless, nothing stored. */
import { CheckTableView, ErrorResponse } from '@chiso/contracts';
import { checkTable, FINDING_LABELS, formatPoints, type CheckResult } from '@chiso/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonErrors, uploadedFile } from '../../http.ts';
import { readTabular } from '../../lib/tabular.ts';

const p = (h: number | null) => (h === null ? null : formatPoints(h));
const idx = (h: number | null) => (h === null ? null : formatPoints(h, { fixed: true }));

export function checkView(fileName: string, r: CheckResult): z.infer<typeof CheckTableView> {
  return {
    fileName,
    columns: r.columns.map((c) => ({ label: c.label, role: c.role, max: p(c.headerMax) })),
    rows: r.rows.map((row) => ({
      label: row.label,
      components: row.components.map((c) => ({ column: c.column, points: p(c.points), max: p(c.max) })),
      total: p(row.total),
      maxTotal: p(row.maxTotal),
      index: idx(row.index),
      rank: row.rank,
      change: p(row.change),
      stated: row.stated,
    })),
    findings: r.findings.map((f) => ({ ...f, label: FINDING_LABELS[f.code] })),
    notes: r.notes,
    mean: { total: p(r.mean.total), index: idx(r.mean.index) },
  };
}

export async function checkRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/check-table',
    {
      config: { access: 'framework.read' },
      schema: {
        tags: ['Kiểm tra bảng kết quả'],
        summary: 'Kiểm tra bảng kết quả đã công bố (CSV/XLSX): tính lại tổng, chỉ số, hạng, tăng/giảm',
        consumes: ['multipart/form-data'],
        querystring: z.object({ transpose: z.enum(['true', 'false', '1', '0']).optional() }),
        response: { 200: CheckTableView, ...commonErrors, 422: ErrorResponse },
      },
    },
    async (req) => {
      const file = await uploadedFile(req);
      const rows = await readTabular(file.bytes, file.name);
      const transpose = req.query.transpose === 'true' || req.query.transpose === '1';
      return checkView(file.name, checkTable(rows, { transpose }));
    },
  );
}
