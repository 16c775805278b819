/** The appraiser's two dialogs on a criterion: another score ("Chấm lại": the appraised input and a
 * reason) or a request for explanation or supplementation (what to supply, by when: a day between
 * today and the end of the supplementation stage, five days on by default). A failed request keeps
 * the dialog and what was typed, with the error inside it. */
import type { AppraiseBodyT, AppraisalViewT } from '@chiso/contracts';
import { DatePicker, Input, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash, isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { DIALOG_WIDTH, DialogError, useDialogSubmit } from '../../ui/TextDialog.tsx';

export function AppraiseDialog({
  kind,
  code,
  window: w,
  onSubmit,
  onClose,
}: {
  kind: 'set' | 'supplement';
  code: string;
  /** Where a request's due date may fall (from the server). */
  window: AppraisalViewT['supplementWindow'] | undefined;
  onSubmit: (body: AppraiseBodyT) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(true);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [due, setDue] = useState<Dayjs | null>(w ? dayjs(w.defaultDueOn) : null);
  const { busy, error, run } = useDialogSubmit(() => setOpen(false));
  const body = (): AppraiseBodyT => {
    switch (kind) {
      case 'set':
        return { action: kind, text, reason };
      case 'supplement':
        return { action: kind, message, ...(due ? { dueOn: isoDate(due) } : {}) };
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
      onOk={() => void run(() => onSubmit(body()))}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {kind === 'set' ? (
          <>
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
          </>
        ) : (
          <>
            <Input.TextArea
              placeholder={t.asSupplementMessage}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              data-testid="appraise-message"
            />
            <DatePicker
              format={PICKER_DATE_FORMAT}
              value={due}
              onChange={setDue}
              data-testid="appraise-due"
              disabledDate={(d) => !!w && (d.isBefore(dayjs(w.from), 'day') || d.isAfter(dayjs(w.to), 'day'))}
            />
            {w && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fill(t.rdDueWithin, { from: dateOrDash(w.from), to: dateOrDash(w.to) })}
              </Typography.Text>
            )}
          </>
        )}
        <DialogError error={error} />
      </Space>
    </Modal>
  );
}
