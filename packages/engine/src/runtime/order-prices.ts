import type { InstrumentSpec } from '@trade/core';
import type { EntryOrderType } from '@trade/play';
import { roundPrice } from '@trade/sim-exchange';

/** Prices of an entry order created at a tick (`play-dsl.md` §14, `engine.md` §7.2–7.3). */
export interface EntryPrices {
  /** Limit price (LIMIT, STOP_LIMIT), else NaN. */
  readonly limit: number;
  /** Trigger price (STOP, STOP_LIMIT), else NaN. */
  readonly trigger: number;
  /** The intended entry price risk distances and sizing are computed from. */
  readonly reference: number;
}

/**
 * Limit: long `ref × (1 − x)`, short `ref × (1 + x)`, buys rounded down, sells up. Stop trigger: long
 * `ref × (1 + y)`, short `ref × (1 − y)`, nearest tick. Stop-limit: the limit lies beyond the trigger by x.
 */
export function entryPrices(
  orderType: EntryOrderType,
  dir: 1 | -1,
  ref: number,
  limitOffsetPct: number,
  stopOffsetPct: number,
  instrument: InstrumentSpec,
): EntryPrices {
  const tick = instrument.tickSize;
  const buy = dir === 1;
  const limitFrom = (base: number, sign: 1 | -1) =>
    roundPrice(base * (1 + (sign * limitOffsetPct) / 100), tick, buy ? 'down' : 'up');
  switch (orderType) {
    case 'MARKET':
      return { limit: Number.NaN, trigger: Number.NaN, reference: ref };
    case 'LIMIT': {
      const limit = limitFrom(ref, buy ? -1 : 1);
      return { limit, trigger: Number.NaN, reference: limit };
    }
    case 'STOP': {
      const trigger = roundPrice(ref * (1 + (dir * stopOffsetPct) / 100), tick, 'nearest');
      return { limit: Number.NaN, trigger, reference: trigger };
    }
    case 'STOP_LIMIT': {
      const trigger = roundPrice(ref * (1 + (dir * stopOffsetPct) / 100), tick, 'nearest');
      const limit = limitFrom(trigger, buy ? 1 : -1);
      return { limit, trigger, reference: limit };
    }
  }
}
