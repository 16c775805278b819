/** A plan's text and its document (issue #16 item 6): the text as it prints — headings, paragraphs,
 * bullets —, "Kính gửi" of a công văn and "Nơi nhận"; the Word (and PDF) in the layout the seeds use:
 * a kế hoạch with its annexed outline ("ĐỀ CƯƠNG BÁO CÁO (Kèm theo Kế hoạch số 82/KH-CAH, ngày
 * 20/5/2024 của …)", seed 000), a công văn with "V/v …" under its number and "Kính gửi:" (seed 001).
 * The issuer and signer are the issuing unit's as they were on the day of issue. */
import type { PlanTextBodyT } from '@chiso/contracts';
import {
  blocksFromText,
  formatDateVi,
  textFromBlocks,
  toRoman,
  type Annex,
  type Block,
  type OfficialDocument,
  type PlanBlock,
  type PlanKind,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { documentDate, type DocumentIssuer } from '../documents/issuer.ts';
import { outlinesOfPlan } from '../reports/service.ts';
import * as repo from './repository.ts';

const TYPE_OF: Record<PlanKind, string> = {
  ke_hoach: 'KẾ HOẠCH',
  chi_thi: 'CHỈ THỊ',
  cong_van: '',
  quyet_dinh: 'QUYẾT ĐỊNH',
};

/** "82/KH-CAH" → number "82", symbol "KH-CAH"; a number without "/" is all symbol. */
export function splitNumber(n: string): { number?: string; symbol: string } {
  const i = n.indexOf('/');
  if (i < 0) return { symbol: n.trim() };
  const number = n.slice(0, i).trim();
  return { ...(number ? { number } : {}), symbol: n.slice(i + 1).trim() };
}

export class PlanTextService {
  constructor(private db: Db) {}

  private async readable(actor: Actor, id: string) {
    const j = await repo.getPlan(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    const scope = scopeOf(actor, 'plan.read');
    if (!pathInScope(scope, j.unitPath)) {
      const asked = await repo.askedOf(this.db, [id]);
      const tasked = await repo.taskUnitsOf(this.db, [id]);
      if (![...asked, ...tasked].some((a) => pathInScope(scope, a.unitPath))) throw new AppError('NOT_FOUND');
    }
    return j;
  }

  async get(actor: Actor, id: string) {
    const j = await this.readable(actor, id);
    return {
      revision: j.p.revision,
      text: textFromBlocks(j.p.body),
      addressees: j.p.addressees,
      recipients: j.p.recipients,
      canWrite: pathInScope(scopeOf(actor, 'plan.write'), j.unitPath),
    };
  }

  async set(actor: Actor, id: string, body: PlanTextBodyT) {
    const j = await this.readable(actor, id);
    requireInScope(actor, 'plan.write', j.unitPath);
    const blocks = blocksFromText(body.text);
    return this.db.transaction(async (tx) => {
      const row = await repo.lockPlan(tx, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.revision !== body.baseRevision) throw new AppError('PLAN_CONFLICT');
      const revision = row.revision + 1;
      const next = { body: blocks, addressees: body.addressees, recipients: body.recipients, revision };
      await repo.updatePlanText(tx, id, next);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'plan.text',
        entity: 'plan',
        entityId: id,
        unitId: row.issuingUnitId,
        before: { body: row.body, addressees: row.addressees, recipients: row.recipients },
        after: { body: blocks, addressees: body.addressees, recipients: body.recipients },
        reason: null,
      });
      return { revision };
    });
  }

  /** What the document prints, read with the reader's rights. */
  async documentData(actor: Actor, id: string) {
    const j = await this.readable(actor, id);
    const parent = j.p.parentId ? await repo.getPlan(this.db, j.p.parentId) : undefined;
    return { j, parent, outlines: await outlinesOfPlan(this.db, id) };
  }
}

function toBlock(b: PlanBlock): Block {
  switch (b.kind) {
    case 'heading':
      return { kind: 'heading', level: b.level, text: b.text };
    case 'bullets':
      return { kind: 'bullets', items: b.items };
    case 'table':
      return {
        kind: 'table',
        columns: b.header.map((title, i) => ({
          title,
          width: i === 0 ? 0.8 : i === 1 ? 4 : 1.5,
          ...(i !== 1 ? { align: 'center' as const } : {}),
        })),
        rows: b.rows,
        rowBold: b.rows.map((r) => /^tổng/iu.test(r[1] ?? '')),
      };
    case 'paragraph':
      return { kind: 'paragraph', text: b.text };
  }
}

/** The plan as an administrative document. */
export function planDocument(
  d: Awaited<ReturnType<PlanTextService['documentData']>>,
  issuer: DocumentIssuer,
): OfficialDocument {
  const p = d.j.p;
  const kind = p.kind as PlanKind;
  const { number, symbol } = splitNumber(p.number);
  const body: Block[] = p.body.length
    ? p.body.map(toBlock)
    : d.parent
      ? [
          {
            kind: 'paragraph',
            text: `Thực hiện Kế hoạch số ${d.parent.p.number}, ngày ${formatDateVi(d.parent.p.issuedOn)} của ${d.parent.unitName}.`,
          },
        ]
      : [];
  const annexes: Annex[] = d.outlines.map((o) => ({
    label: '',
    title: 'ĐỀ CƯƠNG BÁO CÁO',
    subtitle: `(Kèm theo ${kind === 'cong_van' ? 'Công văn' : 'Kế hoạch'} số ${p.number}, ngày ${formatDateVi(p.issuedOn)} của ${d.j.unitName})`,
    body: o.outline.flatMap((s, i): Block[] => [
      { kind: 'heading', level: 1, text: `${toRoman(i + 1)}. ${s.title.toLocaleUpperCase('vi')}` },
      ...blocksFromText(s.guide ?? '').map(toBlock),
    ]),
  }));
  return {
    ...(issuer.issuingParent ? { issuingParent: issuer.issuingParent } : {}),
    issuingBody: issuer.issuingBody,
    ...(number ? { number } : {}),
    symbol,
    place: issuer.place,
    date: documentDate(p.issuedOn),
    type: TYPE_OF[kind] || 'CÔNG VĂN',
    summary: p.title,
    ...(kind === 'cong_van' ? { form: 'cong_van' as const, addressees: p.addressees } : {}),
    body,
    recipients: p.recipients.length ? p.recipients : ['Lưu: VT'],
    signature: issuer.signature,
    annexes,
  };
}
