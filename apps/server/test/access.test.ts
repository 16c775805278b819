/** Every route the app registers is checked here: 401 without a session, 403 without a valid CSRF
 * token on state-changing requests, 403 for a role or a subtree that lacks the right (a Cù Lao Dung
 * officer or coordinator against Hà Quảng). A new route without a case fails the suite. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cases, CasesModule, Req } from './accessCases/types.ts';
import { anonymous, testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let officer: Client; // unit officer, Công an huyện Cù Lao Dung
let coordinator: Client; // coordinator, Công an huyện Cù Lao Dung
let admin: Client;
const ids: Record<string, string> = {};

function multipart(filename: string, content: string) {
  const boundary = '----chisotest' + Math.random().toString(16).slice(2);
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

beforeAll(async () => {
  t = await testApp({ loginRatePerMinute: 1000 }, { cycles: true });
  officer = await t.login('canbo.culaodung');
  coordinator = await t.login('dieuphoi.culaodung');
  admin = await t.login('quantri');
  ids.hq = await unitIdByCode(t, 'UBND-HQ');
  ids.hqNoiVu = await unitIdByCode(t, 'HQ-NV');
  ids.hqXa1 = await unitIdByCode(t, 'HQ-XH');
  ids.hqXa2 = await unitIdByCode(t, 'HQ-TN');
  ids.cld = await unitIdByCode(t, 'CAH-CLD');
  const users = (await admin.get('/api/users?q=haquang')).json() as {
    items: { id: string; username: string; grants: { id: string }[] }[];
  };
  const hqUser = users.items.find((u) => u.username === 'canbo.haquang')!;
  ids.hqUser = hqUser.id;
  ids.hqGrant = hqUser.grants[0]!.id;
  // a draft framework of Hà Quảng (drafts are private to the owner's coordinators)
  const hqCoord = await t.login('dieuphoi.haquang');
  const hqOfficer = await t.login('canbo.haquang');
  const civil = JSON.parse(
    fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../content/frameworks/civil-district-2021.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  // a code of its own: the shipped code belongs to the system (FRAMEWORK_CODE_TAKEN for a unit)
  const fw = await hqCoord.send('POST', '/api/frameworks/import', {
    ownerUnitId: ids.hq,
    definition: { ...civil, code: 'CCHC-HUYEN-HQ-2021' },
  });
  ids.hqFramework = (fw.json() as { id: string }).id;
  // the shipped civil framework (published by the demo data) and Hà Quảng's 2021 result under it
  const list = (await admin.get('/api/frameworks')).json() as {
    items: { id: string; code: string; status: string }[];
  };
  ids.civil = list.items.find((f) => f.code === 'CCHC-HUYEN-2021' && f.status === 'published')!.id;
  const results = (await admin.get(`/api/results?frameworkId=${ids.civil}&year=2021`)).json() as {
    items: { id: string; unitId: string }[];
  };
  ids.hqResult = results.items.find((r) => r.unitId === ids.hq)!.id;
  // a cycle of Hà Quảng with its self-assessment and a piece of evidence
  const cyc = await hqCoord.send('POST', '/api/cycles', {
    name: 'Chỉ số CCHC 2021',
    year: 2021,
    frameworkId: ids.civil,
    ownerUnitId: ids.hq,
    unitKinds: ['district_committee'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map(
      (stage) => ({
        stage,
        startsOn: '2021-01-01',
        dueOn: '2030-12-31',
      }),
    ),
  });
  const cd = cyc.json() as { id: string; units: { assessmentId: string }[] };
  ids.hqCycle = cd.id;
  ids.hqAssessment = cd.units[0]!.assessmentId;
  const boundary = '----chisoaccess';
  const ev = await t.app.inject({
    method: 'POST',
    url: `/api/units/${ids.hq}/evidence`,
    headers: {
      cookie: hqOfficer.cookie,
      'x-csrf-token': hqOfficer.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload:
      [
        ['numberSymbol', '1/KH-UBND'],
        ['issuedOn', '2021-02-01'],
        ['issuer', 'UBND huyện Hà Quảng'],
        ['summary', 'Kế hoạch CCHC năm 2021'],
      ]
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kh.pdf"\r\n\r\n%PDF-1.4 ke hoach\n%%EOF\r\n--${boundary}--\r\n`,
  });
  if (ev.statusCode !== 200) throw new Error(ev.body);
  ids.hqEvidence = (ev.json() as { id: string }).id;
  // opening a stage sends Hà Quảng a notice
  await hqCoord.send('POST', `/api/cycles/${ids.hqCycle}/stages/appraisal`, { state: 'open' });
  const hqNotices = (await hqOfficer.get('/api/notices')).json() as { items: { id: string }[] };
  ids.hqNotice = hqNotices.items[0]!.id;
  // the cases of modules that keep them in a file of their own (accessCases/*.cases.ts)
  const dir = path.resolve(import.meta.dirname, 'accessCases');
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.cases.ts'))
    .sort()) {
    const m = (await import(path.join(dir, f))) as CasesModule;
    await m.setup?.({ t, admin, ids });
    for (const [k, c] of Object.entries(m.cases)) {
      if (k in CASES) throw new Error(`${f}: the case ${k} is already declared`);
      CASES[k] = c;
    }
  }
});
afterAll(async () => t?.close());

const noHaQuang = (json: unknown) => {
  const text = JSON.stringify(json);
  expect(text).not.toContain('Hà Quảng');
  expect(text).not.toContain(ids.hq);
};

const CASES: Cases = {
  'GET /api/health': 'public',
  'GET /api/auth/session': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'self',
  'POST /api/auth/password': 'self',
  'GET /api/units': {
    cross: () => ({ method: 'GET', url: '/api/units?q=ha%20quang&includeClosed=true' }),
    officer: noHaQuang,
    coordinator: noHaQuang,
  },
  'GET /api/units/import/template': {
    cross: () => ({ method: 'GET', url: '/api/units/import/template' }),
    officer: 403,
    coordinator: 200,
  },
  'GET /api/units/:id': {
    cross: () => ({ method: 'GET', url: `/api/units/${ids.hq}` }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/units': {
    cross: () => ({
      method: 'POST',
      url: '/api/units',
      body: { code: 'HQ-X', name: 'Đơn vị lạ', kind: 'office', parentId: ids.hq },
    }),
    officer: 403,
    coordinator: 403,
  },
  'PATCH /api/units/:id': {
    cross: () => ({ method: 'PATCH', url: `/api/units/${ids.hqNoiVu}`, body: { name: 'Đổi tên trái phép' } }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/units/:id/move': {
    cross: () => ({
      method: 'POST',
      url: `/api/units/${ids.hqNoiVu}/move`,
      body: { parentId: ids.cld, reason: 'x' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/units/merge': {
    cross: () => ({
      method: 'POST',
      url: '/api/units/merge',
      body: {
        sourceIds: [ids.hqXa1, ids.hqXa2],
        target: { code: 'HQ-M', name: 'Xã gộp', kind: 'commune_committee', parentId: ids.hq },
        effectiveDate: '2025-07-01',
        reason: 'x',
      },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/units/:id/abolish': {
    cross: () => ({
      method: 'POST',
      url: `/api/units/${ids.hqNoiVu}/abolish`,
      body: { successorId: ids.hq, effectiveDate: '2025-07-01', reason: 'x' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/units/abolish-level': {
    cross: () => ({
      method: 'POST',
      url: '/api/units/abolish-level',
      body: { rootId: ids.hq, kind: 'office', effectiveDate: '2025-07-01', reason: 'x' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/units/import': {
    cross: () => ({
      method: 'POST',
      url: '/api/units/import',
      multipart: {
        filename: 'x.csv',
        content:
          'Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\nHQ-IMP,Đơn vị nhập lạ,office,UBND-HQ\n',
      },
    }),
    officer: 403,
    coordinator: (json) => {
      const j = json as { error: { code: string; details: { errors: { row: number; message: string }[] } } };
      expect(j.error.code).toBe('IMPORT_INVALID');
      // a parent outside the scope is answered as one that does not exist, unnamed
      expect(j.error.details.errors[0]!.message).toContain('trong phạm vi được phân quyền của bạn');
      expect(JSON.stringify(j)).not.toContain('Hà Quảng');
    },
  },
  'GET /api/users': {
    cross: () => ({ method: 'GET', url: '/api/users' }),
    officer: 403,
    coordinator: noHaQuang,
  },
  'POST /api/users': {
    cross: () => ({
      method: 'POST',
      url: '/api/users',
      body: {
        username: 'x.haquang',
        fullName: 'Người lạ',
        password: 'Khach-la-ghe-tham-42',
        role: 'unit_officer',
        unitId: ids.hq,
      },
    }),
    officer: 403,
    coordinator: 403,
  },
  'PATCH /api/users/:id': {
    cross: () => ({
      method: 'PATCH',
      url: `/api/users/${ids.hqUser}`,
      body: { newPassword: 'MatKhau-chiem-1' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/grants': {
    cross: () => ({ method: 'GET', url: `/api/grants?unitId=${ids.hq}` }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/grants': {
    cross: () => ({
      method: 'POST',
      url: '/api/grants',
      body: { userId: ids.hqUser, role: 'coordinator', unitId: ids.hq },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/grants/:id/revoke': {
    cross: () => ({ method: 'POST', url: `/api/grants/${ids.hqGrant}/revoke`, body: { reason: 'x' } }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/grants/carry': {
    cross: () => ({
      method: 'POST',
      url: '/api/grants/carry',
      body: { fromUnitId: ids.hqXa1, toUnitId: ids.hq, reason: 'x' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/frameworks': {
    cross: () => ({ method: 'GET', url: '/api/frameworks' }),
    // published frameworks are issued documents, readable by all; Hà Quảng's draft is not
    officer: (json) => expect(JSON.stringify(json)).not.toContain(ids.hqFramework),
    coordinator: (json) => expect(JSON.stringify(json)).not.toContain(ids.hqFramework),
  },
  'PUT /api/frameworks/:id': {
    cross: () => ({
      method: 'PUT',
      url: `/api/frameworks/${ids.hqFramework}`,
      body: { definition: {}, baseRevision: 1 },
    }),
    officer: 403,
    coordinator: 404,
  },
  'GET /api/frameworks/:id/export': {
    cross: () => ({ method: 'GET', url: `/api/frameworks/${ids.hqFramework}/export?format=xlsx` }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/frameworks/import-file': {
    cross: () => ({
      method: 'POST',
      url: `/api/frameworks/import-file?ownerUnitId=${ids.hq}`,
      multipart: { filename: 'khung.json', content: '{}' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/check-table': {
    // a stateless tool open to every role that reads frameworks; it reads nothing stored
    cross: () => ({
      method: 'POST',
      url: '/api/check-table?transpose=true',
      multipart: { filename: 'bang.csv', content: 'Nội dung,Năm 2020\nA,1/2\nTổng điểm,1\n' },
    }),
    officer: 200,
    coordinator: 200,
  },
  'GET /api/frameworks/:id/decision': {
    cross: () => ({ method: 'GET', url: `/api/frameworks/${ids.hqFramework}/decision?format=docx` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/frameworks/:id/decision/issuer': {
    cross: () => ({ method: 'GET', url: `/api/frameworks/${ids.hqFramework}/decision/issuer` }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/check-table/report': {
    // stateless, like the check itself: the report of the uploaded table only
    cross: () => ({
      method: 'POST',
      url: '/api/check-table/report?format=xlsx&transpose=true',
      multipart: { filename: 'bang.csv', content: 'Nội dung,Năm 2020\nA,1/2\nTổng điểm,1\n' },
    }),
    officer: 200,
    coordinator: 200,
  },
  'GET /api/results': {
    cross: () => ({ method: 'GET', url: `/api/results?frameworkId=${ids.civil}&year=2021` }),
    officer: (json) => expect((json as { items: unknown[] }).items).toEqual([]),
    coordinator: (json) => expect((json as { items: unknown[] }).items).toEqual([]),
  },
  'GET /api/results/entry': {
    cross: () => ({
      method: 'GET',
      url: `/api/results/entry?frameworkId=${ids.civil}&year=2021&unitId=${ids.hq}`,
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/results/template': {
    // the template lists only units in the writer's own subtree (checked in results.test.ts)
    cross: () => ({
      method: 'GET',
      url: `/api/results/template?frameworkId=${ids.civil}&year=2021&mode=fields`,
    }),
    officer: 403,
    coordinator: 200,
  },
  'GET /api/results/:id': {
    cross: () => ({ method: 'GET', url: `/api/results/${ids.hqResult}` }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/results': {
    cross: () => ({
      method: 'PUT',
      url: '/api/results',
      body: {
        frameworkId: ids.civil,
        year: 2021,
        unitId: ids.hq,
        mode: 'fields',
        inputs: { '1': '16' },
        baseRevision: 1,
        reason: 'x',
      },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/results/import': {
    cross: () => ({
      method: 'POST',
      url: `/api/results/import?frameworkId=${ids.civil}&year=2021&mode=fields`,
      multipart: { filename: 'kq.csv', content: 'Mã đơn vị,Tên đơn vị,1\nUBND-HQ,Hà Quảng,16\n' },
    }),
    officer: 403,
    // an out-of-scope unit is "not found", its name not disclosed
    coordinator: (json) => {
      expect(JSON.stringify(json)).toContain('trong phạm vi bạn được nhập kết quả');
      noHaQuang(json);
    },
  },
  'GET /api/results/groups': {
    cross: () => ({
      method: 'GET',
      url: `/api/results/groups?ownerUnitId=${ids.hq}&frameworkCode=CCHC-PHONG-XA-MAU-2023&year=2023`,
    }),
    officer: 403,
    coordinator: 403,
  },
  'PUT /api/results/groups': {
    cross: () => ({
      method: 'PUT',
      url: '/api/results/groups',
      body: {
        ownerUnitId: ids.hq,
        frameworkCode: 'CCHC-PHONG-XA-MAU-2023',
        year: 2024,
        groups: [{ name: 'Một nhóm', kinds: ['office'] }],
        baseRevision: 1,
      },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/frameworks/:id': {
    cross: () => ({ method: 'GET', url: `/api/frameworks/${ids.hqFramework}` }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/frameworks/import': {
    cross: () => ({
      method: 'POST',
      url: '/api/frameworks/import',
      body: { ownerUnitId: ids.hq, definition: {} },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/frameworks/:id/publish': {
    cross: () => ({ method: 'POST', url: `/api/frameworks/${ids.hqFramework}/publish`, body: {} }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/frameworks/:id/retire': {
    cross: () => ({ method: 'POST', url: `/api/frameworks/${ids.hqFramework}/retire`, body: {} }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/frameworks/:id/clone': {
    cross: () => ({ method: 'POST', url: `/api/frameworks/${ids.hqFramework}/clone`, body: { year: 2030 } }),
    officer: 403,
    coordinator: 404,
  },
  'GET /api/cycles': {
    cross: () => ({ method: 'GET', url: '/api/cycles' }),
    officer: (json) => expect(JSON.stringify(json)).not.toContain(ids.hqCycle),
    coordinator: (json) => expect(JSON.stringify(json)).not.toContain(ids.hqCycle),
  },
  'POST /api/cycles': {
    cross: () => ({
      method: 'POST',
      url: '/api/cycles',
      body: {
        name: 'x',
        year: 2021,
        frameworkId: ids.civil,
        ownerUnitId: ids.hq,
        unitKinds: ['district_committee'],
        stages: [],
      },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/cycles/:id': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}` }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/cycles/:id/stages/:stage': {
    cross: () => ({
      method: 'POST',
      url: `/api/cycles/${ids.hqCycle}/stages/self_assessment`,
      body: { state: 'open' },
    }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/cycles/:id/extensions': {
    cross: () => ({
      method: 'POST',
      url: `/api/cycles/${ids.hqCycle}/extensions`,
      body: { stage: 'self_assessment', unitId: ids.hq, dueOn: '2031-01-01', reason: 'x' },
    }),
    officer: 403,
    coordinator: 404,
  },
  'GET /api/assessments/:id': {
    cross: () => ({ method: 'GET', url: `/api/assessments/${ids.hqAssessment}` }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/assessments/:id/items/:code': {
    cross: () => ({
      method: 'PUT',
      url: `/api/assessments/${ids.hqAssessment}/items/7`,
      body: { text: '14' },
    }),
    officer: 404,
    coordinator: 403,
  },
  'POST /api/assessments/:id/items/:code/evidence': {
    cross: () => ({
      method: 'POST',
      url: `/api/assessments/${ids.hqAssessment}/items/7/evidence`,
      body: { evidenceId: ids.hqEvidence },
    }),
    officer: 404,
    coordinator: 403,
  },
  'POST /api/assessments/:id/submit': {
    cross: () => ({ method: 'POST', url: `/api/assessments/${ids.hqAssessment}/submit`, body: {} }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/assessments/:id/withdraw': {
    cross: () => ({ method: 'POST', url: `/api/assessments/${ids.hqAssessment}/withdraw`, body: {} }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/assessments/:id/return': {
    cross: () => ({
      method: 'POST',
      url: `/api/assessments/${ids.hqAssessment}/return`,
      body: { reason: 'x' },
    }),
    officer: 403,
    coordinator: 404,
  },
  'DELETE /api/cycles/:id': {
    cross: () => ({ method: 'DELETE', url: `/api/cycles/${ids.hqCycle}`, body: { reason: 'x' } }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/assessments/:id/approve': {
    cross: () => ({ method: 'POST', url: `/api/assessments/${ids.hqAssessment}/approve`, body: {} }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/assessments/:id/send-back': {
    cross: () => ({
      method: 'POST',
      url: `/api/assessments/${ids.hqAssessment}/send-back`,
      body: { reason: 'x' },
    }),
    officer: 403,
    coordinator: 404,
  },
  'GET /api/units/:id/evidence': {
    cross: () => ({ method: 'GET', url: `/api/units/${ids.hq}/evidence` }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/units/:id/evidence': {
    cross: () => ({
      method: 'POST',
      url: `/api/units/${ids.hq}/evidence`,
      multipart: { filename: 'x.pdf', content: '%PDF-1.4 x' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/evidence/:id/file': {
    cross: () => ({ method: 'GET', url: `/api/evidence/${ids.hqEvidence}/file` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/cycles/:id/assignments': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/assignments` }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/cycles/:id/assignments': {
    cross: () => ({
      method: 'POST',
      url: `/api/cycles/${ids.hqCycle}/assignments`,
      body: { userId: ids.hqUser, fields: ['1'], unitIds: [ids.hq] },
    }),
    officer: 403,
    coordinator: 404,
  },
  'GET /api/cycles/:id/matrix': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/matrix` }),
    officer: 403,
    coordinator: 404,
  },
  'GET /api/cycles/:id/ranking': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/ranking` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/assessments/:id/appraisal': {
    cross: () => ({ method: 'GET', url: `/api/assessments/${ids.hqAssessment}/appraisal` }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/assessments/:id/appraisal/:code': {
    cross: () => ({
      method: 'PUT',
      url: `/api/assessments/${ids.hqAssessment}/appraisal/7`,
      body: { action: 'accept' },
    }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/assessments/:id/appraisal/accept-rest': {
    cross: () => ({ method: 'POST', url: `/api/assessments/${ids.hqAssessment}/appraisal/accept-rest` }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/assessments/:id/appraisal/:code/answer': {
    cross: () => ({
      method: 'POST',
      url: `/api/assessments/${ids.hqAssessment}/appraisal/7/answer`,
      body: { answer: 'x' },
    }),
    officer: 404,
    coordinator: 403,
  },
  'POST /api/cycles/:id/finalise': {
    cross: () => ({ method: 'POST', url: `/api/cycles/${ids.hqCycle}/finalise`, body: {} }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/cycles/:id/publish': {
    cross: () => ({
      method: 'POST',
      url: `/api/cycles/${ids.hqCycle}/publish`,
      body: { decisionNumber: '1/QĐ', decisionDate: '2022-01-25' },
    }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/cycles/:id/amend': {
    cross: () => ({
      method: 'POST',
      url: `/api/cycles/${ids.hqCycle}/amend`,
      body: { unitId: ids.hq, changes: {}, reason: 'x', decisionNumber: '1/QĐ', decisionDate: '2022-01-25' },
    }),
    officer: 403,
    coordinator: 404,
  },
  'GET /api/assessments/:id/report': {
    cross: () => ({ method: 'GET', url: `/api/assessments/${ids.hqAssessment}/report?format=xlsx` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/cycles/:id/ranking/export': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/ranking/export?format=xlsx` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/assessments/:id/report/issuer': {
    cross: () => ({ method: 'GET', url: `/api/assessments/${ids.hqAssessment}/report/issuer` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/cycles/:id/ranking/decision': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/ranking/decision?format=docx` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/cycles/:id/ranking/decision/issuer': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/ranking/decision/issuer` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/results/decision': {
    cross: () => ({
      method: 'GET',
      url: `/api/results/decision?frameworkId=${ids.civil}&year=2021&ownerUnitId=${ids.hq}`,
    }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/results/decision/issuer': {
    cross: () => ({
      method: 'GET',
      url: `/api/results/decision/issuer?frameworkId=${ids.civil}&year=2021&ownerUnitId=${ids.hq}`,
    }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/cycles/:id/ranking/issuer': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/ranking/issuer` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/notices': {
    cross: () => ({ method: 'GET', url: '/api/notices' }),
    officer: noHaQuang,
    coordinator: noHaQuang,
  },
  'POST /api/notices/:id/read': {
    cross: () => ({ method: 'POST', url: `/api/notices/${ids.hqNotice}/read`, body: {} }),
    officer: 404,
    coordinator: 404,
  },
  // acts on the caller's own recipient rows only; the answer holds nothing of Hà Quảng
  'POST /api/notices/read-all': {
    cross: () => ({ method: 'POST', url: '/api/notices/read-all', body: {} }),
    officer: noHaQuang,
    coordinator: noHaQuang,
  },
  'GET /api/my-work': {
    cross: () => ({ method: 'GET', url: '/api/my-work' }),
    officer: noHaQuang,
    coordinator: noHaQuang,
  },
  'GET /api/audit': {
    cross: () => ({ method: 'GET', url: `/api/audit?limit=500` }),
    officer: 403,
    coordinator: noHaQuang,
  },
};

async function send(client: Client | null, r: Req, csrf?: string | null) {
  const headers: Record<string, string> = {};
  if (client) headers.cookie = client.cookie;
  if (client && r.method !== 'GET' && csrf !== null) headers['x-csrf-token'] = csrf ?? client.csrf;
  if (r.multipart) {
    const m = multipart(r.multipart.filename, r.multipart.content);
    return t.app.inject({
      method: r.method,
      url: r.url,
      headers: { ...headers, 'content-type': m.contentType },
      payload: m.body,
    });
  }
  return t.app.inject({
    method: r.method,
    url: r.url,
    headers,
    ...(r.body !== undefined ? { payload: r.body as object } : {}),
  });
}

describe('route enumeration', () => {
  it('every registered route has a case, and every case a route', () => {
    const registered = t.app.routeList.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered.length).toBeGreaterThan(15);
    expect(registered).toEqual(Object.keys(CASES).sort());
  });

  it('only the declared public routes are public', () => {
    for (const r of t.app.routeList)
      expect(r.access === 'public', `${r.method} ${r.url}`).toBe(CASES[`${r.method} ${r.url}`] === 'public');
  });

  it('401 without a session on every non-public route', async () => {
    for (const [key, c] of Object.entries(CASES)) {
      if (c === 'public') continue;
      const [method, url] = key.split(' ') as [Req['method'], string];
      const req = c === 'self' ? { method, url, body: {} } : c.cross();
      const res = await send(null, req);
      expect(res.statusCode, key).toBe(401);
      expect((res.json() as { error: { code: string } }).error.code, key).toBe('UNAUTHENTICATED');
    }
  });

  it('403 without a valid CSRF token on every state-changing route (nothing changes)', async () => {
    for (const [key, c] of Object.entries(CASES)) {
      if (c === 'public' || key.startsWith('GET ')) continue;
      const [method, url] = key.split(' ') as [Req['method'], string];
      const req =
        c === 'self' ? { method, url, body: { currentPassword: 'x', newPassword: 'y' } } : c.cross();
      for (const bad of [null, 'forged-token-000000000000000000000000000000000']) {
        const res = await send(admin, req, bad);
        expect(res.statusCode, `${key} csrf=${bad}`).toBe(403);
        expect((res.json() as { error: { code: string } }).error.code, key).toBe('CSRF');
      }
    }
    // login itself needs the double-submitted token
    const anon = await anonymous(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `chiso_csrf=${anon.csrf}` },
      payload: { username: 'quantri', password: t.password('quantri') },
    });
    expect(res.statusCode).toBe(403);
    // and the admin's session still works (nothing was logged out by the forged requests)
    expect((await admin.get('/api/units')).statusCode).toBe(200);
  });

  it('403 for a role or a subtree that lacks the right: Cù Lao Dung against Hà Quảng', async () => {
    const before = (await admin.get('/api/audit?limit=1')).json() as { items: { seq: number }[] };
    for (const [key, c] of Object.entries(CASES)) {
      if (c === 'public' || c === 'self') continue;
      for (const [who, client, expected] of [
        ['officer', officer, c.officer],
        ['coordinator', coordinator, c.coordinator],
      ] as const) {
        const res = await send(client, c.cross());
        if (typeof expected === 'number') {
          expect(res.statusCode, `${who} ${key}: ${res.body}`).toBe(expected);
          if (expected === 403)
            expect(['FORBIDDEN', 'FORBIDDEN_UNIT', 'ROLE_NOT_GRANTABLE'], key).toContain(
              (res.json() as { error: { code: string } }).error.code,
            );
        } else {
          expect(res.statusCode, `${who} ${key}: ${res.body}`).toBeLessThan(500);
          expected(res.json());
        }
      }
    }
    // nothing was written by the refused requests
    const after = (await admin.get('/api/audit?limit=1')).json() as { items: { seq: number }[] };
    expect(after.items[0]!.seq).toBe(before.items[0]!.seq);
    const hq = (await admin.get(`/api/units/${ids.hqNoiVu}`)).json() as {
      unit: { name: string; parentId: string };
    };
    expect(hq.unit).toMatchObject({ name: 'Phòng Nội vụ', parentId: ids.hq });
  });

  it('self routes act only on the caller: password change needs the current password', async () => {
    const r = await officer.send('POST', '/api/auth/password', {
      currentPassword: 'sai-mat-khau-1',
      newPassword: 'MatKhauMoi-2025',
    });
    expect(r.statusCode).toBe(422);
    expect((r.json() as { error: { code: string } }).error.code).toBe('PASSWORD_WRONG');
  });
});

describe('ranking sets across trees', () => {
  type Ranking = { items: { unitId: string; rank: number; index: string }[] };
  type List = { ownerUnitId: string | null; rankedOf: number; items: { unitId: string; rank: number }[] };
  const fieldInputs = async (c: Client, frameworkId: string) => {
    const d = (await c.get(`/api/frameworks/${frameworkId}`)).json() as {
      definition: { criteria: { code: string; max: string }[] };
    };
    return Object.fromEntries(d.definition.criteria.map((x) => [x.code, x.max]));
  };

  it('another tree cannot move a published ranking; a cycle’s set changes only through the cycle', async () => {
    const cycles = (await coordinator.get('/api/cycles')).json() as {
      items: { id: string; year: number; ownerUnitName: string }[];
    };
    const id23 = cycles.items.find((c) => c.year === 2023 && c.ownerUnitName.includes('Cù Lao Dung'))!.id;
    const detail = (await coordinator.get(`/api/cycles/${id23}`)).json() as {
      status: string;
      framework: { id: string };
    };
    expect(detail.status).toBe('published');
    const c23 = { id: id23, frameworkId: detail.framework.id };
    const ranking = async () => (await coordinator.get(`/api/cycles/${c23.id}/ranking`)).json() as Ranking;
    const list = async () =>
      (await coordinator.get(`/api/results?frameworkId=${c23.frameworkId}&year=2023`)).json() as List;
    const rankingBefore = await ranking();
    const listBefore = await list();
    expect(listBefore.ownerUnitId).toBe(ids.cld);
    expect(listBefore.rankedOf).toBe(rankingBefore.items.length);
    const lastSeq = async () =>
      ((await coordinator.get('/api/audit?limit=1')).json() as { items: { seq: number }[] }).items[0]!.seq;
    const seqBefore = await lastSeq();

    // Hà Quảng makes a "commune police" of its own and enters a perfect 2023 result under the police framework
    const hqCoord = await t.login('dieuphoi.haquang');
    const unit = await hqCoord.send('POST', '/api/units', {
      code: 'HQ-CAX-THU',
      name: 'Công an xã thử',
      kind: 'commune_police',
      parentId: ids.hq,
    });
    expect(unit.statusCode, unit.body).toBe(200);
    const inputs = await fieldInputs(hqCoord, c23.frameworkId);
    const entered = await hqCoord.send('PUT', '/api/results', {
      frameworkId: c23.frameworkId,
      year: 2023,
      unitId: (unit.json() as { id: string }).id,
      mode: 'fields',
      inputs,
    });
    expect(entered.statusCode, entered.body).toBe(200);
    const card = entered.json() as { result: { ownerUnitId: string; rank: number; rankedOf: number } };
    // in Hà Quảng's own ranking, alone in it
    expect(card.result).toMatchObject({ ownerUnitId: ids.hq, rank: 1, rankedOf: 1 });
    // a set owned by the police tree is out of reach, named or not
    const intoPolice = await hqCoord.send('PUT', '/api/results', {
      frameworkId: c23.frameworkId,
      year: 2023,
      unitId: (unit.json() as { id: string }).id,
      mode: 'fields',
      inputs,
      ownerUnitId: ids.cld,
      baseRevision: 1,
      reason: 'thử',
    });
    expect(intoPolice.statusCode).toBe(400);
    expect((intoPolice.json() as { error: { code: string } }).error.code).toBe('VALIDATION');
    expect(intoPolice.body).not.toContain('Cù Lao Dung');

    // nothing moved in Cù Lao Dung's published ranking, and nothing was written in its tree
    expect(await ranking()).toEqual(rankingBefore);
    expect(await list()).toEqual(listBefore);
    expect(await lastSeq()).toBe(seqBefore);

    // inside the police tree, the province cannot add a unit to the cycle's ranking either
    const province = await t.login('dieuphoi.soctrang');
    const newCommune = await province.send('POST', '/api/units', {
      code: 'CAX-CLD-MOI',
      name: 'Công an xã mới',
      kind: 'commune_police',
      parentId: ids.cld,
    });
    expect(newCommune.statusCode, newCommune.body).toBe(200);
    const body = {
      frameworkId: c23.frameworkId,
      year: 2023,
      unitId: (newCommune.json() as { id: string }).id,
      mode: 'fields',
      inputs,
    };
    const blocked = await province.send('PUT', '/api/results', body); // default owner: Cù Lao Dung
    expect(blocked.statusCode).toBe(409);
    expect((blocked.json() as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'RESULT_SET_OF_CYCLE',
    });
    const provinceId = await unitIdByCode(t, 'CAT-ST');
    const own = await province.send('PUT', '/api/results', { ...body, ownerUnitId: provinceId });
    expect(own.statusCode, own.body).toBe(200);
    expect(await ranking()).toEqual(rankingBefore);
    expect((await list()).items).toEqual(listBefore.items);
  });
});

describe('grants across trees', () => {
  it('a coordinator cannot pull another tree’s user into its own units', async () => {
    const before = (await admin.get('/api/users?q=canbo.haquang')).json() as unknown;
    // a role on Cù Lao Dung (the coordinator's own unit) for Hà Quảng's officer
    const r = await coordinator.send('POST', '/api/grants', {
      userId: ids.hqUser,
      role: 'unit_officer',
      unitId: ids.cld,
    });
    expect(r.statusCode).toBe(403);
    noHaQuang(r.json());
    expect((await admin.get('/api/users?q=canbo.haquang')).json()).toEqual(before);
  });
});

describe('separation of duties', () => {
  /** A new account made by `by`, password changed (as the screens require before anything else). */
  async function newUser(by: Client, username: string, role: string, unitId: string): Promise<Client> {
    const r = await by.send('POST', '/api/users', {
      username,
      fullName: `Người dùng ${username}`,
      password: 'Mat-khau-ban-dau-2024',
      role,
      unitId,
    });
    expect(r.statusCode, r.body).toBe(200);
    const c = await t.login(username, 'Mat-khau-ban-dau-2024');
    const pw = await c.send('POST', '/api/auth/password', {
      currentPassword: 'Mat-khau-ban-dau-2024',
      newPassword: 'Mot-nguoi-nhieu-vai-2025',
    });
    expect(pw.statusCode, pw.body).toBeLessThan(300);
    return c;
  }

  it('one person cannot score, submit, appraise and approve the same self-assessment, whatever its roles', async () => {
    const province = await t.login('dieuphoi.soctrang');
    const provinceId = await unitIdByCode(t, 'CAT-ST');
    const fws = (await province.get('/api/frameworks')).json() as {
      items: { id: string; code: string; status: string }[];
    };
    const fw = fws.items.find((f) => f.code === 'CCHC-CAX-MAU-2023' && f.status === 'published')!.id;
    const day = new Date().toISOString().slice(0, 10);
    const created = await province.send('POST', '/api/cycles', {
      name: 'Chỉ số CCHC 2025 của các Đội',
      year: 2025,
      frameworkId: fw,
      ownerUnitId: provinceId,
      unitKinds: ['team'],
      subtreeUnitIds: [ids.cld],
      stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map(
        (stage) => ({ stage, startsOn: '2025-01-01', dueOn: day > '2029-12-31' ? day : '2030-12-31' }),
      ),
    });
    expect(created.statusCode, created.body).toBe(200);
    const cyc = created.json() as { id: string; units: { unitId: string; assessmentId: string }[] };
    const team = cyc.units[0]!;
    // one person: officer and head of the team, coordinator and appraiser of the district above it
    const one = await newUser(province, 'mot.nguoi', 'unit_officer', team.unitId);
    const uid = (
      (await admin.get('/api/users?q=mot.nguoi')).json() as { items: { id: string; username: string }[] }
    ).items.find((x) => x.username === 'mot.nguoi')!.id;
    for (const [role, unitId] of [
      ['unit_head', team.unitId],
      ['coordinator', ids.cld],
      ['appraiser', ids.cld],
    ] as const) {
      const g = await province.send('POST', '/api/grants', { userId: uid, role, unitId });
      expect(g.statusCode, g.body).toBe(200);
    }
    const stage = (s: string, state: 'open' | 'closed') =>
      province.send('POST', `/api/cycles/${cyc.id}/stages/${s}`, { state });
    expect((await stage('self_assessment', 'open')).statusCode).toBe(200);
    const values: Record<string, string> = {
      '1.1': 'Có',
      '1.2': '0',
      '1.3': '5',
      '2.1': 'Có',
      '2.2': 'A',
      '3.1': '96/100',
      '3.2': '40/100',
      '3.3': 'Có',
      '4.1': 'Có',
      '4.2': '5',
      '5.1': '0',
      '5.2': '9/10',
      '6.1': '95/100',
    };
    const one2 = await t.login('mot.nguoi', 'Mot-nguoi-nhieu-vai-2025');
    for (const [code, text] of Object.entries(values)) {
      const r = await one2.send('PUT', `/api/assessments/${team.assessmentId}/items/${code}`, {
        text,
        note: 'Giải trình tại đơn vị.',
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const submitted = await one.send('POST', `/api/assessments/${team.assessmentId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    await stage('self_assessment', 'closed');
    expect((await stage('appraisal', 'open')).statusCode).toBe(200);

    const appraise = await one2.send('PUT', `/api/assessments/${team.assessmentId}/appraisal/1.1`, {
      action: 'accept',
    });
    expect(appraise.statusCode).toBe(403);
    expect((appraise.json() as { error: { message: string } }).error.message).toMatch(/tách bạch nhiệm vụ/);
    const view = (await one2.get(`/api/assessments/${team.assessmentId}/appraisal`)).json() as {
      approval: { canApprove: boolean };
    };
    expect(view.approval.canApprove).toBe(false);
    const approve = await one2.send('POST', `/api/assessments/${team.assessmentId}/approve`, {});
    expect(approve.statusCode).toBe(403);
    expect((approve.json() as { error: { message: string } }).error.message).toMatch(/tách bạch nhiệm vụ/);

    // someone else at the same level can (the rule names people, not roles)
    const ok = await coordinator.send('PUT', `/api/assessments/${team.assessmentId}/appraisal/1.1`, {
      action: 'accept',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const approved = await coordinator.send('POST', `/api/assessments/${team.assessmentId}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
  });
});

describe('login protection', () => {
  it('locks an account after repeated bad passwords, even for the right password, and audits it (the answer stays the same 401)', async () => {
    const anon = await anonymous(t.app);
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { cookie: `chiso_csrf=${anon.csrf}`, 'x-csrf-token': anon.csrf },
        payload: { username: 'truong.haquang', password },
      });
    for (let i = 0; i < 5; i++) expect((await attempt('sai-mat-khau-' + i)).statusCode).toBe(401);
    const locked = await attempt(t.password('truong.haquang'));
    expect(locked.statusCode).toBe(401);
    expect((locked.json() as { error: { code: string } }).error.code).toBe('BAD_CREDENTIALS');
    const audit = (await admin.get('/api/audit?action=user.locked')).json() as { items: unknown[] };
    expect(audit.items.length).toBe(1);
  });

  it('a password change ends the other sessions and the new password works', async () => {
    const other = await t.login('canbo.haquang');
    const me = await t.login('canbo.haquang');
    const r = await me.send('POST', '/api/auth/password', {
      currentPassword: t.password('canbo.haquang'),
      newPassword: 'Cao-nguyen-da-Dong-Van-2025',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await other.get('/api/units')).statusCode).toBe(401);
    expect((await me.get('/api/units')).statusCode).toBe(200);
    await expect(t.login('canbo.haquang', 'Cao-nguyen-da-Dong-Van-2025')).resolves.toBeTruthy();
    await expect(t.login('canbo.haquang')).rejects.toThrow(/401/);
  });

  it('security headers and HttpOnly SameSite session cookie', async () => {
    const anon = await anonymous(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `chiso_csrf=${anon.csrf}`, 'x-csrf-token': anon.csrf },
      payload: { username: 'lanhdao.caobang', password: t.password('lanhdao.caobang') },
    });
    const sid = res.cookies.find((c) => c.name === 'chiso_sid')!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Strict');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});

describe('throttling', () => {
  it('refuses bursts of logins from one address with 429', async () => {
    const t2 = await testApp({ loginRatePerMinute: 3 });
    try {
      const anon = await anonymous(t2.app);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await t2.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { cookie: `chiso_csrf=${anon.csrf}`, 'x-csrf-token': anon.csrf },
          payload: { username: 'khongco', password: 'x' },
        });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t2.close();
    }
  });
});
