export * from './engine.ts';
export * from './compare.ts';
export * from './inputs.ts';
export * from './groups.ts';
export * from './movement.ts';
