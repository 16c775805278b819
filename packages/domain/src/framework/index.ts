export * from './types.ts';
export * from './validate.ts';
export { FrameworkJson, parseFrameworkJson, frameworkToJson, cloneFramework } from './json.ts';
export { formatRule, parseRule, RULE_TEXT_HELP } from './ruleText.ts';
export * from './table.ts';
export * from './edit.ts';
