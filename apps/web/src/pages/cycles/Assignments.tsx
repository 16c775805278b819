/** Appraisal assignments: an appraiser, the fields and the units they appraise. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CycleDetailT } from '@chiso/contracts';
import { App, Button, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { assign, listAssignments } from '../../api/cycles.ts';
import { getFramework } from '../../api/frameworks.ts';
import { listUsers } from '../../api/users.ts';
import { useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';

export function Assignments({ cycle }: { cycle: CycleDetailT }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['cycle', cycle.id, 'assignments'],
    queryFn: () => listAssignments(cycle.id),
  });
  const fw = useQuery({
    queryKey: ['framework', cycle.framework.id],
    queryFn: () => getFramework(cycle.framework.id),
  });
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'appraisers', q],
    queryFn: () => listUsers({ q }),
  });
  const [userId, setUserId] = useState<string>();
  const [fields, setFields] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const save = async () => {
    if (!userId) return;
    try {
      await assign(cycle.id, { userId, fields, unitIds });
      message.success(t.cyAssigned);
      await qc.invalidateQueries({ queryKey: ['cycle', cycle.id, 'assignments'] });
    } catch (e) {
      message.error(errText(e));
    }
  };
  const name = (uid: string) => cycle.units.find((u) => u.unitId === uid)?.unitName ?? uid;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          style={{ width: 280 }}
          placeholder={t.cyAppraiser}
          value={userId}
          onChange={setUserId}
          data-testid="assign-user"
          options={(users.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.fullName} (${u.username})`,
          }))}
        />
        <Select
          mode="multiple"
          style={{ minWidth: 220 }}
          placeholder={t.cyField}
          value={fields}
          onChange={setFields}
          data-testid="assign-fields"
          options={(fw.data?.definition.criteria ?? []).map((c) => ({
            value: c.code,
            label: `${c.code}. ${c.title}`,
          }))}
        />
        <Select
          mode="multiple"
          style={{ minWidth: 260 }}
          placeholder={t.unit}
          value={unitIds}
          onChange={setUnitIds}
          data-testid="assign-units"
          options={cycle.units
            .filter((u) => u.appraises)
            .map((u) => ({ value: u.unitId, label: u.unitName }))}
        />
        <Button
          type="primary"
          disabled={!userId || !fields.length || !unitIds.length}
          onClick={() => void save()}
          data-testid="assign-save"
        >
          {t.cyAssign}
        </Button>
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.userId}-${r.fieldCode}-${r.unitId}`}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t.cyMember, dataIndex: 'userName' },
          { title: t.cyField, dataIndex: 'fieldCode' },
          { title: t.unit, dataIndex: 'unitId', render: name },
        ]}
      />
    </Space>
  );
}
