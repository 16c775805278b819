/** Criteria frameworks: the list (import, export, publish, retire, clone) and one framework as a tree,
 * editable while it is a draft, with the maxima adding up live and validation shown beside each
 * criterion as it is typed. The same domain code that the server runs does the checking here. */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FrameworkIssueT, FrameworkSummaryT, SheetErrorT } from '@chiso/contracts';
import {
  formatDateVi,
  formatPoints,
  formatRule,
  parseFrameworkJson,
  parsePoints,
  parseRule,
  roleAllows,
  validateFramework,
  type Criterion,
  type Issue,
  type Rule,
} from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Dropdown,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, get, send, upload, type Session } from '../api.ts';
import { useT } from '../i18n.ts';

/** The JSON form as edited: decimal strings as typed ("7,82" or "7.82"). */
interface CriterionJson {
  code: string;
  title: string;
  guidance?: string;
  max: string;
  rule?: unknown;
  evidenceRequired?: boolean;
  mayBeNotApplicable?: boolean;
  block?: 'bonus' | 'penalty';
  isExample?: boolean;
  children?: CriterionJson[];
}
interface FrameworkJsonT {
  code: string;
  name: string;
  yearFrom: number;
  yearTo?: number | null;
  legalBasis: string[];
  appliesTo: string[];
  totalMax: string;
  bands: { code: string; label: string; minIndex: string; isExample?: boolean }[];
  isExample?: boolean;
  notes?: string;
  criteria: CriterionJson[];
}
interface Detail {
  framework: FrameworkSummaryT;
  revision: number;
  definition: FrameworkJsonT;
  issues: FrameworkIssueT[];
}

const STATUS_COLOR = { draft: 'gold', published: 'green', retired: 'default' } as const;

export function canWriteFrameworks(session: Session) {
  return session.user!.grants.some((g) => roleAllows(g.role, 'framework.write'));
}

/** Download a file from a GET route (the browser keeps the session cookie). */
export function download(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function StatusTag({ status }: { status: FrameworkSummaryT['status'] }) {
  const { t } = useT();
  return <Tag color={STATUS_COLOR[status]}>{t.fwStatus[status]}</Tag>;
}

function ImportErrors({ error }: { error: ApiError }) {
  const { t } = useT();
  const d = error.details as { errors?: SheetErrorT[]; issues?: FrameworkIssueT[] } | undefined;
  return (
    <Alert
      type="error"
      showIcon
      message={error.message}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-errors">
          {d?.errors?.map((e, i) => (
            <li key={i}>
              {e.sheet} — {t.row} {e.row}
              {e.column ? `, ${t.column} ${e.column}` : ''}: {e.message}
            </li>
          ))}
          {d?.issues?.map((e, i) => (
            <li key={`i${i}`}>{e.message}</li>
          ))}
        </ul>
      }
    />
  );
}

export default function Frameworks({ session }: { session: Session }) {
  const { id } = useParams();
  return id ? <FrameworkView id={id} session={session} /> : <FrameworkList session={session} />;
}

function FrameworkList({ session }: { session: Session }) {
  const { t } = useT();
  const nav = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const writer = canWriteFrameworks(session);
  const list = useQuery({
    queryKey: ['frameworks'],
    queryFn: () => get<{ items: FrameworkSummaryT[] }>('/api/frameworks'),
  });
  const [importError, setImportError] = useState<ApiError | null>(null);
  const ownerUnitId = session.user!.grants.find((g) => roleAllows(g.role, 'framework.write'))?.unitId ?? null;
  const doImport = async (file: File) => {
    setImportError(null);
    try {
      const fw = await upload<FrameworkSummaryT>(
        `/api/frameworks/import-file${ownerUnitId ? `?ownerUnitId=${ownerUnitId}` : ''}`,
        file,
      );
      message.success(t.imported);
      await qc.invalidateQueries({ queryKey: ['frameworks'] });
      void nav(`/frameworks/${fw.id}`);
    } catch (e) {
      if (e instanceof ApiError) setImportError(e);
      else message.error(String(e));
    }
    return false;
  };
  return (
    <Card
      title={t.frameworks}
      extra={
        writer && (
          <Upload
            accept=".xlsx,.json"
            showUploadList={false}
            beforeUpload={(f) => {
              void doImport(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="framework-import">
              {t.fwImport}
            </Button>
          </Upload>
        )
      }
    >
      {importError && <ImportErrors error={importError} />}
      <Table<FrameworkSummaryT>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => void nav(`/frameworks/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t.code,
            dataIndex: 'code',
            render: (v: string, r) => <Link to={`/frameworks/${r.id}`}>{v}</Link>,
          },
          { title: t.fwVersion, dataIndex: 'version', width: 90 },
          { title: t.name, dataIndex: 'name' },
          {
            title: t.fwYears,
            render: (_, r) =>
              r.yearTo && r.yearTo !== r.yearFrom ? `${r.yearFrom}–${r.yearTo}` : r.yearFrom,
            width: 110,
          },
          {
            title: t.fwTotalMax,
            dataIndex: 'totalMax',
            render: (v: string) => formatPoints(parsePoints(v) ?? 0),
            width: 110,
          },
          { title: t.fwOwner, dataIndex: 'ownerUnitName', render: (v: string | null) => v ?? t.wholeSystem },
          {
            title: t.status,
            dataIndex: 'status',
            render: (s: FrameworkSummaryT['status']) => <StatusTag status={s} />,
            width: 150,
          },
        ]}
      />
    </Card>
  );
}

/** Sanitise the edited JSON for live checking: a maximum that is not a number counts as 0 and is
 * reported on its criterion; a rule typed as text is parsed. */
function liveCheck(def: FrameworkJsonT, ruleTexts: Record<string, string>) {
  const fieldErrors: Issue[] = [];
  const fix = (c: CriterionJson): CriterionJson => {
    const max = parsePoints(c.max);
    if (max === null)
      fieldErrors.push({
        criterion: c.code,
        severity: 'error',
        message: `Tiêu chí ${c.code}: điểm tối đa "${c.max}" không phải số hợp lệ (tối đa hai chữ số thập phân).`,
      });
    let rule: unknown = c.rule;
    const text = ruleTexts[c.code];
    if (text !== undefined && !c.children?.length) {
      const r: { rule?: Rule; error?: string } = text.trim() ? parseRule(text) : {};
      if (r.error !== undefined)
        fieldErrors.push({ criterion: c.code, severity: 'error', message: `Tiêu chí ${c.code}: ${r.error}` });
      else rule = r.rule ? JSON.parse(JSON.stringify(ruleToJsonLoose(r.rule))) : undefined;
    }
    const out: CriterionJson = { ...c, max: max === null ? '0' : c.max };
    if (rule === undefined) delete out.rule;
    else out.rule = rule;
    if (c.children) out.children = c.children.map(fix);
    return out;
  };
  const total = parsePoints(def.totalMax);
  if (total === null)
    fieldErrors.push({
      criterion: '',
      severity: 'error',
      message: `Tổng điểm tối đa "${def.totalMax}" không hợp lệ.`,
    });
  const clean = { ...def, totalMax: total === null ? '0' : def.totalMax, criteria: def.criteria.map(fix) };
  const parsed = parseFrameworkJson(clean);
  const issues = parsed.framework
    ? [...fieldErrors, ...validateFramework(parsed.framework)]
    : [
        ...fieldErrors,
        ...parsed.errors.map((m) => ({ criterion: '', severity: 'error' as const, message: m })),
      ];
  return { clean, framework: parsed.framework, issues };
}

/** Rules parsed from text are in hundredths; the JSON form wants decimal strings. */
function ruleToJsonLoose(r: NonNullable<ReturnType<typeof parseRule>['rule']>): unknown {
  const s = (h: number) => formatPoints(h).replace(',', '.');
  switch (r.type) {
    case 'manual':
      return r.step === undefined ? { type: 'manual' } : { type: 'manual', step: s(r.step) };
    case 'levels':
      return { type: 'levels', levels: r.levels.map((l) => ({ ...l, points: s(l.points) })) };
    case 'ratio_tiers':
      return {
        ...r,
        tiers: r.tiers.map((x) => ({ minPercent: s(x.minPercent), points: s(x.points) })),
      };
    case 'ratio_proportional':
      return {
        ...r,
        ...(r.capPercent !== undefined ? { capPercent: s(r.capPercent) } : {}),
        ...(r.floorPercent !== undefined ? { floorPercent: s(r.floorPercent) } : {}),
      };
    case 'deduction':
      return { type: 'deduction', start: s(r.start), perIncident: s(r.perIncident), floor: s(r.floor) };
    default:
      return r;
  }
}

function mapCriteria(
  list: CriterionJson[],
  code: string,
  f: (c: CriterionJson) => CriterionJson,
): CriterionJson[] {
  return list.map((c) =>
    c.code === code ? f(c) : c.children ? { ...c, children: mapCriteria(c.children, code, f) } : c,
  );
}

interface Row {
  key: string;
  c: CriterionJson;
  children?: Row[];
}

function FrameworkView({ id, session }: { id: string; session: Session }) {
  const { t } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const detail = useQuery({
    queryKey: ['framework', id],
    queryFn: () => get<Detail>(`/api/frameworks/${id}`),
  });
  const [def, setDef] = useState<FrameworkJsonT | null>(null);
  const [ruleTexts, setRuleTexts] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (detail.data && !dirty) {
      setDef(detail.data.definition);
      setRuleTexts({});
    }
  }, [detail.data, dirty]);
  const check = useMemo(() => (def ? liveCheck(def, ruleTexts) : null), [def, ruleTexts]);
  if (!detail.data || !def || !check) return <Card loading />;
  const fw = detail.data.framework;
  const editable = fw.status === 'draft' && canWriteFrameworks(session);
  const issuesOf = (code: string) => check.issues.filter((i) => i.criterion === code);
  const edit = (code: string, f: (c: CriterionJson) => CriterionJson) => {
    setDef({ ...def, criteria: mapCriteria(def.criteria, code, f) });
    setDirty(true);
  };
  const sumChildren = (c: CriterionJson) =>
    (c.children ?? []).reduce((s, k) => s + (parsePoints(k.max) ?? 0), 0);
  const topSum = def.criteria.filter((c) => !c.block).reduce((s, c) => s + (parsePoints(c.max) ?? 0), 0);
  const toRows = (list: CriterionJson[]): Row[] =>
    list.map((c) => ({ key: c.code, c, ...(c.children?.length ? { children: toRows(c.children) } : {}) }));

  const save = async () => {
    setBusy(true);
    try {
      const r = await send<{ revision: number; issues: FrameworkIssueT[] }>('PUT', `/api/frameworks/${id}`, {
        definition: check.clean,
        baseRevision: detail.data.revision,
      });
      message.success(t.saved);
      setDirty(false);
      await qc.invalidateQueries({ queryKey: ['framework', id] });
      void r;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const action = (kind: 'publish' | 'retire' | 'clone') => {
    let reason = '';
    let year = fw.yearFrom + 1;
    modal.confirm({
      title: t.fwActions[kind],
      content:
        kind === 'clone' ? (
          <Space direction="vertical">
            <span>{t.fwCloneYear}</span>
            <InputNumber defaultValue={year} min={2000} max={2100} onChange={(v) => (year = Number(v))} />
          </Space>
        ) : (
          <Input.TextArea placeholder={t.reason} onChange={(e) => (reason = e.target.value)} />
        ),
      okText: t.fwActions[kind],
      cancelText: t.cancel,
      onOk: async () => {
        try {
          const r = await send<FrameworkSummaryT>(
            'POST',
            `/api/frameworks/${id}/${kind}`,
            kind === 'clone' ? { year } : reason ? { reason } : {},
          );
          message.success(t.saved);
          await qc.invalidateQueries({ queryKey: ['frameworks'] });
          await qc.invalidateQueries({ queryKey: ['framework', id] });
          if (kind === 'clone') void nav(`/frameworks/${r.id}`);
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : String(e));
          throw e;
        }
      },
    });
  };
  const errors = check.issues.filter((i) => i.severity === 'error');
  const general = check.issues.filter((i) => i.criterion === '');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <Link to="/frameworks">{t.frameworks}</Link>›<span>{fw.name}</span>
            <StatusTag status={fw.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'xlsx',
                    label: t.downloadExcel,
                    onClick: () => download(`/api/frameworks/${id}/export?format=xlsx`),
                  },
                  {
                    key: 'json',
                    label: t.downloadJson,
                    onClick: () => download(`/api/frameworks/${id}/export?format=json`),
                  },
                  {
                    key: 'docx',
                    label: t.downloadDecisionWord,
                    onClick: () => download(`/api/frameworks/${id}/decision?format=docx`),
                  },
                  {
                    key: 'pdf',
                    label: t.downloadDecisionPdf,
                    onClick: () => download(`/api/frameworks/${id}/decision?format=pdf`),
                  },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>{t.download}</Button>
            </Dropdown>
            {editable && (
              <Button
                type="primary"
                onClick={() => void save()}
                loading={busy}
                disabled={!dirty}
                data-testid="fw-save"
              >
                {t.save}
              </Button>
            )}
            {editable && (
              <Button onClick={() => action('publish')} disabled={dirty || errors.length > 0}>
                {t.fwActions.publish}
              </Button>
            )}
            {canWriteFrameworks(session) && fw.status === 'published' && (
              <Button onClick={() => action('retire')}>{t.fwActions.retire}</Button>
            )}
            {canWriteFrameworks(session) && (
              <Button onClick={() => action('clone')} data-testid="fw-clone">
                {t.fwActions.clone}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t.code}>{fw.code}</Descriptions.Item>
          <Descriptions.Item label={t.fwVersion}>{fw.version}</Descriptions.Item>
          <Descriptions.Item label={t.fwYears}>
            {fw.yearTo && fw.yearTo !== fw.yearFrom ? `${fw.yearFrom}–${fw.yearTo}` : fw.yearFrom}
          </Descriptions.Item>
          <Descriptions.Item label={t.fwTotalMax}>
            {editable ? (
              <Input
                size="small"
                style={{ width: 90 }}
                value={def.totalMax.replace('.', ',')}
                onChange={(e) => {
                  setDef({ ...def, totalMax: e.target.value.trim() });
                  setDirty(true);
                }}
                data-testid="fw-total-max"
              />
            ) : (
              formatPoints(parsePoints(def.totalMax) ?? 0)
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t.fwFieldsSum}>
            <span data-testid="fw-fields-sum">{formatPoints(topSum)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t.fwPublishedAt}>
            {fw.publishedAt ? formatDateVi(fw.publishedAt) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.fwLegalBasis} span={3}>
            {def.legalBasis.join('; ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.fwBands} span={3}>
            <Space wrap>
              {def.bands.map((b) => (
                <Tag key={b.code} color={b.isExample ? 'orange' : 'blue'}>
                  {b.label} ≥ {formatPoints(parsePoints(b.minIndex) ?? 0)}
                  {b.isExample ? ` (${t.example})` : ''}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {def.isExample && <Alert type="warning" showIcon message={t.fwIsExample} style={{ marginTop: 8 }} />}
        {general.length > 0 && (
          <Alert
            style={{ marginTop: 8 }}
            type={general.some((i) => i.severity === 'error') ? 'error' : 'warning'}
            showIcon
            data-testid="fw-general-issues"
            message={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {general.map((i, k) => (
                  <li key={k}>{i.message}</li>
                ))}
              </ul>
            }
          />
        )}
        {dirty && <Alert style={{ marginTop: 8 }} type="info" showIcon message={t.unsaved} />}
      </Card>
      <Card
        title={`${t.fwCriteria} (${errors.length ? `${errors.length} ${t.errors.toLowerCase()}` : t.fwValid})`}
      >
        <Table<Row>
          size="small"
          pagination={false}
          dataSource={toRows(def.criteria)}
          expandable={{ defaultExpandAllRows: true }}
          rowKey="key"
          columns={[
            { title: t.code, width: 110, render: (_, r) => <b>{r.c.code}</b> },
            {
              title: t.fwCriterion,
              render: (_, r) =>
                editable ? (
                  <Input.TextArea
                    autoSize
                    value={r.c.title}
                    onChange={(e) => edit(r.c.code, (c) => ({ ...c, title: e.target.value }))}
                  />
                ) : (
                  <span>
                    {r.c.title} {r.c.isExample && <Tag color="orange">{t.example}</Tag>}
                    {r.c.block && <Tag>{r.c.block === 'bonus' ? t.bonus : t.penalty}</Tag>}
                  </span>
                ),
            },
            {
              title: t.fwMax,
              width: 110,
              render: (_, r) =>
                editable ? (
                  <Input
                    value={r.c.max.replace('.', ',')}
                    data-testid={`max-${r.c.code}`}
                    onChange={(e) => edit(r.c.code, (c) => ({ ...c, max: e.target.value.trim() }))}
                  />
                ) : (
                  formatPoints(parsePoints(r.c.max) ?? 0)
                ),
            },
            {
              title: t.fwChildrenSum,
              width: 110,
              render: (_, r) => {
                if (!r.c.children?.length) return null;
                const s = sumChildren(r.c);
                const m = parsePoints(r.c.max) ?? 0;
                return (
                  <Typography.Text type={s === m ? undefined : 'danger'} data-testid={`sum-${r.c.code}`}>
                    {formatPoints(s)}
                  </Typography.Text>
                );
              },
            },
            {
              title: t.fwRule,
              render: (_, r) => {
                if (r.c.children?.length)
                  return <Typography.Text type="secondary">{t.fwSumOfChildren}</Typography.Text>;
                const fwRule = check.framework ? findRule(check.framework.criteria, r.c.code) : undefined;
                const text = ruleTexts[r.c.code] ?? (fwRule ? formatRule(fwRule) : '');
                return editable ? (
                  <Input
                    value={text}
                    placeholder="thủ công"
                    onChange={(e) => {
                      setRuleTexts({ ...ruleTexts, [r.c.code]: e.target.value });
                      setDirty(true);
                    }}
                  />
                ) : (
                  text || 'thủ công'
                );
              },
            },
            {
              title: t.fwIssues,
              render: (_, r) => (
                <div data-testid={`issues-${r.c.code}`}>
                  {issuesOf(r.c.code).map((i, k) => (
                    <Typography.Text
                      key={k}
                      type={i.severity === 'error' ? 'danger' : 'warning'}
                      style={{ display: 'block' }}
                    >
                      {i.message}
                    </Typography.Text>
                  ))}
                </div>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function findRule(list: readonly Criterion[], code: string): Rule | undefined {
  for (const c of list) {
    if (c.code === code) return c.rule;
    const r = findRule(c.children ?? [], code);
    if (r) return r;
  }
  return undefined;
}
