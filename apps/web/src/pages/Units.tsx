import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportErrorT, UnitViewT } from '@chiso/contracts';
import {
  formatDateVi,
  matchesSearch,
  parseDateVi,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type UnitKind,
} from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tree,
  Typography,
  Upload,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import { ApiError, get, qs, send, upload, type Session } from '../api.ts';
import { useT } from '../i18n.ts';

interface Detail {
  unit: UnitViewT;
  path: { id: string; name: string }[];
  history: {
    validFrom: string;
    validTo: string | null;
    code: string;
    name: string;
    shortName: string | null;
    kind: UnitKind;
    parentName: string | null;
  }[];
  lineage: {
    eventId: string;
    type: string;
    effectiveDate: string;
    reason: string;
    decision: string | null;
    fromUnitId: string;
    fromUnitName: string;
    toUnitId: string;
    toUnitName: string;
  }[];
}

type Dialog = null | 'create' | 'edit' | 'move' | 'merge' | 'abolish' | 'level' | 'import';

function buildTree(items: UnitViewT[], q: string): DataNode[] {
  const byParent = new Map<string | null, UnitViewT[]>();
  const ids = new Set(items.map((u) => u.id));
  for (const u of items) {
    const p = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), u]);
  }
  const make = (parent: string | null): DataNode[] =>
    (byParent.get(parent) ?? []).map((u) => {
      const hit = q && matchesSearch(`${u.name} ${u.shortName ?? ''} ${u.code}`, q);
      return {
        key: u.id,
        title: (
          <span
            data-testid={`unit-${u.code}`}
            style={{ fontWeight: hit ? 600 : undefined, color: u.closed ? '#999' : undefined }}
          >
            {u.name}
            {u.closed && <Tag style={{ marginLeft: 6 }}>đến {formatDateVi(u.validTo!)}</Tag>}
          </span>
        ),
        children: make(u.id),
      };
    });
  return make(null);
}

const dateRule = {
  validator: (_: unknown, v: string) =>
    !v || parseDateVi(v) ? Promise.resolve() : Promise.reject(new Error('Ngày dạng dd/mm/yyyy')),
};
const toIso = (v: string | undefined) => (v ? (parseDateVi(v) ?? undefined) : undefined);

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
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['units', search, includeClosed],
    queryFn: () =>
      get<{ items: UnitViewT[] }>(`/api/units${qs({ q: search, includeClosed: String(includeClosed) })}`),
  });
  const detail = useQuery({
    queryKey: ['unit', selected],
    queryFn: () => get<Detail>(`/api/units/${selected}`),
    enabled: !!selected,
  });
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const tree = useMemo(() => buildTree(items, search), [items, search]);
  const openUnits = items.filter((u) => !u.closed);
  const unitOptions = openUnits.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
  const kindOptions = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k][lang] }));
  const isAdmin = session.user?.grants.some((g) => g.unitId === null);

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
      if (e instanceof ApiError) message.error(e.message);
      else if (!(e && typeof e === 'object' && 'errorFields' in e)) message.error(String(e));
    }
  };
  const submit = () =>
    run(async () => {
      const v = await form.validateFields();
      const u = detail.data?.unit;
      if (dialog === 'create') {
        const r = await send<UnitViewT>('POST', '/api/units', {
          code: v.code,
          name: v.name,
          shortName: v.shortName || null,
          kind: v.kind,
          parentId: v.parentId ?? null,
          validFrom: toIso(v.validFrom),
        });
        setSelected(r.id);
      } else if (dialog === 'edit' && u) {
        await send('PATCH', `/api/units/${u.id}`, {
          code: v.code,
          name: v.name,
          shortName: v.shortName || null,
          kind: v.kind,
          effectiveDate: toIso(v.effectiveDate),
          reason: v.reason || undefined,
        });
      } else if (dialog === 'move' && u) {
        await send('POST', `/api/units/${u.id}/move`, {
          parentId: v.parentId,
          effectiveDate: toIso(v.effectiveDate),
          reason: v.reason,
        });
      } else if (dialog === 'merge') {
        const r = await send<{ unit: UnitViewT; closedUnitIds: string[] }>('POST', '/api/units/merge', {
          sourceIds: v.sourceIds,
          target: {
            code: v.code,
            name: v.name,
            shortName: v.shortName || null,
            kind: v.kind,
            parentId: v.parentId ?? null,
          },
          effectiveDate: toIso(v.effectiveDate),
          decision: v.decision || undefined,
          reason: v.reason,
        });
        setSelected(r.unit.id);
        setCarry({ from: r.closedUnitIds, to: r.unit.id });
      } else if (dialog === 'abolish' && u) {
        const r = await send<{ closedUnitIds: string[] }>('POST', `/api/units/${u.id}/abolish`, {
          successorId: v.successorId,
          effectiveDate: toIso(v.effectiveDate),
          decision: v.decision || undefined,
          reason: v.reason,
        });
        setCarry({ from: r.closedUnitIds, to: v.successorId });
      } else if (dialog === 'level') {
        await send('POST', '/api/units/abolish-level', {
          rootId: v.rootId,
          kind: v.kind,
          effectiveDate: toIso(v.effectiveDate),
          decision: v.decision || undefined,
          reason: v.reason,
        });
      }
    });
  const doImport = async (file: File) => {
    setImportErrors(null);
    try {
      const r = await upload<{ created: number }>('/api/units/import', file);
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
      for (const from of carry.from)
        await send('POST', '/api/grants/carry', { fromUnitId: from, toUnitId: carry.to, reason });
      setCarry(null);
    });
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
            filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
          />
        </Form.Item>
      )}
    </>
  );
  const titles: Record<Exclude<Dialog, null>, string> = {
    create: t.createChild,
    edit: t.edit,
    move: t.move,
    merge: t.merge,
    abolish: t.abolish,
    level: t.abolishLevel,
    import: t.import,
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
                <Button icon={<PlusOutlined />} onClick={() => open('create')} data-testid="create-unit">
                  {t.create}
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => (setImportErrors(null), open('import'))}>
                  {t.import}
                </Button>
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
              <>
                <Typography.Paragraph type="secondary">
                  {d.path.map((p) => p.name).join(' › ')}
                </Typography.Paragraph>
                {!d.unit.closed && (
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Button onClick={() => open('edit')}>{t.edit}</Button>
                    <Button onClick={() => open('move')}>{t.move}</Button>
                    <Button onClick={() => open('merge')}>{t.merge}</Button>
                    <Button onClick={() => open('abolish')} danger>
                      {t.abolish}
                    </Button>
                    <Button onClick={() => open('level')}>{t.abolishLevel}</Button>
                  </Space>
                )}
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label={t.code}>{d.unit.code}</Descriptions.Item>
                  <Descriptions.Item label={t.shortName}>{d.unit.shortName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t.kind}>{UNIT_KIND_LABELS[d.unit.kind][lang]}</Descriptions.Item>
                  <Descriptions.Item label={t.validFrom}>
                    {formatDateVi(d.unit.validFrom)}
                    {d.unit.validTo && ` – ${formatDateVi(d.unit.validTo)}`}{' '}
                    {d.unit.closed && <Tag color="default">{t.closed}</Tag>}
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t.history}
                </Typography.Title>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(r) => r.validFrom}
                  dataSource={d.history}
                  columns={[
                    { title: t.validFrom, dataIndex: 'validFrom', render: (v: string) => formatDateVi(v) },
                    {
                      title: t.validTo,
                      dataIndex: 'validTo',
                      render: (v: string | null) => (v ? formatDateVi(v) : '—'),
                    },
                    { title: t.name, dataIndex: 'name' },
                    { title: t.code, dataIndex: 'code' },
                    { title: t.parent, dataIndex: 'parentName' },
                  ]}
                />
                {d.lineage.length > 0 && (
                  <>
                    <Typography.Title level={5} style={{ marginTop: 16 }}>
                      {t.lineage}
                    </Typography.Title>
                    <Table
                      size="small"
                      pagination={false}
                      rowKey={(r) => `${r.eventId}-${r.fromUnitId}`}
                      dataSource={d.lineage}
                      columns={[
                        {
                          title: t.effectiveDate,
                          dataIndex: 'effectiveDate',
                          render: (v: string) => formatDateVi(v),
                        },
                        {
                          title: t.action,
                          dataIndex: 'type',
                          render: (v: string) =>
                            ({ merge: 'Sáp nhập', abolish: 'Giải thể', move: 'Chuyển', split: 'Chia tách' })[
                              v
                            ] ?? v,
                        },
                        { title: 'Từ', dataIndex: 'fromUnitName' },
                        { title: 'Sang', dataIndex: 'toUnitName' },
                        { title: t.decision, dataIndex: 'decision' },
                        { title: t.reason, dataIndex: 'reason' },
                      ]}
                    />
                    {d.unit.closed && (
                      <Button
                        style={{ marginTop: 8 }}
                        onClick={() =>
                          setCarry({
                            from: [d.unit.id],
                            to: d.lineage.find((l) => l.fromUnitId === d.unit.id)?.toUnitId ?? '',
                          })
                        }
                      >
                        {t.carryGrants}
                      </Button>
                    )}
                  </>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={dialog !== null && dialog !== 'import'}
        title={dialog ? titles[dialog] : ''}
        onOk={() => void submit()}
        onCancel={() => setDialog(null)}
        okText={t.save}
        cancelText={t.cancel}
        destroyOnHidden
        width={560}
      >
        <Form form={form} layout="vertical">
          {dialog === 'create' && (
            <>
              {unitFields(true)}
              {dateItem('validFrom', t.validFrom, false)}
            </>
          )}
          {dialog === 'edit' && (
            <>
              {unitFields(false)}
              {dateItem('effectiveDate', t.effectiveDate, false)}
              {reasonItem(false)}
            </>
          )}
          {dialog === 'move' && (
            <>
              <Form.Item name="parentId" label={t.parent} rules={[{ required: true }]}>
                <Select
                  options={unitOptions.filter((o) => o.value !== selected)}
                  showSearch
                  filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
                />
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
                <Select
                  mode="multiple"
                  options={unitOptions}
                  filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
                />
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
                <Select
                  options={unitOptions.filter((o) => o.value !== selected)}
                  showSearch
                  filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
                />
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
                <Select
                  options={unitOptions}
                  showSearch
                  filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
                />
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
      <Modal
        open={dialog === 'import'}
        title={t.import}
        footer={null}
        onCancel={() => setDialog(null)}
        width={720}
      >
        <Typography.Paragraph>
          Tệp Excel (.xlsx) hoặc CSV (UTF-8) với các cột: Mã đơn vị, Tên đơn vị, Tên viết tắt, Loại đơn vị, Mã
          đơn vị cấp trên, Hiệu lực từ ngày. Tất cả các dòng được nhập, hoặc không dòng nào nếu có lỗi.{' '}
          <a href="/api/units/import/template">{t.template}</a>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(f) => doImport(f)}
          data-testid="import-upload"
        >
          <p>
            <UploadOutlined /> Kéo thả tệp vào đây hoặc bấm để chọn
          </p>
        </Upload.Dragger>
        {importErrors && (
          <Table
            style={{ marginTop: 16 }}
            size="small"
            title={() => <Typography.Text type="danger">{t.errors}</Typography.Text>}
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            dataSource={importErrors}
            pagination={false}
            columns={[
              { title: t.row, dataIndex: 'row', width: 70 },
              { title: t.column, dataIndex: 'column', width: 170 },
              { title: t.errors, dataIndex: 'message' },
            ]}
          />
        )}
      </Modal>
    </>
  );
}
