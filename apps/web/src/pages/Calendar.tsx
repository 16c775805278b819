/** "Lịch công tác": the person's deadlines (cycle stages, report requests, survey milestones) by
 * month, for all their units or one, and their calendar feed (ICS): made and shown once, replaced,
 * revoked. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarEventViewT } from '@chiso/contracts';
import { formatDateTimeVi, formatDateVi } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Session } from '../api/auth.ts';
import { getCalendar, getFeed, newFeed, revokeFeed } from '../api/calendar.ts';
import { fill, useT } from '../i18n.ts';
import { errText } from '../ui/errors.ts';

const KIND_COLOR: Record<CalendarEventViewT['kind'], string> = {
  stage: 'blue',
  report: 'orange',
  survey: 'green',
  plan: 'purple',
  task: 'magenta',
};

/** Three units by name, then how many more. */
const unitsLine = (units: string[], lang: 'vi' | 'en') =>
  units.length <= 3
    ? units.join('; ')
    : `${units.slice(0, 3).join('; ')} ${lang === 'vi' ? `và ${units.length - 3} đơn vị khác` : `and ${units.length - 3} more`}`;

const todayVn = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
const shift = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const RANGES = [
  { value: 'next90', from: -7, to: 90, vi: '7 ngày trước đến 90 ngày tới', en: 'Past week to 90 days ahead' },
  {
    value: 'year',
    from: -31,
    to: 366,
    vi: 'Một tháng trước đến một năm tới',
    en: 'Past month to a year ahead',
  },
  { value: 'past', from: -1100, to: 0, vi: 'Ba năm trước đến hôm nay', en: 'Last three years' },
] as const;

function FeedCard() {
  const { t } = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const feed = useQuery({ queryKey: ['calendar-feed'], queryFn: getFeed });
  const [url, setUrl] = useState<string | null>(null);
  const run = async (fn: () => Promise<{ url?: string | undefined }>, done?: string) => {
    try {
      const r = await fn();
      setUrl(r.url ?? null);
      if (done) message.success(done);
      await qc.invalidateQueries({ queryKey: ['calendar-feed'] });
    } catch (e) {
      message.error(errText(e));
    }
  };
  const copy = async () => {
    if (!url) return;
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    message.success(t.calFeedCopied);
  };
  const f = feed.data;
  return (
    <Card size="small" title={t.calFeed} data-testid="cal-feed">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t.calFeedHint}</Typography.Text>
        <Typography.Text data-testid="cal-feed-state">
          {f?.active && f.createdAt
            ? fill(t.calFeedActive, { at: formatDateTimeVi(f.createdAt) })
            : t.calFeedNone}
        </Typography.Text>
        {url && (
          <Alert
            type="warning"
            showIcon
            message={t.calFeedShownOnce}
            description={
              <Space.Compact style={{ width: '100%' }}>
                <Input readOnly value={url} data-testid="cal-feed-url" onFocus={(e) => e.target.select()} />
                <Button onClick={() => void copy()}>{t.calCopy}</Button>
              </Space.Compact>
            }
          />
        )}
        <Space wrap>
          <Button
            type={f?.active ? 'default' : 'primary'}
            data-testid="cal-feed-make"
            onClick={() => void run(newFeed)}
          >
            {f?.active ? t.calFeedRemake : t.calFeedMake}
          </Button>
          {f?.active && (
            <Popconfirm
              title={t.calFeedRevokeConfirm}
              onConfirm={() => void run(revokeFeed, t.calFeedRevoked)}
            >
              <Button danger data-testid="cal-feed-revoke">
                {t.calFeedRevoke}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}

export default function CalendarPage({ session }: { session: Session }) {
  const { t, lang } = useT();
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [range, setRange] = useState<(typeof RANGES)[number]['value']>('next90');
  const today = todayVn();
  const r = RANGES.find((x) => x.value === range)!;
  const from = shift(today, r.from);
  const to = shift(today, r.to);
  const q = useQuery({
    queryKey: ['calendar', unitId, from, to],
    queryFn: () => getCalendar({ unitId, from, to }),
  });
  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of session.user?.grants ?? []) if (g.unitId && !g.unitClosed) seen.set(g.unitId, g.unitName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [session]);
  const months = useMemo(() => {
    const m = new Map<string, CalendarEventViewT[]>();
    for (const e of q.data?.items ?? []) m.set(e.date.slice(0, 7), [...(m.get(e.date.slice(0, 7)) ?? []), e]);
    return [...m];
  }, [q.data]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t.calTitle}
        extra={
          <Space wrap>
            {units.length > 1 && (
              <Select
                allowClear
                placeholder={t.calAllUnits}
                style={{ minWidth: 220 }}
                options={units}
                value={unitId}
                onChange={(v: string | undefined) => setUnitId(v)}
                data-testid="cal-unit"
              />
            )}
            <Select
              aria-label={t.calRange}
              style={{ minWidth: 240 }}
              value={range}
              onChange={(v) => setRange(v)}
              options={RANGES.map((x) => ({ value: x.value, label: lang === 'vi' ? x.vi : x.en }))}
              data-testid="cal-range"
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t.calHint}</Typography.Paragraph>
        {q.error && <Alert type="error" showIcon message={errText(q.error)} />}
        {q.data && !q.data.items.length && <Empty description={t.calNone} />}
        {months.map(([month, items]) => (
          <div key={month} data-testid={`cal-month-${month}`} style={{ marginBottom: 16 }}>
            <Typography.Title level={5} style={{ marginTop: 8 }}>
              {lang === 'vi' ? `Tháng ${Number(month.slice(5))}/${month.slice(0, 4)}` : month}
            </Typography.Title>
            <List
              size="small"
              bordered
              dataSource={items}
              renderItem={(e) => (
                <List.Item data-testid="cal-item" style={{ opacity: e.date < today ? 0.6 : 1 }}>
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Space wrap size={6}>
                      <Typography.Text strong>{formatDateVi(e.date)}</Typography.Text>
                      {e.date === today && <Tag color="red">{t.calToday}</Tag>}
                      {e.date < today && <Tag>{t.calPast}</Tag>}
                      <Tag color={KIND_COLOR[e.kind]}>{e.kindLabel}</Tag>
                    </Space>
                    <Link to={e.link}>{e.title}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {e.detail}
                      {e.units.length > 0 && ` — ${unitsLine(e.units, lang)}`}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </div>
        ))}
      </Card>
      <FeedCard />
    </Space>
  );
}
