/** The appraisal matrix: per unit and field, how many criteria are appraised and what waits for the
 * unit or for a decision; where levels approve, where each result stands and the level's actions. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppraisalMatrixT } from '@chiso/contracts';
import { isEditable } from '@chiso/domain';
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { approveAppraisal, sendBackAppraisal } from '../../api/assessments.ts';
import { getMatrix } from '../../api/cycles.ts';
import { fill, useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';
import { assessmentStatusOf } from '../../ui/status.ts';
import { TextDialog } from '../../ui/TextDialog.tsx';

type MatrixRow = AppraisalMatrixT['rows'][number];
type Cell = MatrixRow['cells'][number];

/** Waiting for the unit, answered and waiting for a decision, not started, or done. */
const cellColor = (c: Cell) => (c.waiting ? 'orange' : c.answered ? 'gold' : c.pending ? 'default' : 'green');

export function Matrix({ id }: { id: string }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [sendBack, setSendBack] = useState<MatrixRow | null>(null);
  const act = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      await qc.invalidateQueries({ queryKey: ['cycle', id] });
    } catch (e) {
      message.error(errText(e, 'problems'));
    }
  };
  const m = useQuery({ queryKey: ['cycle', id, 'matrix'], queryFn: () => getMatrix(id) });
  const approvalColumn = {
    title: t.cyApprovalByLevel,
    fixed: 'right' as const,
    render: (_: unknown, r: MatrixRow) =>
      r.approval.levels.length === 0 ? (
        '—'
      ) : (
        <Space direction="vertical" size={2} data-testid={`approval-${r.unitName}`}>
          <span style={{ fontSize: 12 }}>
            {isEditable(assessmentStatusOf(r.status))
              ? t.cyNotSubmitted
              : fill(r.approval.complete ? t.cyReached : t.cyAwaiting, { unit: r.approval.holderUnitName })}
          </span>
          <Space size={4}>
            {r.approval.canApprove && (
              <Button
                size="small"
                type="primary"
                onClick={() => void act(() => approveAppraisal(r.assessmentId), t.approved)}
              >
                {t.approve}
              </Button>
            )}
            {r.approval.canSendBack && (
              <Button size="small" onClick={() => setSendBack(r)}>
                {t.sendBack}
              </Button>
            )}
          </Space>
        </Space>
      ),
  };
  if (!m.data) return <Card loading />;
  const { fields, rows } = m.data;
  return (
    <>
      <Table<MatrixRow>
        size="small"
        rowKey="unitId"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          {
            title: t.unit,
            render: (_, r) => <Link to={`/assessments/${r.assessmentId}`}>{r.unitName}</Link>,
            fixed: 'left',
          },
          ...fields.map((f, k) => ({
            title: (
              <span title={f.title} data-testid={`matrix-field-${f.code}`}>
                {f.code}. {f.title}
              </span>
            ),
            width: 160,
            render: (_: unknown, r: MatrixRow) => {
              const c = r.cells[k]!;
              return (
                <Tag color={cellColor(c)} title={fill(t.cyCellTitle, { ...c })}>
                  {c.appraised}/{c.leaves}
                  {c.waiting ? fill(t.cyCellWaiting, { n: c.waiting }) : ''}
                  {c.answered ? fill(t.cyCellAnswered, { n: c.answered }) : ''}
                </Tag>
              );
            },
          })),
          ...(rows.some((r) => r.approval.levels.length > 0) ? [approvalColumn] : []),
        ]}
      />
      {sendBack && (
        <TextDialog
          key={sendBack.assessmentId}
          title={fill(t.cySendBackTitle, { unit: sendBack.unitName })}
          placeholder={t.sendBackReason}
          okText={t.sendBack}
          onSubmit={(reason) => act(() => sendBackAppraisal(sendBack.assessmentId, reason), t.sentBack)}
          onClose={() => setSendBack(null)}
        />
      )}
    </>
  );
}
