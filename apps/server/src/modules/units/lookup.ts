/** What other modules read of the unit tree (they do not reach into this module's repository). */
export { getUnit, getUnitsByIds, listUnits, type UnitRow } from './repository.ts';
