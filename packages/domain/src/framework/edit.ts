/** Editing a framework's list of criteria in place (the draft editor): add, remove, move up or down,
 * indent under the criterion above, bring out one level. Pure: each operation returns a new list and
 * the codes it changed (old → new), so that what is keyed by code (rules being typed, the
 * correspondence with last year's framework) follows. A criterion that changes level is renumbered
 * under its new parent, its children with it ("1.3" indented under "1.2" becomes "1.2.1", and
 * "1.3.1" becomes "1.2.1.1"). */

export interface EditableCriterion<T> {
  code: string;
  children?: T[] | undefined;
}

export interface Edited<T> {
  criteria: T[];
  /** Codes changed by the operation, old → new (a removed criterion is not listed). */
  renames: [string, string][];
}

type Node<T> = T & EditableCriterion<T>;

/** Where a criterion sits: its list, its index in it, and its parent's code (null at the top). */
function locate<T extends EditableCriterion<T>>(
  list: T[],
  code: string,
  parent: string | null = null,
): { list: T[]; index: number; parent: string | null } | null {
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c.code === code) return { list, index: i, parent };
    const inner = c.children ? locate(c.children, code, c.code) : null;
    if (inner) return inner;
  }
  return null;
}

/** A deep copy of the list (the operations change the copy). */
const copy = <T>(list: T[]): T[] => JSON.parse(JSON.stringify(list)) as T[];

/** The next free number under `prefix` among `siblings` ("1.4" after "1.1"–"1.3"). */
function nextCode<T extends EditableCriterion<T>>(siblings: readonly T[], prefix: string | null): string {
  let n = 0;
  for (const s of siblings) {
    const last = s.code.split('.').pop() ?? '';
    if (/^\d+$/.test(last)) n = Math.max(n, Number(last));
  }
  return prefix ? `${prefix}.${n + 1}` : String(n + 1);
}

/** Give `node` the code `code` and its descendants the same prefix; record every change. */
function recode<T extends EditableCriterion<T>>(node: T, code: string, renames: [string, string][]) {
  const old = node.code;
  if (old === code) return;
  const walk = (c: T) => {
    const next =
      c.code === old ? code : c.code.startsWith(old + '.') ? code + c.code.slice(old.length) : null;
    if (next !== null) {
      renames.push([c.code, next]);
      c.code = next;
    }
    c.children?.forEach(walk);
  };
  walk(node);
}

/** A new criterion made by `make(code)`, last among the children of `parentCode` (null: a new field). */
export function addCriterion<T extends EditableCriterion<T>>(
  list: readonly T[],
  parentCode: string | null,
  make: (code: string) => T,
): Edited<T> & { code: string } {
  const out = copy([...list]);
  if (parentCode === null) {
    const code = nextCode(out, null);
    out.push(make(code));
    return { criteria: out, renames: [], code };
  }
  const at = locate(out, parentCode);
  if (!at) return { criteria: out, renames: [], code: '' };
  const parent = at.list[at.index]! as Node<T>;
  const kids = (parent.children ?? []) as T[];
  const code = nextCode(kids, parent.code);
  parent.children = [...kids, make(code)];
  return { criteria: out, renames: [], code };
}

/** The list without `code` (and its children). */
export function removeCriterion<T extends EditableCriterion<T>>(list: readonly T[], code: string): Edited<T> {
  const out = copy([...list]);
  const at = locate(out, code);
  if (at) at.list.splice(at.index, 1);
  return { criteria: out, renames: [] };
}

/** `code` one place up (-1) or down (+1) among its siblings; its code stays. */
export function moveCriterion<T extends EditableCriterion<T>>(
  list: readonly T[],
  code: string,
  by: -1 | 1,
): Edited<T> {
  const out = copy([...list]);
  const at = locate(out, code);
  if (!at) return { criteria: out, renames: [] };
  const j = at.index + by;
  if (j < 0 || j >= at.list.length) return { criteria: out, renames: [] };
  const [c] = at.list.splice(at.index, 1);
  at.list.splice(j, 0, c!);
  return { criteria: out, renames: [] };
}

/** `code` becomes the last child of the criterion above it, renumbered under it. */
export function indentCriterion<T extends EditableCriterion<T>>(list: readonly T[], code: string): Edited<T> {
  const out = copy([...list]);
  const at = locate(out, code);
  if (!at || at.index === 0) return { criteria: out, renames: [] };
  const above = at.list[at.index - 1]! as Node<T>;
  const [c] = at.list.splice(at.index, 1);
  const kids = (above.children ?? []) as T[];
  const renames: [string, string][] = [];
  recode(c!, nextCode(kids, above.code), renames);
  above.children = [...kids, c!];
  return { criteria: out, renames };
}

/** `code` leaves its parent and follows it one level up, renumbered there. */
export function outdentCriterion<T extends EditableCriterion<T>>(
  list: readonly T[],
  code: string,
): Edited<T> {
  const out = copy([...list]);
  const at = locate(out, code);
  if (!at || at.parent === null) return { criteria: out, renames: [] };
  const up = locate(out, at.parent)!;
  const [c] = at.list.splice(at.index, 1);
  const parent = up.list[up.index]! as Node<T>;
  if (parent.children && parent.children.length === 0) delete parent.children;
  const renames: [string, string][] = [];
  recode(c!, nextCode(up.list, up.parent), renames);
  up.list.splice(up.index + 1, 0, c!);
  return { criteria: out, renames };
}

/** `code` renamed to `next`, its children's codes with it. */
export function renameCriterion<T extends EditableCriterion<T>>(
  list: readonly T[],
  code: string,
  next: string,
): Edited<T> {
  const out = copy([...list]);
  const at = locate(out, code);
  const renames: [string, string][] = [];
  if (at) recode(at.list[at.index]!, next, renames);
  return { criteria: out, renames };
}
