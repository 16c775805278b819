/** Agency opinion (issue #15, item 5): the registry of respondent bodies outside the tree and the
 * one-time invitations of an agency-opinion campaign. */
import { LIMITS } from '@chiso/domain';
import { z } from 'zod';
import { reason, text } from './fields.ts';

const Id = z.string().uuid();

export const SURVEY_BODY_KINDS = ['provincial', 'district_committee', 'commune_committee', 'other'] as const;
export type SurveyBodyKind = (typeof SURVEY_BODY_KINDS)[number];

const Email = z.string().trim().max(LIMITS.email).email('Địa chỉ thư điện tử không hợp lệ.');

export const SurveyBody = z.object({
  id: Id,
  ownerUnitId: Id,
  ownerUnitName: z.string(),
  name: z.string(),
  kind: z.enum(SURVEY_BODY_KINDS),
  email: z.string().nullable(),
  ratesUnitId: Id.nullable(),
  ratesUnitName: z.string().nullable(),
  invitations: z.number().int(),
});
export const SurveyBodyList = z.object({ items: z.array(SurveyBody) });
export const SurveyBodyQuery = z.object({ unitId: Id });
export const SurveyBodyCreateBody = z.object({
  ownerUnitId: Id,
  name: text('Tên cơ quan', LIMITS.unitName, { min: 1 }),
  kind: z.enum(SURVEY_BODY_KINDS),
  email: Email.nullable().optional(),
  ratesUnitId: Id.nullable().optional(),
});
export const SurveyBodyUpdateBody = z.object({
  name: text('Tên cơ quan', LIMITS.unitName, { min: 1 }).optional(),
  kind: z.enum(SURVEY_BODY_KINDS).optional(),
  email: Email.nullable().optional(),
  ratesUnitId: Id.nullable().optional(),
  reason: reason().optional(),
});
export const SurveyBodyPresetBody = z.object({ ownerUnitId: Id });
export const SurveyBodyPresetResult = z.object({ added: z.number().int(), skipped: z.number().int() });

export const SurveyInvitation = z.object({
  id: Id,
  bodyId: Id,
  bodyName: z.string(),
  email: z.string().nullable(),
  unitId: Id,
  unitName: z.string(),
  sentAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export const SurveyInvitationView = z.object({
  campaignId: Id,
  campaignName: z.string(),
  closesOn: z.string(),
  status: z.string(),
  ownerUnitId: Id,
  canManage: z.boolean(),
  items: z.array(SurveyInvitation),
  counts: z.object({ invited: z.number().int(), answered: z.number().int() }),
});
export const SurveyInvitationCreateBody = z.object({ bodyIds: z.array(Id).min(1).max(1000) });
export const SurveyInvitationRemindBody = z.object({
  /** One invitee; none: every unanswered invitation of the campaign. */
  invitationId: Id.optional(),
});
/** Links are shown once: only the sha256 of a token is kept. */
export const SurveyInvitationLinks = z.object({
  items: z.array(
    z.object({
      invitationId: Id,
      bodyName: z.string(),
      link: z.string(),
      mailed: z.boolean(),
    }),
  ),
});

export type SurveyBodyT = z.infer<typeof SurveyBody>;
export type SurveyBodyListT = z.infer<typeof SurveyBodyList>;
export type SurveyBodyCreateBodyT = z.input<typeof SurveyBodyCreateBody>;
export type SurveyBodyUpdateBodyT = z.input<typeof SurveyBodyUpdateBody>;
export type SurveyInvitationViewT = z.infer<typeof SurveyInvitationView>;
export type SurveyInvitationLinksT = z.infer<typeof SurveyInvitationLinks>;
