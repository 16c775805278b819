/** A task instance's status as a chip: the domain's status, its label in the reader's language, one
 * colour per status. */
import type { TaskStatus } from '@chiso/domain';
import { Space, Tag } from 'antd';
import { useT } from '../i18n.ts';

export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'blue',
  awaiting: 'gold',
  done: 'green',
  overdue: 'red',
  done_late: 'orange',
};

export function TaskStatusTag({ status, suffix }: { status: TaskStatus; suffix?: string }) {
  const { t } = useT();
  return (
    <Tag color={TASK_STATUS_COLORS[status]} data-status={status}>
      {t.tkStatusName[status]}
      {suffix ?? ''}
    </Tag>
  );
}

/** Counts by status as chips, those with none left out. */
export function TaskCounts({ counts }: { counts: Record<TaskStatus, number> }) {
  return (
    <Space wrap size={4}>
      {(Object.keys(TASK_STATUS_COLORS) as TaskStatus[])
        .filter((s) => counts[s] > 0)
        .map((s) => (
          <TaskStatusTag key={s} status={s} suffix={`: ${counts[s]}`} />
        ))}
    </Space>
  );
}
