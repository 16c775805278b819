/** The report requests the user's units asked or are asked, with the due date (included) and the
 * state of the user's own units' reports; a coordinator asks for Mẫu 01/02 of a campaign. */
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ReportRequestListT, ReportSeriesListT } from '@chiso/contracts';
import { formatDateVi } from '@chiso/domain';
import { Button, Card, Dropdown, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { listReportRequests, listReportSeries } from '../../api/reports.ts';
import { fill, useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { CreateRequest } from './CreateRequest.tsx';
import { CreateUnitsRequest } from './CreateUnitsRequest.tsx';
import { StateTag } from './StateTag.tsx';

type Item = ReportRequestListT['items'][number];
type SeriesItem = ReportSeriesListT['items'][number];

export function RequestList({ session }: { session: Session }) {
  const { t } = useT();
  const list = useQuery({ queryKey: ['report-requests'], queryFn: listReportRequests });
  const series = useQuery({ queryKey: ['report-series'], queryFn: listReportSeries });
  const [open, setOpen] = useState<null | 'survey' | 'periodic' | 'adhoc'>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t.rpTitle}
        extra={
          can(session, 'report.manage') && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'periodic', label: <span data-testid="rp-new-periodic">{t.rpNewPeriodic}</span> },
                  { key: 'adhoc', label: <span data-testid="rp-new-adhoc">{t.rpNewAdHoc}</span> },
                  { key: 'survey', label: <span data-testid="rp-new-survey">{t.rpNewSurvey}</span> },
                ],
                onClick: ({ key }) => setOpen(key as 'survey' | 'periodic' | 'adhoc'),
              }}
            >
              <Button type="primary" icon={<PlusOutlined />} data-testid="rp-create">
                {t.rpCreate} <DownOutlined />
              </Button>
            </Dropdown>
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
                    {[r.campaignName ?? r.kindLabel, r.periodLabel, r.planNumber].filter(Boolean).join(' · ')}
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
        {open === 'survey' && <CreateRequest onClose={() => setOpen(null)} />}
        {(open === 'periodic' || open === 'adhoc') && (
          <CreateUnitsRequest mode={open} onClose={() => setOpen(null)} />
        )}
      </Card>
      <Card title={t.rpSeries}>
        <Table<SeriesItem>
          rowKey="id"
          loading={series.isLoading}
          dataSource={series.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t.rpSeriesNone} /> }}
          data-testid="rp-series-list"
          columns={[
            {
              title: t.rpName,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/reports/series/${r.id}`}>{r.title}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[
                      `${r.periodKindLabel} ${r.yearFrom === r.yearTo ? r.yearFrom : `${r.yearFrom}–${r.yearTo}`}`,
                      r.planNumber,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t.rpOwner, dataIndex: 'ownerUnitName', responsive: ['md'] },
            { title: t.rpDueRule, dataIndex: 'dueRuleText' },
          ]}
        />
      </Card>
    </Space>
  );
}
