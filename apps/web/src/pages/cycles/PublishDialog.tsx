/** Publishing a cycle's results: the number and date of the decision, after saying what publishing
 * means; a refusal is shown in the dialog, which keeps what was typed. */
import type { PublishBodyT } from '@chiso/contracts';
import { Alert, DatePicker, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { DIALOG_WIDTH, DialogError, useDialogSubmit } from '../../ui/TextDialog.tsx';

export function PublishDialog({
  onSubmit,
  onClose,
}: {
  onSubmit: (body: PublishBodyT) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(true);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState<Dayjs | null>(dayjs());
  const { busy, error, run } = useDialogSubmit(() => setOpen(false));
  const submit = () =>
    run(() => onSubmit({ decisionNumber: number, decisionDate: date ? isoDate(date) : '' }));
  return (
    <Modal
      open={open}
      title={t.cyPublish}
      width={DIALOG_WIDTH}
      closable={false}
      maskClosable={false}
      okText={t.cyPublishOk}
      cancelText={t.cancel}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon message={t.rdPublishWarning} />
        <Input
          placeholder={t.cyDecisionNumber}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          data-testid="publish-number"
        />
        <DatePicker format={PICKER_DATE_FORMAT} value={date} onChange={setDate} />
        <DialogError error={error} />
      </Space>
    </Modal>
  );
}
