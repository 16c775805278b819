/** A unit's self-assessment: the criteria tree with inputs saved as they are typed, points computed
 * by the rule, explanations and evidence; what is missing; submit / withdraw. Side by side, the
 * appraisal: accept, set another score with a reason, ask for supplementation; the unit's answers;
 * approval one level at a time. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemSaveBodyT } from '@chiso/contracts';
import { App, Card, Space } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  acceptRest,
  answerAppraisal,
  appraise,
  approveAppraisal,
  getAppraisal,
  getAssessment,
  listEvidence,
  returnAssessment,
  saveItem as saveItemApi,
  sendBackAppraisal,
  submitAssessment,
} from '../../api/assessments.ts';
import { fill, useT } from '../../i18n.ts';
import { errText } from '../../ui/errors.ts';
import { TextDialog } from '../../ui/TextDialog.tsx';
import type { AppraiseAction } from './AppraisalCell.tsx';
import { AppraiseDialog } from './AppraiseDialog.tsx';
import { CriteriaTable } from './CriteriaTable.tsx';
import { EvidenceModal } from './EvidenceModal.tsx';
import { AssessmentHeader } from './Header.tsx';

/** The dialog open over the page, if any. */
type Dialog =
  | { kind: 'set' | 'supplement'; code: string }
  | { kind: 'answer'; code: string }
  | { kind: 'evidence'; code: string }
  | { kind: 'acceptWaiting'; code: string }
  | { kind: 'approveWaiting' }
  | { kind: 'return' }
  | { kind: 'sendBack' };

export default function Assessment() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const v = useQuery({ queryKey: ['assessment', id], queryFn: () => getAssessment(id) });
  const ap = useQuery({ queryKey: ['assessment', id, 'appraisal'], queryFn: () => getAppraisal(id) });
  const ev = useQuery({
    queryKey: ['evidence', v.data?.unit.id],
    enabled: !!v.data,
    queryFn: () => listEvidence(v.data!.unit.id),
  });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['assessment', id] });
    await qc.invalidateQueries({ queryKey: ['evidence'] });
  };
  const a = v.data;
  if (!a) return <Card loading />;

  /** Save one criterion as typed; answers what the engine could not understand (kept, not scored). */
  const saveItem = async (code: string, body: ItemSaveBodyT): Promise<string | null> => {
    try {
      const r = await saveItemApi(id, code, body);
      await qc.invalidateQueries({ queryKey: ['assessment', id] });
      return r.problem;
    } catch (e) {
      message.error(errText(e));
      throw e;
    }
  };
  /** A request, then its message and a fresh view; what a submission lacks is listed on failure. */
  const act = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      await refresh();
    } catch (e) {
      message.error(errText(e, 'missing'));
    }
  };
  /** A dialog's request: on failure the dialog keeps what was typed and shows why. */
  const request = async (f: () => Promise<unknown>, ok: string) => {
    await f();
    message.success(ok);
    await refresh();
  };
  /** Ask before an action that cannot simply be undone. */
  const confirm = (content: string, okText: string, f: () => Promise<unknown>, ok: string) =>
    modal.confirm({
      title: t.rdConfirm,
      content,
      okText,
      cancelText: t.cancel,
      onOk: () => act(f, ok),
    });
  const appraisal = ap.data;
  const onSubmitAssessment = () =>
    confirm(
      fill(t.rdSubmitConfirm, { unit: a.appraisingUnitName }),
      t.asSubmit,
      () => submitAssessment(id),
      t.asSubmitted,
    );
  const onApprove = () =>
    appraisal?.waiting.length
      ? setDialog({ kind: 'approveWaiting' })
      : confirm(
          fill(t.rdApproveConfirm, { unit: a.unit.name }),
          t.asApprove,
          () => approveAppraisal(id),
          t.approved,
        );
  const onAcceptRest = () =>
    confirm(t.rdAcceptRestConfirm, t.rdAcceptRest, () => acceptRest(id), t.rdAcceptedRest);
  const onAppraise = (code: string, action: AppraiseAction) => {
    switch (action) {
      case 'accept':
        // still waiting for the unit's answer: an explicit choice with a reason
        if (appraisal?.items.find((i) => i.code === code)?.state === 'supplement')
          return setDialog({ kind: 'acceptWaiting', code });
        return void act(() => appraise(id, code, { action }), t.asAccepted);
      case 'set':
      case 'supplement':
        return setDialog({ kind: action, code });
    }
  };
  const dialogView = (d: Dialog) => {
    switch (d.kind) {
      case 'set':
      case 'supplement':
        return (
          <AppraiseDialog
            key={`${d.kind}-${d.code}`}
            kind={d.kind}
            code={d.code}
            window={appraisal?.supplementWindow}
            onSubmit={(body) => request(() => appraise(id, d.code, body), t.saved)}
            onClose={close}
          />
        );
      case 'acceptWaiting':
        return (
          <TextDialog
            key={`acceptWaiting-${d.code}`}
            title={fill(t.rdAcceptWaitingTitle, { code: d.code })}
            description={t.rdAcceptWaitingHelp}
            placeholder={t.rdReasonRequired}
            okText={t.rdAcceptWaitingOk}
            testId="reason-text"
            onSubmit={(reason) =>
              request(
                () => appraise(id, d.code, { action: 'accept', acceptWaiting: true, reason }),
                t.asAccepted,
              )
            }
            onClose={close}
          />
        );
      case 'approveWaiting':
        return (
          <TextDialog
            key="approveWaiting"
            title={t.rdApproveWaitingTitle}
            description={fill(t.rdApproveWaitingHelp, {
              list: (appraisal?.waiting ?? []).map((w) => w.text).join('; '),
            })}
            placeholder={t.rdReasonRequired}
            okText={t.rdApproveWaitingOk}
            testId="reason-text"
            onSubmit={(note) =>
              request(() => approveAppraisal(id, { acceptWaiting: true, note }), t.approved)
            }
            onClose={close}
          />
        );
      case 'answer':
        return (
          <TextDialog
            key={`answer-${d.code}`}
            title={fill(t.asAnswerTitle, { code: d.code })}
            placeholder={t.asAnswerPlaceholder}
            okText={t.asAnswerOk}
            testId="answer-text"
            onSubmit={(text) => request(() => answerAppraisal(id, d.code, text), t.asAnswered)}
            onClose={close}
          />
        );
      case 'evidence':
        return (
          <EvidenceModal
            unitId={a.unit.id}
            assessmentId={a.id}
            code={d.code}
            existing={ev.data?.items ?? []}
            onClose={() => {
              close();
              void refresh();
            }}
          />
        );
      case 'return':
        return (
          <TextDialog
            key="return"
            title={t.asReturnTitle}
            placeholder={t.asReturnReason}
            okText={t.asReturnOk}
            testId="reason-text"
            onSubmit={(reason) => request(() => returnAssessment(id, reason), t.asReturned)}
            onClose={close}
          />
        );
      case 'sendBack':
        return (
          <TextDialog
            key="sendBack"
            title={t.asSendBackTitle}
            placeholder={t.sendBackReason}
            okText={t.sendBack}
            testId="reason-text"
            onSubmit={(reason) => request(() => sendBackAppraisal(id, reason), t.sentBack)}
            onClose={close}
          />
        );
    }
  };

  return (
    <>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <AssessmentHeader
          assessment={a}
          appraisal={ap.data}
          act={act}
          onSubmit={onSubmitAssessment}
          onApprove={onApprove}
          onAcceptRest={onAcceptRest}
          onReturn={() => setDialog({ kind: 'return' })}
          onSendBack={() => setDialog({ kind: 'sendBack' })}
        />
        <Card>
          <CriteriaTable
            assessment={a}
            appraisal={new Map((ap.data?.items ?? []).map((i) => [i.code, i]))}
            approval={ap.data?.approval}
            saveItem={saveItem}
            onEvidence={(code) => setDialog({ kind: 'evidence', code })}
            onAppraise={onAppraise}
            onAnswer={(code) => setDialog({ kind: 'answer', code })}
          />
        </Card>
      </Space>
      {dialog && dialogView(dialog)}
    </>
  );
}
