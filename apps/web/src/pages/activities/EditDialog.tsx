/** The form that records or corrects an activity (issue #16 item 3): kind, unit, content, date or date
 * window, planned and done for an inspection, the unit inspected or the outlet, the figures of its kind,
 * the plan it implements and a document of the unit's evidence registry. */
import { useQuery } from '@tanstack/react-query';
import type { ActivityViewT } from '@chiso/contracts';
import {
  ACTIVITY_FIGURE_LABELS,
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  FIGURES_OF_KIND,
  searchKey,
  type ActivityKind,
} from '@chiso/domain';
import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { createActivity, updateActivity, type ActivityInput } from '../../api/activities.ts';
import { listEvidence } from '../../api/assessments.ts';
import { listPlans } from '../../api/plans.ts';
import { listUnits } from '../../api/units.ts';
import { useT } from '../../i18n.ts';
import { dateOrDash, isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';

const byKey = (input: string, option?: { label?: unknown }) =>
  searchKey(String(option?.label ?? '')).includes(searchKey(input));

type FormValues = {
  unitId: string;
  kind: ActivityKind;
  title: string;
  dates: [dayjs.Dayjs, dayjs.Dayjs | null] | dayjs.Dayjs;
  planned?: boolean;
  done?: boolean;
  subject?: string;
  subjectUnitId?: string;
  link?: string;
  coordinatingUnitIds?: string[];
  note?: string;
  planId?: string;
  evidenceId?: string;
} & Partial<Record<(typeof FIGURES_OF_KIND)[ActivityKind][number], number | null>>;

export function EditDialog({
  writable,
  kind,
  record,
  onClose,
}: {
  writable: { id: string; name: string }[];
  kind: ActivityKind;
  record?: ActivityViewT;
  onClose: (saved?: ActivityViewT) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const units = useQuery({
    queryKey: ['units', '', false],
    queryFn: () => listUnits({ includeClosed: false }),
  });
  const k = (Form.useWatch('kind', form) as ActivityKind | undefined) ?? record?.kind ?? kind;
  const unitId = (Form.useWatch('unitId', form) as string | undefined) ?? record?.unitId ?? writable[0]?.id;
  const plans = useQuery({ queryKey: ['plans'], queryFn: listPlans });
  const evidence = useQuery({
    queryKey: ['evidence', unitId],
    queryFn: () => listEvidence(unitId!),
    enabled: !!unitId,
  });
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const save = async () => {
    setError(null);
    const v = await form.validateFields();
    const [from, to] = Array.isArray(v.dates) ? v.dates : [v.dates, null];
    const body: ActivityInput = {
      unitId: v.unitId,
      kind: v.kind,
      title: v.title,
      startsOn: isoDate(from),
      endsOn: to ? isoDate(to) : undefined,
      planned: v.kind === 'inspection' ? !!v.planned : undefined,
      done: v.done ?? true,
      subject: v.subject || undefined,
      subjectUnitId: v.subjectUnitId || undefined,
      link: v.link || undefined,
      coordinatingUnitIds: v.coordinatingUnitIds?.length ? v.coordinatingUnitIds : undefined,
      note: v.note || undefined,
      planId: v.planId || undefined,
      evidenceId: v.evidenceId || undefined,
    };
    for (const f of FIGURES_OF_KIND[v.kind]) {
      const n = v[f];
      if (n !== undefined && n !== null) body[f] = n;
    }
    try {
      const r = record ? await updateActivity(record.id, body) : await createActivity(body);
      message.success(t.acSaved);
      onClose(r);
    } catch (e) {
      setError(errText(e));
    }
  };
  const required = [{ required: true, message: t.acRequired }];
  const window = k === 'event' || k === 'training' || k === 'dialogue';
  return (
    <Modal
      open
      title={record ? t.acEdit : t.acCreate}
      onCancel={() => onClose()}
      onOk={() => void save()}
      okText={record ? t.acEdit : t.acCreate}
      width={720}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={
          record
            ? {
                ...record,
                dates: record.endsOn
                  ? [dayjs(record.startsOn), dayjs(record.endsOn)]
                  : dayjs(record.startsOn),
                subjectUnitId: record.subjectUnitId ?? undefined,
                link: record.link ?? undefined,
                coordinatingUnitIds: record.coordinatingUnits.map((u) => u.id),
                planId: record.plan?.id,
                evidenceId: record.evidence?.id,
              }
            : { kind, unitId: writable[0]?.id, planned: kind === 'inspection', done: true }
        }
      >
        <Space wrap>
          <Form.Item name="kind" label={t.acKind} rules={required}>
            <Select
              style={{ width: 220 }}
              data-testid="ac-kind"
              options={ACTIVITY_KINDS.map((x) => ({ value: x, label: ACTIVITY_KIND_LABELS[x] }))}
            />
          </Form.Item>
          <Form.Item name="unitId" label={t.acUnit} rules={required}>
            <Select
              showSearch
              filterOption={byKey}
              style={{ width: 320 }}
              data-testid="ac-unit"
              options={writable.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t.acTitleField} rules={required}>
          <Input.TextArea rows={2} data-testid="ac-title" />
        </Form.Item>
        <Space wrap align="end">
          <Form.Item name="dates" label={window ? t.acDates : t.acDate} rules={required}>
            {window ? (
              <DatePicker.RangePicker format={PICKER_DATE_FORMAT} allowEmpty={[false, true]} />
            ) : (
              <DatePicker format={PICKER_DATE_FORMAT} data-testid="ac-date" />
            )}
          </Form.Item>
          {k === 'inspection' && (
            <Form.Item name="planned" valuePropName="checked">
              <Checkbox data-testid="ac-planned">{t.acPlanned}</Checkbox>
            </Form.Item>
          )}
          <Form.Item name="done" valuePropName="checked">
            <Checkbox data-testid="ac-done">{t.acDone}</Checkbox>
          </Form.Item>
        </Space>
        {k === 'inspection' && (
          <Form.Item name="subjectUnitId" label={t.acSubjectUnit}>
            <Select
              allowClear
              showSearch
              filterOption={byKey}
              options={unitOptions}
              data-testid="ac-subject-unit"
            />
          </Form.Item>
        )}
        {k !== 'inspection' && (
          <Form.Item name="subject" label={k === 'news' ? t.acOutlet : t.acSubject}>
            <Input data-testid="ac-subject" />
          </Form.Item>
        )}
        {k === 'news' && (
          <Form.Item name="link" label={t.acLink}>
            <Input placeholder="https://" />
          </Form.Item>
        )}
        {k === 'event' && (
          <Form.Item name="coordinatingUnitIds" label={t.acCoordinating}>
            <Select mode="multiple" allowClear filterOption={byKey} options={unitOptions} />
          </Form.Item>
        )}
        {FIGURES_OF_KIND[k].length > 0 && (
          <Space wrap>
            {FIGURES_OF_KIND[k].map((f) => (
              <Form.Item key={f} name={f} label={ACTIVITY_FIGURE_LABELS[f]}>
                <InputNumber min={0} precision={0} data-testid={`ac-${f}`} />
              </Form.Item>
            ))}
          </Space>
        )}
        <Form.Item name="planId" label={t.acPlan}>
          <Select
            allowClear
            showSearch
            filterOption={byKey}
            options={(plans.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.kindLabel} số ${p.number} — ${p.issuingUnitName}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="evidenceId" label={t.acEvidence}>
          <Select
            allowClear
            showSearch
            filterOption={byKey}
            options={(evidence.data?.items ?? []).map((e) => ({
              value: e.id,
              label: `${e.numberSymbol} ngày ${dateOrDash(e.issuedOn)} — ${e.summary}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t.acNote}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
