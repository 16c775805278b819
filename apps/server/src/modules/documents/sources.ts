/** What each document needs before it is laid out, read through the services that guard the data
 * (the same rules decide who may download it as who may see it): its data, its date and its issuer
 * as of that date. The download routes and the dialog that prepares a download (who may sign, which
 * legal-basis lines are left to fill by hand) read the same source. */
import { isExampleBasis, parseFrameworkJson, signingBlock, type Framework } from '@chiso/domain';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import type { Actor } from '../auth/actor.ts';
import type { Services } from '../../services.ts';
import type { ChainUnit } from '../units/service.ts';
import type { RankingData, SelfReportData } from './cycleReports.ts';
import { BLANK_ISSUER, documentIssuer, issuerSymbol, type DocumentIssuer } from './issuer.ts';
import { placeOfView } from '../results/service.ts';
import type { PublishingData } from './publishingDecision.ts';
import { rankingData, selfReportData } from './reportRows.ts';

export interface IssuerSource {
  chain: ChainUnit[];
  /** yyyy-mm-dd: the document's date (the decision's when there is one). */
  day: string;
  /** The document's type abbreviation in its symbol. */
  type: string;
}

/** The issuing unit of a download that names none: the first unit the actor holds a right on. */
function actorUnit(actor: Actor): string | null {
  return actor.grants.find((g) => g.unitId !== null)?.unitId ?? null;
}

async function chainOf(s: Services, unitId: string | null, day: string): Promise<ChainUnit[]> {
  return unitId ? s.units.issuerChain(unitId, day) : [];
}

export async function rankingSource(s: Services, actor: Actor, cycleId: string) {
  const ranking = await s.cycleViews.ranking(actor, cycleId);
  const cycle = await s.cycleViews.detail(actor, cycleId);
  const data: RankingData = rankingData(ranking, cycle, todayVn());
  const source: IssuerSource = {
    chain: await chainOf(s, cycle.ownerUnitId, data.documentDay),
    day: data.documentDay,
    type: 'BC',
  };
  return { data, source };
}

/** The publishing decision of a finalised or published cycle: its ranking (the same rights as the
 * ranking screen), each unit's points by field and place last year; dated and numbered as the
 * cycle's publishing decision when it has one ("12/QĐ-UBND" → number 12, symbol QĐ-UBND). */
export async function publishingSource(s: Services, actor: Actor, cycleId: string) {
  const ranking = await s.cycleViews.ranking(actor, cycleId);
  const cycle = await s.cycleViews.detail(actor, cycleId);
  const fields = await s.results.fieldsOfCycle(cycleId);
  const first = fields.values().next().value ?? [];
  const data: PublishingData = {
    year: cycle.year,
    rankingName: cycle.name,
    ownerName: cycle.ownerUnitName,
    frameworkName: cycle.framework.name,
    fields: first.map((f) => ({ code: f.code, title: f.title })),
    groups: ranking.groups.map((g) => ({
      name: g.name,
      rows: ranking.items
        .filter((i) => i.rankGroup === g.key)
        .map((i) => ({
          unitName: i.unitName,
          fields: fields.get(i.unitId) ?? [],
          total: i.total,
          index: i.index,
          band: i.bandLabel,
          rank: i.rank,
          rankedOf: i.rankedOf,
          previous: placeOfView(i.movement),
        })),
    })),
  };
  const day = (ranking.decisionNumber && ranking.decisionDate?.slice(0, 10)) || todayVn();
  const numbered = /^\s*(\d+)\s*\/\s*(\S+)\s*$/u.exec(ranking.decisionNumber ?? '');
  const source: IssuerSource = { chain: await chainOf(s, cycle.ownerUnitId, day), day, type: 'QĐ' };
  return { data, source, number: numbered?.[1], symbol: numbered?.[2] };
}

/** The publishing decision of a ranking set of results entered for a year (framework, year, owner):
 * the results the reader may see of that owner's set, grouped as the set is; dated on the day asked
 * (else today) and left without a number. Another tree's set is not found. */
export async function resultSetSource(
  s: Services,
  actor: Actor,
  q: { frameworkId: string; year: number; ownerUnitId: string; date?: string | undefined },
) {
  const list = await s.results.list(actor, q.frameworkId, q.year, q.ownerUnitId);
  const set = list.sets.find((x) => x.ownerUnitId === q.ownerUnitId);
  if (!set || list.ownerUnitId !== q.ownerUnitId) throw new AppError('NOT_FOUND');
  const first = list.items[0]?.fields ?? [];
  const data: PublishingData = {
    year: q.year,
    rankingName: `Bảng xếp hạng ${list.framework.name} năm ${q.year} của ${set.ownerName}`,
    ownerName: set.ownerName,
    frameworkName: list.framework.name,
    fields: first.map((f) => ({ code: f.code, title: f.title })),
    groups: list.groups.map((g) => ({
      name: g.name,
      rows: list.items
        .filter((i) => i.rankGroup === g.key)
        .map((i) => ({
          unitName: i.unitName,
          fields: i.fields,
          total: i.total,
          index: i.index,
          band: i.bandLabel,
          rank: i.rank,
          rankedOf: i.rankedOf,
          previous: i.movement ? placeOfView(i.movement) : null,
        })),
    })),
  };
  const day = q.date ?? todayVn();
  const source: IssuerSource = { chain: await chainOf(s, q.ownerUnitId, day), day, type: 'QĐ' };
  return { data, source };
}

export async function selfReportSource(s: Services, actor: Actor, assessmentId: string) {
  const view = await s.cycleViews.assessment(actor, assessmentId);
  // a self-assessment report belongs to its stage: dated today while the stage runs, its last day
  // (the unit's extension counted) after — the unit as it was then (Đội Tổng hợp for 2023)
  const today = todayVn();
  const day = view.deadline.dueOn < today ? view.deadline.dueOn : today;
  const data: SelfReportData = selfReportData(view, await s.cycleViews.appraisal(actor, assessmentId), day);
  const source: IssuerSource = {
    chain: await chainOf(s, view.unit.id, data.today),
    day: data.today,
    type: 'BC',
  };
  return { view, data, source };
}

/** The framework of a decision and its issuer: the unit named (which the actor must be allowed to
 * see), else the framework's owner, else the actor's own unit; dated on the day asked, else the day
 * the framework was published, else today. */
export async function decisionSource(
  s: Services,
  actor: Actor,
  frameworkId: string,
  opts: { issuerUnitId?: string | undefined; date?: string | undefined },
) {
  const detail = await s.frameworks.detail(actor, frameworkId);
  const parsed = parseFrameworkJson(detail.definition);
  if (!parsed.framework) throw new AppError('FRAMEWORK_INVALID', undefined, parsed.errors);
  if (opts.issuerUnitId) await s.units.detail(actor, opts.issuerUnitId); // scope check
  const published = detail.framework.publishedAt;
  const day = opts.date ?? (published ? todayVn(new Date(published)) : todayVn());
  const unitId = opts.issuerUnitId ?? detail.framework.ownerUnitId ?? actorUnit(actor);
  const source: IssuerSource = { chain: await chainOf(s, unitId, day), day, type: 'QĐ' };
  return { framework: parsed.framework, source };
}

/** The issuer of a check report: the unit named (in the actor's scope), else the actor's unit. */
export async function checkReportSource(s: Services, actor: Actor, issuerUnitId: string | undefined) {
  if (issuerUnitId) await s.units.detail(actor, issuerUnitId);
  const day = todayVn();
  const source: IssuerSource = {
    chain: await chainOf(s, issuerUnitId ?? actorUnit(actor), day),
    day,
    type: 'BC',
  };
  return source;
}

export function issuerOf(source: IssuerSource, signer: string | undefined): DocumentIssuer {
  return source.chain.length ? documentIssuer(source.chain, signer) : BLANK_ISSUER;
}

/** What the download dialog shows before a document is made: the issuing unit as it will print,
 * who may sign (the head, each deputy; the head first, by default), and the legal-basis lines that
 * will be left to fill by hand. */
export function issuerView(source: IssuerSource, framework?: Framework) {
  const unit = source.chain[0];
  const issuer = issuerOf(source, undefined);
  const signers = unit
    ? [
        ...(unit.head ? [{ key: 'head', ...signerText(unit, 'head') }] : []),
        ...(unit.deputies ?? []).map((_, i) => ({ key: `deputy-${i}`, ...signerText(unit, `deputy-${i}`) })),
      ]
    : [];
  return {
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
    issuingLines: [...(issuer.issuingParent?.split('\n') ?? []), ...issuer.issuingBody.split('\n')],
    symbol: issuerSymbol(issuer, source.type),
    place: issuer.place,
    date: source.day,
    signers,
    defaultSigner: signers[0]?.key ?? null,
    exampleBasis: (framework?.legalBasis ?? []).filter(isExampleBasis),
  };
}

function signerText(unit: ChainUnit, key: string) {
  const choice =
    key === 'head' ? { role: 'head' as const } : { role: 'deputy' as const, index: Number(key.slice(7)) };
  const sig = signingBlock(unit, choice);
  const lines = [
    ...(sig.authority ? [sig.authority] : []),
    ...(Array.isArray(sig.position) ? sig.position : [sig.position]),
  ];
  return { position: lines, name: [sig.rank, sig.name].filter(Boolean).join(' ') };
}
