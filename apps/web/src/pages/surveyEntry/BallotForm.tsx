/** One paper ballot a screen, keyboard only: a scale question takes 1–5 and moves on, a choice takes
 * the number of its option and moves on, a multiple choice takes several numbers, Enter saves. After a
 * save the next ballot is ready at once (serial + 1, focus on the first question); errors of the
 * server are shown at their question. */
import type { SurveyForm, SurveyQuestion } from '@chiso/domain';
import { formQuestions } from '@chiso/domain';
import { Alert, Button, Input, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../../api/http.ts';
import { enterBallot } from '../../api/surveyBallots.ts';
import { fill, useT } from '../../i18n.ts';

/** "0007" → "0008", "B-99" → "B-100", "A" → "A1". */
export function nextSerial(s: string): string {
  const m = /^(.*?)(\d+)$/.exec(s);
  if (!m) return `${s}1`;
  const n = String(Number(m[2]) + 1);
  return m[1] + n.padStart(m[2]!.length, '0');
}

const isChoice = (q: SurveyQuestion) => (q.type === 'single' || q.type === 'profile') && !!q.options?.length;

export function BallotForm({
  campaignId,
  form,
  unitId,
  fieldCode,
  firstSerial,
  onSaved,
}: {
  campaignId: string;
  form: SurveyForm;
  unitId: string;
  fieldCode: string;
  firstSerial: string;
  onSaved: () => void;
}) {
  const { t } = useT();
  const questions = formQuestions(form);
  const [serial, setSerial] = useState(firstSerial);
  const [dossier, setDossier] = useState('');
  const [phone, setPhone] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const refs = useRef<(InputRef | null)[]>([]);
  const saveRef = useRef<HTMLButtonElement | null>(null);

  const focusAt = (i: number) => {
    const r = refs.current[i];
    if (r) r.focus();
    else saveRef.current?.focus();
  };
  useEffect(() => focusAt(0), []);

  const setValue = (code: string, v: string) => setValues((o) => ({ ...o, [code]: v }));

  function onType(q: SurveyQuestion, i: number, raw: string) {
    if (q.type === 'scale' || isChoice(q)) {
      const max = q.type === 'scale' ? 5 : Math.min(q.options!.length, 9);
      const d = raw.replace(new RegExp(`[^1-${max}]`, 'g'), '').slice(-1);
      setValue(q.code, d);
      if (d) focusAt(i + 1);
      return;
    }
    if (q.type === 'multi') {
      const max = Math.min(q.options?.length ?? 0, 9);
      setValue(q.code, [...new Set(raw.replace(new RegExp(`[^1-${max}]`, 'g'), ''))].join(''));
      return;
    }
    setValue(q.code, raw);
  }

  function answers() {
    const out: Record<string, string | string[]> = {};
    for (const q of questions) {
      const v = values[q.code] ?? '';
      if (!v) continue;
      if (isChoice(q)) out[q.code] = q.options![Number(v) - 1]?.code ?? v;
      else if (q.type === 'multi') out[q.code] = [...v].map((d) => q.options![Number(d) - 1]?.code ?? d);
      else out[q.code] = v;
    }
    return out;
  }

  async function save() {
    if (busy) return;
    setBusy(true);
    try {
      const r = await enterBallot(campaignId, {
        unitId,
        fieldCode,
        serial,
        ...(dossier.trim() ? { dossierNo: dossier.trim() } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        answers: answers(),
      });
      const dup = r.flags.filter((f) => f.startsWith('duplicate_'));
      setNote(
        dup.length
          ? fill(t.sbSavedDup, { serial: r.serial, flags: dup.map((f) => t.sbFlagLabels[f] ?? f).join(', ') })
          : fill(t.sbSaved, { serial: r.serial }),
      );
      setValues({});
      setErrors({});
      setDossier('');
      setPhone('');
      setSerial(nextSerial(r.serial));
      onSaved();
      setTimeout(() => focusAt(0), 0);
    } catch (e) {
      if (e instanceof ApiError) {
        const issues = (e.details as { issues?: { code: string; message: string }[] } | undefined)?.issues;
        if (issues?.length) {
          setErrors(Object.fromEntries(issues.map((x) => [x.code, x.message])));
          const first = questions.findIndex((q) => issues.some((x) => x.code === q.code));
          if (first >= 0) focusAt(first);
        } else setErrors({ serial: e.message });
      } else setErrors({ serial: String(e) });
      setNote('');
    } finally {
      setBusy(false);
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement)) {
      e.preventDefault();
      void save();
    }
  };

  const hint = (q: SurveyQuestion) => {
    const opts = (q.options ?? []).map((o, k) => `${k + 1} ${o.label}`).join(' · ');
    if (isChoice(q)) return fill(t.sbOptionsHint, { options: opts });
    if (q.type === 'multi') return fill(t.sbMultiHint, { options: opts });
    return null;
  };
  const shown = (q: SurveyQuestion) => {
    const v = values[q.code] ?? '';
    if (!v) return null;
    if (q.type === 'scale') return form.scale[Number(v) - 1];
    if (isChoice(q)) return q.options![Number(v) - 1]?.label;
    if (q.type === 'multi') return [...v].map((d) => q.options![Number(d) - 1]?.label).join(', ');
    return null;
  };

  return (
    <div onKeyDown={onKeyDown} data-testid="ballot-form">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t.sbKeys} {fill(t.sbScale, { labels: form.scale.map((l, i) => `${i + 1} ${l}`).join(' · ') })}
      </Typography.Paragraph>
      <div role="status" aria-live="polite" data-testid="ballot-note" style={{ minHeight: 24 }}>
        {note && <Typography.Text type="success">{note}</Typography.Text>}
      </div>
      {Object.keys(errors).length > 0 && !errors.serial && (
        <Alert type="error" showIcon title={t.sbFixErrors} style={{ marginBottom: 8 }} />
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 12 }}>
        <label style={{ flex: '1 1 140px' }}>
          {t.sbSerial}
          <Input
            value={serial}
            onChange={(e) => setSerial(e.target.value)}
            status={errors.serial ? 'error' : undefined}
            data-testid="ballot-serial"
          />
          {errors.serial && <Typography.Text type="danger">{errors.serial}</Typography.Text>}
        </label>
        <label style={{ flex: '1 1 160px' }}>
          {t.sbDossier}
          <Input value={dossier} onChange={(e) => setDossier(e.target.value)} data-testid="ballot-dossier" />
        </label>
        <label style={{ flex: '1 1 160px' }}>
          {t.sbPhone}
          <Input
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            inputMode="tel"
            status={errors.phone ? 'error' : undefined}
            data-testid="ballot-phone"
          />
          {errors.phone && <Typography.Text type="danger">{errors.phone}</Typography.Text>}
        </label>
      </div>
      {form.sections.map((s) => (
        <section key={s.code} style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: '8px 0' }}>
            {s.code}. {s.title}
          </Typography.Title>
          {s.questions.map((q) => {
            const i = questions.indexOf(q);
            const short = q.type === 'scale' || isChoice(q);
            return (
              <div
                key={q.code}
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  alignItems: 'center',
                  gap: 8,
                  padding: '4px 0',
                  borderBottom: '1px solid #f0f0f0',
                }}
              >
                <label htmlFor={`q-${q.code}`} style={{ flex: '1 1 260px', minWidth: 0 }}>
                  <b>{q.code}</b> {q.text}
                  {hint(q) && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {hint(q)}
                    </Typography.Text>
                  )}
                  {errors[q.code] && (
                    <Typography.Text type="danger" style={{ display: 'block' }} data-testid={`err-${q.code}`}>
                      {errors[q.code]}
                    </Typography.Text>
                  )}
                </label>
                <span
                  style={{
                    display: 'flex',
                    alignItems: 'center',
                    gap: 8,
                    flex: short ? '0 0 auto' : '1 1 200px',
                  }}
                >
                  <Input
                    id={`q-${q.code}`}
                    ref={(r) => {
                      refs.current[i] = r;
                    }}
                    value={values[q.code] ?? ''}
                    onChange={(e) => onType(q, i, e.target.value)}
                    inputMode={q.type === 'text' ? 'text' : 'numeric'}
                    autoComplete="off"
                    status={errors[q.code] ? 'error' : undefined}
                    style={{ width: short ? 56 : '100%', textAlign: short ? 'center' : undefined }}
                    data-testid={`q-${q.code}`}
                  />
                  {short && (
                    <Typography.Text type="secondary" style={{ width: 130, fontSize: 12 }}>
                      {shown(q)}
                    </Typography.Text>
                  )}
                </span>
              </div>
            );
          })}
        </section>
      ))}
      <Button
        type="primary"
        ref={saveRef}
        loading={busy}
        onClick={() => void save()}
        data-testid="ballot-save"
      >
        {t.sbSave}
      </Button>
    </div>
  );
}
