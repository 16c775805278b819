/** A framework's status tag and who may change frameworks. */
import type { FrameworkSummaryT } from '@chiso/contracts';
import { roleAllows } from '@chiso/domain';
import { Tag } from 'antd';
import type { Session } from '../../api/auth.ts';
import { useT } from '../../i18n.ts';

const STATUS_COLOR: Record<FrameworkSummaryT['status'], string> = {
  draft: 'gold',
  published: 'green',
  retired: 'default',
};

export function canWriteFrameworks(session: Session) {
  return session.user!.grants.some((g) => roleAllows(g.role, 'framework.write'));
}

export function FrameworkStatusTag({ status }: { status: FrameworkSummaryT['status'] }) {
  const { t } = useT();
  return <Tag color={STATUS_COLOR[status]}>{t.fwStatus[status]}</Tag>;
}
