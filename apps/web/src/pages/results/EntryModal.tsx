/** Entering a unit's result: the unit (and where its ranking is kept), an input per criterion with
 * the points computed live by the domain's engine, a reason when it corrects a stored result. */
import { useQuery } from '@tanstack/react-query';
import type { FrameworkSummaryT, ResultEntryT, ResultNodeT, UnitViewT } from '@chiso/contracts';
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
  type Framework,
  type LeafInput,
} from '@chiso/domain';
import { Alert, App, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { getFramework } from '../../api/frameworks.ts';
import { ApiError } from '../../api/http.ts';
import { enterResult, getResult, getResultEntry, type ResultMode } from '../../api/results.ts';
import { listUnits } from '../../api/units.ts';
import { useT } from '../../i18n.ts';

export function EntryModal({
  framework,
  year,
  mode,
  onClose,
}: {
  framework: FrameworkSummaryT;
  year: number;
  mode: ResultMode;
  onClose: (savedId: string | null) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const detail = useQuery({
    queryKey: ['framework', framework.id],
    queryFn: () => getFramework(framework.id),
  });
  const fw: Framework | null = useMemo(
    () => (detail.data ? parseFrameworkJson(detail.data.definition).framework : null),
    [detail.data],
  );
  const [q, setQ] = useState('');
  const units = useQuery({
    queryKey: ['units', 'entry', q],
    queryFn: () => listUnits({ q }),
  });
  const [unit, setUnit] = useState<UnitViewT | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [existing, setExisting] = useState<{ id: string; revision: number } | null>(null);
  const [owners, setOwners] = useState<ResultEntryT['owners']>([]);
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
    const entry = await getResultEntry({ frameworkId: framework.id, year, unitId: u.id });
    setOwners(entry.owners);
    setOwnerId(entry.existing?.ownerUnitId ?? entry.owners.find((o) => o.isDefault)?.unitId ?? null);
    const row = entry.existing;
    if (row) {
      const card = await getResult(row.id);
      const found: Record<string, string> = {};
      const walk = (ns: ResultNodeT[]) => {
        for (const n of ns) {
          if (n.input) found[n.code] = n.input;
          walk(n.children);
        }
      };
      walk(card.tree as ResultNodeT[]);
      setTexts(row.mode === mode ? found : {});
      setExisting({ id: row.id, revision: row.revision });
    }
  };
  const save = async () => {
    if (!unit) return;
    setBusy(true);
    setServerErrors([]);
    try {
      const card = await enterResult({
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
