/** Plans as records (issue #16 item 1). */
import type { PlanBodyT, PlanDetailT, PlanListT } from '@chiso/contracts';
import { get, send } from './http.ts';

export type PlanInput = PlanBodyT;

export const listPlans = () => get<PlanListT>('/api/plans');
export const getPlan = (id: string) => get<PlanDetailT>(`/api/plans/${id}`);
export const createPlan = (body: PlanInput) => send<{ id: string }>('POST', '/api/plans', body);
