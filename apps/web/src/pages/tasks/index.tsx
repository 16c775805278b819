/** Tasks (/tasks): the instances of the reader's units (and of the plans they follow) with their
 * statuses, filtered by status; "Đến hạn và còn thiếu": what is overdue or falls due within a few days
 * and is not reported done, per unit. One unit's task: /tasks/:id. */
import { useQuery } from '@tanstack/react-query';
import type { TaskViewT } from '@chiso/contracts';
import { TASK_STATUSES, type TaskStatus } from '@chiso/domain';
import { Alert, Card, InputNumber, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { dueTasks, listTasks } from '../../api/tasks.ts';
import { useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';
import { TaskCounts, TaskStatusTag } from '../../ui/TaskStatusTag.tsx';
import { InstanceView } from './instance.tsx';

type Row = TaskViewT['instances'][number] & { task: TaskViewT };

function Instances() {
  const { t } = useT();
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const q = useQuery({ queryKey: ['tasks', 'list', status], queryFn: () => listTasks({ status }) });
  const rows: Row[] = (q.data?.items ?? []).flatMap((task) => task.instances.map((i) => ({ ...i, task })));
  return (
    <>
      {q.error && <Alert type="error" showIcon message={errText(q.error)} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t.tkAllStatuses}
          value={status}
          onChange={(v: TaskStatus | undefined) => setStatus(v)}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t.tkStatusName[s] }))}
          data-testid="tk-filter"
        />
        {q.data && <TaskCounts counts={q.data.counts} />}
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: t.tkNone }}
        data-testid="tk-list"
        columns={[
          { title: t.tkUnit, render: (_, r) => <Link to={`/tasks/${r.id}`}>{r.unitName}</Link> },
          { title: t.tkStatus, render: (_, r) => <TaskStatusTag status={r.status} /> },
          {
            title: t.tkContent,
            render: (_, r) => <div style={{ minWidth: 240, maxWidth: 420 }}>{r.task.content}</div>,
          },
          {
            title: t.tkDue,
            render: (_, r) => (r.task.dueOn ? dateOrDash(r.task.dueOn) : r.task.recurrenceLabel),
          },
          { title: t.tkTarget, render: (_, r) => r.task.targetText ?? '—' },
          {
            title: t.tkPlan,
            render: (_, r) => <Link to={`/plans/${r.task.planId}`}>{r.task.planNumber}</Link>,
          },
        ]}
      />
    </>
  );
}

function DueMissing() {
  const { t } = useT();
  const [days, setDays] = useState(7);
  const q = useQuery({ queryKey: ['tasks', 'due', days], queryFn: () => dueTasks(days) });
  return (
    <>
      {q.error && <Alert type="error" showIcon message={errText(q.error)} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t.tkDueWithin}</span>
        <InputNumber min={0} max={366} value={days} onChange={(v) => setDays(v ?? 0)} />
        <span>{t.tkDays}</span>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        {(q.data?.units ?? []).map((u) => (
          <Tag key={u.unitId} color={u.overdue ? 'red' : 'gold'} style={{ whiteSpace: 'normal' }}>
            {u.unitName}: {u.overdue} {t.tkOverdueCount}, {u.dueSoon} {t.tkSoonCount}
          </Tag>
        ))}
      </Space>
      <Table
        size="small"
        rowKey="instanceId"
        loading={q.isLoading}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t.tkNothingDue }}
        data-testid="tk-due"
        columns={[
          { title: t.tkUnit, render: (_, r) => <Link to={`/tasks/${r.instanceId}`}>{r.unitName}</Link> },
          {
            title: t.tkDue,
            render: (_, r) =>
              `${dateOrDash(r.dueOn)} (${r.daysLeft < 0 ? `${t.tkOverdueBy} ${-r.daysLeft}` : `${t.tkDaysLeft} ${r.daysLeft}`} ${t.tkDays})`,
          },
          { title: t.tkStatus, render: (_, r) => <TaskStatusTag status={r.status} /> },
          {
            title: t.tkContent,
            render: (_, r) => <div style={{ minWidth: 240, maxWidth: 420 }}>{r.content}</div>,
          },
          { title: t.tkPlan, render: (_, r) => <Link to={`/plans/${r.planId}`}>{r.planNumber}</Link> },
        ]}
      />
    </>
  );
}

export default function Tasks() {
  const { t } = useT();
  const { id } = useParams();
  if (id) return <InstanceView id={id} />;
  return (
    <Card title={t.tkTitle}>
      <Tabs
        items={[
          { key: 'list', label: t.tkMenu, children: <Instances /> },
          { key: 'due', label: t.tkDueMissing, children: <DueMissing /> },
        ]}
      />
    </Card>
  );
}
