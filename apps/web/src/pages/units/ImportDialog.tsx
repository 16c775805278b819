/** Importing a unit tree from a file: all rows or none; the errors by row and column. */
import { UploadOutlined } from '@ant-design/icons';
import type { ImportErrorT } from '@chiso/contracts';
import { Modal, Table, Typography, Upload } from 'antd';
import { UNIT_IMPORT_TEMPLATE_URL } from '../../api/units.ts';
import { useT } from '../../i18n.ts';

export function ImportDialog({
  open,
  errors,
  onFile,
  onCancel,
}: {
  open: boolean;
  errors: ImportErrorT[] | null;
  /** Returns false: antd keeps the file (nothing is uploaded by the component itself). */
  onFile: (file: File) => Promise<boolean>;
  onCancel: () => void;
}) {
  const { t } = useT();
  return (
    <Modal open={open} title={t.import} footer={null} onCancel={onCancel} width={720}>
      <Typography.Paragraph>
        Tệp Excel (.xlsx) hoặc CSV (UTF-8) với các cột: Mã đơn vị, Tên đơn vị, Tên viết tắt, Loại đơn vị, Mã
        đơn vị cấp trên, Hiệu lực từ ngày. Tất cả các dòng được nhập, hoặc không dòng nào nếu có lỗi.{' '}
        <a href={UNIT_IMPORT_TEMPLATE_URL}>{t.template}</a>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t.docImportColumns}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        beforeUpload={onFile}
        data-testid="import-upload"
      >
        <p>
          <UploadOutlined /> Kéo thả tệp vào đây hoặc bấm để chọn
        </p>
      </Upload.Dragger>
      {errors && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          title={() => <Typography.Text type="danger">{t.errors}</Typography.Text>}
          rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
          dataSource={errors}
          pagination={false}
          columns={[
            { title: t.row, dataIndex: 'row', width: 70 },
            { title: t.column, dataIndex: 'column', width: 170 },
            { title: t.errors, dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
