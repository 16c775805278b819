/** Results and ranking: a framework and a year give the ranking table with its bar chart; a unit's
 * result card shows fields, points, index, class, rank, lost points and the change from its previous
 * result. Coordinators enter a unit's result with the points computed live, or import a sheet. */
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FrameworkSummaryT, ResultCardT, ResultRowT, UnitViewT } from '@chiso/contracts';
import {
  compile,
  evaluate,
  fieldsOnly,
  formatPoints,
  formatRule,
  leavesOf,
  lostPoints,
  parseFrameworkJson,
  parseLeafInput,
  parsePoints,
  roleAllows,
  type Framework,
  type LeafInput,
} from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, get, qs, send, upload, type Session } from '../api.ts';
import { Bars } from '../charts.tsx';
import { useT } from '../i18n.ts';
import { download } from './Frameworks.tsx';

type Mode = 'leaves' | 'fields';
interface ResultList {
  framework: FrameworkSummaryT;
  year: number;
  sets: { ownerUnitId: string; ownerName: string; count: number }[];
  ownerUnitId: string | null;
  items: ResultRowT[];
  meanIndex: string | null;
  rankedOf: number;
}
interface ResultEntry {
  existing: ResultRowT | null;
  owners: { unitId: string; name: string; isDefault: boolean }[];
}

/** "7.82" (API) → "7,82" (users). */
const vn = (d: string | null | undefined) => (d == null ? '—' : formatPoints(parsePoints(d) ?? 0));
const vnFixed = (d: string | null | undefined) =>
  d == null ? '—' : formatPoints(parsePoints(d) ?? 0, { fixed: true });
const signed = (d: string | null) => {
  if (d == null) return '—';
  const h = parsePoints(d) ?? 0;
  return `${h > 0 ? '+' : ''}${formatPoints(h)}`;
};

function yearsOf(f: FrameworkSummaryT): number[] {
  const to = f.yearTo ?? f.yearFrom + 4;
  return Array.from({ length: to - f.yearFrom + 1 }, (_, i) => f.yearFrom + i);
}

export default function Results({ session }: { session: Session }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const writer = session.user!.grants.some((g) => roleAllows(g.role, 'result.write'));
  const fws = useQuery({
    queryKey: ['frameworks'],
    queryFn: () => get<{ items: FrameworkSummaryT[] }>('/api/frameworks'),
  });
  const usable = (fws.data?.items ?? []).filter((f) => f.status !== 'draft');
  const [fwId, setFwId] = useState<string | null>(null);
  const fw = usable.find((f) => f.id === fwId) ?? usable[0];
  const [yearSel, setYear] = useState<number | null>(null);
  const year =
    fw && yearSel && yearsOf(fw).includes(yearSel) ? yearSel : fw ? (fw.yearTo ?? fw.yearFrom) : null;
  const [ownerSel, setOwner] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['results', fw?.id, year, ownerSel],
    enabled: !!fw && !!year,
    queryFn: () =>
      get<ResultList>(
        `/api/results${qs({ frameworkId: fw!.id, year: year!, ...(ownerSel ? { ownerUnitId: ownerSel } : {}) })}`,
      ),
  });
  const [importReason, setImportReason] = useState('');
  const [cardId, setCardId] = useState<string | null>(null);
  const [entry, setEntry] = useState(false);
  const [importErrors, setImportErrors] = useState<ApiError | null>(null);
  const [mode, setMode] = useState<Mode>('leaves');

  const doImport = async (file: File) => {
    setImportErrors(null);
    try {
      const r = await upload<{ saved: number; unchanged: number; skipped: number }>(
        `/api/results/import${qs({ frameworkId: fw!.id, year: year!, mode, ...(importReason.trim() ? { reason: importReason.trim() } : {}) })}`,
        file,
      );
      message.success(
        t.resImported
          .replace('{saved}', String(r.saved))
          .replace('{unchanged}', String(r.unchanged))
          .replace('{skipped}', String(r.skipped)),
      );
      await qc.invalidateQueries({ queryKey: ['results'] });
    } catch (e) {
      if (e instanceof ApiError) setImportErrors(e);
      else message.error(String(e));
    }
  };
  const items = list.data?.items ?? [];
  const bars = useMemo(
    () => items.map((i) => ({ label: i.unitName, value: Number(i.index), text: vnFixed(i.index) })),
    [items],
  );
  const mean = list.data?.meanIndex
    ? { label: t.resMean, value: Number(list.data.meanIndex), text: vnFixed(list.data.meanIndex) }
    : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t.results}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 360 }}
              value={fw?.id}
              onChange={setFwId}
              loading={fws.isLoading}
              data-testid="res-framework"
              options={usable.map((f) => ({ value: f.id, label: `${f.name} (v${f.version})` }))}
            />
            <Select
              style={{ width: 100 }}
              value={year ?? undefined}
              onChange={setYear}
              data-testid="res-year"
              options={fw ? yearsOf(fw).map((y) => ({ value: y, label: String(y) })) : []}
            />
            {(list.data?.sets.length ?? 0) > 1 && (
              <Select
                style={{ minWidth: 260 }}
                value={list.data?.ownerUnitId ?? undefined}
                onChange={setOwner}
                data-testid="res-set"
                options={list.data!.sets.map((x) => ({
                  value: x.ownerUnitId,
                  label: `${t.resSetOf} ${x.ownerName} (${x.count})`,
                }))}
              />
            )}
          </Space>
        }
      >
        {writer && fw && fw.status === 'published' && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEntry(true)}
              data-testid="res-enter"
            >
              {t.resEnter}
            </Button>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
              <Radio.Button value="leaves">{t.resModeLeaves}</Radio.Button>
              <Radio.Button value="fields">{t.resModeFields}</Radio.Button>
            </Radio.Group>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download(`/api/results/template${qs({ frameworkId: fw.id, year: year!, mode })}`)
              }
            >
              {t.template}
            </Button>
            <Input
              style={{ width: 280 }}
              placeholder={t.resImportReason}
              value={importReason}
              onChange={(e) => setImportReason(e.target.value)}
              data-testid="res-import-reason"
            />
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(f) => {
                void doImport(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t.import}</Button>
            </Upload>
          </Space>
        )}
        {importErrors && (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => setImportErrors(null)}
            message={importErrors.message}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {(
                  (importErrors.details as { errors?: { row: number; column: string; message: string }[] })
                    ?.errors ?? []
                ).map((e, i) => (
                  <li key={i}>
                    {t.row} {e.row}, {t.column} {e.column}: {e.message}
                  </li>
                ))}
              </ul>
            }
            style={{ marginBottom: 12 }}
          />
        )}
        {items.length === 0 ? (
          <Empty description={t.resNone} />
        ) : (
          <Row gutter={16}>
            <Col xs={24} xl={13}>
              <Table<ResultRowT>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={items}
                data-testid="res-table"
                onRow={(r) => ({ onClick: () => setCardId(r.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t.resRank, dataIndex: 'rank', width: 70 },
                  { title: t.unit, dataIndex: 'unitName' },
                  {
                    title: t.resTotal,
                    render: (_, r) => `${vn(r.total)}/${vn(r.applicableMax)}`,
                    width: 110,
                  },
                  { title: t.resIndex, render: (_, r) => vnFixed(r.index), width: 90 },
                  { title: t.resClass, dataIndex: 'bandLabel', render: (v: string | null) => v ?? '—' },
                  {
                    title: '',
                    width: 90,
                    render: (_, r) =>
                      r.missing ? <Tag color="orange">{`${t.resMissing} ${r.missing}`}</Tag> : null,
                  },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {list.data?.sets.find((x) => x.ownerUnitId === list.data?.ownerUnitId)
                  ? `${t.resSetOf} ${list.data.sets.find((x) => x.ownerUnitId === list.data?.ownerUnitId)!.ownerName}. `
                  : ''}
                {t.resRankedOf.replace('{n}', String(list.data?.rankedOf ?? 0))}
                {list.data?.meanIndex ? ` ${t.resMean}: ${vnFixed(list.data.meanIndex)}.` : ''}
              </Typography.Paragraph>
            </Col>
            <Col xs={24} xl={11}>
              <Bars bars={bars} max={100} mean={mean} testId="res-chart" />
            </Col>
          </Row>
        )}
      </Card>
      {cardId && <ResultCardDrawer id={cardId} onClose={() => setCardId(null)} />}
      {entry && fw && year && (
        <EntryModal
          framework={fw}
          year={year}
          mode={mode}
          onClose={(saved) => {
            setEntry(false);
            if (saved) {
              void qc.invalidateQueries({ queryKey: ['results'] });
              setCardId(saved);
            }
          }}
        />
      )}
    </Space>
  );
}

function ResultCardDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useT();
  const card = useQuery({ queryKey: ['result', id], queryFn: () => get<ResultCardT>(`/api/results/${id}`) });
  const c = card.data;
  type Node = ResultCardT['tree'][number] & { key?: string };
  const withKeys = (n: Node): Node => ({
    ...n,
    key: n.code,
    children: n.children.length ? (n.children as Node[]).map(withKeys) : (undefined as never),
  });
  return (
    <Drawer
      open
      width={960}
      onClose={onClose}
      title={c ? `${c.result.unitName} — ${c.result.year}` : t.loading}
    >
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="result-card">
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title={t.resTotal} value={`${vn(c.result.total)}/${vn(c.result.applicableMax)}`} />
            </Col>
            <Col span={6}>
              <Statistic title={t.resIndex} value={vnFixed(c.result.index)} />
            </Col>
            <Col span={6}>
              <Statistic title={t.resClass} value={c.result.bandLabel ?? '—'} />
            </Col>
            <Col span={6}>
              <Statistic title={t.resRank} value={`${c.result.rank ?? '—'}/${c.rankedOf}`} />
            </Col>
          </Row>
          <Typography.Text type="secondary">{c.explanation}</Typography.Text>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t.frameworks}>
              {c.framework.name} (v{c.framework.version})
            </Descriptions.Item>
            <Descriptions.Item label={t.resMode}>
              {c.result.mode === 'fields' ? t.resModeFields : t.resModeLeaves}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t.resFields}>
            <Table<Node>
              size="small"
              pagination={false}
              rowKey="code"
              dataSource={c.tree.map(withKeys)}
              columns={[
                { title: t.code, dataIndex: 'code', width: 90 },
                { title: t.fwCriterion, dataIndex: 'title' },
                { title: t.resInput, dataIndex: 'input', width: 90 },
                { title: t.resPoints, render: (_, n) => `${vn(n.points)}/${vn(n.max)}`, width: 100 },
                {
                  title: t.resExplanation,
                  render: (_, n) => (
                    <span>
                      <Typography.Text type="secondary">{n.rule}: </Typography.Text>
                      {n.explanation}
                    </span>
                  ),
                },
              ]}
            />
          </Card>
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" title={t.resLost}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="code"
                  dataSource={c.lost}
                  data-testid="res-lost"
                  columns={[
                    { title: t.code, dataIndex: 'code', width: 70 },
                    { title: t.fwCriterion, dataIndex: 'title' },
                    { title: t.resLostPoints, dataIndex: 'lost', render: (v: string) => vn(v), width: 90 },
                  ]}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t.resChange}>
                {c.previous ? (
                  <>
                    <Typography.Paragraph>
                      {t.resComparedWith} {c.previous.year} ({c.previous.frameworkCode} v
                      {c.previous.frameworkVersion}): <b>{signed(c.previous.totalChange)}</b>{' '}
                      {t.resPointsWord}, {t.resIndex.toLowerCase()} <b>{signed(c.previous.indexChange)}</b>
                    </Typography.Paragraph>
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="code"
                      dataSource={c.previous.fields}
                      columns={[
                        { title: t.code, dataIndex: 'code', width: 60 },
                        { title: t.fwCriterion, dataIndex: 'title' },
                        {
                          title: String(c.previous.year),
                          dataIndex: 'before',
                          render: (v: string | null) => vn(v),
                          width: 70,
                        },
                        {
                          title: String(c.result.year),
                          dataIndex: 'now',
                          render: (v: string) => vn(v),
                          width: 70,
                        },
                        {
                          title: '±',
                          dataIndex: 'change',
                          render: (v: string | null) => signed(v),
                          width: 70,
                        },
                      ]}
                    />
                    {c.previous.unmatchedBefore.length > 0 && (
                      <Alert
                        type="info"
                        style={{ marginTop: 8 }}
                        message={`${t.resUnmatched}: ${c.previous.unmatchedBefore.map((u) => `${u.code} ${u.title}`).join('; ')}`}
                      />
                    )}
                  </>
                ) : (
                  <Empty description={t.resNoPrevious} />
                )}
              </Card>
            </Col>
          </Row>
        </Space>
      )}
    </Drawer>
  );
}

function EntryModal({
  framework,
  year,
  mode,
  onClose,
}: {
  framework: FrameworkSummaryT;
  year: number;
  mode: Mode;
  onClose: (savedId: string | null) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const detail = useQuery({
    queryKey: ['framework', framework.id],
    queryFn: () => get<{ definition: unknown }>(`/api/frameworks/${framework.id}`),
  });
  const fw: Framework | null = useMemo(
    () => (detail.data ? parseFrameworkJson(detail.data.definition).framework : null),
    [detail.data],
  );
  const [q, setQ] = useState('');
  const units = useQuery({
    queryKey: ['units', 'entry', q],
    queryFn: () => get<{ items: UnitViewT[] }>(`/api/units${qs({ q })}`),
  });
  const [unit, setUnit] = useState<UnitViewT | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [existing, setExisting] = useState<{ id: string; revision: number } | null>(null);
  const [owners, setOwners] = useState<ResultEntry['owners']>([]);
  const [owner, setOwnerId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<{ code: string; message: string }[]>([]);

  const criteria = fw ? (mode === 'fields' ? fieldsOnly(fw).criteria : leavesOf(fw)) : [];
  const compiled = useMemo(() => (fw ? compile(mode === 'fields' ? fieldsOnly(fw) : fw) : null), [fw, mode]);
  const live = useMemo(() => {
    if (!compiled) return null;
    const inputs: Record<string, LeafInput> = {};
    const errors: Record<string, string> = {};
    for (const c of criteria) {
      const r = parseLeafInput(c, texts[c.code] ?? '');
      if (r.error !== undefined) errors[c.code] = r.error;
      else if (r.input) inputs[c.code] = r.input;
    }
    const res = evaluate(compiled, inputs);
    const points = new Map<string, string>();
    const walk = (ns: typeof res.tree) => {
      for (const n of ns) {
        points.set(n.code, `${formatPoints(n.points)}/${formatPoints(n.max)}`);
        walk(n.children);
      }
    };
    walk(res.tree);
    const explain = new Map<string, string>();
    const walkE = (ns: typeof res.tree) => {
      for (const n of ns) {
        if (!n.children.length) explain.set(n.code, `${n.explanation.inputs} — ${n.explanation.detail}`);
        walkE(n.children);
      }
    };
    walkE(res.tree);
    return { res, errors, points, explain, lost: lostPoints(res) };
    // criteria derives from fw and mode, as compiled does
  }, [compiled, texts]);

  const kinds = fw?.appliesTo ?? [];
  const options = (units.data?.items ?? []).filter(
    (u) => !u.closed && (!kinds.length || kinds.includes(u.kind)),
  );
  const pickUnit = async (id: string) => {
    const u = options.find((x) => x.id === id) ?? null;
    setUnit(u);
    setExisting(null);
    setOwners([]);
    setOwnerId(null);
    setTexts({});
    if (!u) return;
    // the stored result, if any (prefilled), and where its ranking may be kept
    const entry = await get<ResultEntry>(
      `/api/results/entry${qs({ frameworkId: framework.id, year, unitId: u.id })}`,
    );
    setOwners(entry.owners);
    setOwnerId(entry.existing?.ownerUnitId ?? entry.owners.find((o) => o.isDefault)?.unitId ?? null);
    const row = entry.existing;
    if (row) {
      const card = await get<ResultCardT>(`/api/results/${row.id}`);
      const found: Record<string, string> = {};
      const walk = (ns: ResultCardT['tree']) => {
        for (const n of ns) {
          if (n.input) found[n.code] = n.input;
          walk(n.children as ResultCardT['tree']);
        }
      };
      walk(card.tree);
      setTexts(row.mode === mode ? found : {});
      setExisting({ id: row.id, revision: row.revision });
    }
  };
  const save = async () => {
    if (!unit) return;
    setBusy(true);
    setServerErrors([]);
    try {
      const card = await send<ResultCardT>('PUT', '/api/results', {
        frameworkId: framework.id,
        year,
        unitId: unit.id,
        mode,
        inputs: Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim() !== '')),
        ...(owner ? { ownerUnitId: owner } : {}),
        ...(existing ? { baseRevision: existing.revision, reason } : {}),
      });
      message.success(t.saved);
      onClose(card.result.id);
    } catch (e) {
      if (e instanceof ApiError) {
        message.error(e.message);
        setServerErrors((e.details as { errors?: { code: string; message: string }[] })?.errors ?? []);
      } else message.error(String(e));
    } finally {
      setBusy(false);
    }
  };
  const hasErrors = live ? Object.keys(live.errors).length > 0 : true;
  return (
    <Modal
      open
      width={1000}
      title={`${t.resEnter} — ${framework.name}, ${year}`}
      onCancel={() => onClose(null)}
      onOk={() => void save()}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: !unit || hasErrors || (!!existing && !reason.trim()), id: 'entry-save' }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          showSearch
          style={{ width: '100%' }}
          placeholder={t.selectUnitShort}
          filterOption={false}
          onSearch={setQ}
          onChange={(v: string) => void pickUnit(v)}
          data-testid="entry-unit"
          options={options.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
        />
        {owners.length > 1 && (
          <Space wrap>
            <Typography.Text>{t.resSetOf}</Typography.Text>
            <Select
              style={{ minWidth: 320 }}
              value={owner ?? undefined}
              onChange={setOwnerId}
              data-testid="entry-owner"
              options={owners.map((o) => ({ value: o.unitId, label: o.name }))}
            />
          </Space>
        )}
        {existing && (
          <Input
            placeholder={t.resReasonPlaceholder}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="entry-reason"
          />
        )}
        {live && (
          <Alert
            type="info"
            message={
              <span data-testid="entry-live">
                {t.resTotal}: <b>{formatPoints(live.res.total)}</b>/{formatPoints(live.res.applicableMax)} —{' '}
                {t.resIndex} <b>{formatPoints(live.res.index, { fixed: true })}</b>
                {live.res.band ? ` — ${live.res.band.label}` : ''}
              </span>
            }
          />
        )}
        {serverErrors.length > 0 && (
          <Alert
            type="error"
            message={
              <ul>
                {serverErrors.map((e) => (
                  <li key={e.code}>{e.message}</li>
                ))}
              </ul>
            }
          />
        )}
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={criteria}
          scroll={{ y: 420 }}
          columns={[
            { title: t.code, dataIndex: 'code', width: 70 },
            { title: t.fwCriterion, dataIndex: 'title' },
            {
              title: t.fwRule,
              width: 200,
              render: (_, c) => (
                <Typography.Text type="secondary">{c.rule ? formatRule(c.rule) : 'thủ công'}</Typography.Text>
              ),
            },
            {
              title: t.resInput,
              width: 130,
              render: (_, c) => (
                <Input
                  value={texts[c.code] ?? ''}
                  status={live?.errors[c.code] ? 'error' : undefined}
                  onChange={(e) => setTexts({ ...texts, [c.code]: e.target.value })}
                  data-testid={`entry-${c.code}`}
                />
              ),
            },
            {
              title: t.resPoints,
              width: 260,
              render: (_, c) =>
                live?.errors[c.code] ? (
                  <Typography.Text type="danger">{live.errors[c.code]}</Typography.Text>
                ) : (
                  <span>
                    <b>{live?.points.get(c.code)}</b>{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {texts[c.code] ? live?.explain.get(c.code) : ''}
                    </Typography.Text>
                  </span>
                ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t.resInputHelp}</Typography.Text>
      </Space>
    </Modal>
  );
}
