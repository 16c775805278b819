/** The sending state of a unit's report as a coloured tag ("Gửi muộn 2 ngày" in orange…). */
import { Tag } from 'antd';

const COLOURS: Record<string, string> = {
  not_sent: 'default',
  on_time: 'green',
  late: 'orange',
  overdue: 'red',
};

export function StateTag({ state, label }: { state: string; label: string }) {
  return (
    <Tag color={COLOURS[state] ?? 'default'} data-testid={`state-${state}`}>
      {label}
    </Tag>
  );
}
