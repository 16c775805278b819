/** Opening a cycle: name, year, owner, a published framework, the kinds of units taking part
 * (optionally only under some units), and the dates of each stage. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitViewT } from '@chiso/contracts';
import {
  matchesSearch,
  roleAllows,
  STAGES,
  UNIT_KIND_LABELS,
  type Stage,
  type UnitKind,
} from '@chiso/domain';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { createCycle } from '../../api/cycles.ts';
import { getFramework, listFrameworks } from '../../api/frameworks.ts';
import { listUnits } from '../../api/units.ts';
import { useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';

interface CycleForm {
  name: string;
  year: number;
  frameworkId: string;
  ownerUnitId: string;
  unitKinds: string[];
  subtreeUnitIds?: string[];
  stages: Record<Stage, [Dayjs, Dayjs]>;
}

/** The units under `ownerId`, depth first (to narrow a cycle to some of its subtrees). */
function unitsUnder(items: UnitViewT[], ownerId: string | undefined): UnitViewT[] {
  const children = new Map<string, UnitViewT[]>();
  for (const u of items) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const out: UnitViewT[] = [];
  const walk = (id: string) =>
    (children.get(id) ?? []).forEach((c) => {
      out.push(c);
      walk(c.id);
    });
  if (ownerId) walk(ownerId);
  return out;
}

export function CreateCycle({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const fws = useQuery({ queryKey: ['frameworks'], queryFn: listFrameworks });
  const published = (fws.data?.items ?? []).filter((f) => f.status === 'published');
  const owners = session.user!.grants.filter((g) => roleAllows(g.role, 'cycle.manage') && g.unitId);
  const [form] = Form.useForm<CycleForm>();
  const allUnits = useQuery({ queryKey: ['units', 'all'], queryFn: () => listUnits() });
  const ownerId = Form.useWatch('ownerUnitId', form);
  const under = unitsUnder(allUnits.data?.items ?? [], ownerId);
  const [busy, setBusy] = useState(false);
  const fwId = Form.useWatch('frameworkId', form);
  const fwDetail = useQuery({
    queryKey: ['framework', fwId],
    enabled: !!fwId,
    queryFn: () => getFramework(fwId),
  });
  const kinds = (
    fwDetail.data?.definition.appliesTo.length
      ? fwDetail.data.definition.appliesTo
      : Object.keys(UNIT_KIND_LABELS)
  ) as UnitKind[];
  const today = dayjs();
  const defaults = Object.fromEntries(
    STAGES.map((s, i) => [s, [today.add(i * 10, 'day'), today.add(i * 10 + 9, 'day')] as [Dayjs, Dayjs]]),
  );
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await createCycle({
        name: v.name,
        year: v.year,
        frameworkId: v.frameworkId,
        ownerUnitId: v.ownerUnitId,
        unitKinds: v.unitKinds,
        subtreeUnitIds: v.subtreeUnitIds?.length ? v.subtreeUnitIds : undefined,
        stages: STAGES.map((s) => ({
          stage: s,
          startsOn: isoDate(v.stages[s][0]),
          dueOn: isoDate(v.stages[s][1]),
        })),
      });
      message.success(t.cyOpened);
      await qc.invalidateQueries({ queryKey: ['cycles'] });
      onClose();
      void nav(`/cycles/${r.id}`);
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t.cyOpenCycle}
      width={720}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t.cyOpenOk}
      cancelText={t.cancel}
      confirmLoading={busy}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: today.year(), ownerUnitId: owners[0]?.unitId, stages: defaults }}
      >
        <Form.Item name="name" label={t.cyName} rules={[{ required: true, message: t.cyNameRequired }]}>
          <Input placeholder={t.cyNameExample} />
        </Form.Item>
        <Space>
          <Form.Item name="year" label={t.cyAssessmentYear} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="ownerUnitId" label={t.cyOwner} rules={[{ required: true }]}>
            <Select
              style={{ width: 320 }}
              options={owners.map((g) => ({ value: g.unitId!, label: g.unitName ?? '' }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="frameworkId"
          label={t.cyFramework}
          rules={[{ required: true, message: t.cyFrameworkRequired }]}
        >
          <Select
            data-testid="cycle-framework"
            options={published.map((f) => ({ value: f.id, label: `${f.name} (v${f.version})` }))}
          />
        </Form.Item>
        <Form.Item
          name="unitKinds"
          label={t.cyUnitKinds}
          rules={[{ required: true, message: t.cyUnitKindsRequired }]}
        >
          <Checkbox.Group
            options={kinds.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k]?.[lang] ?? k }))}
          />
        </Form.Item>
        <Form.Item name="subtreeUnitIds" label={t.cySubtrees}>
          <Select
            mode="multiple"
            allowClear
            data-testid="cycle-subtrees"
            placeholder={t.cySubtreesExample}
            filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
            options={under.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
          />
        </Form.Item>
        {STAGES.map((s) => (
          <Form.Item key={s} name={['stages', s]} label={t.stage[s]} rules={[{ required: true }]}>
            <DatePicker.RangePicker format={PICKER_DATE_FORMAT} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
