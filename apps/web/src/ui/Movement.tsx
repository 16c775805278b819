/** A unit's place against last year, as the ranking screens and the result card show it: "tăng 2
 * bậc", "giảm 1 bậc", "giữ nguyên" (with last year's place), "k/N năm trước (ranking)" when it was
 * ranked in another set, or "chưa có kết quả năm trước" — the same rule as the publishing decision. */
import type { CycleRankingT } from '@chiso/contracts';
import { Tag, Typography } from 'antd';
import { fill, useT } from '../i18n.ts';

export type MovementV = CycleRankingT['items'][number]['movement'];

export function Movement({ m }: { m: MovementV }) {
  const { t } = useT();
  const was =
    m.previousRank !== null && m.previousOf !== null
      ? fill(t.pdWas, { rank: m.previousRank, of: m.previousOf })
      : '';
  switch (m.kind) {
    case 'up':
    case 'down':
    case 'same': {
      const text =
        m.kind === 'same' ? t.pdSame : fill(m.kind === 'up' ? t.pdUp : t.pdDown, { n: m.places ?? 0 });
      return (
        <span data-testid="rank-movement" data-kind={m.kind}>
          <Tag color={m.kind === 'up' ? 'green' : m.kind === 'down' ? 'red' : 'default'}>{text}</Tag>
          <Typography.Text type="secondary">{was}</Typography.Text>
        </span>
      );
    }
    case 'other':
      return (
        <Typography.Text type="secondary" data-testid="rank-movement" data-kind="other">
          {fill(t.pdOther, {
            rank: m.previousRank ?? '',
            of: m.previousOf ?? '',
            name: m.previousRanking ?? '',
          })}
        </Typography.Text>
      );
    default:
      return (
        <Typography.Text type="secondary" data-testid="rank-movement" data-kind="none">
          {t.pdNone}
        </Typography.Text>
      );
  }
}
