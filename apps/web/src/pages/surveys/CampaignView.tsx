/** One campaign: header with status and actions, dates and due dates in dd/mm/yyyy, links to the
 * pages of ballots, results, post-audit and agency opinion, the targets, and the campaigns copied
 * down from it. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyCampaignDetailT } from '@chiso/contracts';
import { App, Button, Card, Descriptions, List, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { getCampaign, setCampaignStatus } from '../../api/surveys.ts';
import { useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';
import { CampaignStatusTag } from './CampaignList.tsx';
import { CopyDownDialog, EditCampaignDialog } from './CampaignDialogs.tsx';
import { TargetsCard } from './TargetsCard.tsx';

export function CampaignView({ id, session }: { id: string; session: Session }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['survey-campaign', id], queryFn: () => getCampaign(id) });
  const [dialog, setDialog] = useState<'edit' | 'copy' | null>(null);
  const [busy, setBusy] = useState(false);
  if (q.isLoading || !q.data) return <Card loading={q.isLoading}>{q.error ? errText(q.error) : null}</Card>;
  const c: SurveyCampaignDetailT = q.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['survey-campaign'] });
  const status = async (to: 'open' | 'closed') => {
    setBusy(true);
    try {
      await setCampaignStatus(id, to);
      await refresh();
      await qc.invalidateQueries({ queryKey: ['survey-campaigns'] });
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/surveys">{t.svBack}</Link>
            <span>/</span>
            <span data-testid="campaign-title" style={{ whiteSpace: 'normal' }}>
              {c.name}
            </span>
            <CampaignStatusTag status={c.status} />
          </Space>
        }
        extra={
          c.canManage && (
            <Space wrap>
              {c.status === 'draft' && <Button onClick={() => setDialog('edit')}>{t.svEdit}</Button>}
              {(c.status === 'draft' || c.status === 'closed') && (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void status('open')}
                  data-testid="campaign-start"
                >
                  {c.status === 'draft' ? t.svStart : t.svResume}
                </Button>
              )}
              {c.status === 'open' && (
                <Button danger loading={busy} onClick={() => void status('closed')}>
                  {t.svStop}
                </Button>
              )}
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t.svCode}>{c.code}</Descriptions.Item>
          <Descriptions.Item label={t.svYear}>{c.year}</Descriptions.Item>
          <Descriptions.Item label={t.svForm}>{c.formName}</Descriptions.Item>
          <Descriptions.Item label={t.svOwner}>{c.ownerUnitName}</Descriptions.Item>
          <Descriptions.Item label={t.svPeriod}>
            {dateOrDash(c.periodFrom)} – {dateOrDash(c.periodTo)}
          </Descriptions.Item>
          <Descriptions.Item label={t.svWindow}>
            {dateOrDash(c.opensOn)} – {dateOrDash(c.closesOn)}
          </Descriptions.Item>
          {c.basis && <Descriptions.Item label={t.svBasis}>{c.basis}</Descriptions.Item>}
          {c.parentId && (
            <Descriptions.Item label={t.svChildOf}>
              <Link to={`/surveys/${c.parentId}`}>{c.parentName}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          {/* paper ballots are typed until publication; invitations belong to agency campaigns */}
          {c.status !== 'published' && c.status !== 'draft' && (
            <Link to={`/surveys/${id}/entry`}>{t.svEntry}</Link>
          )}
          <Link to={`/surveys/${id}/results`}>{t.svResults}</Link>
          <Link to={`/surveys/${id}/postaudit`}>{t.svPostaudit}</Link>
          {c.respondentKind === 'agency' && <Link to={`/surveys/${id}/agency`}>{t.svAgency}</Link>}
        </Space>
      </Card>
      {c.deadlines.length > 0 && (
        <Card title={t.svDeadlines} size="small">
          <List
            size="small"
            dataSource={c.deadlines}
            renderItem={(d) => (
              <List.Item>
                <Typography.Text>{d.label}</Typography.Text>
                <Typography.Text strong>{dateOrDash(d.dueOn)}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
      <TargetsCard c={c} session={session} onCopyDown={() => setDialog('copy')} />
      {c.children.length > 0 && (
        <Card title={t.svChildren} size="small">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.children}
            scroll={{ x: 600 }}
            columns={[
              { title: t.svName, render: (_, r) => <Link to={`/surveys/${r.id}`}>{r.name}</Link> },
              { title: t.svOwner, dataIndex: 'ownerUnitName' },
              { title: t.svStatus, render: (_, r) => <CampaignStatusTag status={r.status} /> },
            ]}
          />
        </Card>
      )}
      {dialog === 'edit' && <EditCampaignDialog c={c} onClose={() => setDialog(null)} />}
      {dialog === 'copy' && <CopyDownDialog c={c} session={session} onClose={() => setDialog(null)} />}
    </Space>
  );
}
