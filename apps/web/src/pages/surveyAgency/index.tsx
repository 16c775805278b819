/** /surveys/:id/agency — agency opinion: the registry of respondent bodies of the campaign owner,
 * invitations (links shown once, copy), reminders that issue new links, and who answered. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyBodyT, SurveyInvitationLinksT } from '@chiso/contracts';
import { formatDateVi } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
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
  campaignUnits,
  createBody,
  deleteBody,
  getInvitations,
  invite,
  listBodies,
  presetBodies,
  remind,
  updateBody,
} from '../../api/surveyAgency.ts';
import { fill, useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';

const KINDS = ['provincial', 'district_committee', 'commune_committee', 'other'] as const;
type Kind = (typeof KINDS)[number];
const when = (iso: string | null) => (iso ? formatDateVi(iso) : null);

export default function SurveyAgency() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const inv = useQuery({ queryKey: ['survey', id, 'invitations'], queryFn: () => getInvitations(id) });
  const camp = useQuery({ queryKey: ['survey', id, 'units'], queryFn: () => campaignUnits(id) });
  const owner = inv.data?.ownerUnitId;
  const bodies = useQuery({
    queryKey: ['survey-bodies', owner],
    queryFn: () => listBodies(owner!),
    enabled: !!owner,
  });
  const [editing, setEditing] = useState<SurveyBodyT | 'new' | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [links, setLinks] = useState<SurveyInvitationLinksT['items'] | null>(null);
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['survey', id, 'invitations'] }),
      qc.invalidateQueries({ queryKey: ['survey-bodies', owner] }),
    ]);
  const act = async (fn: () => Promise<unknown>, ok?: string) => {
    try {
      await fn();
      if (ok) message.success(ok);
      await refresh();
    } catch (e) {
      message.error(errText(e));
    }
  };
  const kindLabel = (k: string) => t[`agKind_${k as Kind}`] ?? k;

  if (inv.error)
    return <Alert type="error" showIcon message={errText(inv.error)} data-testid="agency-error" />;
  const data = inv.data;
  const invited = new Set((data?.items ?? []).map((i) => i.bodyId));
  const unitOptions = camp.data
    ? [
        { value: camp.data.ownerUnitId, label: camp.data.ownerUnitName },
        ...[...new Map(camp.data.targets.map((x) => [x.unitId, x.unitName]))]
          .filter(([u]) => u !== camp.data.ownerUnitId)
          .map(([value, label]) => ({ value, label })),
      ]
    : [];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Link to={`/surveys/${id}`}>← {t.agBack}</Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.agTitle}
          {data ? ` — ${data.campaignName}` : ''}
        </Typography.Title>
      </Space>
      <Card
        title={t.agRegistry}
        extra={
          owner && (
            <Space wrap>
              <Button
                onClick={() =>
                  act(async () => {
                    const r = await presetBodies(owner);
                    message.success(fill(t.agPresetDone, r));
                  })
                }
                data-testid="agency-preset"
              >
                {t.agPreset}
              </Button>
              <Button type="primary" onClick={() => setEditing('new')} data-testid="agency-add">
                {t.agAdd}
              </Button>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t.agRegistryHelp}</Typography.Paragraph>
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          loading={bodies.isLoading}
          dataSource={bodies.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t.agName, dataIndex: 'name' },
            { title: t.agKind, dataIndex: 'kind', render: (k: string) => kindLabel(k) },
            { title: t.agEmail, dataIndex: 'email', render: (e: string | null) => e ?? '—' },
            { title: t.agRates, dataIndex: 'ratesUnitName', render: (n: string | null) => n ?? '—' },
            { title: t.agInvitedCount, dataIndex: 'invitations', align: 'right' },
            {
              title: '',
              key: 'act',
              render: (_: unknown, b: SurveyBodyT) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(b)}>
                    {t.edit}
                  </Button>
                  {b.invitations === 0 && (
                    <Popconfirm
                      title={t.agDeleteConfirm}
                      onConfirm={() => act(() => deleteBody(b.id), t.agSaved)}
                    >
                      <Button size="small" danger>
                        {t.agDelete}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t.agInvitations} extra={data && <Tag color="blue">{fill(t.agCounts, data.counts)}</Tag>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              mode="multiple"
              style={{ minWidth: 320 }}
              placeholder={t.agInviteSelect}
              value={chosen}
              onChange={setChosen}
              data-testid="agency-choose"
              options={(bodies.data?.items ?? [])
                .filter((b) => !invited.has(b.id))
                .map((b) => ({ value: b.id, label: `${b.name} → ${b.ratesUnitName ?? '—'}` }))}
            />
            <Button
              type="primary"
              disabled={!chosen.length}
              data-testid="agency-invite"
              onClick={() =>
                act(async () => {
                  setLinks((await invite(id, chosen)).items);
                  setChosen([]);
                })
              }
            >
              {t.agInvite}
            </Button>
            <Popconfirm
              title={t.agRemindAll}
              description={<div style={{ maxWidth: 320 }}>{t.agRemindHelp}</div>}
              onConfirm={() => act(async () => setLinks((await remind(id)).items))}
            >
              <Button disabled={!data || data.counts.answered === data.counts.invited}>
                {t.agRemindAll}
              </Button>
            </Popconfirm>
          </Space>
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            loading={inv.isLoading}
            dataSource={data?.items ?? []}
            pagination={false}
            columns={[
              { title: t.agName, dataIndex: 'bodyName' },
              { title: t.agRates, dataIndex: 'unitName' },
              { title: t.agSent, dataIndex: 'sentAt', render: (v: string | null) => when(v) ?? '—' },
              { title: t.agReminded, dataIndex: 'remindedAt', render: (v: string | null) => when(v) ?? '—' },
              {
                title: t.agAnswered,
                dataIndex: 'answeredAt',
                render: (v: string | null) =>
                  v ? <Tag color="green">{when(v)}</Tag> : <Tag>{t.agNotYet}</Tag>,
              },
              {
                title: '',
                key: 'act',
                render: (_: unknown, r: { id: string; answeredAt: string | null }) =>
                  !r.answeredAt && (
                    <Popconfirm
                      title={t.agRemind}
                      description={<div style={{ maxWidth: 320 }}>{t.agRemindHelp}</div>}
                      onConfirm={() => act(async () => setLinks((await remind(id, r.id)).items))}
                    >
                      <Button size="small">{t.agRemind}</Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        </Space>
      </Card>
      {editing && owner && (
        <BodyDialog
          body={editing === 'new' ? null : editing}
          unitOptions={unitOptions}
          onClose={() => setEditing(null)}
          onSave={(v) =>
            act(
              () =>
                editing === 'new' ? createBody({ ...v, ownerUnitId: owner }) : updateBody(editing.id, v),
              t.agSaved,
            ).then(() => setEditing(null))
          }
        />
      )}
      {links && <LinksDialog links={links} onClose={() => setLinks(null)} />}
    </Space>
  );
}

type BodyValues = { name: string; kind: Kind; email: string | null; ratesUnitId: string | null };

function BodyDialog({
  body,
  unitOptions,
  onClose,
  onSave,
}: {
  body: SurveyBodyT | null;
  unitOptions: { value: string; label: string }[];
  onClose: () => void;
  onSave: (v: BodyValues) => Promise<unknown>;
}) {
  const { t } = useT();
  const [form] = Form.useForm<BodyValues>();
  return (
    <Modal
      open
      title={body ? body.name : t.agAdd}
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => onSave({ ...v, email: v.email || null }))}
      okText={t.paSave}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          body
            ? { name: body.name, kind: body.kind, email: body.email, ratesUnitId: body.ratesUnitId }
            : { kind: 'district_committee' }
        }
      >
        <Form.Item name="name" label={t.agName} rules={[{ required: true }]}>
          <Input data-testid="body-name" />
        </Form.Item>
        <Form.Item name="kind" label={t.agKind}>
          <Select options={KINDS.map((k) => ({ value: k, label: t[`agKind_${k}`] }))} />
        </Form.Item>
        <Form.Item name="email" label={t.agEmail} rules={[{ type: 'email' }]}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="ratesUnitId" label={t.agRates}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={unitOptions}
            data-testid="body-rates"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LinksDialog({ links, onClose }: { links: SurveyInvitationLinksT['items']; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const full = (l: string) => `${window.location.origin}${l}`;
  return (
    <Modal
      open
      title={t.agLinksTitle}
      onCancel={onClose}
      maskClosable={false}
      footer={<Button onClick={onClose}>{t.agClose}</Button>}
      width={720}
    >
      <Alert type="warning" showIcon message={t.agLinksHelp} style={{ marginBottom: 12 }} />
      <Space direction="vertical" style={{ width: '100%' }} data-testid="agency-links">
        {links.map((l) => (
          <div key={l.invitationId}>
            <Typography.Text strong>{l.bodyName}</Typography.Text>{' '}
            <Typography.Text type="secondary">({l.mailed ? t.agMailed : t.agNotMailed})</Typography.Text>
            <Space.Compact style={{ width: '100%' }}>
              <Input readOnly value={full(l.link)} />
              <Button
                onClick={() =>
                  void navigator.clipboard
                    ?.writeText(full(l.link))
                    .then(() => message.success(t.agCopied))
                    .catch(() => {})
                }
              >
                {t.agCopy}
              </Button>
            </Space.Compact>
          </div>
        ))}
      </Space>
    </Modal>
  );
}
