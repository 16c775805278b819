/** A periodic report (/reports/series/:id): the due rule and the matrix unit × period — on time, late
 * (accepted, marked), overdue and not sent, not due yet —, each cell opening the unit's report of that
 * period. A unit asked sees only its own row. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ReportSeriesDetailT } from '@chiso/contracts';
import { formatDateVi } from '@chiso/domain';
import { Card, Descriptions, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { getReportSeries } from '../../api/reports.ts';
import { fill, useT } from '../../i18n.ts';
import { StateTag } from './StateTag.tsx';

type Row = ReportSeriesDetailT['rows'][number];

export function SeriesView({ id }: { id: string }) {
  const { t } = useT();
  const q = useQuery({ queryKey: ['report-series', id], queryFn: () => getReportSeries(id) });
  const s = q.data;
  return (
    <Card
      loading={q.isLoading}
      title={
        <Typography.Text style={{ whiteSpace: 'normal' }}>
          <Link to="/reports" aria-label={t.rpBack}>
            <ArrowLeftOutlined />
          </Link>{' '}
          {s?.title}
        </Typography.Text>
      }
    >
      {q.error && <Typography.Text type="danger">{String(q.error.message)}</Typography.Text>}
      {s && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t.rpOwner}>{s.ownerUnitName}</Descriptions.Item>
            <Descriptions.Item label={t.rpReceiver}>
              {s.receivingUnitName ?? s.ownerUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t.rpPeriodKind}>
              {s.periodKindLabel} ({s.yearFrom === s.yearTo ? s.yearFrom : `${s.yearFrom}–${s.yearTo}`})
            </Descriptions.Item>
            <Descriptions.Item label={t.rpDueRule}>{s.dueRuleText}</Descriptions.Item>
            {s.planNumber && s.planId && (
              <Descriptions.Item label={t.rpPlan}>
                <Link to={`/plans/${s.planId}`}>{s.planNumber}</Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t.rpProgress}>
              <span data-testid="rp-series-counts">{fill(t.rpCounts, s.counts)}</span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{s.role === 'requester' ? t.rpMatrix : t.rpMine}</Typography.Title>
          <Table<Row>
            rowKey="unitId"
            size="small"
            bordered
            pagination={false}
            dataSource={s.rows}
            scroll={{ x: 220 + 170 * s.periods.length }}
            data-testid="rp-series-matrix"
            columns={[
              { title: t.rpUnit, dataIndex: 'unitName', width: 220, fixed: 'left' },
              ...s.periods.map((p, i) => ({
                key: p.requestId,
                width: 170,
                title: (
                  <Link to={`/reports/${p.requestId}`}>
                    {p.label}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                      {fill(t.rpDueIncluded, { date: formatDateVi(p.dueOn) })}
                    </Typography.Text>
                  </Link>
                ),
                render: (_: unknown, r: Row) => {
                  const c = r.cells.find((x) => x.requestId === p.requestId) ?? r.cells[i];
                  return c ? (
                    <Link to={`/reports/${c.requestId}?unit=${r.unitId}`} data-testid={`cell-${i}`}>
                      <StateTag state={c.state} label={c.label} />
                    </Link>
                  ) : (
                    '—'
                  );
                },
              })),
            ]}
          />
        </>
      )}
    </Card>
  );
}
