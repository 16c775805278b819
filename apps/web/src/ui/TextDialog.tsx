/** A dialog asking for one text (a reason, an answer) before an action. It owns what is typed; the
 * OK button waits for `onSubmit` and the dialog closes when it succeeds. When `onSubmit` fails
 * (rejects), the dialog stays open with the text as typed and says why inside it. `onClose` runs
 * once the dialog has gone, to unmount it. Not closed by a click beside it, so that nothing typed
 * is lost by accident. */
import { Alert, Input, Modal, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n.ts';
import { errText } from './errors.ts';

/** Runs a dialog's request: closes on success, keeps the dialog (and what is typed) on failure with
 * the error shown in it. */
export function useDialogSubmit(close: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      close();
    } catch (e) {
      setError(errText(e, 'problems'));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** The error of a failed request, inside its dialog. */
export function DialogError({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon message={error} data-testid="dialog-error" /> : null;
}

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
  const { busy, error, run } = useDialogSubmit(() => setOpen(false));
  const submit = () => run(() => onSubmit(text));
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
      <Space direction="vertical" style={{ width: '100%' }}>
        {description && <Typography.Text>{description}</Typography.Text>}
        {box}
        <DialogError error={error} />
      </Space>
    </Modal>
  );
}
