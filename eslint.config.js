// @ts-check
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** Import boundaries: the domain package is pure (no I/O); contracts depend only on the domain;
 * inside the server, routes → services → repositories (a route never touches the database). */
const nodeIo = [
  'fs',
  'node:*',
  'pg',
  '@electric-sql/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'fastify',
  'exceljs',
  'docx',
  'http',
  'net',
  'child_process',
];

/** Module boundaries inside the server, for every module folder (today's and those to come:
 * surveys, plans…): a file under `apps/server/src/modules/<m>/` other than a `repository.ts` may not
 * import another module's repository, `drizzle-orm` or `db/schema.ts`, and takes only types from the
 * rest of `db/` (`import type { Db } from '../../db/open.ts'`). SQL lives in repositories; a module
 * reaches another through that module's service. As a consequence every file that needs SQL is named
 * `repository.ts`. Paths are resolved, so `../units/repository` and
 * `../../modules/units/repository.ts` are the same import. */
const MODULE_FILE = /^apps\/server\/src\/modules\/([^/]+)\/(?:.+\/)?([^/]+)$/;
const MODULE_REPOSITORY = /^apps\/server\/src\/modules\/([^/]+)\/(?:.+\/)?repository(?:\.ts)?$/;
const DB_SCHEMA = /^apps\/server\/src\/db\/schema(?:\.ts)?$/;
const DB_DIR = /^apps\/server\/src\/db\//;

const toPosix = (p) => p.split(path.sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL only in repositories; modules talk to each other through services.' },
    schema: [],
    messages: {
      repository:
        'Mô-đun "{{own}}" không dùng repository của mô-đun "{{other}}": gọi qua service của mô-đun đó.',
      drizzle: 'Chỉ repository.ts được dùng drizzle-orm: đưa truy vấn vào repository của mô-đun.',
      schema: 'Chỉ repository.ts được dùng db/schema.ts: đưa truy vấn vào repository của mô-đun.',
      db: 'Ngoài repository.ts chỉ được lấy kiểu từ db/ (import type).',
    },
  },
  create(context) {
    const file = toPosix(path.relative(ROOT, context.filename));
    const own = MODULE_FILE.exec(file);
    if (!own || own[2] === 'repository.ts') return {};
    const dir = path.dirname(context.filename);
    /** @param {any} node @param {any} source @param {boolean} typeOnly */
    const check = (node, source, typeOnly) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/')) {
        context.report({ node, messageId: 'drizzle' });
        return;
      }
      if (!spec.startsWith('.')) return;
      const target = toPosix(path.relative(ROOT, path.resolve(dir, spec)));
      const repo = MODULE_REPOSITORY.exec(target);
      if (repo && repo[1] !== own[1])
        context.report({ node, messageId: 'repository', data: { own: own[1], other: repo[1] } });
      else if (DB_SCHEMA.test(target)) context.report({ node, messageId: 'schema' });
      else if (DB_DIR.test(target) && !typeOnly) context.report({ node, messageId: 'db' });
    };
    /** @param {any} node */
    const onlyTypes = (node, kind, specKind) =>
      node[kind] === 'type' ||
      (node.specifiers.length > 0 && node.specifiers.every((s) => s[specKind] === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source, onlyTypes(node, 'importKind', 'importKind')),
      ExportNamedDeclaration: (node) =>
        node.source && check(node, node.source, onlyTypes(node, 'exportKind', 'exportKind')),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'apps/server/drizzle/**',
      '.ci/out/**',
      'e2e/out/**',
      // files that break the rules on purpose, linted by apps/server/test/lint.test.ts
      'apps/server/test/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['scripts/**/*.mjs', '**/*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message:
            'Điểm là số thập phân chính xác: dùng parsePoints hoặc parseDecimal (@chiso/domain), không dùng parseFloat.',
        },
      ],
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeIo, message: 'packages/domain là thuần: không I/O.' },
            { group: ['@chiso/*', '**/apps/**'], message: 'domain không phụ thuộc gói khác.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeIo, message: 'contracts không I/O.' },
            { group: ['**/apps/**'], message: 'contracts không phụ thuộc apps.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/repository', '**/repository.ts', 'drizzle-orm', 'drizzle-orm/*', '**/db/*'],
              message: 'routes → services → repositories: route không truy cập CSDL trực tiếp.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    plugins: { chiso: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'chiso/module-boundaries': 'error' },
  },
  {
    // house rule: a module file or a page that grows past this is split by what it does
    files: ['apps/server/src/modules/**/*.ts', 'apps/web/src/pages/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['apps/server/src/modules/**/service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/routes', '**/routes.ts', 'fastify'],
              message: 'service không phụ thuộc tầng HTTP.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/server/**', '@chiso/server', '@chiso/server/*'],
              message: 'web chỉ dùng contracts/domain.',
            },
          ],
        },
      ],
    },
  },
);
