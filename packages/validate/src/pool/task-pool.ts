import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import { ValidationError } from '../errors';

/** A task function a pool can run by name (the same functions run inline and inside worker threads). */
export type TaskFn = (payload: never) => unknown;

/**
 * The run's one pool (`validation.md` §8). `size` is the global cap `--workers N`; `mode` says whether tasks
 * run in worker threads or inline in the main thread (N = 1, or no runnable worker module).
 */
export interface TaskPool {
  readonly size: number;
  readonly mode: 'threads' | 'inline';
  /** Why the pool runs inline although N > 1 (e.g. worker module not built), else undefined. */
  readonly inlineReason: string | undefined;
  /**
   * Runs a task. `timeoutMs` aborts it (threads: the thread is terminated and tinypool respawns one); inline
   * tasks cannot be interrupted, so there the limit is not enforced.
   */
  run<R>(name: string, payload: unknown, options?: RunTaskOptions): Promise<R>;
  destroy(): Promise<void>;
}

export interface RunTaskOptions {
  readonly timeoutMs?: number;
  /** The gate's `--timeout-gate` signal: once aborted, the task is cancelled (threads) or not started (inline). */
  readonly gateTimeout?: GateTimeout;
}

/** A gate's time limit as its tasks see it: aborted when `--timeout-gate` ran out (`validation.md` §8). */
export interface GateTimeout {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/** A task aborted by its time limit (`validation.md` §8 Timeouts). */
export class TaskTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`TIMEOUT after ${Math.round(timeoutMs / 1000)}s`);
    this.name = 'TaskTimeoutError';
  }
}

export interface TaskPoolOptions {
  readonly workers: number;
  /** Worker module (plain JS) exporting the task functions by name; undefined = inline. */
  readonly workerFile: string | URL | undefined;
  /** The same task functions for inline mode. */
  readonly inlineTasks: Readonly<Record<string, TaskFn>>;
  /** Why `workerFile` is undefined, shown to the user. */
  readonly inlineReason?: string;
  /** `TRADE_WORKER_HEAP_MB` (default 2048). */
  readonly heapMb?: number;
}

/** `--workers` / `TRADE_WORKERS` default: one core left for the main thread (`validation.md` §8). */
export function defaultWorkerCount(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const fromEnv = env.TRADE_WORKERS;
  if (fromEnv !== undefined && fromEnv !== '') return parseWorkerCount(fromEnv, 'TRADE_WORKERS');
  return Math.max(1, availableParallelism() - 1);
}

/** A worker count from a flag or env value: an integer ≥ 1, else a usage error naming the source. */
export function parseWorkerCount(text: string, source: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new ValidationError(
      'E_VALIDATE_WORKERS',
      `${source} expects an integer >= 1, got '${text}'`,
      'e.g. --workers 2',
    );
  return n;
}

/**
 * The play worker module when it can run in a worker thread: the built `dist/play-worker.js` (worker threads
 * cannot load TypeScript sources without a loader). Returns undefined from sources when dist is not built.
 */
export function defaultPlayWorkerFile(): string | undefined {
  for (const rel of ['./play-worker.js', '../../dist/play-worker.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

class InlinePool implements TaskPool {
  readonly mode = 'inline' as const;
  constructor(
    readonly size: number,
    private readonly tasks: Readonly<Record<string, TaskFn>>,
    readonly inlineReason: string | undefined,
  ) {}

  /** Sequential, like one worker: the next task starts after the previous one settled. */
  private tail: Promise<unknown> = Promise.resolve();

  run<R>(name: string, payload: unknown, options: RunTaskOptions = {}): Promise<R> {
    const fn = this.tasks[name];
    if (fn === undefined) return Promise.reject(new Error(`unknown pool task '${name}'`));
    const gate = options.gateTimeout;
    // A running inline task cannot be interrupted; the ones still queued when the gate times out never start.
    const next = this.tail.then(() => {
      if (gate?.signal.aborted === true) throw new TaskTimeoutError(gate.timeoutMs);
      return fn(payload as never) as R;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  async destroy(): Promise<void> {}
}

class ThreadPool implements TaskPool {
  readonly mode = 'threads' as const;
  readonly inlineReason = undefined;
  private pool: Tinypool | undefined;

  constructor(
    readonly size: number,
    private readonly filename: string,
    private readonly heapMb: number,
  ) {}

  /** Created lazily at the first task (`validation.md` §8). */
  private get tinypool(): Tinypool {
    this.pool ??= new Tinypool({
      filename: this.filename,
      minThreads: 1,
      maxThreads: this.size,
      isolateWorkers: false,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    return this.pool;
  }

  async run<R>(name: string, payload: unknown, options: RunTaskOptions = {}): Promise<R> {
    const { timeoutMs, gateTimeout } = options;
    if (timeoutMs === undefined && gateTimeout === undefined)
      return (await this.tinypool.run(payload, { name })) as R;
    const own = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const signals = [own, gateTimeout?.signal].filter((s) => s !== undefined);
    const signal = signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals);
    try {
      return (await this.tinypool.run(payload, { name, signal })) as R;
    } catch (error) {
      if (gateTimeout?.signal.aborted === true) throw new TaskTimeoutError(gateTimeout.timeoutMs);
      if (own?.aborted === true) throw new TaskTimeoutError(timeoutMs as number);
      throw error;
    }
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

/** One pool per validation run: threads when N > 1 and a worker module exists, else inline. */
export function createTaskPool(options: TaskPoolOptions): TaskPool {
  if (options.workers > 1 && options.workerFile !== undefined) {
    const file = options.workerFile instanceof URL ? fileURLToPath(options.workerFile) : options.workerFile;
    return new ThreadPool(options.workers, file, options.heapMb ?? 2048);
  }
  const reason = options.workers > 1 ? (options.inlineReason ?? 'no worker module') : undefined;
  return new InlinePool(options.workers, options.inlineTasks, reason);
}
