export * from './text.ts';
export * from './units.ts';
export * from './access.ts';
export * from './points.ts';
export * from './checkTable/index.ts';
export * from './framework/index.ts';
export * from './scoring/index.ts';
export * from './document/index.ts';
