/** `validation.md` §13 smoke settings, read from the run's environment. */
export interface SmokeSettings {
  readonly symbols: readonly string[];
  /** USD notional of the EX4 test order, in (0, 100]. */
  readonly usdSize: number;
}

export const DEFAULT_SMOKE_SYMBOLS = ['BTCUSDT', 'ETHUSDT'] as const;
export const DEFAULT_SMOKE_USD_SIZE = 20;
export const MAX_SMOKE_USD_SIZE = 100;

/**
 * `TRADE_SMOKE_SYMBOLS` (comma-separated, ≥ 1, default `BTCUSDT,ETHUSDT`) and `TRADE_SMOKE_USD_SIZE` (default 20,
 * > 0, capped at 100); with `served` (target mock) every symbol must be one of them. Returns the settings or the
 * failure line naming the variable.
 */
export function smokeSettings(
  env: Readonly<Record<string, string | undefined>>,
  served: readonly string[] | undefined,
): SmokeSettings | string {
  const rawSymbols = env.TRADE_SMOKE_SYMBOLS?.trim();
  const symbols =
    rawSymbols === undefined || rawSymbols === ''
      ? [...DEFAULT_SMOKE_SYMBOLS]
      : rawSymbols
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  if (symbols.length === 0) return `TRADE_SMOKE_SYMBOLS '${rawSymbols}' names no symbol`;
  const malformed = symbols.find((s) => !/^[A-Z0-9]+$/.test(s));
  if (malformed !== undefined)
    return `TRADE_SMOKE_SYMBOLS: '${malformed}' is not a symbol (upper-case letters and digits, e.g. BTCUSDT)`;
  if (served !== undefined) {
    const unserved = symbols.filter((s) => !served.includes(s));
    if (unserved.length > 0)
      return `TRADE_SMOKE_SYMBOLS: ${unserved.join(', ')} not served by the mock (served: ${served.join(', ') || 'none'})`;
  }
  const rawSize = env.TRADE_SMOKE_USD_SIZE?.trim();
  let usdSize = DEFAULT_SMOKE_USD_SIZE;
  if (rawSize !== undefined && rawSize !== '') {
    usdSize = Number(rawSize);
    if (!Number.isFinite(usdSize) || usdSize <= 0)
      return `TRADE_SMOKE_USD_SIZE must be a number > 0, got '${rawSize}'`;
  }
  return { symbols, usdSize: Math.min(usdSize, MAX_SMOKE_USD_SIZE) };
}
