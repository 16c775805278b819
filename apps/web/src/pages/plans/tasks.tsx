/** The "Nhiệm vụ" section of a plan: its tasks grouped by the plan's sections, each with its lead (a
 * unit or a group), coordinators, due day or recurrence, target and receiving unit, and the units
 * doing it with their status chips (each a link to the unit's task). */
import { useQuery } from '@tanstack/react-query';
import type { TaskViewT } from '@chiso/contracts';
import { decimalVi } from '@chiso/domain';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { listTasks } from '../../api/tasks.ts';
import { useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';
import { TaskCounts, TaskStatusTag } from '../../ui/TaskStatusTag.tsx';
import { AddTaskDialog } from './addTask.tsx';

/** Tasks in their order, grouped under their section (consecutive tasks of one section together). */
function bySection(items: TaskViewT[]) {
  const groups: { section: string | null; tasks: TaskViewT[] }[] = [];
  for (const task of [...items].sort((a, b) => a.ordinal - b.ordinal)) {
    const g = groups.find((x) => x.section === task.section);
    if (g) g.tasks.push(task);
    else groups.push({ section: task.section, tasks: [task] });
  }
  return groups;
}

const coordinatorsOf = (x: TaskViewT) =>
  [...x.coordinators, ...(x.coordinatingText ? [x.coordinatingText] : [])].join('; ');

export function PlanTasks({ planId, issuingUnitId }: { planId: string; issuingUnitId: string }) {
  const { t } = useT();
  const q = useQuery({ queryKey: ['tasks', 'plan', planId], queryFn: () => listTasks({ planId }) });
  const [adding, setAdding] = useState(false);
  if (q.error) return <Alert type="error" showIcon message={errText(q.error)} />;
  const data = q.data;
  return (
    <Card
      size="small"
      loading={q.isLoading}
      title={t.tkSection}
      extra={
        data && (
          <Space wrap>
            <TaskCounts counts={data.counts} />
            {data.canAdd && (
              <Button size="small" onClick={() => setAdding(true)} data-testid="tk-add">
                {t.tkAdd}
              </Button>
            )}
          </Space>
        )
      }
      data-testid="plan-tasks"
    >
      {data && !data.items.length && t.tkNone}
      <Space direction="vertical" style={{ width: '100%' }}>
        {data &&
          bySection(data.items).map((g) => (
            <div key={g.section ?? ''}>
              {g.section && <Typography.Title level={5}>{g.section}</Typography.Title>}
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={g.tasks}
                columns={[
                  { title: '#', dataIndex: 'ordinal', width: 40 },
                  {
                    title: t.tkContent,
                    render: (_, x) => (
                      <div style={{ minWidth: 260, maxWidth: 560 }}>
                        <div>{x.content}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {[
                            `${t.tkLead}: ${x.leadUnitName ?? x.leadGroup ?? '—'}`,
                            coordinatorsOf(x) && `${t.tkCoordinators}: ${coordinatorsOf(x)}`,
                            `${t.tkDue}: ${x.dueOn ? dateOrDash(x.dueOn) : x.recurrenceLabel}`,
                            x.targetText && `${t.tkTarget}: ${x.targetText}`,
                            `${t.tkReceiving}: ${x.receivingUnitName}`,
                          ]
                            .filter(Boolean)
                            .map((line) => (
                              <div key={String(line)}>{line}</div>
                            ))}
                        </Typography.Text>
                      </div>
                    ),
                  },
                  {
                    title: t.tkUnits,
                    render: (_, x) => (
                      <div style={{ minWidth: 240, maxWidth: 420 }}>
                        {x.instances.map((i) => (
                          <div key={i.id} data-testid="task-instance" style={{ marginBottom: 2 }}>
                            <Link to={`/tasks/${i.id}`}>{i.unitName}</Link>{' '}
                            <TaskStatusTag status={i.status} />
                            {i.lastValue !== null && <span>{decimalVi(i.lastValue)}</span>}
                          </div>
                        ))}
                      </div>
                    ),
                  },
                ]}
              />
            </div>
          ))}
      </Space>
      {adding && (
        <AddTaskDialog planId={planId} issuingUnitId={issuingUnitId} onClose={() => setAdding(false)} />
      )}
    </Card>
  );
}
