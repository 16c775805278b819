/** The cycles the user sees, with their own units' self-assessments; a manager opens a cycle. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { CycleSummaryT } from '@chiso/contracts';
import { roleAllows } from '@chiso/domain';
import { Button, Card, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { listCycles } from '../../api/cycles.ts';
import { useT } from '../../i18n.ts';
import { AssessmentStatusTag, CycleStatusTag } from '../../ui/StatusTag.tsx';
import { CreateCycle } from './CreateCycle.tsx';

export function CycleList({ session }: { session: Session }) {
  const { t } = useT();
  const list = useQuery({ queryKey: ['cycles'], queryFn: listCycles });
  const [open, setOpen] = useState(false);
  const manager = session.user!.grants.some((g) => roleAllows(g.role, 'cycle.manage'));
  return (
    <Card
      title={t.cycles}
      extra={
        manager && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="cycle-create"
          >
            {t.cyOpenCycle}
          </Button>
        )
      }
    >
      <Table<CycleSummaryT>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t.cyCycle, render: (_, r) => <Link to={`/cycles/${r.id}`}>{r.name}</Link> },
          { title: t.cyYear, dataIndex: 'year', width: 80 },
          { title: t.cyOwner, dataIndex: 'ownerUnitName' },
          { title: t.cyUnitCount, dataIndex: 'units', width: 100 },
          { title: t.status, render: (_, r) => <CycleStatusTag status={r.status} />, width: 170 },
          {
            title: t.cyMyAssessments,
            render: (_, r) =>
              r.myUnits.map((m) => (
                <div key={m.assessmentId}>
                  <Link to={`/assessments/${m.assessmentId}`} data-testid={`my-assessment-${r.id}`}>
                    {m.unitName}
                  </Link>{' '}
                  <AssessmentStatusTag status={m.status} />
                </div>
              )),
          },
        ]}
      />
      {open && <CreateCycle session={session} onClose={() => setOpen(false)} />}
    </Card>
  );
}
