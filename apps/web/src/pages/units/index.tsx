/** Units: the tree (search without diacritics, closed units on demand), one unit's details, history
 * and lineage; create, edit, move, merge, abolish, abolish a level; import a tree from a file. */
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportErrorT } from '@chiso/contracts';
import { UNIT_KIND_LABELS, UNIT_KINDS } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Space,
  Switch,
  Tree,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { Session } from '../../api/auth.ts';
import { ApiError } from '../../api/http.ts';
import { getUnit, importUnits, listUnits } from '../../api/units.ts';
import { carryGrants } from '../../api/users.ts';
import { useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { errText, isFormValidationError } from '../../ui/errors.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { buildTree } from './tree.tsx';
import { UnitDetail } from './UnitDetail.tsx';
import { saveUnitDialog, UnitDialog, type UnitDialogKind, type UnitFormValues } from './UnitDialog.tsx';

type Dialog = null | UnitDialogKind | 'import';

export default function Units({ session }: { session: Session }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [includeClosed, setIncludeClosed] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [importErrors, setImportErrors] = useState<ImportErrorT[] | null>(null);
  const [carry, setCarry] = useState<{ from: string[]; to: string } | null>(null);
  const [form] = Form.useForm<UnitFormValues>();
  const list = useQuery({
    queryKey: ['units', search, includeClosed],
    queryFn: () => listUnits({ q: search, includeClosed }),
  });
  const detail = useQuery({
    queryKey: ['unit', selected],
    queryFn: () => getUnit(selected!),
    enabled: !!selected,
  });
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const tree = useMemo(() => buildTree(items, search), [items, search]);
  const openUnits = items.filter((u) => !u.closed);
  const unitOptions = openUnits.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
  const kindOptions = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k][lang] }));
  const isAdmin = !!session.user?.grants.some((g) => g.unitId === null);

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['units'] });
    await qc.invalidateQueries({ queryKey: ['unit'] });
  };
  const open = (d: Dialog) => {
    form.resetFields();
    const u = detail.data?.unit;
    if (d === 'edit' && u)
      form.setFieldsValue({ code: u.code, name: u.name, shortName: u.shortName ?? '', kind: u.kind });
    if (d === 'create') form.setFieldsValue({ parentId: selected ?? undefined });
    if (d === 'merge')
      form.setFieldsValue({ sourceIds: selected ? [selected] : [], parentId: u?.parentId ?? undefined });
    if (d === 'abolish') form.setFieldsValue({ successorId: u?.parentId ?? undefined });
    if (d === 'level') form.setFieldsValue({ rootId: selected ?? undefined });
    setDialog(d);
  };
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t.saved);
      setDialog(null);
      await refresh();
    } catch (e) {
      if (!isFormValidationError(e)) message.error(errText(e));
    }
  };
  const submit = (kind: UnitDialogKind) =>
    run(async () => {
      const v = await form.validateFields();
      const r = await saveUnitDialog(kind, v, detail.data?.unit);
      if (r.select) setSelected(r.select);
      if (r.carry) setCarry(r.carry);
    });
  const doImport = async (file: File) => {
    setImportErrors(null);
    try {
      const r = await importUnits(file);
      message.success(`${t.imported}: ${r.created}`);
      setDialog(null);
      await refresh();
    } catch (e) {
      if (e instanceof ApiError) {
        message.error(e.message);
        const errs = (e.details as { errors?: ImportErrorT[] } | undefined)?.errors;
        setImportErrors(errs ?? [{ row: 0, column: '', message: e.message }]);
      }
    }
    return false;
  };
  const doCarry = async () => {
    if (!carry) return;
    const reason =
      lang === 'vi' ? 'Chuyển quyền sang đơn vị kế thừa sau sắp xếp' : 'Carry grants after reorganisation';
    await run(async () => {
      for (const from of carry.from) await carryGrants({ fromUnitId: from, toUnitId: carry.to, reason });
      setCarry(null);
    });
  };

  const d = detail.data;
  return (
    <>
      <Typography.Title level={3}>{t.units}</Typography.Title>
      {carry && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            lang === 'vi'
              ? 'Quyền của người dùng trên đơn vị cũ không tự động chuyển sang đơn vị kế thừa.'
              : 'Grants on the old units are not carried automatically.'
          }
          action={
            <Space>
              <Button type="primary" onClick={() => void doCarry()}>
                {t.carryGrants}
              </Button>
              <Button onClick={() => setCarry(null)}>{t.cancel}</Button>
            </Space>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={11}>
          <Card
            extra={
              <Space>
                {can(session, 'unit.write') && (
                  <Button icon={<PlusOutlined />} onClick={() => open('create')} data-testid="create-unit">
                    {t.create}
                  </Button>
                )}
                {can(session, 'unit.import') && (
                  <Button icon={<UploadOutlined />} onClick={() => (setImportErrors(null), open('import'))}>
                    {t.import}
                  </Button>
                )}
              </Space>
            }
            title={
              <Input.Search
                placeholder={t.search}
                allowClear
                value={q}
                onChange={(e) => setQ(e.target.value)}
                onSearch={(v) => setSearch(v.trim())}
                style={{ maxWidth: 320 }}
                data-testid="unit-search"
              />
            }
          >
            <Space style={{ marginBottom: 12 }}>
              <Switch checked={includeClosed} onChange={setIncludeClosed} size="small" /> {t.showClosed}
            </Space>
            {tree.length ? (
              <Tree
                treeData={tree}
                defaultExpandAll={!!search}
                key={`${search}-${includeClosed}`}
                defaultExpandedKeys={tree.map((n) => n.key)}
                selectedKeys={selected ? [selected] : []}
                onSelect={(k) => k[0] !== undefined && setSelected(k[0] as string)}
                height={640}
              />
            ) : (
              <Empty description={t.noData} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <Card title={d ? d.unit.name : t.units}>
            {!d ? (
              <Typography.Text type="secondary">{t.selectUnit}</Typography.Text>
            ) : (
              <UnitDetail
                detail={d}
                onOpen={open}
                onCarry={setCarry}
                may={{
                  write: can(session, 'unit.write', [d.unit.id, ...d.path.map((p) => p.id)]),
                  reorganise: can(session, 'unit.reorganise', [d.unit.id, ...d.path.map((p) => p.id)]),
                  carry: can(session, 'grant.write', [d.unit.id, ...d.path.map((p) => p.id)]),
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <UnitDialog
        dialog={dialog === 'import' ? null : dialog}
        form={form}
        selected={selected}
        unitOptions={unitOptions}
        kindOptions={kindOptions}
        isAdmin={isAdmin}
        onOk={() => dialog && dialog !== 'import' && void submit(dialog)}
        onCancel={() => setDialog(null)}
      />
      <ImportDialog
        open={dialog === 'import'}
        errors={importErrors}
        onFile={doImport}
        onCancel={() => setDialog(null)}
      />
    </>
  );
}
