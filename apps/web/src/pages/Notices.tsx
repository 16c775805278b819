/** The person's notices: every one (no cap), newest first, the unread ones on their own, a link to
 * what each is about, read one or all. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { NoticeListT } from '@chiso/contracts';
import { formatDateTimeVi } from '@chiso/domain';
import { App, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { listNotices, markAllNoticesRead, markNoticeRead } from '../api/notices.ts';
import { fill, useT } from '../i18n.ts';
import { errText } from '../ui/errors.ts';

const PAGE = 20;

export default function Notices() {
  const { t } = useT();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['notices', 'page', unread, page],
    queryFn: () => listNotices({ unread, limit: PAGE, offset: (page - 1) * PAGE }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notices'] });
  const read = async (n: NoticeListT['items'][number]) => {
    if (!n.read) await markNoticeRead(n.id).catch(() => undefined);
    await refresh();
  };
  const readAll = async () => {
    try {
      await markAllNoticesRead();
      await refresh();
    } catch (e) {
      message.error(errText(e));
    }
  };
  const data = q.data;
  return (
    <>
      <Typography.Title level={3}>{t.notices}</Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
          <Segmented
            data-testid="notices-filter"
            value={unread ? 'unread' : 'all'}
            onChange={(v) => (setUnread(v === 'unread'), setPage(1))}
            options={[
              { value: 'all', label: t.ntAll },
              { value: 'unread', label: t.ntUnread },
            ]}
          />
          <Space wrap>
            {data && (
              <Typography.Text type="secondary" data-testid="notices-count">
                {fill(t.ntCount, { unread: data.unread, total: data.total })}
              </Typography.Text>
            )}
            <Button onClick={() => void readAll()} disabled={!data?.unread} data-testid="notices-read-all">
              {t.ntReadAll}
            </Button>
          </Space>
        </Space>
        <List
          data-testid="notices-list"
          itemLayout="vertical"
          loading={q.isLoading}
          locale={{ emptyText: t.ntNone }}
          dataSource={data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: unread ? (data?.unread ?? 0) : (data?.total ?? 0),
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
          renderItem={(n) => (
            <List.Item
              data-testid="notice-item"
              actions={[
                n.link ? (
                  <Button
                    key="open"
                    type="link"
                    onClick={() => void read(n).then(() => nav(n.link!))}
                    data-testid="notice-open"
                  >
                    {t.ntOpen}
                  </Button>
                ) : null,
                !n.read ? (
                  <Button key="read" type="link" onClick={() => void read(n)}>
                    {t.ntMarkRead}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <span style={{ fontWeight: n.read ? 400 : 600 }}>
                    {!n.read && <Tag color="red">{t.ntUnread}</Tag>}
                    {n.title}
                  </span>
                }
                description={
                  <>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {n.unitName ? `${n.unitName} — ` : ''}
                      {formatDateTimeVi(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
