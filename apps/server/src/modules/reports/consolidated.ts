/** The consolidated report of a request (issue #16 item 5; seed 000's "Báo cáo sơ kết"): the lead
 * (the receiving unit, else the requester) merges, section by section of the outline, what each unit
 * sent — late reports included, marked — and lists who sent on time, late, or not at all. Word in
 * the NĐ 30/2020 layout, PDF made from it. Only the requester and the receiver may make it. */
import {
  formatDateVi,
  lowerFirst,
  sendingState,
  sendingStateLabel,
  toRoman,
  type Block,
  type OfficialDocument,
  type ReportSection,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import type { Actor } from '../auth/actor.ts';
import { documentDate, issuerSymbol, type DocumentIssuer } from '../documents/issuer.ts';
import * as repo from './repository.ts';
import { followsAll } from './service.ts';
import { readContent } from '@chiso/domain';

export interface ConsolidatedData {
  title: string;
  /** The unit that merges (the receiving unit, else the requester). */
  leadUnitId: string;
  leadName: string;
  ownerName: string;
  periodLabel: string | null;
  planNumber: string | null;
  dueOn: string;
  day: string;
  outline: ReportSection[];
  units: {
    unitName: string;
    sentAt: string | null;
    label: string;
    state: string;
    sections: Record<string, string>;
  }[];
}

export async function consolidatedData(db: Db, actor: Actor, requestId: string): Promise<ConsolidatedData> {
  const j = await repo.getRequest(db, requestId);
  if (!j) throw new AppError('NOT_FOUND');
  if (!followsAll(actor, j)) throw new AppError('NOT_FOUND');
  const today = todayVn();
  const subs = await repo.submissionsOf(db, [requestId]);
  return {
    title: j.r.title,
    leadUnitId: j.r.receivingUnitId ?? j.r.ownerUnitId,
    leadName: j.receivingName ?? j.ownerName,
    ownerName: j.ownerName,
    periodLabel: j.r.periodLabel,
    planNumber: j.planNumber,
    dueOn: j.r.dueOn,
    day: today,
    outline: j.r.outline as ReportSection[],
    units: subs.map((s) => {
      const st = sendingState(s.s.sentAt, j.r.dueOn, today);
      return {
        unitName: s.unitName,
        sentAt: s.s.sentAt ? todayVn(s.s.sentAt) : null,
        label: sendingStateLabel(st),
        state: st.state,
        sections: s.s.sentAt ? readContent(s.s.content).sections : {},
      };
    }),
  };
}

const paragraphs = (text: string): Block[] =>
  text
    .split(/\n+/u)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l): Block => ({ kind: 'paragraph', text: l }));

/** The merged report as an administrative document (BÁO CÁO of the lead unit). */
export function consolidatedDocument(d: ConsolidatedData, issuer: DocumentIssuer): OfficialDocument {
  const sent = d.units.filter((u) => u.sentAt !== null);
  const basis = d.planNumber ? `Thực hiện Kế hoạch số ${d.planNumber} của ${d.ownerName}, ` : '';
  const opening = `${basis}trên cơ sở báo cáo của ${sent.length}/${d.units.length} đơn vị, ${d.leadName} tổng hợp ${lowerFirst(d.title)}${d.periodLabel ? ` (${lowerFirst(d.periodLabel)})` : ''} như sau:`;
  const body: Block[] = [
    { kind: 'paragraph', text: opening.charAt(0).toLocaleUpperCase('vi') + opening.slice(1) },
  ];
  d.outline.forEach((s, i) => {
    body.push({ kind: 'heading', level: 1, text: `${toRoman(i + 1)}. ${s.title.toLocaleUpperCase('vi')}` });
    const parts = sent.filter((u) => (u.sections[s.code] ?? '').trim());
    if (!parts.length) body.push({ kind: 'paragraph', text: 'Chưa có đơn vị nào báo cáo nội dung này.' });
    for (const u of parts) {
      body.push({
        kind: 'paragraph',
        text: `${u.unitName}${u.state === 'late' ? ' (gửi muộn)' : ''}:`,
        bold: true,
      });
      body.push(...paragraphs(u.sections[s.code]!));
    }
  });
  body.push({
    kind: 'heading',
    level: 1,
    text: `${toRoman(d.outline.length + 1)}. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ`,
  });
  body.push({
    kind: 'paragraph',
    text: `Hạn gửi: ngày ${formatDateVi(d.dueOn)}. Đã gửi ${sent.length}/${d.units.length} đơn vị, trong đó ${d.units.filter((u) => u.state === 'late').length} đơn vị gửi muộn; ${d.units.length - sent.length} đơn vị chưa gửi.`,
  });
  body.push({
    kind: 'table',
    columns: [
      { title: 'STT', width: 7, align: 'center' },
      { title: 'Đơn vị', width: 45 },
      { title: 'Ngày gửi', width: 16, align: 'center' },
      { title: 'Tình trạng', width: 32 },
    ],
    rows: d.units.map((u, i) => [String(i + 1), u.unitName, u.sentAt ? formatDateVi(u.sentAt) : '', u.label]),
  });
  return {
    ...(issuer.issuingParent ? { issuingParent: issuer.issuingParent } : {}),
    issuingBody: issuer.issuingBody,
    symbol: issuerSymbol(issuer, 'BC'),
    place: issuer.place,
    date: documentDate(d.day),
    type: 'BÁO CÁO',
    summary: d.periodLabel ? `${d.title} (${d.periodLabel})` : d.title,
    body,
    recipients: [...(d.leadName !== d.ownerName ? [`Lãnh đạo ${d.ownerName} (để báo cáo)`] : []), 'Lưu: VT'],
    signature: issuer.signature,
    annexes: [],
  };
}
