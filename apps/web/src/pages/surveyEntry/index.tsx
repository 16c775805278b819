/** /surveys/:id/entry — paper ballots of a campaign: choose the unit and field once, then type one
 * ballot a screen with the keyboard only; today's ballots of the reader below, with invalidation for
 * those who may; the import of a filled template in a dialog. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyBallotViewT } from '@chiso/contracts';
import type { SurveyForm } from '@chiso/domain';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { decideBallot, getCampaign, getForm, listBallots } from '../../api/surveyBallots.ts';
import { fill, useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';
import { BallotForm, nextSerial } from './BallotForm.tsx';
import { ImportDialog } from './ImportDialog.tsx';

/** Today in Asia/Ho_Chi_Minh, yyyy-mm-dd. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const timeVi = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

export default function SurveyEntry() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const campaign = useQuery({ queryKey: ['survey-campaign', id], queryFn: () => getCampaign(id) });
  const formId = campaign.data?.formId;
  const form = useQuery({
    queryKey: ['survey-form', formId],
    queryFn: () => getForm(formId!),
    enabled: !!formId,
  });
  const mine = useQuery({
    queryKey: ['survey-ballots', id, 'mine', today()],
    queryFn: () => listBallots(id, { mine: 'true', since: today(), pageSize: 100 }),
  });
  const last = useQuery({
    queryKey: ['survey-ballots', id, 'last'],
    queryFn: () => listBallots(id, { mine: 'true', mode: 'paper', pageSize: 1 }),
  });
  const targets = useMemo(
    () => (campaign.data?.targets ?? []).filter((x) => x.link !== null),
    [campaign.data],
  );
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const [started, setStarted] = useState<{ unitId: string; fieldCode: string; label: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const [invalidating, setInvalidating] = useState<SurveyBallotViewT | null>(null);
  const [reason, setReason] = useState('');

  const refresh = () => void qc.invalidateQueries({ queryKey: ['survey-ballots', id] });

  if (campaign.isError)
    return <Alert type="error" showIcon title={errText(campaign.error) || t.sbNotFound} />;
  if (!campaign.data || (formId && !form.data) || last.isLoading) return <Spin />;
  const definition = form.data?.definition as SurveyForm | undefined;
  const lastSerial = last.data?.items[0]?.serial;
  const optionOf = (x: (typeof targets)[number]) => ({
    value: `${x.unitId}|${x.fieldCode}`,
    label: `${x.unitName} — ${x.fieldName}`,
  });

  function start() {
    const x = targets.find((y) => `${y.unitId}|${y.fieldCode}` === choice);
    if (x) setStarted({ unitId: x.unitId, fieldCode: x.fieldCode, label: optionOf(x).label });
  }

  async function invalidate() {
    if (!invalidating) return;
    try {
      await decideBallot(id, invalidating.id, 'invalidate', { reason });
      message.success(t.sbInvalidated);
      setInvalidating(null);
      setReason('');
      refresh();
    } catch (e) {
      message.error(errText(e));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t.sbTitle}
          </Typography.Title>
          <Typography.Text type="secondary">
            {campaign.data.name} ({campaign.data.code})
          </Typography.Text>
        </div>
        <Button onClick={() => setImporting(true)} data-testid="open-import">
          {t.sbImport}
        </Button>
      </Space>
      {targets.length === 0 ? (
        <Alert type="info" showIcon title={t.sbNoTargets} />
      ) : !started || !definition ? (
        <Card title={t.sbChooseTarget}>
          <Typography.Paragraph type="secondary">{t.sbChooseTargetHelp}</Typography.Paragraph>
          <Space wrap>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 280, maxWidth: '100%' }}
              value={choice}
              onChange={setChoice}
              options={targets.map(optionOf)}
              placeholder={t.sbChooseTarget}
              data-testid="entry-target"
            />
            <Button type="primary" disabled={!choice} onClick={start} data-testid="entry-start">
              {t.sbStart}
            </Button>
          </Space>
        </Card>
      ) : (
        <Card
          title={started.label}
          extra={
            <Button type="link" onClick={() => setStarted(null)}>
              {t.sbChange}
            </Button>
          }
        >
          <BallotForm
            key={`${started.unitId}|${started.fieldCode}`}
            campaignId={id}
            form={definition}
            unitId={started.unitId}
            fieldCode={started.fieldCode}
            firstSerial={lastSerial ? nextSerial(lastSerial) : '0001'}
            onSaved={refresh}
          />
        </Card>
      )}
      <Card title={t.sbToday}>
        <Table<SurveyBallotViewT>
          size="small"
          rowKey="id"
          loading={mine.isLoading}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: t.sbNone }}
          pagination={false}
          scroll={{ x: true }}
          data-testid="today-ballots"
          columns={[
            { title: t.sbSerial, dataIndex: 'serial', render: (v: string | null) => v ?? '—' },
            { title: t.unit, dataIndex: 'unitName', responsive: ['md'] },
            { title: t.sbCreatedAt, dataIndex: 'createdAt', render: timeVi },
            {
              title: t.sbFlags,
              dataIndex: 'flags',
              render: (flags: string[]) =>
                flags
                  .filter((f) => t.sbFlagLabels[f])
                  .map((f) => (
                    <Tag key={f} color="orange">
                      {t.sbFlagLabels[f]}
                    </Tag>
                  )),
            },
            {
              title: t.sbState,
              render: (_: unknown, b) =>
                b.invalidReason ? (
                  <Typography.Text type="danger">
                    {fill(t.sbInvalid, { reason: b.invalidReason })}
                  </Typography.Text>
                ) : b.canDecide ? (
                  <Button size="small" danger onClick={() => setInvalidating(b)}>
                    {t.sbInvalidate}
                  </Button>
                ) : (
                  t.sbValid
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={invalidating !== null}
        title={fill(t.sbInvalidateTitle, { serial: invalidating?.serial ?? '' })}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        okText={t.sbInvalidate}
        cancelText={t.cancel}
        onOk={() => void invalidate()}
        onCancel={() => setInvalidating(null)}
      >
        <label>
          {t.sbReason}
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
        </label>
      </Modal>
      <ImportDialog
        campaignId={id}
        open={importing}
        onClose={(imported) => {
          setImporting(false);
          if (imported) refresh();
        }}
      />
    </Space>
  );
}
