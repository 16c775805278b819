/** The criteria tree of a self-assessment: per leaf the input (saved as typed), the points by the
 * rule, the explanation and evidence, and the appraisal beside it. */
import { UploadOutlined } from '@ant-design/icons';
import type {
  AppraisalItemT,
  ApprovalViewT,
  AssessmentNodeT,
  AssessmentViewT,
  ItemSaveBodyT,
} from '@chiso/contracts';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { evidenceFileUrl } from '../../api/assessments.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { AppraisalCell, type AppraiseAction } from './AppraisalCell.tsx';
import { AutoSave } from './AutoSave.tsx';
import { CountedCell } from './CountedCell.tsx';
import { useRuleEditor } from './RuleInput.tsx';

/** Ratio rules take "numerator/denominator". The node carries the rule's Vietnamese label only
 * (`AssessmentNode.rule`), so the label is what tells. */
const isRatioRule = (ruleLabel: string) => ruleLabel.startsWith('Tỷ lệ');

export function CriteriaTable({
  assessment: a,
  appraisal,
  approval,
  saveItem,
  onEvidence,
  onAppraise,
  onAnswer,
}: {
  assessment: AssessmentViewT;
  /** The appraisal of each leaf, by code. */
  appraisal: Map<string, AppraisalItemT>;
  approval: ApprovalViewT | undefined;
  /** Answers what the engine could not understand (kept as typed, not scored), if anything. */
  saveItem: (code: string, body: ItemSaveBodyT) => Promise<string | null>;
  onEvidence: (code: string) => void;
  onAppraise: (code: string, action: AppraiseAction) => void;
  onAnswer: (code: string) => void;
}) {
  const { t } = useT();
  const editorOf = useRuleEditor();
  const leaf = (n: AssessmentNodeT) => n.children.length === 0;
  const appraised = appraisal.size > 0 && [...appraisal.values()].some((p) => p.state !== 'pending');
  return (
    <Table<AssessmentNodeT>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={a.tree}
      expandable={{ defaultExpandAllRows: true }}
      // on a phone the table scrolls inside its own box; the page does not
      scroll={{ x: 1100 }}
      columns={[
        { title: t.code, dataIndex: 'code', width: 80 },
        {
          title: t.fwCriterion,
          render: (_, n) => (
            <span>
              {n.title}
              {n.evidenceRequired && <Tag style={{ marginLeft: 4 }}>{t.asNeedsEvidence}</Tag>}
              {n.guidance && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {n.guidance}
                </Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: t.asSelfInput,
          width: 220,
          render: (_, n) =>
            leaf(n) && n.survey ? (
              // a survey leaf reads the bound campaign's published index: never typed
              <div data-testid={`survey-${n.code}`} style={{ fontSize: 12 }}>
                <Tag
                  color={n.survey.state === 'index' ? 'green' : n.survey.state === 'zero' ? 'red' : 'default'}
                >
                  {t.spFromSurvey}
                </Tag>
                <Typography.Text style={{ display: 'block' }}>{n.survey.text}</Typography.Text>
                <Typography.Text type="secondary">{t.spReadOnly}</Typography.Text>
              </div>
            ) : leaf(n) && n.count ? (
              <CountedCell
                n={n}
                canEdit={a.canEdit}
                placeholder={isRatioRule(n.rule) ? t.asRatioPlaceholder : ''}
                editor={editorOf(n)}
                saveItem={saveItem}
              />
            ) : leaf(n) ? (
              <>
                <AutoSave
                  value={n.inputText ?? ''}
                  disabled={!a.canEdit}
                  testId={`input-${n.code}`}
                  placeholder={isRatioRule(n.rule) ? t.asRatioPlaceholder : ''}
                  editor={editorOf(n)}
                  onSave={(text) => saveItem(n.code, { text })}
                />
                {n.inputProblem && (
                  <Typography.Text
                    type="danger"
                    style={{ fontSize: 12, display: 'block' }}
                    data-testid={`problem-${n.code}`}
                  >
                    {fill(t.rdWhyNotScored, { problem: n.inputProblem })}
                  </Typography.Text>
                )}
              </>
            ) : null,
        },
        {
          title: t.resPoints,
          width: 200,
          render: (_, n) => (
            <span data-testid={`points-${n.code}`}>
              <b>
                {n.points}/{n.max}
              </b>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {n.rule}: {n.explanation}
              </Typography.Text>
            </span>
          ),
        },
        ...(appraised
          ? [
              {
                title: t.rdAppraisedPoints,
                width: 110,
                render: (_: unknown, n: AssessmentNodeT) => {
                  const p = appraisal.get(n.code);
                  if (!leaf(n) || !p || p.state === 'pending') return null;
                  return (
                    <b data-testid={`appraised-${n.code}`}>
                      {p.appraisedPoints}/{p.max}
                    </b>
                  );
                },
              },
            ]
          : []),
        {
          title: t.asNoteColumn,
          width: 220,
          render: (_, n) =>
            leaf(n) && !n.survey ? (
              <Space direction="vertical" style={{ width: '100%' }} size={2}>
                <AutoSave
                  multiline
                  value={n.note ?? ''}
                  disabled={!a.canEdit}
                  testId={`note-${n.code}`}
                  placeholder={t.asNotePlaceholder}
                  onSave={(note) => saveItem(n.code, { note }).then(() => null)}
                />
                {(n.evidence ?? []).map((e) => (
                  <div key={e.id} style={{ fontSize: 12 }}>
                    <a href={evidenceFileUrl(e.id)} target="_blank" rel="noreferrer">
                      {e.numberSymbol}
                    </a>{' '}
                    {fill(t.asEvidenceLine, { date: dateOrDash(e.issuedOn), summary: e.summary })}
                    {e.locator ? ` (${e.locator})` : ''}
                    {e.flags.map((f, i) => (
                      <Typography.Text key={i} type="warning" style={{ display: 'block' }}>
                        ⚠ {f}
                      </Typography.Text>
                    ))}
                  </div>
                ))}
                {a.canEdit && (
                  <Button
                    size="small"
                    icon={<UploadOutlined />}
                    onClick={() => onEvidence(n.code)}
                    data-testid={`evidence-${n.code}`}
                  >
                    {t.asEvidence}
                  </Button>
                )}
              </Space>
            ) : null,
        },
        {
          title: t.asAppraisal,
          width: 220,
          render: (_, n) => {
            const p = appraisal.get(n.code);
            if (!leaf(n) || !p) return null;
            return (
              <AppraisalCell
                code={n.code}
                item={p}
                approval={approval}
                appraising={a.canAppraise}
                canAnswer={a.canAnswer}
                onAppraise={(action) => onAppraise(n.code, action)}
                onAnswer={() => onAnswer(n.code)}
              />
            );
          },
        },
      ]}
    />
  );
}
