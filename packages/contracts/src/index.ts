export * from './errors.ts';
export * from './api.ts';
