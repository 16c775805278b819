/** The services of the cycles wing, one per step, sharing the database and the clock (the demo seed
 * builds them with its own clock). */
import type { Db } from '../../db/open.ts';
import { todayVn } from '../../lib/dates.ts';
import { AppraisalService } from './appraisal.ts';
import { ApprovalService } from './approval.ts';
import { CycleService } from './cycles.ts';
import { FinalisationService } from './finalisation.ts';
import { CycleQueries } from './queries.ts';
import { SelfAssessmentService } from './selfAssessment.ts';

export interface CycleServices {
  cycles: CycleService;
  cycleViews: CycleQueries;
  selfAssessment: SelfAssessmentService;
  appraisal: AppraisalService;
  approval: ApprovalService;
  finalisation: FinalisationService;
}

export function cycleServices(db: Db, today: () => string = () => todayVn()): CycleServices {
  const deps = { db, today };
  return {
    cycles: new CycleService(deps),
    cycleViews: new CycleQueries(deps),
    selfAssessment: new SelfAssessmentService(deps),
    appraisal: new AppraisalService(deps),
    approval: new ApprovalService(deps),
    finalisation: new FinalisationService(deps),
  };
}
