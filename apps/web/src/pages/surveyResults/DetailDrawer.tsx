/** Drill-down of one unit × field: indices by element, and by question with its counts. */
import type { SurveyResultsViewT } from '@chiso/contracts';
import { Alert, Drawer, Table, Typography } from 'antd';
import { fill, useT } from '../../i18n.ts';
import { pct } from './format.ts';

type View = SurveyResultsViewT;
type FieldRow = View['units'][number]['fields'][number];

export function DetailDrawer({
  view,
  unitName,
  field,
  onClose,
}: {
  view: View;
  unitName: string;
  field: FieldRow;
  onClose: () => void;
}) {
  const { t } = useT();
  const rows = view.elements.map((e) => ({
    key: e.code,
    name: `${e.code}. ${e.name}`,
    index: field.elements[e.code]?.index ?? null,
    satisfied: field.elements[e.code]?.satisfied ?? 0,
    ratings: field.elements[e.code]?.ratings ?? 0,
    children: view.questions
      .filter((q) => q.element === e.code)
      .map((q) => ({
        key: q.code,
        name: `${q.code}. ${q.text}`,
        index: field.questions[q.code]?.index ?? null,
        satisfied: field.questions[q.code]?.satisfied ?? 0,
        ratings: field.questions[q.code]?.ratings ?? 0,
      })),
  }));
  const overall = view.overallQuestion
    ? view.questions.find((q) => q.code === view.overallQuestion)
    : undefined;
  if (overall)
    rows.push({
      key: overall.code,
      name: `${overall.code}. ${overall.text}`,
      index: field.questions[overall.code]?.index ?? null,
      satisfied: field.questions[overall.code]?.satisfied ?? 0,
      ratings: field.questions[overall.code]?.ratings ?? 0,
      children: [],
    });
  return (
    <Drawer
      open
      width={720}
      onClose={onClose}
      title={fill(t.srDetailOf, { unit: unitName, field: field.fieldName })}
      data-testid="sr-detail"
    >
      {field.external && (
        <Alert type="info" showIcon message={fill(t.srExternalReplaced, { doc: field.external.document })} />
      )}
      <Typography.Paragraph>
        {t.srIndex}: <b>{pct(field.index.index)}</b>
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        dataSource={rows.map((r) => (r.children.length ? r : { ...r, children: undefined }))}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: 560 }}
        columns={[
          { title: `${t.srElement} / ${t.srQuestion}`, dataIndex: 'name' },
          { title: t.srSatisfied, dataIndex: 'satisfied', align: 'right', width: 90 },
          { title: t.srAnswers, dataIndex: 'ratings', align: 'right', width: 90 },
          {
            title: t.srIndex,
            dataIndex: 'index',
            align: 'right',
            width: 100,
            render: (v: number | null) => pct(v),
          },
        ]}
      />
    </Drawer>
  );
}
