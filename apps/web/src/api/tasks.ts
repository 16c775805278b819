/** Tasks of plans (issue #16 item 2). */
import type {
  ProgressBodyT,
  TaskInputT,
  TaskDueListT,
  TaskInstanceDetailT,
  TaskListT,
} from '@chiso/contracts';
import type { TaskStatus } from '@chiso/domain';
import { get, qs, send } from './http.ts';

export const listTasks = (q: { planId?: string; unitId?: string; status?: TaskStatus }) =>
  get<TaskListT>(`/api/tasks${qs(q)}`);
export const dueTasks = (days: number) => get<TaskDueListT>(`/api/tasks/due${qs({ days })}`);
export const getInstance = (id: string) => get<TaskInstanceDetailT>(`/api/tasks/instances/${id}`);
export const reportProgress = (id: string, body: ProgressBodyT) =>
  send<TaskInstanceDetailT>('POST', `/api/tasks/instances/${id}/progress`, body);
export const declareDone = (id: string, note?: string) =>
  send<TaskInstanceDetailT>('POST', `/api/tasks/instances/${id}/declare`, note ? { note } : {});
export const acceptDone = (id: string) =>
  send<TaskInstanceDetailT>('POST', `/api/tasks/instances/${id}/accept`, {});
export const returnDone = (id: string, reason: string) =>
  send<TaskInstanceDetailT>('POST', `/api/tasks/instances/${id}/return`, { reason });
export const addTasks = (planId: string, tasks: TaskInputT[]) =>
  send<{ ids: string[] }>('POST', `/api/plans/${planId}/tasks`, { tasks });
