/** What other modules read of accounts (they do not reach into this module's repository): a user,
 * and a user's active grants. */
export { activeGrantsOf, findUserById } from './repository.ts';
