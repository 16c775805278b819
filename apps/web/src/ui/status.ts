/** Statuses as the domain's unions where the screen branches on them (exhaustive `switch`es). The
 * contracts type these fields as the unions (`z.enum` of the domain's arrays) or, until that lands,
 * as strings holding one of them: another value is a broken server, not a case to handle. */
import { isAssessmentStatus, isCycleStatus, type AssessmentStatus, type CycleStatus } from '@chiso/domain';

export function cycleStatusOf(status: string): CycleStatus {
  if (isCycleStatus(status)) return status;
  throw new Error(`Unknown cycle status "${status}"`);
}

export function assessmentStatusOf(status: string): AssessmentStatus {
  if (isAssessmentStatus(status)) return status;
  throw new Error(`Unknown assessment status "${status}"`);
}
