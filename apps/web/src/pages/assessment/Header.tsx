/** The head of a self-assessment: its cycle, unit and status; the report and what the reader may do
 * (submit, return, send back, approve, withdraw); totals, deadline, where the appraisal stands. */
import { DownloadOutlined } from '@ant-design/icons';
import type { AppraisalViewT, AssessmentViewT } from '@chiso/contracts';
import { formatDateTimeVi, isEditable, type AssessmentStatus } from '@chiso/domain';
import { Alert, Button, Card, Descriptions, Space, Statistic } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  approveAppraisal,
  assessmentReportIssuerUrl,
  assessmentReportUrl,
  submitAssessment,
  withdrawAssessment,
} from '../../api/assessments.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { DocumentDialog, withSigner } from '../../ui/DocumentDialog.tsx';
import { assessmentStatusOf } from '../../ui/status.ts';
import { AssessmentStatusTag } from '../../ui/StatusTag.tsx';

export function AssessmentHeader({
  assessment: a,
  appraisal,
  act,
  onReturn,
  onSendBack,
}: {
  assessment: AssessmentViewT;
  appraisal: AppraisalViewT | undefined;
  act: (f: () => Promise<unknown>, ok: string) => Promise<void>;
  onReturn: () => void;
  onSendBack: () => void;
}) {
  const { t } = useT();
  const [docOpen, setDocOpen] = useState(false);
  const status = assessmentStatusOf(a.status);
  const approval = appraisal?.approval;
  /** What the unit is told at this status. */
  const notice = (s: AssessmentStatus) => {
    switch (s) {
      case 'returned':
        return a.returnReason ? (
          <Alert type="warning" showIcon message={fill(t.asReturnedBecause, { reason: a.returnReason })} />
        ) : null;
      case 'draft':
        return a.deadline.message ? <Alert type="warning" showIcon message={a.deadline.message} /> : null;
      case 'submitted':
      case 'in_appraisal':
      case 'appraised':
        return null;
    }
  };
  const left = a.deadline.daysLeft >= 0 ? fill(t.asDaysLeft, { n: a.deadline.daysLeft }) : t.asOverdue;
  return (
    <Card
      title={
        <Space>
          <Link to={`/cycles/${a.cycle.id}`}>{a.cycle.name}</Link>›<span>{a.unit.name}</span>
          <AssessmentStatusTag status={a.status} />
        </Space>
      }
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => setDocOpen(true)} data-testid="report-download">
            {t.asReport}
          </Button>
          <DocumentDialog
            open={docOpen}
            title={t.asReport}
            issuerUrl={assessmentReportIssuerUrl(a.id)}
            formats={['docx', 'pdf', 'xlsx']}
            urlFor={(f, signer) => withSigner(assessmentReportUrl(a.id, f), signer)}
            onClose={() => setDocOpen(false)}
          />
          {a.canSubmit && (
            <Button
              type="primary"
              onClick={() => void act(() => submitAssessment(a.id), t.asSubmitted)}
              data-testid="submit"
            >
              {t.asSubmit}
            </Button>
          )}
          {a.canReturn && (
            <Button danger data-testid="return" onClick={onReturn}>
              {t.asReturn}
            </Button>
          )}
          {approval?.canSendBack && (
            <Button data-testid="send-back" onClick={onSendBack}>
              {t.sendBack}
            </Button>
          )}
          {approval?.canApprove && (
            <Button
              type="primary"
              data-testid="approve"
              onClick={() => void act(() => approveAppraisal(a.id), t.approved)}
            >
              {t.asApprove}
            </Button>
          )}
          {a.canWithdraw && (
            <Button onClick={() => void act(() => withdrawAssessment(a.id), t.asWithdrawn)}>
              {t.asWithdraw}
            </Button>
          )}
        </Space>
      }
    >
      <Space size="large" wrap>
        <Statistic title={t.asSelfTotal} value={`${a.total}/${a.applicableMax}`} />
        <Statistic title={t.resIndex} value={a.index} />
        <Statistic title={t.resClass} value={a.band ?? '—'} />
        {appraisal && !isEditable(status) && (
          <Statistic title={t.asAppraisedTotal} value={appraisal.appraisedTotal} />
        )}
      </Space>
      <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t.asFramework}>{a.cycle.framework}</Descriptions.Item>
        <Descriptions.Item label={t.asDeadline}>
          {dateOrDash(a.deadline.dueOn)} ({left})
        </Descriptions.Item>
      </Descriptions>
      {approval && approval.levels.length > 0 && !isEditable(status) && (
        <Descriptions size="small" column={2} data-testid="approval">
          <Descriptions.Item label={t.cyAppraisingLevel}>{approval.appraisingUnitName}</Descriptions.Item>
          <Descriptions.Item label={t.asHeldAt}>
            {fill(approval.complete ? t.asAllApproved : t.asAwaitingApproval, {
              unit: approval.holderUnitName,
            })}
          </Descriptions.Item>
          {approval.levels.map((l) => (
            <Descriptions.Item key={l.unitId} label={fill(t.asApprovalOf, { unit: l.unitName })}>
              {l.approvedBy
                ? `${l.approvedBy}, ${l.approvedAt ? formatDateTimeVi(l.approvedAt) : ''}`
                : t.asNotApproved}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {notice(status)}
      {a.missing.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="info"
          showIcon
          data-testid="missing"
          message={fill(t.asMissing, { n: a.missing.length })}
          description={a.missing.map((m) => `${m.code}: ${m.what}`).join('; ')}
        />
      )}
    </Card>
  );
}
