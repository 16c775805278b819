/** The unit tree as antd tree nodes: the matches of a search in bold, closed units greyed with their
 * end date. */
import type { UnitViewT } from '@chiso/contracts';
import { formatDateVi, matchesSearch } from '@chiso/domain';
import { Tag } from 'antd';
import type { DataNode } from 'antd/es/tree';

export function buildTree(items: UnitViewT[], q: string): DataNode[] {
  const byParent = new Map<string | null, UnitViewT[]>();
  const ids = new Set(items.map((u) => u.id));
  for (const u of items) {
    const p = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), u]);
  }
  const make = (parent: string | null): DataNode[] =>
    (byParent.get(parent) ?? []).map((u) => {
      const hit = q && matchesSearch(`${u.name} ${u.shortName ?? ''} ${u.code}`, q);
      return {
        key: u.id,
        title: (
          <span
            data-testid={`unit-${u.code}`}
            style={{ fontWeight: hit ? 600 : undefined, color: u.closed ? '#999' : undefined }}
          >
            {u.name}
            {u.closed && <Tag style={{ marginLeft: 6 }}>đến {formatDateVi(u.validTo!)}</Tag>}
          </span>
        ),
        children: make(u.id),
      };
    });
  return make(null);
}
