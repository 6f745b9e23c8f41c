import { type Candles, lowerBoundTs, rollup, sliceCandles, type Timeframe } from '@trade/core';

/** Exec-TF candles of the simulated window, rolled up from the 1m bars the run consumed. */
export function rollupForReport(
  minutes: Candles,
  execTf: Timeframe,
  simStart: number,
  simEnd: number,
): Candles {
  return rollup(
    sliceCandles(minutes, lowerBoundTs(minutes, simStart), lowerBoundTs(minutes, simEnd)),
    execTf,
  );
}
