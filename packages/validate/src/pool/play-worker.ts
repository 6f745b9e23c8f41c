/**
 * The worker-thread module of the validation pool (`validation.md` §8). Built to `dist/play-worker.js`; tasks are
 * selected by name (tinypool `run(payload, {name})`). A worker never creates a pool and never opens DuckDB; its
 * console runs at level `warn` with the prefix `[w<thread id>]`.
 */
import { threadId } from 'node:worker_threads';
import { prefixWorkerConsole } from './worker-console';

prefixWorkerConsole(threadId, (line) => process.stderr.write(line));

export { runSyntheticPlay } from './play-tasks';
export { runRealPlay } from './real-play-task';
