import type { IndicatorEntry } from './base/define';
import { rsi } from './momentum/Rsi';
import { ema } from './trend/Ema';
import { sma } from './trend/Sma';
import { atr } from './volatility/Atr';

/** Every indicator of indicators.md §2 in catalogue order. */
export const CATALOGUE: readonly IndicatorEntry[] = [ema, sma, rsi, atr];
