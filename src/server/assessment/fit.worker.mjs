// A worker thread's entry point must be plain JavaScript: on Node 20 a worker does not inherit the
// tsx loader, nor accept it through execArgv. This registers tsx, then runs the TypeScript fit.
import { register } from 'tsx/esm/api';

register();
await import('./fit.worker.ts');
