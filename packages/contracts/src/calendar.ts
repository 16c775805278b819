/** One calendar of deadlines (issue #16 item 7): a person's deadlines in the app, and an ICS feed
 * behind a secret URL token the person can replace or revoke (the token grants the feed only). */
import { CALENDAR_KINDS } from '@chiso/domain';
import { z } from 'zod';
import { IsoDate, IsoDateText } from './fields.ts';

const Id = z.string().uuid();

export const CalendarQuery = z.object({
  /** Only deadlines concerning this unit or units under it (one of the reader's). */
  unitId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const CalendarEventView = z.object({
  uid: z.string(),
  date: IsoDateText,
  kind: z.enum(CALENDAR_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  detail: z.string(),
  units: z.array(z.string()),
  link: z.string(),
});

export const CalendarView = z.object({
  from: IsoDateText,
  to: IsoDateText,
  items: z.array(CalendarEventView),
});

export const CalendarFeedView = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  /** Only in the answer that made the token: shown once, never stored in clear. */
  url: z.string().optional(),
});

export type CalendarViewT = z.infer<typeof CalendarView>;
export type CalendarEventViewT = z.infer<typeof CalendarEventView>;
export type CalendarFeedViewT = z.infer<typeof CalendarFeedView>;
