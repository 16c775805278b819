import { Input, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n.ts';

type SaveState = 'idle' | 'saving' | 'saved' | 'kept' | 'error';

/** What an editor other than a text box is given: the text, a change (saved after a pause), a
 * change saved at once (a choice), and leaving the field. */
export interface EditorProps {
  value: string;
  disabled: boolean;
  testId: string;
  change: (text: string) => void;
  commit: (text: string) => void;
  blur: () => void;
}

/** A field saved as it is typed (after a short pause, and on leaving the field). `onSave` answers
 * what the scoring engine could not understand, if anything: the text is kept as typed but not
 * scored, and the field says so and why (not "Đã lưu"). `editor` replaces the text box (a choice,
 * a switch, numbers) while the text it writes is what is stored. */
export function AutoSave({
  value,
  disabled,
  multiline,
  testId,
  placeholder,
  editor,
  onSave,
}: {
  value: string;
  disabled: boolean;
  multiline?: boolean;
  testId: string;
  placeholder?: string;
  editor?: ((p: EditorProps) => ReactNode | undefined) | undefined;
  onSave: (v: string) => Promise<string | null | void>;
}) {
  const { t } = useT();
  const [v, setV] = useState(value);
  const [state, setState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(value);
  const seq = useRef(0);
  useEffect(() => {
    if (state === 'idle' || state === 'saved' || state === 'kept') setV(value);
    last.current = value;
  }, [value]);
  const flush = async (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (text === last.current) return;
    // only the answer to the latest save says what the field shows
    const mine = ++seq.current;
    setState('saving');
    try {
      const p = await onSave(text);
      if (mine !== seq.current) return;
      last.current = text;
      setState(p ? 'kept' : 'saved');
    } catch {
      if (mine !== seq.current) return;
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
      case 'kept':
        return t.rdKeptNotScored;
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
  // a widget when it can show the text; otherwise the text box, with the text as typed
  const custom = editor?.({
    value: v,
    disabled,
    testId,
    change,
    commit: (text) => {
      setV(text);
      void flush(text);
    },
    blur: () => void flush(v),
  });
  const field = custom ? (
    custom
  ) : multiline ? (
    <Input.TextArea
      autoSize={{ minRows: 1, maxRows: 5 }}
      {...common}
      onChange={(e) => change(e.target.value)}
    />
  ) : (
    <Input {...common} onChange={(e) => change(e.target.value)} />
  );
  return (
    <div>
      {field}
      <Typography.Text
        type={state === 'error' ? 'danger' : state === 'kept' ? 'warning' : 'secondary'}
        style={{ fontSize: 11 }}
        data-testid={`${testId}-state`}
      >
        {stateText(state)}
      </Typography.Text>
    </div>
  );
}
