/** An input suited to each scoring rule: levels as a choice, Có/Không as a two-way switch, a count
 * of incidents, numerator and denominator; points (and survey %) stay a text box. Each writes the
 * text the rule reads ("B", "Có", "3", "45/50"), which is what is stored. Text that the widget cannot
 * show (typed before, "KAD", or not understood) is shown in a text box as typed. */
import type { AssessmentNodeT } from '@chiso/contracts';
import { InputNumber, Radio, Select, Space } from 'antd';
import { searchKey } from '@chiso/domain';
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../../i18n.ts';
import type { EditorProps } from './AutoSave.tsx';

const RATIO = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** The editor for a criterion's rule, or none (a text box). */
export function useRuleEditor(): (
  n: AssessmentNodeT,
) => ((p: EditorProps) => ReactNode | undefined) | undefined {
  const { t } = useT();
  return (n) => {
    const kind = n.input?.kind;
    switch (kind) {
      case 'levels': {
        const levels = n.input?.levels ?? [];
        const levelOf = (text: string) =>
          levels.find((l) => searchKey(l.code) === searchKey(text) || searchKey(l.label) === searchKey(text));
        return (p) =>
          p.value.trim() && !levelOf(p.value) ? undefined : (
            <Select
              style={{ width: '100%' }}
              allowClear
              placeholder={t.rdChooseLevel}
              disabled={p.disabled}
              value={levelOf(p.value)?.code}
              data-testid={p.testId}
              popupMatchSelectWidth={false}
              options={levels.map((l) => ({ value: l.code, label: `${l.code}. ${l.label} (${l.points})` }))}
              onChange={(v: string | undefined) => p.commit(v ?? '')}
            />
          );
      }
      case 'done':
        return (p) => {
          const k = searchKey(p.value);
          // the words the rule reads (parseLeafInput in the domain)
          const yes = ['co', 'x', 'dat', 'da thuc hien', 'yes', '1'].includes(k);
          const no = ['khong', 'chua dat', 'chua thuc hien', 'no', '0'].includes(k);
          if (p.value.trim() && !yes && !no) return undefined;
          return (
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="small"
              disabled={p.disabled}
              value={yes ? 'Có' : no ? 'Không' : undefined}
              data-testid={p.testId}
              options={[
                { value: 'Có', label: t.rdYes },
                { value: 'Không', label: t.rdNo },
              ]}
              onChange={(e) => p.commit(e.target.value as string)}
            />
          );
        };
      case 'count':
        return (p) =>
          p.value.trim() && !/^\d+$/.test(p.value.trim()) ? undefined : (
            <InputNumber
              style={{ width: '100%' }}
              min={0}
              precision={0}
              placeholder={t.rdCount}
              disabled={p.disabled}
              value={p.value.trim() ? Number(p.value) : null}
              data-testid={p.testId}
              onChange={(v) => p.change(v === null ? '' : String(v))}
              onBlur={p.blur}
            />
          );
      case 'ratio':
        return (p) =>
          p.value.trim() && !RATIO.test(p.value) ? undefined : (
            <RatioInput p={p} numerator={t.rdNumerator} denominator={t.rdDenominator} />
          );
      case 'points':
      case 'percent':
      case undefined:
        return undefined;
    }
  };
}

/** Numerator and denominator: the text "n/d" is written only once both are there (or both empty),
 * so that nothing half typed is stored. */
function RatioInput({
  p,
  numerator,
  denominator,
}: {
  p: EditorProps;
  numerator: string;
  denominator: string;
}) {
  const parts = (text: string): [number | null, number | null] => {
    const m = RATIO.exec(text);
    return m ? [Number(m[1]), Number(m[2])] : [null, null];
  };
  const [[num, den], setParts] = useState(() => parts(p.value));
  useEffect(() => {
    // a value from the server (another tab, a reload): shown unless half typed here
    if (RATIO.test(p.value) || !p.value.trim()) setParts(parts(p.value));
  }, [p.value]);
  const write = (a: number | null, b: number | null) => {
    setParts([a, b]);
    if (a !== null && b !== null) p.change(`${a}/${b}`);
    else if (a === null && b === null) p.change('');
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber
        style={{ width: '50%' }}
        min={0}
        precision={0}
        placeholder={numerator}
        disabled={p.disabled}
        value={num}
        data-testid={`${p.testId}-num`}
        onChange={(v) => write(v, den)}
        onBlur={p.blur}
      />
      <InputNumber
        style={{ width: '50%' }}
        min={0}
        precision={0}
        placeholder={denominator}
        disabled={p.disabled}
        value={den}
        data-testid={`${p.testId}-den`}
        onChange={(v) => write(num, v)}
        onBlur={p.blur}
      />
    </Space.Compact>
  );
}
