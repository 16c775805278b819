/** A counted criterion in self-assessment (issue #16 item 3): the value the records give, offered with
 * its points and links to the records counted; the unit takes it in one click, or types another value
 * with a reason (the server refuses another value without one). */
import type { AssessmentNodeT, ItemSaveBodyT } from '@chiso/contracts';
import { Button, Space, Tag, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { AutoSave, type EditorProps } from './AutoSave.tsx';

export function CountedCell({
  n,
  canEdit,
  placeholder,
  editor,
  saveItem,
}: {
  n: AssessmentNodeT;
  canEdit: boolean;
  placeholder: string;
  editor: ((p: EditorProps) => ReactNode | undefined) | undefined;
  saveItem: (code: string, body: ItemSaveBodyT) => Promise<string | null>;
}) {
  const { t } = useT();
  const c = n.count!;
  const typed = useRef(n.inputText ?? '');
  const [reason, setReason] = useState(c.reason ?? '');
  const taken = c.offerText !== null && (n.inputText ?? '') === c.offerText;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid={`count-${n.code}`}>
      <div style={{ fontSize: 12 }}>
        <Tag color={c.offerText !== null ? 'blue' : 'default'}>{t.cpOffered}</Tag>
        <Typography.Text data-testid={`count-text-${n.code}`}>{c.text}</Typography.Text>
      </div>
      {canEdit && c.offerText !== null && !taken && (
        <Button
          size="small"
          type="primary"
          ghost
          data-testid={`count-use-${n.code}`}
          onClick={() => {
            typed.current = c.offerText!;
            void saveItem(n.code, { text: c.offerText! });
          }}
        >
          {fill(t.cpUseOfferValue, { value: c.offerText })}
        </Button>
      )}
      <AutoSave
        value={n.inputText ?? ''}
        disabled={!canEdit}
        testId={`input-${n.code}`}
        placeholder={placeholder}
        editor={editor}
        onSave={(text) => {
          typed.current = text;
          return saveItem(n.code, { text, ...(reason.trim() ? { offerReason: reason } : {}) });
        }}
      />
      {(c.differs || (canEdit && c.offerText !== null)) && (
        <div>
          <Typography.Text type={c.differs && !c.reason ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {t.cpReason}
          </Typography.Text>
          <AutoSave
            multiline
            value={c.reason ?? ''}
            disabled={!canEdit}
            testId={`count-reason-${n.code}`}
            placeholder={t.cpReasonHint}
            onSave={(r) => {
              setReason(r);
              return saveItem(n.code, { text: typed.current, offerReason: r }).then(() => null);
            }}
          />
        </div>
      )}
      {c.records.length > 0 && (
        <details data-testid={`count-records-${n.code}`} open={c.records.length <= 6}>
          <summary style={{ fontSize: 12, cursor: 'pointer' }}>
            {t.cpRecordsCounted} ({c.records.length})
          </summary>
          <ul style={{ margin: 0, paddingLeft: 16, fontSize: 12 }}>
            {c.records.map((r) => (
              <li key={`${r.kind}-${r.id}-${r.unitName}`}>
                <Link to={r.href}>{r.title}</Link>{' '}
                <Typography.Text type={r.counts ? 'success' : 'warning'}>
                  {dateOrDash(r.date)} · {r.stateText}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Space>
  );
}
