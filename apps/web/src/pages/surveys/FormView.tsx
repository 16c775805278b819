/** One form version: its sections and questions (code, element, measure, type), its scale, and how
 * its indices aggregate at each level; a manager publishes a draft or retires a published version. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { INDEX_LEVELS, type SurveyForm, type SurveyQuestion } from '@chiso/domain';
import { App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { getSurveyForm, setSurveyFormStatus } from '../../api/surveys.ts';
import { useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { errText } from '../../ui/errors.ts';
import { FormStatusTag } from './FormList.tsx';

export function FormView({ id, session }: { id: string; session: Session }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['survey-form', id], queryFn: () => getSurveyForm(id) });
  if (!q.data) return <Card loading={q.isLoading}>{q.error ? errText(q.error) : null}</Card>;
  const f = q.data;
  const def = f.definition as SurveyForm;
  const element = new Map(def.elements.map((e) => [e.code, e.name]));
  const act = async (verb: 'publish' | 'retire') => {
    try {
      await setSurveyFormStatus(id, verb);
      await qc.invalidateQueries({ queryKey: ['survey-form', id] });
      await qc.invalidateQueries({ queryKey: ['survey-forms'] });
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/surveys/forms">{t.svForms}</Link>
            <span>/</span>
            <span style={{ whiteSpace: 'normal' }}>{f.name}</span>
            <FormStatusTag status={f.status} />
            {f.isExample && <Tag color="gold">{t.svExample}</Tag>}
          </Space>
        }
        extra={
          can(session, 'survey.manage') && (
            <Space>
              {f.status === 'draft' && (
                <Popconfirm title={t.svPublishConfirm} onConfirm={() => void act('publish')}>
                  <Button type="primary">{t.svPublish}</Button>
                </Popconfirm>
              )}
              {f.status === 'published' && (
                <Popconfirm title={t.svRetire + '?'} onConfirm={() => void act('retire')}>
                  <Button danger>{t.svRetire}</Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t.code}>
            {f.code} · {t.svVersion} {f.version}
          </Descriptions.Item>
          <Descriptions.Item label={t.svScale}>{def.scale.join(' · ')}</Descriptions.Item>
          {def.basis && <Descriptions.Item label={t.svBasis}>{def.basis}</Descriptions.Item>}
          <Descriptions.Item label={t.svAggregation}>
            {INDEX_LEVELS.map((l) => (
              <div key={l}>
                {t.svLevels[l]}: {def.aggregation[l] === 'pool' ? t.svPool : t.svMean}
              </div>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {def.sections.map((s) => (
        <Card key={s.code} size="small" title={`${t.svSection} ${s.code}. ${s.title}`}>
          <Table<SurveyQuestion>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={s.questions}
            scroll={{ x: 800 }}
            columns={[
              { title: t.svQuestionCode, dataIndex: 'code', width: 90 },
              { title: t.svQuestion, dataIndex: 'text' },
              {
                title: t.svElement,
                width: 200,
                render: (_, r) => (r.element ? (element.get(r.element) ?? r.element) : '—'),
              },
              {
                title: t.svMeasure,
                width: 110,
                render: (_, r) => (r.measure ? t.svMeasures[r.measure] : '—'),
              },
              { title: t.svType, width: 150, render: (_, r) => t.svTypes[r.type] },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}
