import { Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n.ts';

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** A text field saved as it is typed (after a short pause, and on leaving the field). */
export function AutoSave({
  value,
  disabled,
  multiline,
  testId,
  placeholder,
  onSave,
}: {
  value: string;
  disabled: boolean;
  multiline?: boolean;
  testId: string;
  placeholder?: string;
  onSave: (v: string) => Promise<void>;
}) {
  const { t } = useT();
  const [v, setV] = useState(value);
  const [state, setState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(value);
  useEffect(() => {
    if (state === 'idle' || state === 'saved') setV(value);
    last.current = value;
  }, [value]);
  const flush = async (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (text === last.current) return;
    setState('saving');
    try {
      await onSave(text);
      last.current = text;
      setState('saved');
    } catch {
      setState('error');
    }
  };
  const change = (text: string) => {
    setV(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(text), 600);
  };
  const stateText = (s: SaveState) => {
    switch (s) {
      case 'idle':
        return '';
      case 'saving':
        return t.asSaving;
      case 'saved':
        return t.saved;
      case 'error':
        return t.asSaveFailed;
    }
  };
  const common = {
    value: v,
    disabled,
    placeholder,
    'data-testid': testId,
    onBlur: () => void flush(v),
    status: state === 'error' ? ('error' as const) : undefined,
  };
  return (
    <div>
      {multiline ? (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 5 }}
          {...common}
          onChange={(e) => change(e.target.value)}
        />
      ) : (
        <Input {...common} onChange={(e) => change(e.target.value)} />
      )}
      <Typography.Text
        type={state === 'error' ? 'danger' : 'secondary'}
        style={{ fontSize: 11 }}
        data-testid={`${testId}-state`}
      >
        {stateText(state)}
      </Typography.Text>
    </div>
  );
}
