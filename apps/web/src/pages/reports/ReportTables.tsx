/** The computed tables of Mẫu 01 (unit × field: target, issued — typed —, returned, valid, index) and
 * Mẫu 02 (per rated unit: invitations, answers, index per content). Indices with a decimal comma. */
import type { ReportSubmissionViewT } from '@chiso/contracts';
import { formatIndexPercent } from '@chiso/domain';
import { InputNumber, Table, Typography } from 'antd';
import { useT } from '../../i18n.ts';

type M1 = NonNullable<ReportSubmissionViewT['mau01']>;
type M2 = NonNullable<ReportSubmissionViewT['mau02']>;

export function Mau01Table({
  table,
  editable,
  figures,
  onFigure,
}: {
  table: M1;
  editable: boolean;
  figures: Record<string, number | null>;
  onFigure: (key: string, v: number | null) => void;
}) {
  const { t } = useT();
  type Row = M1['rows'][number];
  return (
    <Table<Row>
      rowKey="issuedKey"
      size="small"
      pagination={false}
      dataSource={table.rows}
      scroll={{ x: 720 }}
      data-testid="rp-mau01"
      columns={[
        { title: t.rpUnit, dataIndex: 'unitName' },
        { title: t.rpField, dataIndex: 'fieldName' },
        {
          title: t.rpTarget,
          dataIndex: 'target',
          align: 'right',
          width: 80,
          render: (v: number | null) => v ?? '—',
        },
        {
          title: t.rpIssued,
          width: 110,
          align: 'right',
          render: (_, r) =>
            editable ? (
              <InputNumber
                min={0}
                precision={0}
                size="small"
                style={{ width: 90 }}
                value={figures[r.issuedKey] ?? null}
                onChange={(v) => onFigure(r.issuedKey, typeof v === 'number' ? v : null)}
                aria-label={`${t.rpIssued} — ${r.unitName} — ${r.fieldName}`}
                data-testid={`rp-issued-${r.issuedKey}`}
              />
            ) : (
              (r.issued ?? '—')
            ),
        },
        { title: t.rpReturned, dataIndex: 'returned', align: 'right', width: 80 },
        { title: t.rpValid, dataIndex: 'valid', align: 'right', width: 80 },
        { title: t.rpIndex, align: 'right', width: 110, render: (_, r) => formatIndexPercent(r.index) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={3}>
            <Typography.Text strong>{t.rpTotal}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {table.totals.issued ?? '—'}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {table.totals.returned}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">
            {table.totals.valid}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={6} align="right">
            <Typography.Text strong>{formatIndexPercent(table.totals.index)}</Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

export function Mau02Table({ data }: { data: M2 }) {
  const { t } = useT();
  type Row = M2['rows'][number];
  return (
    <Table<Row>
      rowKey="unitId"
      size="small"
      pagination={false}
      dataSource={data.rows}
      scroll={{ x: 720 }}
      data-testid="rp-mau02"
      columns={[
        { title: t.rpUnit, dataIndex: 'unitName' },
        { title: t.rpInvitations, dataIndex: 'invitations', align: 'right', width: 90 },
        { title: t.rpAnswers, dataIndex: 'answers', align: 'right', width: 90 },
        ...data.elements.map((e) => ({
          title: e.name,
          key: e.code,
          align: 'right' as const,
          width: 120,
          render: (_: unknown, r: Row) => formatIndexPercent(r.elements[e.code] ?? null),
        })),
        { title: t.rpOverall, align: 'right', width: 100, render: (_, r) => formatIndexPercent(r.index) },
      ]}
    />
  );
}
