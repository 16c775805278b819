/** An input suited to each scoring rule: levels as a choice, Có/Không as a two-way switch, a count
 * of incidents, numerator and denominator; points (and survey %) stay a text box. Each writes the
 * text the rule reads ("B", "Có", "3", "45/50"), which is what is stored. Text that the widget cannot
 * show (typed before, "KAD", or not understood) is shown in a text box as typed. */
import type { AssessmentNodeT } from '@chiso/contracts';
import { InputNumber, Radio, Select, Space } from 'antd';
import { searchKey } from '@chiso/domain';
import type { ReactNode } from 'react';
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
        return (p) => {
          const m = RATIO.exec(p.value);
          if (p.value.trim() && !m && !/^\s*\d*\s*\/\s*\d*\s*$/.test(p.value)) return undefined;
          const [num, den] = m
            ? [m[1]!, m[2]!]
            : (p.value.split('/').map((x) => x.trim()) as [string?, string?]);
          const write = (a: string, b: string) => p.change(a || b ? `${a}/${b}` : '');
          return (
            <Space.Compact style={{ width: '100%' }}>
              <InputNumber
                style={{ width: '50%' }}
                min={0}
                precision={0}
                placeholder={t.rdNumerator}
                disabled={p.disabled}
                value={num ? Number(num) : null}
                data-testid={`${p.testId}-num`}
                onChange={(v) => write(v === null ? '' : String(v), den ?? '')}
                onBlur={p.blur}
              />
              <InputNumber
                style={{ width: '50%' }}
                min={0}
                precision={0}
                placeholder={t.rdDenominator}
                disabled={p.disabled}
                value={den ? Number(den) : null}
                data-testid={`${p.testId}-den`}
                onChange={(v) => write(num ?? '', v === null ? '' : String(v))}
                onBlur={p.blur}
              />
            </Space.Compact>
          );
        };
      case 'points':
      case 'percent':
      case undefined:
        return undefined;
    }
  };
}
