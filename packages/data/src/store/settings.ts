import { availableParallelism } from 'node:os';

/** `SET` values applied on every open (`data.md` §3.2). */
export function duckdbSettings(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const threads = Number(env.TRADE_DUCKDB_THREADS);
  return {
    threads: String(
      Number.isInteger(threads) && threads > 0 ? threads : Math.max(1, availableParallelism() - 1),
    ),
    memory_limit:
      env.TRADE_DUCKDB_MEMORY !== undefined && env.TRADE_DUCKDB_MEMORY !== ''
        ? env.TRADE_DUCKDB_MEMORY
        : '2GB',
  };
}
