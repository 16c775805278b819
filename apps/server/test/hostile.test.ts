/** Every route of the app, called by a whole-system administrator with hostile input: NUL bytes,
 * U+202E, escape sequences, lone surrogates, 1 MB strings, impossible dates, numbers beyond 2^53,
 * negative and huge ids, JSON nested 20 000 levels deep, huge arrays, prototype keys, wrong content
 * types, broken multipart forms and hostile file names and contents. No answer may be a 500, every
 * error message (details included) must be Vietnamese, every hostile request must be refused, and a
 * refused request must leave the database as it was. The requests are derived from the routes'
 * OpenAPI schemas, so a route added later is covered without touching this file. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbState } from './dbState.ts';
import { multipartPayload, testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  default?: unknown;
}
interface Operation {
  parameters?: { in: 'path' | 'query'; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
type Injected = Awaited<ReturnType<TestApp['app']['inject']>>;

const civil = JSON.parse(
  fs.readFileSync(
    path.resolve(import.meta.dirname, '../../../content/frameworks/civil-district-2021.json'),
    'utf8',
  ),
) as Record<string, unknown>;

/** A message is Vietnamese: it has Vietnamese letters and none of the English words that zod,
 * JSON.parse, jszip, busboy or PostgreSQL put in theirs. */
const ENGLISH =
  /\b(expected|invalid|unexpected|must|required|received|unrecognized|too big|too small|token|position|undefined|cannot|failed|is not|error|maximum call stack|string|number|array|object|boolean|characters|should|allowed|end of|malformed|unsupported|unknown|zip|header)\b/i;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

const MB = 'x'.repeat(1 << 20);
const HOSTILE_STRINGS: [string, string][] = [
  ['NUL', 'Tên\u0000độc'],
  ['U+202E', 'Tên\u202Eexe.pdf'],
  ['ESC', 'a\u001b[31mđỏ'],
  ['lone surrogate', 'a\ud800b'],
  ['1 MB', MB],
];
const HOSTILE_DATES = ['2027-02-30', '9999-99-99', '0000-01-01', '2024-13-01'];
/** Written raw into the JSON text (JSON.stringify cannot write 2^53 + 1 exactly). */
const HOSTILE_NUMBERS = ['9007199254740993', '-9007199254740993', '-1', '1e308', '1e400', '0.5'];
const HOSTILE_IDS = [
  '%E0%A4%A',
  '%',
  '-1',
  '0',
  '99999999999999999999999999',
  '9007199254740993',
  '%00',
  '%E2%80%AE',
  'x'.repeat(5000),
];
const NUM = '\u0001NUM\u0001';
const DEEP = '['.repeat(20_000) + ']'.repeat(20_000);
const dateLike = (key: string) => /(On|Date|From|To)$|^(from|to|date)$/.test(key);

let t: TestApp;
let admin: Client;
const ids: Record<string, string> = {};
let counter = 0;

beforeAll(async () => {
  t = await testApp({ loginRatePerMinute: 100_000 });
  admin = await t.login('quantri');
  ids.unit = await unitIdByCode(t, 'UBND-HQ');
  ids.unit2 = await unitIdByCode(t, 'HQ-NV');
  ids.unit3 = await unitIdByCode(t, 'HQ-XH');
  ids.unit4 = await unitIdByCode(t, 'HQ-TN');
  const users = (await admin.get('/api/users?q=haquang')).json() as {
    items: { id: string; username: string; grants: { id: string }[] }[];
  };
  const u = users.items.find((x) => x.username === 'canbo.haquang')!;
  ids.user = u.id;
  ids.grant = u.grants[0]!.id;
  const list = (await admin.get('/api/frameworks')).json() as {
    items: { id: string; code: string; status: string }[];
  };
  ids.published = list.items.find((f) => f.code === 'CCHC-HUYEN-2021' && f.status === 'published')!.id;
  const draft = await admin.send('POST', '/api/frameworks/import', {
    ownerUnitId: null,
    definition: { ...civil, code: 'HT-NHAP-2021' },
  });
  ids.draft = (draft.json() as { id: string }).id;
  const results = (await admin.get(`/api/results?frameworkId=${ids.published}&year=2021`)).json() as {
    items: { id: string; unitId: string }[];
  };
  ids.result = results.items[0]!.id;
  const cyc = await admin.send('POST', '/api/cycles', {
    name: 'Kỳ thử dữ liệu độc hại',
    year: 2021,
    frameworkId: ids.published,
    ownerUnitId: ids.unit,
    unitKinds: ['district_committee'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map(
      (stage) => ({ stage, startsOn: '2021-01-01', dueOn: '2030-12-31' }),
    ),
  });
  if (cyc.statusCode !== 200) throw new Error(cyc.body);
  const cd = cyc.json() as { id: string; units: { assessmentId: string }[] };
  ids.cycle = cd.id;
  ids.assessment = cd.units[0]!.assessmentId;
  const ev = await evidenceUpload('kh.pdf', Buffer.from('%PDF-1.4 ke hoach\n%%EOF'), {});
  if (ev.statusCode !== 200) throw new Error(ev.body);
  ids.evidence = (ev.json() as { id: string }).id;
  await admin.send('POST', `/api/cycles/${ids.cycle}/stages/appraisal`, { state: 'open' });
  const notices = (await admin.get('/api/notices')).json() as { items: { id: string }[] };
  ids.notice = notices.items[0]?.id ?? '6f1d7c1e-4c1b-4d39-9a53-0c4d8e2b7a11';
}, 120_000);
afterAll(async () => t?.close());

function evidenceUpload(filename: string, content: Buffer, over: Record<string, string>) {
  const boundary = '----chisohostile' + counter++;
  const fields = {
    numberSymbol: '1/KH-UBND',
    issuedOn: '2021-02-01',
    issuer: 'UBND huyện Hà Quảng',
    summary: 'Kế hoạch CCHC năm 2021',
    ...over,
  };
  const payload = Buffer.concat([
    Buffer.from(
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join(''),
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/units/${ids.unit}/evidence`,
    headers: {
      cookie: admin.cookie,
      'x-csrf-token': admin.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

/** What a route's path parameter names, by the route's prefix. */
function paramValue(url: string, name: string): string {
  if (name === 'code') return '1.1';
  if (name === 'stage') return 'appraisal';
  const prefix = url.split('/')[2];
  const byPrefix: Record<string, string> = {
    units: ids.unit!,
    users: ids.user!,
    grants: ids.grant!,
    frameworks: ids.draft!,
    results: ids.result!,
    cycles: ids.cycle!,
    assessments: ids.assessment!,
    evidence: ids.evidence!,
    notices: ids.notice!,
  };
  return byPrefix[prefix ?? ''] ?? ids.unit!;
}

/** A plausible value for a field, by its name first and its schema second. */
function sample(schema: Schema, key: string): unknown {
  const named: Record<string, () => unknown> = {
    unitId: () => ids.unit,
    parentId: () => ids.unit,
    ownerUnitId: () => ids.unit,
    successorId: () => ids.unit2,
    rootId: () => ids.unit,
    fromUnitId: () => ids.unit3,
    toUnitId: () => ids.unit4,
    userId: () => ids.user,
    frameworkId: () => ids.published,
    evidenceId: () => ids.evidence,
    sourceIds: () => [ids.unit3, ids.unit4],
    subtreeUnitIds: () => [ids.unit],
    unitIds: () => [ids.unit],
    username: () => `ht.nguoidung${counter++}`,
    email: () => 'ht@example.vn',
    password: () => `Xk9-mQ2v-L7pT-${counter++}`,
    newPassword: () => `Xk9-mQ2v-L7pT-${counter++}`,
    currentPassword: () => t.password('quantri'),
    definition: () => ({ ...civil, code: `HT-FW-${counter++}` }),
    inputs: () => ({ '1.1': '1' }),
    changes: () => ({ '1.1': '1' }),
    year: () => 2021,
    // a stale revision: a variant that is valid after all is refused (409) rather than saved
    baseRevision: () => 999,
    unitKinds: () => ['district_committee'],
    fields: () => ['1'],
    stage: () => 'appraisal',
    kind: () => 'office',
  };
  if (named[key]) return named[key]();
  if (key === 'code' && schema.type === 'string') return `HT-${counter++}`;
  if (dateLike(key)) return '2025-06-01';
  const s = schema.anyOf?.find((x) => x.type !== 'null') ?? schema.oneOf?.[0] ?? schema;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'string':
      return s.format === 'uuid' ? ids.unit : 'Giá trị thử';
    case 'integer':
    case 'number':
      return s.minimum !== undefined && s.minimum > 1 ? s.minimum : 1;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items ?? {}, key));
    case 'object': {
      if (!s.properties) return { '1': 'Giá trị thử' };
      return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, sample(v, k)]));
    }
    default:
      return 'Giá trị thử';
  }
}

/** Leaves of a sample body, with their path (the framework definition only at chosen places). */
function leaves(v: unknown, p: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  if (p.length && p[p.length - 1] === 'definition')
    return [
      { path: p, value: v },
      ...[
        ['code'],
        ['name'],
        ['totalMax'],
        ['legalBasis', 0],
        ['bands', 0, 'label'],
        ['criteria', 0, 'title'],
        ['criteria', 0, 'max'],
        ['criteria', 0, 'children', 0, 'code'],
        ['criteria', 0, 'children', 0, 'guidance'],
      ].map((q) => ({ path: [...p, ...q], value: 'definition' })),
    ];
  if (Array.isArray(v)) return [{ path: p, value: v }, ...v.flatMap((x, i) => leaves(x, [...p, i]))];
  if (v !== null && typeof v === 'object')
    return [
      { path: p, value: v },
      ...Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leaves(x, [...p, k])),
    ];
  return [{ path: p, value: v }];
}

function setAt(root: unknown, p: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root);
  if (p.length === 0) return value;
  let node = copy as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[p[p.length - 1]!] = value;
  return copy;
}

/** Body variants: one hostile value at one place, the rest plausible. */
function bodyVariants(base: unknown): { what: string; text: string }[] {
  const out: { what: string; text: string }[] = [];
  const json = (v: unknown) => JSON.stringify(v);
  for (const { path: p, value } of leaves(base)) {
    const where = p.join('.') || '(gốc)';
    const key = String(p[p.length - 1] ?? '');
    if (Array.isArray(value)) {
      out.push({
        what: `${where} = 10 000 phần tử`,
        text: json(setAt(base, p, Array(10_000).fill(value[0] ?? 'x'))),
      });
      continue;
    }
    if (value !== null && typeof value === 'object') {
      // keys are free only in records and the framework definition (elsewhere unknown keys are dropped)
      if (['inputs', 'changes', 'definition'].includes(key))
        out.push({ what: `${where} + khóa NUL`, text: json(setAt(base, p, { ...value, 'k\u0000': '1' })) });
      continue;
    }
    for (const [name, s] of HOSTILE_STRINGS)
      out.push({ what: `${where} = ${name}`, text: json(setAt(base, p, s)) });
    if (dateLike(key))
      for (const d of HOSTILE_DATES) out.push({ what: `${where} = ${d}`, text: json(setAt(base, p, d)) });
    for (const n of HOSTILE_NUMBERS)
      out.push({
        what: `${where} = ${n}`,
        text: JSON.stringify(setAt(base, p, NUM)).replace(JSON.stringify(NUM), n),
      });
  }
  if (base !== null && typeof base === 'object') {
    const text = JSON.stringify(base);
    out.push({ what: 'khóa __proto__', text: `{"__proto__":{"x":1},${text.slice(1)}` });
    out.push({
      what: 'khóa constructor.prototype',
      text: `{"constructor":{"prototype":{"x":1}},${text.slice(1)}`,
    });
  }
  out.push({ what: 'JSON lồng 20 000 cấp', text: DEEP });
  out.push({ what: 'định nghĩa lồng 20 000 cấp', text: `{"ownerUnitId":null,"definition":${DEEP}}` });
  out.push({ what: 'JSON hỏng', text: '{"a":' });
  out.push({ what: 'null', text: 'null' });
  out.push({ what: 'mảng', text: '[]' });
  return out;
}

interface Finding {
  route: string;
  what: string;
  problem: string;
}

const fingerprint = () => dbState(t.database.db);

function messagesOf(body: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'message' && typeof x === 'string') out.push(x);
        else walk(x);
      }
  };
  walk(body);
  return out;
}

const findings: Finding[] = [];
let requests = 0;

/** Send one hostile request and record what is wrong with the answer. */
async function attempt(
  route: string,
  what: string,
  send: () => Promise<Injected>,
  opts: { mustRefuse?: boolean; checkDb?: boolean } = {},
) {
  const before = opts.checkDb ? await fingerprint() : '';
  let res: Injected;
  try {
    res = await send();
  } catch (e) {
    findings.push({ route, what, problem: `ném lỗi: ${(e as Error).message.slice(0, 200)}` });
    return;
  }
  requests++;
  const add = (problem: string) => findings.push({ route, what, problem });
  if (res.statusCode >= 500) add(`${res.statusCode} ${res.body.slice(0, 300)}`);
  if (res.statusCode < 400) {
    if (opts.mustRefuse) add(`được chấp nhận (${res.statusCode})`);
    return;
  }
  // the public survey pages (outside /api) answer people with Vietnamese HTML pages, not JSON
  if (
    !route.split(' ')[1]!.startsWith('/api/') &&
    String(res.headers['content-type']).startsWith('text/html')
  ) {
    if (!res.body.includes('lang="vi"'))
      add(`${res.statusCode} trang không phải tiếng Việt: ${res.body.slice(0, 200)}`);
    return;
  }
  // the calendar feed (outside /api) answers a calendar application with plain Vietnamese text
  if (
    !route.split(' ')[1]!.startsWith('/api/') &&
    String(res.headers['content-type']).startsWith('text/plain')
  ) {
    if (!/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(res.body))
      add(`${res.statusCode} không phải tiếng Việt: ${res.body.slice(0, 200)}`);
    return;
  }
  let body: unknown;
  try {
    body = res.json();
  } catch {
    add(`${res.statusCode} không phải JSON: ${res.body.slice(0, 200)}`);
    return;
  }
  const messages = messagesOf(body);
  if (messages.length === 0) add(`${res.statusCode} không có thông báo: ${res.body.slice(0, 200)}`);
  for (const m of messages) {
    if (ENGLISH.test(m)) add(`thông báo có tiếng Anh: ${m.slice(0, 300)}`);
    else if (!VIETNAMESE.test(m)) add(`thông báo không phải tiếng Việt: ${m.slice(0, 300)}`);
  }
  if (opts.checkDb && (await fingerprint()) !== before)
    add(`bị từ chối (${res.statusCode}) nhưng cơ sở dữ liệu đã đổi`);
}

const MULTIPART = /\/import$|\/import-file$|\/check-table(\/report)?$|\/evidence$/;

describe('hostile input on every route', () => {
  it('no 500, only Vietnamese messages, every hostile request refused and nothing half-written', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = t.app.routeList.filter((r) => r.url !== '/api/auth/logout');
    expect(routes.length).toBeGreaterThan(60);
    for (const r of routes) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()] ?? {};
      const name = `${r.method} ${r.url}`;
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const baseQuery = Object.fromEntries(
        query.filter((q) => q.required).map((q) => [q.name, String(sample(q.schema, q.name))]),
      );
      const url = (params: Record<string, string> = {}, q: Record<string, string> = baseQuery) => {
        let u = r.url;
        for (const p of pathParams) u = u.replace(`:${p}`, params[p] ?? paramValue(r.url, p));
        const qs = new URLSearchParams(q).toString();
        return qs ? `${u}?${qs}` : u;
      };
      const writes = r.method !== 'GET';
      const jsonBody = op.requestBody?.content['application/json']?.schema;
      const base =
        r.url === '/api/auth/login'
          ? { username: 'ht.khongco', password: 'Sai-mat-khau-9x' }
          : jsonBody
            ? sample(jsonBody, '')
            : undefined;
      const sendJson = (u: string, text: string | undefined, contentType = 'application/json') =>
        t.app.inject({
          method: r.method as 'POST',
          url: u,
          headers: {
            cookie: admin.cookie,
            'x-csrf-token': admin.csrf,
            ...(text === undefined ? {} : { 'content-type': contentType }),
          },
          ...(text === undefined ? {} : { payload: text }),
        });
      const baseText = base === undefined ? (writes ? '{}' : undefined) : JSON.stringify(base);

      // path parameters
      for (const p of pathParams)
        for (const bad of [...HOSTILE_IDS, ...(p === 'code' ? ['%00', '%E2%80%AE', 'x'.repeat(300)] : [])])
          await attempt(name, `:${p} = ${bad.slice(0, 30)}`, () => sendJson(url({ [p]: bad }), baseText), {
            mustRefuse: true,
            checkDb: writes,
          });
      // query parameters
      for (const q of query) {
        // a number is a fair value for a free-text parameter ("?q=-1"), not for a typed one
        const typed = q.schema.type !== 'string' || !!q.schema.format || !!q.schema.enum || dateLike(q.name);
        // (a lone surrogate cannot travel in a URL: it arrives as U+FFFD)
        const bads: [string, string, boolean][] = [
          ...HOSTILE_STRINGS.filter(([n]) => n !== 'lone surrogate').map(
            ([n, s]): [string, string, boolean] => [n, s === MB ? 'x'.repeat(100_000) : s, true],
          ),
          ...(dateLike(q.name) ? HOSTILE_DATES.map((d): [string, string, boolean] => [d, d, true]) : []),
          ...HOSTILE_NUMBERS.map((n): [string, string, boolean] => [n, n, typed]),
        ];
        for (const [label, v, mustRefuse] of bads)
          await attempt(
            name,
            `?${q.name} = ${label}`,
            () => sendJson(url({}, { ...baseQuery, [q.name]: v }), baseText),
            { mustRefuse, checkDb: writes },
          );
      }
      // bodies
      if (jsonBody || r.url === '/api/auth/login') {
        for (const v of bodyVariants(base))
          await attempt(name, `thân: ${v.what}`, () => sendJson(url(), v.text), {
            mustRefuse: true,
            checkDb: true,
          });
        await attempt(name, 'thân: text/plain', () => sendJson(url(), baseText, 'text/plain'), {
          mustRefuse: true,
          checkDb: true,
        });
        await attempt(name, 'thân: application/xml', () => sendJson(url(), '<a/>', 'application/xml'), {
          mustRefuse: true,
          checkDb: true,
        });
      }
      // uploads
      if (r.method === 'POST' && MULTIPART.test(r.url) && !jsonBody) await hostileUploads(name, url());
    }
    // the administrator's session survived everything
    expect((await admin.get('/api/auth/session')).json()).toMatchObject({ user: { username: 'quantri' } });
    const shown = findings.map((f) => `${f.route} — ${f.what}: ${f.problem}`);
    expect(shown, `${findings.length} vấn đề trong ${requests} yêu cầu`).toEqual([]);
    expect(requests).toBeGreaterThan(2000);
  }, 900_000);
});

async function hostileUploads(route: string, url: string) {
  const upload = (filename: string, content: Buffer | string) => {
    const m = multipartPayload(filename, content);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': m.contentType },
      payload: m.payload,
    });
  };
  const raw = (payload: string, boundary = 'xyz') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
  const header = 'Mã đơn vị,Tên đơn vị,Tên viết tắt,Loại đơn vị,Mã đơn vị cấp trên,Hiệu lực từ ngày\n';
  const csv = (name: string, date = '01/01/2025') =>
    `${header}HT-U${counter++},${name},,Phòng,UBND-HQ,${date}\n`;
  const cases: [string, () => Promise<Injected>][] = [
    ['tên tệp U+202E', () => upload('bao-cao\u202Excslx.csv', csv('Đơn vị thử'))],
    ['tên tệp NUL', () => upload('bao\u0000cao.csv', csv('Đơn vị thử'))],
    ['tên tệp 10 000 ký tự', () => upload(`${'a'.repeat(10_000)}.csv`, csv('Đơn vị thử'))],
    ['tên tệp đường dẫn', () => upload('../../etc/passwd.csv', csv('Đơn vị thử'))],
    ['CSV có NUL', () => upload('a.csv', csv('Tên\u0000độc'))],
    ['CSV có U+202E', () => upload('a.csv', csv('Tên\u202Eđộc'))],
    ['CSV ô 1 MB', () => upload('a.csv', csv(MB))],
    ['CSV ngày 30/02/2027', () => upload('a.csv', csv('Đơn vị thử', '30/02/2027'))],
    ['CSV ngày 99/99/9999', () => upload('a.csv', csv('Đơn vị thử', '99/99/9999'))],
    ['CSV không phải UTF-8', () => upload('a.csv', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0xc3, 0x28]))],
    ['xlsx rác', () => upload('a.xlsx', Buffer.from('PK\u0003\u0004rác rác rác'))],
    ['tệp rỗng', () => upload('a.csv', Buffer.alloc(0))],
    ['json lồng 20 000 cấp', () => upload('khung.json', DEEP)],
    ['json hỏng', () => upload('khung.json', '{"code":')],
    [
      'json tiêu chí lồng 20 000 cấp',
      () => {
        let s = '{"code":"1","title":"a","max":"1"}';
        for (let i = 0; i < 20_000; i++) s = `{"code":"1","title":"a","max":"1","children":[${s}]}`;
        return upload(
          'khung.json',
          `{"code":"HT-SAU","name":"x","yearFrom":2025,"legalBasis":[],"appliesTo":[],"totalMax":"1","bands":[],"criteria":[${s}]}`,
        );
      },
    ],
    [
      'multipart cắt cụt',
      () => raw('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'),
    ],
    [
      'multipart không có tệp',
      () => raw('--xyz\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--xyz--\r\n'),
    ],
    ['multipart tiêu đề hỏng', () => raw('--xyz\r\nContent-Disposition\r\n\r\nabc\r\n--xyz--\r\n')],
    ['multipart không có ranh giới', () => raw('abc', '')],
  ];
  if (url.includes('/evidence'))
    cases.push(
      [
        'TLKC ngày 2027-02-30',
        () => evidenceUpload('a.pdf', Buffer.from('%PDF-1.4 x'), { issuedOn: '2027-02-30' }),
      ],
      [
        'TLKC ngày 9999-99-99',
        () => evidenceUpload('a.pdf', Buffer.from('%PDF-1.4 x'), { issuedOn: '9999-99-99' }),
      ],
      [
        'TLKC trích yếu NUL',
        () => evidenceUpload('a.pdf', Buffer.from('%PDF-1.4 x'), { summary: 'Tên\u0000độc' }),
      ],
      [
        'TLKC nơi ban hành U+202E',
        () => evidenceUpload('a.pdf', Buffer.from('%PDF-1.4 x'), { issuer: 'UBND\u202Eđộc' }),
      ],
      [
        'TLKC số ký hiệu 1 MB',
        () => evidenceUpload('a.pdf', Buffer.from('%PDF-1.4 x'), { numberSymbol: MB }),
      ],
      ['TLKC tên tệp U+202E', () => evidenceUpload('hop-dong\u202Efdp.exe', Buffer.from('%PDF-1.4 x'), {})],
    );
  // the table check stores nothing: odd cell contents may be read; names and broken forms may not
  const stores = !url.includes('/check-table');
  for (const [what, send] of cases)
    await attempt(route, `tệp: ${what}`, send, {
      // (multipart drops the directories of a file name: "../../etc/passwd.csv" arrives as "passwd.csv")
      mustRefuse: (stores || /tên tệp|multipart|rác|hỏng/.test(what)) && what !== 'tên tệp đường dẫn',
      checkDb: true,
    });
}
