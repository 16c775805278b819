/** Which ranking set of entered results a publishing decision is for: framework, year and owner. */
import { Id, ResultsQuery } from '@chiso/contracts';
import { z } from 'zod';

export const ResultSetDecisionQuery = ResultsQuery.extend({
  ownerUnitId: Id,
  format: z.enum(['docx', 'pdf']).default('docx'),
});
