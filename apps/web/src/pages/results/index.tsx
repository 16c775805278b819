/** Results and ranking: a framework and a year give the ranking table with its bar chart; a unit's
 * result card shows fields, points, index, class, rank, lost points and the change from its previous
 * result. Coordinators enter a unit's result with the points computed live, or import a sheet. */
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportErrorT, ResultRowT } from '@chiso/contracts';
import { roleAllows } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import type { Session } from '../../api/auth.ts';
import { listFrameworks } from '../../api/frameworks.ts';
import { ApiError } from '../../api/http.ts';
import {
  importResults,
  listResults,
  resultSetDecisionUrl,
  resultSetIssuerUrl,
  resultTemplateUrl,
  type ResultMode,
} from '../../api/results.ts';
import { Bars } from '../../charts.tsx';
import { fill, useT } from '../../i18n.ts';
import { DocumentDialog, withSigner } from '../../ui/DocumentDialog.tsx';
import { download } from '../../ui/download.ts';
import { Movement } from '../../ui/Movement.tsx';
import { RankGroupsDialog } from '../../ui/RankGroupsDialog.tsx';
import { EntryModal } from './EntryModal.tsx';
import { vn, vnFixed, yearsOf } from './format.ts';
import { ResultCardDrawer } from './ResultCardDrawer.tsx';

export default function Results({ session }: { session: Session }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const writer = session.user!.grants.some((g) => roleAllows(g.role, 'result.write'));
  const fws = useQuery({ queryKey: ['frameworks'], queryFn: listFrameworks });
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
    queryFn: () => listResults({ frameworkId: fw!.id, year: year!, ownerUnitId: ownerSel }),
  });
  const [importReason, setImportReason] = useState('');
  const [cardId, setCardId] = useState<string | null>(null);
  const [entry, setEntry] = useState(false);
  const [importErrors, setImportErrors] = useState<ApiError | null>(null);
  const [mode, setMode] = useState<ResultMode>('leaves');
  const [decisionOpen, setDecisionOpen] = useState(false);
  const decisionSet =
    decisionOpen && fw && year && list.data?.ownerUnitId
      ? { frameworkId: fw.id, year, ownerUnitId: list.data.ownerUnitId }
      : null;

  const doImport = async (file: File) => {
    setImportErrors(null);
    try {
      const r = await importResults(file, {
        frameworkId: fw!.id,
        year: year!,
        mode,
        reason: importReason.trim() || undefined,
      });
      message.success(fill(t.resImported, { ...r }));
      await qc.invalidateQueries({ queryKey: ['results'] });
    } catch (e) {
      if (e instanceof ApiError) setImportErrors(e);
      else message.error(String(e));
    }
  };
  const items = list.data?.items ?? [];
  const groups = list.data?.groups ?? [];
  const [groupsOpen, setGroupsOpen] = useState(false);
  // group by group, as the tables list them
  const bars = useMemo(
    () =>
      groups
        .flatMap((g) => items.filter((i) => i.rankGroup === g.key))
        .map((i) => ({ label: i.unitName, value: Number(i.index), text: vnFixed(i.index) })),
    [items, groups],
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
            {list.data?.ownerUnitId && (
              <Button onClick={() => setGroupsOpen(true)} data-testid="res-groups">
                {t.rgButton}
              </Button>
            )}
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ResultMode)}>
              <Radio.Button value="leaves">{t.resModeLeaves}</Radio.Button>
              <Radio.Button value="fields">{t.resModeFields}</Radio.Button>
            </Radio.Group>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(resultTemplateUrl({ frameworkId: fw.id, year: year!, mode }))}
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
                {((importErrors.details as { errors?: ImportErrorT[] })?.errors ?? []).map((e, i) => (
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
              {groups.map((g) => (
                <div key={g.key} data-testid={`res-group-${g.key || 'all'}`}>
                  {g.name && (
                    <Typography.Title level={5} style={{ marginTop: 8 }}>
                      {g.name}{' '}
                      <Typography.Text type="secondary">
                        ({fill(t.rgGroupCount, { n: g.size })})
                      </Typography.Text>
                    </Typography.Title>
                  )}
                  <Table<ResultRowT>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={items.filter((i) => i.rankGroup === g.key)}
                    data-testid="res-table"
                    onRow={(r) => ({ onClick: () => setCardId(r.id), style: { cursor: 'pointer' } })}
                    columns={[
                      {
                        title: t.resRank,
                        width: 80,
                        render: (_, r) => (r.rank === null ? '—' : `${r.rank}/${r.rankedOf}`),
                      },
                      { title: t.unit, dataIndex: 'unitName' },
                      {
                        title: t.resTotal,
                        render: (_, r) => `${vn(r.total)}/${vn(r.applicableMax)}`,
                        width: 110,
                      },
                      { title: t.resIndex, render: (_, r) => vnFixed(r.index), width: 90 },
                      { title: t.resClass, dataIndex: 'bandLabel', render: (v: string | null) => v ?? '—' },
                      {
                        title: t.pdPrevious,
                        render: (_, r) => (r.movement ? <Movement m={r.movement} /> : null),
                      },
                      {
                        title: '',
                        width: 90,
                        render: (_, r) =>
                          r.missing ? <Tag color="orange">{`${t.resMissing} ${r.missing}`}</Tag> : null,
                      },
                    ]}
                  />
                </div>
              ))}
              {list.data?.ownerUnitId && items.length > 0 && (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => setDecisionOpen(true)}
                  data-testid="res-decision"
                  style={{ marginTop: 8 }}
                >
                  {t.pdDownload}
                </Button>
              )}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {list.data?.sets.find((x) => x.ownerUnitId === list.data?.ownerUnitId)
                  ? `${t.resSetOf} ${list.data.sets.find((x) => x.ownerUnitId === list.data?.ownerUnitId)!.ownerName}. `
                  : ''}
                {fill(t.resRankedOf, { n: list.data?.rankedOf ?? 0 })}
                {list.data?.meanIndex ? ` ${t.resMean}: ${vnFixed(list.data.meanIndex)}.` : ''}
              </Typography.Paragraph>
            </Col>
            <Col xs={24} xl={11}>
              <Bars bars={bars} max={100} mean={mean} testId="res-chart" />
            </Col>
          </Row>
        )}
      </Card>
      {groupsOpen && fw && year && list.data?.ownerUnitId && (
        <RankGroupsDialog
          set={{ ownerUnitId: list.data.ownerUnitId, frameworkCode: fw.code, year }}
          onClose={() => setGroupsOpen(false)}
        />
      )}
      {decisionSet && (
        <DocumentDialog
          open
          title={t.pdTitle}
          issuerUrl={resultSetIssuerUrl(decisionSet)}
          formats={['docx', 'pdf']}
          urlFor={(f, signer) => withSigner(resultSetDecisionUrl(decisionSet, f as 'docx' | 'pdf'), signer)}
          onClose={() => setDecisionOpen(false)}
        />
      )}
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
