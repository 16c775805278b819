/** What the routes ask of the installation: its demo accounts. */
import type { Db } from '../../db/open.ts';
import { listDemoAccounts, readInstallation } from './repository.ts';

export class SystemService {
  constructor(private db: Db) {}

  /** The demo accounts of a demo installation (null on a real one, whatever the configuration
   * says), with their passwords only when `withPasswords`. */
  async demoAccounts(withPasswords: boolean) {
    if ((await readInstallation(this.db))?.mode !== 'demo') return null;
    return (await listDemoAccounts(this.db)).map(({ password, ...a }) =>
      withPasswords ? { ...a, password } : a,
    );
  }
}
