/** Check a published results table: upload CSV/XLSX, see the recomputed table with every finding
 * beside it, download the report (Word, PDF, Excel). Nothing is stored. */
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
import { checkReport, checkTable, type ReportFormat } from '../api/checks.ts';
import { useT } from '../i18n.ts';
import { saveFile } from '../ui/download.ts';
import { errText } from '../ui/errors.ts';

type RowT = CheckTableViewT['rows'][number];

/** The report on the checked file (sent again), saved under the name the server gives it. */
async function downloadReport(file: File, transpose: boolean, format: ReportFormat) {
  const r = await checkReport(file, transpose, format);
  saveFile(r.blob, r.fileName ?? `bao-cao-kiem-tra.${format}`);
}

export default function CheckTable() {
  const { t } = useT();
  const { message } = App.useApp();
  const [transpose, setTranspose] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CheckTableViewT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: File, tr: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await checkTable(f, tr));
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
  const statedCol = (role: string) => result?.columns.find((c) => c.role === role)?.label ?? role;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t.checkTitle}>
        <Typography.Paragraph type="secondary">{t.checkHelp}</Typography.Paragraph>
        <Space wrap>
          <Upload
            accept=".csv,.xlsx,.txt"
            showUploadList={false}
            beforeUpload={(f) => {
              void run(f, transpose);
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
              if (file) void run(file, e.target.checked);
            }}
            data-testid="check-transpose"
          >
            {t.checkTranspose}
          </Checkbox>
          {file && result && (
            <Dropdown
              menu={{
                items: (['docx', 'pdf', 'xlsx'] as const).map((f) => ({
                  key: f,
                  label: t.downloadAs[f],
                  onClick: () =>
                    void downloadReport(file, transpose, f).catch((e: unknown) => message.error(errText(e))),
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
                  ...components.map((c, i) => ({
                    title: c.max ? `${c.label} (${c.max})` : c.label,
                    render: (_: unknown, r: RowT) => {
                      const comp = r.components[i];
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
              {result.findings.length === 0 ? (
                <Empty description={t.checkNoFindings} />
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
