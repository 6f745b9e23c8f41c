import { describe, expect, it } from 'vitest';
import {
  createTaskPool,
  defaultWorkerCount,
  parseWorkerCount,
  TaskTimeoutError,
  ValidationError,
} from '../src/index';

const worker = new URL('./fixtures/echo-worker.mjs', import.meta.url);

interface Who {
  readonly threadId: number;
  readonly index: number;
}

describe('task pool (validation.md §8)', () => {
  it('spreads concurrent tasks over exactly --workers threads', async () => {
    const pool = createTaskPool({ workers: 2, workerFile: worker, inlineTasks: {} });
    try {
      expect(pool.mode).toBe('threads');
      expect(pool.size).toBe(2);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, index) => pool.run<Who>('whoAmI', { ms: 150, index })),
      );
      expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
      expect(results.every((r) => r.threadId !== 0)).toBe(true);
    } finally {
      await pool.destroy();
    }
  });

  it('rejects only the task whose worker function throws', async () => {
    const pool = createTaskPool({ workers: 2, workerFile: worker, inlineTasks: {} });
    try {
      const [bad, good] = await Promise.allSettled([
        pool.run('boom', { index: 1 }),
        pool.run<Who>('whoAmI', { ms: 1, index: 2 }),
      ]);
      expect(bad.status).toBe('rejected');
      expect(String((bad as PromiseRejectedResult).reason)).toMatch(/boom 1/);
      expect(good).toMatchObject({ status: 'fulfilled', value: { index: 2 } });
    } finally {
      await pool.destroy();
    }
  });

  it('aborts a task that exceeds its time limit with TIMEOUT and keeps serving others', async () => {
    const pool = createTaskPool({ workers: 2, workerFile: worker, inlineTasks: {} });
    try {
      await expect(pool.run('hang', {}, { timeoutMs: 200 })).rejects.toBeInstanceOf(TaskTimeoutError);
      await expect(pool.run('hang', {}, { timeoutMs: 200 })).rejects.toThrow(/^TIMEOUT after 0s$/);
      await expect(pool.run<Who>('whoAmI', { ms: 1, index: 7 })).resolves.toMatchObject({ index: 7 });
    } finally {
      await pool.destroy();
    }
  });

  it('--timeout-gate aborts every task of the gate in threads, each reporting TIMEOUT', async () => {
    const pool = createTaskPool({ workers: 2, workerFile: worker, inlineTasks: {} });
    const gate = new AbortController();
    const gateTimeout = { signal: gate.signal, timeoutMs: 3_000 };
    try {
      const tasks = [0, 1, 2].map(() => pool.run('hang', {}, { timeoutMs: 60_000, gateTimeout }));
      setTimeout(() => gate.abort(), 100);
      for (const t of tasks) await expect(t).rejects.toThrow(/^TIMEOUT after 3s$/);
      await expect(pool.run<Who>('whoAmI', { ms: 1, index: 9 })).resolves.toMatchObject({ index: 9 });
    } finally {
      await pool.destroy();
    }
  });

  it('--timeout-gate inline: queued tasks of a timed-out gate never start', async () => {
    const started: number[] = [];
    const slow = (p: { index: number }) =>
      new Promise<number>((r) => {
        started.push(p.index);
        setTimeout(() => r(p.index), 80);
      });
    const pool = createTaskPool({ workers: 1, workerFile: undefined, inlineTasks: { slow } });
    const gate = new AbortController();
    const gateTimeout = { signal: gate.signal, timeoutMs: 1_000 };
    const tasks = [0, 1, 2].map((index) => pool.run<number>('slow', { index }, { gateTimeout }));
    setTimeout(() => gate.abort(), 20);
    await expect(tasks[0]).resolves.toBe(0);
    await expect(tasks[1]).rejects.toBeInstanceOf(TaskTimeoutError);
    await expect(tasks[2]).rejects.toThrow(/^TIMEOUT after 1s$/);
    expect(started).toEqual([0]);
  });

  it('runs inline and sequentially with --workers 1', async () => {
    const order: string[] = [];
    const pool = createTaskPool({
      workers: 1,
      workerFile: worker,
      inlineTasks: {
        step: async (p: { id: string; ms: number }) => {
          order.push(`start ${p.id}`);
          await new Promise((r) => setTimeout(r, p.ms));
          order.push(`end ${p.id}`);
          return p.id;
        },
      },
    });
    expect(pool.mode).toBe('inline');
    const out = await Promise.all([
      pool.run('step', { id: 'a', ms: 30 }),
      pool.run('step', { id: 'b', ms: 1 }),
    ]);
    expect(out).toEqual(['a', 'b']);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('falls back to inline with a stated reason when no worker module exists', () => {
    const pool = createTaskPool({
      workers: 3,
      workerFile: undefined,
      inlineTasks: {},
      inlineReason: 'not built',
    });
    expect(pool).toMatchObject({ mode: 'inline', size: 3, inlineReason: 'not built' });
  });

  it('reads TRADE_WORKERS and rejects worker counts below 1', () => {
    expect(defaultWorkerCount({ TRADE_WORKERS: '3' })).toBe(3);
    expect(defaultWorkerCount({})).toBeGreaterThanOrEqual(1);
    expect(() => parseWorkerCount('0', '--workers')).toThrow(ValidationError);
    expect(() => parseWorkerCount('1.5', '--workers')).toThrow(/--workers expects an integer >= 1/);
  });
});
