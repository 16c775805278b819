/** Versions of survey forms with their status ("nội dung ví dụ" where the content is unconfirmed);
 * a manager imports a new version from its JSON file. */
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyFormSummaryT } from '@chiso/contracts';
import { RESPONDENT_KIND_LABELS, roleAllows } from '@chiso/domain';
import { App, Button, Card, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { importSurveyForm, listSurveyForms } from '../../api/surveys.ts';
import { fill, useT } from '../../i18n.ts';
import { can } from '../../ui/can.ts';
import { errText } from '../../ui/errors.ts';

const FORM_COLOR: Record<string, string> = { draft: 'default', published: 'green', retired: 'red' };

export function FormStatusTag({ status }: { status: SurveyFormSummaryT['status'] }) {
  const { t } = useT();
  return <Tag color={FORM_COLOR[status]}>{t.svFormStatusLabels[status]}</Tag>;
}

export function FormList({ session }: { session: Session }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['survey-forms'], queryFn: listSurveyForms });
  const owners = session.user!.grants.filter((g) => roleAllows(g.role, 'survey.manage') && g.unitId);
  const [owner, setOwner] = useState<string | null>(owners[0]?.unitId ?? null);
  const doImport = async (file: File) => {
    try {
      const definition = JSON.parse(await file.text()) as unknown;
      const r = await importSurveyForm(owner, definition);
      message.success(fill(t.svFormImported, { v: r.version }));
      await qc.invalidateQueries({ queryKey: ['survey-forms'] });
    } catch (e) {
      message.error({ content: errText(e), duration: 12 });
    }
  };
  return (
    <Card
      title={
        <Space wrap>
          <Link to="/surveys">{t.svCampaigns}</Link>
          <span>/</span>
          <span>{t.svForms}</span>
        </Space>
      }
      extra={
        can(session, 'survey.manage') && (
          <Space wrap>
            <Select<string | null>
              style={{ width: 260 }}
              value={owner}
              onChange={setOwner}
              aria-label={t.svFormOwner}
              options={[
                ...owners.map((g) => ({ value: g.unitId, label: g.unitName ?? '' })),
                ...(can(session, 'survey.manage') && session.user!.capabilities['survey.manage']?.all
                  ? [{ value: null, label: t.svFormOwner }]
                  : []),
              ]}
            />
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={(f) => {
                void doImport(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t.svImportForm}</Button>
            </Upload>
          </Space>
        )
      }
    >
      <Table<SurveyFormSummaryT>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          { title: t.code, dataIndex: 'code', width: 110 },
          { title: t.svVersion, dataIndex: 'version', width: 90 },
          {
            title: t.name,
            render: (_, r) => (
              <Space wrap>
                <Link to={`/surveys/forms/${r.id}`}>{r.name}</Link>
                {r.isExample && <Tag color="gold">{t.svExample}</Tag>}
              </Space>
            ),
          },
          { title: t.svRespondent, width: 200, render: (_, r) => RESPONDENT_KIND_LABELS[r.respondentKind] },
          { title: t.svQuestions, dataIndex: 'questionCount', width: 100 },
          { title: t.svOwner, width: 200, render: (_, r) => r.ownerUnitName ?? '—' },
          { title: t.svStatus, width: 140, render: (_, r) => <FormStatusTag status={r.status} /> },
        ]}
      />
    </Card>
  );
}
