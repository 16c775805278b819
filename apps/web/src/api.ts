/** Moved to api/http.ts and the area modules in api/; kept for the pages not yet moved to a folder. */
export * from './api/http.ts';
export type { Session } from './api/auth.ts';
