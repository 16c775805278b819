/** A unit's self-assessment: the criteria tree with inputs saved as they are typed, points computed
 * by the rule, explanations and evidence; what is missing; submit / withdraw. Side by side, the
 * appraisal: accept, set another score with a reason, ask for supplementation; the unit's answers. */
import type { ApprovalViewT } from '@chiso/contracts';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { download } from './Frameworks.tsx';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateVi } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Dropdown,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, csrf, get, send, type Session } from '../api.ts';
import { StatusTag } from './Cycles.tsx';

interface Evidence {
  id: string;
  numberSymbol: string;
  issuedOn: string;
  issuer: string;
  summary: string;
  fileName: string;
  locator: string;
  flags: string[];
}
interface Node {
  code: string;
  title: string;
  guidance?: string;
  max: string;
  points: string;
  rule: string;
  explanation: string;
  evidenceRequired?: boolean;
  inputText?: string;
  inputProblem?: string | null;
  note?: string;
  revision?: number;
  evidence?: Evidence[];
  children: Node[];
}
interface View {
  id: string;
  cycle: { id: string; name: string; year: number; framework: string };
  unit: { id: string; name: string; code: string };
  status: string;
  returnReason: string | null;
  total: string;
  applicableMax: string;
  index: string;
  band: string | null;
  deadline: { dueOn: string; daysLeft: number; state: string; writable: boolean; message: string | null };
  canEdit: boolean;
  canSubmit: boolean;
  canWithdraw: boolean;
  canAnswer: boolean;
  canAppraise: boolean;
  canReturn: boolean;
  appraisingUnitName: string;
  heldBy: string;
  missing: { code: string; what: string }[];
  tree: Node[];
}
interface AppraisalItem {
  code: string;
  selfPoints: string;
  state: 'pending' | 'accepted' | 'changed' | 'supplement' | 'answered';
  appraisedText: string | null;
  appraisedPoints: string;
  reason: string | null;
  supplementMessage: string | null;
  supplementDueOn: string | null;
  answer: string | null;
}
const STATE_VI: Record<AppraisalItem['state'], { label: string; color: string }> = {
  pending: { label: 'Chưa thẩm định', color: 'default' },
  accepted: { label: 'Chấp nhận', color: 'green' },
  changed: { label: 'Chấm lại', color: 'blue' },
  supplement: { label: 'Yêu cầu giải trình', color: 'orange' },
  answered: { label: 'Đơn vị đã giải trình', color: 'gold' },
};
const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** A text field saved as it is typed (after a short pause, and on leaving the field). */
function AutoSave({
  value,
  disabled,
  multiline,
  testId,
  placeholder,
  onSave,
}: {
  value: string;
  disabled: boolean;
  multiline?: boolean;
  testId: string;
  placeholder?: string;
  onSave: (v: string) => Promise<void>;
}) {
  const [v, setV] = useState(value);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(value);
  useEffect(() => {
    if (state === 'idle' || state === 'saved') setV(value);
    last.current = value;
  }, [value]);
  const flush = async (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (text === last.current) return;
    setState('saving');
    try {
      await onSave(text);
      last.current = text;
      setState('saved');
    } catch {
      setState('error');
    }
  };
  const change = (text: string) => {
    setV(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(text), 600);
  };
  const common = {
    value: v,
    disabled,
    placeholder,
    'data-testid': testId,
    onBlur: () => void flush(v),
    status: state === 'error' ? ('error' as const) : undefined,
  };
  return (
    <div>
      {multiline ? (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 5 }}
          {...common}
          onChange={(e) => change(e.target.value)}
        />
      ) : (
        <Input {...common} onChange={(e) => change(e.target.value)} />
      )}
      <Typography.Text
        type={state === 'error' ? 'danger' : 'secondary'}
        style={{ fontSize: 11 }}
        data-testid={`${testId}-state`}
      >
        {state === 'saving'
          ? 'Đang lưu…'
          : state === 'saved'
            ? 'Đã lưu'
            : state === 'error'
              ? 'Chưa lưu được — thử lại'
              : ''}
      </Typography.Text>
    </div>
  );
}

export default function Assessment({ session }: { session: Session }) {
  const { id } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  void session;
  const v = useQuery({ queryKey: ['assessment', id], queryFn: () => get<View>(`/api/assessments/${id}`) });
  const ap = useQuery({
    queryKey: ['assessment', id, 'appraisal'],
    queryFn: () =>
      get<{ items: AppraisalItem[]; appraisedTotal: string; selfTotal: string; approval: ApprovalViewT }>(
        `/api/assessments/${id}/appraisal`,
      ),
  });
  const ev = useQuery({
    queryKey: ['evidence', v.data?.unit.id],
    enabled: !!v.data,
    queryFn: () => get<{ items: Evidence[] }>(`/api/units/${v.data!.unit.id}/evidence`),
  });
  const [uploadFor, setUploadFor] = useState<string | null>(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['assessment', id] });
    await qc.invalidateQueries({ queryKey: ['evidence'] });
  };
  const a = v.data;
  if (!a) return <Card loading />;
  const apByCode = new Map((ap.data?.items ?? []).map((i) => [i.code, i]));
  const appraising = a.canAppraise;

  const saveItem = async (code: string, body: { text?: string; note?: string }) => {
    try {
      const r = await send<{ problem: string | null }>('PUT', `/api/assessments/${id}/items/${code}`, body);
      if (r.problem) message.warning(r.problem);
      await qc.invalidateQueries({ queryKey: ['assessment', id] });
    } catch (e) {
      message.error(errText(e));
      throw e;
    }
  };
  const act = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      await refresh();
    } catch (e) {
      const det =
        e instanceof ApiError ? (e.details as { missing?: { code: string; what: string }[] }) : undefined;
      message.error(
        errText(e) + (det?.missing ? ' ' + det.missing.map((m) => `${m.code}: ${m.what}`).join('; ') : ''),
      );
    }
  };
  const appraise = (code: string, action: 'accept' | 'set' | 'supplement') => {
    if (action === 'accept')
      return void act(
        () => send('PUT', `/api/assessments/${id}/appraisal/${code}`, { action }),
        'Đã chấp nhận',
      );
    let text = '';
    let reason = '';
    let msg = '';
    let due = dayjs().add(5, 'day').format('YYYY-MM-DD');
    modal.confirm({
      title:
        action === 'set' ? `Chấm lại tiêu chí ${code}` : `Yêu cầu giải trình, bổ sung — tiêu chí ${code}`,
      content:
        action === 'set' ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input
              placeholder="Điểm hoặc dữ liệu thẩm định"
              onChange={(e) => (text = e.target.value)}
              data-testid="appraise-text"
            />
            <Input.TextArea
              placeholder="Lý do (bắt buộc khi khác điểm tự đánh giá)"
              onChange={(e) => (reason = e.target.value)}
              data-testid="appraise-reason"
            />
          </Space>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              placeholder="Nội dung cần giải trình, bổ sung"
              onChange={(e) => (msg = e.target.value)}
              data-testid="appraise-message"
            />
            <DatePicker
              format="DD/MM/YYYY"
              defaultValue={dayjs(due)}
              onChange={(d) => (due = d ? d.format('YYYY-MM-DD') : '')}
            />
          </Space>
        ),
      okText: 'Lưu',
      cancelText: 'Hủy',
      onOk: () =>
        act(
          () =>
            send(
              'PUT',
              `/api/assessments/${id}/appraisal/${code}`,
              action === 'set' ? { action, text, reason } : { action, message: msg, dueOn: due },
            ),
          'Đã lưu',
        ),
    });
  };
  /** A reason asked in a dialog, then the request. */
  const withReason = (
    title: string,
    placeholder: string,
    okText: string,
    f: (reason: string) => Promise<unknown>,
    ok: string,
  ) => {
    let reason = '';
    modal.confirm({
      title,
      content: (
        <Input.TextArea
          placeholder={placeholder}
          onChange={(e) => (reason = e.target.value)}
          data-testid="reason-text"
        />
      ),
      okText,
      cancelText: 'Hủy',
      onOk: () => act(() => f(reason), ok),
    });
  };
  const approval = ap.data?.approval;
  const answer = (code: string) => {
    let text = '';
    modal.confirm({
      title: `Giải trình, bổ sung — tiêu chí ${code}`,
      content: (
        <Input.TextArea
          placeholder="Nội dung giải trình"
          onChange={(e) => (text = e.target.value)}
          data-testid="answer-text"
        />
      ),
      okText: 'Gửi giải trình',
      cancelText: 'Hủy',
      onOk: () =>
        act(
          () => send('POST', `/api/assessments/${id}/appraisal/${code}/answer`, { answer: text }),
          'Đã gửi giải trình',
        ),
    });
  };

  const leafCols = [
    { title: 'Mã', dataIndex: 'code', width: 100 },
    {
      title: 'Tiêu chí',
      render: (_: unknown, n: Node) => (
        <span>
          {n.title}
          {n.evidenceRequired && <Tag style={{ marginLeft: 4 }}>cần TLKC</Tag>}
          {n.guidance && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {n.guidance}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: 'Tự chấm (nhập)',
      width: 150,
      render: (_: unknown, n: Node) =>
        n.children.length ? null : (
          <>
            <AutoSave
              value={n.inputText ?? ''}
              disabled={!a.canEdit}
              testId={`input-${n.code}`}
              placeholder={n.rule === 'Tỷ lệ theo bậc' || n.rule.startsWith('Tỷ lệ') ? 'tử số/mẫu số' : ''}
              onSave={(text) => saveItem(n.code, { text })}
            />
            {n.inputProblem && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {n.inputProblem}
              </Typography.Text>
            )}
          </>
        ),
    },
    {
      title: 'Điểm',
      width: 230,
      render: (_: unknown, n: Node) => (
        <span data-testid={`points-${n.code}`}>
          <b>
            {n.points}/{n.max}
          </b>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {n.rule}: {n.explanation}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: 'Giải trình, tài liệu kiểm chứng',
      render: (_: unknown, n: Node) =>
        n.children.length ? null : (
          <Space direction="vertical" style={{ width: '100%' }} size={2}>
            <AutoSave
              multiline
              value={n.note ?? ''}
              disabled={!a.canEdit}
              testId={`note-${n.code}`}
              placeholder="Giải trình (khi chưa có tài liệu kiểm chứng)"
              onSave={(note) => saveItem(n.code, { note })}
            />
            {(n.evidence ?? []).map((e) => (
              <div key={e.id} style={{ fontSize: 12 }}>
                <a href={`/api/evidence/${e.id}/file`} target="_blank" rel="noreferrer">
                  {e.numberSymbol}
                </a>{' '}
                ngày {formatDateVi(e.issuedOn)} — {e.summary}
                {e.locator ? ` (${e.locator})` : ''}
                {e.flags.map((f, i) => (
                  <Typography.Text key={i} type="warning" style={{ display: 'block' }}>
                    ⚠ {f}
                  </Typography.Text>
                ))}
              </div>
            ))}
            {a.canEdit && (
              <Button
                size="small"
                icon={<UploadOutlined />}
                onClick={() => setUploadFor(n.code)}
                data-testid={`evidence-${n.code}`}
              >
                Tài liệu kiểm chứng
              </Button>
            )}
          </Space>
        ),
    },
    {
      title: 'Thẩm định',
      width: 250,
      render: (_: unknown, n: Node) => {
        if (n.children.length) return null;
        const p = apByCode.get(n.code);
        if (!p) return null;
        return (
          <Space direction="vertical" size={2} data-testid={`appraisal-${n.code}`}>
            <span>
              <Tag color={STATE_VI[p.state].color}>
                {p.state === 'pending' && approval?.levels[0]?.approvedBy
                  ? 'Giữ điểm tự chấm'
                  : STATE_VI[p.state].label}
              </Tag>
              {p.state === 'changed' && <b>{p.appraisedPoints}</b>}
            </span>
            {p.reason && <Typography.Text style={{ fontSize: 12 }}>Lý do: {p.reason}</Typography.Text>}
            {p.supplementMessage && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                Yêu cầu: {p.supplementMessage}
                {p.supplementDueOn ? ` (hạn ${formatDateVi(p.supplementDueOn)})` : ''}
              </Typography.Text>
            )}
            {p.answer && <Typography.Text style={{ fontSize: 12 }}>Giải trình: {p.answer}</Typography.Text>}
            {appraising && (
              <Space size={4} wrap>
                <Button
                  size="small"
                  onClick={() => appraise(n.code, 'accept')}
                  data-testid={`accept-${n.code}`}
                >
                  Chấp nhận
                </Button>
                <Button size="small" onClick={() => appraise(n.code, 'set')} data-testid={`set-${n.code}`}>
                  Chấm lại
                </Button>
                <Button
                  size="small"
                  onClick={() => appraise(n.code, 'supplement')}
                  data-testid={`supplement-${n.code}`}
                >
                  Yêu cầu giải trình
                </Button>
              </Space>
            )}
            {p.state === 'supplement' && a.canAnswer && (
              <Button
                size="small"
                type="primary"
                onClick={() => answer(n.code)}
                data-testid={`answer-${n.code}`}
              >
                Giải trình
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <Link to={`/cycles/${a.cycle.id}`}>{a.cycle.name}</Link>›<span>{a.unit.name}</span>
            <StatusTag s={a.status} />
          </Space>
        }
        extra={
          <Space>
            <Dropdown
              menu={{
                items: (['docx', 'pdf', 'xlsx'] as const).map((f) => ({
                  key: f,
                  label: { docx: 'Tải Word', pdf: 'Tải PDF', xlsx: 'Tải Excel' }[f],
                  onClick: () => download(`/api/assessments/${id}/report?format=${f}`),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />}>Báo cáo tự đánh giá</Button>
            </Dropdown>
            {a.canSubmit && (
              <Button
                type="primary"
                onClick={() => void act(() => send('POST', `/api/assessments/${id}/submit`), 'Đã gửi')}
                data-testid="submit"
              >
                Duyệt và gửi
              </Button>
            )}
            {a.canReturn && (
              <Button
                danger
                data-testid="return"
                onClick={() =>
                  withReason(
                    'Trả lại bản tự đánh giá cho đơn vị',
                    'Lý do trả lại (đơn vị sẽ thấy)',
                    'Trả lại',
                    (reason) => send('POST', `/api/assessments/${id}/return`, { reason }),
                    'Đã trả lại đơn vị',
                  )
                }
              >
                Trả lại đơn vị
              </Button>
            )}
            {approval?.canSendBack && (
              <Button
                data-testid="send-back"
                onClick={() =>
                  withReason(
                    'Trả kết quả thẩm định về cấp dưới',
                    'Lý do (cấp dưới sẽ thấy)',
                    'Trả lại cấp dưới',
                    (reason) => send('POST', `/api/assessments/${id}/send-back`, { reason }),
                    'Đã trả lại cấp dưới',
                  )
                }
              >
                Trả lại cấp dưới
              </Button>
            )}
            {approval?.canApprove && (
              <Button
                type="primary"
                data-testid="approve"
                onClick={() =>
                  void act(
                    () => send('POST', `/api/assessments/${id}/approve`, {}),
                    'Đã duyệt, chuyển lên cấp trên',
                  )
                }
              >
                Duyệt kết quả thẩm định
              </Button>
            )}
            {a.canWithdraw && (
              <Button
                onClick={() => void act(() => send('POST', `/api/assessments/${id}/withdraw`), 'Đã rút lại')}
              >
                Rút lại để sửa
              </Button>
            )}
          </Space>
        }
      >
        <Space size="large" wrap>
          <Statistic title="Tổng điểm tự chấm" value={`${a.total}/${a.applicableMax}`} />
          <Statistic title="Chỉ số" value={a.index} />
          <Statistic title="Xếp loại" value={a.band ?? '—'} />
          {ap.data && a.status !== 'draft' && a.status !== 'returned' && (
            <Statistic title="Điểm sau thẩm định" value={ap.data.appraisedTotal} />
          )}
        </Space>
        <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
          <Descriptions.Item label="Bộ tiêu chí">{a.cycle.framework}</Descriptions.Item>
          <Descriptions.Item label="Hạn tự đánh giá">
            {formatDateVi(a.deadline.dueOn)} (
            {a.deadline.daysLeft >= 0 ? `còn ${a.deadline.daysLeft} ngày` : 'đã quá hạn'})
          </Descriptions.Item>
        </Descriptions>
        {approval && approval.levels.length > 0 && a.status !== 'draft' && a.status !== 'returned' && (
          <Descriptions size="small" column={2} data-testid="approval">
            <Descriptions.Item label="Cấp thẩm định">{approval.appraisingUnitName}</Descriptions.Item>
            <Descriptions.Item label="Đang ở">
              {approval.complete
                ? `${approval.holderUnitName} (đã duyệt đủ các cấp)`
                : `${approval.holderUnitName} (chờ duyệt)`}
            </Descriptions.Item>
            {approval.levels.map((l) => (
              <Descriptions.Item key={l.unitId} label={`Duyệt của ${l.unitName}`}>
                {l.approvedBy
                  ? `${l.approvedBy}, ${dayjs(l.approvedAt).format('DD/MM/YYYY HH:mm')}`
                  : 'chưa duyệt'}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
        {a.returnReason && a.status === 'returned' && (
          <Alert type="warning" showIcon message={`Bị trả lại: ${a.returnReason}`} />
        )}
        {a.deadline.message && a.status === 'draft' && (
          <Alert type="warning" showIcon message={a.deadline.message} />
        )}
        {a.missing.length > 0 && (
          <Alert
            style={{ marginTop: 8 }}
            type="info"
            showIcon
            data-testid="missing"
            message={`Còn thiếu ${a.missing.length} mục`}
            description={a.missing.map((m) => `${m.code}: ${m.what}`).join('; ')}
          />
        )}
      </Card>
      <Card>
        <Table<Node>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={a.tree}
          expandable={{ defaultExpandAllRows: true }}
          columns={leafCols}
        />
      </Card>
      {uploadFor && (
        <EvidenceModal
          unitId={a.unit.id}
          assessmentId={a.id}
          code={uploadFor}
          existing={ev.data?.items ?? []}
          onClose={() => {
            setUploadFor(null);
            void refresh();
          }}
        />
      )}
    </Space>
  );
}

function EvidenceModal({
  unitId,
  assessmentId,
  code,
  existing,
  onClose,
}: {
  unitId: string;
  assessmentId: string;
  code: string;
  existing: Evidence[];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    numberSymbol: string;
    issuedOn: dayjs.Dayjs;
    issuer: string;
    summary: string;
  }>();
  const [locator, setLocator] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [pick, setPick] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const link = async (evidenceId: string, locator: string) =>
    send('POST', `/api/assessments/${assessmentId}/items/${code}/evidence`, { evidenceId, locator });
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (pick) await link(pick, locator);
      else {
        const v = await form.validateFields();
        if (!file) throw new Error('Chọn tệp văn bản.');
        const fd = new FormData();
        fd.append('numberSymbol', v.numberSymbol);
        fd.append('issuedOn', v.issuedOn.format('YYYY-MM-DD'));
        fd.append('issuer', v.issuer);
        fd.append('summary', v.summary);
        fd.append('file', file);
        const res = await fetch(`/api/units/${unitId}/evidence`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'x-csrf-token': csrf() },
          body: fd,
        });
        const body = (await res.json()) as { id?: string; error?: { message: string } };
        if (!res.ok) throw new Error(body.error?.message ?? `Lỗi ${res.status}`);
        await link(body.id!, locator);
      }
      message.success('Đã gắn tài liệu kiểm chứng');
      onClose();
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`Tài liệu kiểm chứng — tiêu chí ${code}`}
      onCancel={onClose}
      onOk={() => void save()}
      okText="Lưu"
      cancelText="Hủy"
      confirmLoading={busy}
      okButtonProps={{ id: 'evidence-save' }}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 8 }}
          data-testid="evidence-error"
        />
      )}
      {existing.length > 0 && (
        <Select
          allowClear
          style={{ width: '100%', marginBottom: 12 }}
          placeholder="Chọn văn bản đã tải lên (một văn bản dùng cho nhiều tiêu chí)"
          value={pick}
          onChange={setPick}
          options={existing.map((e) => ({ value: e.id, label: `${e.numberSymbol} — ${e.summary}` }))}
        />
      )}
      <Form form={form} layout="vertical" disabled={!!pick}>
        <Form.Item
          name="numberSymbol"
          label="Số, ký hiệu"
          rules={[{ required: !pick, message: 'Nhập số, ký hiệu' }]}
        >
          <Input placeholder="12/KH-CAH" />
        </Form.Item>
        <Form.Item name="issuedOn" label="Ngày ban hành" rules={[{ required: !pick, message: 'Chọn ngày' }]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item
          name="issuer"
          label="Cơ quan ban hành"
          rules={[{ required: !pick, message: 'Nhập cơ quan ban hành' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="summary" label="Trích yếu" rules={[{ required: !pick, message: 'Nhập trích yếu' }]}>
          <Input.TextArea autoSize />
        </Form.Item>
        <Upload
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          maxCount={1}
          accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg"
        >
          <Button icon={<UploadOutlined />} data-testid="evidence-file">
            Chọn tệp (PDF, Word, Excel, ảnh)
          </Button>
        </Upload>
      </Form>
      <Typography.Text style={{ display: 'block', marginTop: 12 }}>Trang, mục chứng minh</Typography.Text>
      <Input
        placeholder="Mục II, trang 3"
        value={locator}
        onChange={(e) => setLocator(e.target.value)}
        data-testid="evidence-locator"
      />
    </Modal>
  );
}
