/** "Việc của tôi" and what the signed-in user may do (issue #13): responses only, computed on the
 * server from the user's grants and scope. */
import { ACTIONS, ASSESSMENT_STATUSES } from '@chiso/domain';
import { z } from 'zod';

const Uuid = z.string().uuid();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Per action the user holds: over the whole system, or on these units and everything below them. */
export const Capabilities = z.partialRecord(
  z.enum(ACTIONS),
  z.object({ all: z.boolean(), unitIds: z.array(Uuid) }),
);

const Due = {
  /** The last day (the unit's extension counted), null when the stage has none. */
  dueOn: Day.nullable(),
  overdue: z.boolean(),
};

const Target = {
  assessmentId: Uuid,
  cycleId: Uuid,
  cycleName: z.string(),
  unitId: Uuid,
  unitName: z.string(),
};

export const MyWork = z.object({
  today: Day,
  /** Self-assessments the user fills (officer, head): what is still missing. */
  toFill: z.array(
    z.object({
      ...Target,
      ...Due,
      status: z.enum(ASSESSMENT_STATUSES),
      /** The self-assessment stage is open now (otherwise the unit waits for it). */
      stageOpen: z.boolean(),
      total: z.number().int(),
      missing: z.array(z.object({ code: z.string(), title: z.string(), what: z.string() })),
    }),
  ),
  /** Complete self-assessments the head may approve and send. */
  toSend: z.array(z.object({ ...Target, ...Due })),
  /** Supplementation asked of the user's units, waiting for their answer. */
  toAnswer: z.array(
    z.object({ ...Target, ...Due, code: z.string(), title: z.string(), message: z.string() }),
  ),
  /** Appraisal work waiting on the user's level: criteria to decide, results to approve, answers
   * to decide on, requests the unit has not answered yet. */
  toAppraise: z.array(
    z.object({
      ...Target,
      ...Due,
      what: z.enum(['appraise', 'approve', 'decide', 'awaiting_answer']),
      /** Criteria concerned (to decide, answered, or waiting for the unit). */
      count: z.number().int(),
    }),
  ),
  /** Cycles the user runs or coordinates: the matrix of its units at a glance. */
  cycles: z.array(
    z.object({
      cycleId: Uuid,
      cycleName: z.string(),
      units: z.number().int(),
      drafting: z.number().int(),
      underAppraisal: z.number().int(),
      appraised: z.number().int(),
    }),
  ),
});

export type CapabilitiesT = z.infer<typeof Capabilities>;
export type MyWorkT = z.infer<typeof MyWork>;
