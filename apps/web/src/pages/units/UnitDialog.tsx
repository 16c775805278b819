/** The dialogs that change the tree: create, edit, move, merge, abolish a unit, abolish a level. The
 * form is the page's (it prefills it on opening); `saveUnitDialog` sends what was entered. */
import type { UnitViewT } from '@chiso/contracts';
import { matchesSearch, parseDateVi, type UnitKind } from '@chiso/domain';
import { Form, Input, Modal, Select, Typography, type FormInstance } from 'antd';
import { abolishLevel, abolishUnit, createUnit, mergeUnits, moveUnit, updateUnit } from '../../api/units.ts';
import { useT } from '../../i18n.ts';
import { formToProfile, ProfileFields, type ProfileFormValues } from './ProfileFields.tsx';

export type UnitDialogKind = 'create' | 'edit' | 'move' | 'merge' | 'abolish' | 'level';

/** What the page does after a dialog: select a unit, offer to carry grants of closed units. */
export interface UnitDialogOutcome {
  select?: string;
  carry?: { from: string[]; to: string };
}

type Option = { value: string; label: string };

const dateRule = {
  validator: (_: unknown, v: string) =>
    !v || parseDateVi(v) ? Promise.resolve() : Promise.reject(new Error('Ngày dạng dd/mm/yyyy')),
};
const toIso = (v: string | undefined) => (v ? (parseDateVi(v) ?? undefined) : undefined);
const filterOption = (input: string, o?: { label?: unknown }) => matchesSearch(String(o?.label ?? ''), input);

/** What the dialogs' forms hold (each dialog some of it; the form's rules say which is required). */
export interface UnitFormValues {
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  parentId?: string;
  /** dd/mm/yyyy as typed */
  validFrom?: string;
  effectiveDate?: string;
  reason?: string;
  decision?: string;
  sourceIds: string[];
  successorId: string;
  rootId: string;
  profile?: ProfileFormValues;
}

/** Send a dialog's values (already validated); `unit` is the unit selected. */
export async function saveUnitDialog(
  kind: UnitDialogKind,
  v: UnitFormValues,
  unit: UnitViewT | undefined,
): Promise<UnitDialogOutcome> {
  switch (kind) {
    case 'create': {
      const r = await createUnit({
        code: v.code,
        name: v.name,
        shortName: v.shortName || null,
        kind: v.kind,
        parentId: v.parentId ?? null,
        validFrom: toIso(v.validFrom),
        profile: formToProfile(v.profile),
      });
      return { select: r.id };
    }
    case 'edit':
      if (unit)
        await updateUnit(unit.id, {
          code: v.code,
          name: v.name,
          shortName: v.shortName || null,
          kind: v.kind,
          profile: formToProfile(v.profile),
          effectiveDate: toIso(v.effectiveDate),
          reason: v.reason || undefined,
        });
      return {};
    case 'move':
      if (unit)
        await moveUnit(unit.id, {
          parentId: v.parentId!,
          effectiveDate: toIso(v.effectiveDate),
          reason: v.reason!,
        });
      return {};
    case 'merge': {
      const r = await mergeUnits({
        sourceIds: v.sourceIds,
        target: {
          code: v.code,
          name: v.name,
          shortName: v.shortName || null,
          kind: v.kind,
          parentId: v.parentId ?? null,
        },
        effectiveDate: toIso(v.effectiveDate)!,
        decision: v.decision || undefined,
        reason: v.reason!,
      });
      return { select: r.unit!.id, carry: { from: r.closedUnitIds, to: r.unit!.id } };
    }
    case 'abolish': {
      if (!unit) return {};
      const r = await abolishUnit(unit.id, {
        successorId: v.successorId,
        effectiveDate: toIso(v.effectiveDate)!,
        decision: v.decision || undefined,
        reason: v.reason!,
      });
      return { carry: { from: r.closedUnitIds, to: v.successorId } };
    }
    case 'level':
      await abolishLevel({
        rootId: v.rootId,
        kind: v.kind,
        effectiveDate: toIso(v.effectiveDate)!,
        decision: v.decision || undefined,
        reason: v.reason!,
      });
      return {};
  }
}

export function UnitDialog({
  dialog,
  form,
  selected,
  unitOptions,
  kindOptions,
  isAdmin,
  onOk,
  onCancel,
}: {
  dialog: UnitDialogKind | null;
  form: FormInstance<UnitFormValues>;
  selected: string | null;
  unitOptions: Option[];
  kindOptions: Option[];
  /** A whole-system administrator may create a root unit. */
  isAdmin: boolean;
  onOk: () => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const titles: Record<UnitDialogKind, string> = {
    create: t.createChild,
    edit: t.edit,
    move: t.move,
    merge: t.merge,
    abolish: t.abolish,
    level: t.abolishLevel,
  };
  const reasonItem = (required: boolean) => (
    <Form.Item
      name="reason"
      label={t.reason}
      rules={required ? [{ required: true, message: 'Cần nhập lý do' }] : []}
    >
      <Input.TextArea rows={2} />
    </Form.Item>
  );
  const dateItem = (name: string, label: string, required: boolean) => (
    <Form.Item
      name={name}
      label={label}
      rules={[...(required ? [{ required: true, message: 'Cần nhập ngày' }] : []), dateRule]}
    >
      <Input placeholder="dd/mm/yyyy" />
    </Form.Item>
  );
  const unitFields = (withParent: boolean) => (
    <>
      <Form.Item name="code" label={t.code} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t.name} rules={[{ required: true, min: 2 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="shortName" label={t.shortName}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
        <Select options={kindOptions} showSearch optionFilterProp="label" />
      </Form.Item>
      {withParent && (
        <Form.Item name="parentId" label={t.parent} rules={isAdmin ? [] : [{ required: true }]}>
          <Select
            options={unitOptions}
            showSearch
            optionFilterProp="label"
            allowClear
            filterOption={filterOption}
          />
        </Form.Item>
      )}
    </>
  );
  const others = unitOptions.filter((o) => o.value !== selected);
  return (
    <Modal
      open={dialog !== null}
      title={dialog ? titles[dialog] : ''}
      onOk={onOk}
      onCancel={onCancel}
      okText={t.save}
      cancelText={t.cancel}
      destroyOnHidden
      width={720}
    >
      <Form form={form} layout="vertical">
        {dialog === 'create' && (
          <>
            {unitFields(true)}
            {dateItem('validFrom', t.validFrom, false)}
            <ProfileFields />
          </>
        )}
        {dialog === 'edit' && (
          <>
            {unitFields(false)}
            <ProfileFields />
            {dateItem('effectiveDate', t.effectiveDate, false)}
            {reasonItem(false)}
          </>
        )}
        {dialog === 'move' && (
          <>
            <Form.Item name="parentId" label={t.parent} rules={[{ required: true }]}>
              <Select options={others} showSearch filterOption={filterOption} />
            </Form.Item>
            {dateItem('effectiveDate', t.effectiveDate, false)}
            {reasonItem(true)}
          </>
        )}
        {dialog === 'merge' && (
          <>
            <Form.Item
              name="sourceIds"
              label={t.sources}
              rules={[{ required: true, type: 'array', min: 2, message: 'Chọn ít nhất hai đơn vị' }]}
            >
              <Select mode="multiple" options={unitOptions} filterOption={filterOption} />
            </Form.Item>
            <Typography.Text strong>{t.newUnit}</Typography.Text>
            {unitFields(true)}
            {dateItem('effectiveDate', t.effectiveDate, true)}
            <Form.Item name="decision" label={t.decision}>
              <Input placeholder="Quyết định số …/QĐ-… ngày …" />
            </Form.Item>
            {reasonItem(true)}
          </>
        )}
        {dialog === 'abolish' && (
          <>
            <Form.Item name="successorId" label={t.successor} rules={[{ required: true }]}>
              <Select options={others} showSearch filterOption={filterOption} />
            </Form.Item>
            {dateItem('effectiveDate', t.effectiveDate, true)}
            <Form.Item name="decision" label={t.decision}>
              <Input />
            </Form.Item>
            {reasonItem(true)}
          </>
        )}
        {dialog === 'level' && (
          <>
            <Form.Item name="rootId" label={t.parent} rules={[{ required: true }]}>
              <Select options={unitOptions} showSearch filterOption={filterOption} />
            </Form.Item>
            <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
              <Select options={kindOptions} />
            </Form.Item>
            {dateItem('effectiveDate', t.effectiveDate, true)}
            <Form.Item name="decision" label={t.decision}>
              <Input />
            </Form.Item>
            {reasonItem(true)}
          </>
        )}
      </Form>
    </Modal>
  );
}
