/** A coordinator asks units for a periodic report (the kind of period, the years, the due rule —
 * "trước ngày 03 hàng quý" is day 3 of the quarter's last month — and an outline) or for an ad hoc
 * report with an outline and a due day (seed 000's "ĐỀ CƯƠNG BÁO CÁO"); optionally under a plan. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PERIOD_KIND_LABELS, PERIOD_KINDS, searchKey, type PeriodKind } from '@chiso/domain';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { listPlans } from '../../api/plans.ts';
import { createAdHocRequest, createReportSeries } from '../../api/reports.ts';
import { listUnits } from '../../api/units.ts';
import { fill, useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText, isFormValidationError } from '../../ui/errors.ts';

const byKey = (input: string, option?: { label?: unknown }) =>
  searchKey(String(option?.label ?? '')).includes(searchKey(input));

type Values = {
  title: string;
  ownerUnitId: string;
  receivingUnitId?: string;
  unitIds: string[];
  outline: string;
  planId?: string;
  periodKind: PeriodKind;
  yearFrom: number;
  yearTo: number;
  dueDay: number;
  dueMonth: 'last' | 'next' | number;
  dueOn?: Dayjs;
};

export function CreateUnitsRequest({ mode, onClose }: { mode: 'periodic' | 'adhoc'; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const units = useQuery({
    queryKey: ['units', '', false],
    queryFn: () => listUnits({ includeClosed: false }),
  });
  const plans = useQuery({ queryKey: ['plans'], queryFn: listPlans });
  const owner = Form.useWatch('ownerUnitId', form);
  const items = units.data?.items ?? [];
  const under: typeof items = [];
  const walk = (p: string) =>
    items.filter((u) => u.parentId === p).forEach((u) => (under.push(u), walk(u.id)));
  if (owner) walk(owner);
  const year = new Date().getFullYear();
  const submit = async () => {
    setError(null);
    try {
      const v = await form.validateFields();
      const common = {
        title: v.title,
        ownerUnitId: v.ownerUnitId,
        ...(v.receivingUnitId ? { receivingUnitId: v.receivingUnitId } : {}),
        unitIds: v.unitIds,
        outline: v.outline
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
        ...(v.planId ? { planId: v.planId } : {}),
      };
      if (mode === 'periodic') {
        const r = await createReportSeries({
          ...common,
          periodKind: v.periodKind,
          yearFrom: v.yearFrom,
          yearTo: v.yearTo,
          due: { day: v.dueDay, month: v.dueMonth },
        });
        message.success(fill(t.rpSeriesCreated, { n: r.requests }));
        await qc.invalidateQueries({ queryKey: ['report-series'] });
        onClose();
        void navigate(`/reports/series/${r.id}`);
      } else {
        const r = await createAdHocRequest({ ...common, dueOn: isoDate(v.dueOn!) });
        message.success(t.rpCreated);
        await qc.invalidateQueries({ queryKey: ['report-requests'] });
        onClose();
        void navigate(`/reports/${r.id}`);
      }
    } catch (e) {
      if (!isFormValidationError(e)) setError(errText(e));
    }
  };
  const unitOptions = (list: typeof items) => list.map((u) => ({ value: u.id, label: u.name }));
  return (
    <Modal
      open
      width={640}
      title={mode === 'periodic' ? t.rpPeriodicTitle : t.rpAdHocTitle}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t.rpCreate}
      okButtonProps={{ 'data-testid': 'rp-units-ok' } as Record<`data-${string}`, string>}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="rp-units-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ periodKind: 'quarter', yearFrom: year, yearTo: year, dueDay: 3, dueMonth: 'last' }}
      >
        <Form.Item name="title" label={t.rpTitleField} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="rp-units-title" />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={t.rpAsking} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={byKey}
            loading={units.isLoading}
            options={unitOptions(items)}
            data-testid="rp-units-owner"
          />
        </Form.Item>
        <Form.Item name="receivingUnitId" label={t.rpReceiver}>
          <Select allowClear showSearch filterOption={byKey} options={unitOptions(under)} />
        </Form.Item>
        <Form.Item name="unitIds" label={t.rpAskedUnits} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            showSearch
            filterOption={byKey}
            options={unitOptions(under)}
            data-testid="rp-units-asked"
          />
        </Form.Item>
        {mode === 'periodic' ? (
          <>
            <Space wrap align="start">
              <Form.Item name="periodKind" label={t.rpPeriodKind} rules={[{ required: true }]}>
                <Select
                  style={{ width: 160 }}
                  options={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }))}
                />
              </Form.Item>
              <Form.Item name="yearFrom" label={t.rpYearFrom} rules={[{ required: true }]}>
                <InputNumber min={2000} max={2100} />
              </Form.Item>
              <Form.Item name="yearTo" label={t.rpYearTo} rules={[{ required: true }]}>
                <InputNumber min={2000} max={2100} />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              <Form.Item name="dueDay" label={t.rpDueDay} rules={[{ required: true }]}>
                <InputNumber min={1} max={31} data-testid="rp-units-due-day" />
              </Form.Item>
              <Form.Item
                name="dueMonth"
                label={t.rpDueMonth}
                rules={[{ required: true }]}
                extra={t.rpDueHint}
              >
                <Select
                  style={{ width: 180 }}
                  options={[
                    { value: 'last', label: t.rpDueLast },
                    { value: 'next', label: t.rpDueNext },
                    ...Array.from({ length: 12 }, (_, i) => ({
                      value: i + 1,
                      label: fill(t.rpDueFixed, { month: i + 1 }),
                    })),
                  ]}
                />
              </Form.Item>
            </Space>
          </>
        ) : (
          <Form.Item name="dueOn" label={t.rpDue} rules={[{ required: true }]}>
            <DatePicker format={PICKER_DATE_FORMAT} data-testid="rp-units-due" />
          </Form.Item>
        )}
        <Form.Item
          name="outline"
          label={t.rpOutline}
          extra={t.rpOutlineHint}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="rp-units-outline" />
        </Form.Item>
        <Form.Item name="planId" label={t.rpPlan}>
          <Select
            allowClear
            showSearch
            filterOption={byKey}
            options={(plans.data?.items ?? [])
              .filter((p) => p.issuingUnitId === owner)
              .map((p) => ({ value: p.id, label: `${p.number} — ${p.title}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
