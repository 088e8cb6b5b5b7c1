// Worker bootstrap: the solver is TypeScript, so the worker registers tsx itself (as bin/onsite.mjs
// does) rather than relying on the flags the parent process happened to start with.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
