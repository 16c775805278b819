/** Before a download: the issuing unit as the document will print it, who may sign, and the legal-basis
 * lines left to fill by hand. Each route reads through the same source, with the same rights, as
 * the document it prepares. */
import { DecisionIssuerQuery, DocumentIssuerView, ErrorResponse, IdParams } from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http.ts';
import type { Services } from '../../services.ts';
import { ResultSetDecisionQuery } from './resultSetQuery.ts';
import {
  decisionSource,
  issuerView,
  publishingSource,
  rankingSource,
  resultSetSource,
  selfReportSource,
} from './sources.ts';

const response = { 200: DocumentIssuerView, 403: ErrorResponse, 404: ErrorResponse };

export async function issuerRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/cycles/:id/ranking/issuer',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags: ['Văn bản'],
        summary: 'Đơn vị ban hành, người ký của văn bản xếp hạng (trước khi tải về)',
        params: IdParams,
        response,
      },
    },
    async (req) => issuerView((await rankingSource(s, actorOf(req), req.params.id)).source),
  );
  api.get(
    '/api/cycles/:id/ranking/decision/issuer',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags: ['Văn bản'],
        summary: 'Đơn vị ban hành, người ký của quyết định công bố Chỉ số CCHC của kỳ (trước khi tải về)',
        params: IdParams,
        response,
      },
    },
    async (req) => {
      const { source, symbol } = await publishingSource(s, actorOf(req), req.params.id);
      return { ...issuerView(source), ...(symbol ? { symbol } : {}) };
    },
  );
  api.get(
    '/api/results/decision/issuer',
    {
      config: { access: 'result.read' },
      schema: {
        tags: ['Văn bản'],
        summary: 'Đơn vị ban hành, người ký của quyết định công bố một bảng xếp hạng kết quả đã nhập',
        querystring: ResultSetDecisionQuery.omit({ format: true }),
        response,
      },
    },
    async (req) => issuerView((await resultSetSource(s, actorOf(req), req.query)).source),
  );
  api.get(
    '/api/assessments/:id/report/issuer',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags: ['Văn bản'],
        summary: 'Đơn vị ban hành, người ký của báo cáo tự đánh giá (trước khi tải về)',
        params: IdParams,
        response,
      },
    },
    async (req) => issuerView((await selfReportSource(s, actorOf(req), req.params.id)).source),
  );
  api.get(
    '/api/frameworks/:id/decision/issuer',
    {
      config: { access: 'framework.read' },
      schema: {
        tags: ['Văn bản'],
        summary: 'Đơn vị ban hành, người ký, căn cứ để điền tay của quyết định ban hành bộ tiêu chí',
        params: IdParams,
        querystring: DecisionIssuerQuery,
        response,
      },
    },
    async (req) => {
      const { framework, source } = await decisionSource(s, actorOf(req), req.params.id, req.query);
      return issuerView(source, framework);
    },
  );
}
