export * from './text.ts';
export * from './units.ts';
export * from './access.ts';
