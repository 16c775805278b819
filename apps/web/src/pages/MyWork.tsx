/** "Việc của tôi" on the overview: what waits on the signed-in person, each with its due date
 * (dd/mm/yyyy), as the server computed it from the person's grants: the units to fill and what is
 * missing, what is ready to send, what waits for appraisal, approval or an answer, and the cycles
 * the person runs or follows. */
import { useQuery } from '@tanstack/react-query';
import type { MyWorkT } from '@chiso/contracts';
import { formatDateVi } from '@chiso/domain';
import { Card, Collapse, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { getMyWork } from '../api/work.ts';
import { fill, useT } from '../i18n.ts';

function DueTag({ dueOn, overdue }: { dueOn: string | null; overdue: boolean }) {
  const { t } = useT();
  if (!dueOn) return <Tag>{t.wkNoDue}</Tag>;
  const date = formatDateVi(dueOn);
  return (
    <Tag color={overdue ? 'red' : 'blue'} data-testid="due">
      {fill(overdue ? t.wkOverdue : t.wkDue, { date })}
    </Tag>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <div data-testid={testId} style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}

function ToFill({ items }: { items: MyWorkT['toFill'] }) {
  const { t } = useT();
  return (
    <Section title={t.wkToFill} testId="work-to-fill">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t.wkToFillHint}
      </Typography.Paragraph>
      <Collapse
        size="small"
        defaultActiveKey={items[0] ? [items[0].assessmentId] : []}
        items={items.map((u) => ({
          key: u.assessmentId,
          label: (
            <Space wrap size={4}>
              <Link to={`/assessments/${u.assessmentId}`} onClick={(e) => e.stopPropagation()}>
                {u.unitName}
              </Link>
              <DueTag dueOn={u.dueOn} overdue={u.overdue} />
              {!u.stageOpen && <Tag>{t.wkStageNotOpen}</Tag>}
              <Typography.Text type="secondary">
                {u.missing.length ? fill(t.wkMissing, { n: u.missing.length, total: u.total }) : t.wkComplete}
              </Typography.Text>
            </Space>
          ),
          children: (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {u.cycleName}
              </Typography.Text>
              <List
                size="small"
                data-testid="work-missing"
                dataSource={u.missing}
                renderItem={(m) => (
                  <List.Item>
                    <Space wrap size={4}>
                      <Typography.Text strong>{m.code}</Typography.Text>
                      <span>{m.title}</span>
                      <Typography.Text type="secondary">— {m.what}</Typography.Text>
                      <DueTag dueOn={u.dueOn} overdue={u.overdue} />
                    </Space>
                  </List.Item>
                )}
              />
            </>
          ),
        }))}
      />
    </Section>
  );
}

type Line = { key: string; to: string; title: string; sub: string; dueOn: string | null; overdue: boolean };

function Lines({ title, testId, lines }: { title: string; testId: string; lines: Line[] }) {
  return (
    <Section title={title} testId={testId}>
      <List
        size="small"
        bordered
        rowKey={(l) => l.key}
        dataSource={lines}
        renderItem={(l) => (
          <List.Item>
            <Space wrap size={4}>
              <Link to={l.to}>{l.title}</Link>
              <DueTag dueOn={l.dueOn} overdue={l.overdue} />
              <Typography.Text type="secondary">{l.sub}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Section>
  );
}

export function MyWork() {
  const { t } = useT();
  const q = useQuery({ queryKey: ['my-work'], queryFn: getMyWork });
  const w = q.data;
  const empty =
    w &&
    !w.toFill.length &&
    !w.toSend.length &&
    !w.toAnswer.length &&
    !w.toAppraise.length &&
    !w.cycles.length;
  const what = (x: MyWorkT['toAppraise'][number]) =>
    x.what === 'appraise'
      ? fill(t.wkAppraise, { n: x.count })
      : x.what === 'decide'
        ? fill(t.wkDecide, { n: x.count })
        : x.what === 'approve'
          ? t.wkApprove
          : fill(t.wkAwaiting, { n: x.count });
  return (
    <Card title={t.myWork} loading={q.isLoading} data-testid="my-work" style={{ marginBottom: 16 }}>
      {empty && <Empty description={t.wkNothing} />}
      {!!w?.toAnswer.length && (
        <Lines
          title={t.wkToAnswer}
          testId="work-to-answer"
          lines={w.toAnswer.map((x) => ({
            key: `${x.assessmentId}:${x.code}`,
            to: `/assessments/${x.assessmentId}`,
            title: `${x.unitName} — ${x.code} ${x.title}`,
            sub: x.message,
            dueOn: x.dueOn,
            overdue: x.overdue,
          }))}
        />
      )}
      {!!w?.toSend.length && (
        <Lines
          title={t.wkToSend}
          testId="work-to-send"
          lines={w.toSend.map((x) => ({
            key: x.assessmentId,
            to: `/assessments/${x.assessmentId}`,
            title: x.unitName,
            sub: x.cycleName,
            dueOn: x.dueOn,
            overdue: x.overdue,
          }))}
        />
      )}
      {!!w?.toFill.length && <ToFill items={w.toFill} />}
      {!!w?.toAppraise.length && (
        <Lines
          title={t.wkToAppraise}
          testId="work-to-appraise"
          lines={w.toAppraise.map((x) => ({
            key: `${x.assessmentId}:${x.what}`,
            to: `/assessments/${x.assessmentId}`,
            title: `${x.unitName} — ${what(x)}`,
            sub: x.cycleName,
            dueOn: x.dueOn,
            overdue: x.overdue,
          }))}
        />
      )}
      {!!w?.cycles.length && (
        <Section title={t.wkCycles} testId="work-cycles">
          <List
            size="small"
            bordered
            dataSource={w.cycles}
            renderItem={(c) => (
              <List.Item>
                <Space wrap size={4}>
                  <Link to={`/cycles/${c.cycleId}`}>{c.cycleName}</Link>
                  <Tag>{fill(t.wkUnits, { n: c.units })}</Tag>
                  <Tag color="gold">
                    {t.wkDrafting}: {c.drafting}
                  </Tag>
                  <Tag color="blue">
                    {t.wkUnderAppraisal}: {c.underAppraisal}
                  </Tag>
                  <Tag color="green">
                    {t.wkAppraised}: {c.appraised}
                  </Tag>
                  <Link to={`/cycles/${c.cycleId}`}>{t.wkOpenMatrix}</Link>
                </Space>
              </List.Item>
            )}
          />
        </Section>
      )}
    </Card>
  );
}
