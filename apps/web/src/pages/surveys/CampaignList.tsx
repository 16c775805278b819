/** The campaigns the user sees, filtered by year; a campaign copied down is listed under its parent.
 * A manager opens a campaign. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { SurveyCampaignSummaryT } from '@chiso/contracts';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { listCampaigns } from '../../api/surveys.ts';
import { useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { CreateCampaign } from './CreateCampaign.tsx';

type Row = SurveyCampaignSummaryT & { children?: Row[] };

const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  open: 'green',
  closed: 'orange',
  published: 'blue',
};

export function CampaignStatusTag({ status }: { status: SurveyCampaignSummaryT['status'] }) {
  const { t } = useT();
  return <Tag color={STATUS_COLOR[status]}>{t.svStatusLabels[status]}</Tag>;
}

/** Children under their parent (when the parent is listed), in list order. */
function nest(items: readonly SurveyCampaignSummaryT[]): Row[] {
  const rows = new Map<string, Row>(items.map((c) => [c.id, { ...c }]));
  const roots: Row[] = [];
  for (const c of items) {
    const row = rows.get(c.id)!;
    const parent = c.parentId ? rows.get(c.parentId) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), row];
    else roots.push(row);
  }
  return roots;
}

export function CampaignList({ session }: { session: Session }) {
  const { t } = useT();
  const list = useQuery({ queryKey: ['survey-campaigns'], queryFn: listCampaigns });
  const [year, setYear] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const items = list.data?.items ?? [];
  const years = [...new Set(items.map((c) => c.year))].sort((a, b) => b - a);
  const shown = nest(year === null ? items : items.filter((c) => c.year === year));
  return (
    <Card
      title={t.svCampaigns}
      extra={
        <Space wrap>
          <Link to="/surveys/forms">{t.svForms}</Link>
          {can(session, 'survey.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setOpen(true)}
              data-testid="campaign-create"
            >
              {t.svOpenCampaign}
            </Button>
          )}
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Select<number | null>
          style={{ width: 160 }}
          value={year}
          onChange={setYear}
          aria-label={t.svYear}
          options={[
            { value: null, label: t.svAllYears },
            ...years.map((y) => ({ value: y, label: String(y) })),
          ]}
        />
      </Space>
      <Table<Row>
        rowKey="id"
        loading={list.isLoading}
        dataSource={shown}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t.svNone }}
        expandable={{ defaultExpandAllRows: true }}
        columns={[
          { title: t.svYear, dataIndex: 'year', width: 70 },
          {
            title: t.svName,
            render: (_, r) => (
              <Link to={`/surveys/${r.id}`} data-testid={`campaign-${r.code}-${r.ownerUnitName}`}>
                {r.name}
              </Link>
            ),
          },
          { title: t.svForm, dataIndex: 'formName', ellipsis: true },
          { title: t.svOwner, dataIndex: 'ownerUnitName' },
          { title: t.svStatus, width: 150, render: (_, r) => <CampaignStatusTag status={r.status} /> },
          {
            title: t.svPeriod,
            width: 200,
            render: (_, r) => `${dateOrDash(r.periodFrom)} – ${dateOrDash(r.periodTo)}`,
          },
        ]}
      />
      {open && <CreateCampaign session={session} onClose={() => setOpen(false)} />}
    </Card>
  );
}
