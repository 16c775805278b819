/** The targets of a campaign (unit × field: N, n, how n was found, the public link with its QR code
 * and the unit's A4 poster). The owner's coordinator edits N or n in place, imports N from the Excel
 * template, allocates a total, and copies the campaign down. */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { SurveyCampaignDetailT, SurveyTargetViewT } from '@chiso/contracts';
import { App, Button, Card, InputNumber, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Session } from '../../api/auth.ts';
import { importTargets, posterUrl, qrUrl, setTargets, targetTemplateUrl } from '../../api/surveys.ts';
import { fill, useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { download } from '../../ui/download.ts';
import { errText } from '../../ui/errors.ts';
import { AllocateDialog } from './CampaignDialogs.tsx';

type Edit = { transactions: number | null; target: number | null; typed: boolean };
const keyOf = (r: SurveyTargetViewT) => `${r.unitId}|${r.fieldCode}`;

export function TargetsCard({
  c,
  session,
  onCopyDown,
}: {
  c: SurveyCampaignDetailT;
  session: Session;
  onCopyDown: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [edits, setEdits] = useState<Map<string, Edit> | null>(null);
  const [busy, setBusy] = useState(false);
  const [allocating, setAllocating] = useState(false);
  const editable = c.canManage && c.status !== 'published';
  const refresh = () => qc.invalidateQueries({ queryKey: ['survey-campaign'] });
  const startEdit = () =>
    setEdits(
      new Map(
        c.targets.map((r) => [
          keyOf(r),
          { transactions: r.transactions, target: r.target, typed: r.targetSource === 'typed' },
        ]),
      ),
    );
  const change = (r: SurveyTargetViewT, patch: Partial<Edit>) =>
    setEdits((m) => new Map(m).set(keyOf(r), { ...m!.get(keyOf(r))!, ...patch }));
  const save = async () => {
    setBusy(true);
    try {
      await setTargets(c.id, {
        revision: c.revision,
        targets: c.targets.map((r) => {
          const e = edits!.get(keyOf(r))!;
          const keepAllocated =
            r.targetSource === 'allocated' && e.transactions === r.transactions && e.target === r.target;
          return {
            unitId: r.unitId,
            fieldCode: r.fieldCode,
            transactions: e.transactions,
            target: e.typed || keepAllocated ? e.target : undefined,
          };
        }),
      });
      message.success(t.svSaved);
      setEdits(null);
      await refresh();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const doImport = async (file: File) => {
    setBusy(true);
    try {
      const r = await importTargets(c.id, file);
      message.success(fill(t.svImported, { n: r.targets }));
      await refresh();
    } catch (e) {
      message.error({ content: errText(e), duration: 12 });
    } finally {
      setBusy(false);
    }
  };
  const source = (s: string | null) =>
    s === 'formula' ? (
      <Tag>{t.svSourceFormula}</Tag>
    ) : s === 'typed' ? (
      <Tag color="purple">{t.svSourceTyped}</Tag>
    ) : s === 'allocated' ? (
      <Tag color="cyan">{t.svSourceAllocated}</Tag>
    ) : (
      '—'
    );
  return (
    <Card
      title={t.svTargets}
      extra={
        <Space wrap>
          {editable && !edits && (
            <>
              <Button onClick={startEdit} data-testid="targets-edit">
                {t.svEditTargets}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => void download(targetTemplateUrl(c.id))}>
                {t.svTemplate}
              </Button>
              <Upload
                accept=".xlsx,.csv"
                showUploadList={false}
                beforeUpload={(f) => {
                  void doImport(f);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={busy}>
                  {t.svImportN}
                </Button>
              </Upload>
              <Button onClick={() => setAllocating(true)} data-testid="targets-allocate">
                {t.svAllocate}
              </Button>
            </>
          )}
          {edits && (
            <>
              <Button onClick={() => setEdits(null)}>{t.cancel}</Button>
              <Button type="primary" loading={busy} onClick={() => void save()} data-testid="targets-save">
                {t.svSaveTargets}
              </Button>
            </>
          )}
          {can(session, 'survey.manage') && !edits && (
            <Button onClick={onCopyDown} data-testid="campaign-copy-down">
              {t.svCopyDown}
            </Button>
          )}
        </Space>
      }
    >
      {edits && (
        <Typography.Paragraph type="secondary">
          {fill(t.svTargetsHint, { e: String(c.settings.marginPercent).replace('.', ',') })}
        </Typography.Paragraph>
      )}
      <Table<SurveyTargetViewT>
        rowKey={keyOf}
        size="small"
        pagination={c.targets.length > 50 ? { pageSize: 50 } : false}
        dataSource={c.targets}
        scroll={{ x: 1000 }}
        columns={[
          { title: t.svUnit, dataIndex: 'unitName', width: 240 },
          { title: t.svField, dataIndex: 'fieldName', width: 220 },
          {
            title: t.svN,
            width: 140,
            align: 'right',
            render: (_, r) =>
              edits ? (
                <InputNumber
                  min={0}
                  max={100_000_000}
                  precision={0}
                  aria-label={`${t.svN} — ${r.unitName} — ${r.fieldName}`}
                  data-testid={`n-${r.fieldCode}-${r.unitName}`}
                  value={edits.get(keyOf(r))!.transactions}
                  onChange={(v) => change(r, { transactions: v ?? null })}
                />
              ) : (
                (r.transactions?.toLocaleString('vi-VN') ?? '—')
              ),
          },
          {
            title: t.svSample,
            width: 130,
            align: 'right',
            render: (_, r) =>
              edits ? (
                <InputNumber
                  min={0}
                  max={10_000_000}
                  precision={0}
                  aria-label={`${t.svSample} — ${r.unitName} — ${r.fieldName}`}
                  value={edits.get(keyOf(r))!.typed ? edits.get(keyOf(r))!.target : null}
                  placeholder={String(r.target ?? '')}
                  onChange={(v) => change(r, { target: v ?? null, typed: v !== null })}
                />
              ) : (
                <span data-testid={`target-${r.fieldCode}-${r.unitName}`}>
                  {r.target?.toLocaleString('vi-VN') ?? '—'}
                </span>
              ),
          },
          { title: t.svSource, width: 150, render: (_, r) => source(r.targetSource) },
          {
            title: t.svLink,
            width: 260,
            render: (_, r) =>
              r.link ? (
                <Space direction="vertical" size={0}>
                  <Typography.Text
                    copyable={{ text: `${location.origin}${r.link}`, tooltips: [t.svCopy, '✓'] }}
                    style={{ fontSize: 12 }}
                  >
                    {r.link}
                  </Typography.Text>
                  <Space size="small">
                    <a href={qrUrl(c.id, r.unitId, r.fieldCode)} target="_blank" rel="noreferrer">
                      {t.svQr}
                    </a>
                    <a href={posterUrl(c.id, r.unitId)} target="_blank" rel="noreferrer">
                      {t.svPoster}
                    </a>
                  </Space>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {allocating && <AllocateDialog c={c} onClose={() => setAllocating(false)} />}
    </Card>
  );
}
