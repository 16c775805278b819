/** A framework's criteria as a tree: titles, maxima and rules editable in a draft, the sum of the
 * children beside each parent, and the issues of each criterion as it is typed. */
import type { CriterionJsonT } from '@chiso/contracts';
import { formatPoints, formatRule, type Framework, type Issue } from '@chiso/domain';
import { Input, Table, Tag, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { decimalComma, findRule, pointsOf } from './liveCheck.ts';

interface Row {
  key: string;
  c: CriterionJsonT;
  children?: Row[];
}

const toRows = (list: CriterionJsonT[]): Row[] =>
  list.map((c) => ({ key: c.code, c, ...(c.children?.length ? { children: toRows(c.children) } : {}) }));

const sumChildren = (c: CriterionJsonT) => (c.children ?? []).reduce((s, k) => s + (pointsOf(k.max) ?? 0), 0);

export function CriteriaEditor({
  criteria,
  editable,
  framework,
  issues,
  ruleTexts,
  onEdit,
  onRuleText,
}: {
  criteria: CriterionJsonT[];
  editable: boolean;
  /** The framework as parsed from the edited form (null while it does not parse). */
  framework: Framework | null | undefined;
  issues: Issue[];
  /** Rules as typed, by criterion code (until saved). */
  ruleTexts: Record<string, string>;
  onEdit: (code: string, f: (c: CriterionJsonT) => CriterionJsonT) => void;
  onRuleText: (code: string, text: string) => void;
}) {
  const { t } = useT();
  const issuesOf = (code: string) => issues.filter((i) => i.criterion === code);
  return (
    <Table<Row>
      size="small"
      pagination={false}
      dataSource={toRows(criteria)}
      expandable={{ defaultExpandAllRows: true }}
      rowKey="key"
      columns={[
        { title: t.code, width: 110, render: (_, r) => <b>{r.c.code}</b> },
        {
          title: t.fwCriterion,
          render: (_, r) =>
            editable ? (
              <Input.TextArea
                autoSize
                value={r.c.title}
                onChange={(e) => onEdit(r.c.code, (c) => ({ ...c, title: e.target.value }))}
              />
            ) : (
              <span>
                {r.c.title} {r.c.isExample && <Tag color="orange">{t.example}</Tag>}
                {r.c.block && <Tag>{r.c.block === 'bonus' ? t.bonus : t.penalty}</Tag>}
              </span>
            ),
        },
        {
          title: t.fwMax,
          width: 110,
          render: (_, r) =>
            editable ? (
              <Input
                value={decimalComma(r.c.max)}
                data-testid={`max-${r.c.code}`}
                onChange={(e) => onEdit(r.c.code, (c) => ({ ...c, max: e.target.value.trim() }))}
              />
            ) : (
              formatPoints(pointsOf(r.c.max) ?? 0)
            ),
        },
        {
          title: t.fwChildrenSum,
          width: 110,
          render: (_, r) => {
            if (!r.c.children?.length) return null;
            const s = sumChildren(r.c);
            const m = pointsOf(r.c.max) ?? 0;
            return (
              <Typography.Text type={s === m ? undefined : 'danger'} data-testid={`sum-${r.c.code}`}>
                {formatPoints(s)}
              </Typography.Text>
            );
          },
        },
        {
          title: t.fwRule,
          render: (_, r) => {
            if (r.c.children?.length)
              return <Typography.Text type="secondary">{t.fwSumOfChildren}</Typography.Text>;
            const fwRule = framework ? findRule(framework.criteria, r.c.code) : undefined;
            const text = ruleTexts[r.c.code] ?? (fwRule ? formatRule(fwRule) : '');
            return editable ? (
              <Input
                value={text}
                placeholder="thủ công"
                onChange={(e) => onRuleText(r.c.code, e.target.value)}
              />
            ) : (
              text || 'thủ công'
            );
          },
        },
        {
          title: t.fwIssues,
          render: (_, r) => (
            <div data-testid={`issues-${r.c.code}`}>
              {issuesOf(r.c.code).map((i, k) => (
                <Typography.Text
                  key={k}
                  type={i.severity === 'error' ? 'danger' : 'warning'}
                  style={{ display: 'block' }}
                >
                  {i.message}
                </Typography.Text>
              ))}
            </div>
          ),
        },
      ]}
    />
  );
}
