/** The report requests the user's units asked or are asked, with the due date (included) and the
 * state of the user's own units' reports; a coordinator asks for Mẫu 01/02 of a campaign. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ReportRequestListT } from '@chiso/contracts';
import { formatDateVi } from '@chiso/domain';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { listReportRequests } from '../../api/reports.ts';
import { fill, useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { CreateRequest } from './CreateRequest.tsx';
import { StateTag } from './StateTag.tsx';

type Item = ReportRequestListT['items'][number];

export function RequestList({ session }: { session: Session }) {
  const { t } = useT();
  const list = useQuery({ queryKey: ['report-requests'], queryFn: listReportRequests });
  const [open, setOpen] = useState(false);
  return (
    <Card
      title={t.rpTitle}
      extra={
        can(session, 'report.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="rp-create"
          >
            {t.rpCreate}
          </Button>
        )
      }
    >
      <Table<Item>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t.rpNone} /> }}
        data-testid="rp-list"
        columns={[
          {
            title: t.rpName,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/reports/${r.id}`}>{r.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.campaignName ?? r.kindLabel}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t.rpOwner, dataIndex: 'ownerUnitName', responsive: ['md'] },
          {
            title: t.rpDue,
            width: 120,
            render: (_, r) => <Tag color="blue">{formatDateVi(r.dueOn)}</Tag>,
          },
          {
            title: t.rpStatus,
            render: (_, r) =>
              r.role === 'requester' ? (
                <Typography.Text>
                  {fill(t.rpProgressOf, { sent: r.sent, asked: r.asked, late: r.late })}
                </Typography.Text>
              ) : (
                r.own.map((o) => (
                  <div key={o.unitId}>
                    <Link to={`/reports/${r.id}?unit=${o.unitId}`}>{o.unitName}</Link>{' '}
                    <StateTag state={o.state} label={o.label} />
                  </div>
                ))
              ),
          },
        ]}
      />
      {open && <CreateRequest onClose={() => setOpen(false)} />}
    </Card>
  );
}
