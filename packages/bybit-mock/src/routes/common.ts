import { paramsError } from '../server/envelope';
import type { RouteContext } from '../server/router';

/**
 * `category` must be `linear` (`bybit-mock.md` scope); `optional` routes default to it as Bybit does for
 * klines.
 */
export function requireLinear(ctx: RouteContext, optional = false): 'linear' {
  const category = ctx.query.optionalString('category');
  if (category === undefined) {
    if (optional) return 'linear';
    throw paramsError('category is required (this mock serves linear only)');
  }
  if (category !== 'linear') {
    throw paramsError(
      `category '${category}' is not supported (this mock serves linear USDT perpetuals only)`,
    );
  }
  return 'linear';
}

function checkSymbol(ctx: RouteContext, symbol: string): string {
  if (symbol !== symbol.toUpperCase()) throw paramsError(`symbol '${symbol}' must be upper-case`);
  if (!ctx.market.hasSymbol(symbol)) {
    throw paramsError(`symbol invalid: ${symbol} (served: ${ctx.market.symbols.join(', ') || 'none'})`);
  }
  return symbol;
}

export function requireSymbol(ctx: RouteContext): string {
  return checkSymbol(ctx, ctx.query.requiredString('symbol'));
}

export function optionalSymbol(ctx: RouteContext): string | undefined {
  const symbol = ctx.query.optionalString('symbol');
  return symbol === undefined ? undefined : checkSymbol(ctx, symbol);
}

/** `[startTime, endTime]` with `endTime ≥ startTime` when both are given. */
export function timeWindow(
  ctx: RouteContext,
  startName: string,
  endName: string,
): { start: number | undefined; end: number | undefined } {
  const start = ctx.query.optionalInt(startName);
  const end = ctx.query.optionalInt(endName);
  if (start !== undefined && end !== undefined && end < start) {
    throw paramsError(`${endName} (${end}) must not be before ${startName} (${start})`);
  }
  return { start, end };
}
