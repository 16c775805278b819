/** The Excel template for entering results: one row per unit the writer may enter, one column per
 * criterion (leaf or field) headed by its code, title, maximum and rule, prefilled with what is
 * stored, and the revision each row was made from (an import that changes a result needs it). */
import { formatPoints, formatRule, type Criterion } from '@chiso/domain';
import { addSheet, newWorkbook, workbookBuffer } from '../../lib/xlsx.ts';
import { REVISION_HEADER } from '../results/rules.ts';

export interface ResultTemplateData {
  framework: { name: string; code: string; version: number };
  year: number;
  mode: 'leaves' | 'fields';
  criteria: Criterion[];
  rows: { code: string; name: string; inputs: string[]; revision: number | null }[];
}

export async function resultTemplateXlsx(d: ResultTemplateData): Promise<Buffer> {
  const wb = newWorkbook();
  addSheet(
    wb,
    {
      name: `Kết quả ${d.year}`,
      title: [
        `NHẬP KẾT QUẢ NĂM ${d.year}`,
        `${d.framework.name} (mã ${d.framework.code}, phiên bản ${d.framework.version}) — ${d.mode === 'fields' ? 'điểm theo lĩnh vực' : 'dữ liệu từng tiêu chí'}`,
        'Cách ghi: số điểm "7,5"; tỷ lệ "45/50"; mức theo mã; "Có"/"Không"; số vụ việc; chỉ số khảo sát "96,4"; "KAD" nếu không áp dụng.',
      ],
      columns: [
        { header: 'Mã đơn vị', width: 14 },
        { header: 'Tên đơn vị', width: 40 },
        ...d.criteria.map((c) => ({
          header: `${c.code} — ${c.title} (tối đa ${formatPoints(c.max)}${c.rule && d.mode === 'leaves' ? `; ${formatRule(c.rule)}` : ''})`,
          width: 18,
        })),
        { header: REVISION_HEADER, width: 12, type: 'int' as const },
      ],
    },
    d.rows.map((r) => [r.code, r.name, ...r.inputs, r.revision ?? '']),
  );
  return workbookBuffer(wb);
}
