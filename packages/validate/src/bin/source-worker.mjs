// Worker-thread entry for the source-run module tasks (validate-module.ts). Node 20 worker threads do not inherit
// tsx's loader hooks from the parent, so the worker registers tsx itself, then loads the TypeScript play worker.
// tinypool reads tasks by name from the default export.
import { register } from 'tsx/esm/api';

register();
export default await import('../pool/play-worker.ts');
