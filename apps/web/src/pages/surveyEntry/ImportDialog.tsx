/** Import ballots from a filled template (.xlsx) or a CSV: all or nothing; the errors by row and column
 * are listed as the server reports them. A source turns the file into results collected elsewhere. */
import { Alert, Button, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { importBallots, templateUrl } from '../../api/surveyBallots.ts';
import { fill, useT } from '../../i18n.ts';
import { download } from '../../ui/download.ts';

interface RowError {
  row: number;
  column: string;
  message: string;
}

export function ImportDialog({
  campaignId,
  open,
  onClose,
}: {
  campaignId: string;
  open: boolean;
  onClose: (imported: boolean) => void;
}) {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; errors: RowError[] } | null>(null);

  async function run() {
    if (!file) return;
    setBusy(true);
    setDone(null);
    setFailure(null);
    try {
      const r = await importBallots(campaignId, file, source.trim());
      setDone(fill(t.sbImported, { n: r.rows.toLocaleString('vi-VN') }));
    } catch (e) {
      const errors = e instanceof ApiError ? ((e.details as { errors?: RowError[] })?.errors ?? []) : [];
      setFailure({ message: e instanceof Error ? e.message : String(e), errors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t.sbImportTitle}
      width={760}
      onCancel={() => onClose(done !== null)}
      footer={[
        <Button key="close" onClick={() => onClose(done !== null)}>
          {t.sbClose}
        </Button>,
        <Button
          key="run"
          type="primary"
          disabled={!file}
          loading={busy}
          onClick={() => void run()}
          data-testid="import-run"
        >
          {t.sbImportRun}
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t.sbImportHelp}</Typography.Paragraph>
        <Button onClick={() => void download(templateUrl(campaignId))} data-testid="import-template">
          {t.sbTemplate}
        </Button>
        <label>
          {t.sbSource}
          <Input value={source} onChange={(e) => setSource(e.target.value)} data-testid="import-source" />
        </label>
        <label>
          {t.sbFile}
          <input
            type="file"
            accept=".xlsx,.csv"
            style={{ display: 'block', marginTop: 4 }}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setDone(null);
              setFailure(null);
            }}
            data-testid="import-file"
          />
        </label>
        {done && <Alert type="success" showIcon title={done} data-testid="import-done" />}
        {failure && (
          <div data-testid="import-errors">
            <Alert type="error" showIcon title={failure.message} style={{ marginBottom: 8 }} />
            {failure.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                dataSource={failure.errors}
                pagination={failure.errors.length > 20 ? { pageSize: 20 } : false}
                scroll={{ x: true }}
                columns={[
                  { title: t.sbErrRow, dataIndex: 'row', width: 70 },
                  { title: t.sbErrColumn, dataIndex: 'column', width: 130 },
                  { title: t.sbErrMessage, dataIndex: 'message' },
                ]}
              />
            )}
          </div>
        )}
      </Space>
    </Modal>
  );
}
