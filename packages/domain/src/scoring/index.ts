export * from './engine.ts';
export * from './compare.ts';
