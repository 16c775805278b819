/** A cycle's ranking: downloads, the publishing decision, the table. */
import type { CycleRankingT } from '@chiso/contracts';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { decisionIssuerUrl, decisionUrl, rankingExportUrl, rankingIssuerUrl } from '../../api/cycles.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { DocumentDialog, withSigner } from '../../ui/DocumentDialog.tsx';
import { Movement } from '../../ui/Movement.tsx';

/** "74.56" (API) → "74,56" (users). */
const decimalComma = (v: string) => v.replace('.', ',');

export function RankingTab({ id, ranking }: { id: string; ranking: CycleRankingT }) {
  const { t } = useT();
  const [docOpen, setDocOpen] = useState(false);
  const [decisionOpen, setDecisionOpen] = useState(false);
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => setDocOpen(true)}
          data-testid="ranking-download"
        >
          {t.docDownload}
        </Button>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => setDecisionOpen(true)}
          data-testid="decision-download"
        >
          {t.pdDownload}
        </Button>
      </Space>
      <DocumentDialog
        open={decisionOpen}
        title={t.pdTitle}
        issuerUrl={decisionIssuerUrl(id)}
        formats={['docx', 'pdf']}
        urlFor={(f, signer) => withSigner(decisionUrl(id, f as 'docx' | 'pdf'), signer)}
        onClose={() => setDecisionOpen(false)}
      />
      <DocumentDialog
        open={docOpen}
        title={t.docDownload}
        issuerUrl={rankingIssuerUrl(id)}
        formats={['docx', 'pdf', 'xlsx']}
        urlFor={(f, signer) => withSigner(rankingExportUrl(id, f), signer)}
        onClose={() => setDocOpen(false)}
      />
      {ranking.decisionNumber && (
        <Alert
          type="success"
          message={fill(t.cyPublishedBy, {
            number: ranking.decisionNumber,
            date: dateOrDash(ranking.decisionDate),
          })}
          style={{ marginBottom: 8 }}
        />
      )}
      {ranking.groups.map((g) => (
        <div key={g.key} data-testid={`cycle-ranking-group-${g.key || 'all'}`}>
          {g.name && (
            <Typography.Title level={5} style={{ marginTop: 8 }}>
              {g.name}{' '}
              <Typography.Text type="secondary">({fill(t.rgGroupCount, { n: g.size })})</Typography.Text>
            </Typography.Title>
          )}
          <RankingTable items={ranking.items.filter((i) => i.rankGroup === g.key)} />
        </div>
      ))}
    </>
  );
}

/** One group's table: "xếp thứ k/N" counts the group. */
function RankingTable({ items }: { items: CycleRankingT['items'] }) {
  const { t } = useT();
  return (
    <Table
      size="small"
      rowKey="unitId"
      pagination={false}
      dataSource={items}
      data-testid="cycle-ranking"
      columns={[
        {
          title: t.resRank,
          width: 80,
          render: (_, r) => (r.rank === null ? '—' : `${r.rank}/${r.rankedOf}`),
        },
        { title: t.unit, dataIndex: 'unitName' },
        { title: t.resTotal, dataIndex: 'total', render: decimalComma },
        { title: t.resIndex, dataIndex: 'index', render: decimalComma },
        { title: t.resClass, dataIndex: 'bandLabel' },
        { title: t.pdPrevious, render: (_, r) => <Movement m={r.movement} /> },
      ]}
    />
  );
}
