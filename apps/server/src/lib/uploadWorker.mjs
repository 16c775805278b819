// Entry of an upload worker thread. A worker does not get the TypeScript loader of the thread that
// starts it in every setting (node --import tsx, the tsx command, Vitest), so the pool starts it with
// no execArgv and it registers tsx itself before loading the TypeScript worker (ADR 0005: no build).
import { register } from 'tsx/esm/api';

register();
await import('./uploadWorker.ts');
