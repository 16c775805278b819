/** The cycle's survey criteria ("Khảo sát"): which campaign and indicator each is bound to — bound
 * and unbound by who runs the cycle until the appraisal stage opens — and every unit's survey points,
 * with the system's flag on a unit whose survey report (Mẫu 01/02) came late or was not sent and the
 * coordinator's decision on it (0 points or waived, with a reason). Refusals are the server's own
 * Vietnamese messages; a dialog keeps what was typed when its request is refused. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyIndicatorT, SurveyPointsViewT } from '@chiso/contracts';
import { formatDateTimeVi, sortVi } from '@chiso/domain';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { listCampaigns } from '../../api/surveys.ts';
import { bindSurveyLeaf, decideSurveySanction, unbindSurveyLeaf } from '../../api/surveyPoints.ts';
import { fill, useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';
import { DIALOG_WIDTH, DialogError, useDialogSubmit } from '../../ui/TextDialog.tsx';

type View = SurveyPointsViewT;
type Leaf = View['leaves'][number];
type UnitRow = View['units'][number];
type Decision = 'zero' | 'waived';

/** The query key of a cycle's survey points (under the cycle's, so refreshing the cycle refreshes it). */
export const surveyPointsKey = (id: string) => ['cycle', id, 'survey-points'];

export function SurveyTab({ id, view, open }: { id: string; view: View; open: boolean }) {
  const { t } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [binding, setBinding] = useState<Leaf | null>(null);
  const [deciding, setDeciding] = useState<{ unit: UnitRow; decision: Decision } | null>(null);
  /** A request's answer is the fresh view; the units' assessments read the same values. */
  const took = async (v: View) => {
    qc.setQueryData(surveyPointsKey(id), v);
    await qc.invalidateQueries({ queryKey: ['assessment'] });
  };
  const unbind = (l: Leaf) =>
    modal.confirm({
      title: fill(t.spUnbindTitle, { code: l.code, campaign: l.binding?.campaignCode ?? '' }),
      content: t.spUnbindHelp,
      okText: t.spUnbind,
      okButtonProps: { danger: true, 'data-testid': 'sp-unbind-ok' },
      cancelText: t.cancel,
      onOk: async () => {
        try {
          await took(await unbindSurveyLeaf(id, l.code));
          message.success(fill(t.spUnboundOk, { code: l.code }));
        } catch (e) {
          message.error(errText(e));
          // refused because the appraisal stage has opened meanwhile: the tab then says so
          await qc.invalidateQueries({ queryKey: surveyPointsKey(id) });
        }
      },
    });
  const decides = view.manages && open;
  const units = sortVi(view.units, (u) => u.unitName);
  /** Flagged units with no decision yet: named above the table (on a phone their column is off-screen). */
  const undecided = units.filter((u) => u.flag && !u.sanction);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="sp-tab">
      <Card size="small" title={t.spLeavesTitle}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t.spLeavesHelp}</Typography.Text>
          {view.manages && !view.canBind && view.bindBlocked && (
            <Alert type="info" showIcon message={view.bindBlocked} data-testid="sp-bind-blocked" />
          )}
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={view.leaves}
            scroll={{ x: view.canBind ? 820 : 620 }}
            data-testid="sp-leaves"
            columns={[
              { title: t.code, dataIndex: 'code', width: 70 },
              { title: t.spCriterion, dataIndex: 'title', width: 260 },
              { title: t.spMax, dataIndex: 'max', width: 90, align: 'right' },
              {
                title: t.spBinding,
                width: 220,
                render: (_, l) =>
                  l.binding ? (
                    <span data-testid={`sp-binding-${l.code}`}>
                      {fill(t.spBound, { code: l.binding.campaignCode, indicator: l.binding.indicatorText })}
                    </span>
                  ) : (
                    <Tag data-testid={`sp-binding-${l.code}`}>{t.spUnbound}</Tag>
                  ),
              },
              ...(view.canBind
                ? [
                    {
                      key: 'actions',
                      width: 200,
                      render: (_: unknown, l: Leaf) => (
                        <Space wrap size="small">
                          <Button
                            size="small"
                            onClick={() => setBinding(l)}
                            data-testid={`sp-bind-${l.code}`}
                          >
                            {t.spBind}
                          </Button>
                          {l.binding && (
                            <Button
                              size="small"
                              danger
                              onClick={() => unbind(l)}
                              data-testid={`sp-unbind-${l.code}`}
                            >
                              {t.spUnbind}
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
      <Card size="small" title={t.spUnitsTitle}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t.spUnitsHelp}</Typography.Text>
          {decides && undecided.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="sp-undecided"
              message={fill(t.spUndecided, {
                n: undecided.length,
                units: undecided.map((u) => u.unitName).join(', '),
              })}
            />
          )}
          <Table
            size="small"
            rowKey="unitId"
            pagination={false}
            dataSource={units}
            // each column fits a phone's width inside the card (about 270 px at 390 px)
            scroll={{ x: 180 + 260 * view.leaves.length + 260 }}
            data-testid="sp-units"
            columns={[
              { title: t.unit, dataIndex: 'unitName', width: 180 },
              ...view.leaves.map((l) => ({
                key: `leaf-${l.code}`,
                title: fill(t.spLeafColumn, { code: l.code }),
                width: 260,
                render: (_: unknown, u: UnitRow) => (
                  <LeafCell leaf={u.leaves.find((x) => x.code === l.code)} />
                ),
              })),
              {
                key: 'flag',
                title: t.spFlag,
                width: 260,
                render: (_: unknown, u: UnitRow) => (
                  <FlagCell
                    unit={u}
                    decides={decides}
                    onDecide={(decision) => setDeciding({ unit: u, decision })}
                  />
                ),
              },
            ]}
          />
        </Space>
      </Card>
      {binding && (
        <BindDialog
          leaf={binding}
          onSubmit={async (body) => {
            await took(await bindSurveyLeaf(id, binding.code, body));
            message.success(fill(t.spBoundOk, { code: binding.code }));
          }}
          onClose={() => setBinding(null)}
        />
      )}
      {deciding && (
        <SanctionDialog
          unit={deciding.unit}
          decision={deciding.decision}
          onSubmit={async (reason) => {
            await took(
              await decideSurveySanction(id, deciding.unit.unitId, { decision: deciding.decision, reason }),
            );
            message.success(fill(t.spDecided, { unit: deciding.unit.unitName }));
          }}
          onClose={() => setDeciding(null)}
        />
      )}
    </Space>
  );
}

/** One unit's survey criterion: its points (none while it has none) and what the server says of it. */
function LeafCell({ leaf }: { leaf: UnitRow['leaves'][number] | undefined }) {
  const { t } = useT();
  if (!leaf) return '—';
  return (
    <Space direction="vertical" size={0}>
      {/* no points: not applicable (the criterion leaves the maximum), unbound or still waiting */}
      <Typography.Text strong={leaf.points !== null}>
        {leaf.points === null ? '—' : fill(t.spPoints, { points: leaf.points })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {leaf.text}
      </Typography.Text>
    </Space>
  );
}

/** The system's flag on the unit's survey report, the decision recorded on it, the buttons to decide. */
function FlagCell({
  unit: u,
  decides,
  onDecide,
}: {
  unit: UnitRow;
  decides: boolean;
  onDecide: (d: Decision) => void;
}) {
  const { t } = useT();
  if (!u.flag && !u.sanction) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={4}>
      {u.flag && (
        <Tag color="warning" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }} data-testid="sp-flag">
          {u.flag}
        </Tag>
      )}
      {u.sanction && (
        <div data-testid="sp-sanction">
          <Tag color={u.sanction.decision === 'zero' ? 'error' : 'success'}>
            {t.spDecision[u.sanction.decision]}
          </Tag>
          <div>{fill(t.spDecisionReason, { reason: u.sanction.reason })}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fill(t.spDecisionBy, { by: u.sanction.byName ?? '—', at: formatDateTimeVi(u.sanction.at) })}
          </Typography.Text>
        </div>
      )}
      {decides && u.flag && (
        <Space wrap size="small">
          <Button size="small" danger onClick={() => onDecide('zero')} data-testid="sp-zero">
            {t.spZero}
          </Button>
          <Button size="small" onClick={() => onDecide('waived')} data-testid="sp-waive">
            {t.spWaive}
          </Button>
        </Space>
      )}
    </Space>
  );
}

interface BindForm {
  campaignCode: string;
  kind: SurveyIndicatorT['kind'];
  code?: string;
}

/** Binding a survey criterion: the campaign code (typed, or picked from the campaigns the user reads)
 * and the indicator whose value gives the points. */
function BindDialog({
  leaf,
  onSubmit,
  onClose,
}: {
  leaf: Leaf;
  onSubmit: (body: { campaignCode: string; indicator: SurveyIndicatorT }) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(true);
  const [form] = Form.useForm<BindForm>();
  const kind = Form.useWatch('kind', form);
  const { busy, error, run } = useDialogSubmit(() => setOpen(false));
  // a refusal is shown until what it refused is changed
  const [edited, setEdited] = useState(false);
  const campaigns = useQuery({ queryKey: ['survey-campaigns'], queryFn: listCampaigns });
  /** One option per code (a campaign copied down keeps its parent's code), newest year first. */
  const codes = new Map<string, { year: number; name: string; owners: string[] }>();
  for (const c of [...(campaigns.data?.items ?? [])].sort((a, b) => b.year - a.year)) {
    const o = codes.get(c.code);
    if (o) o.owners.push(c.ownerUnitName);
    else codes.set(c.code, { year: c.year, name: c.name, owners: [c.ownerUnitName] });
  }
  const b = leaf.binding;
  const initial: BindForm = {
    campaignCode: b?.campaignCode ?? '',
    kind: b?.indicator.kind ?? 'overall',
    code: b && b.indicator.kind !== 'overall' ? b.indicator.code : '',
  };
  const submit = async () => {
    let v: BindForm;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const code = (v.code ?? '').trim();
    const indicator: SurveyIndicatorT = v.kind === 'overall' ? { kind: 'overall' } : { kind: v.kind, code };
    setEdited(false);
    await run(() => onSubmit({ campaignCode: v.campaignCode.trim(), indicator }));
  };
  return (
    <Modal
      open={open}
      title={fill(t.spBindTitle, { code: leaf.code })}
      width={DIALOG_WIDTH + 64}
      closable={false}
      maskClosable={false}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
      okButtonProps={{ 'data-testid': 'sp-bind-save' }}
    >
      <Typography.Paragraph type="secondary">{leaf.title}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        requiredMark={false}
        onValuesChange={() => setEdited(true)}
      >
        <Form.Item
          name="campaignCode"
          label={t.spCampaignCode}
          extra={t.spCampaignCodeHelp}
          rules={[{ required: true, whitespace: true, message: t.spCampaignCodeRequired }]}
        >
          <AutoComplete
            data-testid="sp-campaign"
            placeholder="HL-2024"
            filterOption={(input, o) =>
              String(o?.value ?? '')
                .toLowerCase()
                .includes(input.trim().toLowerCase())
            }
            options={[...codes].map(([code, c]) => ({ value: code, label: code, ...c }))}
            optionRender={(o) => (
              <div style={{ whiteSpace: 'normal' }}>
                <b>{o.value}</b> · {o.data.year} · {o.data.name}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {(o.data.owners as string[]).join('; ')}
                </Typography.Text>
              </div>
            )}
          />
        </Form.Item>
        <Form.Item name="kind" label={t.spIndicator}>
          <Radio.Group
            data-testid="sp-kind"
            options={[
              { value: 'overall', label: t.spOverall },
              { value: 'field', label: t.spByField },
              { value: 'element', label: t.spByElement },
            ]}
          />
        </Form.Item>
        {kind && kind !== 'overall' && (
          <Form.Item
            name="code"
            label={kind === 'field' ? t.spFieldCode : t.spElementCode}
            rules={[
              {
                required: true,
                whitespace: true,
                message: kind === 'field' ? t.spFieldCodeRequired : t.spElementCodeRequired,
              },
            ]}
          >
            <Input data-testid="sp-indicator-code" placeholder={kind === 'field' ? 'CT' : ''} />
          </Form.Item>
        )}
      </Form>
      <DialogError error={edited ? null : error} />
    </Modal>
  );
}

/** The coordinator's decision on a flagged unit, with the reason it needs. */
function SanctionDialog({
  unit,
  decision,
  onSubmit,
  onClose,
}: {
  unit: UnitRow;
  decision: Decision;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(true);
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, error, run } = useDialogSubmit(() => setOpen(false));
  const [edited, setEdited] = useState(false);
  const zero = decision === 'zero';
  const submit = async () => {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setEdited(false);
    await run(() => onSubmit(reason));
  };
  return (
    <Modal
      open={open}
      title={fill(zero ? t.spZeroTitle : t.spWaiveTitle, { unit: unit.unitName })}
      width={DIALOG_WIDTH + 64}
      closable={false}
      maskClosable={false}
      okText={zero ? t.spZero : t.spWaive}
      okButtonProps={{ danger: zero, 'data-testid': 'sp-decide-ok' }}
      cancelText={t.cancel}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {unit.flag && <Alert type="warning" showIcon message={unit.flag} />}
        <Typography.Text>{zero ? t.spZeroHelp : t.spWaiveHelp}</Typography.Text>
        <Form form={form} layout="vertical" requiredMark={false} onValuesChange={() => setEdited(true)}>
          <Form.Item
            name="reason"
            label={t.spReason}
            rules={[{ required: true, whitespace: true, message: t.spReasonRequired }]}
          >
            <Input.TextArea rows={3} data-testid="sp-reason" />
          </Form.Item>
        </Form>
        <DialogError error={edited ? null : error} />
      </Space>
    </Modal>
  );
}
