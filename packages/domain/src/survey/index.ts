export * from './types.ts';
export * from './form.ts';
export * from './sampling.ts';
export * from './indices.ts';
export * from './answers.ts';
export * from './published.ts';
export * from './sample.ts';
export * from './preset107.ts';
