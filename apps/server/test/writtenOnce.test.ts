/** Small things written once (issue #12): no source file under apps/ formats dd/mm/yyyy by hand
 * (formatDateVi, formatDateTimeVi in @chiso/domain), makes an ASCII file-name slug by hand (fileSlug
 * in @chiso/domain) or writes an attachment header (sendFile in apps/server/src/http.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Rule {
  what: string;
  use: string;
  patterns: RegExp[];
  /** The one helper allowed to do it (a path from the root). */
  home?: string;
  /** Written by hand on purpose, to prove the patterns catch it. */
  samples: string[];
}

const RULES: Rule[] = [
  {
    what: 'dd/mm/yyyy formatted by hand',
    use: 'formatDateVi / formatDateTimeVi from @chiso/domain',
    patterns: [
      // ISO text cut up: `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
      /slice\(\s*8\s*,\s*10\s*\)\s*\}\s*\/\s*\$\{/,
      // a Date's parts: `${String(d.getUTCDate()).padStart(2, '0')}/${…}`
      /get(?:UTC)?Date\(\)[^\n]*\}\/\$\{/,
      // named parts (Intl formatToParts, objects): `${get('day')}/${get('month')}`, `${p.day}/${p.month}`
      /\bday\b[^\n}]*\}\/\$\{[^\n}]*\bmonth\b/,
      // dayjs and the like: .format('DD/MM/YYYY')
      /\.format\(\s*['"`]DD\/MM\/YYYY/,
      // '2024-01-31'.split('-').reverse().join('/')
      /split\(\s*['"]-['"]\s*\)\s*\.reverse\(\)\s*\.join\(\s*['"]\/['"]\s*\)/,
    ],
    samples: [
      'const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;',
      "return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;",
      "return `${get('hour')}:${get('minute')} ngày ${get('day')}/${get('month')}/${get('year')}`;",
      "dayjs(l.approvedAt).format('DD/MM/YYYY HH:mm')",
      "iso.split('-').reverse().join('/')",
    ],
  },
  {
    what: 'a file-name slug made by hand',
    use: 'fileSlug from @chiso/domain',
    patterns: [
      // stripping Vietnamese diacritics: the combining marks' range, or NFD followed by a replace
      /\\u0300-\\u036f/,
      /\.normalize\(\s*['"]NFK?D['"]\s*\)\s*\.replace\(/,
    ],
    samples: [
      ".normalize('NFD').replace(/[\\u0300-\\u036f]/g, '')",
      "f.fileName\n        .normalize('NFD')\n        .replace(/[^\\x20-\\x7e]/g, '_')",
    ],
  },
  {
    what: 'an attachment header written by hand',
    use: 'sendFile(reply, { name, ext, mime, body }) from apps/server/src/http.ts',
    patterns: [/['"`]content-disposition['"`]\s*,/i, /(?:attachment|inline);\s*filename/i],
    home: 'apps/server/src/http.ts',
    samples: [
      '.header(\'content-disposition\', `attachment; filename="${name}.${f}"`)',
      "reply.header(\n  'content-disposition',\n  `${inline ? 'inline' : 'attachment'}; filename=\"${ascii}\"`,\n)",
    ],
  },
];

/** Source files under apps/ (not tests, builds or dependencies). */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'test', 'drizzle'].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|js|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

const FILES = sources(path.join(ROOT, 'apps')).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));

/** "file:line" of every match of the rule. */
function offences(rule: Rule, files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (file === rule.home) continue;
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const re of rule.patterns)
      for (const m of text.matchAll(new RegExp(re.source, re.flags + 'g')))
        found.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
  }
  return [...new Set(found)].sort();
}

describe.each(RULES)('no $what in apps/', (rule) => {
  it('the patterns catch the forms written by hand so far', () => {
    for (const s of rule.samples)
      expect(
        rule.patterns.some((re) => re.test(s)),
        s,
      ).toBe(true);
  });

  it(`is written once (${rule.use})`, () => {
    const left = offences(rule, FILES);
    expect(left, `use ${rule.use}`).toEqual([]);
  });

  it('its helper exists where the rule says', () => {
    if (rule.home) expect(fs.existsSync(path.join(ROOT, rule.home))).toBe(true);
  });
});
