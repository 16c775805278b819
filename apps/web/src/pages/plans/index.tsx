/** Plans as records (/plans): the documents of the units the reader follows and those that ask one of
 * its units, a form to record one; one plan (/plans/:id): the plan it implements, the plans implementing
 * it, and the units asked with who has sent and who is missing. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanDetailT } from '@chiso/contracts';
import { PLAN_KIND_LABELS, PLAN_KINDS, searchKey } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { createPlan, getPlan, listPlans, type PlanInput } from '../../api/plans.ts';
import { listUnits } from '../../api/units.ts';
import { useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { dateOrDash, isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';
import { PlanTasks } from './tasks.tsx';
import { PlanTextCard } from './PlanText.tsx';

/** Options found by what is typed, with or without diacritics. */
const byKey = (input: string, option?: { label?: unknown }) =>
  searchKey(String(option?.label ?? '')).includes(searchKey(input));

const STATE_COLOR: Record<string, string> = { sent: 'green', missing: 'red', waiting: 'default' };

function CreateDialog({ session, onClose }: { session: Session; onClose: (id?: string) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const units = useQuery({
    queryKey: ['units', '', false],
    queryFn: () => listUnits({ includeClosed: false }),
  });
  const plans = useQuery({ queryKey: ['plans'], queryFn: listPlans });
  const issuer = Form.useWatch('issuingUnitId', form) as string | undefined;
  const items = units.data?.items ?? [];
  const byId = new Map(items.map((u) => [u.id, u]));
  const under = (id: string | undefined) => {
    const out: typeof items = [];
    const walk = (p: string) =>
      items.filter((u) => u.parentId === p).forEach((u) => (out.push(u), walk(u.id)));
    if (id) walk(id);
    return out;
  };
  const save = async () => {
    setError(null);
    const v = (await form.validateFields()) as Record<string, unknown> & {
      issuedOn: import('dayjs').Dayjs;
      period?: [import('dayjs').Dayjs, import('dayjs').Dayjs];
      askedDueOn?: import('dayjs').Dayjs;
    };
    const body: PlanInput = {
      kind: v.kind as PlanInput['kind'],
      number: String(v.number),
      issuedOn: isoDate(v.issuedOn),
      issuingUnitId: String(v.issuingUnitId),
      subject: String(v.subject),
      periodFrom: v.period ? isoDate(v.period[0]) : undefined,
      periodTo: v.period ? isoDate(v.period[1]) : undefined,
      budgetLine: (v.budgetLine as string | undefined) || undefined,
      implementsPlanId: (v.implementsPlanId as string | undefined) || undefined,
      askedUnitIds: (v.askedUnitIds as string[] | undefined)?.length
        ? (v.askedUnitIds as string[])
        : undefined,
      askedDueOn: v.askedDueOn ? isoDate(v.askedDueOn) : undefined,
    };
    try {
      const r = await createPlan(body);
      message.success(t.plSaved);
      await qc.invalidateQueries({ queryKey: ['plans'] });
      onClose(r.id);
    } catch (e) {
      setError(errText(e));
    }
  };
  const required = [{ required: true, message: t.plRequired }];
  return (
    <Modal
      open
      title={t.plCreate}
      onCancel={() => onClose()}
      onOk={() => void save()}
      okText={t.plCreate}
      width={720}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'ke_hoach' }}
        onValuesChange={() => setError(null)}
      >
        <Space wrap>
          <Form.Item name="kind" label={t.plKind} rules={required}>
            <Select
              style={{ width: 160 }}
              options={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item name="number" label={t.plNumber} rules={required}>
            <Input placeholder="82/KH-CAH" data-testid="pl-number" />
          </Form.Item>
          <Form.Item name="issuedOn" label={t.plIssuedOn} rules={required}>
            <DatePicker format={PICKER_DATE_FORMAT} data-testid="pl-issued" />
          </Form.Item>
        </Space>
        <Form.Item name="issuingUnitId" label={t.plIssuer} rules={required}>
          <Select
            showSearch
            filterOption={byKey}
            data-testid="pl-issuer"
            options={items
              .filter((u) => !u.closed && mayWrite(u.id))
              .map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
          />
        </Form.Item>
        <Form.Item name="subject" label={t.plSubject} rules={required}>
          <Input.TextArea rows={2} data-testid="pl-subject" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="period" label={t.plPeriod}>
            <DatePicker.RangePicker format={PICKER_DATE_FORMAT} />
          </Form.Item>
          <Form.Item name="budgetLine" label={t.plBudget}>
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item name="implementsPlanId" label={t.plImplements}>
          <Select
            allowClear
            showSearch
            filterOption={byKey}
            placeholder={t.plImplementsNone}
            data-testid="pl-implements"
            options={(plans.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.kindLabel} số ${p.number} — ${p.issuingUnitName}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="askedUnitIds" label={t.plAsked}>
          <Select
            mode="multiple"
            allowClear
            filterOption={byKey}
            disabled={!issuer}
            options={under(issuer)
              .filter((u) => !u.closed)
              .map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="askedDueOn" label={t.plAskedDue}>
          <DatePicker format={PICKER_DATE_FORMAT} />
        </Form.Item>
      </Form>
    </Modal>
  );
  /** The reader may issue documents for this unit: plan.write on it or a unit above. */
  function mayWrite(id: string) {
    const chain: string[] = [];
    for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) chain.push(u.id);
    return can(session, 'plan.write', chain);
  }
}

function PlanView({ id }: { id: string }) {
  const { t } = useT();
  const q = useQuery({ queryKey: ['plans', id], queryFn: () => getPlan(id) });
  if (q.error) return <Alert type="error" showIcon message={errText(q.error)} />;
  const p: PlanDetailT | undefined = q.data;
  if (!p) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <span data-testid="pl-title">
            <Link to="/plans">{t.plBack}</Link> / {p.kindLabel} số {p.number}
          </span>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t.plIssuer}>{p.issuingUnitName}</Descriptions.Item>
          <Descriptions.Item label={t.plIssuedOn}>{dateOrDash(p.issuedOn)}</Descriptions.Item>
          <Descriptions.Item label={t.plSubject} span={2}>
            {p.title}
          </Descriptions.Item>
          <Descriptions.Item label={t.plPeriod}>
            {p.periodFrom ? `${dateOrDash(p.periodFrom)} – ${dateOrDash(p.periodTo)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.plBudget}>{p.budgetLine ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.plImplements} span={2}>
            {p.parent ? (
              <Link to={`/plans/${p.parent.id}`}>
                {p.parent.kindLabel} số {p.parent.number} ngày {dateOrDash(p.parent.issuedOn)} của{' '}
                {p.parent.issuingUnitName}
              </Link>
            ) : (
              (p.parentNumber ?? '—')
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <PlanTextCard id={p.id} congVan={p.kind === 'cong_van'} />
      {p.asked.length > 0 && (
        <Card
          size="small"
          title={`${t.plAskedUnits} — ${t.plAskedDue.split(' (')[0]} ${dateOrDash(p.askedDueOn)}`}
        >
          <Table
            size="small"
            rowKey="unitId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.asked}
            data-testid="pl-asked"
            columns={[
              { title: t.plUnit, dataIndex: 'unitName' },
              {
                title: t.plState,
                render: (_, a) => <Tag color={STATE_COLOR[a.state]}>{a.stateLabel}</Tag>,
              },
              {
                title: t.plNumber,
                render: (_, a) =>
                  a.plan ? (
                    <Link to={`/plans/${a.plan.id}`}>
                      {a.plan.number} ({dateOrDash(a.plan.issuedOn)})
                    </Link>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      )}
      <PlanTasks planId={p.id} issuingUnitId={p.issuingUnitId} />
      <Card size="small" title={t.plChildren}>
        {p.children.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {p.children.map((c) => (
              <li key={c.id}>
                <Link to={`/plans/${c.id}`}>
                  {c.kindLabel} số {c.number} ngày {dateOrDash(c.issuedOn)} — {c.issuingUnitName}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          t.plNoChildren
        )}
      </Card>
    </Space>
  );
}

export default function Plans({ session }: { session: Session }) {
  const { t } = useT();
  const { id } = useParams();
  const nav = useNavigate();
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['plans'], queryFn: listPlans, enabled: !id });
  if (id) return <PlanView id={id} />;
  return (
    <Card
      title={t.plTitle}
      extra={
        can(session, 'plan.write') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="pl-create">
            {t.plCreate}
          </Button>
        )
      }
    >
      {q.error && <Alert type="error" showIcon message={errText(q.error)} />}
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t.plNone }}
        data-testid="pl-list"
        columns={[
          {
            title: t.plNumber,
            render: (_, p) => (
              <Link to={`/plans/${p.id}`}>
                {p.kindLabel} số {p.number}
              </Link>
            ),
          },
          { title: t.plIssuedOn, render: (_, p) => dateOrDash(p.issuedOn) },
          { title: t.plIssuer, dataIndex: 'issuingUnitName' },
          { title: t.plSubject, dataIndex: 'title', width: 380 },
          { title: t.plImplements, render: (_, p) => (p.parent ? p.parent.number : '—') },
          {
            title: t.plSent,
            render: (_, p) =>
              p.asked ? (
                <Tag color={p.sent < p.asked ? 'orange' : 'green'}>{`${p.sent}/${p.asked}`}</Tag>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {creating && (
        <CreateDialog
          session={session}
          onClose={(newId) => {
            setCreating(false);
            if (newId) void nav(`/plans/${newId}`);
          }}
        />
      )}
    </Card>
  );
}
