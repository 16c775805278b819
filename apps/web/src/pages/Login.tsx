import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Grid, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { login, type Session } from '../api/auth.ts';
import { setCsrf } from '../api/http.ts';
import { DemoBanner } from '../DemoBanner.tsx';
import { useT } from '../i18n.ts';
import { errText } from '../ui/errors.ts';

export function Login({ session }: { session: Session }) {
  const { t, lang, setLang } = useT();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const s = await login(v);
      setCsrf(s.csrfToken);
      qc.setQueryData(['session'], s);
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const shown = session.demoPasswordsShown;
  // on a phone the role and unit go under the username instead of in columns of their own
  const wide = Grid.useBreakpoint().md !== false;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <DemoBanner session={session} />
      <div
        style={{
          display: 'flex',
          alignItems: 'flex-start',
          justifyContent: 'center',
          padding: '48px 16px',
          gap: 24,
          flexWrap: 'wrap',
        }}
      >
        <Card style={{ width: 380, maxWidth: '100%' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t.appName}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {lang === 'vi'
              ? 'Hệ thống đánh giá, xác định Chỉ số cải cách hành chính'
              : 'Administrative Reform Index system'}
          </Typography.Paragraph>
          {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t.username}
              rules={[{ required: true, message: lang === 'vi' ? 'Nhập tên đăng nhập' : 'Enter username' }]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t.password}
              rules={[{ required: true, message: lang === 'vi' ? 'Nhập mật khẩu' : 'Enter password' }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t.login}
            </Button>
          </Form>
          <Button
            type="link"
            style={{ marginTop: 8, paddingLeft: 0 }}
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
          >
            {t.language}
          </Button>
        </Card>
        {session.demo && session.demo.length > 0 && (
          <Card title={t.demoAccounts} style={{ width: 640, maxWidth: '100%' }}>
            <Typography.Paragraph type="secondary">
              {shown ? t.demoHint : t.demoHintNoPasswords}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey="username"
              pagination={false}
              dataSource={session.demo}
              onRow={(r) => ({
                // without the password (another machine), only the username is filled in
                onClick: () =>
                  form.setFieldsValue(
                    r.password ? { username: r.username, password: r.password } : { username: r.username },
                  ),
                style: { cursor: 'pointer' },
              })}
              columns={[
                {
                  title: t.username,
                  dataIndex: 'username',
                  render: (v: string, r) =>
                    wide ? (
                      v
                    ) : (
                      <>
                        <div>{v}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.role} · {r.unit}
                        </Typography.Text>
                      </>
                    ),
                },
                ...(shown
                  ? [
                      {
                        title: t.password,
                        dataIndex: 'password',
                        render: (v: string | undefined) => (
                          <Typography.Text code style={{ whiteSpace: wide ? 'nowrap' : 'normal' }}>
                            {v}
                          </Typography.Text>
                        ),
                      },
                    ]
                  : []),
                ...(wide
                  ? [
                      { title: t.role, dataIndex: 'role' },
                      { title: t.unit, dataIndex: 'unit' },
                    ]
                  : []),
              ]}
            />
          </Card>
        )}
      </div>
    </div>
  );
}
