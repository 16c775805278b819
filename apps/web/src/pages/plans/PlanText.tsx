/** A plan's text on its page: shown as it prints (headings, paragraphs, bullets), "Kính gửi" of a
 * công văn and "Nơi nhận"; edited by the issuer's writers (a stale revision is refused); downloaded
 * as Word or PDF in the layout of NĐ 30/2020 with its annexed outlines. */
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { blocksFromText } from '@chiso/domain';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { getPlanText, planDocumentUrl, savePlanText } from '../../api/planText.ts';
import { useT } from '../../i18n.ts';
import { download } from '../../ui/download.ts';
import { errText } from '../../ui/errors.ts';

const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function PlanTextCard({ id, congVan }: { id: string; congVan: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['plan-text', id], queryFn: () => getPlanText(id) });
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ text: string; addressees: string; recipients: string }>();
  const d = q.data;
  const save = async () => {
    if (!d) return;
    setError(null);
    const v = form.getFieldsValue();
    try {
      await savePlanText(id, {
        baseRevision: d.revision,
        text: v.text ?? '',
        addressees: lines(v.addressees),
        recipients: lines(v.recipients),
      });
      message.success(t.ptSaved);
      setEditing(false);
      await qc.invalidateQueries({ queryKey: ['plan-text', id] });
    } catch (e) {
      setError(errText(e));
    }
  };
  const blocks = blocksFromText(d?.text ?? '');
  return (
    <Card
      size="small"
      loading={q.isLoading}
      title={t.ptTitle}
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(planDocumentUrl(id, 'docx'))}
            data-testid="pt-word"
          >
            {t.ptWord}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void download(planDocumentUrl(id, 'pdf'))}>
            {t.ptPdf}
          </Button>
          {d?.canWrite && !editing && (
            <Button
              icon={<EditOutlined />}
              onClick={() => {
                form.setFieldsValue({
                  text: d.text,
                  addressees: d.addressees.join('\n'),
                  recipients: d.recipients.join('\n'),
                });
                setEditing(true);
              }}
              data-testid="pt-edit"
            >
              {t.ptEdit}
            </Button>
          )}
        </Space>
      }
    >
      {q.error && <Alert type="error" showIcon message={errText(q.error)} />}
      {editing ? (
        <Form form={form} layout="vertical">
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          {congVan && (
            <Form.Item name="addressees" label={t.ptAddressees}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          )}
          <Form.Item name="text" label={t.ptText} extra={t.ptTextHint}>
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 30 }} data-testid="pt-text" />
          </Form.Item>
          <Form.Item name="recipients" label={t.ptRecipients}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Space>
            <Button type="primary" onClick={() => void save()} data-testid="pt-save">
              {t.ptSave}
            </Button>
            <Button onClick={() => setEditing(false)}>{t.ptCancel}</Button>
          </Space>
        </Form>
      ) : d && !blocks.length ? (
        <Typography.Text type="secondary">{t.ptEmpty}</Typography.Text>
      ) : (
        <div style={{ maxHeight: 480, overflow: 'auto' }} data-testid="pt-view">
          {congVan && d && d.addressees.length > 0 && (
            <Typography.Paragraph>Kính gửi: {d.addressees.join('; ')}.</Typography.Paragraph>
          )}
          {blocks.map((b, i) =>
            b.kind === 'heading' ? (
              <Typography.Paragraph key={i} strong style={{ marginBottom: 4 }}>
                {b.text}
              </Typography.Paragraph>
            ) : b.kind === 'bullets' ? (
              <ul key={i} style={{ marginTop: 0 }}>
                {b.items.map((it, k) => (
                  <li key={k}>{it}</li>
                ))}
              </ul>
            ) : b.kind === 'table' ? (
              <div key={i} style={{ overflowX: 'auto', marginBottom: 12 }}>
                <table className="pt-table" style={{ borderCollapse: 'collapse', minWidth: 360 }}>
                  <thead>
                    <tr>
                      {b.header.map((h, k) => (
                        <th key={k} style={{ border: '1px solid #d9d9d9', padding: '2px 6px' }}>
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, k) => (
                      <tr key={k}>
                        {r.map((c, m) => (
                          <td key={m} style={{ border: '1px solid #d9d9d9', padding: '2px 6px' }}>
                            {c}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <Typography.Paragraph key={i} style={{ textAlign: 'justify' }}>
                {b.text}
              </Typography.Paragraph>
            ),
          )}
        </div>
      )}
    </Card>
  );
}
