/** Indices published outside Chiso (VNeID since 16/9/2025): the list with delete (reason asked), and
 * a form to enter or replace one unit × field's index with its counts and publishing document. A
 * refusal is shown in the dialog, which keeps what was typed. */
import type { SurveyResultsViewT } from '@chiso/contracts';
import { formatDateVi } from '@chiso/domain';
import { Alert, Button, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { deleteExternalIndex, putExternalIndex } from '../../api/surveyResults.ts';
import { useT } from '../../i18n.ts';
import { DialogError, TextDialog, useDialogSubmit } from '../../ui/TextDialog.tsx';
import { pct } from './format.ts';

type View = SurveyResultsViewT;

export function ExternalDialog({
  view,
  onChanged,
  onClose,
}: {
  view: View;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(true);
  const cells = view.units.flatMap((u) =>
    u.fields.map((f) => ({ value: `${u.unitId}|${f.fieldCode}`, label: `${u.unitName} — ${f.fieldName}` })),
  );
  const [cell, setCell] = useState<string | undefined>(cells[0]?.value);
  const [index, setIndex] = useState('');
  const [issued, setIssued] = useState<number | null>(null);
  const [returned, setReturned] = useState<number | null>(null);
  const [valid, setValid] = useState<number | null>(null);
  const [document, setDocument] = useState('');
  const [removing, setRemoving] = useState<{ unitId: string; fieldCode: string } | null>(null);
  const { busy, error, run } = useDialogSubmit(() => {
    setIndex('');
    setDocument('');
    onChanged();
  });
  const save = () => {
    const [unitId = '', fieldCode = ''] = (cell ?? '').split('|');
    return run(() =>
      putExternalIndex(view.campaign.id, { unitId, fieldCode, index, issued, returned, valid, document }),
    );
  };
  const editable = view.campaign.canManage && view.state !== 'published';
  return (
    <Modal
      open={open}
      width={760}
      title={t.srExternal}
      footer={null}
      maskClosable={false}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
      data-testid="sr-external-dialog"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t.srExternalHint} />
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.unitId}|${r.fieldCode}`}
          dataSource={view.external}
          locale={{ emptyText: t.srNone }}
          scroll={{ x: 600 }}
          columns={[
            { title: t.srUnit, render: (_, r) => `${r.unitName} — ${r.fieldName}` },
            { title: t.srIndex, dataIndex: 'index', align: 'right', render: (v: number) => pct(v) },
            { title: t.srValid, dataIndex: 'valid', align: 'right' },
            { title: t.srDocument, dataIndex: 'document' },
            {
              title: t.srEnteredAt,
              dataIndex: 'enteredAt',
              render: (v: string | null) => (v ? formatDateVi(v) : ''),
            },
            ...(editable
              ? [
                  {
                    title: '',
                    key: 'x',
                    render: (_: unknown, r: View['external'][number]) => (
                      <Button size="small" danger onClick={() => setRemoving(r)}>
                        {t.srDelete}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {editable && (
          <>
            <Select
              style={{ width: '100%' }}
              options={cells}
              value={cell}
              onChange={setCell}
              showSearch
              optionFilterProp="label"
              data-testid="sr-ext-cell"
            />
            <Space wrap>
              <Input
                placeholder={t.srIndexInput}
                value={index}
                onChange={(e) => setIndex(e.target.value)}
                style={{ width: 200 }}
                data-testid="sr-ext-index"
              />
              <InputNumber min={0} placeholder={t.srIssued} value={issued} onChange={setIssued} />
              <InputNumber min={0} placeholder={t.srReturned} value={returned} onChange={setReturned} />
              <InputNumber min={0} placeholder={t.srValid} value={valid} onChange={setValid} />
            </Space>
            <Input
              placeholder={t.srDocument}
              value={document}
              onChange={(e) => setDocument(e.target.value)}
              data-testid="sr-ext-document"
            />
            <DialogError error={error} />
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="sr-ext-save">
              {t.srSave}
            </Button>
          </>
        )}
      </Space>
      {removing && (
        <TextDialog
          title={t.srDelete}
          placeholder={t.srDeleteReason}
          okText={t.srDelete}
          danger
          onSubmit={(reason) =>
            deleteExternalIndex(view.campaign.id, removing.unitId, removing.fieldCode, reason).then(onChanged)
          }
          onClose={() => setRemoving(null)}
        />
      )}
    </Modal>
  );
}
