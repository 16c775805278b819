/** Access cases of agency opinion: Cù Lao Dung against the bodies and an agency campaign of Hà Quảng. */
import { openCampaign } from '../surveyPostauditHelpers.ts';
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  const b = await hq.send('POST', '/api/survey-bodies', {
    ownerUnitId: ids.hq,
    name: 'Văn phòng HĐND và UBND huyện Hà Quảng',
    kind: 'district_committee',
    email: 'vp@haquang.example.vn',
    ratesUnitId: ids.hqNoiVu,
  });
  if (b.statusCode !== 200) throw new Error(b.body);
  ids.hqBody = (b.json() as { id: string }).id;
  ids.hqAgencyCampaign = await openCampaign(hq, 'PL01b', 'YK-HQ-ACC', ids.hq!, [
    { unitId: ids.hqNoiVu!, fieldCode: 'YK' },
  ]);
  const inv = await hq.send('POST', `/api/survey-campaigns/${ids.hqAgencyCampaign}/invitations`, {
    bodyIds: [ids.hqBody],
  });
  if (inv.statusCode !== 200) throw new Error(inv.body);
  ids.hqInvitation = (inv.json() as { items: { invitationId: string }[] }).items[0]!.invitationId;
};

export const cases: CasesModule['cases'] = {
  'GET /api/survey-bodies': {
    cross: () => ({ method: 'GET', url: `/api/survey-bodies?unitId=${ids.hq}` }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-bodies': {
    cross: () => ({
      method: 'POST',
      url: '/api/survey-bodies',
      body: { ownerUnitId: ids.hq, name: 'Cơ quan lạ', kind: 'other' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-bodies/preset': {
    cross: () => ({ method: 'POST', url: '/api/survey-bodies/preset', body: { ownerUnitId: ids.hq } }),
    officer: 403,
    coordinator: 403,
  },
  'PATCH /api/survey-bodies/:id': {
    cross: () => ({ method: 'PATCH', url: `/api/survey-bodies/${ids.hqBody}`, body: { name: 'Đổi tên' } }),
    officer: 403,
    coordinator: 403,
  },
  'DELETE /api/survey-bodies/:id': {
    cross: () => ({ method: 'DELETE', url: `/api/survey-bodies/${ids.hqBody}` }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/survey-campaigns/:id/invitations': {
    cross: () => ({ method: 'GET', url: `/api/survey-campaigns/${ids.hqAgencyCampaign}/invitations` }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/invitations': {
    cross: () => ({
      method: 'POST',
      url: `/api/survey-campaigns/${ids.hqAgencyCampaign}/invitations`,
      body: { bodyIds: [ids.hqBody] },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/invitations/remind': {
    cross: () => ({
      method: 'POST',
      url: `/api/survey-campaigns/${ids.hqAgencyCampaign}/invitations/remind`,
      body: { invitationId: ids.hqInvitation },
    }),
    officer: 403,
    coordinator: 403,
  },
};
