/** What a draft says about itself, edited in place: its name, its legal basis (one line per text,
 * each possibly marked as an example not yet confirmed) and its classes (code, label, lower bound of
 * the index). What is typed is kept as typed; the checks name what is wrong. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FrameworkJsonT } from '@chiso/contracts';
import { isExampleLegalBasis, withExampleMark } from '@chiso/domain';
import { Button, Checkbox, Input, Space } from 'antd';
import { useT } from '../../i18n.ts';
import { decimalComma } from './liveCheck.ts';

type Band = FrameworkJsonT['bands'][number];

export function FrameworkHead({
  def,
  onChange,
}: {
  def: FrameworkJsonT;
  onChange: (def: FrameworkJsonT) => void;
}) {
  const { t } = useT();
  const lines = def.legalBasis;
  const setLine = (i: number, v: string) =>
    onChange({ ...def, legalBasis: lines.map((l, k) => (k === i ? v : l)) });
  const setBand = (i: number, b: Partial<Band>) =>
    onChange({ ...def, bands: def.bands.map((x, k) => (k === i ? { ...x, ...b } : x)) });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="fw-head">
      <Input
        addonBefore={t.fwName}
        value={def.name}
        onChange={(e) => onChange({ ...def, name: e.target.value })}
        data-testid="fw-name"
      />
      {lines.map((l, i) => (
        <Space.Compact key={i} style={{ width: '100%' }}>
          <Input
            addonBefore={`${t.fwLegalLine} ${i + 1}`}
            value={l}
            onChange={(e) => setLine(i, e.target.value)}
            data-testid={`fw-legal-${i}`}
          />
          <Checkbox
            style={{ padding: '4px 8px', whiteSpace: 'nowrap' }}
            checked={isExampleLegalBasis(l)}
            onChange={(e) => setLine(i, withExampleMark(l, e.target.checked))}
            data-testid={`fw-legal-example-${i}`}
          >
            {t.fwExampleFlag}
          </Checkbox>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t.fwRemove}
            onClick={() => onChange({ ...def, legalBasis: lines.filter((_, k) => k !== i) })}
          />
        </Space.Compact>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange({ ...def, legalBasis: [...lines, ''] })}
        data-testid="fw-legal-add"
      >
        {t.fwLegalAdd}
      </Button>
      {def.bands.map((b, i) => (
        <Space key={i} wrap data-testid={`fw-band-${i}`}>
          <Input
            style={{ width: 110 }}
            addonBefore={t.fwBandCode}
            value={b.code}
            onChange={(e) => setBand(i, { code: e.target.value })}
          />
          <Input
            style={{ width: 280 }}
            addonBefore={t.fwBandLabel}
            value={b.label}
            onChange={(e) => setBand(i, { label: e.target.value })}
          />
          <Input
            style={{ width: 170 }}
            addonBefore={t.fwBandMin}
            value={decimalComma(b.minIndex)}
            onChange={(e) => setBand(i, { minIndex: e.target.value.trim() })}
            data-testid={`fw-band-min-${i}`}
          />
          <Checkbox checked={!!b.isExample} onChange={(e) => setBand(i, { isExample: e.target.checked })}>
            {t.fwExampleFlag}
          </Checkbox>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t.fwRemove}
            onClick={() => onChange({ ...def, bands: def.bands.filter((_, k) => k !== i) })}
          />
        </Space>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange({ ...def, bands: [...def.bands, { code: '', label: '', minIndex: '0' }] })}
      >
        {t.fwBandAdd}
      </Button>
    </Space>
  );
}
