/** A cycle's ranking: downloads, the publishing decision, the table. */
import type { CycleRankingT } from '@chiso/contracts';
import { Alert, Button, Space, Table } from 'antd';
import { rankingExportUrl } from '../../api/cycles.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { download } from '../../ui/download.ts';

/** "74.56" (API) → "74,56" (users). */
const decimalComma = (v: string) => v.replace('.', ',');

export function RankingTab({ id, ranking }: { id: string; ranking: CycleRankingT }) {
  const { t } = useT();
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        {(['docx', 'pdf', 'xlsx'] as const).map((f) => (
          <Button key={f} size="small" onClick={() => download(rankingExportUrl(id, f))}>
            {t.downloadAs[f]}
          </Button>
        ))}
      </Space>
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
