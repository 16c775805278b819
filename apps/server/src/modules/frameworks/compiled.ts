/** Parsed and compiled forms of published frameworks, shared by the services that score (results,
 * cycles, appraisal). A published version is frozen, so an entry, keyed by the framework's id,
 * never goes stale; callers pass only published rows. */
import { compile, fieldsOnly, parseFrameworkJson, type Compiled, type Framework } from '@chiso/domain';
import { AppError } from '../../errors.ts';

const parsed = new Map<string, Framework>();
const compiled = new Map<string, Compiled>();

/** The compiled form of a framework, scoring leaves ("leaves") or fields entered as such ("fields"). */
export function compiledFor(
  frameworkId: string,
  fw: Framework,
  mode: 'leaves' | 'fields' = 'leaves',
): Compiled {
  const key = `${frameworkId}:${mode}`;
  let c = compiled.get(key);
  if (!c) {
    c = compile(mode === 'fields' ? fieldsOnly(fw) : fw);
    compiled.set(key, c);
  }
  return c;
}

/** A published framework row, parsed and compiled. */
export function frameworkOf(row: { id: string; definition: unknown }): { fw: Framework; compiled: Compiled } {
  let fw = parsed.get(row.id);
  if (!fw) {
    const p = parseFrameworkJson(row.definition).framework;
    if (!p) throw new AppError('FRAMEWORK_INVALID');
    fw = p;
    parsed.set(row.id, fw);
  }
  return { fw, compiled: compiledFor(row.id, fw) };
}
