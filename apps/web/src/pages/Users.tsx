import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { GrantViewT, UserViewT } from '@chiso/contracts';
import { formatDateVi, matchesSearch, ROLE_LABELS, ROLES } from '@chiso/domain';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Session } from '../api/auth.ts';
import { listUnits } from '../api/units.ts';
import { createGrant, createUser, listUsers, revokeGrant, updateUser } from '../api/users.ts';
import { useT } from '../i18n.ts';
import { can } from '../ui/can.ts';
import { errText, isFormValidationError } from '../ui/errors.ts';

export default function Users({ session }: { session: Session }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [dialog, setDialog] = useState<
    | null
    | { kind: 'create' }
    | { kind: 'edit'; user: UserViewT }
    | { kind: 'grant'; user: UserViewT }
    | { kind: 'revoke'; grant: GrantViewT }
  >(null);
  const [form] = Form.useForm();
  const users = useQuery({
    queryKey: ['users', q, unitId],
    queryFn: () => listUsers({ q, unitId }),
  });
  const units = useQuery({
    queryKey: ['units', '', false],
    queryFn: () => listUnits(),
  });
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
  const isAdmin = session.user?.grants.some((g) => g.unitId === null);
  const mayWrite = can(session, 'user.write');
  const mayGrant = can(session, 'grant.write');
  const roleOptions = ROLES.filter((r) => isAdmin || r !== 'administrator').map((r) => ({
    value: r,
    label: ROLE_LABELS[r][lang],
  }));
  const filter = (input: string, o?: { label?: unknown }) => matchesSearch(String(o?.label ?? ''), input);

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t.saved);
      setDialog(null);
      await qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      if (!isFormValidationError(e)) message.error(errText(e));
    }
  };
  const submit = () =>
    run(async () => {
      const v = await form.validateFields();
      if (!dialog) return;
      if (dialog.kind === 'create')
        await createUser({
          username: v.username,
          fullName: v.fullName,
          email: v.email || null,
          password: v.password,
          role: v.role,
          unitId: v.unitId,
        });
      if (dialog.kind === 'edit')
        await updateUser(dialog.user.id, {
          fullName: v.fullName,
          email: v.email || null,
          disabled: v.disabled,
          ...(v.newPassword ? { newPassword: v.newPassword } : {}),
          reason: v.reason || undefined,
        });
      if (dialog.kind === 'grant')
        await createGrant({
          userId: dialog.user.id,
          role: v.role,
          unitId: v.unitId ?? null,
          reason: v.reason || undefined,
        });
      if (dialog.kind === 'revoke') await revokeGrant(dialog.grant.id, { reason: v.reason });
    });
  const open = (d: NonNullable<typeof dialog>) => {
    form.resetFields();
    if (d.kind === 'edit')
      form.setFieldsValue({
        fullName: d.user.fullName,
        email: d.user.email ?? '',
        disabled: d.user.disabled,
      });
    setDialog(d);
  };
  return (
    <>
      <Typography.Title level={3}>{t.users}</Typography.Title>
      <Card
        title={
          <Space>
            <Input.Search
              placeholder={t.search}
              allowClear
              onSearch={(v) => setQ(v.trim())}
              style={{ width: 260 }}
            />
            <Select
              placeholder={t.unit}
              allowClear
              options={unitOptions}
              showSearch
              filterOption={filter}
              style={{ width: 320 }}
              onChange={(v) => setUnitId(v ?? undefined)}
            />
          </Space>
        }
        extra={
          can(session, 'user.write') && (
            <Button icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
              {t.create}
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          loading={users.isLoading}
          dataSource={users.data?.items ?? []}
          columns={[
            { title: t.username, dataIndex: 'username' },
            { title: t.fullName, dataIndex: 'fullName' },
            {
              title: t.grants,
              render: (_: unknown, u: UserViewT) => (
                <Space direction="vertical" size={2}>
                  {u.grants.map((g) => (
                    <Tag
                      key={g.id}
                      closable={mayGrant}
                      onClose={(e) => (e.preventDefault(), open({ kind: 'revoke', grant: g }))}
                      color={g.unitClosed ? 'default' : 'blue'}
                    >
                      {ROLE_LABELS[g.role][lang]} — {g.unitId ? g.unitName : t.wholeSystem}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: '',
              render: (_: unknown, u: UserViewT) =>
                u.disabled ? (
                  <Tag color="red">{t.disabled}</Tag>
                ) : u.lockedUntil ? (
                  <Tag color="orange">Tạm khóa</Tag>
                ) : null,
            },
            { title: 'Tạo ngày', dataIndex: 'createdAt', render: (v: string) => formatDateVi(v) },
            {
              title: '',
              render: (_: unknown, u: UserViewT) => (
                <Space>
                  {mayWrite && (
                    <Button size="small" onClick={() => open({ kind: 'edit', user: u })}>
                      {t.edit}
                    </Button>
                  )}
                  {mayGrant && (
                    <Button size="small" onClick={() => open({ kind: 'grant', user: u })}>
                      {t.addGrant}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!dialog}
        onOk={() => void submit()}
        onCancel={() => setDialog(null)}
        okText={t.save}
        cancelText={t.cancel}
        destroyOnHidden
        title={
          dialog?.kind === 'create'
            ? t.create
            : dialog?.kind === 'edit'
              ? t.edit
              : dialog?.kind === 'grant'
                ? t.addGrant
                : t.revoke
        }
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'create' && (
            <>
              <Form.Item
                name="username"
                label={t.username}
                rules={[
                  {
                    required: true,
                    pattern: /^[a-z0-9._-]{3,50}$/,
                    message: 'Chữ thường không dấu, số, dấu chấm, gạch (3–50 ký tự)',
                  },
                ]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="fullName" label={t.fullName} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="email" label={t.email}>
                <Input />
              </Form.Item>
              <Form.Item
                name="password"
                label={t.password}
                rules={[{ required: true, min: 10 }]}
                extra="Người dùng phải đổi mật khẩu khi đăng nhập lần đầu."
              >
                <Input.Password />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'edit' && (
            <>
              <Form.Item name="fullName" label={t.fullName} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="email" label={t.email}>
                <Input />
              </Form.Item>
              <Form.Item name="disabled" label={t.disabled} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="newPassword" label={t.resetPassword} rules={[{ min: 10 }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="reason" label={t.reason}>
                <Input />
              </Form.Item>
            </>
          )}
          {(dialog?.kind === 'create' || dialog?.kind === 'grant') && (
            <>
              <Form.Item name="role" label={t.role} rules={[{ required: true }]}>
                <Select options={roleOptions} />
              </Form.Item>
              <Form.Item
                name="unitId"
                label={t.unit}
                rules={dialog.kind === 'create' ? [{ required: true }] : []}
                extra={dialog.kind === 'grant' && isAdmin ? `Để trống: ${t.wholeSystem}` : undefined}
              >
                <Select options={unitOptions} showSearch filterOption={filter} allowClear />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'grant' && (
            <Form.Item name="reason" label={t.reason}>
              <Input />
            </Form.Item>
          )}
          {dialog?.kind === 'revoke' && (
            <>
              <Typography.Paragraph>
                {ROLE_LABELS[dialog.grant.role][lang]} — {dialog.grant.unitName}
              </Typography.Paragraph>
              <Form.Item
                name="reason"
                label={t.reason}
                rules={[{ required: true, message: 'Cần nhập lý do' }]}
              >
                <Input />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
