/** The staff side of the public survey pages: a QR code of one unit × field, the A4 poster of a unit
 * (issue #15, item 3). The citizen and agency pages themselves are HTML forms, not JSON. */
import { LIMITS } from '@chiso/domain';
import { z } from 'zod';
import { text } from './fields.ts';

export const SurveyQrQuery = z.object({
  unitId: z.string().uuid(),
  fieldCode: text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }),
});
export const SurveyPosterQuery = z.object({ unitId: z.string().uuid() });
