/** The house rules in eslint.config.js hold for modules that do not exist yet: a file of a new
 * module that reaches into another module's repository, drizzle-orm or db/schema.ts fails lint, and
 * so does a module file or a page past 450 lines. Runs ESLint's Node API on a fixture
 * (fixtures/lint/crossModule.ts, itself outside `npm run lint` and the type check). */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURE = path.join(ROOT, 'apps/server/test/fixtures/lint/crossModule.ts');
const fixture = fs.readFileSync(FIXTURE, 'utf8');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The messages of one rule for `text` linted as if it were the file at `file` (from the root). */
async function lintAs(file: string, text: string, rule: string) {
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === rule).map((m) => ({ line: m.line, message: m.message }));
}
const lineOf = (needle: string) => fixture.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('module boundaries', () => {
  it('a service of a new module may not import another module’s repository, drizzle-orm or db/schema.ts', async () => {
    const found = await lintAs(
      'apps/server/src/modules/surveys/service.ts',
      fixture,
      'chiso/module-boundaries',
    );
    expect(found.map((m) => m.line)).toEqual([
      lineOf("from 'drizzle-orm';"),
      lineOf("from 'drizzle-orm/sql';"),
      lineOf('db/schema.ts'),
      lineOf("import { rawRows } from '../../db/open.ts';"),
      lineOf("from '../units/repository.ts';"),
      lineOf("from '../../modules/audit/repository';"),
      lineOf("import('../users/repository.ts')"),
    ]);
    expect(found[4]!.message).toBe(
      'Mô-đun "surveys" không dùng repository của mô-đun "units": gọi qua service của mô-đun đó.',
    );
  });

  it('any other file of a module is held to the same rule, in a subfolder too', async () => {
    for (const file of ['routes.ts', 'aggregate.ts'])
      expect(
        await lintAs(`apps/server/src/modules/surveys/${file}`, fixture, 'chiso/module-boundaries'),
        file,
      ).toHaveLength(7);
    const nested = "import { getUnit } from '../../units/repository.ts';\nexport const f = getUnit;\n";
    expect(
      await lintAs('apps/server/src/modules/surveys/jobs/close.ts', nested, 'chiso/module-boundaries'),
    ).toHaveLength(1);
  });

  it('a repository may use SQL', async () => {
    expect(
      await lintAs('apps/server/src/modules/surveys/repository.ts', fixture, 'chiso/module-boundaries'),
    ).toEqual([]);
  });

  it('the fixture itself is left out of `npm run lint`', async () => {
    expect(await eslint.isPathIgnored(FIXTURE)).toBe(true);
  });
});

describe('450 lines at most', () => {
  const long = Array.from({ length: 451 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
  const blankAndComments = `// a comment\n\n${Array.from({ length: 450 }, (_, i) => `export const v${i} = ${i};\n/* note */\n`).join('')}`;

  it('holds for the module files and the pages of today and tomorrow', async () => {
    for (const file of ['apps/server/src/modules/surveys/service.ts', 'apps/web/src/pages/Surveys.tsx'])
      expect(await lintAs(file, long, 'max-lines'), file).toEqual([
        { line: 451, message: 'File has too many lines (451). Maximum allowed is 450.' },
      ]);
  });

  it('counts lines of code: blank lines and comments are free', async () => {
    expect(await lintAs('apps/server/src/modules/surveys/service.ts', blankAndComments, 'max-lines')).toEqual(
      [],
    );
  });
});
