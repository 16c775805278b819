/** One unit's task (/tasks/:id): the task, where the unit stands, its progress; the unit records
 * progress and reports it done, the plan's issuer accepts it or returns it with a reason. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskInstanceDetailT } from '@chiso/contracts';
import { decimalVi, formatDateTimeVi } from '@chiso/domain';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { evidenceFileUrl, listEvidence } from '../../api/assessments.ts';
import { acceptDone, declareDone, getInstance, reportProgress, returnDone } from '../../api/tasks.ts';
import { useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';
import { TaskStatusTag } from '../../ui/TaskStatusTag.tsx';

export function InstanceView({ id }: { id: string }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['tasks', 'instance', id], queryFn: () => getInstance(id) });
  const unitId = q.data?.unitId;
  const docs = useQuery({
    queryKey: ['evidence', unitId],
    queryFn: () => listEvidence(unitId!),
    enabled: !!unitId && !!q.data?.canReport,
  });
  const run = async (f: () => Promise<TaskInstanceDetailT>) => {
    setError(null);
    try {
      qc.setQueryData(['tasks', 'instance', id], await f());
      await qc.invalidateQueries({ queryKey: ['tasks'] });
      message.success(t.tkSaved);
      return true;
    } catch (e) {
      setError(errText(e));
      return false;
    }
  };
  if (q.error) return <Alert type="error" showIcon message={errText(q.error)} />;
  const x = q.data;
  if (!x) return <Card loading />;
  const task = x.task;
  const record = async () => {
    const v = (await form.validateFields()) as { value?: string; note: string; evidenceId?: string };
    const body = {
      note: v.note,
      ...(v.value ? { value: v.value } : {}),
      ...(v.evidenceId ? { evidenceId: v.evidenceId } : {}),
    };
    if (await run(() => reportProgress(id, body))) form.resetFields();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <span data-testid="tk-title">
            <Link to="/tasks">{t.tkBack}</Link> / {x.unitName}
          </span>
        }
        extra={<TaskStatusTag status={x.status} />}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {x.returnReason && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${t.tkReturned}: ${x.returnReason}`}
          />
        )}
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t.tkPlan} span={2}>
            <Link to={`/plans/${task.planId}`}>
              {task.planNumber} — {task.issuingUnitName}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t.tkContent} span={2}>
            {task.section ? `${task.section} — ` : ''}
            {task.content}
          </Descriptions.Item>
          <Descriptions.Item label={t.tkLead}>{task.leadUnitName ?? task.leadGroup}</Descriptions.Item>
          <Descriptions.Item label={t.tkCoordinators}>
            {[...task.coordinators, ...(task.coordinatingText ? [task.coordinatingText] : [])].join('; ') ||
              '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.tkDue}>
            {task.dueOn ? dateOrDash(task.dueOn) : task.recurrenceLabel}
          </Descriptions.Item>
          <Descriptions.Item label={t.tkTarget}>{task.targetText ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.tkReceiving}>{task.receivingUnitName}</Descriptions.Item>
          <Descriptions.Item label={t.tkLast}>
            {x.lastValue === null ? '—' : decimalVi(x.lastValue)}{' '}
            {x.targetMet !== null && (
              <Tag color={x.targetMet ? 'green' : 'orange'}>{x.targetMet ? t.tkMet : t.tkNotMet}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t.tkDeclaredOn}>
            {x.declaredOn ? `${dateOrDash(x.declaredOn)} — ${x.declaredByName ?? ''}` : '—'}
            {x.declaredNote ? ` (${x.declaredNote})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t.tkAcceptedBy}>
            {x.acceptedAt ? `${x.acceptedByName ?? ''} — ${formatDateTimeVi(x.acceptedAt)}` : '—'}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          {x.canReport && !x.declaredOn && (
            <Button type="primary" data-testid="tk-declare" onClick={() => void run(() => declareDone(id))}>
              {t.tkDeclare}
            </Button>
          )}
          {x.canAccept && (
            <>
              <Button type="primary" data-testid="tk-accept" onClick={() => void run(() => acceptDone(id))}>
                {t.tkAccept}
              </Button>
              <Button danger data-testid="tk-return" onClick={() => setReturning(true)}>
                {t.tkReturn}
              </Button>
            </>
          )}
        </Space>
      </Card>
      <Card size="small" title={t.tkProgress}>
        {x.canReport && (
          <Form form={form} layout="vertical" style={{ maxWidth: 640 }}>
            <Form.Item name="value" label={t.tkValue} extra={t.tkValueHint}>
              <Input style={{ width: 200 }} inputMode="decimal" data-testid="tk-value" />
            </Form.Item>
            <Form.Item name="note" label={t.tkNote} rules={[{ required: true, message: t.tkRequired }]}>
              <Input.TextArea rows={2} data-testid="tk-note" />
            </Form.Item>
            <Form.Item name="evidenceId" label={t.tkEvidence}>
              <Select
                allowClear
                style={{ maxWidth: 520 }}
                options={(docs.data?.items ?? []).map((e) => ({
                  value: e.id,
                  label: `${e.numberSymbol} — ${e.summary}`,
                }))}
              />
            </Form.Item>
            <Button onClick={() => void record()} data-testid="tk-record">
              {t.tkRecord}
            </Button>
          </Form>
        )}
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          style={{ marginTop: 12 }}
          dataSource={x.progress}
          locale={{ emptyText: t.tkNoProgress }}
          columns={[
            { title: t.tkDate, render: (_, p) => dateOrDash(p.reportedOn) },
            { title: t.tkValue, render: (_, p) => (p.value === null ? '—' : decimalVi(p.value)) },
            { title: t.tkNote, dataIndex: 'note' },
            {
              title: t.tkEvidence,
              render: (_, p) =>
                p.evidenceId ? (
                  <a href={evidenceFileUrl(p.evidenceId)} target="_blank" rel="noreferrer">
                    {t.tkOpen}
                  </a>
                ) : (
                  '—'
                ),
            },
            { title: t.tkBy, dataIndex: 'byName' },
          ]}
        />
      </Card>
      {returning && (
        <Modal
          open
          title={t.tkReturn}
          okText={t.tkReturn}
          okButtonProps={{ danger: true, disabled: !reason.trim() }}
          onCancel={() => setReturning(false)}
          onOk={() =>
            void run(() => returnDone(id, reason.trim())).then((ok) => {
              if (ok) setReturning(false);
            })
          }
        >
          <Input.TextArea
            rows={3}
            placeholder={t.tkReturnReason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="tk-reason"
          />
        </Modal>
      )}
    </Space>
  );
}
