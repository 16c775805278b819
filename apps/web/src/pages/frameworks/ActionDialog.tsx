/** Publishing, retiring (with an optional reason) or cloning a framework to a new year. On failure
 * the message is shown and the dialog stays open. */
import { useQueryClient } from '@tanstack/react-query';
import type { FrameworkSummaryT } from '@chiso/contracts';
import { App, Input, InputNumber, Modal, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { cloneFramework, publishFramework, retireFramework } from '../../api/frameworks.ts';
import { useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';
import { DIALOG_WIDTH } from '../../ui/TextDialog.tsx';

export type FrameworkAction = 'publish' | 'retire' | 'clone';

export function ActionDialog({
  kind,
  framework: fw,
  onClose,
}: {
  kind: FrameworkAction;
  framework: FrameworkSummaryT;
  onClose: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [open, setOpen] = useState(true);
  const [reason, setReason] = useState('');
  const [year, setYear] = useState<number | null>(fw.yearFrom + 1);
  const [busy, setBusy] = useState(false);
  const request = () => {
    switch (kind) {
      case 'publish':
        return publishFramework(fw.id, reason);
      case 'retire':
        return retireFramework(fw.id, reason);
      case 'clone':
        return cloneFramework(fw.id, { year: Number(year) });
    }
  };
  const submit = async () => {
    setBusy(true);
    try {
      const r = await request();
      message.success(t.saved);
      await qc.invalidateQueries({ queryKey: ['frameworks'] });
      await qc.invalidateQueries({ queryKey: ['framework', fw.id] });
      setOpen(false);
      if (kind === 'clone') void nav(`/frameworks/${r.id}`);
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t.fwActions[kind]}
      width={DIALOG_WIDTH}
      closable={false}
      maskClosable={false}
      okText={t.fwActions[kind]}
      cancelText={t.cancel}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
    >
      {kind === 'clone' ? (
        <Space direction="vertical">
          <span>{t.fwCloneYear}</span>
          <InputNumber value={year} min={2000} max={2100} onChange={setYear} />
        </Space>
      ) : (
        <Input.TextArea placeholder={t.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
      )}
    </Modal>
  );
}
