/**
 * The layer of every workspace package (DEVELOPERS.md). A package may import only packages of a strictly
 * lower layer; nothing imports an app.
 */
export const LAYERS: Readonly<Record<string, number>> = {
  '@trade/core': 0,
  '@trade/indicators': 1,
  '@trade/sim-exchange': 1,
  '@trade/metrics': 1,
  '@trade/data': 1,
  '@trade/structures': 2,
  '@trade/bybit-mock': 2,
  '@trade/play': 3,
  '@trade/engine': 4,
  '@trade/validate': 5,
  '@trade/live': 5,
  '@trade/cli': 6,
  '@trade/runner': 6,
};

export const APP_LAYER = 6;
