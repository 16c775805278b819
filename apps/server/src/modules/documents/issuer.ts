/** The issuing unit of a document, as it prints (NĐ 30/2020): the issuing-body lines, the number
 * symbol, the place name and the signing block, from the unit and its ancestors as they were on the
 * document's date (`issuerChain` of the units module) and the signer chosen in the download dialog. */
import {
  FILL_IN,
  abbreviationOf,
  issuerLinesOf,
  numberSymbol,
  parseSignerChoice,
  placeNameOf,
  signingBlock,
  type DocumentDate,
  type Signature,
} from '@chiso/domain';
import { AppError } from '../../errors.ts';
import type { ChainUnit } from '../units/service.ts';

export interface DocumentIssuer {
  /** The governing body's lines, "\n" between them (empty: none). */
  issuingParent: string | undefined;
  /** The unit's own lines, "\n" between them. */
  issuingBody: string;
  abbreviation: string;
  place: string;
  signature: Signature;
}

/** No issuing unit known (a system-wide framework downloaded by an administrator): every line is
 * left to fill by hand, never a placeholder name. */
export const BLANK_ISSUER: DocumentIssuer = {
  issuingParent: undefined,
  issuingBody: FILL_IN,
  abbreviation: '',
  place: FILL_IN,
  signature: { position: [FILL_IN], name: FILL_IN },
};

/** The issuer from its chain (the unit first) and the signer parameter ("head", "deputy-0"). A
 * signer that is not the unit's head or one of its deputies is refused. */
export function documentIssuer(chain: ChainUnit[], signer: string | undefined): DocumentIssuer {
  const unit = chain[0];
  if (!unit) return BLANK_ISSUER;
  const choice = parseSignerChoice(signer);
  if (!choice || (choice.role === 'deputy' && !unit.deputies?.[choice.index]))
    throw new AppError(
      'VALIDATION',
      `Người ký “${signer ?? ''}” không phải người đứng đầu hay cấp phó của “${unit.name}”; chọn lại người ký.`,
    );
  const lines = issuerLinesOf(unit, chain[1] ?? null);
  return {
    issuingParent: lines.governing.length ? lines.governing.join('\n') : undefined,
    issuingBody: lines.own.join('\n'),
    abbreviation: abbreviationOf(unit),
    place: placeNameOf(chain) ?? FILL_IN,
    signature: signingBlock(unit, choice),
  };
}

/** The symbol of a document of `type` ("BC", "QĐ") by this issuer: "BC-CAH"; only the type when the
 * issuer is unknown. */
export function issuerSymbol(issuer: DocumentIssuer, type: string, drafting?: string | null): string {
  return issuer.abbreviation ? numberSymbol({ type, issuer: issuer.abbreviation, drafting }) : type;
}

/** "2024-01-20" → { day: 20, month: 1, year: 2024 }. */
export const documentDate = (iso: string): DocumentDate => ({
  day: +iso.slice(8, 10),
  month: +iso.slice(5, 7),
  year: +iso.slice(0, 4),
});
