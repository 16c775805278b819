/** Plans as records (issue #16 item 1). */
import type { PlanDetailT, PlanListT } from '@chiso/contracts';
import { get, send } from './http.ts';

export interface PlanInput {
  kind: 'ke_hoach' | 'chi_thi' | 'cong_van' | 'quyet_dinh';
  number: string;
  issuedOn: string;
  issuingUnitId: string;
  subject: string;
  periodFrom?: string | undefined;
  periodTo?: string | undefined;
  budgetLine?: string | undefined;
  implementsPlanId?: string | undefined;
  askedUnitIds?: string[] | undefined;
  askedDueOn?: string | undefined;
}

export const listPlans = () => get<PlanListT>('/api/plans');
export const getPlan = (id: string) => get<PlanDetailT>(`/api/plans/${id}`);
export const createPlan = (body: PlanInput) => send<{ id: string }>('POST', '/api/plans', body);
