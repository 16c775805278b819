/** Evidence: the official documents of a unit (number and symbol, date, issuer, summary) with their
 * files, checked by content and stored once per SHA-256. A self-assessment links them to criteria
 * (cycles/selfAssessment.ts); one document backs several criteria and several cycles. */
import { randomUUID } from 'node:crypto';
import { checkUpload, evidenceMetaProblem } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import type { FileStore } from '../../lib/fileStore.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { getUnit } from '../units/service.ts';
import * as repo from './repository.ts';

export type { EvidenceRow } from './repository.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** An evidence document of a unit (undefined when there is none, or it belongs to another unit). */
export async function unitEvidence(db: DbOrTx, unitId: string, evidenceId: string) {
  const e = await repo.getEvidence(db, evidenceId);
  return e && e.e.unitId === unitId ? e.e : undefined;
}

/** Units other than `unitId` whose evidence uses one of these files (same SHA-256). */
export { sharedFiles as filesSharedWith } from './repository.ts';

export class EvidenceService {
  constructor(
    private db: Db,
    private files: FileStore,
    private uploadMaxBytes: number,
  ) {}

  /** Upload an official document as evidence of a unit. Checked by content; stored once per hash;
   * a refused file leaves nothing behind. */
  async upload(
    actor: Actor,
    unitId: string,
    meta: { numberSymbol: string; issuedOn: string; issuer: string; summary: string },
    fileName: string,
    bytes: Buffer,
  ) {
    const unit = await getUnit(this.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'assessment.write', unit.path);
    const check = checkUpload(fileName, bytes, this.uploadMaxBytes);
    if (check.error !== undefined) throw new AppError('FILE_REFUSED', check.error);
    const missingMeta = [
      ['numberSymbol', 'số, ký hiệu'],
      ['issuer', 'cơ quan ban hành'],
      ['summary', 'trích yếu'],
    ].filter(([k]) => !meta[k as keyof typeof meta]?.trim());
    if (missingMeta.length)
      throw new AppError('VALIDATION', `Thiếu ${missingMeta.map(([, l]) => l).join(', ')} của văn bản.`);
    if (!ISO.test(meta.issuedOn))
      throw new AppError('VALIDATION', 'Ngày ban hành không hợp lệ (dd/mm/yyyy).');
    const metaProblem = evidenceMetaProblem(meta); // lengths, control characters, a real date
    if (metaProblem) throw new AppError('VALIDATION', metaProblem);
    const stored = await this.files.put(bytes);
    try {
      const row = await this.db.transaction(async (tx) => {
        await repo.insertFile(tx, { sha256: stored.sha256, size: bytes.length, mime: check.kind.mime });
        const e = await repo.insertEvidence(tx, {
          id: randomUUID(),
          unitId,
          numberSymbol: meta.numberSymbol.trim(),
          issuedOn: meta.issuedOn,
          issuer: meta.issuer.trim(),
          summary: meta.summary.trim(),
          fileSha256: stored.sha256,
          fileName,
          createdBy: actor.id,
        });
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'evidence.upload',
          entity: 'evidence',
          entityId: e.id,
          unitId,
          after: { numberSymbol: e.numberSymbol, issuedOn: e.issuedOn, fileName, sha256: stored.sha256 },
          reason: null,
        });
        return e;
      });
      return { id: row.id, sha256: stored.sha256, mime: check.kind.mime };
    } catch (e) {
      // a file stored by this request and referenced by no row (a concurrent identical upload may
      // have committed one) is removed; a referenced one stays
      if (stored.created && !(await repo.fileReferenced(this.db, stored.sha256)))
        await this.files.remove(stored.sha256);
      throw e;
    }
  }

  async list(actor: Actor, unitId: string) {
    const unit = await getUnit(this.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'assessment.read', unit.path);
    return (await repo.evidenceOfUnit(this.db, unitId)).map((e) => ({
      id: e.id,
      numberSymbol: e.numberSymbol,
      issuedOn: e.issuedOn,
      issuer: e.issuer,
      summary: e.summary,
      fileName: e.fileName,
    }));
  }

  /** The file of an evidence document, only for readers whose grants cover its unit. */
  async file(actor: Actor, evidenceId: string) {
    const e = await repo.getEvidence(this.db, evidenceId);
    if (!e || !pathInScope(scopeOf(actor, 'assessment.read'), e.unitPath)) throw new AppError('NOT_FOUND');
    return { fileName: e.e.fileName, mime: e.mime, body: await this.files.read(e.e.fileSha256) };
  }
}
