import { parseTimeframe, type Timeframe } from '@trade/core';
import type { DataLocationOptions } from '@trade/data';
import { type CommandContext, stringFlag, UsageError } from '../command';

/** `--data-env`, `--data-dir`, the CLI's env and cwd: where the data commands read and write. */
export function dataLocation(ctx: CommandContext): DataLocationOptions {
  const dataEnv = stringFlag(ctx, 'data-env');
  const dataDir = stringFlag(ctx, 'data-dir');
  return {
    ...(dataEnv === undefined ? {} : { dataEnv }),
    ...(dataDir === undefined ? {} : { dataDir }),
    cwd: ctx.io.cwd,
    env: ctx.io.env,
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `cli.md` §1 dates: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` (UTC unless a `Z`/offset says otherwise), epoch ms. */
export function parseDateFlag(ctx: CommandContext, name: string): number | undefined {
  const text = stringFlag(ctx, name);
  if (text === undefined) return undefined;
  if (/^\d{9,}$/.test(text)) return Number(text);
  const m = DATE.exec(text);
  const ms =
    m === null
      ? Number.NaN
      : Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : m[7] === undefined ? `${text}Z` : text);
  if (!Number.isFinite(ms)) {
    throw new UsageError(
      `--${name} expects a date, got '${text}'`,
      `use YYYY-MM-DD, YYYY-MM-DDTHH:MM (UTC) or epoch ms, e.g. --${name} 2025-06-01`,
    );
  }
  return ms;
}

const PERIOD_MS: Readonly<Record<string, number>> = {
  H: 3_600_000,
  D: 86_400_000,
  W: 604_800_000,
  M: 30 * 86_400_000,
  Y: 365 * 86_400_000,
};

/** `--period <n>H|D|W|M|Y` in ms. */
export function parsePeriodFlag(ctx: CommandContext): number | undefined {
  const text = stringFlag(ctx, 'period');
  if (text === undefined) return undefined;
  const m = /^(\d+)([HDWMY])$/.exec(text);
  if (m === null)
    throw new UsageError(
      `--period expects <n>H|D|W|M|Y, got '${text}'`,
      'e.g. --period 30D (M = 30 days, Y = 365 days)',
    );
  return Number(m[1]) * PERIOD_MS[m[2]!]!;
}

/** A comma-separated flag as a trimmed list (empty entries dropped). */
export function listFlag(ctx: CommandContext, name: string): string[] | undefined {
  const text = stringFlag(ctx, name);
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function timeframeFlag(ctx: CommandContext, name: string): Timeframe | undefined {
  const text = stringFlag(ctx, name);
  if (text === undefined) return undefined;
  try {
    return parseTimeframe(text);
  } catch (e) {
    throw new UsageError(
      `--${name}: ${(e as Error).message}`,
      (e as { hint?: string }).hint ?? 'e.g. --tf 1m',
    );
  }
}

/** `--name` restricted to `allowed`; a usage error lists the accepted values. */
export function choiceFlag<T extends string>(
  ctx: CommandContext,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const text = stringFlag(ctx, name);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(
      `--${name} must be one of ${allowed.join(', ')}, got '${text}'`,
      `e.g. --${name} ${allowed[0]}`,
    );
  }
  return text as T;
}

/** Progress lines on stderr only on a TTY without --json/--quiet/CI/TRADE_PROGRESS=0 (`cli.md` §6), ≤ 10 Hz. */
export function progressWriter(ctx: CommandContext): ((line: string, final?: boolean) => void) | undefined {
  const env = ctx.io.env;
  if (!ctx.io.isTTY || ctx.json || ctx.quiet || env.CI === 'true' || env.TRADE_PROGRESS === '0')
    return undefined;
  let last = 0;
  return (line, final = false) => {
    const now = Date.now();
    if (!final && now - last < 100) return;
    last = now;
    ctx.io.stderr(`\r\x1b[2K${line}${final ? '\n' : ''}`);
  };
}

/** Runs `fn` with an AbortSignal that SIGINT/SIGTERM abort; the listeners are removed afterwards. */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function isoOrDash(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms)
    ? '-'
    : new Date(ms).toISOString().replace('.000Z', 'Z');
}
