/** /surveys/:id/results — a campaign's results: "Tạm tính" or "Đã công bố dd/mm/yyyy"; the whole
 * campaign with its margin of error; charts by unit and by element; the table of units × fields
 * (chỉ tiêu, thu về, hợp lệ, không hợp lệ, trực tuyến %, chỉ số %, "chưa đủ mẫu") with a drill-down
 * by element and question; subtrees; Excel; external indices and publication for the owner. */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyResultsViewT } from '@chiso/contracts';
import { formatDateVi } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  Modal,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { getSurveyResults, publishSurveyResults, surveyResultsXlsxUrl } from '../../api/surveyResults.ts';
import { Bars } from '../../charts.tsx';
import { fill, useT } from '../../i18n.ts';
import { download } from '../../ui/download.ts';
import { errText } from '../../ui/errors.ts';
import { DetailDrawer } from './DetailDrawer.tsx';
import { ExternalDialog } from './ExternalDialog.tsx';
import { num, pct, share } from './format.ts';

type View = SurveyResultsViewT;
type UnitRow = View['units'][number];
type FieldRow = UnitRow['fields'][number];

interface Row {
  key: string;
  name: string;
  target: number | null;
  returned: number;
  valid: number;
  invalid: number;
  online: number;
  index: number | null;
  margin: number | null;
  below: boolean;
  field?: { unit: string; f: FieldRow };
  children?: Row[];
}

function rowsOf(v: View, whole: string): Row[] {
  return v.units.map((u) => ({
    key: u.unitId,
    name: u.unitName,
    target: u.fields.reduce<number | null>((a, f) => (f.target === null ? a : (a ?? 0) + f.target), null),
    returned: u.returned,
    valid: u.valid,
    invalid: u.invalid,
    online: u.online,
    index: u.index.index,
    margin: u.margin,
    below: u.belowTarget,
    children:
      u.fields.length > 1 || u.fields[0]?.external
        ? u.fields.map((f) => fieldRow(u, f))
        : u.fields.map((f) => ({ ...fieldRow(u, f), name: `${f.fieldName} (${whole})` })),
  }));
}

function fieldRow(u: UnitRow, f: FieldRow): Row {
  return {
    key: `${u.unitId}|${f.fieldCode}`,
    name: f.fieldName,
    target: f.target,
    returned: f.returned,
    valid: f.valid,
    invalid: f.invalid,
    online: f.online,
    index: f.index.index,
    margin: null,
    below: f.belowTarget,
    field: { unit: u.unitName, f },
  };
}

export default function SurveyResults() {
  const { t } = useT();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['survey-results', id], queryFn: () => getSurveyResults(id) });
  const [detail, setDetail] = useState<{ unit: string; f: FieldRow } | null>(null);
  const [externalOpen, setExternalOpen] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['survey-results', id] });
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <Alert type="error" showIcon message={errText(q.error)} />;
  const v = q.data;
  const published = v.state === 'published';
  const o = v.overall;
  const unitBars = v.units
    .filter((u) => u.index.index !== null)
    .map((u) => ({ label: u.unitName, value: u.index.index! / 100, text: pct(u.index.index) }));
  const elementSource = o ?? v.subtrees[0] ?? null;
  const elementBars = elementSource
    ? v.elements
        .filter((e) => elementSource.elements[e.code]?.index !== null && elementSource.elements[e.code])
        .map((e) => ({
          label: e.name,
          value: elementSource.elements[e.code]!.index! / 100,
          text: pct(elementSource.elements[e.code]!.index),
        }))
    : [];
  const columns = [
    { title: `${t.srUnit} / ${t.srField}`, dataIndex: 'name', width: 260 },
    { title: t.srTarget, dataIndex: 'target', align: 'right' as const, width: 80 },
    { title: t.srReturned, dataIndex: 'returned', align: 'right' as const, width: 80 },
    { title: t.srValid, dataIndex: 'valid', align: 'right' as const, width: 80 },
    { title: t.srInvalid, dataIndex: 'invalid', align: 'right' as const, width: 90 },
    {
      title: `${t.srOnline} %`,
      key: 'online',
      align: 'right' as const,
      width: 90,
      render: (_: unknown, r: Row) => pct(share(r.online, r.returned)),
    },
    {
      title: `${t.srIndex} %`,
      key: 'index',
      align: 'right' as const,
      width: 170,
      render: (_: unknown, r: Row) => (
        <Space direction="vertical" size={0} style={{ alignItems: 'flex-end' }}>
          {r.field ? (
            <a onClick={() => setDetail(r.field!)} data-testid="sr-drill">
              {pct(r.index)}
            </a>
          ) : (
            <b>{pct(r.index)}</b>
          )}
          {r.margin !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fill(t.srMargin, { m: num(r.margin) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '',
      key: 'tags',
      width: 130,
      render: (_: unknown, r: Row) => (
        <Space size={2} wrap>
          {r.below && <Tag color="orange">{t.srBelowTarget}</Tag>}
          {r.field?.f.external && <Tag color="blue">{t.srExternalTag}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="sr-page">
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t.srTitle}: {v.campaign.name}
            </Typography.Title>
            <Typography.Text type="secondary">
              {v.campaign.ownerUnitName} — {v.campaign.code}, {v.campaign.year}{' '}
            </Typography.Text>
            {published && v.publishedAt ? (
              <Tag color="green" data-testid="sr-state">
                {fill(t.srPublishedOn, { date: formatDateVi(v.publishedAt) })}
              </Tag>
            ) : (
              <Tag color="orange" data-testid="sr-state">
                {t.srProvisional}
              </Tag>
            )}
          </div>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void download(surveyResultsXlsxUrl(id))}>
              {t.srExcel}
            </Button>
            <Button onClick={() => setExternalOpen(true)} data-testid="sr-external">
              {t.srExternal}
            </Button>
            {v.campaign.canManage && !published && (
              <Button type="primary" onClick={() => setPublishing(true)} data-testid="sr-publish">
                {t.srPublish}
              </Button>
            )}
          </Space>
        </Space>
        {!published && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t.srProvisionalHint} />
        )}
      </Card>
      {o && (
        <Card title={t.srOverall} size="small">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t.srIndex} value={pct(o.index.index)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t.srMarginTitle}
                value={o.margin === null ? '—' : fill(t.srMargin, { m: num(o.margin) })}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={`${t.srValid} / ${t.srReturned}`} value={`${o.valid} / ${o.returned}`} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={`${t.srOnline} %`} value={pct(share(o.online, o.returned))} />
            </Col>
          </Row>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t.srByUnit} size="small">
            {unitBars.length ? <Bars bars={unitBars} max={100} testId="sr-chart-units" /> : t.srNoData}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t.srByElement} size="small">
            {elementBars.length ? (
              <Bars bars={elementBars} max={100} testId="sr-chart-elements" />
            ) : (
              t.srNoData
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t.srTable} size="small">
        <Table<Row>
          size="small"
          pagination={false}
          dataSource={rowsOf(v, t.srWholeUnit)}
          columns={columns}
          scroll={{ x: 980 }}
          expandable={{ defaultExpandAllRows: true }}
          data-testid="sr-table"
        />
      </Card>
      <Card title={t.srSubtrees} size="small">
        <Table
          size="small"
          pagination={false}
          rowKey="unitId"
          dataSource={v.subtrees}
          scroll={{ x: 640 }}
          columns={[
            {
              title: t.srUnit,
              dataIndex: 'unitName',
              render: (name: string, s) => <span style={{ paddingLeft: s.depth * 16 }}>{name}</span>,
            },
            { title: t.srReturned, dataIndex: 'returned', align: 'right', width: 80 },
            { title: t.srValid, dataIndex: 'valid', align: 'right', width: 80 },
            {
              title: `${t.srIndex} %`,
              key: 'i',
              align: 'right',
              width: 170,
              render: (_, s) => (
                <span>
                  <b>{pct(s.index.index)}</b>
                  {s.margin !== null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      {fill(t.srMargin, { m: num(s.margin) })}
                    </Typography.Text>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
      {detail && (
        <DetailDrawer view={v} unitName={detail.unit} field={detail.f} onClose={() => setDetail(null)} />
      )}
      {externalOpen && <ExternalDialog view={v} onChanged={refresh} onClose={() => setExternalOpen(false)} />}
      <Modal
        open={publishing}
        title={t.srPublishConfirm}
        okText={t.srPublish}
        cancelText={t.cancel}
        maskClosable={false}
        onCancel={() => setPublishing(false)}
        onOk={() =>
          publishSurveyResults(id, note.trim() || undefined)
            .then(() => {
              setPublishing(false);
              refresh();
            })
            .catch((e: unknown) => {
              void message.error(errText(e));
            })
        }
      >
        <Alert type="warning" showIcon message={t.srPublishHint} style={{ marginBottom: 12 }} />
        <Input.TextArea
          placeholder={t.srReasonOptional}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
