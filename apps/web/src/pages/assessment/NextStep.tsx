/** One line that says what comes next for the unit ("Đã đủ — báo Thủ trưởng duyệt và gửi"), from
 * the self-assessment's state, what it lacks and what waits for the unit's answer. */
import type { AppraisalViewT, AssessmentViewT } from '@chiso/contracts';
import { Alert } from 'antd';
import { fill, useT } from '../../i18n.ts';
import { assessmentStatusOf } from '../../ui/status.ts';

export function NextStep({
  assessment: a,
  appraisal,
}: {
  assessment: AssessmentViewT;
  appraisal: AppraisalViewT | undefined;
}) {
  const { t } = useT();
  const text = ((): string | null => {
    switch (a.cycleStatus) {
      case 'published':
        return t.rdNextPublished;
      case 'finalised':
        return t.rdNextFinalised;
      case 'open':
        break;
    }
    // the unit's own work; appraisers have their buttons and the reasons they are not offered
    if (!a.canAnswer) return null;
    const status = assessmentStatusOf(a.status);
    switch (status) {
      case 'draft':
      case 'returned':
        if (!a.canEdit) return null;
        if (a.missing.length) return fill(t.rdNextFill, { n: a.missing.length });
        return a.canSubmit ? t.rdNextSubmitHead : t.rdNextSubmitOfficer;
      case 'submitted':
      case 'in_appraisal': {
        const open = (appraisal?.items ?? []).filter((i) => i.canAnswer).length;
        return open
          ? fill(t.rdNextAnswer, { n: open })
          : fill(t.rdNextWaitAppraisal, { unit: a.appraisingUnitName });
      }
      case 'appraised':
        return null;
    }
  })();
  if (!text) return null;
  const done = a.missing.length === 0;
  return (
    <Alert
      style={{ marginTop: 8 }}
      type={done ? 'success' : 'info'}
      showIcon
      message={text}
      data-testid="next-step"
    />
  );
}
