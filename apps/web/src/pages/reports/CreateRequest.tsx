/** A coordinator asks for Mẫu 01 (citizen campaign) or Mẫu 02 (agency campaign) of a campaign: the
 * due day defaults to the campaign's deadline, the receiving unit to the campaign's owner, the units
 * asked to the surveyed units directly under the owner. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportCampaignListT } from '@chiso/contracts';
import { App, DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { get } from '../../api/http.ts';
import { createReportRequest } from '../../api/reports.ts';
import { listUnits } from '../../api/units.ts';
import { useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText, isFormValidationError } from '../../ui/errors.ts';

type Values = { campaignId: string; dueOn?: Dayjs; receivingUnitId?: string };

export function CreateRequest({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const campaigns = useQuery({
    queryKey: ['survey-campaigns'],
    queryFn: () => get<ReportCampaignListT>('/api/survey-campaigns'),
  });
  const units = useQuery({ queryKey: ['units', 'all'], queryFn: () => listUnits() });
  const campaignId = Form.useWatch('campaignId', form);
  const campaign = campaigns.data?.items.find((c) => c.id === campaignId);
  // the units of the campaign owner's subtree (by parent links)
  const under = new Set<string>(campaign ? [campaign.ownerUnitId] : []);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units.data?.items ?? [])
      if (u.parentId && under.has(u.parentId) && !under.has(u.id)) {
        under.add(u.id);
        grew = true;
      }
  }
  const submit = async () => {
    try {
      const v = await form.validateFields();
      const c = campaigns.data!.items.find((x) => x.id === v.campaignId)!;
      const r = await createReportRequest({
        kind: c.respondentKind === 'agency' ? 'survey_mau02' : 'survey_mau01',
        campaignId: v.campaignId,
        ...(v.dueOn ? { dueOn: isoDate(v.dueOn) } : {}),
        ...(v.receivingUnitId ? { receivingUnitId: v.receivingUnitId } : {}),
      });
      message.success(t.rpCreated);
      await qc.invalidateQueries({ queryKey: ['report-requests'] });
      onClose();
      void navigate(`/reports/${r.id}`);
    } catch (e) {
      if (!isFormValidationError(e)) message.error(errText(e));
    }
  };
  return (
    <Modal open title={t.rpCreateTitle} onCancel={onClose} onOk={() => void submit()} okText={t.rpCreate}>
      <Form form={form} layout="vertical">
        <Form.Item name="campaignId" label={t.rpCampaign} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={campaigns.isLoading}
            options={(campaigns.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.code} — ${c.name} (${c.ownerUnitName}) — ${c.respondentKind === 'agency' ? 'Mẫu 02' : 'Mẫu 01'}`,
            }))}
            data-testid="rp-campaign"
          />
        </Form.Item>
        <Form.Item name="dueOn" label={t.rpDue} extra={t.rpDueDefault}>
          <DatePicker format={PICKER_DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="receivingUnitId" label={t.rpReceiver} extra={t.rpReceiverDefault}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(units.data?.items ?? [])
              .filter((u) => under.has(u.id))
              .map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
