import {
  GrantCarryBody,
  GrantCarryResult,
  GrantCreateBody,
  GrantDeleteBody,
  GrantList,
  GrantListQuery,
  GrantView,
  IdParams,
  Ok,
  UserCreateBody,
  UserList,
  UserListQuery,
  UserUpdateBody,
  UserView,
} from '@chiso/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';

const errors = commonErrors;

export async function userRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Người dùng và phân quyền'];

  api.get(
    '/api/users',
    {
      config: { access: 'user.read' },
      schema: {
        tags,
        summary: 'Người dùng có quyền trong phạm vi',
        querystring: UserListQuery,
        response: { 200: UserList, ...errors },
      },
    },
    async (req) => ({
      items: await s.users.list(actorOf(req), req.query),
    }),
  );
  api.post(
    '/api/users',
    {
      config: { access: 'user.write' },
      schema: {
        tags,
        summary: 'Tạo người dùng với một vai trò trên một đơn vị',
        body: UserCreateBody,
        response: { 200: UserView, ...errors },
      },
    },
    async (req) => s.users.create(actorOf(req), req.body),
  );
  api.patch(
    '/api/users/:id',
    {
      config: { access: 'user.write' },
      schema: {
        tags,
        summary: 'Sửa, khóa, đặt lại mật khẩu',
        params: IdParams,
        body: UserUpdateBody,
        response: { 200: UserView, ...errors },
      },
    },
    async (req) => s.users.update(actorOf(req), req.params.id, req.body),
  );
  api.get(
    '/api/grants',
    {
      config: { access: 'user.read' },
      schema: {
        tags,
        summary: 'Quyền đã cấp',
        querystring: GrantListQuery,
        response: { 200: GrantList, ...errors },
      },
    },
    async (req) => ({
      items: await s.users.listGrants(actorOf(req), req.query),
    }),
  );
  api.post(
    '/api/grants',
    {
      config: { access: 'grant.write' },
      schema: {
        tags,
        summary: 'Cấp vai trò trên một cây đơn vị',
        body: GrantCreateBody,
        response: { 200: GrantView, ...errors },
      },
    },
    async (req) => s.users.grant(actorOf(req), req.body),
  );
  api.post(
    '/api/grants/:id/revoke',
    {
      config: { access: 'grant.write' },
      schema: {
        tags,
        summary: 'Thu hồi quyền (cần lý do)',
        params: IdParams,
        body: GrantDeleteBody,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await s.users.revoke(actorOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );
  api.post(
    '/api/grants/carry',
    {
      config: { access: 'grant.write' },
      schema: {
        tags,
        summary: 'Chuyển quyền của đơn vị đã sáp nhập/giải thể sang đơn vị kế thừa',
        body: GrantCarryBody,
        response: { 200: GrantCarryResult, ...errors },
      },
    },
    async (req) => ({
      carried: await s.users.carry(actorOf(req), req.body),
    }),
  );
}
