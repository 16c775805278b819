/** A cycle's stages with their dates and days left; those who run it open and close them. */
import type { CycleDetailT } from '@chiso/contracts';
import type { StageState } from '@chiso/domain';
import { formatDateTimeVi } from '@chiso/domain';
import { App, Button, Table, Tag, Typography } from 'antd';
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
  const { message } = App.useApp();
  /** Open a stage, and say who was told. */
  const open = (s: StageRow) =>
    act(async () => {
      const r = await setStage(c.id, s.stage, { state: 'open' });
      if (r.notified) {
        const { count, units } = r.notified;
        message.info(
          fill(t.rdStageNotified, {
            stage: t.stage[s.stage],
            n: count,
            u: units.length,
            units:
              units.slice(0, 5).join(', ') +
              (units.length > 5 ? fill(t.rdStageNotifiedMore, { n: units.length - 5 }) : ''),
          }),
          8,
        );
      }
    });
  /** An open stage closes; one pending or closed (re)opens; after publication, nothing. */
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
          <Button size="small" type="primary" data-testid={`open-${s.stage}`} onClick={() => void open(s)}>
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
            s.state === 'closed' ? (
              '—'
            ) : s.daysLeft >= 0 ? (
              fill(t.cyDays, { n: s.daysLeft })
            ) : (
              <Typography.Text type="danger">{fill(t.cyOverdue, { n: -s.daysLeft })}</Typography.Text>
            ),
        },
        {
          title: t.status,
          render: (_, s) => (
            <span data-testid={`stage-state-${s.stage}`}>
              <Tag color={STATE_COLORS[s.state]}>{t.stageState[s.state]}</Tag>
              {s.state === 'open' && s.openedBy && s.openedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {fill(t.rdOpenedBy, { who: s.openedBy, at: formatDateTimeVi(s.openedAt) })}
                </Typography.Text>
              )}
            </span>
          ),
        },
        ...(c.manages && c.status !== 'published'
          ? [{ title: '', render: (_: unknown, s: StageRow) => stageAction(s) }]
          : []),
      ]}
    />
  );
}
