/** Dialogs of the campaign page: editing a draft (name, dates), allocating a total among the
 * targets of a field, copying the campaign down to a unit below. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyCampaignDetailT } from '@chiso/contracts';
import { matchesSearch } from '@chiso/domain';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { allocateTargets, copyDown, updateCampaign } from '../../api/surveys.ts';
import { listUnits } from '../../api/units.ts';
import { fill, useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText, isFormValidationError } from '../../ui/errors.ts';
import { selfAndAncestors, unitsUnder } from './tree.ts';

type C = SurveyCampaignDetailT;
const range = (a: string, b: string): [Dayjs, Dayjs] => [dayjs(a), dayjs(b)];

/** Runs a form's submit: validation errors stay on the form, the server's refusal is shown. */
function useSubmit(onDone: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<string | undefined>) => {
    try {
      setBusy(true);
      const ok = await fn();
      if (ok) message.success(ok);
      onDone();
    } catch (e) {
      if (!isFormValidationError(e)) message.error({ content: errText(e), duration: 10 });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export function EditCampaignDialog({ c, onClose }: { c: C; onClose: () => void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{
    name: string;
    period: [Dayjs, Dayjs];
    window: [Dayjs, Dayjs];
    basis?: string;
  }>();
  const { busy, run } = useSubmit(onClose);
  const submit = () =>
    run(async () => {
      const v = await form.validateFields();
      await updateCampaign(c.id, {
        revision: c.revision,
        name: v.name.trim(),
        periodFrom: isoDate(v.period[0]),
        periodTo: isoDate(v.period[1]),
        opensOn: isoDate(v.window[0]),
        closesOn: isoDate(v.window[1]),
        basis: v.basis?.trim() || null,
      });
      await qc.invalidateQueries({ queryKey: ['survey-campaign'] });
      return t.svSaved;
    });
  return (
    <Modal
      open
      title={t.svEdit}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      cancelText={t.cancel}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: c.name,
          period: range(c.periodFrom, c.periodTo),
          window: range(c.opensOn, c.closesOn),
          basis: c.basis ?? '',
        }}
      >
        <Form.Item name="name" label={t.svName} rules={[{ required: true, message: t.svRequired }]}>
          <Input />
        </Form.Item>
        <Form.Item name="period" label={t.svPeriod} rules={[{ required: true }]}>
          <DatePicker.RangePicker format={PICKER_DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="window" label={t.svWindow} rules={[{ required: true }]}>
          <DatePicker.RangePicker format={PICKER_DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="basis" label={t.svBasis}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AllocateDialog({ c, onClose }: { c: C; onClose: () => void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{
    fieldCode: string;
    fromParent: boolean;
    total?: number;
    underUnitId?: string;
  }>();
  const fromParent = Form.useWatch('fromParent', form);
  const { busy, run } = useSubmit(onClose);
  const units = [...new Map(c.targets.map((x) => [x.unitId, x.unitName])).entries()];
  const submit = () =>
    run(async () => {
      const v = await form.validateFields();
      await allocateTargets(c.id, {
        revision: c.revision,
        fieldCode: v.fieldCode,
        total: v.fromParent ? undefined : v.total,
        underUnitId: v.underUnitId || undefined,
      });
      await qc.invalidateQueries({ queryKey: ['survey-campaign'] });
      return v.fromParent || v.total === undefined ? t.svSaved : fill(t.svAllocated, { total: v.total });
    });
  return (
    <Modal
      open
      title={t.svAllocate}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      cancelText={t.cancel}
    >
      <Typography.Paragraph type="secondary">{t.svAllocateHint}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fieldCode: c.fields[0]?.code, fromParent: !!c.parentId }}
      >
        <Form.Item name="fieldCode" label={t.svField} rules={[{ required: true }]}>
          <Select
            data-testid="allocate-field"
            options={c.fields.map((f) => ({ value: f.code, label: f.name }))}
          />
        </Form.Item>
        {c.parentId && (
          <Form.Item name="fromParent" valuePropName="checked">
            <Checkbox data-testid="allocate-from-parent">{t.svAllocateFromParent}</Checkbox>
          </Form.Item>
        )}
        {!fromParent && (
          <Form.Item
            name="total"
            label={t.svAllocateTotal}
            rules={[{ required: true, message: t.svRequired }]}
          >
            <InputNumber min={0} max={10_000_000} precision={0} data-testid="allocate-total" />
          </Form.Item>
        )}
        <Form.Item name="underUnitId" label={t.svAllocateUnder}>
          <Select allowClear options={units.map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CopyValues {
  ownerUnitId: string;
  code: string;
  name: string;
  period: [Dayjs, Dayjs];
  window: [Dayjs, Dayjs];
  fieldCodes: string[];
  unitIds: string[];
  allocate: boolean;
}

export function CopyDownDialog({ c, session, onClose }: { c: C; session: Session; onClose: () => void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [form] = Form.useForm<CopyValues>();
  const all = useQuery({ queryKey: ['units', 'all'], queryFn: () => listUnits() });
  const items = all.data?.items ?? [];
  const owners = unitsUnder(items, c.ownerUnitId).filter((u) =>
    can(session, 'survey.manage', selfAndAncestors(items, u.id)),
  );
  const ownerId = Form.useWatch('ownerUnitId', form) ?? owners[0]?.id;
  const owner = items.find((u) => u.id === ownerId);
  const candidates = owner ? [owner, ...unitsUnder(items, owner.id)] : [];
  let createdId = '';
  const { busy, run } = useSubmit(() => {
    onClose();
    if (createdId) void nav(`/surveys/${createdId}`);
  });
  const submit = () =>
    run(async () => {
      const v = await form.validateFields();
      // a unit × field only where the parent surveys that field on the unit or a unit above it
      const covered = (unitId: string, field: string) => {
        const up = new Set(selfAndAncestors(items, unitId));
        return c.targets.some((x) => x.fieldCode === field && up.has(x.unitId));
      };
      const targets = v.unitIds.flatMap((unitId) =>
        v.fieldCodes.filter((f) => covered(unitId, f)).map((fieldCode) => ({ unitId, fieldCode })),
      );
      const r = await copyDown(c.id, {
        ownerUnitId: v.ownerUnitId,
        code: v.code.trim(),
        name: v.name.trim(),
        periodFrom: isoDate(v.period[0]),
        periodTo: isoDate(v.period[1]),
        opensOn: isoDate(v.window[0]),
        closesOn: isoDate(v.window[1]),
        fieldCodes: v.fieldCodes,
        targets,
        allocate: v.allocate,
      });
      createdId = r.id;
      await qc.invalidateQueries({ queryKey: ['survey-campaigns'] });
      await qc.invalidateQueries({ queryKey: ['survey-campaign'] });
      return fill(t.svCopied, { unit: owners.find((u) => u.id === v.ownerUnitId)?.name ?? '' });
    });
  if (all.isLoading) return null;
  return (
    <Modal
      open
      width={720}
      title={t.svCopyDown}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t.svCopyDown}
      cancelText={t.cancel}
    >
      <Typography.Paragraph type="secondary">{t.svCopyDownHint}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          ownerUnitId: owners[0]?.id,
          code: c.code,
          name: `${c.name} — ${owners[0]?.name ?? ''}`,
          period: range(c.periodFrom, c.periodTo),
          window: range(c.opensOn, c.closesOn),
          fieldCodes: c.fields.map((f) => f.code),
          unitIds: [],
          allocate: true,
        }}
      >
        <Form.Item name="ownerUnitId" label={t.svCopyDownOwner} rules={[{ required: true }]}>
          <Select options={owners.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="code" label={t.svCode} rules={[{ required: true }]}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="name" label={t.svName} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="period" label={t.svPeriod} rules={[{ required: true }]}>
          <DatePicker.RangePicker format={PICKER_DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="window" label={t.svWindow} rules={[{ required: true }]}>
          <DatePicker.RangePicker format={PICKER_DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="fieldCodes" label={t.svFields} rules={[{ required: true, message: t.svRequired }]}>
          <Checkbox.Group options={c.fields.map((f) => ({ value: f.code, label: f.name }))} />
        </Form.Item>
        <Form.Item
          name="unitIds"
          label={t.svCopyDownUnits}
          rules={[{ required: true, message: t.svRequired }]}
        >
          <Select
            mode="multiple"
            data-testid="copy-units"
            filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
            options={candidates.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
          />
        </Form.Item>
        <Form.Item name="allocate" valuePropName="checked">
          <Checkbox>{t.svCopyDownAllocate}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
