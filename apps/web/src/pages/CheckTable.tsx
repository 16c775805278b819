/** Check a published results table: upload CSV/XLSX, see the recomputed table with every finding
 * beside it, the counts of checks made and what could not be checked (and why), download the report
 * (Word, PDF, Excel). Nothing is stored. */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { CheckTableViewT } from '@chiso/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Dropdown,
  Empty,
  Input,
  List,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { checkReport, checkTable, type CheckSettings, type ReportFormat } from '../api/checks.ts';
import { fill, useT } from '../i18n.ts';
import { CheckCounts } from './CheckCounts.tsx';
import { saveFile } from '../ui/download.ts';
import { errText } from '../ui/errors.ts';

type RowT = CheckTableViewT['rows'][number];

/** The report on the checked file (sent again), saved under the name the server gives it. */
async function downloadReport(file: File, settings: CheckSettings, format: ReportFormat) {
  const r = await checkReport(file, settings, format);
  saveFile(r.blob, r.fileName ?? `bao-cao-kiem-tra.${format}`);
}

export default function CheckTable() {
  const { t } = useT();
  const { message } = App.useApp();
  const [transpose, setTranspose] = useState(false);
  const [max, setMax] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CheckTableViewT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: File, settings: CheckSettings) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await checkTable(f, settings));
      setFile(f);
    } catch (e) {
      setResult(null);
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const findingsAt = (row: string, column: string | null) =>
    (result?.findings ?? []).filter((f) => f.row === row && (column === null || f.column === column));
  const cell = (row: string, column: string, text: string | null, statedRaw?: string | null) => {
    const fs = findingsAt(row, column);
    // a stated number as users read it (decimal comma), shown only when it differs from ours
    const stated =
      statedRaw && /^[-+]?\d+([.,]\d+)?$/.test(statedRaw.trim())
        ? statedRaw.trim().replace('.', ',')
        : statedRaw;
    const body = (
      <span>
        {text ?? '—'}
        {stated !== undefined && stated !== null && stated !== text && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            ({t.stated} {stated})
          </Typography.Text>
        )}
      </span>
    );
    return fs.length ? (
      <Tooltip title={fs.map((f) => f.message).join(' ')}>
        <span
          style={{ background: '#fdecea', color: '#b71c1c', padding: '0 4px', borderRadius: 3 }}
          data-testid="finding-cell"
        >
          {body}
        </span>
      </Tooltip>
    ) : (
      body
    );
  };
  const components = result?.columns.filter((c) => c.role === 'component') ?? [];
  const made = result ? Object.values(result.checks).reduce((a, b) => a + b, 0) : 0;
  const statedCol = (role: string) => result?.columns.find((c) => c.role === role)?.label ?? role;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t.checkTitle}>
        <Typography.Paragraph type="secondary">{t.ctHelp}</Typography.Paragraph>
        <Space wrap>
          <Upload
            accept=".csv,.xlsx,.txt"
            showUploadList={false}
            beforeUpload={(f) => {
              void run(f, { transpose, max });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} type="primary" loading={busy} data-testid="check-upload">
              {t.checkUpload}
            </Button>
          </Upload>
          <Checkbox
            checked={transpose}
            onChange={(e) => {
              setTranspose(e.target.checked);
              if (file) void run(file, { transpose: e.target.checked, max });
            }}
            data-testid="check-transpose"
          >
            {t.checkTranspose}
          </Checkbox>
          <Tooltip title={t.ctMaxHelp}>
            <Space.Compact>
              <Input
                addonBefore={t.ctMax}
                placeholder={t.ctMaxPlaceholder}
                value={max}
                onChange={(e) => setMax(e.target.value)}
                onPressEnter={() => file && void run(file, { transpose, max })}
                style={{ width: 300 }}
                inputMode="decimal"
                data-testid="check-max"
              />
              {file && (
                <Button onClick={() => void run(file, { transpose, max })} data-testid="check-again">
                  {t.ctApply}
                </Button>
              )}
            </Space.Compact>
          </Tooltip>
          {file && result && (
            <Dropdown
              menu={{
                items: (['docx', 'pdf', 'xlsx'] as const).map((f) => ({
                  key: f,
                  label: t.downloadAs[f],
                  onClick: () =>
                    void downloadReport(file, { transpose, max }, f).catch((e: unknown) =>
                      message.error(errText(e)),
                    ),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t.checkReport}</Button>
            </Dropdown>
          )}
        </Space>
        {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={error} />}
      </Card>
      {result && (
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Card title={`${result.fileName} — ${t.checkRecomputed}`}>
              <Table<RowT>
                size="small"
                rowKey="label"
                pagination={false}
                scroll={{ x: true }}
                dataSource={result.rows}
                columns={[
                  { title: t.checkRow, dataIndex: 'label', fixed: 'left' },
                  ...components.map((c) => ({
                    title: c.max ? `${c.label} (${c.max})` : c.label,
                    render: (_: unknown, r: RowT) => {
                      // two years side by side: a row has the columns of its own year only
                      const comp = r.components.find((x) => x.column === c.label);
                      return cell(
                        r.label,
                        c.label,
                        comp ? `${comp.points ?? '—'}${comp.max ? `/${comp.max}` : ''}` : null,
                      );
                    },
                  })),
                  {
                    title: t.checkTotal,
                    render: (_, r) => cell(r.label, statedCol('total'), r.total, r.stated.total),
                  },
                  { title: t.checkMaxTotal, dataIndex: 'maxTotal' },
                  {
                    title: t.checkIndex,
                    render: (_, r) => cell(r.label, statedCol('index'), r.index, r.stated.index),
                  },
                  {
                    title: t.checkRank,
                    render: (_, r) =>
                      cell(
                        r.label,
                        statedCol('rank'),
                        r.rank === null ? null : String(r.rank),
                        r.stated.rank,
                      ),
                  },
                  {
                    title: t.checkChange,
                    render: (_, r) => cell(r.label, statedCol('change'), r.change, r.stated.change),
                  },
                ]}
              />
              {result.mean.total && (
                <Typography.Paragraph style={{ marginTop: 8 }}>
                  {t.checkMean}: {result.mean.total}
                  {result.mean.index ? ` — ${t.checkIndex.toLowerCase()} ${result.mean.index}` : ''}
                </Typography.Paragraph>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card
              title={
                result.findings.length ? (
                  <Typography.Text type="danger">
                    {t.checkFindings}: {result.findings.length}
                  </Typography.Text>
                ) : (
                  t.checkFindings
                )
              }
            >
              <CheckCounts result={result} />
              {result.findings.length === 0 ? (
                // nothing checked is said above (never "no findings")
                made > 0 && (
                  <Empty description={fill(t.ctNoFindingsOf, { n: made })} data-testid="check-verdict" />
                )
              ) : (
                <List
                  data-testid="check-findings"
                  dataSource={result.findings}
                  renderItem={(f) => (
                    <List.Item>
                      <List.Item.Meta
                        title={
                          <Space wrap>
                            <Tag color="red">{f.code}</Tag>
                            <span>{f.label}</span>
                          </Space>
                        }
                        description={<span data-testid={`finding-${f.code}`}>{f.message}</span>}
                      />
                    </List.Item>
                  )}
                />
              )}
              {result.notes.length > 0 && (
                <>
                  <Typography.Title level={5}>{t.checkNotes}</Typography.Title>
                  <ul>
                    {result.notes.map((n, i) => (
                      <li key={i}>
                        {n.row}
                        {n.column ? ` / ${n.column}` : ''}: {n.message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
