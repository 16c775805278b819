/** Assessment cycles: the list, opening a cycle, a cycle's stages and units, appraisal assignments,
 * the matrix, finalisation and publication, the published ranking. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovalViewT, FrameworkSummaryT, UnitViewT, UserViewT } from '@chiso/contracts';
import {
  formatDateVi,
  matchesSearch,
  roleAllows,
  STAGE_LABELS,
  STAGES,
  UNIT_KIND_LABELS,
  type UnitKind,
} from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, get, qs, send, type Session } from '../api.ts';
import { download } from './Frameworks.tsx';

interface CycleSummary {
  id: string;
  name: string;
  year: number;
  status: string;
  ownerUnitName: string;
  units: number;
  myUnits: { unitId: string; unitName: string; assessmentId: string; status: string }[];
}
interface CycleDetail {
  id: string;
  name: string;
  year: number;
  status: string;
  framework: { id: string; code: string; version: number; name: string };
  ownerUnitId: string;
  ownerUnitName: string;
  manages: boolean;
  coordinates: boolean;
  today: string;
  stages: {
    stage: string;
    label: string;
    startsOn: string;
    dueOn: string;
    state: string;
    daysLeft: number;
  }[];
  units: {
    unitId: string;
    unitName: string;
    unitCode: string;
    assessmentId: string;
    status: string;
    submittedAt: string | null;
    appraisingUnitName: string;
    heldBy: string;
    appraises: boolean;
  }[];
}
interface Ranking {
  status: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  items: {
    unitId: string;
    unitName: string;
    total: string;
    index: string;
    bandLabel: string | null;
    rank: number | null;
    resultId: string | null;
  }[];
}

export const STATUS_VI: Record<string, { label: string; color: string }> = {
  draft: { label: 'Đang tự đánh giá', color: 'default' },
  submitted: { label: 'Đã gửi', color: 'blue' },
  returned: { label: 'Bị trả lại', color: 'orange' },
  in_appraisal: { label: 'Đang thẩm định', color: 'purple' },
  appraised: { label: 'Đã có kết quả', color: 'green' },
  open: { label: 'Đang diễn ra', color: 'blue' },
  finalised: { label: 'Đã hoàn thiện kết quả', color: 'purple' },
  published: { label: 'Đã công bố', color: 'green' },
};
export const StatusTag = ({ s }: { s: string }) => (
  <Tag color={STATUS_VI[s]?.color}>{STATUS_VI[s]?.label ?? s}</Tag>
);
const STAGE_STATE: Record<string, string> = { pending: 'Chưa mở', open: 'Đang mở', closed: 'Đã đóng' };
const dmy = (iso: string | null) => (iso ? formatDateVi(iso) : '—');
const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export default function Cycles({ session }: { session: Session }) {
  const { id } = useParams();
  return id ? <CycleView id={id} session={session} /> : <CycleList session={session} />;
}

function CycleList({ session }: { session: Session }) {
  const list = useQuery({
    queryKey: ['cycles'],
    queryFn: () => get<{ items: CycleSummary[] }>('/api/cycles'),
  });
  const [open, setOpen] = useState(false);
  const manager = session.user!.grants.some((g) => roleAllows(g.role, 'cycle.manage'));
  return (
    <Card
      title="Kỳ đánh giá"
      extra={
        manager && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="cycle-create"
          >
            Mở kỳ đánh giá
          </Button>
        )
      }
    >
      <Table<CycleSummary>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: 'Kỳ đánh giá', render: (_, r) => <Link to={`/cycles/${r.id}`}>{r.name}</Link> },
          { title: 'Năm', dataIndex: 'year', width: 80 },
          { title: 'Đơn vị chủ trì', dataIndex: 'ownerUnitName' },
          { title: 'Số đơn vị', dataIndex: 'units', width: 100 },
          { title: 'Trạng thái', render: (_, r) => <StatusTag s={r.status} />, width: 170 },
          {
            title: 'Bản tự đánh giá của tôi',
            render: (_, r) =>
              r.myUnits.map((m) => (
                <div key={m.assessmentId}>
                  <Link to={`/assessments/${m.assessmentId}`} data-testid={`my-assessment-${r.id}`}>
                    {m.unitName}
                  </Link>{' '}
                  <StatusTag s={m.status} />
                </div>
              )),
          },
        ]}
      />
      {open && <CreateCycle session={session} onClose={() => setOpen(false)} />}
    </Card>
  );
}

function CreateCycle({ session, onClose }: { session: Session; onClose: () => void }) {
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const fws = useQuery({
    queryKey: ['frameworks'],
    queryFn: () => get<{ items: FrameworkSummaryT[] }>('/api/frameworks'),
  });
  const published = (fws.data?.items ?? []).filter((f) => f.status === 'published');
  const owners = session.user!.grants.filter((g) => roleAllows(g.role, 'cycle.manage') && g.unitId);
  const [form] = Form.useForm<{
    name: string;
    year: number;
    frameworkId: string;
    ownerUnitId: string;
    unitKinds: string[];
    subtreeUnitIds?: string[];
    stages: Record<string, [Dayjs, Dayjs]>;
  }>();
  const allUnits = useQuery({
    queryKey: ['units', 'all'],
    queryFn: () => get<{ items: UnitViewT[] }>('/api/units'),
  });
  const ownerId = Form.useWatch('ownerUnitId', form);
  // the units under the chosen owner (to narrow the cycle to some of its subtrees)
  const under = (() => {
    const items = allUnits.data?.items ?? [];
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
  })();
  const [busy, setBusy] = useState(false);
  const fwId = Form.useWatch('frameworkId', form);
  const fwDetail = useQuery({
    queryKey: ['framework', fwId],
    enabled: !!fwId,
    queryFn: () => get<{ definition: { appliesTo: string[] } }>(`/api/frameworks/${fwId}`),
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
      const r = await send<{ id: string }>('POST', '/api/cycles', {
        name: v.name,
        year: v.year,
        frameworkId: v.frameworkId,
        ownerUnitId: v.ownerUnitId,
        unitKinds: v.unitKinds,
        subtreeUnitIds: v.subtreeUnitIds?.length ? v.subtreeUnitIds : undefined,
        stages: STAGES.map((s) => ({
          stage: s,
          startsOn: v.stages[s]![0].format('YYYY-MM-DD'),
          dueOn: v.stages[s]![1].format('YYYY-MM-DD'),
        })),
      });
      message.success('Đã mở kỳ đánh giá');
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
      title="Mở kỳ đánh giá"
      width={720}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="Mở kỳ"
      cancelText="Hủy"
      confirmLoading={busy}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: today.year(), ownerUnitId: owners[0]?.unitId, stages: defaults }}
      >
        <Form.Item
          name="name"
          label="Tên kỳ đánh giá"
          rules={[{ required: true, message: 'Nhập tên kỳ đánh giá' }]}
        >
          <Input placeholder="Chỉ số CCHC năm 2025" />
        </Form.Item>
        <Space>
          <Form.Item name="year" label="Năm đánh giá" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="ownerUnitId" label="Đơn vị chủ trì" rules={[{ required: true }]}>
            <Select
              style={{ width: 320 }}
              options={owners.map((g) => ({ value: g.unitId!, label: g.unitName ?? '' }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="frameworkId"
          label="Bộ tiêu chí (đã ban hành)"
          rules={[{ required: true, message: 'Chọn bộ tiêu chí' }]}
        >
          <Select
            data-testid="cycle-framework"
            options={published.map((f) => ({ value: f.id, label: `${f.name} (v${f.version})` }))}
          />
        </Form.Item>
        <Form.Item
          name="unitKinds"
          label="Loại đơn vị tham gia"
          rules={[{ required: true, message: 'Chọn ít nhất một loại' }]}
        >
          <Checkbox.Group options={kinds.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k]?.vi ?? k }))} />
        </Form.Item>
        <Form.Item
          name="subtreeUnitIds"
          label="Chỉ các đơn vị trực thuộc (để trống: toàn bộ đơn vị thuộc đơn vị chủ trì)"
        >
          <Select
            mode="multiple"
            allowClear
            data-testid="cycle-subtrees"
            placeholder="Ví dụ: Công an huyện Cù Lao Dung"
            filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
            options={under.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
          />
        </Form.Item>
        {STAGES.map((s) => (
          <Form.Item key={s} name={['stages', s]} label={STAGE_LABELS[s]} rules={[{ required: true }]}>
            <DatePicker.RangePicker format="DD/MM/YYYY" />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function CycleView({ id, session }: { id: string; session: Session }) {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const d = useQuery({ queryKey: ['cycle', id], queryFn: () => get<CycleDetail>(`/api/cycles/${id}`) });
  const c = d.data;
  const ranking = useQuery({
    queryKey: ['cycle', id, 'ranking'],
    enabled: !!c && (c.status === 'published' || (c.status === 'finalised' && c.manages)),
    queryFn: () => get<Ranking>(`/api/cycles/${id}/ranking`),
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['cycle', id] });
    await qc.invalidateQueries({ queryKey: ['cycles'] });
  };
  const act = async (f: () => Promise<unknown>, ok = 'Đã lưu') => {
    try {
      await f();
      message.success(ok);
      await refresh();
    } catch (e) {
      const det = e instanceof ApiError ? (e.details as { problems?: string[] } | undefined) : undefined;
      message.error(errText(e) + (det?.problems ? ' ' + det.problems.join(' ') : ''));
    }
  };
  if (!c) return <Card loading />;
  const remove = () => {
    let reason = '';
    modal.confirm({
      title: 'Xóa kỳ đánh giá tạo nhầm',
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            Chỉ xóa được khi chưa đơn vị nào nhập liệu. Việc xóa được ghi vào nhật ký kiểm toán.
          </Typography.Text>
          <Input.TextArea placeholder="Lý do xóa" onChange={(e) => (reason = e.target.value)} />
        </Space>
      ),
      okText: 'Xóa kỳ',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: async () => {
        try {
          await send('DELETE', `/api/cycles/${id}`, { reason });
          message.success('Đã xóa kỳ đánh giá');
          await qc.invalidateQueries({ queryKey: ['cycles'] });
          navigate('/cycles');
        } catch (e) {
          message.error(errText(e));
        }
      },
    });
  };
  const publish = () => {
    let number = '';
    let date = dayjs().format('YYYY-MM-DD');
    modal.confirm({
      title: 'Công bố kết quả',
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            placeholder="Số quyết định, ví dụ 90/QĐ-UBND"
            onChange={(e) => (number = e.target.value)}
            data-testid="publish-number"
          />
          <DatePicker
            format="DD/MM/YYYY"
            defaultValue={dayjs()}
            onChange={(v) => (date = v ? v.format('YYYY-MM-DD') : '')}
          />
        </Space>
      ),
      okText: 'Công bố',
      cancelText: 'Hủy',
      onOk: () =>
        act(
          () => send('POST', `/api/cycles/${id}/publish`, { decisionNumber: number, decisionDate: date }),
          'Đã công bố',
        ),
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <Link to="/cycles">Kỳ đánh giá</Link>›<span>{c.name}</span>
            <StatusTag s={c.status} />
          </Space>
        }
        extra={
          c.manages && (
            <Space>
              {c.status === 'open' && c.units.every((u) => u.status === 'draft') && (
                <Button danger onClick={remove} data-testid="cycle-delete">
                  Xóa kỳ (tạo nhầm)
                </Button>
              )}
              {c.status === 'open' && (
                <Button
                  onClick={() =>
                    void act(() => send('POST', `/api/cycles/${id}/finalise`), 'Đã hoàn thiện kết quả')
                  }
                  data-testid="cycle-finalise"
                >
                  Hoàn thiện kết quả
                </Button>
              )}
              {c.status === 'finalised' && (
                <Button type="primary" onClick={publish} data-testid="cycle-publish">
                  Công bố kết quả
                </Button>
              )}
            </Space>
          )
        }
      >
        <Typography.Paragraph>
          Bộ tiêu chí: {c.framework.name} (v{c.framework.version}) — đơn vị chủ trì: {c.ownerUnitName} — hôm
          nay {dmy(c.today)}
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="stage"
          pagination={false}
          dataSource={c.stages}
          columns={[
            { title: 'Giai đoạn', dataIndex: 'label' },
            { title: 'Từ ngày', dataIndex: 'startsOn', render: dmy },
            { title: 'Hạn cuối', dataIndex: 'dueOn', render: dmy },
            {
              title: 'Còn lại',
              render: (_, s) =>
                s.daysLeft >= 0 ? (
                  `${s.daysLeft} ngày`
                ) : (
                  <Typography.Text type="danger">quá hạn {-s.daysLeft} ngày</Typography.Text>
                ),
            },
            {
              title: 'Trạng thái',
              render: (_, s) => (
                <Tag color={s.state === 'open' ? 'green' : undefined}>{STAGE_STATE[s.state]}</Tag>
              ),
            },
            ...(c.manages
              ? [
                  {
                    title: '',
                    render: (_: unknown, s: CycleDetail['stages'][number]) =>
                      s.state === 'open' ? (
                        <Button
                          size="small"
                          onClick={() =>
                            void act(() =>
                              send('POST', `/api/cycles/${id}/stages/${s.stage}`, { state: 'closed' }),
                            )
                          }
                        >
                          Đóng
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          type="primary"
                          data-testid={`open-${s.stage}`}
                          onClick={() =>
                            void act(() =>
                              send('POST', `/api/cycles/${id}/stages/${s.stage}`, { state: 'open' }),
                            )
                          }
                        >
                          Mở
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Tabs
        items={[
          {
            key: 'units',
            label: 'Đơn vị',
            children: (
              <Table
                size="small"
                rowKey="unitId"
                pagination={false}
                dataSource={c.units}
                columns={[
                  {
                    title: 'Đơn vị',
                    render: (_, u) => <Link to={`/assessments/${u.assessmentId}`}>{u.unitName}</Link>,
                  },
                  { title: 'Mã', dataIndex: 'unitCode', width: 120 },
                  { title: 'Trạng thái', render: (_, u) => <StatusTag s={u.status} /> },
                  { title: 'Ngày gửi', dataIndex: 'submittedAt', render: (v: string | null) => dmy(v) },
                  ...(c.units.some((u) => u.appraisingUnitName !== c.ownerUnitName)
                    ? [
                        { title: 'Cấp thẩm định', dataIndex: 'appraisingUnitName' },
                        { title: 'Kết quả đang ở', dataIndex: 'heldBy' },
                      ]
                    : []),
                ]}
              />
            ),
          },
          ...(c.manages || c.coordinates
            ? [
                ...(c.units.some((u) => u.appraises)
                  ? [
                      {
                        key: 'assign',
                        label: 'Phân công thẩm định',
                        children: <Assignments cycle={c} session={session} />,
                      },
                    ]
                  : []),
                { key: 'matrix', label: 'Ma trận thẩm định', children: <Matrix id={id} /> },
              ]
            : []),
          ...(ranking.data
            ? [
                {
                  key: 'ranking',
                  label: 'Kết quả, xếp hạng',
                  children: (
                    <>
                      <Space style={{ marginBottom: 8 }}>
                        {(['docx', 'pdf', 'xlsx'] as const).map((f) => (
                          <Button
                            key={f}
                            size="small"
                            onClick={() => download(`/api/cycles/${id}/ranking/export?format=${f}`)}
                          >
                            {{ docx: 'Tải Word', pdf: 'Tải PDF', xlsx: 'Tải Excel' }[f]}
                          </Button>
                        ))}
                      </Space>
                      {ranking.data.decisionNumber && (
                        <Alert
                          type="success"
                          message={`Công bố theo Quyết định số ${ranking.data.decisionNumber} ngày ${dmy(ranking.data.decisionDate)}`}
                          style={{ marginBottom: 8 }}
                        />
                      )}
                      <Table
                        size="small"
                        rowKey="unitId"
                        pagination={false}
                        dataSource={ranking.data.items}
                        data-testid="cycle-ranking"
                        columns={[
                          { title: 'Hạng', dataIndex: 'rank', width: 70 },
                          { title: 'Đơn vị', dataIndex: 'unitName' },
                          {
                            title: 'Tổng điểm',
                            dataIndex: 'total',
                            render: (v: string) => v.replace('.', ','),
                          },
                          { title: 'Chỉ số', dataIndex: 'index', render: (v: string) => v.replace('.', ',') },
                          { title: 'Xếp loại', dataIndex: 'bandLabel' },
                        ]}
                      />
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

function Assignments({ cycle, session }: { cycle: CycleDetail; session: Session }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  void session;
  const list = useQuery({
    queryKey: ['cycle', cycle.id, 'assignments'],
    queryFn: () =>
      get<{ items: { userId: string; userName: string; fieldCode: string; unitId: string }[] }>(
        `/api/cycles/${cycle.id}/assignments`,
      ),
  });
  const fw = useQuery({
    queryKey: ['framework', cycle.framework.id],
    queryFn: () =>
      get<{ definition: { criteria: { code: string; title: string }[] } }>(
        `/api/frameworks/${cycle.framework.id}`,
      ),
  });
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'appraisers', q],
    queryFn: () => get<{ items: UserViewT[] }>(`/api/users${qs({ q })}`),
  });
  const [userId, setUserId] = useState<string>();
  const [fields, setFields] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const save = async () => {
    try {
      await send('POST', `/api/cycles/${cycle.id}/assignments`, { userId, fields, unitIds });
      message.success('Đã phân công');
      await qc.invalidateQueries({ queryKey: ['cycle', cycle.id, 'assignments'] });
    } catch (e) {
      message.error(errText(e));
    }
  };
  const name = (uid: string) => cycle.units.find((u) => u.unitId === uid)?.unitName ?? uid;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          style={{ width: 280 }}
          placeholder="Thành viên thẩm định"
          value={userId}
          onChange={setUserId}
          data-testid="assign-user"
          options={(users.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.fullName} (${u.username})`,
          }))}
        />
        <Select
          mode="multiple"
          style={{ minWidth: 220 }}
          placeholder="Lĩnh vực"
          value={fields}
          onChange={setFields}
          data-testid="assign-fields"
          options={(fw.data?.definition.criteria ?? []).map((c) => ({
            value: c.code,
            label: `${c.code}. ${c.title}`,
          }))}
        />
        <Select
          mode="multiple"
          style={{ minWidth: 260 }}
          placeholder="Đơn vị"
          value={unitIds}
          onChange={setUnitIds}
          data-testid="assign-units"
          options={cycle.units
            .filter((u) => u.appraises)
            .map((u) => ({ value: u.unitId, label: u.unitName }))}
        />
        <Button
          type="primary"
          disabled={!userId || !fields.length || !unitIds.length}
          onClick={() => void save()}
          data-testid="assign-save"
        >
          Phân công
        </Button>
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.userId}-${r.fieldCode}-${r.unitId}`}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: 'Thành viên', dataIndex: 'userName' },
          { title: 'Lĩnh vực', dataIndex: 'fieldCode' },
          { title: 'Đơn vị', dataIndex: 'unitId', render: name },
        ]}
      />
    </Space>
  );
}

interface MatrixRow {
  unitId: string;
  unitName: string;
  assessmentId: string;
  status: string;
  approval: ApprovalViewT;
  cells: {
    field: string;
    leaves: number;
    appraised: number;
    waiting: number;
    answered: number;
    pending: number;
  }[];
}

function Matrix({ id }: { id: string }) {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const act = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      await qc.invalidateQueries({ queryKey: ['cycle', id] });
    } catch (e) {
      const det = e instanceof ApiError ? (e.details as { problems?: string[] } | undefined) : undefined;
      message.error(errText(e) + (det?.problems ? ' ' + det.problems.join(' ') : ''));
    }
  };
  const sendBack = (assessmentId: string, unitName: string) => {
    let reason = '';
    modal.confirm({
      title: `Trả kết quả thẩm định của ${unitName} về cấp dưới`,
      content: (
        <Input.TextArea placeholder="Lý do (cấp dưới sẽ thấy)" onChange={(e) => (reason = e.target.value)} />
      ),
      okText: 'Trả lại cấp dưới',
      cancelText: 'Hủy',
      onOk: () =>
        act(
          () => send('POST', `/api/assessments/${assessmentId}/send-back`, { reason }),
          'Đã trả lại cấp dưới',
        ),
    });
  };
  const m = useQuery({
    queryKey: ['cycle', id, 'matrix'],
    queryFn: () =>
      get<{
        fields: { code: string; title: string }[];
        rows: MatrixRow[];
      }>(`/api/cycles/${id}/matrix`),
  });
  const approvalColumn = {
    title: 'Duyệt từng cấp',
    fixed: 'right' as const,
    render: (_: unknown, r: MatrixRow) =>
      r.approval.levels.length === 0 ? (
        '—'
      ) : (
        <Space direction="vertical" size={2} data-testid={`approval-${r.unitName}`}>
          <span style={{ fontSize: 12 }}>
            {r.status === 'draft' || r.status === 'returned'
              ? 'Đơn vị chưa gửi'
              : r.approval.complete
                ? `Đã đến ${r.approval.holderUnitName}`
                : `Chờ ${r.approval.holderUnitName} duyệt`}
          </span>
          <Space size={4}>
            {r.approval.canApprove && (
              <Button
                size="small"
                type="primary"
                onClick={() =>
                  void act(
                    () => send('POST', `/api/assessments/${r.assessmentId}/approve`, {}),
                    'Đã duyệt, chuyển lên cấp trên',
                  )
                }
              >
                Duyệt
              </Button>
            )}
            {r.approval.canSendBack && (
              <Button size="small" onClick={() => sendBack(r.assessmentId, r.unitName)}>
                Trả lại cấp dưới
              </Button>
            )}
          </Space>
        </Space>
      ),
  };
  if (!m.data) return <Card loading />;
  return (
    <Table
      size="small"
      rowKey="unitId"
      pagination={false}
      scroll={{ x: true }}
      dataSource={m.data.rows}
      columns={[
        {
          title: 'Đơn vị',
          render: (_, r) => <Link to={`/assessments/${r.assessmentId}`}>{r.unitName}</Link>,
          fixed: 'left',
        },
        ...m.data.fields.map((f, k) => ({
          title: <span title={f.title}>{f.code}</span>,
          render: (_: unknown, r: (typeof m.data.rows)[number]) => {
            const c = r.cells[k]!;
            const color = c.waiting ? 'orange' : c.answered ? 'gold' : c.pending ? 'default' : 'green';
            return (
              <Tag
                color={color}
                title={`Đã thẩm định ${c.appraised}/${c.leaves}; chờ đơn vị ${c.waiting}; chờ quyết định ${c.answered}`}
              >
                {c.appraised}/{c.leaves}
                {c.waiting ? ` · chờ ĐV ${c.waiting}` : ''}
                {c.answered ? ` · chờ QĐ ${c.answered}` : ''}
              </Tag>
            );
          },
        })),
        ...(m.data.rows.some((r) => r.approval.levels.length > 0) ? [approvalColumn] : []),
      ]}
    />
  );
}
