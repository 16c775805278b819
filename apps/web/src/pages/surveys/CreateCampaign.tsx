/** Opening a campaign: a published form, code, name, year, owner, period and window, the due dates of
 * seed 002, the fields and the units surveyed — the preset of Kế hoạch 107/KH-CAT fills both. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { matchesSearch, roleAllows } from '@chiso/domain';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { createCampaign, listSurveyForms } from '../../api/surveys.ts';
import { listUnits } from '../../api/units.ts';
import { useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText, isFormValidationError } from '../../ui/errors.ts';
import { POLICE_FIELDS, presetTargets, unitsUnder } from './tree.ts';

interface Values {
  formId: string;
  code: string;
  name: string;
  year: number;
  ownerUnitId: string;
  period: [Dayjs, Dayjs];
  window: [Dayjs, Dayjs];
  basis?: string;
  preset: boolean;
  fieldCodes: string[];
  unitIds?: string[];
}

export function CreateCampaign({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const forms = useQuery({ queryKey: ['survey-forms'], queryFn: listSurveyForms });
  const published = (forms.data?.items ?? []).filter((f) => f.status === 'published');
  const units = useQuery({ queryKey: ['units', 'all'], queryFn: () => listUnits() });
  const owners = session.user!.grants.filter((g) => roleAllows(g.role, 'survey.manage') && g.unitId);
  const ownerId = Form.useWatch('ownerUnitId', form);
  const preset = Form.useWatch('preset', form);
  const under = unitsUnder(units.data?.items ?? [], ownerId);
  const year = dayjs().year();
  const submit = async () => {
    try {
      const v = await form.validateFields();
      const targets = v.preset
        ? presetTargets(under)
        : (v.unitIds ?? []).flatMap((unitId) => v.fieldCodes.map((fieldCode) => ({ unitId, fieldCode })));
      const used = new Set(targets.map((x) => x.fieldCode));
      setBusy(true);
      const y = v.year;
      const r = await createCampaign({
        formId: v.formId,
        code: v.code.trim(),
        name: v.name.trim(),
        year: y,
        ownerUnitId: v.ownerUnitId,
        periodFrom: isoDate(v.period[0]),
        periodTo: isoDate(v.period[1]),
        opensOn: isoDate(v.window[0]),
        closesOn: isoDate(v.window[1]),
        basis: v.basis?.trim() || undefined,
        fields: POLICE_FIELDS.filter((f) =>
          v.preset ? used.has(f.code) : v.fieldCodes.includes(f.code),
        ).map((f) => ({ code: f.code, name: f.name })),
        // seed 002: "trước ngày X" is stored as due on X, included (ADR 0017)
        deadlines: [
          { key: 'do-luong', label: 'Hoàn thành đo lường sự hài lòng', dueOn: `${y}-07-01` },
          { key: 'mau01', label: 'Báo cáo Mẫu 01', dueOn: `${y}-07-10` },
          { key: 'hau-kiem-1', label: 'Hậu kiểm sự hài lòng', dueOn: `${y}-08-15` },
          { key: 'mau02', label: 'Báo cáo Mẫu 02', dueOn: `${y}-09-15` },
          { key: 'hau-kiem-2', label: 'Hậu kiểm ý kiến cơ quan', dueOn: `${y}-09-30` },
        ],
        targets,
      });
      message.success(t.svCreated);
      await qc.invalidateQueries({ queryKey: ['survey-campaigns'] });
      onClose();
      void nav(`/surveys/${r.id}`);
    } catch (e) {
      if (!isFormValidationError(e)) message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const req = [{ required: true, message: t.svRequired }];
  return (
    <Modal
      open
      title={t.svOpenCampaign}
      width={760}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t.svOpenCampaign}
      cancelText={t.cancel}
      confirmLoading={busy}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          year,
          ownerUnitId: owners[0]?.unitId,
          preset: true,
          fieldCodes: [],
          period: [dayjs(`${year - 1}-09-15`), dayjs(`${year}-09-14`)],
          window: [dayjs(), dayjs(`${year}-07-01`)],
        }}
      >
        <Form.Item
          name="formId"
          label={t.svForm}
          rules={req}
          extra={published.length ? undefined : t.svNoForm}
        >
          <Select
            data-testid="campaign-form"
            options={published.map((f) => ({ value: f.id, label: `${f.name} (${f.code} v${f.version})` }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="code" label={t.svCode} rules={req}>
            <Input placeholder="HL-2024" style={{ width: 160 }} data-testid="campaign-code" />
          </Form.Item>
          <Form.Item name="year" label={t.svYear} rules={req}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="ownerUnitId" label={t.svOwner} rules={req}>
            <Select
              style={{ width: 300 }}
              options={owners.map((g) => ({ value: g.unitId!, label: g.unitName ?? '' }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="name" label={t.svName} rules={req}>
          <Input
            placeholder="Đo lường sự hài lòng của người dân, tổ chức năm 2024"
            data-testid="campaign-name"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="period" label={t.svPeriod} rules={req}>
            <DatePicker.RangePicker format={PICKER_DATE_FORMAT} />
          </Form.Item>
          <Form.Item name="window" label={t.svWindow} rules={req}>
            <DatePicker.RangePicker format={PICKER_DATE_FORMAT} />
          </Form.Item>
        </Space>
        <Form.Item name="basis" label={t.svBasis}>
          <Input placeholder="Kế hoạch số 107/KH-CAT" />
        </Form.Item>
        <Form.Item name="preset" valuePropName="checked" extra={t.svPresetHint}>
          <Checkbox data-testid="campaign-preset">{t.svPreset107}</Checkbox>
        </Form.Item>
        {!preset && (
          <>
            <Form.Item name="fieldCodes" label={t.svFields} rules={req}>
              <Select
                mode="multiple"
                options={POLICE_FIELDS.map((f) => ({ value: f.code, label: f.name }))}
              />
            </Form.Item>
            <Form.Item name="unitIds" label={t.svUnits} rules={req} extra={t.svUnitsHint}>
              <Select
                mode="multiple"
                filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
                options={under.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
              />
            </Form.Item>
          </>
        )}
        {preset && (
          <Typography.Text type="secondary">
            {presetTargets(under).length} × {t.svUnit.toLowerCase()} × {t.svField.toLowerCase()}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
