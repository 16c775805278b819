/** A cycle's stages with their dates and days left; those who run it open and close them. */
import type { CycleDetailT } from '@chiso/contracts';
import type { StageState } from '@chiso/domain';
import { Button, Table, Tag, Typography } from 'antd';
import { setStage } from '../../api/cycles.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';

type StageRow = CycleDetailT['stages'][number];

const STATE_COLORS: Record<StageState, string | undefined> = {
  pending: undefined,
  open: 'green',
  closed: undefined,
};

export function StageTable({
  cycle: c,
  act,
}: {
  cycle: CycleDetailT;
  act: (f: () => Promise<unknown>) => Promise<void>;
}) {
  const { t } = useT();
  /** An open stage closes; one pending or closed (re)opens. */
  const stageAction = (s: StageRow) => {
    switch (s.state) {
      case 'open':
        return (
          <Button size="small" onClick={() => void act(() => setStage(c.id, s.stage, { state: 'closed' }))}>
            {t.cyCloseStage}
          </Button>
        );
      case 'pending':
      case 'closed':
        return (
          <Button
            size="small"
            type="primary"
            data-testid={`open-${s.stage}`}
            onClick={() => void act(() => setStage(c.id, s.stage, { state: 'open' }))}
          >
            {t.cyOpenStage}
          </Button>
        );
    }
  };
  return (
    <Table<StageRow>
      size="small"
      rowKey="stage"
      pagination={false}
      dataSource={c.stages}
      columns={[
        { title: t.cyStage, render: (_, s) => t.stage[s.stage] },
        { title: t.cyFrom, dataIndex: 'startsOn', render: dateOrDash },
        { title: t.cyDue, dataIndex: 'dueOn', render: dateOrDash },
        {
          title: t.cyLeft,
          render: (_, s) =>
            s.daysLeft >= 0 ? (
              fill(t.cyDays, { n: s.daysLeft })
            ) : (
              <Typography.Text type="danger">{fill(t.cyOverdue, { n: -s.daysLeft })}</Typography.Text>
            ),
        },
        {
          title: t.status,
          render: (_, s) => <Tag color={STATE_COLORS[s.state]}>{t.stageState[s.state]}</Tag>,
        },
        ...(c.manages ? [{ title: '', render: (_: unknown, s: StageRow) => stageAction(s) }] : []),
      ]}
    />
  );
}
