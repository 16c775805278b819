/** Evidence for a criterion: a document already uploaded by the unit (one document serves several
 * criteria) or a new one (number and symbol, date, issuer, summary, the file), with where in it the
 * criterion is shown. */
import { UploadOutlined } from '@ant-design/icons';
import type { EvidenceListT } from '@chiso/contracts';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { linkEvidence, uploadEvidence } from '../../api/assessments.ts';
import { fill, useT } from '../../i18n.ts';
import { isoDate, PICKER_DATE_FORMAT } from '../../ui/dates.ts';
import { errText } from '../../ui/errors.ts';

interface DocumentForm {
  numberSymbol: string;
  issuedOn: Dayjs;
  issuer: string;
  summary: string;
}

export function EvidenceModal({
  unitId,
  assessmentId,
  code,
  existing,
  onClose,
}: {
  unitId: string;
  assessmentId: string;
  code: string;
  existing: EvidenceListT['items'];
  onClose: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DocumentForm>();
  const [locator, setLocator] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [pick, setPick] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const link = (evidenceId: string) => linkEvidence(assessmentId, code, { evidenceId, locator });
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (pick) await link(pick);
      else {
        const v = await form.validateFields();
        if (!file) throw new Error(t.asFileMissing);
        const uploaded = await uploadEvidence(
          unitId,
          {
            numberSymbol: v.numberSymbol,
            issuedOn: isoDate(v.issuedOn),
            issuer: v.issuer,
            summary: v.summary,
          },
          file,
        );
        await link(uploaded.id);
      }
      message.success(t.asEvidenceLinked);
      onClose();
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={fill(t.asEvidenceTitle, { code })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={busy}
      okButtonProps={{ id: 'evidence-save' }}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 8 }}
          data-testid="evidence-error"
        />
      )}
      {existing.length > 0 && (
        <Select
          allowClear
          style={{ width: '100%', marginBottom: 12 }}
          placeholder={t.asPickExisting}
          value={pick}
          onChange={setPick}
          options={existing.map((e) => ({ value: e.id, label: `${e.numberSymbol} — ${e.summary}` }))}
        />
      )}
      <Form form={form} layout="vertical" disabled={!!pick}>
        <Form.Item
          name="numberSymbol"
          label={t.asNumberSymbol}
          rules={[{ required: !pick, message: t.asNumberSymbolRequired }]}
        >
          <Input placeholder={t.asNumberSymbolExample} />
        </Form.Item>
        <Form.Item
          name="issuedOn"
          label={t.asIssuedOn}
          rules={[{ required: !pick, message: t.asIssuedOnRequired }]}
        >
          <DatePicker format={PICKER_DATE_FORMAT} />
        </Form.Item>
        <Form.Item
          name="issuer"
          label={t.asIssuer}
          rules={[{ required: !pick, message: t.asIssuerRequired }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t.asSummary}
          rules={[{ required: !pick, message: t.asSummaryRequired }]}
        >
          <Input.TextArea autoSize />
        </Form.Item>
        <Upload
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          maxCount={1}
          accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg"
        >
          <Button icon={<UploadOutlined />} data-testid="evidence-file">
            {t.asChooseFile}
          </Button>
        </Upload>
      </Form>
      <Typography.Text style={{ display: 'block', marginTop: 12 }}>{t.asLocator}</Typography.Text>
      <Input
        placeholder={t.asLocatorExample}
        value={locator}
        onChange={(e) => setLocator(e.target.value)}
        data-testid="evidence-locator"
      />
    </Modal>
  );
}
