/** English kept (issue 13, item 8): every text of the web app exists in both languages. The main
 * dictionaries (`DICTS`) and each area file's pair (`xxxVi` / `xxxEn` in `src/i18n/`) are compared
 * key by key, nested keys included; a key present in one language only fails with its path. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DICTS } from '../src/i18n.ts';

/** Every key path of a dictionary ("stage.appraisal"), values that are texts checked non-empty. */
function keyPaths(d: unknown, prefix = ''): string[] {
  if (typeof d !== 'object' || d === null) return [prefix];
  return Object.entries(d as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keyPaths(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function onlyIn(a: unknown, b: unknown): string[] {
  const kb = new Set(keyPaths(b));
  return keyPaths(a).filter((k) => !kb.has(k));
}

function emptyTexts(d: unknown): string[] {
  return keyPaths(d).filter((k) => {
    const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], d);
    return typeof v === 'string' && v.trim() === '';
  });
}

describe('web texts in Vietnamese and English', () => {
  it('the main dictionaries have the same keys and no empty text', () => {
    expect({ onlyVi: onlyIn(DICTS.vi, DICTS.en), onlyEn: onlyIn(DICTS.en, DICTS.vi) }).toEqual({
      onlyVi: [],
      onlyEn: [],
    });
    expect([...emptyTexts(DICTS.vi), ...emptyTexts(DICTS.en)]).toEqual([]);
  });

  it('each area file has its Vietnamese and English with the same keys', async () => {
    const dir = path.resolve(import.meta.dirname, '../src/i18n');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const mod = (await import(path.join(dir, f))) as Record<string, unknown>;
      const vis = Object.keys(mod).filter((k) => k.endsWith('Vi'));
      expect(vis.length, `${f}: no xxxVi dictionary`).toBeGreaterThan(0);
      for (const vi of vis) {
        const en = `${vi.slice(0, -2)}En`;
        expect(mod[en], `${f}: ${vi} has no ${en}`).toBeDefined();
        expect({ file: f, onlyVi: onlyIn(mod[vi], mod[en]), onlyEn: onlyIn(mod[en], mod[vi]) }).toEqual({
          file: f,
          onlyVi: [],
          onlyEn: [],
        });
      }
    }
  });
});
