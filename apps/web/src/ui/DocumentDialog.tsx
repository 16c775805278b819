/** Before a document is downloaded: the issuing body as it will print, the number symbol, place and
 * date, the signer (the unit's head by default, or a deputy: "KT."), and the legal-basis lines marked
 * as examples that will print as "Căn cứ …………………;" to fill by hand. The server checks the signer. */
import type { DocumentIssuerViewT } from '@chiso/contracts';
import { formatDateVi } from '@chiso/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { get } from '../api/http.ts';
import { useT } from '../i18n.ts';
import { download } from './download.ts';
import { errText } from './errors.ts';

export type DocFormat = 'docx' | 'pdf' | 'xlsx';

export function DocumentDialog({
  open,
  title,
  issuerUrl,
  formats,
  urlFor,
  onClose,
}: {
  open: boolean;
  title: string;
  /** The route that describes the issuer (`…/issuer`). */
  issuerUrl: string;
  formats: readonly DocFormat[];
  /** The download URL for a format and a signer ("head", "deputy-0"), or null for the default. */
  urlFor: (format: DocFormat, signer: string | null) => string;
  onClose: () => void;
}) {
  const { t } = useT();
  const q = useQuery({
    queryKey: ['document-issuer', issuerUrl],
    queryFn: () => get<DocumentIssuerViewT>(issuerUrl),
    enabled: open,
  });
  const [signer, setSigner] = useState<string | null>(null);
  const v = q.data;
  const chosen = signer ?? v?.defaultSigner ?? null;
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} width={620} destroyOnHidden>
      {q.isLoading && <Typography.Text type="secondary">{t.docLoading}</Typography.Text>}
      {q.error && <Alert type="error" message={errText(q.error)} />}
      {v && (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t.docIssuing}>
              {v.issuingLines.map((l, i) => (
                <div key={i} style={{ whiteSpace: 'nowrap' }}>
                  {l}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t.docSymbolDate}>
              {`Số: …/${v.symbol} — ${v.place}, ${formatDateVi(v.date)}`}
            </Descriptions.Item>
            <Descriptions.Item label={t.docSigner}>
              {v.signers.length > 0 ? (
                <Select
                  style={{ width: '100%' }}
                  value={chosen}
                  onChange={setSigner}
                  data-testid="doc-signer"
                  options={v.signers.map((s) => ({
                    value: s.key,
                    label: `${s.position.join(' / ')} — ${s.name}`,
                  }))}
                />
              ) : (
                <Typography.Text type="secondary">{t.docNoSigner}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
          {v.exampleBasis.length > 0 && (
            <Alert
              type="warning"
              style={{ marginBottom: 12 }}
              message={t.docExampleBasis}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {v.exampleBasis.map((b, i) => (
                    <li key={i}>{b}</li>
                  ))}
                </ul>
              }
            />
          )}
        </>
      )}
      <Space>
        {formats.map((f) => (
          <Button key={f} onClick={() => download(urlFor(f, chosen))} data-testid={`doc-download-${f}`}>
            {t.downloadAs[f]}
          </Button>
        ))}
      </Space>
    </Modal>
  );
}

/** `url` with the signer added ("&signer=deputy-0"), unless it is the default. */
export const withSigner = (url: string, signer: string | null) =>
  signer && signer !== 'head' ? `${url}&signer=${encodeURIComponent(signer)}` : url;
