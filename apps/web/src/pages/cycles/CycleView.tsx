/** One cycle: what it is and its stages, the units taking part, and — for those who run it — the
 * appraisal assignments and matrix, finalisation and publication; the survey criteria (bindings,
 * points, sanctions) when the framework has any; the ranking once there is one. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CycleDetailT } from '@chiso/contracts';
import type { CycleStatus } from '@chiso/domain';
import { Alert, App, Button, Card, Space, Table, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { deleteCycle, finaliseCycle, getCycle, getRanking, publishCycle } from '../../api/cycles.ts';
import { getSurveyPoints } from '../../api/surveyPoints.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';
import { RankGroupsDialog } from '../../ui/RankGroupsDialog.tsx';
import { assessmentStatusOf, cycleStatusOf } from '../../ui/status.ts';
import { AssessmentStatusTag, CycleStatusTag } from '../../ui/StatusTag.tsx';
import { TextDialog } from '../../ui/TextDialog.tsx';
import { Assignments } from './Assignments.tsx';
import { Matrix } from './Matrix.tsx';
import { PublishDialog } from './PublishDialog.tsx';
import { RankingTab } from './RankingTab.tsx';
import { StageTable } from './StageTable.tsx';
import { SurveyTab, surveyPointsKey } from './SurveyTab.tsx';
import { CountTab, countPointsKey } from './CountTab.tsx';
import { getCountPoints } from '../../api/activities.ts';

/** Whether the ranking is there to read: once published, or finalised for those who run the cycle. */
function rankingVisible(status: CycleStatus, manages: boolean): boolean {
  switch (status) {
    case 'open':
      return false;
    case 'finalised':
      return manages;
    case 'published':
      return true;
  }
}

export function CycleView({ id }: { id: string }) {
  const { t } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const d = useQuery({ queryKey: ['cycle', id], queryFn: () => getCycle(id) });
  const c = d.data;
  const ranking = useQuery({
    queryKey: ['cycle', id, 'ranking'],
    enabled: !!c && rankingVisible(cycleStatusOf(c.status), c.manages),
    queryFn: () => getRanking(id),
  });
  // the survey criteria of the cycle's framework (a tab of their own when it has any)
  const survey = useQuery({
    queryKey: surveyPointsKey(id),
    enabled: !!c,
    retry: false,
    queryFn: () => getSurveyPoints(id),
  });
  const counted = useQuery({
    queryKey: countPointsKey(id),
    enabled: !!c,
    retry: false,
    queryFn: () => getCountPoints(id),
  });
  const [dialog, setDialog] = useState<'delete' | 'publish' | null>(null);
  const [groupsOpen, setGroupsOpen] = useState(false);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['cycle', id] });
    await qc.invalidateQueries({ queryKey: ['cycles'] });
  };
  /** A request, then its message and a fresh view; what blocks it is listed on failure. */
  const act = async (f: () => Promise<unknown>, ok = t.saved, rethrow = false) => {
    try {
      await f();
      message.success(ok);
      await refresh();
    } catch (e) {
      // a dialog's request: the dialog shows why and keeps what was typed
      if (rethrow) throw e;
      message.error(errText(e, 'problems'));
    }
  };
  if (!c) return <Card loading />;
  const remove = async (reason: string) => {
    await deleteCycle(id, reason);
    message.success(t.cyDeleted);
    await qc.invalidateQueries({ queryKey: ['cycles'] });
    void navigate('/cycles');
  };
  const finalise = () =>
    modal.confirm({
      title: t.cyFinalise,
      content: t.rdFinaliseConfirm,
      okText: t.cyFinalise,
      cancelText: t.cancel,
      onOk: () => act(() => finaliseCycle(id), t.cyFinalised),
    });
  /** What those who run the cycle may do at its status. */
  const actions = (status: CycleStatus): ReactNode[] => {
    switch (status) {
      case 'open':
        return [
          c.units.every((u) => assessmentStatusOf(u.status) === 'draft') && (
            <Button key="delete" danger onClick={() => setDialog('delete')} data-testid="cycle-delete">
              {t.cyDelete}
            </Button>
          ),
          <Button key="finalise" onClick={finalise} data-testid="cycle-finalise">
            {t.cyFinalise}
          </Button>,
        ];
      case 'finalised':
        return [
          <Button
            key="publish"
            type="primary"
            onClick={() => setDialog('publish')}
            data-testid="cycle-publish"
          >
            {t.cyPublish}
          </Button>,
        ];
      case 'published':
        return [];
    }
  };
  const tabs = [
    {
      key: 'units',
      label: t.units,
      children: <CycleUnits cycle={c} />,
    },
    ...(survey.data?.leaves.length
      ? [
          {
            key: 'survey',
            label: t.spTab,
            children: <SurveyTab id={id} view={survey.data} open={cycleStatusOf(c.status) === 'open'} />,
          },
        ]
      : []),
    ...(counted.data && (c.manages || counted.data.leaves.some((l) => l.binding))
      ? [{ key: 'count', label: t.cpTab, children: <CountTab id={id} view={counted.data} /> }]
      : []),
    ...(c.manages || c.coordinates
      ? [
          ...(c.units.some((u) => u.appraises)
            ? [{ key: 'assign', label: t.cyTabAssign, children: <Assignments cycle={c} /> }]
            : []),
          { key: 'matrix', label: t.cyTabMatrix, children: <Matrix id={id} /> },
        ]
      : []),
    ...(ranking.data
      ? [{ key: 'ranking', label: t.cyTabRanking, children: <RankingTab id={id} ranking={ranking.data} /> }]
      : []),
  ];
  return (
    <>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Card
          title={
            <Space>
              <Link to="/cycles">{t.cycles}</Link>›<span>{c.name}</span>
              <CycleStatusTag status={c.status} />
            </Space>
          }
          extra={
            c.manages && (
              <Space wrap>
                <Button onClick={() => setGroupsOpen(true)} data-testid="cycle-groups">
                  {t.rgButton}
                </Button>
                {actions(cycleStatusOf(c.status))}
              </Space>
            )
          }
        >
          <Typography.Paragraph>
            {fill(t.cyInfo, {
              framework: c.framework.name,
              version: c.framework.version,
              owner: c.ownerUnitName,
              today: dateOrDash(c.today),
            })}
          </Typography.Paragraph>
          {c.waiting.map((w) => (
            <Alert
              key={w}
              type="info"
              showIcon
              message={w}
              style={{ marginBottom: 8 }}
              data-testid="cycle-waiting"
            />
          ))}
          <StageTable cycle={c} act={act} />
        </Card>
        <Tabs items={tabs} />
      </Space>
      {groupsOpen && (
        <RankGroupsDialog
          set={{ ownerUnitId: c.ownerUnitId, frameworkCode: c.framework.code, year: c.year }}
          onClose={() => setGroupsOpen(false)}
        />
      )}
      {dialog === 'delete' && (
        <TextDialog
          title={t.cyDeleteTitle}
          description={t.cyDeleteHelp}
          placeholder={t.cyDeleteReason}
          okText={t.cyDeleteOk}
          danger
          onSubmit={remove}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'publish' && (
        <PublishDialog
          onSubmit={(body) => act(() => publishCycle(id, body), t.cyPublished, true)}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

/** The units taking part: status, submission, and where the appraisal stands when levels appraise. */
function CycleUnits({ cycle: c }: { cycle: CycleDetailT }) {
  const { t } = useT();
  return (
    <Table
      size="small"
      rowKey="unitId"
      pagination={false}
      dataSource={c.units}
      columns={[
        {
          title: t.unit,
          render: (_, u) => <Link to={`/assessments/${u.assessmentId}`}>{u.unitName}</Link>,
        },
        { title: t.code, dataIndex: 'unitCode', width: 120 },
        { title: t.status, render: (_, u) => <AssessmentStatusTag status={u.status} /> },
        { title: t.cySubmittedOn, dataIndex: 'submittedAt', render: (v: string | null) => dateOrDash(v) },
        ...(c.units.some((u) => u.appraisingUnitName !== c.ownerUnitName)
          ? [
              { title: t.cyAppraisingLevel, dataIndex: 'appraisingUnitName' },
              { title: t.cyHeldBy, dataIndex: 'heldBy' },
            ]
          : []),
      ]}
    />
  );
}
