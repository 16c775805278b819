import {
  ErrorResponse,
  IdParams,
  ImportFailure,
  SurveyBallotCreated,
  SurveyBallotDecisionBody,
  SurveyBallotDetail,
  SurveyBallotEnterBody,
  SurveyBallotImportQuery,
  SurveyBallotImportResult,
  SurveyBallotList,
  SurveyBallotListQuery,
  SurveyBallotParams,
  SurveyBallotResolveBody,
} from '@chiso/contracts';
import { fileNameProblem } from '@chiso/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors, multipartFailure, sendFile } from '../../http.ts';

const tags = ['Khảo sát'];
const Done = z.object({ id: z.number().int(), status: z.string() });

/** The file and the text fields of a multipart import (the `source` field may come before or after). */
async function filePlusFields(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart())
    throw new AppError('VALIDATION', 'Hãy gửi tệp trong trường “file” (multipart/form-data).');
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes } })) {
      if (part.type === 'file') file = { name: part.filename, bytes: await part.toBuffer() };
      else fields[part.fieldname] = String(part.value ?? '');
    }
  } catch (e) {
    throw multipartFailure(e);
  }
  if (!file) throw new AppError('VALIDATION', 'Chưa chọn tệp.');
  const problem = fileNameProblem(file.name);
  if (problem) throw new AppError('FILE_REFUSED', problem);
  return { file, fields };
}

export async function surveyBallotRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/survey-campaigns/:id/ballots';
  api.post(
    base,
    {
      config: { access: 'survey.enter' },
      schema: {
        tags,
        summary: 'Nhập một phiếu giấy (số phiếu không trùng trong đợt; trả lời sau khi đã lưu)',
        params: IdParams,
        body: SurveyBallotEnterBody,
        response: { 200: SurveyBallotCreated, ...commonErrors },
      },
    },
    async (req) => s.surveyBallots.enterPaper(actorOf(req), req.params.id, req.body),
  );
  api.get(
    base,
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Phiếu của đợt khảo sát trong phạm vi (theo trang; không có số điện thoại)',
        params: IdParams,
        querystring: SurveyBallotListQuery,
        response: { 200: SurveyBallotList, ...commonErrors },
      },
    },
    async (req) => s.surveyBallots.list(actorOf(req), req.params.id, req.query),
  );
  api.get(
    `${base}/template`,
    {
      config: { access: 'survey.enter' },
      schema: { tags, summary: 'Tệp Excel mẫu để nhập phiếu', params: IdParams },
    },
    async (req, reply) => {
      const t = await s.surveyBallotImport.template(actorOf(req), req.params.id);
      return sendFile(reply, {
        name: t.name,
        ext: 'xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: t.body,
      });
    },
  );
  api.post(
    `${base}/import`,
    {
      config: { access: 'survey.enter' },
      schema: {
        tags,
        summary:
          'Nhập phiếu từ Excel/CSV (tất cả hoặc không phiếu nào; lỗi theo dòng và cột); có nguồn thì là kết quả thu thập bên ngoài',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: SurveyBallotImportQuery,
        response: { ...commonErrors, 200: SurveyBallotImportResult, 422: ImportFailure.or(ErrorResponse) },
      },
    },
    async (req) => {
      const { file, fields } = await filePlusFields(req, s.config.uploadMaxBytes);
      const source = SurveyBallotImportQuery.parse({ source: fields.source || req.query.source }).source;
      return s.surveyBallotImport.importFile(actorOf(req), req.params.id, file, source || null);
    },
  );
  api.get(
    `${base}/:ballotId`,
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Một phiếu và các câu trả lời',
        params: SurveyBallotParams,
        response: { 200: SurveyBallotDetail, ...commonErrors },
      },
    },
    async (req) => s.surveyBallots.get(actorOf(req), req.params.id, req.params.ballotId),
  );
  for (const [verb, kind, summary] of [
    ['invalidate', 'invalidate', 'Hủy một phiếu (ra khỏi mẫu số), có lý do, ghi nhật ký'],
    ['restore', 'restore', 'Khôi phục một phiếu đã hủy, có lý do, ghi nhật ký'],
  ] as const)
    api.post(
      `${base}/:ballotId/${verb}`,
      {
        config: { access: 'survey.manage' },
        schema: {
          tags,
          summary,
          params: SurveyBallotParams,
          body: SurveyBallotDecisionBody,
          response: { 200: Done, ...commonErrors },
        },
      },
      async (req) =>
        s.surveyBallots.decide(actorOf(req), req.params.id, req.params.ballotId, { kind }, req.body.reason),
    );
  api.post(
    `${base}/:ballotId/not-duplicate`,
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: 'Xác định phiếu “không trùng” (gỡ dấu trùng mã hồ sơ hoặc số điện thoại), có lý do',
        params: SurveyBallotParams,
        body: SurveyBallotResolveBody,
        response: { 200: Done, ...commonErrors },
      },
    },
    async (req) =>
      s.surveyBallots.decide(
        actorOf(req),
        req.params.id,
        req.params.ballotId,
        { kind: 'resolve', flag: req.body.flag },
        req.body.reason,
      ),
  );
}
