/** The appraisal of one criterion beside the self-assessment: its state, the appraised points, the
 * reason, what was asked and answered; the appraiser's and the unit's buttons. */
import type { AppraisalItemT, AppraiseBodyT, ApprovalViewT } from '@chiso/contracts';
import { Button, Space, Tag, Typography } from 'antd';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';

const STATE_COLORS: Record<AppraisalItemT['state'], string> = {
  pending: 'default',
  accepted: 'green',
  changed: 'blue',
  supplement: 'orange',
  answered: 'gold',
};

export type AppraiseAction = AppraiseBodyT['action'];

export function AppraisalCell({
  code,
  item: p,
  approval,
  appraising,
  canAnswer,
  onAppraise,
  onAnswer,
}: {
  code: string;
  item: AppraisalItemT;
  approval: ApprovalViewT | undefined;
  /** The reader appraises this self-assessment. */
  appraising: boolean;
  /** The unit may answer a request. */
  canAnswer: boolean;
  onAppraise: (action: AppraiseAction) => void;
  onAnswer: () => void;
}) {
  const { t } = useT();
  return (
    <Space direction="vertical" size={2} data-testid={`appraisal-${code}`}>
      <span>
        <Tag color={STATE_COLORS[p.state]}>
          {/* not appraised, but the appraising level has approved: the self-score stands */}
          {p.state === 'pending' && approval?.levels[0]?.approvedBy
            ? t.asKeepsSelfScore
            : t.appraisalState[p.state]}
        </Tag>
        {p.state === 'changed' && <b>{p.appraisedPoints}</b>}
      </span>
      {p.reason && (
        <Typography.Text style={{ fontSize: 12 }}>
          {fill(t.asReasonLine, { reason: p.reason })}
        </Typography.Text>
      )}
      {p.supplementMessage && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {fill(t.asRequestLine, { message: p.supplementMessage })}
          {p.supplementDueOn ? fill(t.asDueSuffix, { date: dateOrDash(p.supplementDueOn) }) : ''}
        </Typography.Text>
      )}
      {p.answer && (
        <Typography.Text style={{ fontSize: 12 }}>
          {fill(t.asAnswerLine, { answer: p.answer })}
        </Typography.Text>
      )}
      {appraising && (
        <Space size={4} wrap>
          <Button size="small" onClick={() => onAppraise('accept')} data-testid={`accept-${code}`}>
            {t.asAccept}
          </Button>
          <Button size="small" onClick={() => onAppraise('set')} data-testid={`set-${code}`}>
            {t.asSet}
          </Button>
          <Button size="small" onClick={() => onAppraise('supplement')} data-testid={`supplement-${code}`}>
            {t.asSupplement}
          </Button>
        </Space>
      )}
      {p.canAnswer && canAnswer && (
        <Button size="small" type="primary" onClick={onAnswer} data-testid={`answer-${code}`}>
          {t.asAnswer}
        </Button>
      )}
    </Space>
  );
}
