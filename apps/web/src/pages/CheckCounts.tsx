/** The checks a table check made, by kind, and what it could not check and why (the server's reasons,
 * in Vietnamese as the notes are). */
import type { CheckTableViewT } from '@chiso/contracts';
import { Alert, Tag, Typography } from 'antd';
import { fill, useT } from '../i18n.ts';

const KINDS = ['sums', 'indexes', 'ranks', 'changes', 'maxima'] as const;

export function CheckCounts({ result }: { result: CheckTableViewT }) {
  const { t } = useT();
  const made = KINDS.reduce((n, k) => n + result.checks[k], 0);
  return (
    <div data-testid="check-counts" style={{ marginBottom: 12 }}>
      {result.transposed && (
        <Typography.Paragraph type="secondary" data-testid="check-transposed">
          {t.ctTransposed}
        </Typography.Paragraph>
      )}
      {made > 0 ? (
        <Typography.Paragraph>
          {fill(t.ctChecked, { n: made })}{' '}
          {KINDS.filter((k) => result.checks[k] > 0).map((k) => (
            <Tag key={k} color="green" data-testid={`check-count-${k}`}>
              {result.checks[k]} {t.ctKinds[k]}
            </Tag>
          ))}
        </Typography.Paragraph>
      ) : (
        <Alert type="warning" showIcon message={t.ctNothingChecked} data-testid="check-nothing" />
      )}
      {result.notChecked.length > 0 && (
        <>
          <Typography.Text strong>{t.ctNotChecked}:</Typography.Text>
          <ul data-testid="check-not-checked" style={{ marginTop: 4 }}>
            {result.notChecked.map((m, i) => (
              <li key={i}>
                {m.count} {t.ctKinds[m.kind]}: {m.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
