/** One report request: who asked, who receives, the due day, and the matrix of the units asked with
 * their state (chưa gửi, đã gửi đúng hạn, gửi muộn n ngày, quá hạn chưa gửi) and sending date. A unit
 * asked sees only its own row. */
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ReportRequestDetailT } from '@chiso/contracts';
import { formatDateTimeVi, formatDateVi } from '@chiso/domain';
import { Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { consolidatedUrl, getReportRequest, letterUrl } from '../../api/reports.ts';
import { download } from '../../ui/download.ts';
import { fill, useT } from '../../i18n.ts';
import { StateTag } from './StateTag.tsx';

type Row = ReportRequestDetailT['rows'][number];

export function RequestView({ id }: { id: string }) {
  const { t } = useT();
  const q = useQuery({ queryKey: ['report-request', id], queryFn: () => getReportRequest(id) });
  const r = q.data;
  const status = (s: string) => (s === 'sent' ? t.rpSent : s === 'approved' ? t.rpApproved : t.rpDraft);
  return (
    <Card
      loading={q.isLoading}
      title={
        <Typography.Text style={{ whiteSpace: 'normal' }}>
          <Link to="/reports" aria-label={t.rpBack}>
            <ArrowLeftOutlined />
          </Link>{' '}
          {r?.title}
          {r?.periodLabel ? ` — ${r.periodLabel}` : ''}
        </Typography.Text>
      }
      extra={
        (r?.kind === 'periodic' || r?.kind === 'ad_hoc') && (
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(letterUrl(id, 'docx'))}
              data-testid="rp-letter"
            >
              {t.rpLetter}
            </Button>
            {r.role === 'requester' && (
              <>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => void download(consolidatedUrl(id, 'docx'))}
                  data-testid="rp-consolidated"
                >
                  {t.rpConsolidated}
                </Button>
                <Button icon={<DownloadOutlined />} onClick={() => void download(consolidatedUrl(id, 'pdf'))}>
                  {t.rpConsolidatedPdf}
                </Button>
              </>
            )}
          </Space>
        )
      }
    >
      {r && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t.rpOwner}>{r.ownerUnitName}</Descriptions.Item>
            <Descriptions.Item label={t.rpReceiver}>
              {r.receivingUnitName ?? r.ownerUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t.rpDue}>
              {fill(t.rpDueIncluded, { date: formatDateVi(r.dueOn) })}
            </Descriptions.Item>
            {r.campaignName && <Descriptions.Item label={t.rpCampaign}>{r.campaignName}</Descriptions.Item>}
            {r.planNumber && r.planId && (
              <Descriptions.Item label={t.rpPlan}>
                <Link to={`/plans/${r.planId}`}>{r.planNumber}</Link>
              </Descriptions.Item>
            )}
            {r.seriesId && (
              <Descriptions.Item label={t.rpSeries}>
                <Link to={`/reports/series/${r.seriesId}`}>{t.rpOpenSeries}</Link>
              </Descriptions.Item>
            )}
            {r.role === 'requester' && (
              <Descriptions.Item label={t.rpProgress}>
                {fill(t.rpProgressOf, { sent: r.sent, asked: r.asked, late: r.late })}
              </Descriptions.Item>
            )}
          </Descriptions>
          {(r.kind === 'periodic' || r.kind === 'ad_hoc') && (
            <>
              <Typography.Title level={5}>{t.rpOutlineList}</Typography.Title>
              <ol data-testid="rp-outline">
                {r.outline.map((o) => (
                  <li key={o.code}>{o.title}</li>
                ))}
              </ol>
            </>
          )}
          <Typography.Title level={5}>{r.role === 'requester' ? t.rpMatrix : t.rpMine}</Typography.Title>
          <Table<Row>
            rowKey="unitId"
            size="small"
            pagination={false}
            dataSource={r.rows}
            scroll={{ x: 560 }}
            data-testid="rp-matrix"
            columns={[
              {
                title: t.rpUnit,
                width: 220,
                render: (_, x) => <Link to={`/reports/${id}?unit=${x.unitId}`}>{x.unitName}</Link>,
              },
              { title: t.rpStatus, render: (_, x) => <StateTag state={x.state} label={x.label} /> },
              { title: t.status, render: (_, x) => status(x.status), responsive: ['md'] },
              {
                title: t.rpSentAt,
                render: (_, x) => (x.sentAt ? formatDateTimeVi(x.sentAt) : '—'),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
