/** The cycle's counted criteria ("Tính từ số liệu", issue #16 item 3): which criterion is bound to which
 * count (inspections done ÷ planned, late reports as incidents) — bound and unbound by who runs the
 * cycle until the appraisal stage opens — and each unit's count with the value and points offered in
 * its self-assessment. Refusals are the server's own Vietnamese messages. */
import { useQueryClient } from '@tanstack/react-query';
import type { CountBindingBodyT, CountPointsViewT } from '@chiso/contracts';
import { sortVi } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { bindCountLeaf, unbindCountLeaf } from '../../api/activities.ts';
import { useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';
import { DialogError, useDialogSubmit } from '../../ui/TextDialog.tsx';

type View = CountPointsViewT;
type Leaf = View['leaves'][number];

/** The query key of a cycle's counted criteria (under the cycle's). */
export const countPointsKey = (id: string) => ['cycle', id, 'count-points'];

function BindDialog({
  id,
  view,
  leaf,
  onClose,
}: {
  id: string;
  view: View;
  leaf: Leaf;
  onClose: (v?: View) => void;
}) {
  const { t } = useT();
  const [form] = Form.useForm<{
    counter: string;
    subtree: boolean;
    rule: 'proportional' | 'incidents';
    perIncident?: string;
  }>();
  const { busy, error, run } = useDialogSubmit(() => undefined);
  const manual = leaf.ruleType === 'manual';
  const rule = Form.useWatch('rule', form);
  const save = async () => {
    const v = await form.validateFields();
    const body: CountBindingBodyT = {
      counter: v.counter,
      subtree: !!v.subtree,
      ...(manual
        ? {
            rule:
              v.rule === 'incidents'
                ? { kind: 'incidents', perIncident: v.perIncident ?? '' }
                : { kind: 'proportional' },
          }
        : {}),
    };
    await run(async () => onClose(await bindCountLeaf(id, leaf.code, body)));
  };
  return (
    <Modal
      open
      title={`${t.cpBind} ${leaf.code} — ${leaf.title}`}
      onCancel={() => onClose()}
      onOk={() => void save()}
      okText={t.cpBind}
      okButtonProps={{ 'data-testid': 'cp-bind-ok' }}
      confirmLoading={busy}
      width={560}
    >
      <DialogError error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          counter: leaf.binding?.counter ?? view.counters[0]?.id,
          subtree: leaf.binding?.subtree ?? false,
          rule: leaf.binding?.rule.kind === 'incidents' ? 'incidents' : 'proportional',
          perIncident: leaf.binding?.rule.kind === 'incidents' ? leaf.binding.rule.perIncident : undefined,
        }}
      >
        <Form.Item name="counter" label={t.cpCounter} rules={[{ required: true, message: t.acRequired }]}>
          <Select
            data-testid="cp-counter"
            options={view.counters.map((c) => ({ value: c.id, label: c.label }))}
          />
        </Form.Item>
        <Form.Item name="subtree" valuePropName="checked">
          <Checkbox>{t.cpSubtree}</Checkbox>
        </Form.Item>
        {manual && (
          <>
            <Form.Item name="rule" label={t.cpRule}>
              <Radio.Group
                options={[
                  { value: 'proportional', label: t.cpRuleProportional },
                  { value: 'incidents', label: t.cpRuleIncidents },
                ]}
              />
            </Form.Item>
            {rule === 'incidents' && (
              <Form.Item
                name="perIncident"
                label={t.cpPerIncident}
                rules={[{ required: true, message: t.acRequired }]}
              >
                <Input style={{ width: 120 }} placeholder="0,5" />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}

export function CountTab({ id, view }: { id: string; view: View }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [binding, setBinding] = useState<Leaf | null>(null);
  const took = async (v: View) => {
    qc.setQueryData(countPointsKey(id), v);
    await qc.invalidateQueries({ queryKey: ['assessment'] });
  };
  const unbind = async (l: Leaf) => {
    try {
      await took(await unbindCountLeaf(id, l.code));
    } catch (e) {
      message.error(errText(e));
      await qc.invalidateQueries({ queryKey: countPointsKey(id) });
    }
  };
  const bound = view.leaves.filter((l) => l.binding);
  const units = sortVi(view.units, (u) => u.unitName);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="cp-tab">
      <Card size="small" title={t.cpTab}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t.cpIntro}</Typography.Text>
          {view.manages && !view.canBind && view.bindBlocked && (
            <Alert type="info" showIcon message={view.bindBlocked} />
          )}
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={view.leaves}
            data-testid="cp-leaves"
            columns={[
              { title: t.cpCriterion, render: (_, l) => `${l.code}. ${l.title}`, width: 360 },
              { title: t.cpPoints, dataIndex: 'max' },
              {
                title: t.cpCounter,
                render: (_, l) =>
                  l.binding ? (
                    <Space direction="vertical" size={0}>
                      <span>{l.binding.counterLabel}</span>
                      <Typography.Text type="secondary">
                        {l.binding.ruleText}
                        {l.binding.subtree ? ` · ${t.cpSubtree}` : ''}
                      </Typography.Text>
                    </Space>
                  ) : (
                    <Tag>{t.cpNotBound}</Tag>
                  ),
              },
              ...(view.canBind
                ? [
                    {
                      title: '',
                      render: (_: unknown, l: Leaf) => (
                        <Space size={4}>
                          <Button
                            size="small"
                            onClick={() => setBinding(l)}
                            data-testid={`cp-bind-${l.code}`}
                          >
                            {t.cpBind}
                          </Button>
                          {l.binding && (
                            <Button size="small" danger onClick={() => void unbind(l)}>
                              {t.cpUnbind}
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Space>
      </Card>
      {bound.length > 0 && (
        <Card size="small" title={t.cpUnits}>
          <Table
            size="small"
            rowKey="unitId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={units}
            data-testid="cp-units"
            columns={[
              { title: t.acUnit, dataIndex: 'unitName' },
              ...bound.map((l) => ({
                title: l.code,
                render: (_: unknown, u: (typeof units)[number]) => {
                  const v = u.leaves.find((x) => x.code === l.code);
                  if (!v) return '—';
                  return (
                    <span>
                      {v.valueText}
                      {v.offerText !== null && (
                        <Typography.Text type="secondary">{` → ${v.offerText} (${v.offerPoints} ${t.cpPointsWord})`}</Typography.Text>
                      )}
                    </span>
                  );
                },
              })),
            ]}
          />
        </Card>
      )}
      {binding && (
        <BindDialog
          id={id}
          view={view}
          leaf={binding}
          onClose={(v) => {
            setBinding(null);
            if (v) {
              void took(v);
              message.success(t.cpBound);
            }
          }}
        />
      )}
    </Space>
  );
}
