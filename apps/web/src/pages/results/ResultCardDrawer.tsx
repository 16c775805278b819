/** A unit's result card: total, index, class and rank; the points of every criterion with how they
 * were computed; the points lost; the change from its previous result. */
import { FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ResultNodeT } from '@chiso/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Row as GridRow,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { getResult } from '../../api/results.ts';
import { useT } from '../../i18n.ts';
import { Movement } from '../../ui/Movement.tsx';
import { signed, vn, vnFixed } from './format.ts';

/** A criterion as a table row: keyed by code, leaves without `children` (antd would show them as
 * expandable). */
type Row = Omit<ResultNodeT, 'children'> & { key: string; children?: Row[] };
const toRow = (n: ResultNodeT): Row => ({
  ...n,
  key: n.code,
  children: n.children.length ? n.children.map(toRow) : undefined,
});

export function ResultCardDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useT();
  const card = useQuery({ queryKey: ['result', id], queryFn: () => getResult(id) });
  const c = card.data;
  return (
    <Drawer
      open
      width={960}
      onClose={onClose}
      title={c ? `${c.result.unitName} — ${c.result.year}` : t.loading}
      extra={
        c && (
          <Link to={`/plans/improvement/${id}`} data-testid="result-improve">
            <Button icon={<FileTextOutlined />}>{t.imOpen}</Button>
          </Link>
        )
      }
    >
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="result-card">
          <GridRow gutter={16}>
            <Col span={6}>
              <Statistic title={t.resTotal} value={`${vn(c.result.total)}/${vn(c.result.applicableMax)}`} />
            </Col>
            <Col span={6}>
              <Statistic title={t.resIndex} value={vnFixed(c.result.index)} />
            </Col>
            <Col span={6}>
              <Statistic title={t.resClass} value={c.result.bandLabel ?? '—'} />
            </Col>
            <Col span={6}>
              <Statistic title={t.resRank} value={`${c.result.rank ?? '—'}/${c.rankedOf}`} />
              <Movement m={c.movement} />
            </Col>
          </GridRow>
          <Typography.Text type="secondary">{c.explanation}</Typography.Text>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t.frameworks}>
              {c.framework.name} (v{c.framework.version})
            </Descriptions.Item>
            <Descriptions.Item label={t.resMode}>
              {c.result.mode === 'fields' ? t.resModeFields : t.resModeLeaves}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t.resFields}>
            <Table<Row>
              size="small"
              pagination={false}
              rowKey="code"
              dataSource={(c.tree as ResultNodeT[]).map(toRow)}
              columns={[
                { title: t.code, dataIndex: 'code', width: 90 },
                { title: t.fwCriterion, dataIndex: 'title' },
                { title: t.resInput, dataIndex: 'input', width: 90 },
                { title: t.resPoints, render: (_, n) => `${vn(n.points)}/${vn(n.max)}`, width: 100 },
                {
                  title: t.resExplanation,
                  render: (_, n) => (
                    <span>
                      <Typography.Text type="secondary">{n.rule}: </Typography.Text>
                      {n.explanation}
                    </span>
                  ),
                },
              ]}
            />
          </Card>
          <GridRow gutter={16}>
            <Col span={12}>
              <Card size="small" title={t.resLost}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="code"
                  dataSource={c.lost}
                  data-testid="res-lost"
                  columns={[
                    { title: t.code, dataIndex: 'code', width: 70 },
                    { title: t.fwCriterion, dataIndex: 'title' },
                    { title: t.resLostPoints, dataIndex: 'lost', render: (v: string) => vn(v), width: 90 },
                  ]}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t.resChange}>
                {c.previous ? (
                  <>
                    <Typography.Paragraph>
                      {t.resComparedWith} {c.previous.year} ({c.previous.frameworkCode} v
                      {c.previous.frameworkVersion}): <b>{signed(c.previous.totalChange)}</b>{' '}
                      {t.resPointsWord}, {t.resIndex.toLowerCase()} <b>{signed(c.previous.indexChange)}</b>
                    </Typography.Paragraph>
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="code"
                      dataSource={c.previous.fields}
                      columns={[
                        { title: t.code, dataIndex: 'code', width: 60 },
                        { title: t.fwCriterion, dataIndex: 'title' },
                        {
                          title: String(c.previous.year),
                          dataIndex: 'before',
                          render: (v: string | null) => vn(v),
                          width: 70,
                        },
                        {
                          title: String(c.result.year),
                          dataIndex: 'now',
                          render: (v: string) => vn(v),
                          width: 70,
                        },
                        {
                          title: '±',
                          dataIndex: 'change',
                          render: (v: string | null) => signed(v),
                          width: 70,
                        },
                      ]}
                    />
                    {c.previous.unmatchedBefore.length > 0 && (
                      <Alert
                        type="info"
                        style={{ marginTop: 8 }}
                        message={`${t.resUnmatched}: ${c.previous.unmatchedBefore.map((u) => `${u.code} ${u.title}`).join('; ')}`}
                      />
                    )}
                  </>
                ) : (
                  <Empty description={t.resNoPrevious} />
                )}
              </Card>
            </Col>
          </GridRow>
        </Space>
      )}
    </Drawer>
  );
}
