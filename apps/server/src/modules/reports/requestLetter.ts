/** A report request as the letter that asks for it (issue #16 item 6): a công văn of the requesting unit
 * ("V/v báo cáo …" under its number, "Kính gửi:" the units asked), what to report, for which period
 * and by when (the due day included), to which unit, under which plan; its outline annexed as "ĐỀ
 * CƯƠNG BÁO CÁO (Kèm theo Công văn …)". Read by whoever reads the request: its requester and receiver,
 * and the units asked. */
import {
  blocksFromText,
  formatDateVi,
  lowerFirst,
  toRoman,
  type Block,
  type OfficialDocument,
  type ReportSection,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { documentDate, issuerSymbol, type DocumentIssuer } from '../documents/issuer.ts';
import * as repo from './repository.ts';
import { followsAll } from './service.ts';

export interface LetterData {
  ownerUnitId: string;
  ownerName: string;
  receivingName: string;
  title: string;
  periodLabel: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  dueOn: string;
  planNumber: string | null;
  /** The day the request was made. */
  day: string;
  asked: string[];
  outline: ReportSection[];
}

export async function letterData(db: Db, actor: Actor, requestId: string): Promise<LetterData> {
  const j = await repo.getRequest(db, requestId);
  if (!j) throw new AppError('NOT_FOUND');
  const subs = await repo.submissionsOf(db, [requestId]);
  const scope = scopeOf(actor, 'report.read');
  if (!followsAll(actor, j) && !subs.some((s) => pathInScope(scope, s.unitPath)))
    throw new AppError('NOT_FOUND');
  return {
    ownerUnitId: j.r.ownerUnitId,
    ownerName: j.ownerName,
    receivingName: j.receivingName ?? j.ownerName,
    title: j.r.title,
    periodLabel: j.r.periodLabel,
    periodFrom: j.r.periodFrom,
    periodTo: j.r.periodTo,
    dueOn: j.r.dueOn,
    planNumber: j.planNumber,
    day: todayVn(j.r.createdAt),
    asked: subs.map((s) => s.unitName),
    outline: j.r.outline as ReportSection[],
  };
}

/** The letter as an administrative document (công văn of the requesting unit). */
export function letterDocument(d: LetterData, issuer: DocumentIssuer): OfficialDocument {
  const what = `${lowerFirst(d.title)}${d.periodLabel ? ` ${lowerFirst(d.periodLabel)}` : ''}`;
  // the plan is the requesting unit's own (checked when the request was made)
  const basis = d.planNumber ? `Thực hiện Kế hoạch số ${d.planNumber}, ` : '';
  const span =
    d.periodFrom && d.periodTo
      ? ` Số liệu báo cáo tính từ ngày ${formatDateVi(d.periodFrom)} đến ngày ${formatDateVi(d.periodTo)}.`
      : '';
  const outlined = d.outline.length > 0;
  // "Báo cáo sơ kết …" is already a report's name: asked for as it is, not "báo cáo báo cáo …"
  const named = /^báo cáo\b/iu.test(d.title.trim());
  const ask = `${basis}${d.ownerName} đề nghị các đơn vị ${named ? 'gửi' : 'báo cáo'} ${what}${outlined ? ' theo đề cương kèm theo' : ''}.${span}`;
  const body: Block[] = [
    { kind: 'paragraph', text: ask.charAt(0).toLocaleUpperCase('vi') + ask.slice(1) },
    {
      kind: 'paragraph',
      text: `Báo cáo do lãnh đạo đơn vị duyệt, gửi về ${d.receivingName} chậm nhất ngày ${formatDateVi(d.dueOn)} (tính cả ngày này). Báo cáo gửi sau hạn vẫn được tiếp nhận và được ghi nhận gửi muộn.`,
    },
    { kind: 'paragraph', text: 'Đề nghị các đơn vị nghiêm túc thực hiện./.' },
  ];
  return {
    ...(issuer.issuingParent ? { issuingParent: issuer.issuingParent } : {}),
    issuingBody: issuer.issuingBody,
    symbol: issuerSymbol(issuer, ''),
    place: issuer.place,
    date: documentDate(d.day),
    type: 'CÔNG VĂN',
    summary: named ? `V/v ${what}` : `V/v báo cáo ${what}`,
    form: 'cong_van',
    addressees: d.asked,
    body,
    recipients: [
      'Như trên',
      ...(d.receivingName !== d.ownerName ? [`${d.receivingName} (để theo dõi, tổng hợp)`] : []),
      'Lưu: VT',
    ],
    signature: issuer.signature,
    annexes: outlined
      ? [
          {
            label: '',
            title: 'ĐỀ CƯƠNG BÁO CÁO',
            subtitle: `(Kèm theo Công văn ngày ${formatDateVi(d.day)} của ${d.ownerName})`,
            body: d.outline.flatMap((s, i): Block[] => [
              { kind: 'heading', level: 1, text: `${toRoman(i + 1)}. ${s.title.toLocaleUpperCase('vi')}` },
              ...blocksFromText(s.guide ?? '').flatMap((b): Block[] =>
                b.kind === 'bullets'
                  ? [{ kind: 'bullets', items: b.items }]
                  : b.kind === 'table'
                    ? []
                    : [{ kind: 'paragraph', text: b.text }],
              ),
            ]),
          },
        ]
      : [],
  };
}
