/** One unit's report of a request: the table computed from the ballots (read-only; the unit types
 * "phát ra"), the sections of the outline ("đánh giá, nhận xét", "kiến nghị, đề xuất"), scans of
 * paper ballots attached, then the head approves and sends; Word and Excel to download. */
import { ArrowLeftOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportSubmissionViewT } from '@chiso/contracts';
import { formatDateTimeVi, formatDateVi } from '@chiso/domain';
import { Alert, App, Button, Card, Form, Input, List, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  approveUnitReport,
  attachToReport,
  detachFromReport,
  getUnitReport,
  reportDocumentUrl,
  reportFileUrl,
  saveUnitReport,
  sendUnitReport,
} from '../../api/reports.ts';
import { fill, useT } from '../../i18n.ts';
import { download } from '../../ui/download.ts';
import { errText } from '../../ui/errors.ts';
import { Mau01Table, Mau02Table } from './ReportTables.tsx';
import { StateTag } from './StateTag.tsx';

export function UnitReport({ id, unitId }: { id: string; unitId: string }) {
  const { t } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const key = ['unit-report', id, unitId];
  const q = useQuery({ queryKey: key, queryFn: () => getUnitReport(id, unitId) });
  const r = q.data;
  const [figures, setFigures] = useState<Record<string, number | null>>({});
  const [sections, setSections] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!r) return;
    setSections(r.sections);
    setFigures(Object.fromEntries((r.mau01?.rows ?? []).map((x) => [x.issuedKey, x.issued])));
  }, [r]);

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: ['report-request', id] });
    await qc.invalidateQueries({ queryKey: ['report-requests'] });
  };
  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(ok);
      await refresh();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const save = (view: ReportSubmissionViewT) =>
    act(
      () =>
        saveUnitReport(id, unitId, {
          baseRevision: view.revision,
          sections,
          figures: Object.fromEntries(
            Object.entries(figures).filter((e): e is [string, number] => typeof e[1] === 'number'),
          ),
        }),
      t.rpSaved,
    );
  const approve = (view: ReportSubmissionViewT) =>
    modal.confirm({
      title: t.rpApprove,
      content: t.rpApproveConfirm,
      okText: t.rpApprove,
      onOk: () => act(() => approveUnitReport(id, unitId, view.revision), t.rpApprovedOk),
    });
  const send = (view: ReportSubmissionViewT) =>
    modal.confirm({
      title: t.rpSend,
      content: (
        <>
          <p>{fill(t.rpSendConfirm, { unit: view.receivingUnitName })}</p>
          {view.state === 'overdue' && (
            <Alert type="warning" showIcon message={fill(t.rpSendLate, { date: formatDateVi(view.dueOn) })} />
          )}
        </>
      ),
      okText: t.rpSend,
      onOk: () =>
        act(async () => {
          const res = await sendUnitReport(id, unitId, view.revision);
          if (res.late) message.warning(fill(t.rpSentLate, { days: res.days }));
        }, t.rpSentOk),
    });

  if (!r) return <Card loading={q.isLoading} />;
  const editable = r.canWrite && r.status !== 'sent';
  return (
    <Card
      title={
        <Typography.Text style={{ whiteSpace: 'normal' }}>
          <Link to={`/reports/${id}`} aria-label={t.rpBackMatrix}>
            <ArrowLeftOutlined />
          </Link>{' '}
          {r.unitName} — {r.title}
        </Typography.Text>
      }
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(reportDocumentUrl(id, unitId, 'docx'))}
            data-testid="rp-word"
          >
            {t.rpWord}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(reportDocumentUrl(id, unitId, 'xlsx'))}
          >
            {t.rpExcel}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <StateTag state={r.state} label={r.label} />
        <Typography.Text type="secondary">
          {fill(t.rpDueIncluded, { date: formatDateVi(r.dueOn) })}
        </Typography.Text>
        {r.status === 'approved' && r.approvedAt && (
          <Typography.Text>{fill(t.rpApprovedBy, { at: formatDateTimeVi(r.approvedAt) })}</Typography.Text>
        )}
        {r.sentAt && (
          <Typography.Text>{fill(t.rpSentInfo, { at: formatDateTimeVi(r.sentAt) })}</Typography.Text>
        )}
      </Space>
      {!r.canWrite && !r.canSubmit && r.status !== 'sent' && (
        <Alert type="info" showIcon message={t.rpReadOnly} style={{ marginBottom: 12 }} />
      )}
      {(r.mau01 || r.mau02) && (
        <>
          <Typography.Title level={5}>{t.rpComputed}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t.rpComputedHint}
          </Typography.Paragraph>
        </>
      )}
      {r.mau01 && (
        <Mau01Table
          table={r.mau01}
          editable={editable}
          figures={figures}
          onFigure={(k, v) => setFigures((f) => ({ ...f, [k]: v }))}
        />
      )}
      {r.mau02 && <Mau02Table data={r.mau02} />}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t.rpRemarks}
      </Typography.Title>
      <Form layout="vertical">
        {r.outline.map((s) => (
          <Form.Item
            key={s.code}
            label={s.title}
            extra={s.guide ? <span style={{ whiteSpace: 'pre-line' }}>{s.guide}</span> : undefined}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 12 }}
              value={sections[s.code] ?? ''}
              disabled={!editable}
              onChange={(e) => setSections((x) => ({ ...x, [s.code]: e.target.value }))}
              data-testid={`rp-section-${s.code}`}
            />
          </Form.Item>
        ))}
      </Form>
      <Typography.Title level={5}>{t.rpFiles}</Typography.Title>
      <List
        size="small"
        dataSource={r.files}
        locale={{ emptyText: t.rpNoFiles }}
        data-testid="rp-files"
        renderItem={(f) => (
          <List.Item
            actions={
              editable
                ? [
                    <Button
                      key="rm"
                      size="small"
                      danger
                      onClick={() => act(() => detachFromReport(id, unitId, f.sha256), t.rpSaved)}
                    >
                      {t.rpRemove}
                    </Button>,
                  ]
                : []
            }
          >
            <a href={reportFileUrl(id, unitId, f.sha256)} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {f.name}
            </a>
          </List.Item>
        )}
      />
      {editable && (
        <Upload
          accept={r.mau01 || r.mau02 ? '.pdf,.jpg,.jpeg,.png' : '.pdf,.docx,.xlsx,.jpg,.jpeg,.png'}
          showUploadList={false}
          customRequest={({ file }) => void act(() => attachToReport(id, unitId, file as File), t.rpSaved)}
        >
          <Button icon={<PaperClipOutlined />} style={{ marginTop: 8 }} data-testid="rp-attach">
            {t.rpAttach}
          </Button>
        </Upload>
      )}
      {!!r.problems.length && (r.canWrite || r.canSubmit) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          message={t.rpProblems}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {r.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Space wrap style={{ marginTop: 16 }}>
        {editable && (
          <Button type="primary" loading={busy} onClick={() => void save(r)} data-testid="rp-save">
            {t.rpSave}
          </Button>
        )}
        {r.canSubmit && r.status === 'draft' && (
          <Button loading={busy} onClick={() => approve(r)} data-testid="rp-approve">
            {t.rpApprove}
          </Button>
        )}
        {r.canSubmit && r.status === 'approved' && (
          <Button type="primary" loading={busy} onClick={() => send(r)} data-testid="rp-send">
            {t.rpSend}
          </Button>
        )}
      </Space>
    </Card>
  );
}
