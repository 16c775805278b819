/** A dialog asking for one text (a reason, an answer) before an action. It owns what is typed; the
 * OK button waits for `onSubmit` and the dialog closes when it is done (`onSubmit` reports its own
 * errors to the user); `onClose` runs once the dialog has gone, to unmount it. Not closed by a click
 * beside it, so that nothing typed is lost by accident. */
import { Input, Modal, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n.ts';

/** The confirm-dialog width of antd, which these dialogs replaced. */
export const DIALOG_WIDTH = 416;

export function TextDialog({
  title,
  description,
  placeholder,
  okText,
  danger,
  testId,
  onSubmit,
  onClose,
}: {
  title: ReactNode;
  /** Shown above the text box. */
  description?: ReactNode;
  placeholder: string;
  okText: string;
  danger?: boolean;
  testId?: string;
  onSubmit: (text: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(true);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await onSubmit(text);
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  const box = (
    <Input.TextArea
      placeholder={placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      data-testid={testId}
    />
  );
  return (
    <Modal
      open={open}
      title={title}
      width={DIALOG_WIDTH}
      closable={false}
      maskClosable={false}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t.cancel}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
    >
      {description ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{description}</Typography.Text>
          {box}
        </Space>
      ) : (
        box
      )}
    </Modal>
  );
}
