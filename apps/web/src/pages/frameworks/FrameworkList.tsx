/** The frameworks the user sees; a framework writer imports one from Excel or JSON. */
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FrameworkIssueT, FrameworkSummaryT, SheetErrorT } from '@chiso/contracts';
import { formatPoints, parsePoints, roleAllows } from '@chiso/domain';
import { Alert, App, Button, Card, Table, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { importFrameworkFile, listFrameworks } from '../../api/frameworks.ts';
import { ApiError } from '../../api/http.ts';
import { useT } from '../../i18n.ts';
import { canWriteFrameworks, FrameworkStatusTag } from './status.tsx';

/** Why an imported file was refused: sheet, row and column of each error, or the framework's issues. */
function ImportErrors({ error }: { error: ApiError }) {
  const { t } = useT();
  const d = error.details as { errors?: SheetErrorT[]; issues?: FrameworkIssueT[] } | undefined;
  return (
    <Alert
      type="error"
      showIcon
      message={error.message}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-errors">
          {d?.errors?.map((e, i) => (
            <li key={i}>
              {e.sheet} — {t.row} {e.row}
              {e.column ? `, ${t.column} ${e.column}` : ''}: {e.message}
            </li>
          ))}
          {d?.issues?.map((e, i) => (
            <li key={`i${i}`}>{e.message}</li>
          ))}
        </ul>
      }
    />
  );
}

export function FrameworkList({ session }: { session: Session }) {
  const { t } = useT();
  const nav = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const writer = canWriteFrameworks(session);
  const list = useQuery({ queryKey: ['frameworks'], queryFn: listFrameworks });
  const [importError, setImportError] = useState<ApiError | null>(null);
  const ownerUnitId = session.user!.grants.find((g) => roleAllows(g.role, 'framework.write'))?.unitId ?? null;
  const doImport = async (file: File) => {
    setImportError(null);
    try {
      const fw = await importFrameworkFile(file, ownerUnitId);
      message.success(t.imported);
      await qc.invalidateQueries({ queryKey: ['frameworks'] });
      void nav(`/frameworks/${fw.id}`);
    } catch (e) {
      if (e instanceof ApiError) setImportError(e);
      else message.error(String(e));
    }
    return false;
  };
  return (
    <Card
      title={t.frameworks}
      extra={
        writer && (
          <Upload
            accept=".xlsx,.json"
            showUploadList={false}
            beforeUpload={(f) => {
              void doImport(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="framework-import">
              {t.fwImport}
            </Button>
          </Upload>
        )
      }
    >
      {importError && <ImportErrors error={importError} />}
      <Table<FrameworkSummaryT>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => void nav(`/frameworks/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t.code,
            dataIndex: 'code',
            render: (v: string, r) => <Link to={`/frameworks/${r.id}`}>{v}</Link>,
          },
          { title: t.fwVersion, dataIndex: 'version', width: 90 },
          { title: t.name, dataIndex: 'name' },
          {
            title: t.fwYears,
            render: (_, r) =>
              r.yearTo && r.yearTo !== r.yearFrom ? `${r.yearFrom}–${r.yearTo}` : r.yearFrom,
            width: 110,
          },
          {
            title: t.fwTotalMax,
            dataIndex: 'totalMax',
            render: (v: string) => formatPoints(parsePoints(v) ?? 0),
            width: 110,
          },
          { title: t.fwOwner, dataIndex: 'ownerUnitName', render: (v: string | null) => v ?? t.wholeSystem },
          {
            title: t.status,
            dataIndex: 'status',
            render: (s: FrameworkSummaryT['status']) => <FrameworkStatusTag status={s} />,
            width: 150,
          },
        ]}
      />
    </Card>
  );
}
