/** The appraiser's two dialogs on a criterion: another score ("Chấm lại": the appraised input and a
 * reason) or a request for explanation or supplementation (what to supply, by when). */
import type { AppraiseBodyT } from '@chiso/contracts';
import { DatePicker, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fill, useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { DIALOG_WIDTH } from '../../ui/TextDialog.tsx';

/** Days a unit is given to answer, by default. */
const ANSWER_DAYS = 5;

export function AppraiseDialog({
  kind,
  code,
  onSubmit,
  onClose,
}: {
  kind: 'set' | 'supplement';
  code: string;
  onSubmit: (body: AppraiseBodyT) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(true);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [due, setDue] = useState<Dayjs | null>(dayjs().add(ANSWER_DAYS, 'day'));
  const [busy, setBusy] = useState(false);
  const body = (): AppraiseBodyT => {
    switch (kind) {
      case 'set':
        return { action: kind, text, reason };
      case 'supplement':
        return { action: kind, message, dueOn: due ? isoDate(due) : '' };
    }
  };
  const submit = async () => {
    setBusy(true);
    try {
      await onSubmit(body());
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={fill(kind === 'set' ? t.asSetTitle : t.asSupplementTitle, { code })}
      width={DIALOG_WIDTH}
      closable={false}
      maskClosable={false}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
    >
      {kind === 'set' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            placeholder={t.asAppraisedText}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="appraise-text"
          />
          <Input.TextArea
            placeholder={t.asSetReason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="appraise-reason"
          />
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            placeholder={t.asSupplementMessage}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            data-testid="appraise-message"
          />
          <DatePicker format={PICKER_DATE_FORMAT} value={due} onChange={setDue} />
        </Space>
      )}
    </Modal>
  );
}
