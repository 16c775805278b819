import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { formatDateTimeVi, matchesSearch, parseDateVi } from '@chiso/domain';
import { Button, Card, Descriptions, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { listAudit, type AuditFilter } from '../api/audit.ts';
import { listUnits } from '../api/units.ts';
import { useT } from '../i18n.ts';

/** A recorded value as a reader reads it: a status in words (never "finalised"), text as it is. */
function useShown() {
  const { t } = useT();
  const statuses: Record<string, string> = {
    ...t.appraisalState,
    ...t.stageState,
    ...t.assessmentStatus,
    ...t.cycleStatus,
  };
  return (key: string, v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v !== 'string') return JSON.stringify(v);
    if (key === 'status' || key === 'state') return statuses[v] ?? v;
    if (key === 'stage') return (t.stage as Record<string, string>)[v] ?? v;
    return v;
  };
}

function Diff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useT();
  const shown = useShown();
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return (
    <Descriptions size="small" column={1} bordered>
      {keys.map((k) => {
        const bv = shown(k, b[k]);
        const av = shown(k, a[k]);
        return (
          <Descriptions.Item key={k} label={t.auditField[k] ?? k}>
            {JSON.stringify(b[k] ?? null) === JSON.stringify(a[k] ?? null) ? (
              av
            ) : (
              <>
                <Typography.Text delete type="secondary">
                  {bv}
                </Typography.Text>{' '}
                → <Typography.Text strong>{av}</Typography.Text>
              </>
            )}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}

export default function Audit() {
  const { t } = useT();
  const [f, setF] = useState<AuditFilter>({});
  const units = useQuery({
    queryKey: ['units', '', true],
    queryFn: () => listUnits({ includeClosed: true }),
  });
  const q = useInfiniteQuery({
    queryKey: ['audit', f],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => listAudit(f, pageParam),
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const date = (v: string) => (v ? (parseDateVi(v) ?? undefined) : undefined);
  return (
    <>
      <Typography.Title level={3}>{t.audit}</Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            placeholder={t.entity}
            allowClear
            style={{ width: 160 }}
            options={Object.entries(t.auditEntity).map(([value, label]) => ({ value, label }))}
            onChange={(v) => setF({ ...f, entity: v ?? undefined })}
          />
          <Select
            placeholder={t.action}
            allowClear
            showSearch
            style={{ width: 240 }}
            options={Object.entries(t.auditAction).map(([value, label]) => ({ value, label }))}
            filterOption={(i, o) => matchesSearch(String(o?.label ?? ''), i)}
            onChange={(v: string | undefined) => setF({ ...f, action: v ?? undefined })}
          />
          <Input
            placeholder={t.actor}
            allowClear
            style={{ width: 180 }}
            onBlur={(e) => setF({ ...f, actor: e.target.value || undefined })}
          />
          <Select
            placeholder={t.unit}
            allowClear
            showSearch
            style={{ width: 280 }}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            filterOption={(i, o) => matchesSearch(String(o?.label ?? ''), i)}
            onChange={(v) => setF({ ...f, unitId: v ?? undefined })}
          />
          <Input
            placeholder={t.auditFrom}
            style={{ width: 170 }}
            onBlur={(e) => setF({ ...f, from: date(e.target.value) })}
          />
          <Input
            placeholder={t.auditTo}
            style={{ width: 170 }}
            onBlur={(e) => setF({ ...f, to: date(e.target.value) })}
          />
        </Space>
        <Table
          rowKey="seq"
          size="small"
          loading={q.isLoading}
          dataSource={rows}
          pagination={false}
          expandable={{ expandedRowRender: (r) => <Diff before={r.before} after={r.after} /> }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 70 },
            { title: t.time, dataIndex: 'at', render: (v: string) => formatDateTimeVi(v), width: 180 },
            { title: t.actor, dataIndex: 'actorName' },
            { title: t.action, dataIndex: 'action', render: (v: string) => t.auditAction[v] ?? v },
            { title: t.entity, dataIndex: 'entity', render: (v: string) => t.auditEntity[v] ?? v },
            { title: t.reason, dataIndex: 'reason' },
          ]}
        />
        {q.hasNextPage && (
          <Button
            style={{ marginTop: 12 }}
            onClick={() => void q.fetchNextPage()}
            loading={q.isFetchingNextPage}
          >
            {t.more}
          </Button>
        )}
      </Card>
    </>
  );
}
