/** The head of a self-assessment: its cycle, unit and status; the report and what the reader may do
 * (submit, return, send back, approve, withdraw); totals, deadline, where the appraisal stands. */
import { DownloadOutlined } from '@ant-design/icons';
import type { AppraisalViewT, AssessmentViewT } from '@chiso/contracts';
import { formatDateTimeVi, isEditable, type AssessmentStatus } from '@chiso/domain';
import { Alert, Button, Card, Descriptions, Grid, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { assessmentReportIssuerUrl, assessmentReportUrl, withdrawAssessment } from '../../api/assessments.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { DocumentDialog, withSigner } from '../../ui/DocumentDialog.tsx';
import { assessmentStatusOf } from '../../ui/status.ts';
import { AssessmentStatusTag } from '../../ui/StatusTag.tsx';
import { NextStep } from './NextStep.tsx';

export function AssessmentHeader({
  assessment: a,
  appraisal,
  act,
  onSubmit,
  onApprove,
  onAcceptRest,
  onReturn,
  onSendBack,
}: {
  assessment: AssessmentViewT;
  appraisal: AppraisalViewT | undefined;
  act: (f: () => Promise<unknown>, ok: string) => Promise<void>;
  onSubmit: () => void;
  onApprove: () => void;
  onAcceptRest: () => void;
  onReturn: () => void;
  onSendBack: () => void;
}) {
  const { t } = useT();
  const [docOpen, setDocOpen] = useState(false);
  // on a phone, labels above their values: a long label beside a value squeezes it to one letter
  const narrow = !Grid.useBreakpoint().sm;
  const layout = narrow ? ('vertical' as const) : ('horizontal' as const);
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
        return a.deadline.message && a.cycleStatus !== 'published' ? (
          <Alert type="warning" showIcon message={a.deadline.message} />
        ) : null;
      case 'submitted':
      case 'in_appraisal':
      case 'appraised':
        return null;
    }
  };
  const published = a.cycleStatus === 'published';
  // after publication the round is over: its state, not a countdown
  const left = published
    ? t.rdPublishedState
    : a.deadline.daysLeft >= 0
      ? fill(t.asDaysLeft, { n: a.deadline.daysLeft })
      : t.asOverdue;
  const blocked = [a.appraiseBlocked, approval?.approveBlocked].filter(
    (x, i, all): x is string => !!x && all.indexOf(x) === i,
  );
  const pendingLeft = (appraisal?.items ?? []).filter((i) => i.state === 'pending').length;
  return (
    <Card
      title={
        <Space wrap style={{ whiteSpace: 'normal' }}>
          <Link to={`/cycles/${a.cycle.id}`}>{a.cycle.name}</Link>›<span>{a.unit.name}</span>
          <AssessmentStatusTag status={a.status} />
        </Space>
      }
      styles={{ title: { whiteSpace: 'normal' }, header: { paddingBlock: 8 } }}
    >
      {/* the actions in the body, wrapping: on a phone they do not squeeze the title */}
      <Space wrap style={{ marginBottom: 12 }}>
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
          <Button type="primary" onClick={onSubmit} data-testid="submit">
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
          <Button type="primary" data-testid="approve" onClick={onApprove}>
            {t.asApprove}
          </Button>
        )}
        {a.canAppraise && pendingLeft > 0 && (
          <Button data-testid="accept-rest" onClick={onAcceptRest}>
            {t.rdAcceptRest} ({pendingLeft})
          </Button>
        )}
        {a.canWithdraw && (
          <Button onClick={() => void act(() => withdrawAssessment(a.id), t.asWithdrawn)}>
            {t.asWithdraw}
          </Button>
        )}
      </Space>
      <Space size="large" wrap>
        <Statistic title={t.asSelfTotal} value={`${a.total}/${a.applicableMax}`} />
        <Statistic title={t.resIndex} value={a.index} />
        <Statistic title={t.resClass} value={a.band ?? '—'} />
        <Statistic title={t.rdScoredTitle} value={`${a.scored}/${a.leaves}`} />
        {appraisal && !isEditable(status) && (
          <Statistic title={t.asAppraisedTotal} value={appraisal.appraisedTotal} />
        )}
      </Space>
      {!a.band && a.scored < a.leaves && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t.rdClassWhenDone}
        </Typography.Text>
      )}
      <Descriptions size="small" layout={layout} column={{ xs: 1, sm: 2 }} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t.asFramework}>{a.cycle.framework}</Descriptions.Item>
        <Descriptions.Item label={t.asDeadline}>
          {dateOrDash(a.deadline.dueOn)} ({left})
        </Descriptions.Item>
      </Descriptions>
      {approval && approval.levels.length > 0 && !isEditable(status) && (
        <Descriptions size="small" layout={layout} column={{ xs: 1, sm: 2 }} data-testid="approval">
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
      <NextStep assessment={a} appraisal={appraisal} />
      {blocked.map((b) => (
        <Alert key={b} style={{ marginTop: 8 }} type="info" showIcon message={b} data-testid="blocked" />
      ))}
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
