import type { IndicatorEntry } from './base/define';
import { cci } from './momentum/Cci';
import { cmo } from './momentum/Cmo';
import { fisher } from './momentum/Fisher';
import { macd } from './momentum/Macd';
import { mom } from './momentum/Mom';
import { ppo } from './momentum/Ppo';
import { roc } from './momentum/Roc';
import { rsi } from './momentum/Rsi';
import { squeeze } from './momentum/Squeeze';
import { stoch } from './momentum/Stoch';
import { stochrsi } from './momentum/StochRsi';
import { trix } from './momentum/Trix';
import { tsi } from './momentum/Tsi';
import { uo } from './momentum/Uo';
import { willr } from './momentum/Willr';
import { midprice } from './price/Midprice';
import { ohlc4 } from './price/Ohlc4';
import { adx } from './trend/Adx';
import { alma } from './trend/Alma';
import { aroon } from './trend/Aroon';
import { dema } from './trend/Dema';
import { dm } from './trend/Dm';
import { ema } from './trend/Ema';
import { kama } from './trend/Kama';
import { linreg } from './trend/Linreg';
import { psar } from './trend/Psar';
import { sma } from './trend/Sma';
import { supertrend } from './trend/Supertrend';
import { tema } from './trend/Tema';
import { trima } from './trend/Trima';
import { vortex } from './trend/Vortex';
import { wma } from './trend/Wma';
import { zlma } from './trend/Zlma';
import { atr } from './volatility/Atr';
import { bbands } from './volatility/Bbands';
import { donchian } from './volatility/Donchian';
import { kc } from './volatility/Kc';
import { natr } from './volatility/Natr';
import { anchoredVwap } from './volume/AnchoredVwap';
import { cmf } from './volume/Cmf';
import { kvo } from './volume/Kvo';
import { mfi } from './volume/Mfi';
import { obv } from './volume/Obv';
import { vwap } from './volume/Vwap';

/** Every indicator of indicators.md §2 (#1–#44) in catalogue order; the three "later" ones are not here yet. */
export const CATALOGUE: readonly IndicatorEntry[] = [
  ema,
  sma,
  wma,
  dema,
  tema,
  trima,
  zlma,
  kama,
  alma,
  rsi,
  atr,
  natr,
  cci,
  willr,
  roc,
  mom,
  mfi,
  obv,
  cmf,
  cmo,
  linreg,
  midprice,
  ohlc4,
  uo,
  vwap,
  macd,
  bbands,
  stoch,
  stochrsi,
  adx,
  aroon,
  kc,
  donchian,
  supertrend,
  psar,
  squeeze,
  vortex,
  dm,
  fisher,
  tsi,
  kvo,
  ppo,
  trix,
  anchoredVwap,
];
