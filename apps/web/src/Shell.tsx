import {
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  BarChartOutlined,
  ClusterOutlined,
  FileSearchOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  CheckSquareOutlined,
  FormOutlined,
  HomeOutlined,
  LogoutOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTimeVi, formatDateVi } from '@chiso/domain';
import {
  Alert,
  App,
  Badge,
  Button,
  Dropdown,
  Form,
  Input,
  Layout,
  Menu,
  Modal,
  Result,
  Space,
  Spin,
  Typography,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { changePassword, logout as signOut, type Session } from './api/auth.ts';
import { listNotices, markAllNoticesRead, markNoticeRead } from './api/notices.ts';
import { DemoBanner } from './DemoBanner.tsx';
import { useT } from './i18n.ts';
import { can } from './ui/can.ts';
import { errText } from './ui/errors.ts';

const Dashboard = lazy(() => import('./pages/Dashboard.tsx'));
const Units = lazy(() => import('./pages/units/index.tsx'));
const Users = lazy(() => import('./pages/Users.tsx'));
const Audit = lazy(() => import('./pages/Audit.tsx'));
const Frameworks = lazy(() => import('./pages/frameworks/index.tsx'));
const Results = lazy(() => import('./pages/results/index.tsx'));
const CheckTable = lazy(() => import('./pages/CheckTable.tsx'));
const NoticesPage = lazy(() => import('./pages/Notices.tsx'));
const CalendarPage = lazy(() => import('./pages/Calendar.tsx'));
const Plans = lazy(() => import('./pages/plans/index.tsx'));
const Tasks = lazy(() => import('./pages/tasks/index.tsx'));
const Improvement = lazy(() => import('./pages/plans/Improvement.tsx'));
const Activities = lazy(() => import('./pages/activities/index.tsx'));
const Cycles = lazy(() => import('./pages/cycles/index.tsx'));
const Assessment = lazy(() => import('./pages/assessment/index.tsx'));
const Surveys = lazy(() => import('./pages/surveys/index.tsx'));
const SurveyAgency = lazy(() => import('./pages/surveyAgency/index.tsx'));
const SurveyPostaudit = lazy(() => import('./pages/surveyPostaudit/index.tsx'));
const SurveyEntry = lazy(() => import('./pages/surveyEntry/index.tsx'));
const SurveyResults = lazy(() => import('./pages/surveyResults/index.tsx'));
const Reports = lazy(() => import('./pages/reports/index.tsx'));

export function ChangePassword({
  open,
  onClose,
  forced,
  resetBy,
}: {
  open: boolean;
  onClose: () => void;
  forced?: boolean;
  /** Who set the current password, and when (a reset by someone else). */
  resetBy?: { at: string; byName: string } | null;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await changePassword(v);
      message.success(t.saved);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['session'] });
      onClose();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t.changePassword}
      onOk={submit}
      confirmLoading={busy}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      cancelButtonProps={{ style: forced ? { display: 'none' } : {} }}
      okText={t.save}
      cancelText={t.cancel}
    >
      {forced && <Typography.Paragraph>{t.mustChange}</Typography.Paragraph>}
      {resetBy && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="password-reset-alert"
          message={t.passwordResetBy
            .replace('{name}', resetBy.byName)
            .replace('{at}', formatDateTimeVi(resetBy.at))}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="currentPassword" label={t.currentPassword} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.newPassword}
          rules={[{ required: true, min: 10 }]}
          extra="≥ 10 ký tự, gồm chữ và số"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The bell: the person's notices (the unread count has no cap), the latest few, a way to the
 * notices page and to mark everything read. */
function Notices() {
  const { t } = useT();
  const nav = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['notices', 'bell'],
    queryFn: () => listNotices({ limit: 8 }),
    refetchInterval: 60_000,
  });
  const items = q.data?.items ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: ['notices'] });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          ...(items.length
            ? items.map((n) => ({
                key: n.id,
                label: (
                  <div style={{ maxWidth: 420, whiteSpace: 'normal', fontWeight: n.read ? 400 : 600 }}>
                    {n.title}
                    <Typography.Text
                      type="secondary"
                      style={{ display: 'block', fontSize: 12, fontWeight: 400 }}
                    >
                      {n.unitName ? `${n.unitName} — ` : ''}
                      {formatDateVi(n.createdAt)}
                    </Typography.Text>
                  </div>
                ),
                onClick: () => {
                  void markNoticeRead(n.id).then(refresh);
                  if (n.link) void nav(n.link);
                },
              }))
            : [{ key: 'none', label: t.ntNone, disabled: true }]),
          { type: 'divider' as const },
          {
            key: 'read-all',
            label: <span data-testid="bell-read-all">{t.ntReadAll}</span>,
            disabled: !q.data?.unread,
            onClick: () => void markAllNoticesRead().then(refresh),
          },
          {
            key: 'all',
            label: <span data-testid="bell-see-all">{t.ntSeeAll}</span>,
            onClick: () => void nav('/notices'),
          },
        ],
      }}
    >
      <Button type="text" data-testid="notices" aria-label={t.notices}>
        <Badge count={q.data?.unread ?? 0} size="small" overflowCount={9999} data-testid="notices-unread">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}

export default function Shell({ session }: { session: Session }) {
  const { t, lang, setLang } = useT();
  const nav = useNavigate();
  const loc = useLocation();
  const qc = useQueryClient();
  const [pwOpen, setPwOpen] = useState(false);
  const user = session.user!;
  const logout = async () => {
    await signOut().catch(() => {});
    await qc.invalidateQueries({ queryKey: ['session'] });
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  };
  const selected = '/' + (loc.pathname.split('/')[1] ?? '');
  const soon = (label: string) => (
    <span>
      {label}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        ({t.soon})
      </Typography.Text>
    </span>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={240} theme="light" breakpoint="lg" collapsedWidth={56}>
        <div className="chiso-logo">Chiso</div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          onClick={(e) => void nav(e.key)}
          items={[
            { key: '/', icon: <HomeOutlined />, label: t.overview },
            { key: '/notices', icon: <BellOutlined />, label: t.notices },
            { key: '/calendar', icon: <CalendarOutlined />, label: t.calMenu },
            // only what the user's grants allow (the server still checks every request)
            ...[
              { key: '/units', icon: <ClusterOutlined />, label: t.units, may: can(session, 'unit.read') },
              { key: '/users', icon: <TeamOutlined />, label: t.users, may: can(session, 'user.read') },
              { key: '/audit', icon: <AuditOutlined />, label: t.audit, may: can(session, 'audit.read') },
            ]
              .filter((i) => i.may)
              .map(({ may: _may, ...i }) => i),
            { type: 'divider' },
            { key: '/frameworks', icon: <ProfileOutlined />, label: t.frameworks },
            { key: '/results', icon: <TrophyOutlined />, label: t.results },
            { key: '/check', icon: <FileSearchOutlined />, label: t.checkTable },
            { key: '/cycles', icon: <FormOutlined />, label: t.cycles },
            ...(can(session, 'survey.read')
              ? [{ key: '/surveys', icon: <BarChartOutlined />, label: t.surveys }]
              : []),
            ...(can(session, 'report.read')
              ? [{ key: '/reports', icon: <FileDoneOutlined />, label: t.rpMenu }]
              : []),
            ...(can(session, 'plan.read')
              ? [
                  { key: '/plans', icon: <FileTextOutlined />, label: t.plMenu },
                  { key: '/tasks', icon: <CheckSquareOutlined />, label: t.tkMenu },
                ]
              : []),
            ...(can(session, 'activity.read')
              ? [{ key: '/activities', icon: <ScheduleOutlined />, label: t.acMenu }]
              : []),
            { key: '/emulation', icon: <TrophyOutlined />, label: soon(t.emulation), disabled: true },
          ]}
        />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <DemoBanner session={session} />
        <Layout.Header
          className="chiso-header"
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #eee',
          }}
        >
          <Space>
            <Notices />
            <Button type="text" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
              {t.language}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'pw', label: t.changePassword, onClick: () => setPwOpen(true) },
                  { key: 'out', icon: <LogoutOutlined />, label: t.logout, onClick: () => void logout() },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu" title={user.fullName}>
                <span className="chiso-user-name">{user.fullName}</span>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="chiso-content">
          {user.mustChangePassword ? (
            <Result
              status="warning"
              title={t.mustChange}
              subTitle={
                user.passwordReset ? (
                  <span data-testid="password-reset-notice">
                    {t.passwordResetBy
                      .replace('{name}', user.passwordReset.byName)
                      .replace('{at}', formatDateTimeVi(user.passwordReset.at))}
                  </span>
                ) : undefined
              }
              extra={<Button onClick={() => setPwOpen(true)}>{t.changePassword}</Button>}
            />
          ) : (
            <Suspense fallback={<Spin />}>
              <Routes>
                <Route path="/" element={<Dashboard session={session} />} />
                <Route path="/units" element={<Units session={session} />} />
                <Route path="/users" element={<Users session={session} />} />
                <Route path="/audit" element={<Audit />} />
                <Route path="/frameworks" element={<Frameworks session={session} />} />
                <Route path="/frameworks/:id" element={<Frameworks session={session} />} />
                <Route path="/results" element={<Results session={session} />} />
                <Route path="/check" element={<CheckTable />} />
                <Route path="/notices" element={<NoticesPage />} />
                <Route path="/calendar" element={<CalendarPage session={session} />} />
                <Route path="/plans" element={<Plans session={session} />} />
                <Route path="/plans/:id" element={<Plans session={session} />} />
                <Route path="/tasks" element={<Tasks />} />
                <Route path="/tasks/:id" element={<Tasks />} />
                <Route path="/plans/improvement/:resultId" element={<Improvement />} />
                <Route path="/activities" element={<Activities session={session} />} />
                <Route path="/activities/:id" element={<Activities session={session} />} />
                <Route path="/cycles" element={<Cycles session={session} />} />
                <Route path="/cycles/:id" element={<Cycles session={session} />} />
                <Route path="/assessments/:id" element={<Assessment />} />
                <Route path="/surveys" element={<Surveys session={session} />} />
                <Route path="/surveys/forms" element={<Surveys session={session} />} />
                <Route path="/surveys/forms/:id" element={<Surveys session={session} />} />
                <Route path="/surveys/:id" element={<Surveys session={session} />} />
                <Route path="/surveys/:id/agency" element={<SurveyAgency />} />
                <Route path="/surveys/:id/postaudit" element={<SurveyPostaudit />} />
                <Route path="/surveys/:id/entry" element={<SurveyEntry />} />
                <Route path="/surveys/:id/results" element={<SurveyResults />} />
                <Route path="/reports" element={<Reports session={session} />} />
                <Route path="/reports/:id" element={<Reports session={session} />} />
                <Route path="/reports/series/:seriesId" element={<Reports session={session} />} />
                <Route path="*" element={<Result status="404" title="404" />} />
              </Routes>
            </Suspense>
          )}
        </Layout.Content>
      </Layout>
      <ChangePassword
        open={pwOpen || user.mustChangePassword}
        forced={user.mustChangePassword}
        resetBy={user.passwordReset}
        onClose={() => setPwOpen(false)}
      />
    </Layout>
  );
}
