// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'apps/server/drizzle/**',
      '.ci/out/**',
      'e2e/out/**',
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
          message: 'Điểm là số thập phân chính xác: dùng Points.parse, không dùng parseFloat.',
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
