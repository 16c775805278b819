export * from './model.ts';
export * from './issuer.ts';
export * from './metrics.ts';
