/** A cycle's ranking: downloads, the publishing decision, the table. */
import type { CycleRankingT } from '@chiso/contracts';
import { Alert, Button, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { rankingExportUrl, rankingIssuerUrl } from '../../api/cycles.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { DocumentDialog, withSigner } from '../../ui/DocumentDialog.tsx';

/** "74.56" (API) → "74,56" (users). */
const decimalComma = (v: string) => v.replace('.', ',');

export function RankingTab({ id, ranking }: { id: string; ranking: CycleRankingT }) {
  const { t } = useT();
  const [docOpen, setDocOpen] = useState(false);
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
      </Space>
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
      <Table
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={ranking.items}
        data-testid="cycle-ranking"
        columns={[
          { title: t.resRank, dataIndex: 'rank', width: 70 },
          { title: t.unit, dataIndex: 'unitName' },
          { title: t.resTotal, dataIndex: 'total', render: decimalComma },
          { title: t.resIndex, dataIndex: 'index', render: decimalComma },
          { title: t.resClass, dataIndex: 'bandLabel' },
        ]}
      />
    </>
  );
}
