/** What other modules read of frameworks (they do not reach into this module's repository): a
 * version with its owner unit's name and path. */
export { getFramework } from './repository.ts';
