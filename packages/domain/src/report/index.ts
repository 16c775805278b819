export * from './due.ts';
export * from './content.ts';
export * from './surveyTables.ts';
export * from './periods.ts';
