import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { formatDateTimeVi, matchesSearch, parseDateVi } from '@chiso/domain';
import { Button, Card, Descriptions, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { listAudit, type AuditFilter } from '../api/audit.ts';
import { listUnits } from '../api/units.ts';
import { useT } from '../i18n.ts';

const ACTION_LABELS: Record<string, string> = {
  'unit.create': 'Tạo đơn vị',
  'unit.update': 'Sửa đơn vị',
  'unit.move': 'Chuyển đơn vị',
  'unit.merge': 'Sáp nhập đơn vị',
  'unit.abolish': 'Giải thể đơn vị',
  'user.create': 'Tạo người dùng',
  'user.update': 'Sửa người dùng',
  'user.update_password_reset': 'Đặt lại mật khẩu',
  'user.password_changed': 'Đổi mật khẩu',
  'user.locked': 'Khóa tạm thời do đăng nhập sai',
  'grant.create': 'Cấp quyền',
  'grant.revoke': 'Thu hồi quyền',
  'grant.carry': 'Chuyển quyền sang đơn vị kế thừa',
};

function Diff({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return (
    <Descriptions size="small" column={1} bordered>
      {keys.map((k) => {
        const bv = JSON.stringify(b[k] ?? null);
        const av = JSON.stringify(a[k] ?? null);
        return (
          <Descriptions.Item key={k} label={k}>
            {bv === av ? (
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
            options={[
              { value: 'unit', label: 'Đơn vị' },
              { value: 'user', label: 'Người dùng' },
              { value: 'grant', label: 'Quyền' },
            ]}
            onChange={(v) => setF({ ...f, entity: v ?? undefined })}
          />
          <Input
            placeholder={t.action}
            allowClear
            style={{ width: 160 }}
            onBlur={(e) => setF({ ...f, action: e.target.value || undefined })}
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
            placeholder="Từ ngày dd/mm/yyyy"
            style={{ width: 170 }}
            onBlur={(e) => setF({ ...f, from: date(e.target.value) })}
          />
          <Input
            placeholder="Đến ngày dd/mm/yyyy"
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
            { title: t.action, dataIndex: 'action', render: (v: string) => ACTION_LABELS[v] ?? v },
            { title: t.entity, dataIndex: 'entity' },
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
