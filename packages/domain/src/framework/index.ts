export * from './types.ts';
export * from './validate.ts';
export { FrameworkJson, parseFrameworkJson, frameworkToJson, cloneFramework } from './json.ts';
