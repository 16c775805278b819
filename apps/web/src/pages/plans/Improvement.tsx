/** Draft an improvement plan from a result (/plans/improvement/:resultId; seed 004): every field of the
 * result with its points and the points lost (the criteria that lost them), the lead and coordinating
 * units suggested from the unit's stored mapping, editable; the number and the day of issue. Making it
 * records the plan and opens it, where its text is edited and downloaded as Word. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImprovementDraftT } from '@chiso/contracts';
import { searchKey } from '@chiso/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { createImprovementPlan, getImprovementDraft } from '../../api/improvement.ts';
import { fill, useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';
import { vn } from '../results/format.ts';

type Field = ImprovementDraftT['fields'][number];
type Lead = { leadUnitId: string | null; coordinating: string };

const byKey = (input: string, option?: { label?: unknown }) =>
  searchKey(String(option?.label ?? '')).includes(searchKey(input));

export default function Improvement() {
  const { t } = useT();
  const { resultId = '' } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const q = useQuery({ queryKey: ['improvement', resultId], queryFn: () => getImprovementDraft(resultId) });
  const [leads, setLeads] = useState<Record<string, Lead>>({});
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState<Dayjs | null>(dayjs());
  const [remember, setRemember] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const d = q.data;
  useEffect(() => {
    if (d)
      setLeads(
        Object.fromEntries(
          d.fields.map((f) => [f.code, { leadUnitId: f.leadUnitId, coordinating: f.coordinating }]),
        ),
      );
  }, [d]);
  if (q.error) return <Alert type="error" showIcon message={errText(q.error)} />;
  if (!d) return <Card loading />;
  const set = (code: string, patch: Partial<Lead>) =>
    setLeads((x) => ({ ...x, [code]: { ...x[code]!, ...patch } }));
  const make = async () => {
    setError(null);
    if (!number.trim() || !issuedOn) {
      setError(t.imNeedNumber);
      return;
    }
    setBusy(true);
    try {
      const r = await createImprovementPlan({
        resultId,
        number: number.trim(),
        issuedOn: isoDate(issuedOn),
        remember,
        items: d.fields.map((f) => ({
          fieldCode: f.code,
          leadUnitId: leads[f.code]?.leadUnitId ?? null,
          coordinating: leads[f.code]?.coordinating ?? '',
        })),
      });
      message.success(t.imCreated);
      await qc.invalidateQueries({ queryKey: ['plans'] });
      void nav(`/plans/${r.id}`);
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={
        <span style={{ whiteSpace: 'normal' }}>
          <Link to="/plans">{t.plBack}</Link> / {t.imTitle}
        </span>
      }
    >
      <Typography.Paragraph strong data-testid="im-title">
        {d.title}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {fill(t.imFrom, { year: d.year, unit: d.unitName, total: vn(d.total), max: vn(d.max) })}
      </Typography.Paragraph>
      <Table<Field>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={d.fields}
        scroll={{ x: 900 }}
        data-testid="im-fields"
        columns={[
          {
            title: t.imField,
            width: 260,
            render: (_, f) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {f.code}. {f.title}
                </Typography.Text>
                {f.lostCriteria.map((c) => (
                  <Typography.Text key={c.code} type="secondary" style={{ fontSize: 12 }}>
                    {c.code} {c.title}: {vn(c.points)}/{vn(c.max)}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          { title: t.imPoints, width: 90, render: (_, f) => `${vn(f.points)}/${vn(f.max)}` },
          {
            title: t.imLost,
            width: 100,
            render: (_, f) =>
              f.lost === '0' ? <Tag color="green">{t.imFull}</Tag> : <Tag color="orange">{vn(f.lost)}</Tag>,
          },
          {
            title: t.imLead,
            width: 220,
            render: (_, f) => (
              <Select
                style={{ width: '100%' }}
                allowClear
                showSearch
                filterOption={byKey}
                placeholder={t.imNoLead}
                value={leads[f.code]?.leadUnitId ?? undefined}
                onChange={(v: string | undefined) => set(f.code, { leadUnitId: v ?? null })}
                options={d.units.map((u) => ({ value: u.id, label: u.name }))}
                data-testid={`im-lead-${f.code}`}
              />
            ),
          },
          {
            title: t.imCoordinating,
            render: (_, f) => (
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                value={leads[f.code]?.coordinating ?? ''}
                onChange={(e) => set(f.code, { coordinating: e.target.value })}
              />
            ),
          },
        ]}
      />
      {d.canWrite && (
        <Form layout="vertical" style={{ marginTop: 16, maxWidth: 520 }}>
          {error && (
            <Alert
              type="error"
              showIcon
              message={error}
              style={{ marginBottom: 12 }}
              data-testid="im-error"
            />
          )}
          <Form.Item label={t.imNumber} extra={t.imNumberHint} required>
            <Input value={number} onChange={(e) => setNumber(e.target.value)} data-testid="im-number" />
          </Form.Item>
          <Form.Item label={t.imIssuedOn} required>
            <DatePicker format={PICKER_DATE_FORMAT} value={issuedOn} onChange={setIssuedOn} />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)}>
              {t.imRemember}
            </Checkbox>
          </Form.Item>
          <Button type="primary" loading={busy} onClick={() => void make()} data-testid="im-create">
            {t.imCreate}
          </Button>
        </Form>
      )}
    </Card>
  );
}
