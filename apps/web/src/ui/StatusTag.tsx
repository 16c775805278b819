/** Status tags of cycles and self-assessments: the domain's labels (through `useT`, English beside
 * them) in one colour per status. */
import { isAssessmentStatus, isCycleStatus, type AssessmentStatus, type CycleStatus } from '@chiso/domain';
import { Tag } from 'antd';
import { useT } from '../i18n.ts';

const CYCLE_COLORS: Record<CycleStatus, string> = {
  open: 'blue',
  finalised: 'purple',
  published: 'green',
};

const ASSESSMENT_COLORS: Record<AssessmentStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  in_appraisal: 'purple',
  appraised: 'green',
};

/** `status` as the server sent it; one the domain does not know is shown as it is. */
export function CycleStatusTag({ status }: { status: string }) {
  const { t } = useT();
  if (!isCycleStatus(status)) return <Tag>{status}</Tag>;
  return <Tag color={CYCLE_COLORS[status]}>{t.cycleStatus[status]}</Tag>;
}

/** `status` as the server sent it; one the domain does not know is shown as it is. */
export function AssessmentStatusTag({ status }: { status: string }) {
  const { t } = useT();
  if (!isAssessmentStatus(status)) return <Tag>{status}</Tag>;
  return <Tag color={ASSESSMENT_COLORS[status]}>{t.assessmentStatus[status]}</Tag>;
}
