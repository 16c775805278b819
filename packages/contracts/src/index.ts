export * from './fields.ts';
export * from './api.ts';
export * from './errors.ts';
export * from './types.ts';
export * from './work.ts';
export * from './groups.ts';
export * from './surveys.ts';
export * from './surveyPoints.ts';
