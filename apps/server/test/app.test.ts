import { describe, expect, it } from 'vitest';
import { ERRORS } from '@chiso/contracts';
import { buildApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { testConfig, testDatabase } from './helpers.ts';

describe('server', () => {
  it('reports the database up, then down once it is closed', async () => {
    const database = await testDatabase();
    const app = await buildApp({ config: testConfig(), database, logger: false });
    const up = await app.inject({ method: 'GET', url: '/api/health' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ok', db: 'up' });
    await database.close();
    const down = await app.inject({ method: 'GET', url: '/api/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'degraded', db: 'down' });
    await app.close();
  });

  it('publishes OpenAPI with every API route and its schemas', async () => {
    const database = await testDatabase();
    const app = await buildApp({ config: testConfig(), database, logger: false });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      paths: Record<string, Record<string, { responses: object; requestBody?: object }>>;
    };
    for (const r of app.routeList) {
      const p = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    expect(doc.paths['/api/units']?.post?.requestBody).toBeDefined();
    await app.close();
    await database.close();
  });

  it('answers unknown API paths and bad JSON with catalogue errors in Vietnamese', async () => {
    const database = await testDatabase();
    const app = await buildApp({ config: testConfig(), database, logger: false });
    const nf = await app.inject({ method: 'GET', url: '/api/khong-co' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toEqual({ error: { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.vi } });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { code: string } }).error.code).toBe('BAD_JSON');
    await app.close();
    await database.close();
  });

  it('validates configuration once, with Vietnamese messages', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', CHISO_DEMO: 'true' }).demo).toBe(true);
  });

  it('every catalogue error has a Vietnamese message and an HTTP status', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.vi, code).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    }
  });
});
