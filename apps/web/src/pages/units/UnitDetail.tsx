/** One unit: its place in the tree, the changes a coordinator may make, its history and lineage. */
import type { LineageEntryT, UnitDetailT } from '@chiso/contracts';
import { formatDateVi, UNIT_KIND_LABELS } from '@chiso/domain';
import { Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import type { UnitDialogKind } from './UnitDialog.tsx';

const LINEAGE_LABELS: Record<LineageEntryT['type'], string> = {
  merge: 'Sáp nhập',
  abolish: 'Giải thể',
  move: 'Chuyển',
  split: 'Chia tách',
};

export function UnitDetail({
  detail: d,
  onOpen,
  onCarry,
  may,
}: {
  detail: UnitDetailT;
  onOpen: (dialog: UnitDialogKind) => void;
  /** Carry the grants of this closed unit to its successor. */
  onCarry: (carry: { from: string[]; to: string }) => void;
  /** What the user may do on this unit (from the session's capabilities): nothing else is shown. */
  may: { write: boolean; reorganise: boolean; carry: boolean };
}) {
  const { t, lang } = useT();
  return (
    <>
      <Typography.Paragraph type="secondary">{d.path.map((p) => p.name).join(' › ')}</Typography.Paragraph>
      {!d.unit.closed && (may.write || may.reorganise) && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="unit-actions">
          {may.write && <Button onClick={() => onOpen('edit')}>{t.edit}</Button>}
          {may.write && <Button onClick={() => onOpen('move')}>{t.move}</Button>}
          {may.reorganise && <Button onClick={() => onOpen('merge')}>{t.merge}</Button>}
          {may.reorganise && (
            <Button onClick={() => onOpen('abolish')} danger>
              {t.abolish}
            </Button>
          )}
          {may.reorganise && <Button onClick={() => onOpen('level')}>{t.abolishLevel}</Button>}
        </Space>
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.code}>{d.unit.code}</Descriptions.Item>
        <Descriptions.Item label={t.shortName}>{d.unit.shortName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.kind}>{UNIT_KIND_LABELS[d.unit.kind][lang]}</Descriptions.Item>
        <Descriptions.Item label={t.validFrom}>
          {formatDateVi(d.unit.validFrom)}
          {d.unit.validTo && ` – ${formatDateVi(d.unit.validTo)}`}{' '}
          {d.unit.closed && <Tag color="default">{t.closed}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t.history}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r.validFrom}
        dataSource={d.history}
        columns={[
          { title: t.validFrom, dataIndex: 'validFrom', render: (v: string) => formatDateVi(v) },
          { title: t.validTo, dataIndex: 'validTo', render: (v: string | null) => dateOrDash(v) },
          { title: t.name, dataIndex: 'name' },
          { title: t.code, dataIndex: 'code' },
          { title: t.parent, dataIndex: 'parentName' },
        ]}
      />
      {d.lineage.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t.lineage}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.eventId}-${r.fromUnitId}`}
            dataSource={d.lineage}
            columns={[
              { title: t.effectiveDate, dataIndex: 'effectiveDate', render: (v: string) => formatDateVi(v) },
              {
                title: t.action,
                dataIndex: 'type',
                render: (v: LineageEntryT['type']) => LINEAGE_LABELS[v] ?? v,
              },
              { title: 'Từ', dataIndex: 'fromUnitName' },
              { title: 'Sang', dataIndex: 'toUnitName' },
              { title: t.decision, dataIndex: 'decision' },
              { title: t.reason, dataIndex: 'reason' },
            ]}
          />
          {d.unit.closed && may.carry && (
            <Button
              style={{ marginTop: 8 }}
              onClick={() =>
                onCarry({
                  from: [d.unit.id],
                  to: d.lineage.find((l) => l.fromUnitId === d.unit.id)?.toUnitId ?? '',
                })
              }
            >
              {t.carryGrants}
            </Button>
          )}
        </>
      )}
    </>
  );
}
