/** /surveys/:id/postaudit — post-audit: setup and the reproducible sample, progress and flagged units,
 * assignments, a phone revealed one ballot at a time to assigned users only (each view logged),
 * outcomes, invalidation of a failed ballot, closing. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyPostauditViewT } from '@chiso/contracts';
import { formatDateVi, POSTAUDIT_OUTCOMES, type PostauditOutcome } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  assignable,
  assignPostauditor,
  closePostaudit,
  getPostaudit,
  invalidateBallot,
  recordOutcome,
  redraw,
  revealContact,
  setupPostaudit,
} from '../../api/surveyPostaudit.ts';
import { fill, useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';
import { TextDialog } from '../../ui/TextDialog.tsx';

type Item = SurveyPostauditViewT['items'][number];
/** Hundredths of a percent with a decimal comma: 3333 → "33,33 %". */
const pct = (h: number | null) => (h === null ? '—' : `${(h / 100).toFixed(2).replace('.', ',')} %`);
const FAILED: PostauditOutcome[] = ['denied', 'differs'];

export default function SurveyPostaudit() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['survey', id, 'postaudit'], queryFn: () => getPostaudit(id) });
  const act = async (fn: () => Promise<unknown>, ok?: string) => {
    try {
      await fn();
      if (ok) message.success(ok);
      await qc.invalidateQueries({ queryKey: ['survey', id, 'postaudit'] });
    } catch (e) {
      message.error(errText(e));
    }
  };
  if (q.error)
    return <Alert type="error" showIcon message={errText(q.error)} data-testid="postaudit-error" />;
  const v = q.data;
  const open = v?.setup?.state === 'open';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Link to={`/surveys/${id}`}>← {t.agBack}</Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.paTitle}
          {v ? ` — ${v.campaignName}` : ''}
        </Typography.Title>
      </Space>
      {v &&
        !v.setup &&
        (v.canManage ? <SetupForm id={id} act={act} /> : <Alert type="info" message={t.paNone} />)}
      {v?.setup && (
        <Card
          title={t.paSetup}
          extra={
            v.canManage &&
            open && (
              <Space wrap>
                <Button
                  onClick={() =>
                    act(async () => {
                      const r = await redraw(id);
                      message.info(r.same ? t.paSame : t.paChanged);
                    })
                  }
                  disabled={v.items.some((i) => i.outcome)}
                >
                  {t.paRedraw}
                </Button>
                <Popconfirm
                  title={fill(t.paCloseConfirm, { days: v.setup.eraseAfterDays })}
                  onConfirm={() => act(() => closePostaudit(id))}
                >
                  <Button danger data-testid="postaudit-close">
                    {t.paClose}
                  </Button>
                </Popconfirm>
              </Space>
            )
          }
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t.paSeed}>
              <Typography.Text code copyable>
                {v.setup.seed}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t.paShare}>
              {String(v.setup.sharePercent).replace('.', ',')}
            </Descriptions.Item>
            <Descriptions.Item label={t.paMin}>{v.setup.minPerUnit}</Descriptions.Item>
            <Descriptions.Item label={t.paThreshold}>
              {String(v.setup.failurePercent).replace('.', ',')}
            </Descriptions.Item>
            <Descriptions.Item label={t.paErase}>{v.setup.eraseAfterDays}</Descriptions.Item>
            {v.canManage && (
              <Descriptions.Item label={t.paCandidates}>{v.setup.candidates}</Descriptions.Item>
            )}
            <Descriptions.Item label={t.paState}>
              <Tag color={open ? 'blue' : 'default'}>{open ? t.paOpen : t.paClosed}</Tag>
              {v.setup.contactsErasedAt && fill(t.paErased, { date: formatDateVi(v.setup.contactsErasedAt) })}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {v?.setup && (
        <Card title={t.paUnits}>
          <Table
            rowKey="unitId"
            size="small"
            scroll={{ x: true }}
            pagination={false}
            dataSource={v.units}
            columns={[
              { title: t.unit, dataIndex: 'unitName' },
              { title: t.paSampled, dataIndex: 'sampled', align: 'right' },
              { title: t.paRecorded, dataIndex: 'recorded', align: 'right' },
              ...POSTAUDIT_OUTCOMES.map((o) => ({
                title: t[`pa_${o}`],
                dataIndex: o,
                align: 'right' as const,
              })),
              { title: t.paFailRate, dataIndex: 'failureRate', align: 'right', render: pct },
              {
                title: t.paFlagged,
                dataIndex: 'flagged',
                render: (f: boolean) => (f ? <Tag color="red">{t.paFlagged}</Tag> : null),
              },
            ]}
          />
        </Card>
      )}
      {v?.setup && v.canManage && <Assignments id={id} view={v} act={act} />}
      {v?.setup && <Items id={id} view={v} act={act} open={open} />}
    </Space>
  );
}

type Act = (fn: () => Promise<unknown>, ok?: string) => Promise<void>;

function SetupForm({ id, act }: { id: string; act: Act }) {
  const { t } = useT();
  const [form] = Form.useForm();
  return (
    <Card title={t.paSetup}>
      <Typography.Paragraph type="secondary">{t.paSetupHelp}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ sharePercent: 10, minPerUnit: 5, failurePercent: 20, eraseAfterDays: 30 }}
        onFinish={(v) => act(() => setupPostaudit(id, v))}
      >
        <Form.Item name="sharePercent" label={t.paShare}>
          <InputNumber min={0.01} max={100} decimalSeparator="," />
        </Form.Item>
        <Form.Item name="minPerUnit" label={t.paMin}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="failurePercent" label={t.paThreshold}>
          <InputNumber min={0} max={100} decimalSeparator="," />
        </Form.Item>
        <Form.Item name="eraseAfterDays" label={t.paErase}>
          <InputNumber min={0} max={3650} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="postaudit-draw">
          {t.paDraw}
        </Button>
      </Form>
    </Card>
  );
}

function Assignments({ id, view, act }: { id: string; view: SurveyPostauditViewT; act: Act }) {
  const { t } = useT();
  const users = useQuery({ queryKey: ['survey', id, 'assignable'], queryFn: () => assignable(id) });
  const [userId, setUserId] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const userOptions = [...new Map((users.data?.items ?? []).map((u) => [u.userId, u.userName]))].map(
    ([value, label]) => ({ value, label }),
  );
  return (
    <Card title={t.paAssignments}>
      <Typography.Paragraph type="secondary">{t.paAssignHelp}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 260 }}
          placeholder={t.paUser}
          value={userId}
          onChange={setUserId}
          options={userOptions}
          showSearch
          optionFilterProp="label"
        />
        <Select
          style={{ width: 280 }}
          placeholder={t.unit}
          value={unitId}
          onChange={setUnitId}
          options={view.units.map((u) => ({ value: u.unitId, label: u.unitName }))}
        />
        <Button
          type="primary"
          disabled={!userId || !unitId}
          onClick={() => act(() => assignPostauditor(id, userId!, unitId!))}
        >
          {t.paAssign}
        </Button>
      </Space>
      <Table
        rowKey={(a) => `${a.userId}:${a.unitId}`}
        size="small"
        pagination={false}
        dataSource={view.assignments}
        columns={[
          { title: t.paUser, dataIndex: 'userName' },
          { title: t.unit, dataIndex: 'unitName' },
          {
            title: '',
            key: 'x',
            render: (_: unknown, a: { userId: string; unitId: string }) => (
              <Button size="small" onClick={() => act(() => assignPostauditor(id, a.userId, a.unitId, true))}>
                {t.paUnassign}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Items({ id, view, act, open }: { id: string; view: SurveyPostauditViewT; act: Act; open: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [phones, setPhones] = useState<Record<number, string>>({});
  const [edits, setEdits] = useState<Record<number, { outcome?: PostauditOutcome; note?: string }>>({});
  const [invalidating, setInvalidating] = useState<number | null>(null);
  const reveal = async (b: number) => {
    try {
      const c = await revealContact(id, b);
      setPhones((p) => ({ ...p, [b]: c.phone }));
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <Card title={t.paItems}>
      <Table
        rowKey="ballotId"
        size="small"
        scroll={{ x: true }}
        dataSource={view.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t.paBallot, dataIndex: 'ballotId' },
          { title: t.unit, dataIndex: 'unitName' },
          { title: t.paField, dataIndex: 'fieldCode' },
          { title: t.paSerial, dataIndex: 'serial', render: (s: string | null) => s ?? '—' },
          {
            title: t.paHasPhone,
            key: 'phone',
            render: (_: unknown, r: Item) =>
              phones[r.ballotId] ? (
                <Typography.Text strong>{phones[r.ballotId]}</Typography.Text>
              ) : !r.hasPhone ? (
                <Typography.Text type="secondary">{t.paNoPhone}</Typography.Text>
              ) : r.assigned ? (
                <Button size="small" onClick={() => void reveal(r.ballotId)} data-testid="postaudit-reveal">
                  {t.paReveal}
                </Button>
              ) : (
                <Tag>{t.paHasPhone}</Tag>
              ),
          },
          {
            title: t.paOutcome,
            key: 'outcome',
            render: (_: unknown, r: Item) => {
              const e = edits[r.ballotId] ?? {};
              if (!r.assigned || !open)
                return r.outcome ? (
                  <Tag color={FAILED.includes(r.outcome) ? 'red' : undefined}>{t[`pa_${r.outcome}`]}</Tag>
                ) : (
                  '—'
                );
              return (
                <Space.Compact>
                  <Select
                    style={{ width: 220 }}
                    value={e.outcome ?? r.outcome ?? undefined}
                    onChange={(o: PostauditOutcome) =>
                      setEdits((x) => ({ ...x, [r.ballotId]: { ...e, outcome: o } }))
                    }
                    options={POSTAUDIT_OUTCOMES.map((o) => ({ value: o, label: t[`pa_${o}`] }))}
                  />
                  <Input
                    style={{ width: 180 }}
                    placeholder={t.paNote}
                    value={e.note ?? r.note ?? ''}
                    onChange={(ev) =>
                      setEdits((x) => ({ ...x, [r.ballotId]: { ...e, note: ev.target.value } }))
                    }
                  />
                  <Button
                    disabled={!(e.outcome ?? r.outcome)}
                    onClick={() =>
                      act(() =>
                        recordOutcome(id, r.ballotId, (e.outcome ?? r.outcome)!, (e.note ?? r.note) || null),
                      )
                    }
                  >
                    {t.paSave}
                  </Button>
                </Space.Compact>
              );
            },
          },
          {
            title: '',
            key: 'invalid',
            render: (_: unknown, r: Item) =>
              r.invalidReason ? (
                <Tag color="red">{fill(t.paInvalid, { reason: r.invalidReason })}</Tag>
              ) : r.outcome && FAILED.includes(r.outcome) && (r.assigned || view.canManage) ? (
                <Button size="small" danger onClick={() => setInvalidating(r.ballotId)}>
                  {t.paInvalidate}
                </Button>
              ) : null,
          },
        ]}
      />
      {invalidating !== null && (
        <TextDialog
          title={`${t.paInvalidate} ${invalidating}`}
          placeholder={t.paInvalidReason}
          okText={t.paInvalidate}
          danger
          onSubmit={(reason) => act(() => invalidateBallot(id, invalidating, reason))}
          onClose={() => setInvalidating(null)}
        />
      )}
    </Card>
  );
}
