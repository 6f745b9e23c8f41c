import { roundPrice } from '../formulas/grid';
import type { SlippageModel } from '../types';

/**
 * Adverse slippage of §10.4 for taker fills (never for liquidations): Buy `ceilTick(price + offset)`, Sell
 * `floorTick(price − offset)`.
 */
export function slippedPrice(
  model: SlippageModel,
  price: number,
  buy: boolean,
  qty: number,
  barVolume: number | undefined,
  tickSize: number,
): number {
  let offset = 0;
  switch (model.kind) {
    case 'none':
      offset = 0;
      break;
    case 'fixed_bps':
      offset = (price * model.bps) / 10_000;
      break;
    case 'ticks':
      offset = model.n * tickSize;
      break;
    case 'volume_share': {
      const bps =
        barVolume === undefined || !(barVolume > 0)
          ? model.maxBps
          : Math.min(model.maxBps, model.baseBps + (model.bpsPerPctOfVolume * 100 * qty) / barVolume);
      offset = (price * bps) / 10_000;
      break;
    }
  }
  return buy ? roundPrice(price + offset, tickSize, 'up') : roundPrice(price - offset, tickSize, 'down');
}

export function validateSlippage(model: SlippageModel): string | undefined {
  switch (model.kind) {
    case 'none':
      return undefined;
    case 'fixed_bps':
      return model.bps >= 0 ? undefined : 'bps must be >= 0';
    case 'ticks':
      return Number.isInteger(model.n) && model.n >= 0 ? undefined : 'n must be an integer >= 0';
    case 'volume_share':
      return model.baseBps >= 0 && model.bpsPerPctOfVolume >= 0 && model.maxBps >= model.baseBps
        ? undefined
        : 'baseBps, bpsPerPctOfVolume >= 0 and maxBps >= baseBps';
    default:
      return 'unknown slippage kind';
  }
}
