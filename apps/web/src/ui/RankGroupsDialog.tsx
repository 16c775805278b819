/** The groups of a ranking set, for those who run it: each group a name and the unit kinds ranked
 * together, in the order the ranking prints them. Saving re-ranks the set; a failed save keeps the
 * dialog and what was typed; a published set's groups are shown, not edited. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '@chiso/domain';
import { Alert, App, Button, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getRankGroups, saveRankGroups, type RankSetRef } from '../api/results.ts';
import { fill, useT } from '../i18n.ts';
import { errText } from './errors.ts';

interface Draft {
  name: string;
  kinds: UnitKind[];
}

export function RankGroupsDialog({ set, onClose }: { set: RankSetRef; onClose: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['rank-groups', set], queryFn: () => getRankGroups(set) });
  const [groups, setGroups] = useState<Draft[] | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.data && groups === null)
      setGroups(q.data.groups.map((g) => ({ name: g.name, kinds: g.kinds as UnitKind[] })));
  }, [q.data, groups]);
  const label = (k: string) => (k in UNIT_KIND_LABELS ? UNIT_KIND_LABELS[k as UnitKind][lang] : k);
  const frozen = q.data?.frozen ?? false;
  const save = async () => {
    if (!q.data || !groups) return;
    setBusy(true);
    setError(null);
    try {
      await saveRankGroups({
        ...set,
        groups,
        baseRevision: q.data.revision,
        reason: reason.trim() || undefined,
      });
      message.success(t.rgSaved);
      await qc.invalidateQueries({ queryKey: ['rank-groups'] });
      await qc.invalidateQueries({ queryKey: ['results'] });
      await qc.invalidateQueries({ queryKey: ['cycle'] });
      onClose();
    } catch (e) {
      // the dialog stays open with what was typed
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const edit = (i: number, g: Partial<Draft>) =>
    setGroups((groups ?? []).map((x, k) => (k === i ? { ...x, ...g } : x)));
  return (
    <Modal
      open
      width={720}
      title={`${t.rgTitle} — ${q.data?.ownerName ?? ''} ${set.year}`}
      maskClosable={false}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => void save()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, disabled: frozen || !groups, 'data-testid': 'rg-save' }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t.rgHelp}</Typography.Paragraph>
        {frozen && <Alert type="info" showIcon message={t.rgFrozen} />}
        {q.data && q.data.kinds.length > 0 && (
          <Typography.Text type="secondary">
            {fill(t.rgHolds, {
              list: q.data.kinds.map((k) => `${label(k.kind)} (${k.count})`).join('; '),
            })}
          </Typography.Text>
        )}
        {(groups ?? []).map((g, i) => (
          <Space key={i} align="start" wrap style={{ width: '100%' }} data-testid={`rg-group-${i}`}>
            <Typography.Text strong>{i + 1}.</Typography.Text>
            <Input
              style={{ width: 320 }}
              placeholder={t.rgName}
              value={g.name}
              disabled={frozen}
              onChange={(e) => edit(i, { name: e.target.value })}
              data-testid={`rg-name-${i}`}
            />
            <Select
              mode="multiple"
              style={{ minWidth: 260 }}
              placeholder={t.rgKinds}
              value={g.kinds}
              disabled={frozen}
              onChange={(kinds: UnitKind[]) => edit(i, { kinds })}
              options={UNIT_KINDS.map((k) => ({ value: k, label: label(k) }))}
              data-testid={`rg-kinds-${i}`}
            />
            {!frozen && (
              <Button
                icon={<DeleteOutlined />}
                aria-label={t.rgRemove}
                onClick={() => setGroups((groups ?? []).filter((_, k) => k !== i))}
              />
            )}
          </Space>
        ))}
        {!frozen && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setGroups([...(groups ?? []), { name: '', kinds: [] }])}
            data-testid="rg-add"
          >
            {t.rgAdd}
          </Button>
        )}
        {!frozen && (
          <Input placeholder={t.rgReason} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="rg-error" />}
      </Space>
    </Modal>
  );
}
