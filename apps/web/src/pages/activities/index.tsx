/** Activity records (/activities, issue #16 item 3): the records of the reader's units by kind and year
 * (inspections, news articles, contests and conferences, training, initiatives, dialogues), a form to
 * record or correct one; one record (/activities/:id), where a counted criterion's links lead. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActivityViewT } from '@chiso/contracts';
import {
  ACTIVITY_FIGURE_LABELS,
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  FIGURES_OF_KIND,
  type ActivityKind,
} from '@chiso/domain';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { deleteActivity, getActivity, listActivities } from '../../api/activities.ts';
import { evidenceFileUrl } from '../../api/assessments.ts';
import type { Session } from '../../api/auth.ts';
import { useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';
import { EditDialog } from './EditDialog.tsx';

const dates = (a: ActivityViewT) =>
  a.endsOn && a.endsOn !== a.startsOn
    ? `${dateOrDash(a.startsOn)} – ${dateOrDash(a.endsOn)}`
    : dateOrDash(a.startsOn);

/** Figures in words ("Số tồn tại phát hiện: 3; Số tồn tại đã khắc phục: 2"). */
const figures = (a: ActivityViewT) =>
  FIGURES_OF_KIND[a.kind]
    .filter((f) => a[f] !== null)
    .map((f) => `${ACTIVITY_FIGURE_LABELS[f]}: ${a[f]}`)
    .join('; ');

function ActivityCard({ id, session }: { id: string; session: Session }) {
  const { t } = useT();
  const q = useQuery({ queryKey: ['activities', id], queryFn: () => getActivity(id) });
  if (q.error) return <Alert type="error" showIcon message={errText(q.error)} />;
  const a = q.data;
  if (!a) return <Card loading />;
  return (
    <Card
      title={
        <span data-testid="ac-record-title">
          <Link to="/activities">{t.acBack}</Link> / {a.kindLabel}
        </span>
      }
      extra={can(session, 'activity.write') && a.canWrite ? <Tag color="blue">{a.unitName}</Tag> : null}
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t.acTitleField} span={2}>
          {a.title}
        </Descriptions.Item>
        <Descriptions.Item label={t.acUnit}>{a.unitName}</Descriptions.Item>
        <Descriptions.Item label={t.acDates}>{dates(a)}</Descriptions.Item>
        {a.kind === 'inspection' && (
          <Descriptions.Item label={t.acPlanned}>
            {a.planned ? <Tag color="blue">{t.acPlanned}</Tag> : <Tag>{t.acUnplanned}</Tag>}
            {a.done ? <Tag color="green">{t.acDone}</Tag> : <Tag color="orange">{t.acNotDone}</Tag>}
          </Descriptions.Item>
        )}
        {(a.subjectUnitName || a.subject) && (
          <Descriptions.Item label={a.kind === 'news' ? t.acOutlet : t.acSubject}>
            {a.subjectUnitName ?? a.subject}
          </Descriptions.Item>
        )}
        {a.link && (
          <Descriptions.Item label={t.acLink} span={2}>
            <a href={a.link} target="_blank" rel="noreferrer noopener">
              {a.link}
            </a>
          </Descriptions.Item>
        )}
        {a.coordinatingUnits.length > 0 && (
          <Descriptions.Item label={t.acCoordinating} span={2}>
            {a.coordinatingUnits.map((u) => u.name).join(', ')}
          </Descriptions.Item>
        )}
        {figures(a) && (
          <Descriptions.Item label={t.acFigures} span={2}>
            {figures(a)}
          </Descriptions.Item>
        )}
        {a.plan && (
          <Descriptions.Item label={t.acPlan}>
            <Link to={`/plans/${a.plan.id}`}>{a.plan.number}</Link>
          </Descriptions.Item>
        )}
        {a.evidence && (
          <Descriptions.Item label={t.acEvidence}>
            <a href={evidenceFileUrl(a.evidence.id)} target="_blank" rel="noreferrer">
              {a.evidence.numberSymbol}
            </a>
          </Descriptions.Item>
        )}
        {a.note && (
          <Descriptions.Item label={t.acNote} span={2}>
            {a.note}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

export default function Activities({ session }: { session: Session }) {
  const { t } = useT();
  const { message } = App.useApp();
  const { id } = useParams();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ActivityKind>('inspection');
  const [year, setYear] = useState<number | undefined>(undefined);
  const [editing, setEditing] = useState<ActivityViewT | 'new' | null>(null);
  const q = useQuery({
    queryKey: ['activities', 'list', kind, year],
    queryFn: () => listActivities({ kind, ...(year ? { year } : {}) }),
    enabled: !id,
  });
  if (id) return <ActivityCard id={id} session={session} />;
  const writable = q.data?.writableUnits ?? [];
  const thisYear = new Date().getFullYear();
  const remove = async (a: ActivityViewT) => {
    try {
      await deleteActivity(a.id);
      message.success(t.acDeleted);
      await qc.invalidateQueries({ queryKey: ['activities'] });
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <Card
      title={t.acTitle}
      extra={
        <Space wrap>
          <Select
            style={{ width: 120 }}
            value={year ?? 0}
            onChange={(v) => setYear(v || undefined)}
            aria-label={t.acYear}
            options={[{ value: 0, label: t.acAll }].concat(
              [0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: String(thisYear - d) })),
            )}
          />
          {can(session, 'activity.write') && writable.length > 0 && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="ac-create">
              {t.acCreate}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as ActivityKind)}
        items={ACTIVITY_KINDS.map((k) => ({ key: k, label: ACTIVITY_KIND_LABELS[k] }))}
      />
      {q.error && <Alert type="error" showIcon message={errText(q.error)} />}
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t.acNone }}
        data-testid="ac-list"
        columns={[
          { title: t.acDate, render: (_, a) => dates(a) },
          {
            title: t.acTitleField,
            width: 360,
            render: (_, a) => <Link to={`/activities/${a.id}`}>{a.title}</Link>,
          },
          { title: t.acUnit, dataIndex: 'unitName' },
          ...(kind === 'inspection'
            ? [
                {
                  title: t.acSubjectUnit,
                  render: (_: unknown, a: ActivityViewT) => a.subjectUnitName ?? (a.subject || '—'),
                },
                {
                  title: t.acPlanned,
                  render: (_: unknown, a: ActivityViewT) => (
                    <Space size={4} wrap>
                      {a.planned ? <Tag color="blue">{t.acPlanned}</Tag> : <Tag>{t.acUnplanned}</Tag>}
                      {a.done ? <Tag color="green">{t.acDone}</Tag> : <Tag color="orange">{t.acNotDone}</Tag>}
                    </Space>
                  ),
                },
              ]
            : kind === 'news'
              ? [
                  {
                    title: t.acOutlet,
                    render: (_: unknown, a: ActivityViewT) =>
                      a.link ? (
                        <a href={a.link} target="_blank" rel="noreferrer noopener">
                          {a.subject || a.link}
                        </a>
                      ) : (
                        a.subject || '—'
                      ),
                  },
                ]
              : [{ title: t.acSubject, render: (_: unknown, a: ActivityViewT) => a.subject || '—' }]),
          { title: t.acFigures, render: (_, a) => figures(a) || '—' },
          {
            title: '',
            render: (_, a) =>
              a.canWrite ? (
                <Space size={4}>
                  <Button size="small" onClick={() => setEditing(a)}>
                    {t.acEdit}
                  </Button>
                  <Popconfirm title={t.acDeleteConfirm} onConfirm={() => void remove(a)}>
                    <Button size="small" danger>
                      {t.acDelete}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      {editing && (
        <EditDialog
          writable={writable}
          kind={kind}
          record={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              void qc.invalidateQueries({ queryKey: ['activities'] });
              if (saved.kind !== kind) setKind(saved.kind);
            }
          }}
        />
      )}
    </Card>
  );
}
