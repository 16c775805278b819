/** "Giao nhiệm vụ": one task added to a plan by its issuer — a section, the content, a lead unit or a
 * group of units of a kind under the issuer (one task each), coordinating units, a due day or a
 * recurrence, a target (comparator, value with a decimal comma, unit, what is measured), the unit
 * receiving the results. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskInputT } from '@chiso/contracts';
import {
  COMPARATOR_SIGNS,
  searchKey,
  TARGET_COMPARATORS,
  TASK_RECURRENCE_LABELS,
  TASK_RECURRENCES,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type UnitKind,
} from '@chiso/domain';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { addTasks } from '../../api/tasks.ts';
import { listUnits } from '../../api/units.ts';
import { useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';

const byKey = (input: string, option?: { label?: unknown }) =>
  searchKey(String(option?.label ?? '')).includes(searchKey(input));

type Values = {
  section?: string;
  content: string;
  leadMode: 'unit' | 'group';
  leadUnitId?: string;
  groupLabel?: string;
  groupKind?: UnitKind;
  coordinatingUnitIds?: string[];
  coordinatingText?: string;
  dueMode: 'day' | 'recurrence';
  dueOn?: Dayjs;
  recurrence?: TaskInputT['recurrence'];
  targetComparator?: TaskInputT['targetComparator'];
  targetValue?: string;
  targetValueTo?: string;
  targetUnit?: string;
  targetMetric?: string;
  receivingUnitId?: string;
};

export function AddTaskDialog({
  planId,
  issuingUnitId,
  onClose,
}: {
  planId: string;
  issuingUnitId: string;
  onClose: () => void;
}) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const units = useQuery({
    queryKey: ['units', '', false],
    queryFn: () => listUnits({ includeClosed: false }),
  });
  const leadMode = Form.useWatch('leadMode', form);
  const dueMode = Form.useWatch('dueMode', form);
  const comparator = Form.useWatch('targetComparator', form);
  const items = (units.data?.items ?? []).filter((u) => !u.closed);
  const under: typeof items = [];
  const walk = (p: string) =>
    items.filter((u) => u.parentId === p).forEach((u) => (under.push(u), walk(u.id)));
  walk(issuingUnitId);
  const issuer = items.find((u) => u.id === issuingUnitId);
  const own = issuer ? [issuer, ...under] : under;
  const options = (list: typeof items) => list.map((u) => ({ value: u.id, label: u.name }));
  const kinds = UNIT_KINDS.filter((k) => under.some((u) => u.kind === k));
  const save = async () => {
    setError(null);
    const v = await form.validateFields();
    const task: TaskInputT = {
      content: v.content,
      ...(v.section ? { section: v.section } : {}),
      ...(v.leadMode === 'unit'
        ? { leadUnitId: v.leadUnitId! }
        : { leadGroup: { label: v.groupLabel!, unitKind: v.groupKind! } }),
      ...(v.coordinatingUnitIds?.length ? { coordinatingUnitIds: v.coordinatingUnitIds } : {}),
      ...(v.coordinatingText ? { coordinatingText: v.coordinatingText } : {}),
      ...(v.dueMode === 'day' ? { dueOn: isoDate(v.dueOn!) } : { recurrence: v.recurrence! }),
      ...(v.targetComparator && v.targetValue
        ? {
            targetComparator: v.targetComparator,
            targetValue: v.targetValue,
            ...(v.targetComparator === 'range' && v.targetValueTo ? { targetValueTo: v.targetValueTo } : {}),
            targetUnit: v.targetUnit ?? '',
            targetMetric: v.targetMetric ?? '',
          }
        : {}),
      ...(v.receivingUnitId ? { receivingUnitId: v.receivingUnitId } : {}),
    };
    try {
      await addTasks(planId, [task]);
      message.success(t.tkSaved);
      await qc.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    } catch (e) {
      setError(errText(e));
    }
  };
  const required = [{ required: true, message: t.tkRequired }];
  return (
    <Modal open title={t.tkAdd} okText={t.tkAdd} onOk={() => void save()} onCancel={onClose} width={760}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ leadMode: 'unit', dueMode: 'day' }}
        onValuesChange={() => setError(null)}
      >
        <Form.Item name="section" label={t.tkGroupHeading}>
          <Input placeholder="1. Công tác chỉ đạo, điều hành CCHC" data-testid="tk-add-section" />
        </Form.Item>
        <Form.Item name="content" label={t.tkContent} rules={required}>
          <Input.TextArea rows={2} data-testid="tk-add-content" />
        </Form.Item>
        <Form.Item name="leadMode" label={t.tkLead}>
          <Radio.Group
            options={[
              { value: 'unit', label: t.tkLeadUnit },
              { value: 'group', label: t.tkLeadGroup },
            ]}
          />
        </Form.Item>
        {leadMode === 'group' ? (
          <Space wrap>
            <Form.Item name="groupLabel" label={t.tkGroupName} rules={required}>
              <Input
                style={{ width: 280 }}
                placeholder="Công an các xã, thị trấn"
                data-testid="tk-add-group"
              />
            </Form.Item>
            <Form.Item name="groupKind" label={t.tkGroupKind} rules={required}>
              <Select
                style={{ width: 280 }}
                data-testid="tk-add-kind"
                options={kinds.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k][lang] }))}
              />
            </Form.Item>
          </Space>
        ) : (
          <Form.Item name="leadUnitId" rules={required}>
            <Select showSearch filterOption={byKey} options={options(own)} data-testid="tk-add-lead" />
          </Form.Item>
        )}
        <Form.Item name="coordinatingUnitIds" label={t.tkCoordinators}>
          <Select mode="multiple" allowClear filterOption={byKey} options={options(own)} />
        </Form.Item>
        <Form.Item name="coordinatingText" label={t.tkCoordinatingText}>
          <Input placeholder="Các phòng, ban liên quan" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="dueMode" label={t.tkDue}>
            <Radio.Group
              options={[
                { value: 'day', label: t.tkDueDay },
                { value: 'recurrence', label: t.tkRecurrence },
              ]}
            />
          </Form.Item>
          {dueMode === 'recurrence' ? (
            <Form.Item name="recurrence" label={t.tkRecurrence} rules={required}>
              <Select
                style={{ width: 200 }}
                options={TASK_RECURRENCES.map((r) => ({ value: r, label: TASK_RECURRENCE_LABELS[r] }))}
              />
            </Form.Item>
          ) : (
            <Form.Item name="dueOn" label={t.tkDueDayIncluded} rules={required}>
              <DatePicker format={PICKER_DATE_FORMAT} data-testid="tk-add-due" />
            </Form.Item>
          )}
        </Space>
        <Space wrap align="start">
          <Form.Item name="targetComparator" label={t.tkTarget}>
            <Select
              allowClear
              style={{ width: 110 }}
              options={TARGET_COMPARATORS.map((c) => ({
                value: c,
                label: c === 'range' ? t.tkRange : COMPARATOR_SIGNS[c],
              }))}
            />
          </Form.Item>
          <Form.Item name="targetValue" label={t.tkTargetValue}>
            <Input style={{ width: 100 }} inputMode="decimal" placeholder="40" />
          </Form.Item>
          {comparator === 'range' && (
            <Form.Item name="targetValueTo" label={t.tkTargetValueTo}>
              <Input style={{ width: 100 }} inputMode="decimal" placeholder="2" />
            </Form.Item>
          )}
          <Form.Item name="targetUnit" label={t.tkTargetUnit}>
            <Input style={{ width: 110 }} placeholder="%" />
          </Form.Item>
          <Form.Item name="targetMetric" label={t.tkTargetMetric}>
            <Input style={{ width: 240 }} placeholder="hồ sơ trực tuyến" />
          </Form.Item>
        </Space>
        <Form.Item name="receivingUnitId" label={t.tkReceiving} extra={t.tkReceivingHint}>
          <Select allowClear showSearch filterOption={byKey} options={options(own)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
