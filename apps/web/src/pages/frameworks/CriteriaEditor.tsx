/** A framework's criteria as a tree: titles, maxima and rules editable in a draft, the sum of the
 * children beside each parent, and the issues of each criterion as it is typed. */
import type { CriterionJsonT } from '@chiso/contracts';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  addCriterion,
  formatPoints,
  formatRule,
  indentCriterion,
  moveCriterion,
  outdentCriterion,
  removeCriterion,
  type Edited,
  type Framework,
  type Issue,
} from '@chiso/domain';
import { Button, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
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
  onList,
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
  /** A change of the list itself (add, remove, move, indent), with the codes it renumbered. */
  onList: (r: Edited<CriterionJsonT>) => void;
}) {
  const { t } = useT();
  const issuesOf = (code: string) => issues.filter((i) => i.criterion === code);
  const blank = (code: string): CriterionJsonT => ({ code, title: '', max: '0' });
  const actions = (c: CriterionJsonT) => (
    <Space.Compact size="small">
      <Tooltip title={t.fwMoveUp}>
        <Button
          icon={<ArrowUpOutlined />}
          aria-label={t.fwMoveUp}
          onClick={() => onList(moveCriterion(criteria, c.code, -1))}
          data-testid={`up-${c.code}`}
        />
      </Tooltip>
      <Tooltip title={t.fwMoveDown}>
        <Button
          icon={<ArrowDownOutlined />}
          aria-label={t.fwMoveDown}
          onClick={() => onList(moveCriterion(criteria, c.code, 1))}
          data-testid={`down-${c.code}`}
        />
      </Tooltip>
      <Tooltip title={t.fwIndent}>
        <Button
          icon={<MenuUnfoldOutlined />}
          aria-label={t.fwIndent}
          onClick={() => onList(indentCriterion(criteria, c.code))}
          data-testid={`indent-${c.code}`}
        />
      </Tooltip>
      <Tooltip title={t.fwOutdent}>
        <Button
          icon={<MenuFoldOutlined />}
          aria-label={t.fwOutdent}
          onClick={() => onList(outdentCriterion(criteria, c.code))}
          data-testid={`outdent-${c.code}`}
        />
      </Tooltip>
      <Tooltip title={t.fwAddChild}>
        <Button
          icon={<PlusOutlined />}
          aria-label={t.fwAddChild}
          onClick={() => onList(addCriterion(criteria, c.code, blank))}
          data-testid={`add-${c.code}`}
        />
      </Tooltip>
      <Tooltip title={t.fwRemove}>
        <Button
          danger
          icon={<DeleteOutlined />}
          aria-label={t.fwRemove}
          onClick={() => onList(removeCriterion(criteria, c.code))}
          data-testid={`remove-${c.code}`}
        />
      </Tooltip>
    </Space.Compact>
  );
  return (
    <>
      {editable && (
        <Button
          icon={<PlusOutlined />}
          style={{ marginBottom: 8 }}
          onClick={() => onList(addCriterion(criteria, null, blank))}
          data-testid="fw-add-field"
        >
          {t.fwAddField}
        </Button>
      )}
      <Table<Row>
        size="small"
        pagination={false}
        dataSource={toRows(criteria)}
        expandable={{ defaultExpandAllRows: true }}
        rowKey="key"
        scroll={{ x: editable ? 1280 : undefined }}
        columns={[
          { title: t.code, width: 110, render: (_, r) => <b>{r.c.code}</b> },
          {
            title: t.fwCriterion,
            width: editable ? 300 : undefined,
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
            width: editable ? 200 : undefined,
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
          ...(editable ? [{ title: '', width: 190, render: (_: unknown, r: Row) => actions(r.c) }] : []),
          {
            title: t.fwIssues,
            width: editable ? 260 : undefined,
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
    </>
  );
}
