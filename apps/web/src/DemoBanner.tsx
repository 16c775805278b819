import { ExperimentOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import type { Session } from './api/auth.ts';
import { useT } from './i18n.ts';

/** Shown on every page (the login page included) of a demo installation: the server answers
 * `demo: null` on a real one. */
export function DemoBanner({ session }: { session: Session }) {
  const { t } = useT();
  if (session.demo === null) return null;
  return (
    <Alert
      banner
      type="warning"
      showIcon
      icon={<ExperimentOutlined />}
      data-testid="demo-banner"
      role="status"
      title={<strong>{t.demoBanner}</strong>}
    />
  );
}
